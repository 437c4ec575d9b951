"""The editor's second round under `mkdocs serve` (issue 25): every mistake of
tests/test_editor_errors.py shows as its one message in the banner and clears on the next
save; a page or data file that is not UTF-8 and a mkdocs.yml that cannot be loaded never
stop the server; SIGTERM leaves no temporary folder behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sites import MKDOCS_YML, MKDOCS_YML_WITH_BIBTEX, make_site
from test_editor_errors import BAD_BYTES, EDITORIAL, SCENARIOS, TIMELINE
from test_serve import _fetch, _free_port, _wait_for
from test_serve_problems import WITH_OVERRIDES, _banner, _serve, _until_banner

# data/ exists from the start: serve watches the input folders that exist when it starts.
BASE = {"mkdocs.yml": MKDOCS_YML.replace(*WITH_OVERRIDES), "data/emendation-candidates.yml": "[]\n"}
# With the bibtex plugin, whose copy of bib/editorial.bib is made in a temporary folder.
WITH_BIBTEX = {"mkdocs.yml": MKDOCS_YML_WITH_BIBTEX, "bib/editorial.bib": EDITORIAL}


def _served_case(files: dict[str, str | None], message: str) -> tuple[dict[str, str | None], str]:
    """A scenario as served: mkdocs.yml with the banner's template (custom_dir, one line
    more after line 4)."""
    files = dict(files)
    if files.get("mkdocs.yml"):
        files["mkdocs.yml"] = files["mkdocs.yml"].replace(*WITH_OVERRIDES)  # type: ignore[union-attr]
        if message.startswith("mkdocs.yml:"):
            line = int(message.split(":")[1])
            message = message.replace(f"mkdocs.yml:{line}:", f"mkdocs.yml:{line + (line > 4)}:", 1)
    return files, message


@pytest.fixture()
def served(tmp_path: Path):
    project = make_site(tmp_path / "project", BASE)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    process, base, log = _serve(project)
    try:
        yield project, base, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
        log.close()


def _write(project: Path, files: dict[str, str | bytes | None]) -> dict[str, bytes | None]:
    """Write `files` (None deletes), returning what stood there before."""
    before = {path: (project / path).read_bytes() if (project / path).exists() else None for path in files}
    for path, content in files.items():
        target = project / path
        if content is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return before


def _shown(message: str, page_source: str) -> list[str]:
    where, text = message.split(": ", 1)
    mark = " (this page)" if where.startswith(page_source + ":") else ""
    return [f"{where}{mark}: {text}"]


def test_every_mistake_shows_in_the_banner_and_clears(served) -> None:
    project, base, _ = served
    assert _wait_for(lambda: _fetch(f"{base}/references/"), timeout=90)
    cases: list[tuple[dict[str, str | bytes | None], str]] = [
        _served_case(files, message) for files, message in SCENARIOS.values()]
    cases += [({"data/timeline.yml": TIMELINE, path: data}, message) for path, data, message in BAD_BYTES.values()]
    for files, message in cases:
        before = _write(project, files)
        _until_banner(base, "references/", _shown(message, "docs/references.md"))
        _write(project, before)
        _until_banner(base, "references/", [])
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")


def test_a_yaml_error_in_mkdocs_yml_is_shown_and_the_server_keeps_serving(served) -> None:
    project, base, _ = served
    assert _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("  - search\n", "  - search\n   - bad: [x\n"), encoding="utf-8")
    line = good.split("  - search\n")[0].count("\n") + 2
    _until_banner(base, "", [f"mkdocs.yml:{line}: YAML error: mapping values are not allowed here — fix the "
                             "indentation or quoting; the site is served as it was before this edit"])
    config.write_text(good, encoding="utf-8")
    _until_banner(base, "", [])
    log = (project / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "appear stuck" not in log


def test_sigterm_leaves_no_temporary_folder(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", WITH_BIBTEX)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                               stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)})
    try:
        _wait_for(lambda: _fetch(f"http://127.0.0.1:{port}/"), timeout=90)
        assert [path.name for path in temporary.glob("edition-bib-*")], "the copy of bib/editorial.bib is made"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
    assert list(temporary.glob("edition-bib-*")) == []
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")


def test_a_page_that_is_not_utf8_does_not_stop_the_first_build(tmp_path: Path) -> None:
    path, data, message = BAD_BYTES["bad-byte-in-the-article"]
    project = make_site(tmp_path / "project", BASE)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / path).write_bytes(data)
    process, base, log = _serve(project)
    try:
        html = _wait_for(lambda: _fetch(f"{base}/references/"), timeout=90)
        assert _banner(html) == [message]
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")


def test_code_that_cannot_be_loaded_is_one_line_in_the_banner_and_serve_keeps_serving(tmp_path: Path) -> None:
    # The edition's code is a copy here, so that the test can break it under a real server.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "edition", code / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    project = make_site(tmp_path / "project", BASE)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    port = _free_port()
    log = (project / "serve.log").open("w+")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                               stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _fetch(f"{base}/"), timeout=90)
        module = code / "edition" / "inputs" / "schema.py"
        good = module.read_text(encoding="utf-8")
        module.write_text(good.replace("def read_list(", "def read_list((", 1), encoding="utf-8")
        line = 1 + good.split("def read_list(")[0].count("\n")
        html = _wait_for(lambda: (page := _fetch(f"{base}/")) and _banner(page) and page)
        [shown] = _banner(html)
        assert shown.startswith(f"edition/inputs/schema.py:{line}: bug in the edition: its code cannot be loaded "
                                "(SyntaxError: "), shown
        module.write_text(good, encoding="utf-8")
        _until_banner(base, "", [])
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    assert "Traceback" not in (project / "serve.log").read_text(encoding="utf-8")
