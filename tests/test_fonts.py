"""The reading face's files: committed under docs/assets/fonts/ (a build needs only Python),
and exactly those of the npm package recorded in package.json and the notice beside them.

When node_modules holds the package (`npm ci`; always under CI=true), each committed file
must be byte-identical to the package's, and each @font-face of typography.css must give
the package's unicode-range for its file."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = "@fontsource/source-serif-4"
FONTS = ROOT / "docs" / "assets" / "fonts"
INSTALLED = ROOT / "node_modules" / PACKAGE
STYLESHEET = ROOT / "docs" / "stylesheets" / "typography.css"
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _pinned() -> str:
    return json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][PACKAGE]


def _committed() -> list[Path]:
    return sorted(FONTS.glob("*.woff2"))


def _installed() -> Path:
    if not (INSTALLED / "package.json").is_file():
        if IN_CI:
            pytest.fail(f"{PACKAGE} is not in node_modules: run `npm ci`", pytrace=False)
        pytest.skip(f"{PACKAGE} is not in node_modules (npm ci installs it)")
    return INSTALLED


def _faces(css: str) -> dict[str, str]:
    """File name -> unicode-range of each @font-face in `css`."""
    faces = {}
    for body in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        name = re.search(r"url\([\"']?[^\"')]*?([\w.-]+\.woff2)", body)
        ranges = re.search(r"unicode-range:([^;}]+)", body)
        if name and ranges:
            faces[name[1]] = re.sub(r"\s+", "", ranges[1])
    return faces


def test_the_notice_and_the_licence_go_with_the_files() -> None:
    notice = (FONTS / "NOTICE.txt").read_text(encoding="utf-8")
    assert f"{PACKAGE}, version {_pinned()}" in notice
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert _committed(), "no font files committed"


def test_every_committed_file_is_declared_and_every_declared_file_committed() -> None:
    declared = set(_faces(STYLESHEET.read_text(encoding="utf-8")))
    assert declared == {path.name for path in _committed()}


def test_the_committed_files_are_the_packages() -> None:
    installed = _installed()
    version = json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"]
    assert version == _pinned(), f"node_modules holds {version}, package.json pins {_pinned()}"
    for path in _committed():
        original = installed / "files" / path.name
        assert original.is_file(), f"{path.name} is not a file of {PACKAGE} {version}"
        assert path.read_bytes() == original.read_bytes(), f"{path.name} differs from the package's"


def test_the_unicode_ranges_are_the_packages() -> None:
    installed = _installed()
    package_faces: dict[str, str] = {}
    for css in installed.glob("*.css"):
        package_faces.update(_faces(css.read_text(encoding="utf-8")))
    for name, ranges in _faces(STYLESHEET.read_text(encoding="utf-8")).items():
        assert package_faces.get(name) == ranges, f"{name}: {ranges} != the package's {package_faces.get(name)}"
