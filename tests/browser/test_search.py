r"""Search, as a reader uses it: words typed into Material's search box find the right
page and section, in English, Russian and Kazakh, on every kind of page the edition
has (article, title page, glossary, registers, references).

Kazakh has no lunr stemmer, and needs none to be found: with mkdocs.yml's
`search.lang: [en, ru]`, lunr's trimmer keeps the word characters of Russian,
U+0400-U+052F (Cyrillic and Cyrillic Supplement, where ә ғ қ ң ө ұ ү һ і live), and
the default separator `[\s\-]+` splits on spaces and hyphens only, so a Kazakh
word reaches the index whole; the Russian stemmer treats index and query alike.
The Kazakh cases below prove it.
"""

from __future__ import annotations

import pytest

from .helpers import screenshot, search

# (query, what must be among the results, why)
CASES = [
    ("Aral", ["article/#results"], "English word of the article's body"),
    ("Узбекистан", ["article/#abstract-ru"], "Russian abstract on the article page"),
    ("Өзбекстан", ["article/#abstract-kk"], "Kazakh abstract: a word with a Kazakh letter"),
    ("ынтымақтастықтың", ["article/#abstract-kk"], "Kazakh inflected form with қ and ң"),
    ("balance of threat", ["glossary/balance-of-threat/", "article/"], "glossary and article"),
    ("Morgenthau", ["glossary/morgenthau/", "references/"], "a theorist: glossary and references"),
    ("Theory of International Politics", ["references/"], "title of reference 3"),
    ("Tolipov", ["indexes/persons/#tolipov"], "a register entry"),
    ("CICA", ["indexes/organisations/#cica"], "an organisation's acronym in its register"),
]


def _pages(results: list[str]) -> set[str]:
    return {result.split("#", 1)[0] for result in results}


@pytest.mark.parametrize(("query", "expected", "why"), CASES, ids=[case[0] for case in CASES])
def test_search_box_finds(page, site, query: str, expected: list[str], why: str) -> None:
    page.goto(site.url())
    results = search(page, query)
    for target in expected:
        found = target in results if "#" in target else target in _pages(results)
        assert found, f"{query!r} ({why}) should find {target!r}; results: {results}"


def test_search_result_leads_to_the_kazakh_abstract(page, site) -> None:
    page.goto(site.url("article/"))
    search(page, "Өзбекстан")
    screenshot(page, "search-kazakh")
    result = page.locator('.md-search-result__link[href*="#abstract-kk"]').first
    if not result.is_visible():  # folded under "N more on this page"
        page.locator(".md-search-result__item", has=result).locator("summary").click()
    result.click()
    page.wait_for_url(lambda url: url.endswith("#abstract-kk"))
    heading = page.locator("#abstract-kk")
    assert heading.is_visible()
    assert heading.evaluate("node => node.closest('[lang]').lang") == "kk"


def test_search_index_covers_every_page(built_site) -> None:
    """Glossary, registers and references are indexed, not excluded from search."""
    import json

    index = json.loads((built_site.root / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#", 1)[0] for doc in index["docs"]}
    pages = {path.parent.relative_to(built_site.root).as_posix() + "/"
             for path in built_site.root.rglob("index.html")}
    pages = {"" if page == "./" else page for page in pages}
    assert pages - {"search/"} <= locations, sorted(pages - locations)
