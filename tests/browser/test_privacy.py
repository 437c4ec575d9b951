"""Privacy: a reader's browser contacts no host but the edition's own. Every request
Chromium makes is recorded while each kind of page is visited, a citation preview
is opened and a search is run; the only host allowed is the local test server."""

from __future__ import annotations

from .helpers import open_context, search
from .test_accessibility import PAGE_TYPES


def test_no_request_leaves_the_site(browser, site, traffic) -> None:
    context = open_context(browser, traffic)
    websockets: list[str] = []
    try:
        page = context.new_page()
        page.on("websocket", lambda socket: websockets.append(socket.url))
        for url in PAGE_TYPES.values():
            page.goto(site.url(url), wait_until="networkidle")
        page.goto(site.url("article/"), wait_until="networkidle")
        page.locator(".edition-cite__link").first.hover()
        page.locator(".edition-term__link").first.hover()
        search(page, "Morgenthau")
        page.wait_for_load_state("networkidle")
        page.locator(".md-search-result__link").first.click()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    assert len(traffic.requests) > len(PAGE_TYPES), "the recorder saw nothing"
    assert any("search_index.json" in url for url in traffic.requests), \
        "the search index was not loaded, so search was not exercised"
    foreign = sorted({url for url in traffic.requests
                      if url.split("/")[0] in {"http:", "https:", "ws:", "wss:"}
                      and url.split("/")[2] != site.host})
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert traffic.hosts() == {site.host}
    assert traffic.schemes() <= {"http", "data", "blob"}, traffic.schemes()
    assert websockets == []


def test_the_recorder_sees_a_foreign_request(browser, site, traffic) -> None:
    """Control: a request to another host is caught (and aborted before the network)."""
    context = open_context(browser, traffic)
    try:
        context.route("http://foreign.invalid/**", lambda route: route.abort())
        page = context.new_page()
        page.goto(site.url("about/notes/"))
        page.evaluate("""() => new Promise(resolve => {
            const image = new Image();
            image.onerror = image.onload = resolve;
            image.src = 'http://foreign.invalid/pixel.png';
        })""")
    finally:
        context.close()
    assert "foreign.invalid" in traffic.hosts()
