"""Lighthouse on the article page alone, N runs, optionally in the reading view or the
dark scheme: ``python -m bench.article_lighthouse SITE [--runs 3] [--view reading]
[--scheme slate]``. The full benchmark (``python -m bench``) measures three pages five
times; this is the quick check of one page, for before/after comparisons.

The reading view and the dark scheme are the reader's stored choices (localStorage):
a copy of the site is served whose article page stores them first thing in its head,
as reading.js and Material's palette toggle would have. Lighthouse clears storage
before each run, so the page must set them itself.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from bench.lighthouse import SiteServer, ensure_installed, run_lighthouse

PALETTE = {"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                                 "primary": "indigo", "accent": "indigo"}}


def prepared(site: Path, view: str, scheme: str, scratch: Path) -> Path:
    if view == "annotated" and scheme == "default":
        return site
    copy = scratch / "site"
    shutil.copytree(site, copy)
    page = copy / "article" / "index.html"
    sets = []
    if view == "reading":
        sets.append('localStorage.setItem("edition.view","reading");')
    if scheme == "slate":
        sets.append('localStorage.setItem(new URL("..",location).pathname+".__palette",'
                    + json.dumps(json.dumps(PALETTE)) + ");")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<head>", "<head><script>" + "".join(sets) + "</script>", 1),
                    encoding="utf-8")
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--view", choices=("annotated", "reading"), default="annotated")
    parser.add_argument("--scheme", choices=("default", "slate"), default="default")
    args = parser.parse_args()
    print(f"Lighthouse {ensure_installed()}; article page, {args.view} view, {args.scheme} scheme")
    with tempfile.TemporaryDirectory(prefix="bench-article-") as scratch:
        site = prepared(args.site.resolve(), args.view, args.scheme, Path(scratch))
        with SiteServer(site) as server:
            for run in range(1, args.runs + 1):
                report = run_lighthouse(server.base + "article/")
                metrics = report.metrics
                print(f"run {run}: performance {report.scores['performance']}, "
                      f"accessibility {report.scores['accessibility']}, "
                      f"TBT {metrics.get('total-blocking-time', 0):.0f} ms, "
                      f"LCP {metrics.get('largest-contentful-paint', 0):.0f} ms, "
                      f"FCP {metrics.get('first-contentful-paint', 0):.0f} ms, "
                      f"CLS {metrics.get('cumulative-layout-shift', 0):.3f}, "
                      f"bytes {report.total_bytes}", flush=True)
                for line in report.failing + report.diagnostics:
                    print("   ", line, flush=True)


if __name__ == "__main__":
    main()
