"""Shared fixtures: the real edition, built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltSite:
    """A strict build of the edition: where it was written and what MkDocs logged."""

    root: Path
    log: str

    def page(self, url: str) -> str:
        """HTML of the page at a site-relative directory URL ('' or 'article/')."""
        return (self.root / url / "index.html").read_text(encoding="utf-8")


def run_mkdocs_build(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` for the project in `project`, writing to `out`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    out = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, out)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return BuiltSite(out, result.stderr)


@pytest.fixture()
def kept_caches():
    """The caches kept across builds (edition/core/memo.py), empty at the start and end of
    the test, through their one owner."""
    from edition.core.memo import KEPT

    KEPT.clear()
    yield KEPT
    KEPT.clear()
