"""The search index is loaded when a reader goes to search, not with every page
(overrides/search-on-intent.html): a page loads neither the index nor the
lunr files; the first click, tap or keyboard shortcut into search loads them and the
search works; a page opened to show a search (?q=) or a search hit (?h=) loads the
index at once."""

from __future__ import annotations

import pytest

from .helpers import search


def _search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "search_index" in url or "/lunr/" in url]


def _loaded_and_settled(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)


@pytest.mark.parametrize("path", ["", "article/", "references/"])
def test_a_page_loads_no_search_index(page, site, traffic, path: str) -> None:
    _loaded_and_settled(page, site.url(path))
    page.mouse.wheel(0, 600)
    page.locator(".edition-cite__link, .md-content a").first.hover()
    page.wait_for_timeout(300)
    assert any(url.endswith("bundle.js") or "/bundle." in url for url in traffic.requests), \
        "Material's bundle did not load, so nothing was tested"
    assert _search_requests(traffic.requests) == []


def test_clicking_into_search_loads_the_index_and_finds(page, site, traffic) -> None:
    _loaded_and_settled(page, site.url("article/"))
    assert _search_requests(traffic.requests) == []
    assert "references/" in search(page, "Morgenthau")
    loaded = _search_requests(traffic.requests)
    assert any(url.endswith("search/search_index.json") for url in loaded), loaded
    assert any("lunr.ru" in url for url in loaded), loaded


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_a_search_shortcut_loads_the_index_and_finds(page, site, traffic, key: str) -> None:
    _loaded_and_settled(page, site.url("article/"))
    page.keyboard.press(key)
    box = page.locator("input.md-search__input")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("Tolipov")
    box.press("End")
    page.wait_for_function(
        "() => /\\d+ matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any("indexes/persons/" in link for link in links), links
    assert any(url.endswith("search/search_index.json") for url in traffic.requests)


def test_on_a_phone_the_search_button_loads_the_index_and_finds(phone, site, traffic) -> None:
    _loaded_and_settled(phone, site.url("article/"))
    assert _search_requests(traffic.requests) == []
    phone.locator("label.md-header__button[for=__search]").tap()
    assert "article/#abstract-kk" in search(phone, "Өзбекстан")
    assert any(url.endswith("search/search_index.json") for url in traffic.requests)


def test_a_shared_search_address_searches_at_once(page, site, traffic) -> None:
    page.goto(site.url("article/?q=Tolipov"))
    page.wait_for_function(
        "() => /\\d+ matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    assert any(url.endswith("search/search_index.json") for url in traffic.requests)


def test_a_search_hit_is_highlighted_at_once(page, site, traffic) -> None:
    page.goto(site.url("article/?h=tolipov"))
    marked = page.locator("article mark[data-md-highlight]")
    marked.first.wait_for()
    assert marked.count() >= 1
    assert "tolipov" in marked.first.inner_text().lower()
