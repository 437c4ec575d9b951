"""Phone measurements of a built site (issue item 6): at 390x844 (touch, 2x),
each page's document width, the Emendations page's widest element and its tables'
row heights, and where the phone preview of the article's first citation stands
against the tapped line; plus the article page's HTML and the edition's CSS/JS
bundles, raw and gzipped.

    .venv/bin/python -m bench.phone SITE_DIR

Chromium is the machine's (/usr/bin/chromium, or $EDITION_CHROMIUM), driven by
Playwright; the site is served on 127.0.0.1 only.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import sys
import threading
from pathlib import Path

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["", "article/", "references/", "cite/", "glossary/", "glossary/balance-of-threat/",
         "indexes/persons/", "indexes/organisations/", "indexes/places/", "indexes/documents/",
         "indexes/timeline/", "about/emendations/", "about/principles/", "about/notes/",
         "about/changelog/"]

_EMENDATIONS = """() => {
    const width = document.documentElement.clientWidth;
    let widest = null;
    // Boxes a reader sees: not those inside a visually hidden one (the tables' headers
    // on a phone, clipped to 1 px).
    const seen = node => {
        for (let up = node; up; up = up.parentElement) if (up.getBoundingClientRect().width <= 1) return false;
        return true;
    };
    for (const node of document.querySelectorAll('article *')) {
        if (!seen(node)) continue;
        const right = node.getBoundingClientRect().right;
        if (!widest || right > widest.right)
            widest = {right, element: node.tagName.toLowerCase() + '.' + node.className};
    }
    const tables = [...document.querySelectorAll('.edition-emendations')].map(table => {
        const rows = [...table.querySelectorAll('tbody tr')].map(row => row.getBoundingClientRect().height);
        const wrap = table.querySelector('.md-typeset__scrollwrap') || table;
        const cellsOut = [...table.querySelectorAll('td')].filter(cell => {
            const r = cell.getBoundingClientRect();
            return r.width && (r.left < -0.5 || r.right > width + 0.5);
        }).length;
        return {rows: rows.length, row_height_min: Math.min(...rows), row_height_max: Math.max(...rows),
                row_height_median: rows.sort((a, b) => a - b)[Math.floor(rows.length / 2)],
                scroll_width: wrap.scrollWidth, client_width: wrap.clientWidth, cells_outside: cellsOut,
                first_column_width: table.querySelector('tbody td').getBoundingClientRect().width};
    });
    return {document_width: document.documentElement.scrollWidth, widest, tables};
}"""

_PREVIEW = """link => {
    const box = document.querySelector('.edition-popover').getBoundingClientRect();
    const line = link.getBoundingClientRect();
    return {sheet: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
            link: {top: line.top, bottom: line.bottom},
            covers_link: box.top < line.bottom && box.bottom > line.top,
            viewport: [innerWidth, innerHeight]};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def sizes(root: Path) -> dict:
    def both(path: Path) -> dict:
        data = path.read_bytes()
        return {"file": str(path.relative_to(root)), "bytes": len(data), "gzip": len(gzip.compress(data, 9))}
    return {"article_html": both(root / "article" / "index.html"),
            "css": both(next((root / "assets" / "stylesheets").glob("edition.*.min.css"))),
            "js": both(next((root / "assets" / "javascripts").glob("edition.*.min.js")))}


def browse(root: Path) -> dict:
    from playwright.sync_api import sync_playwright
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                      has_touch=True, device_scale_factor=2)
        page = context.new_page()
        out["document_widths"] = {}
        for url in PAGES:
            page.goto(base + url)
            out["document_widths"][url or "/"] = page.evaluate("() => document.documentElement.scrollWidth")
        page.goto(base + "about/emendations/")
        out["emendations"] = page.evaluate(_EMENDATIONS)
        page.goto(base + "article/")
        link = page.locator("#cite-2 .edition-cite__link")
        link.scroll_into_view_if_needed()
        link.tap()
        page.locator(".edition-popover").wait_for(state="visible")
        page.wait_for_timeout(400)
        out["preview"] = link.evaluate(_PREVIEW)
        browser.close()
    server.shutdown()
    return out


def main(argv: list[str]) -> None:
    root = Path(argv[0]).resolve()
    print(json.dumps({**sizes(root), **browse(root)}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
