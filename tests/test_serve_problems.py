"""`mkdocs serve` tells the truth (issue 12): every kind of problem shows in a banner on
every page, with file:line, and is marked where it stands; fixing the file clears it on
the next save; every input folder is watched; nothing stale survives a rebuild; a bug in
the edition is one line in the banner, and the server keeps serving.

A tiny annotated project (tests/sites.py) with the edition's own overrides/ is served on
a free port; each step edits one file and waits for the served page to change.
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
from sites import BOOK_1, BOOK_2, MKDOCS_YML, make_site
from test_serve import _fetch, _free_port, _wait_for

ARTICLE = """\
---
edition_article: true
---

# A tiny article

For H. Morgenthau alliances serve the balance of power [1].

Experts met in Tashkent on the question [2, p.5].
"""
GLOSSARY = """\
---
title: Hans J. Morgenthau
glossary:
  kind: theorist
  aliases: ["H. Morgenthau"]
  summary: "A theorist."
---

# Hans J. Morgenthau
"""
PLACES = """\
- id: tashkent
  name: "Tashkent"
  aliases: ["Tashkent"]
  description: "A city."
"""
TIMELINE = "- date: \"2021-12-06\"\n  label: \"Meeting\"\n  quote: \"Experts met in Tashkent\"\n"
FILES = {
    "mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"),
    "docs/index.md": ARTICLE,
    "docs/glossary/morgenthau.md": GLOSSARY,
    "docs/places.md": "# Places\n\n<!-- edition:register places -->\n",
    "docs/timeline.md": "# Timeline\n\n<!-- edition:timeline -->\n",
    "data/registers/places.yml": PLACES,
    "data/timeline.yml": TIMELINE,
}


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


BREAKS = [
    pytest.param("bib/references.bib", BOOK_1 + "\n" + BOOK_2.replace("Cornell University Press},",
                                                                       "Cornell University Press,"),
                 "bib/references.bib:14: BibTeX syntax error: the '{' on this line is never closed — add the "
                 "matching '}'", id="bib-unclosed-brace"),
    pytest.param("bib/references.bib", BOOK_1 + "\n" + BOOK_2.replace("  publisher = {Cornell University Press},\n", ""),
                 "bib/references.bib:10: entry 'walt1990' (@book) has no 'publisher' field — add publisher = "
                 "{...} as the printed reference list gives it", id="bib-missing-field"),
    pytest.param("data/timeline.yml", TIMELINE.replace("2021-12-06", "1998-13"),
                 "data/timeline.yml:1: timeline event: date '1998-13' is not a date — write YYYY, YYYY-MM or "
                 "YYYY-MM-DD (a real month and day), or a range A/B", id="timeline-date"),
    pytest.param("data/timeline.yml", TIMELINE.replace("Experts met in Tashkent", "Nobody met"),
                 "data/timeline.yml:1: the quote \"Nobody met\" must occur in exactly one paragraph of the "
                 "article (found in 0)", id="timeline-quote"),
    pytest.param("data/registers/places.yml", PLACES.replace('["Tashkent"]', '"Tashkent"'),
                 "data/registers/places.yml:3: register entry 'tashkent': 'aliases' must be a list, e.g. "
                 "aliases: [\"Tashkent\"] — a single text would be read letter by letter", id="register-aliases"),
    pytest.param("docs/glossary/morgenthau.md", GLOSSARY.replace('  summary: "A theorist."\n', ""),
                 "docs/glossary/morgenthau.md:3: glossary has no 'summary' — add summary: ...", id="glossary"),
    pytest.param("docs/index.md", ARTICLE.replace("[2, p.5]", "[20, p.5]"),
                 "docs/index.md:9: citation [20, p.5] has no entry in bib/references.bib (entries are 1-2) — "
                 "check the number against the printed reference list, or add the entry with that shorthand",
                 id="citation"),
]


def test_every_problem_shows_on_every_page_and_clears_when_fixed(served) -> None:
    project, base, log = served
    assert _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
    assert _banner(_fetch(f"{base}/")) == [] and _banner(_fetch(f"{base}/places/")) == []
    for param in BREAKS:
        path, broken, message = param.values
        good = (project / path).read_text(encoding="utf-8")
        (project / path).write_text(broken, encoding="utf-8")
        where, text = message.split(": ", 1)
        for page in ("", "places/", "glossary/morgenthau/"):
            own = path == f"docs/{page.rstrip('/') or 'index'}.md"
            shown = f"{where} (this page): {text}" if own else f"{where}: {text}"
            _until_banner(base, page, [shown])
        (project / path).write_text(good, encoding="utf-8")
        _until_banner(base, "", [])
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")


def test_problems_are_marked_where_they_stand(served) -> None:
    project, base, log = served
    assert _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
    article = project / "docs" / "index.md"
    article.write_text(ARTICLE.replace("[2, p.5]", "[20, p.5]").replace(
        "the question", "the {sic: question | corr: <b>x</b>} [@nosuchkey]"), encoding="utf-8")
    html = _wait_for(lambda: (page := _fetch(f"{base}/")) and len(_banner(page)) == 3 and page)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".edition-cite--unresolved").get_text().startswith("[20, p.5]")
    assert soup.select_one(".edition-emendation.edition-problem").get_text() == "question[corr. <b>x</b>]"
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
    process, base, log = _serve(project, "import edition.resolve as m",
                                "m.Resolver.render_page = lambda *a, **k: {}['x']")
    try:
        html = _wait_for(lambda: _fetch(f"{base}/places/"), timeout=90)
        bug = re.compile(r"docs/\S+\.md: bug in the edition while processing this file \(KeyError: 'x'\) — "
                         "the file may well be right; please report this line to the edition's maintainers")
        [line] = _banner(html)
        assert bug.fullmatch(line), line
        (project / "docs" / "index.md").write_text(ARTICLE + "\nMore text.\n", encoding="utf-8")
        _wait_for(lambda: "More text." in (_fetch(f"{base}/") or ""))
        assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
