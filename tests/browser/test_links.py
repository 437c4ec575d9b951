"""Links: LinkChecker (PyPI, pinned in pyproject.toml) walks the served edition with
its anchor check on (tests/browser/linkcheckerrc): no broken internal link, no
#fragment that names nothing, whether the link came from Markdown, a template or
raw HTML. External links are listed, never fetched.

How LinkChecker is run: checkers.start_linkchecker. It runs in the background
while the browser tests run; these tests collect its report.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from .checkers import Background, page_urls, start_linkchecker
from .helpers import serve


@dataclass(frozen=True)
class Checked:
    url: str
    parent: str
    result: str
    valid: bool
    warning: str
    line: str


def linkchecker_results(job: Background) -> list[Checked]:
    result = job.wait()
    assert result.returncode in (0, 1), f"LinkChecker failed to run:\n{result.stderr}"
    # Comment lines start with "# "; a same-page link's row starts with "#fragment;".
    lines = [line for line in io.StringIO(result.stdout) if not line.startswith("# ")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, f"LinkChecker printed no results:\n{result.stdout}\n{result.stderr}"
    return [Checked(row["url"], row["parentname"], row["result"], row["valid"] == "True",
                    row["warningstring"], row["line"]) for row in rows]


def describe(checked: list[Checked], base: str) -> str:
    return "\n".join(f"  {item.url.removeprefix(base)} (from /{item.parent.removeprefix(base)}"
                     f" line {item.line}): {item.result} {item.warning}".rstrip()
                     for item in checked)


@pytest.fixture(scope="module")
def checked(site) -> list[Checked]:
    # Started in the background by the `site` fixture (conftest.py) when it could.
    job = site.jobs.pop("links", None) or start_linkchecker(site.base, site.root)
    return linkchecker_results(job)


def test_no_broken_link_or_anchor(checked: list[Checked], site) -> None:
    broken = [item for item in checked if not item.valid]
    assert not broken, "broken links:\n" + describe(broken, site.base)
    unanchored = [item for item in checked if item.warning]
    assert not unanchored, "links with problems (missing anchors):\n" + describe(unanchored, site.base)


def test_every_page_and_its_anchors_were_checked(checked: list[Checked], site) -> None:
    """Guard against a check that silently checks nothing."""
    internal = [item for item in checked if item.url.startswith(site.base)]
    pages = set(page_urls(site.base, site.root))
    assert pages <= {item.url for item in internal}
    anchors = [item for item in internal if "#" in item.url]
    assert len(anchors) >= 100, f"only {len(anchors)} #fragment links were checked"
    for fragment in ("references/#ref-1", "article/#p1", "article/#cite-1"):
        assert site.base + fragment in {item.url for item in anchors}, fragment
    external = [item for item in checked if item.url.startswith("http")
                and not item.url.startswith(site.base)]
    assert external and all(item.result == "filtered" for item in external), \
        "external links must be listed but not fetched"
    per_page = Counter(item.parent.removeprefix(site.base) or "(start)" for item in internal)
    print("\nLinkChecker, internal URLs by the page they were first found on:",
          dict(sorted(per_page.items())), f"total {len(internal)}, with #fragment {len(anchors)},"
          f" external (listed, not fetched) {len(external)}")


def test_linkchecker_catches_a_missing_anchor_and_page(tmp_path: Path) -> None:
    """The configuration really checks anchors: a tiny site with one good and two bad links."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><p id="here">'
        '<a href="#here">ok</a> <a href="other.html#nowhere">bad anchor</a> '
        '<a href="gone.html">bad page</a></p>', encoding="utf-8")
    (tmp_path / "other.html").write_text(
        '<!doctype html><html lang="en"><title>o</title><p id="somewhere">o</p>', encoding="utf-8")
    served, server = serve(tmp_path)
    try:
        results = linkchecker_results(start_linkchecker(served.base, tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    by_url = {item.url.removeprefix(served.base): item for item in results}
    assert not by_url["gone.html"].valid
    assert "nowhere" in by_url["other.html#nowhere"].warning
    assert by_url["#here"].valid and not by_url["#here"].warning
