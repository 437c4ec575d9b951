"""Layer (c): the citations, previews, reference list and backlinks of the real edition.

Read from the session build (`built_site`) with an HTML parser. What is expected comes
from the copy text (tests/fixtures/article.txt), docs/article.md and bib/references.bib
(read by tests/sources.py), not from the edition's code.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup, Tag

import sources
from sources import PRINTED_CITATIONS, cited_numbers

ROOT = Path(__file__).resolve().parent.parent


def _printed(value: str) -> str:
    """A bib field as the article prints it: an emendation {sic: X | corr: Y} read as X."""
    return " ".join(re.sub(r"[{}]", "", sources.as_printed(value)).split())


TITLES = {int(entry.fields["shorthand"]): _printed(entry.fields["title"]) for entry in sources.references()}
PARAGRAPHS = len(sources.article_paragraphs())
SITE = "https://edition.invalid/"
ARTICLE, REFERENCES = "article/", "references/"


def _number(citation: str) -> int:
    return int(re.match(r"\[(\d+)", citation)[1])


def _locator(citation: str) -> str:
    """The locator a reader should see, written out from the printed form."""
    if match := re.search(r"pp\.\s?(\w+)[-–](\w+)", citation):
        return f"pp. {match[1]}–{match[2]}"
    if match := re.search(r"p\.\s?(\w+)", citation):
        return f"p. {match[1]}"
    return ""


@pytest.fixture(scope="module")
def article(built_site) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(ARTICLE), "html.parser")


@pytest.fixture(scope="module")
def references(built_site) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(REFERENCES), "html.parser")


def _target(built_site, base: str, href: str, page: str) -> tuple[BeautifulSoup, str]:
    """The parsed page an href on page `base` points at (which must be `page`), and its fragment."""
    url, fragment = urldefrag(urljoin(SITE + base, href))
    assert url == SITE + page, href
    return BeautifulSoup(built_site.page(page), "html.parser"), fragment


def _text_without_apparatus(element: Tag) -> str:
    """The element's text without the apparatus inside it (¶ numbers, previews,
    corrections); the element itself is kept even if it is apparatus."""
    copy = BeautifulSoup(str(element), "html.parser")
    root = copy.find(element.name)
    for apparatus in root.find_all(attrs={"data-edition-apparatus": True}):
        apparatus.decompose()
    return " ".join(root.get_text().split())


def test_copy_texts_citations_cite_every_reference_of_the_bib_and_no_other() -> None:
    assert PRINTED_CITATIONS[:2] == ["[1]", "[2, p.137]"] and PRINTED_CITATIONS[-1] == "[15]"
    cited = [number for printed in PRINTED_CITATIONS for number in cited_numbers(printed)]
    assert len(cited) >= len(PRINTED_CITATIONS)  # each citation cites at least one number
    assert sorted(set(cited)) == sources.reference_numbers()


def test_citations_are_the_printed_ones_in_order(article: BeautifulSoup) -> None:
    cites = article.select(".edition-cite")
    assert len(cites) == len(PRINTED_CITATIONS)
    assert [[a.get_text() for a in cite.select("a.edition-cite__link")] for cite in cites] == [
        [printed] for printed in PRINTED_CITATIONS]
    # What a reader sees of each citation, its preview aside, is the printed text too.
    assert [_text_without_apparatus(cite) for cite in cites] == PRINTED_CITATIONS


@pytest.mark.parametrize("index", range(len(PRINTED_CITATIONS)), ids=lambda i: f"cite-{i + 1}-{PRINTED_CITATIONS[i]}")
def test_citation_links_and_preview(built_site, article: BeautifulSoup, index: int) -> None:
    printed = PRINTED_CITATIONS[index]
    number = _number(printed)
    cite = article.select(".edition-cite")[index]
    link = cite.select_one("a.edition-cite__link")

    assert link["href"].endswith(f"#ref-{number}")
    page, fragment = _target(built_site, ARTICLE, link["href"], REFERENCES)
    target = page.find(id=fragment)
    assert target is not None and target.name == "li"
    assert target.get("value") == str(number)

    # The article page shows the reference list itself: a citation is described by its
    # entry there, shared by every citation of it (the page carries each reference's
    # text once); the locator stays with the citation.
    assert cite.select_one("[role=tooltip]") is None
    described = article.find_all(id=link["aria-describedby"])
    assert len(described) == 1 and described[0].name == "li"
    assert described[0].find_parent(class_="edition-article-references") is not None
    assert described[0].get("value") == str(number)
    assert TITLES[number] in _text_without_apparatus(described[0])
    assert link.get("data-locator") == (_locator(printed) or None)


def test_description_of_2_p137(article: BeautifulSoup) -> None:
    link = next(c.a for c in article.select(".edition-cite") if c.a.get_text() == "[2, p.137]")
    text = _text_without_apparatus(article.find(id=link["aria-describedby"]))
    assert text == ("Morgenthau, H. (1948). Politics Among Nations: The Struggle for Power and "
                    "Peace. New York: Alfred A. Knopf.")
    assert link["data-locator"] == "p. 137"


def test_each_reference_text_stands_once_on_the_article_page(article: BeautifulSoup) -> None:
    links = article.select("a.edition-cite__link")
    cited = {number for printed in PRINTED_CITATIONS for number in cited_numbers(printed)}
    assert len(links) == len(PRINTED_CITATIONS) and len({link["aria-describedby"] for link in links}) == len(cited)
    assert article.select(".edition-previews .edition-preview--reference") == []
    content = " ".join(article.select_one("article").get_text().split())
    for entry in article.select(".edition-article-references li"):
        text = " ".join(entry.get_text().split())
        assert content.count(text) == 1, text


def test_reference_list_in_order(references: BeautifulSoup) -> None:
    items = references.select("li[id^=ref-]")
    assert [li["id"] for li in items] == [f"ref-{n}" for n in sources.reference_numbers()]
    for number, li in enumerate(items, start=1):
        assert TITLES[number] in _text_without_apparatus(li.select_one(".edition-references__text"))


def test_backlinks(built_site, references: BeautifulSoup) -> None:
    total = 0
    for number, li in enumerate(references.select("li[id^=ref-]"), start=1):
        backlinks = li.select("a.edition-backlinks__link")
        assert backlinks, f"reference {number} has no backlink"
        expected = sum(1 for printed in PRINTED_CITATIONS if _number(printed) == number)
        assert len(backlinks) == expected, number
        for backlink in backlinks:
            page, fragment = _target(built_site, REFERENCES, backlink["href"], ARTICLE)
            assert fragment
            cited = page.find(id=fragment)
            assert cited is not None, backlink["href"]
            assert "edition-cite" in cited.get("class", [])
            assert _number(_text_without_apparatus(cited)) == number
        total += len(backlinks)
    assert total == len(PRINTED_CITATIONS)


def test_backlinks_name_paragraphs_in_reading_order(references: BeautifulSoup) -> None:
    sixteen = references.find(id="ref-16")
    where = [w.get_text() for w in sixteen.select(".edition-backlinks__where")]
    assert len(where) == sources.citations_of(16) > 1
    numbers = [int(re.fullmatch(r"¶\s(\d+)", label)[1]) for label in where]
    assert numbers == sorted(numbers)


def test_paragraph_numbering(article: BeautifulSoup) -> None:
    paragraphs = article.select("p.edition-para")
    assert [p["id"] for p in paragraphs] == [f"p{n}" for n in range(1, PARAGRAPHS + 1)]
    assert [p.select_one(".edition-para__number").get_text() for p in paragraphs] == [
        f"¶\u00a0{n}" for n in range(1, PARAGRAPHS + 1)]


@pytest.mark.parametrize(("number", "starts", "contains"), [
    pytest.param(1, "On November 23, 2022", None, id="p1"),
    pytest.param(10, "Thus, for the political realist theorist H. Morgenthau", "[2, p.137]", id="p10"),
    pytest.param(24, "Fifth. For Uzbek observers", None, id="p24"),
    pytest.param(47, "Certainly, the conclusions", None, id="p47"),
])
def test_pinned_paragraphs(article: BeautifulSoup, number: int, starts: str, contains: str | None) -> None:
    text = _text_without_apparatus(article.find("p", id=f"p{number}"))
    assert text.startswith(starts)
    if contains:
        assert contains in text


def test_citation_check_on_the_edition() -> None:
    result = subprocess.run([sys.executable, "-m", "edition.build.citation_check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stdout) == (0, (
        f"citation-check: {len(PRINTED_CITATIONS)} citations on 1 page(s), {len(sources.references())} "
        "references in bib/references.bib: all resolved\n"))
