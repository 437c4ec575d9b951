"""The article page is the article's one canonical page: it shows, on the page itself,
what Google Scholar's inclusion guidelines ask of a page that carries the tags: the
title, the authors with their affiliations, the DOI, the abstracts and a visible
"References" section. Checked against the sources read independently (the front
matter with PyYAML, bib/references.bib with pybtex), not against the edition's code."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file
from pybtex.richtext import Text

import sources
from conftest import ROOT, BuiltSite

FRONT = yaml.safe_load((ROOT / "docs" / "article.md").read_text(encoding="utf-8").split("---")[1])["edition"]
BIB = parse_file(str(ROOT / "bib" / "references.bib"), bib_format="bibtex")
_EMENDATION = re.compile(r"\{sic: ([^|}]*)[^}]*\}")


def _soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url), "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def _printed_text(element) -> str:
    """The text without the edition's apparatus (the corrections shown beside an emendation)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for node in copy.select("[data-edition-apparatus]"):
        node.decompose()
    return _text(copy)


@pytest.fixture(scope="module")
def article(built_site: BuiltSite) -> BeautifulSoup:
    return _soup(built_site, "article/")


def test_front_shows_title_byline_with_affiliations_and_doi(article: BeautifulSoup) -> None:
    (front,) = article.select("article header.edition-article-front")
    assert _text(front.find("h1")).rstrip("¶").strip() == FRONT["titles"]["en"]
    byline = _text(front)
    for author in FRONT["authors"]:
        assert author["name"]["en"] in byline and author["affiliation"] in byline and author["place"] in byline
    doi = f"https://doi.org/{FRONT['doi']}"
    assert [a["href"] for a in front.select("a[href^='https://doi.org/']")] == [doi]


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_front_shows_each_abstract_with_its_key_words_in_its_language(article: BeautifulSoup, lang: str) -> None:
    front = article.select_one("header.edition-article-front")
    heading = front.find(id=f"abstract-{lang}")
    holder = heading.find_parent(attrs={"lang": True})
    assert holder.get("lang") == (None if lang == "en" else lang) or (lang == "en" and holder.name == "html")
    block = front if lang == "en" else holder
    text = _text(block)
    assert all(keyword in text for keyword in FRONT["keywords"][lang])
    assert FRONT["keyword_labels"][lang] in text
    if lang != "en":
        assert FRONT["titles"][lang] in text


def test_references_section_lists_the_articles_references(article: BeautifulSoup) -> None:
    (section,) = article.select("article section.edition-article-references")
    heading = section.find("h2")
    assert heading["id"] == "references" and _text(heading).rstrip("¶").strip() == "References"
    items = section.select("ol > li")
    numbers = sorted(int(entry.fields["shorthand"]) for entry in BIB.entries.values())
    assert [int(li["value"]) for li in items] == numbers == sources.printed_reference_numbers()
    by_number = {int(entry.fields["shorthand"]): entry for entry in BIB.entries.values()}
    for li in items:
        entry = by_number[int(li["value"])]
        printed = _EMENDATION.sub(r"\1", entry.fields["title"]).strip()  # the reading as printed
        title = Text.from_latex(printed).render_as("text")
        assert " ".join(title.split()) in _printed_text(li), (li["value"], title)


def test_reference_list_is_not_scanned_for_citations_or_terms(article: BeautifulSoup) -> None:
    """Its printed brackets ("[2020 - 2030]") and names are the list, not citations or mentions."""
    for selector in ("section.edition-article-references", "header.edition-article-front"):
        part = article.select_one(selector)
        assert part.select(".edition-cite, .edition-term") == [], selector


def test_ids_on_the_article_page_are_unique(article: BeautifulSoup) -> None:
    repeated = [i for i, n in Counter(e["id"] for e in article.find_all(id=True)).items() if n > 1]
    assert repeated == []


def test_reference_list_anchors_stay_on_the_references_page(built_site: BuiltSite, article: BeautifulSoup) -> None:
    references = _soup(built_site, "references/")
    assert [li["id"] for li in references.select("li[id^='ref-']")] == [f"ref-{n}" for n in sources.reference_numbers()]
    assert article.find(id="ref-1") is None
    cited = {a["href"] for a in article.select("a.edition-cite__link")}
    assert cited and all(href.startswith("../references/#ref-") for href in cited)


def test_title_page_shows_a_title_block_and_leads_to_the_article(built_site: BuiltSite) -> None:
    title_page = _soup(built_site, "")
    block = title_page.select_one(".edition-title-block")
    assert _text(block.find("h1")) == FRONT["titles"]["en"]
    assert [p["lang"] for p in block.select("[lang]")] == ["kk", "ru"]
    assert block.select_one("a")["href"] == f"https://doi.org/{FRONT['doi']}"
    assert title_page.select_one("a.edition-read-article")["href"] == "article/"
    assert title_page.find(id="abstract-en") is None  # the abstracts stand once, on the article page


def test_each_article_page_lists_and_tags_only_the_references_it_cites(tmp_path) -> None:
    """One article over two pages (the second marked edition_article: part, since a second
    article is refused): each page's References section, and the record page's
    citation_reference tags, hold that page's references only."""
    import shutil

    from conftest import run_mkdocs_build
    from sites import MKDOCS_YML, make_site

    record = ("---\nedition_article: true\nedition:\n  doi: \"10.1000/182\"\n  year: 2022\n"
              "  titles: {en: \"A tiny article\"}\n  authors:\n"
              "    - {name: {en: \"A Writer\"}, family: {en: \"Writer\"}, given: {en: \"A\"},\n"
              "       affiliation: \"A University\", institution: \"A University\", place: \"Town\"}\n"
              "  keywords: {en: [\"alliances\"]}\n  keyword_labels: {en: \"Key words:\"}\n---\n\n")
    project = make_site(tmp_path / "project", {
        "mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"),
        "docs/index.md": record + "<!-- edition:front en -->\n\nRealists cite power [1].\n\n"
                                  "<!-- edition:article-references -->\n",
        "docs/second.md": "---\nedition_article: part\n---\n\n# Second\n\nWalt defines alliances [2, p.5].\n\n"
                          "<!-- edition:article-references -->\n",
    })
    shutil.copytree(ROOT / "overrides", project / "overrides")  # the template that writes the head
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    first = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    second = BeautifulSoup((tmp_path / "site" / "second" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [li["value"] for li in first.select(".edition-article-references li")] == ["1"]
    assert [li["value"] for li in second.select(".edition-article-references li")] == ["2"]
    references = [m["content"] for m in first.select("meta[name=citation_reference]")]
    assert len(references) == 1 and references[0].startswith("citation_title=Politics Among Nations")
    assert second.select("meta[name^=citation_]") == []
