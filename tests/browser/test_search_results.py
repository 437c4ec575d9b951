"""Search results a reader can trust (issue 26), typed into the header's search box at
1280x900: the article comes among the first three for a word of the authors' text (a
glossary or register page may lead for its own name) and before the editorial pages;
its excerpts hold the authors' words only; the References result shows the entries that
match; and a result holding the word typed, in Latin, Russian or Kazakh script, never
marks it "Missing"."""

from __future__ import annotations

import re

import pytest
import yaml

from .helpers import ROOT, screenshot, search_results

EDITORIAL = ("references/", "about/emendations/", "about/principles/", "indexes/timeline/")

# (query, the page that may lead for its own name, or None)
RANKING = [
    ("Tashkent", "indexes/places/"),
    ("Morgenthau", "glossary/morgenthau/"),
    ("allied relations", None),
    ("Waltz", "glossary/waltz/"),
    ("Mirziyoyev", "indexes/persons/"),
    ("dust storm", None),
    ("союзнических", None),
    ("Декларации", None),
    ("Өзбекстан", None),
    ("ынтымақтастықтың", None),
]


@pytest.mark.parametrize(("query", "leader"), RANKING, ids=[case[0] for case in RANKING])
def test_the_article_comes_before_the_pages_about_it(page, site, query: str, leader: str | None) -> None:
    page.goto(site.url())
    pages = [result["page"] for result in search_results(page, query)]
    assert "article/" in pages[:3], f"{query!r}: the article is not among the first three: {pages}"
    if leader is not None:
        assert pages[0] == leader, f"{query!r}: {leader} should lead for its own name: {pages}"
    article = pages.index("article/")
    ahead = [found for found in pages[:article] if found in EDITORIAL]
    assert not ahead, f"{query!r}: editorial pages ahead of the article: {pages}"


def _note_titles() -> list[str]:
    """The editorial notes' titles that are not also words of the article (QazVac is both)."""
    notes = yaml.safe_load((ROOT / "data" / "notes.yml").read_text("utf-8"))
    article = (ROOT / "docs" / "article.md").read_text("utf-8")
    return [note["title"] for note in notes if note["title"] not in article]


# Words of paragraphs that carry an editorial note, a correction or a paragraph number.
@pytest.mark.parametrize("query", ["Tashkent", "EAEU", "QazVac", "Aral", "dust storm", "Nur-Sultan", "Fourth"])
def test_the_article_excerpts_hold_the_authors_words_only(page, site, query: str) -> None:
    page.goto(site.url())
    results = search_results(page, query)
    article = next((result for result in results if result["page"] == "article/"), None)
    assert article is not None, f"{query!r} does not find the article: {[r['page'] for r in results]}"
    screenshot(page, f"search-excerpts-{query.replace(' ', '-').lower()}")
    titles = _note_titles()
    assert titles, "data/notes.yml gave no note titles: nothing was checked"
    for section in article["sections"]:
        text = section["text"]
        assert "Editorial note" not in text and "¶" not in text and "Cited in" not in text, section
        assert not re.search(r"\]\.?\d", text), f"a footnote digit glued to the text: {section}"
        for title in titles:
            assert title not in text, f"the note title {title!r} in an excerpt: {section}"


def test_the_references_result_shows_the_matching_entries(page, site) -> None:
    page.goto(site.url())
    results = search_results(page, "Morgenthau")
    references = next(result for result in results if result["page"] == "references/")
    screenshot(page, "search-references-entries")
    entries = [section for section in references["sections"] if "#" in section["href"]]
    assert entries, references
    for section in entries:
        assert re.fullmatch(r"references/#ref-\d+", section["href"]), section
        assert "Morgenthau" in section["text"], f"an entry that does not match: {section}"
        assert len(section["text"]) < 400, f"more than one entry in an excerpt: {section}"
    assert entries[0]["href"] == "references/#ref-2", entries


# (query, where the word stands as printed)
MISSING = [
    ("Tashkent", "article/#discussion-of-results"),
    ("союзнических", "article/#abstract-ru"),
    ("Декларации", "article/#abstract-ru"),
    ("ынтымақтастықтың", "article/#abstract-kk"),
    ("Өзбекстан", "article/#abstract-kk"),
]


@pytest.mark.parametrize(("query", "printed"), MISSING, ids=[case[0] for case in MISSING])
def test_a_result_holding_the_word_never_marks_it_missing(page, site, query: str, printed: str) -> None:
    page.goto(site.url())
    results = search_results(page, query)
    screenshot(page, f"search-missing-{printed.split('#')[1]}-{len(query)}")
    sections = {section["href"]: section for result in results for section in result["sections"]}
    assert printed in sections, f"{query!r} does not find {printed}: {sorted(sections)}"
    assert query.casefold() in sections[printed]["text"].casefold(), sections[printed]
    for result in results:
        holds = any(query.casefold() in (section["heading"] + " " + section["text"]).casefold()
                    for section in result["sections"])
        if holds:
            assert not [term for term in result["missing"] if term.casefold() in query.casefold()], \
                f"{query!r} marked Missing on {result['page']!r}, which holds it: {result}"


def test_the_index_holds_no_apparatus_of_the_article(built_site) -> None:
    """The whole index, not only the excerpts shown: no note, ¶ label or editors' source
    in the article's entries; the reference lists one entry per result."""
    import json

    index = json.loads((built_site.root / "search" / "search_index.json").read_text("utf-8"))
    article = [doc for doc in index["docs"] if doc["location"].startswith("article/")]
    assert any("Tashkent's acquisition of observer status" in doc["text"] for doc in article)
    for doc in article:
        for marker in ("Editorial note", "¶", "Cited in", "Kun.uz", "(access date: 01.12.2026)"):
            assert marker not in doc["text"], f"{marker!r} in {doc['location']}: {doc['text'][:300]}"
    entries = [doc["location"] for doc in index["docs"] if doc["location"].startswith("references/#")]
    assert entries == [f"references/#ref-{number}" for number in range(1, 20)], entries
