"""Measuring the article's typography in Chromium: characters per line, initials parted
from their surnames, the fonts a first visit downloads. Used by test_typography.py, and
run by hand for the before/after figures of a change:

    .venv/bin/python -m tests.browser.typography SITE_DIR

prints, for each width, the characters per full line of the article's body paragraphs
(min / median / mean / max), the initials found parted, and the font bytes the article's
first view downloads.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

# The article's body text: its numbered paragraphs. What the edition adds inside them
# (¶ number, note markers, the notes themselves) is not the text's measure.
BODY = ".md-content article p.edition-para"
SKIP = "[data-edition-apparatus], sup, .edition-corr"

# One line = the characters whose boxes share a line box. A character starts a new line
# when its box's middle lies below the previous line's bottom. Collapsed white space
# (zero-width boxes) belongs to no line.
LINES_JS = """([selector, skip]) => {
  const out = [];
  for (const block of document.querySelectorAll(selector)) {
    const lines = [];
    let bottom = -Infinity;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: node => node.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT
                                                            : NodeFilter.FILTER_ACCEPT,
    });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width === 0 && /\\s/.test(text[i])) continue;
        const middle = box.top + box.height / 2;
        if (middle > bottom) {
          lines.push({text: '', top: box.top});
          bottom = box.bottom;
        } else {
          bottom = Math.max(bottom, box.bottom);
        }
        lines[lines.length - 1].text += text[i];
      }
    }
    out.push(lines.map(line => line.text));
  }
  return out;
}"""


@dataclass(frozen=True)
class Measure:
    """Characters per full line (a paragraph's last line is not full) at one width."""

    width: int
    counts: tuple[int, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.counts)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.counts)

    def row(self) -> str:
        return (f"{self.width:>5} px  lines {len(self.counts):>4}  min {min(self.counts):>3}  "
                f"median {self.median:>5.1f}  mean {self.mean:>5.1f}  max {max(self.counts):>3}")


def paragraph_lines(page, selector: str = BODY) -> list[list[str]]:
    """Each matching paragraph's rendered lines (their text, apparatus left out)."""
    return page.evaluate(LINES_JS, [selector, SKIP])


def measure(page, width: int, selector: str = BODY) -> Measure:
    paragraphs = paragraph_lines(page, selector)
    counts = tuple(len(line.strip()) for lines in paragraphs for line in lines[:-1])
    return Measure(width, counts)


# "H. Morgenthau", "Sh.M. Mirziyoyev", "K. N. Waltz": one to three initials (one capital
# and at most one small letter, each with its full stop) before a capitalised surname.
INITIALS = r"(?<![\p{L}.])((?:\p{Lu}\p{Ll}?\.\s?){1,3})\s(\p{Lu}\p{Ll}+)"

PARTED_JS = """([selector, pattern]) => {
  const found = [];
  const re = new RegExp(pattern, 'gu');
  const range = document.createRange();
  const top = (node, index) => {
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const box = range.getBoundingClientRect();
    return box.top + box.height / 2;
  };
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility()) continue;
      for (const match of node.data.matchAll(re)) {
        const first = match.index;
        const last = match.index + match[0].length - 1;
        found.push({text: match[0], parted: Math.abs(top(node, first) - top(node, last)) > 2});
      }
    }
  }
  return found;
}"""


def initials(page, selector: str = ".md-content article") -> list[dict]:
    """Every visible "initials + surname" pair in the selected text, and whether its first
    and last characters stand on different lines."""
    return page.evaluate(PARTED_JS, [selector, INITIALS])


def font_bytes(requests: list[tuple[str, int]]) -> int:
    return sum(size for url, size in requests if url.endswith((".woff2", ".woff", ".ttf")))


def main(argv: list[str] | None = None) -> None:
    import argparse
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from .helpers import CHROMIUM_ARGS, chromium_path, serve

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    served, server = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for width, height in ((390, 844), (768, 1024), (1280, 900), (1920, 1080)):
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                fonts: list[tuple[str, int]] = []
                page.on("requestfinished", lambda request, fonts=fonts: fonts.append(
                    (request.url, request.sizes()["responseBodySize"])))
                page.goto(served.url("article/"))
                page.evaluate("document.fonts.ready")
                print(measure(page, width).row(), end="")
                pairs = initials(page)
                parted = [pair["text"] for pair in pairs if pair["parted"]]
                print(f"  initials {len(pairs)} parted {len(parted)} {parted}"
                      f"  first-view fonts {font_bytes(fonts)} B")
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
