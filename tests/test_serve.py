"""`mkdocs serve` as an editor uses it: edits rebuild, state is reset, bad edits are
reported while the server keeps serving the last good build."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import sources
from sites import copy_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail("timed out waiting for the server")


def _backlinks(html: str, number: int) -> int:
    entry = BeautifulSoup(html, "html.parser").find(id=f"ref-{number}")
    return len(entry.select(".edition-backlinks__link"))


@pytest.fixture()
def served_project(tmp_path: Path):
    copy_project(tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}", log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _log_text(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


def test_edits_rebuild_and_bad_edits_keep_the_last_good_site(served_project):
    project, base, log = served_project
    references_url = f"{base}/references/"
    html = _wait_for(lambda: _fetch(references_url), timeout=90)
    assert _backlinks(html, 16) == 3

    # Remove one of the three [16] citations: its backlink must disappear (state reset).
    article = project / "docs" / "article.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("the defense ministries has been established, "
                                    "and joint military exercises are being conducted [16].",
                                    "the defense ministries has been established, "
                                    "and joint military exercises are being conducted.", 1),
                       encoding="utf-8")
    html = _wait_for(lambda: (page := _fetch(references_url)) and _backlinks(page, 16) == 2 and page)
    assert _backlinks(html, 8) == 3

    # A bibliography edit rebuilds too (bib/ is watched).
    bib = project / "bib" / "references.bib"
    bib_text = bib.read_text(encoding="utf-8")
    bib.write_text(bib_text.replace("Theory of International Politics", "Theory of International Politics (edited)"),
                   encoding="utf-8")
    _wait_for(lambda: "Theory of International Politics (edited)" in (_fetch(references_url) or ""))

    # A bad edit: the message names file and line, and the server keeps serving.
    bad = article.read_text(encoding="utf-8").replace("[2, p.137]", "[20, p.137]")
    article.write_text(bad, encoding="utf-8")
    line = 1 + bad[: bad.index("[20, p.137]")].count("\n")
    expected = (f"docs/article.md:{line}: citation [20, p.137] has no entry in bib/references.bib "
                f"(entries are 1-{max(sources.reference_numbers())})")
    _wait_for(lambda: expected in _log_text(log))
    still = _fetch(references_url)
    assert still is not None and "Theory of International Politics (edited)" in still
    assert "edition-cite--unresolved" in (_fetch(f"{base}/article/") or "")
    assert "Traceback" not in _log_text(log)
    assert re.search(r"ERROR\s+-\s+edition: " + re.escape(expected), _log_text(log))
