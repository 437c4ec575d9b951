"""What a reader downloads: bytes per page type, raw and gzip (level 6, as the
benchmark's server sends them; images and fonts are sent as they are), counted from
the built site's files.

A page's resources are those its HTML names: stylesheets (<link rel=stylesheet>),
scripts (<script src>), images and icons, and any font the CSS loads (@font-face).
Search adds, on first use, the search index and the worker with its language
files; they are listed apart because a page view does not fetch them.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench.gzip_server import GZIP_LEVEL, TEXT_TYPES, content_type

PAGE_TYPES = {
    "title": "index.html",
    "article": "article/index.html",
    "references": "references/index.html",
    "glossary page": "glossary/morgenthau/index.html",
    "register": "indexes/persons/index.html",
}
SEARCH_INDEX = "search/search_index.json"
_FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot))")
_FONT_FACE = re.compile(r"@font-face")


@dataclass
class Size:
    raw: int = 0
    gzip: int = 0
    files: list[str] = field(default_factory=list)

    def add(self, site: Path, relative: str) -> None:
        data = (site / relative).read_bytes()
        self.raw += len(data)
        compressible = content_type(site / relative).startswith(TEXT_TYPES)
        self.gzip += len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)) if compressible else len(data)
        self.files.append(relative)


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        rel = attributes.get("rel", "").split()
        if tag == "link" and "stylesheet" in rel and attributes.get("href"):
            self.css.append(attributes["href"])
        elif tag == "link" and "icon" in rel and attributes.get("href"):
            self.images.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.js.append(attributes["src"])
        elif tag == "img" and attributes.get("src"):
            self.images.append(attributes["src"])


def _local(site: Path, page: str, url: str) -> str | None:
    """The site-relative path of a URL used on `page`, or None if it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return None
    resolved = urlsplit(urljoin("/" + page, parts.path)).path.lstrip("/")
    return resolved if (site / resolved).is_file() else None


def page_bytes(site: Path, page: str) -> dict[str, Size]:
    """HTML, CSS, JS, fonts and images of one page."""
    parser = _Resources()
    parser.feed((site / page).read_text(encoding="utf-8"))
    sizes = {kind: Size() for kind in ("html", "css", "js", "fonts", "images")}
    sizes["html"].add(site, page)
    for kind, urls in (("css", parser.css), ("js", parser.js), ("images", parser.images)):
        for url in dict.fromkeys(urls):
            local = _local(site, page, url)
            if local is not None:
                sizes[kind].add(site, local)
    for stylesheet in sizes["css"].files:
        text = (site / stylesheet).read_text(encoding="utf-8", errors="replace")
        for font in dict.fromkeys(_FONT_URL.findall(text)):
            local = _local(site, stylesheet, font)
            if local is not None:
                sizes["fonts"].add(site, local)
    return sizes


def font_faces(site: Path) -> int:
    """How many @font-face rules the site's CSS holds (0: system fonts only)."""
    return sum(len(_FONT_FACE.findall(css.read_text(encoding="utf-8", errors="replace")))
               for css in site.rglob("*.css"))


def search_on_use(site: Path) -> dict[str, Size]:
    """The search index, and the worker with the lunr files it loads for en + ru."""
    index, worker = Size(), Size()
    index.add(site, SEARCH_INDEX)
    for file in sorted(site.glob("assets/javascripts/workers/search.*.min.js")):
        worker.add(site, file.relative_to(site).as_posix())
    for name in ("lunr.stemmer.support.min.js", "lunr.ru.min.js", "lunr.multi.min.js"):
        if (site / "assets/javascripts/lunr/min" / name).is_file():
            worker.add(site, f"assets/javascripts/lunr/min/{name}")
    return {"search index": index, "search worker + lunr (en, ru)": worker}


def reader_bytes(site: Path) -> dict[str, dict[str, Size]]:
    return {name: page_bytes(site, page) for name, page in PAGE_TYPES.items()}
