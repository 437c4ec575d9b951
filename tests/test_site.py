"""The built edition as a whole: a clean strict build, the bibliography, language
marks, and no asset from a third-party host."""

from __future__ import annotations

import re
import warnings
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pybtex.errors
import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file

import sources
from conftest import ROOT, BuiltSite

ASSET_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src",
                    "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}


def _html_pages(site: BuiltSite) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def test_strict_build_logs_no_warning(built_site: BuiltSite) -> None:
    offending = [line for line in built_site.log.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    assert offending == []


def test_bibliography_parses_strictly_into_the_printed_numbered_entries() -> None:
    pybtex.errors.set_strict_mode(True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = parse_file(str(ROOT / "bib" / "references.bib"), bib_format="bibtex")
    numbers = sorted(int(entry.fields["shorthand"]) for entry in data.entries.values())
    printed = sources.printed_reference_numbers()
    assert printed == list(range(1, len(printed) + 1))  # the copy text's list, read whole
    assert numbers == printed


def test_editorial_bibliography_parses_strictly() -> None:
    pybtex.errors.set_strict_mode(True)
    data = parse_file(str(ROOT / "bib" / "editorial.bib"), bib_format="bibtex")
    assert data.entries
    assert all("shorthand" not in entry.fields for entry in data.entries.values())


@pytest.mark.parametrize(
    ("lang", "title", "abstract_start"),
    [
        ("kk", "Қазақстан мен Өзбекстанның одақтастық қатынастары", "Мақалада 2021 жылғы 6 желтоқсанда"),
        ("ru", "Союзнические отношения Казахстана и Узбекистана", "В статье анализируются оценки"),
    ],
)
def test_kazakh_and_russian_blocks_carry_their_language(built_site: BuiltSite, lang: str,
                                                         title: str, abstract_start: str) -> None:
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    blocks = soup.select_one("article").find_all(attrs={"lang": lang})  # the head's DC tags carry lang too
    assert len(blocks) == 1, f"expected one lang={lang} block"
    text = blocks[0].get_text(" ")
    assert title in text and abstract_start in text
    assert soup.html["lang"] == "en"


def test_english_abstract_is_outside_the_other_language_blocks(built_site: BuiltSite) -> None:
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    abstract = soup.find(id="abstract-en")
    assert abstract is not None and abstract.find_parent(attrs={"lang": True}).name == "html"


def test_no_page_loads_an_asset_from_another_host(built_site: BuiltSite) -> None:
    offending = []
    for path in _html_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in ASSET_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if tag == "link" and "stylesheet" not in element.get("rel", []) \
                        and "preload" not in element.get("rel", []) and "icon" not in element.get("rel", []):
                    continue
                if value and (urlsplit(value).netloc or value.startswith("//")):
                    offending.append(f"{path.relative_to(built_site.root)}: <{tag} {attribute}={value}>")
        for style in soup.find_all("style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//|@import", style.get_text()):
                offending.append(f"{path.relative_to(built_site.root)}: inline style loads a remote URL")
    for css in built_site.root.rglob("*.css"):
        remote = r"url\(\s*['\"]?(https?:)?//|@import\s+url\(\s*['\"]?(https?:)?//"
        if re.search(remote, css.read_text(encoding="utf-8")):
            offending.append(f"{css.relative_to(built_site.root)}: loads a remote URL")
    assert offending == []


def test_headings_form_an_outline(built_site: BuiltSite) -> None:
    """One h1 per page and no skipped levels, for screen-reader navigation."""
    for url in ("", "article/", "references/"):
        soup = BeautifulSoup(built_site.page(url), "html.parser")
        levels = [int(h.name[1]) for h in soup.select("article h1, article h2, article h3, article h4")]
        assert levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in pairwise(levels)), (url, levels)


def test_cyrillic_heading_slugs_are_readable(built_site: BuiltSite) -> None:
    article = BeautifulSoup(built_site.page("article/"), "html.parser")
    assert article.find(id="abstract-kk").get_text(strip=True).startswith("Аңдатпа")
    assert article.find(id="abstract-ru").get_text(strip=True).startswith("Аннотация")
    assert [h["id"] for h in article.select("article h2")] == [
        "abstract-en", "title-kk", "title-ru",
        "introduction", "research-methods", "results", "discussion-of-results", "conclusion", "references",
        "editors-sources"]


@pytest.mark.parametrize(("heading", "slug"), [
    ("Discussion of results", "discussion-of-results"),
    ("Союзнические отношения", "союзнические-отношения"),
    ("Қазақстан мен Өзбекстан", "қазақстан-мен-өзбекстан"),
])
def test_configured_slugs_keep_cyrillic_readable(heading: str, slug: str) -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    slugify = config.mdx_configs["toc"]["slugify"]
    assert slugify(heading, "-") == slug
