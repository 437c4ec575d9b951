"""The cache on disk (edition/build/disk_cache.py, over edition/core/memo.py's Caches):
a warm build makes the same site as a cold one, an edit to each kind of input shows in
the next warm build, and a cache that is missing, broken or switched off only costs
time. Not a timed test: what the cache saves is measured by bench/ (bench/RESULTS.md)."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from edition.build import disk_cache
from edition.core.memo import Caches
from sites import copy_project, snapshot

EPOCH = {"SOURCE_DATE_EPOCH": "1765000000"}


def build(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=project, capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH, **env})
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def cache_files(project: Path) -> list[Path]:
    return sorted((project / disk_cache.FOLDER).glob("memos-*.pickle"))


def test_caches_round_trip_through_a_file(tmp_path: Path) -> None:
    first = Caches()
    first.memo("a", 10).get(("key", 1), lambda: "value")
    first.memo("b", 10).get("other", lambda: (1, 2))
    assert first.save(tmp_path / "memos.pickle") == 2
    second = Caches()
    assert second.restore(tmp_path / "memos.pickle") == 2
    made: list[str] = []
    assert second.memo("a", 10).get(("key", 1), lambda: made.append("a") or "new") == "value"
    # A memo made after the restore takes what was read back for it.
    assert second.memo("b", 10).get("other", lambda: made.append("b") or ()) == (1, 2)
    assert made == []


def test_a_file_that_holds_everything_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "memos.pickle"
    first = Caches()
    first.memo("a", 10).get("k", lambda: "v")
    assert first.save(path) == 1
    second = Caches()
    second.restore(path)
    assert second.memo("a", 10).get("k", lambda: "other") == "v"
    written = path.stat().st_mtime_ns
    assert second.save(path) == 0 and path.stat().st_mtime_ns == written, "nothing new: the file stays"
    second.memo("a", 10).get("k2", lambda: "v2")
    assert second.save(path) == 2, "a new value: the file is written"
    third = Caches()
    third.restore(path)
    assert third.memo("a", 10).get("k2", lambda: "missing") == "v2"
    path.unlink()
    assert third.save(path) == 2, "a deleted file is written again"
    # A memo read back but never made by this process keeps its values in the next file.
    fourth = Caches()
    fourth.restore(path)
    fourth.memo("b", 10).get("x", lambda: "y")
    assert fourth.save(path) == 3
    assert Caches().restore(path) == 3


def test_a_memo_that_cannot_be_pickled_is_left_out_not_fatal(tmp_path: Path) -> None:
    caches = Caches()
    caches.memo("plain", 10).get("k", lambda: "v")
    caches.memo("lambdas", 10).get("k", lambda: (lambda: None))
    assert caches.save(tmp_path / "memos.pickle") == 1
    back = Caches()
    back.restore(tmp_path / "memos.pickle")
    assert len(back.memo("plain", 10)) == 1 and len(back.memo("lambdas", 10)) == 0


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a", "list"]), pickle.dumps({1: 2})])
def test_a_broken_or_foreign_file_restores_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "memos.pickle"
    path.write_bytes(content)
    assert Caches().restore(path) == 0
    assert Caches().restore(tmp_path / "missing.pickle") == 0


def test_the_version_key_follows_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "module.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(disk_cache, "PACKAGE", tmp_path)
    before = disk_cache.version_key()
    assert disk_cache.version_key() == before
    (tmp_path / "module.py").write_text("x = 2\n", encoding="utf-8")
    assert disk_cache.version_key() != before


def test_warm_build_is_the_cold_build_and_edits_reach_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cold, warm, edited = tmp_path / "cold", tmp_path / "warm", tmp_path / "edited"
    build(project, cold)
    assert len(cache_files(project)) == 1, "a build writes one cache file"
    build(project, warm)
    assert snapshot(cold) == snapshot(warm), "a warm build must make the same site, byte for byte"

    # One edit of each kind of input the cached values come from.
    bib = project / "bib" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Power Politics", "Power Politics Edited", 1),
                   encoding="utf-8")
    editorial = project / "bib" / "editorial.bib"
    text = editorial.read_text(encoding="utf-8")
    title = re.search(r"^\s*title\s*=\s*\{+([A-Z][^{}]{8,60})\}", text, re.MULTILINE)
    assert title, "an editorial source with a plain title"
    editorial.write_text(text.replace(title[1], title[1] + " Edited", 1), encoding="utf-8")
    notes = project / "data" / "notes.yml"
    notes_text = notes.read_text(encoding="utf-8")
    note_title = re.search(r'^\s+title:\s*"([^"\n]{5,60})"$', notes_text, re.MULTILINE)
    assert note_title, "a note with a title"
    notes.write_text(notes_text.replace(note_title[1], note_title[1].rstrip() + " edited", 1), encoding="utf-8")
    # A page: its HTML, and the view of it that the search index is made from (kept by
    # the page's HTML, edition/adapters/material.py), both follow the edit.
    changelog = project / "docs" / "about" / "changelog.md"
    changelog.write_text(changelog.read_text(encoding="utf-8") + "\nA closing line with cachecheckword.\n",
                         encoding="utf-8")
    build(project, edited)
    assert "cachecheckword" in (edited / "about" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "cachecheckword" in (edited / "search" / "search_index.json").read_text(encoding="utf-8")
    site = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in edited.rglob("*.html"))
    exports = "\n".join(path.read_text(encoding="utf-8") for path in (edited / "exports").rglob("*.bib"))
    assert "Power Politics Edited" in site and "Power Politics Edited" in exports
    assert title[1] + " Edited" in site
    assert note_title[1].rstrip() + " edited" in site
    assert len(cache_files(project)) == 1, "files of the same version are replaced, not added"


def test_without_the_cache_nothing_is_written_and_a_deleted_folder_is_a_cold_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    build(project, tmp_path / "off", EDITION_CACHE="off")
    assert cache_files(project) == []
    build(project, tmp_path / "cold")
    (cache_files(project)[0]).write_bytes(b"truncated")
    build(project, tmp_path / "after-broken")
    assert snapshot(tmp_path / "cold") == snapshot(tmp_path / "after-broken") == snapshot(tmp_path / "off")


def test_the_project_ignores_its_cache_folder() -> None:
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
