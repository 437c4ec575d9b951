r"""Search results as a reader sees them (issue 11): no export or BibTeX text among
them, the title page and the article told apart, Cyrillic spellings of people and
places found on their register entries, and Russian and Kazakh words found in a form
other than the one printed (docs/javascripts/search-forms.js sends a prefix of the
word)."""

from __future__ import annotations

import pytest

from .helpers import screenshot, search

# (query, what must be among the results, the form printed in the source)
FORMS = [
    ("союзнический", "article/#abstract-ru", "Союзнические (Russian title and abstract)"),
    ("Декларацию", "article/#abstract-ru", "Декларации (Russian abstract)"),
    ("отношение", "article/#abstract-ru", "отношений, отношения (Russian abstract)"),
    ("ынтымақтастық", "article/#abstract-kk", "ынтымақтастықтың (Kazakh abstract)"),
    ("қатынастарда", "article/#abstract-kk", "қатынастарының, қатынастар (Kazakh abstract)"),
    ("сарапшылардың", "article/#abstract-kk", "сарапшыларының (Kazakh abstract)"),
]

# (query, register entry, why)
SPELLINGS = [
    ("Мирзиёев", "indexes/persons/#mirziyoyev", "Russian and Uzbek Cyrillic"),
    ("Тоқаев", "indexes/persons/#tokayev", "Kazakh"),
    ("Ташкенте", "indexes/places/#tashkent", "Russian, inflected (printed: Ташкент)"),
    ("Тошкент", "indexes/places/#tashkent", "Uzbek Cyrillic"),
]


@pytest.mark.parametrize(("query", "expected", "printed"), FORMS, ids=[case[0] for case in FORMS])
def test_other_word_forms_find_the_abstracts(page, site, query: str, expected: str, printed: str) -> None:
    page.goto(site.url())
    results = search(page, query)
    assert expected in results, f"{query!r} (printed: {printed}) should find {expected!r}; results: {results}"


@pytest.mark.parametrize(("query", "expected", "why"), SPELLINGS, ids=[case[0] for case in SPELLINGS])
def test_cyrillic_spellings_find_the_register_entry(page, site, query: str, expected: str, why: str) -> None:
    page.goto(site.url())
    results = search(page, query)
    assert expected in results, f"{query!r} ({why}) should find {expected!r}; results: {results}"


def _result_texts(page) -> list[str]:
    return page.locator(".md-search-result__item").evaluate_all("items => items.map(i => i.innerText)")


def test_morgenthau_results_show_no_export_text(page, site) -> None:
    page.goto(site.url("article/"))
    results = search(page, "Morgenthau")
    screenshot(page, "search-morgenthau")
    assert "glossary/morgenthau/" in results and "references/" in {r.split("#")[0] for r in results}
    assert not any(r.startswith("cite/") or r.startswith("#how-to-cite") for r in results), results
    for text in _result_texts(page):
        for syntax in ("@book", "@online", "{{", "\\&", "TY  -", '"type":'):
            assert syntax not in text, f"export text in a search result: {text[:200]}"


def test_title_page_and_article_results_have_different_titles(page, site) -> None:
    page.goto(site.url())
    search(page, "Uzbek Expert Discourse")
    titles = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.md-search-result__item > .md-search-result__link:first-child')].map(link => [
        new URL(link.href).pathname, link.querySelector('h1').innerText]))""")
    base = page.evaluate("() => new URL(__md_scope.href).pathname")
    title_page, article = titles.get(base), titles.get(base + "article/")
    assert title_page and article, titles
    assert title_page != article
