"""The theme partials overridden for accessibility (overrides/partials/) are Material's
own, with exactly the documented change each. When Material is upgraded and its
partial changes, this fails: re-copy the partial and re-apply the change."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from .helpers import ROOT

THEME = Path(material.__file__).parent / "templates" / "partials"
OVERRIDES = ROOT / "overrides" / "partials"

# partial -> (the theme's markup, ours)
CHANGES = {
    "search.html": (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" '
        'aria-label="{{ lang.t(\'search\') }}">',
    ),
    "copyright.html": (
        '    Made with\n    <a href="https://squidfunk.github.io/mkdocs-material/" '
        'target="_blank" rel="noopener">\n      Material for MkDocs\n    </a>',
        '    <span class="md-copyright__highlight">Made with\n    '
        '<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" '
        'rel="noopener">\n      Material for MkDocs\n    </a></span>',
    ),
}

_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def test_material_is_the_version_the_overrides_were_made_from() -> None:
    assert version("mkdocs-material") == "9.8.2"


def test_every_override_is_listed() -> None:
    assert sorted(p.name for p in OVERRIDES.glob("*.html")) == sorted(CHANGES)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_override_is_the_theme_partial_with_one_change(name: str) -> None:
    theme_markup, ours = CHANGES[name]
    theme = _LEADING_COMMENT.sub("", (THEME / name).read_text(encoding="utf-8"))
    override = (OVERRIDES / name).read_text(encoding="utf-8")
    assert _LEADING_COMMENT.match(override), f"{name} must start with a comment saying why"
    assert theme.count(theme_markup) == 1, f"Material's {name} changed: re-copy it"
    assert _LEADING_COMMENT.sub("", override) == theme.replace(theme_markup, ours)


def test_overrides_are_used_in_the_build(built_site) -> None:
    page = built_site.page("")
    assert 'role="dialog" aria-label="Search"' in page
    assert '<span class="md-copyright__highlight">Made with' in page
