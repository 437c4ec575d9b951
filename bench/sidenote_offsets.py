"""Where each side note of the article stands against its marker, at 1280 and 1920 px:
``python -m bench.sidenote_offsets SITE``. Prints a Markdown table: per note, its marker's
paragraph, the offset of the note's top from its marker's line (px, + below), the note's
height and state, and the width of the note column. The browser suite's
tests/browser/test_sidenotes_layout.py asserts on the same measurements.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {1280: 900, 1920: 1080}

# Per note, in document order: its marker's line (the marker's box), the note's box, the
# paragraph's line height, the note's state (sidenotes.js) and its paragraph.
MEASURE = """() => [...document.querySelectorAll('.md-content .edition-note')].map(note => {
    const marker = document.getElementById(note.id + '-marker');
    const box = note.getBoundingClientRect(), mark = marker.getBoundingClientRect();
    const paragraph = note.closest('p');
    return {id: note.id, paragraph: paragraph.id, number: marker.textContent.trim(),
            markerTop: mark.top + scrollY, markerBottom: mark.bottom + scrollY,
            markerLeft: mark.left, markerRight: mark.right,
            top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left,
            right: box.right, width: box.width, height: box.height,
            lineHeight: parseFloat(getComputedStyle(paragraph).lineHeight),
            textRight: paragraph.getBoundingClientRect().right,
            state: note.getAttribute('data-edition-sidenote') || '',
            display: getComputedStyle(note).display};
})"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path) -> dict[int, list[dict]]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/article/"
    found: dict[int, list[dict]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width, height in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url)
                page.evaluate("() => document.fonts.ready")
                page.wait_for_timeout(300)
                found[width] = page.evaluate(MEASURE)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    found = measure(args.site)
    print("| note | ¶ | " + " | ".join(f"{w}: offset px | {w}: height px | {w}: state" for w in found) + " |")
    print("|---|---|" + "---|---|---|" * len(found))
    first = next(iter(found.values()))
    for index, note in enumerate(first):
        cells = []
        for notes in found.values():
            other = notes[index]
            cells += [f"{other['top'] - other['markerTop']:+.0f}", f"{other['height']:.0f}",
                      other["state"] or other["display"]]
        print(f"| {note['number']} | {note['paragraph'].lstrip('p')} | " + " | ".join(cells) + " |")
    for width, notes in found.items():
        widths = sorted({round(note["width"]) for note in notes})
        print(f"{width}: note column width(s) {widths} px; line height {notes[0]['lineHeight']:.1f} px")


if __name__ == "__main__":
    main()
