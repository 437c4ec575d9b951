"""`mkdocs serve` tells the truth (issue 12): every kind of problem shows in a banner on
every page, with file:line, and is marked where it stands; fixing the file clears it on
the next save; every input folder is watched; nothing stale survives a rebuild; a bug in
the edition is one line in the banner, and the server keeps serving.

The tiny project of tests/sites.py, with the edition's own overrides/, is served on a free
port; every mistake of tests/test_input_errors.py is made, seen in the banner of two
pages and fixed again under one server, each step waiting for the served page to change.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from sites import INDEX_MD, MKDOCS_YML, make_site
from test_input_errors import SCENARIOS
from test_serve import _fetch, _free_port, _wait_for

WITH_OVERRIDES = ("  font: false\n", "  font: false\n  custom_dir: overrides\n")  # the banner's template
TIMELINE = "- date: \"2021-12-06\"\n  label: \"Meeting\"\n  quote: \"Realists see alliances\"\n"
FILES = {
    "mkdocs.yml": MKDOCS_YML.replace(*WITH_OVERRIDES),
    "docs/timeline.md": "# Timeline\n\n<!-- edition:timeline -->\n",
    "data/timeline.yml": TIMELINE,
}
# The mistakes of tests/test_input_errors.py that a served project can show (a bug
# injected into the edition is its own test below); and two only the late pass finds.
SERVED = {case: SCENARIOS[case] for case in sorted(SCENARIOS)}
for _case, (_files, _message) in SERVED.items():
    if _message.startswith("mkdocs.yml:"):
        # Served with the banner's template: custom_dir on a line of its own after line 4.
        _line = int(_message.split(":")[1])
        SERVED[_case] = ({path: text.replace(*WITH_OVERRIDES) if path == "mkdocs.yml" else text
                          for path, text in _files.items()},
                         _message.replace(f"mkdocs.yml:{_line}:", f"mkdocs.yml:{_line + (_line > 4)}:", 1))
SERVED["timeline-quote-not-in-text"] = (
    {"data/timeline.yml": TIMELINE.replace("Realists see alliances", "Nobody met")},
    "data/timeline.yml:1: the quote \"Nobody met\" must occur in exactly one paragraph of the article (found in 0)")
SERVED["unknown-citation-number"] = (
    {"docs/index.md": INDEX_MD.replace("[2, p.5]", "[20, p.5]")},
    "docs/index.md:9: citation [20, p.5] has no entry in bib/references.bib (entries are 1-2) — check the "
    "number against the printed reference list, or add the entry with that shorthand")


def _serve(project: Path, *prelude: str):
    port = _free_port()
    log = (project / "serve.log").open("w+")
    code = "; ".join(["import sys", *prelude, "from mkdocs.__main__ import cli",
                      f"sys.argv = ['mkdocs', 'serve', '-a', '127.0.0.1:{port}']", "cli()"])
    process = subprocess.Popen([sys.executable, "-c", code], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return process, f"http://127.0.0.1:{port}", log


def _banner(html: str | None) -> list[str]:
    """The banner's items as text ('' items when there is no banner)."""
    if html is None:
        return ["(no page)"]
    return [" ".join(item.get_text().split())
            for item in BeautifulSoup(html, "html.parser").select(".edition-problems__item")]


@pytest.fixture()
def served(tmp_path: Path):
    project = make_site(tmp_path / "project", FILES)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    process, base, log = _serve(project)
    try:
        yield project, base, log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _until_banner(base: str, page: str, expected: list[str]) -> str:
    return _wait_for(lambda: (html := _fetch(f"{base}/{page}")) and _banner(html) == expected and html)


def test_every_problem_shows_on_every_page_and_clears_when_fixed(served) -> None:
    project, base, log = served
    assert _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
    assert _banner(_fetch(f"{base}/")) == [] and _banner(_fetch(f"{base}/references/")) == []
    for files, message in SERVED.values():
        before = {path: (project / path).read_text(encoding="utf-8") if (project / path).exists() else None
                  for path in files}
        for path, text in files.items():
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_text(text, encoding="utf-8")
        where, text = message.split(": ", 1)
        for page, source in (("", "docs/index.md"), ("references/", "docs/references.md")):
            mark = " (this page)" if where.startswith(source + ":") else ""
            _until_banner(base, page, [f"{where}{mark}: {text}"])
        for path, text in before.items():
            if text is None:
                (project / path).unlink()
            else:
                (project / path).write_text(text, encoding="utf-8")
        _until_banner(base, "", [])
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")


def test_problems_are_marked_where_they_stand(served) -> None:
    project, base, log = served
    assert _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
    article = project / "docs" / "index.md"
    article.write_text(INDEX_MD.replace("[2, p.5]", "[20, p.5]").replace(
        "security cooperation", "security {sic: cooperation | corr: <b>x</b>} [@nosuchkey]"), encoding="utf-8")
    html = _wait_for(lambda: (page := _fetch(f"{base}/")) and len(_banner(page)) == 3 and page)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".edition-cite--unresolved").get_text().startswith("[20, p.5]")
    assert soup.select_one(".edition-emendation.edition-problem").get_text() == "cooperation[corr. <b>x</b>]"
    assert soup.select_one("span.edition-problem:not(.edition-emendation)").get_text() == "[@nosuchkey]"
    assert soup.find("b") is None


def test_data_overrides_and_hooks_are_watched(served) -> None:
    project, base, log = served
    assert _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
    (project / "data/timeline.yml").write_text(TIMELINE.replace("Meeting", "Summit"), encoding="utf-8")
    _wait_for(lambda: "Summit" in (_fetch(f"{base}/timeline/") or ""))
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% block footer %}<p>edited-override</p>{% endblock %}\n",
                    encoding="utf-8")
    _wait_for(lambda: "edited-override" in (_fetch(f"{base}/") or ""))
    hooks = project / "hooks" / "edition_hooks.py"
    hooks.write_text(hooks.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _wait_for(lambda: log.flush() or (project / "serve.log").read_text(encoding="utf-8").count(
        "Detected file changes") >= 3)


def test_a_bug_in_the_edition_is_one_line_in_the_banner_and_serve_keeps_serving(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", FILES)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    process, base, log = _serve(project, "import edition.render.resolve as m",
                                "m.Resolver.render_page = lambda *a, **k: {}['x']")
    try:
        html = _wait_for(lambda: _fetch(f"{base}/references/"), timeout=90)
        bug = re.compile(r"docs/\S+\.md: bug in the edition while processing this file \(KeyError: 'x'\) — "
                         "the file may well be right; please report this line to the edition's maintainers")
        [line] = _banner(html)
        assert bug.fullmatch(line), line
        (project / "docs" / "index.md").write_text(INDEX_MD + "\nMore text.\n", encoding="utf-8")
        _wait_for(lambda: "More text." in (_fetch(f"{base}/") or ""))
        assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
