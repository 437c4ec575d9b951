"""Helpers of the browser suite: finding its tools, serving a folder, recording traffic,
and the reader's actions (searching) shared by several test files.

Tools come from outside Python: Chromium (apt), java (apt), axe-core and vnu.jar
(npm, package.json). Locally a missing tool skips the tests that need it, with the
reason; under CI=true it fails them, so a green CI always means they ran.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

# No GPU, no QUIC, nothing phoning home: the privacy test must see only our requests.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser",
                       "google-chrome", "google-chrome-stable")
DEFAULT_TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def missing(what: str) -> NoReturn:
    """Skip (locally) or fail (CI=true) a test whose tool is not installed."""
    if IN_CI:
        pytest.fail(f"{what}; under CI=true every browser-suite tool must be installed",
                    pytrace=False)
    pytest.skip(what)


def chromium_path() -> str:
    """The machine's Chromium: $EDITION_CHROMIUM, else the Debian package's binary."""
    configured = os.environ.get("EDITION_CHROMIUM")
    if configured:
        if not Path(configured).is_file():
            missing(f"EDITION_CHROMIUM={configured} does not exist")
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    missing("Chromium not found (apt-get install chromium, or set EDITION_CHROMIUM)")


def require_file(path: Path, how: str) -> Path:
    if not path.is_file():
        missing(f"{path.relative_to(ROOT)} not found ({how})")
    return path


def require_command(name: str, how: str) -> str:
    found = shutil.which(name)
    if not found:
        missing(f"`{name}` not found ({how})")
    return found


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save a screenshot of the page to test-artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that drops a connection mid-response (navigating away) is normal.
        pass


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Pages are UTF-8: say so, as a real host would (checkers must not guess).
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                      ".css": "text/css; charset=utf-8", ".json": "application/json"}

    def end_headers(self) -> None:
        # LinkChecker throttles every host to 10 requests/s unless the server answers
        # with a "LinkChecker" header (see its `maxrequestspersecond` option); this
        # server is ours and local, so it does.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@dataclass
class Served:
    """A folder served over HTTP on 127.0.0.1; `url('article/')` gives a page's URL.

    `jobs` holds the whole-site checks started in the background (checkers.py).
    """

    root: Path
    base: str
    host: str
    jobs: dict = field(default_factory=dict)

    def url(self, path: str = "") -> str:
        return self.base + path


def serve(root: Path) -> tuple[Served, _QuietServer]:
    """Start serving ROOT on a free port of 127.0.0.1 (in a daemon thread)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    return Served(root, f"http://{host}/", host), server


@dataclass
class Traffic:
    """Every request a browser context made, and the page errors it saw."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        """Network hosts contacted (data:, blob: and about: URLs are not requests)."""
        return {urlsplit(url).netloc for url in self.requests
                if urlsplit(url).scheme in {"http", "https", "ws", "wss", "ftp"}}

    def schemes(self) -> set[str]:
        return {urlsplit(url).scheme for url in self.requests}


def open_context(browser, traffic: Traffic | None = None, **options):
    """A fresh browser context (own storage), recording traffic if asked."""
    context = browser.new_context(**{"viewport": DESKTOP, **options})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    if traffic is not None:
        context.on("request", lambda request: traffic.requests.append(request.url))
        context.on("weberror", lambda error: traffic.errors.append(str(error.error)))
    return context




def search(page, query: str) -> list[str]:
    """Type QUERY into Material's search box; return the result links, best first.

    Each link is site-relative without the ?h= highlight parameter
    ('article/#results', '#abstract-kk'). Material searches on keyup, so a key is
    pressed after filling the box. Results come in pages of ten; the list is scrolled
    until every result is rendered.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.fill(query)
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && /\\d+ matching|No matching/i.test(meta.textContent);
        }""")
    if "No matching" in meta.inner_text():
        return []
    wrap = page.locator(".md-search__scrollwrap")
    links = page.locator(".md-search-result__item .md-search-result__link")
    shown = -1
    while links.count() != shown:
        shown = links.count()
        wrap.evaluate("element => { element.scrollTop = element.scrollHeight; }")
        page.wait_for_timeout(150)
    base = page.evaluate("() => new URL(__md_scope.href).href")
    found = []
    for href in links.evaluate_all("links => links.map(link => link.href)"):
        path, _, fragment = href.partition("#")
        path = path.split("?", 1)[0]
        relative = path[len(base):] if path.startswith(base) else path
        found.append(relative + (f"#{fragment}" if fragment else ""))
    return found


def search_results(page, query: str) -> list[dict]:
    """Search as `search` does; return each result as the reader sees it, best first:
    its page ('article/'), its sections (site-relative link, heading, excerpt text, folded
    ones included) and the query terms it marks "Missing"."""
    search(page, query)
    return page.evaluate("""() => {
        const base = new URL(__md_scope.href).href;
        const relative = href => {
            const url = new URL(href);
            return (url.origin + url.pathname).slice(base.length) + url.hash;
        };
        return [...document.querySelectorAll('.md-search-result__item')].map(item => {
            const links = [...item.querySelectorAll('.md-search-result__link')];
            return {
                page: relative(links[0].href).split('#')[0],
                sections: links.map(link => ({
                    href: relative(link.href),
                    heading: (link.querySelector('h1, h2') || {textContent: ''}).textContent.trim(),
                    text: (() => {
                        const excerpt = link.querySelector('article').cloneNode(true);
                        excerpt.querySelectorAll('h1, h2, .md-search-result__terms, .md-search-result__icon')
                            .forEach(part => part.remove());
                        return excerpt.textContent.replace(/\\s+/g, ' ').trim();
                    })(),
                })),
                missing: [...item.querySelectorAll('.md-search-result__terms del')].map(del => del.textContent),
            };
        });
    }""")


def tap_first_citation(phone, site):
    """On a touch phone, tap the article's first citation ([2, p.137]) and wait for its
    preview; return the link and the preview box."""
    phone.goto(site.url("article/"))
    link = phone.locator("#cite-2 .edition-cite__link")
    link.scroll_into_view_if_needed()
    link.tap()
    box = phone.locator(".edition-popover")
    box.wait_for(state="visible")
    assert "Politics Among Nations" in box.inner_text()
    return link, box


def site_pages(built_site) -> list[str]:
    """Every page of the built site, as a site-relative URL ('' is the title page)."""
    urls = []
    for path in sorted(built_site.root.rglob("index.html")):
        url = path.parent.relative_to(built_site.root).as_posix() + "/"
        if url != "search/":
            urls.append("" if url == "./" else url)
    return urls
