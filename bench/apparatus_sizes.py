"""The apparatus's weight and shape in a built site: the article page's HTML (raw and
gzip), the edition's CSS and JS bundles, and per page the footnote markers and lists
left by Python-Markdown and the editors' citations and sources lists that replace them.

    .venv/bin/python -m bench.apparatus_sizes SITE_DIR [SITE_DIR …]
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

COUNTS = {
    "footnote superscripts": re.compile(r'<sup id="fnref'),
    "footnote lists": re.compile(r'<div class="footnote"'),
    "editors' citations": re.compile(r'class="edition-source-cite__link"'),
    "editors' sources lists": re.compile(r'<section class="edition-sources"'),
}


def sizes(data: bytes) -> str:
    return f"{len(data):,} B raw, {len(gzip.compress(data, 9)):,} B gzip"


def report(site: Path) -> list[str]:
    lines = [f"## {site}", "", f"- article/index.html: {sizes((site / 'article' / 'index.html').read_bytes())}"]
    for bundle in sorted([*site.glob("assets/stylesheets/edition.*.min.css"),
                          *site.glob("assets/javascripts/edition.*.min.js")]):
        lines.append(f"- {bundle.relative_to(site)}: {sizes(bundle.read_bytes())}")
    lines += ["", "| page | " + " | ".join(COUNTS) + " |", "|---" * (len(COUNTS) + 1) + "|"]
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        counts = [len(pattern.findall(html)) for pattern in COUNTS.values()]
        if any(counts):
            lines.append(f"| {page.parent.relative_to(site)}/ | " + " | ".join(map(str, counts)) + " |")
    return lines + [""]


def main(arguments: list[str]) -> None:
    for site in arguments:
        print("\n".join(report(Path(site))))


if __name__ == "__main__":
    main(sys.argv[1:])
