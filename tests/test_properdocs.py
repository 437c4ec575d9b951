"""The exit path from MkDocs, proven on every run: ProperDocs, the maintained continuation of
MkDocs 1.x, builds the edition byte for byte as MkDocs does.

MkDocs 1.6.1 is no longer maintained. ProperDocs (pinned in pyproject.toml's test extras)
installs beside it in the same venv: its modules are ``properdocs.*``, its plugins and
themes are other entry-point groups, and only its own command (``properdocs`` or
``python -m properdocs``) reroutes the ``mkdocs.*`` imports of the theme, the plugins, the
hooks and ``edition/`` to itself. Both build the real project with ``--strict`` and the
same SOURCE_DATE_EPOCH; every file of the two sites must be the same bytes, except the one
tag that names the generator, which each writes with its own name and version.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

import pytest

from conftest import ROOT

# Any fixed moment: the sitemap's dates and the gzip header read it.
SOURCE_DATE_EPOCH = "1700000000"
GENERATOR = '<meta name="generator" content="{generator}, mkdocs-material-{material}">'
NORMALISED = b'<meta name="generator" content="(normalised)">'


def _pinned_properdocs() -> str:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    (pin,) = [requirement for requirement in extras["test"] if requirement.startswith("properdocs==")]
    return pin.removeprefix("properdocs==")


PROPERDOCS = _pinned_properdocs()


def _installed_properdocs() -> str:
    """The installed ProperDocs' version; skips locally, fails under CI, when there is none."""
    try:
        installed = version("properdocs")
    except PackageNotFoundError:
        installed = None
    if installed is None or find_spec("properdocs") is None:
        message = f"properdocs=={PROPERDOCS} is not installed (scripts/test installs the test extras)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return installed


def _build(module: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.run([sys.executable, "-m", module, "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env, check=False)


def _site(root: Path, generator: str) -> dict[str, bytes]:
    """Every file of a built site by its path; in each HTML page the generator tag, which
    must be there exactly once and exactly as `generator`, is replaced by one placeholder."""
    tag = GENERATOR.format(generator=generator, material=version("mkdocs-material")).encode()
    files = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative, data = path.relative_to(root).as_posix(), path.read_bytes()
        if path.suffix == ".html":
            assert data.count(tag) == 1, f"{relative}: the generator tag {tag.decode()} is not there once"
            assert len(re.findall(rb'<meta name="generator"', data)) == 1, relative
            data = data.replace(tag, NORMALISED)
        files[relative] = data
    return files


def _first_difference(name: str, ours: bytes, theirs: bytes) -> str:
    try:
        lines = difflib.unified_diff(ours.decode().splitlines(), theirs.decode().splitlines(),
                                     f"mkdocs/{name}", f"properdocs/{name}", n=1, lineterm="")
        return "\n".join(line[:300] for line in list(lines)[:20])
    except UnicodeDecodeError:
        return f"{name}: binary files differ ({len(ours)} and {len(theirs)} bytes)"


def test_properdocs_is_the_pinned_version() -> None:
    assert _installed_properdocs() == PROPERDOCS, "re-run scripts/test to install the pinned properdocs"


def test_properdocs_builds_the_edition_as_mkdocs_does(tmp_path: Path) -> None:
    _installed_properdocs()
    built = {module: _build(module, tmp_path / module) for module in ("mkdocs", "properdocs")}
    for module, result in built.items():
        assert result.returncode == 0, f"{module} build --strict failed:\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stderr, result.stderr
    mkdocs = _site(tmp_path / "mkdocs", f"mkdocs-{version('mkdocs')}")
    # ProperDocs names itself where Material's template writes MkDocs' version.
    properdocs = _site(tmp_path / "properdocs", f"mkdocs-ProperDocs {PROPERDOCS}")
    assert "exports/edition.tei.xml" in mkdocs and "article/index.html" in mkdocs  # the edition's own output
    assert sorted(properdocs) == sorted(mkdocs)
    different = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not different, (f"{len(different)} file(s) differ, e.g.:\n"
                           + _first_difference(different[0], mkdocs[different[0]], properdocs[different[0]]))
