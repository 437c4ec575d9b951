"""Checks on the sources of the editors' apparatus, run once per build.

The apparatus must be checkable by a reader: every web source in bib/editorial.bib
says when the editors read it, every glossary paragraph and editorial note cites a
source or the article, and no comment or value in bib/ or data/ points at a file on
somebody's machine; no entry of bib/editorial.bib has a placeholder title or an
address on a host that republishes other outlets' stories. Each check is a pure function of a file's text that returns
Problems with real line numbers; ``check_apparatus`` reads the project's files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mkdocs.utils.meta import get_data

from edition.core.problems import Problem
from edition.core.project import EDITORIAL_BIB, NOTES_FILE
from edition.inputs.schema import read_list

GLOSSARY_DIR = "glossary"
_ENTRY_HEAD = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
_FIELD = re.compile(r"^\s*(\w+)\s*=", re.MULTILINE)
_EDITORIAL_CITE = re.compile(r"\[[^\[\]]*@[\w:-]+[^\[\]]*\]")
_REFERENCE_NUMBER = re.compile(r"\[\d+(?:\s*,[^\[\]]*)?\]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
# An absolute path starts a word (after a space, quote, bracket or '=') with '/' and has
# at least two segments; a URL's '/' never starts a word, so URLs are not matched.
_POSIX_PATH = re.compile(r"(?:^|(?<=[\s\"'(\[{=,]))(?:/[\w.-]+){2,}/?")
_HOME_PATH = re.compile(r"(?:^|(?<=[\s\"'(\[{=,]))~/[\w.-]+")
_WINDOWS_PATH = re.compile(r"(?<![\w])[A-Za-z]:\\[\w\\. -]+")

# Hosts whose pages are copies or rewrites of other outlets' texts. The editors cite the
# source of record (principles, "Sources of the apparatus"): a copy can change or drop the
# original's words and dates unseen, and it hides who stands behind them. Each host with
# what it copies and where its texts come from, for the message.
REPUBLISHERS: dict[str, str] = {
    "vlex.co.uk": "copies journal articles and reviews — cite the journal article by its DOI",
    "theasiatoday.org": "reprints news-agency stories (Anadolu) — cite the agency's own story",
    "laprensalatina.com": "reprints EFE stories — cite EFE's own story",
    "watchers.news": "rewrites Reuters and AFP stories — cite the agency's own story",
    "brightuzbekistan.uz": "rewrites other outlets' stories — cite the outlet that reported it",
    "wikisum.wiki": "copies Wikipedia articles — cite the Wikipedia article, named as such",
    "knowpia.com": "copies Wikipedia articles — cite the Wikipedia article, named as such",
    "wikiclassic.com": "copies Wikipedia articles — cite the Wikipedia article, named as such",
}
# A title wholly in square brackets ("[Article on ...]") is the editors' description,
# not the work's title: a reader cannot find the work by it, and its real title is
# usually on the page the editors read.
_PLACEHOLDER_TITLE = re.compile(r"^\{*\s*\[[^\]]*\]\s*\}*$")
_FIELD_VALUE = re.compile(r"^\s*(\w+)\s*=\s*(.*?),?\s*$", re.MULTILINE)

CITES_NOTHING = ("cites nothing — cite a source as [@key] (an entry of bib/editorial.bib) "
                 "or the article by paragraph (¶) or reference number ([5])")


def check_web_entries(text: str, display: str) -> list[Problem]:
    """A problem for each web entry (@online, or any entry with a url) without urldate."""
    problems = []
    heads = list(_ENTRY_HEAD.finditer(text))
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        fields = {match[1].lower() for match in _FIELD.finditer(text, head.end(), end)}
        if head[1].lower() == "comment" or not (head[1].lower() == "online" or "url" in fields):
            continue
        if "urldate" not in fields:
            line = 1 + text.count("\n", 0, head.start(1))
            problems.append(Problem(display, line, f"web source '{head[2]}' has no urldate — add "
                                    "urldate = {YYYY-MM-DD}, the day the editors read the page"))
    return problems


def check_editorial_entries(text: str, display: str) -> list[Problem]:
    """A problem for each entry with a placeholder title in square brackets or a url on a
    host of REPUBLISHERS, at the line of that field."""
    problems = []
    heads = list(_ENTRY_HEAD.finditer(text))
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        for field in _FIELD_VALUE.finditer(text, head.end(), end):
            name, value = field[1].lower(), field[2].strip()
            line = 1 + text.count("\n", 0, field.start(1))
            if name == "title" and _PLACEHOLDER_TITLE.match(value):
                problems.append(Problem(display, line, f"source '{head[2]}' has the placeholder title "
                                        f"{value.strip('{}')} — give the work's own title as it stands "
                                        "on the page or title page, or leave the source out"))
            elif name == "url":
                host = _host(value.strip("{}"))
                reason = next((why for known, why in REPUBLISHERS.items()
                               if host == known or host.endswith("." + known)), None)
                if reason is not None:
                    problems.append(Problem(display, line, f"source '{head[2]}' is a page of {host}, which "
                                            f"{reason} (edition/inputs/apparatus_sources.py, REPUBLISHERS)"))
    return problems


def _host(url: str) -> str:
    match = re.match(r"(?i)^[a-z][a-z0-9+.-]*://([^/:?#]+)", url)
    host = match[1].lower() if match else ""
    return host.removeprefix("www.")


def cites_something(text: str) -> bool:
    """Whether `text` cites an editorial source, a paragraph (¶) or a reference number."""
    return bool(_EDITORIAL_CITE.search(text) or "¶" in text or _REFERENCE_NUMBER.search(text))


def check_glossary_page(text: str, display: str) -> list[Problem]:
    """A problem for each paragraph or list item of a glossary entry's body citing nothing.

    Headings, HTML comments and code are not paragraphs; a page without ``glossary``
    front matter (the glossary's index) is not an entry and is not checked.
    """
    body, meta = get_data(text)
    if not isinstance(meta.get("glossary"), dict):
        return []
    first_line = 1 + text.count("\n", 0, text.find(body)) if body else 1
    return [Problem(display, line, f"{kind} {CITES_NOTHING}")
            for line, kind, block in _blocks(body, first_line) if not cites_something(block)]


def check_notes(root: Path) -> list[Problem]:
    """A problem for each editorial note in data/notes.yml whose text cites nothing."""
    nodes, _ = read_list(root / NOTES_FILE, NOTES_FILE)
    return [Problem(NOTES_FILE, node.line, f"note '{node.values.get('id', '?')}' {CITES_NOTHING}")
            for node in nodes
            if isinstance(node.values.get("text"), str) and not cites_something(node.values["text"])]


def check_paths(text: str, display: str) -> list[Problem]:
    """A problem for each line of `text` that names an absolute filesystem path."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in (_POSIX_PATH, _HOME_PATH, _WINDOWS_PATH):
            match = pattern.search(line)
            if match:
                problems.append(Problem(display, number, f"names the absolute path '{match[0]}' — "
                                        "name a project file by its path in the project (e.g. "
                                        "bib/editorial.bib) or describe the source in words"))
                break
    return problems


def check_apparatus(root: Path, docs_dir: Path) -> list[Problem]:
    """All the checks on the project at `root` (its docs in `docs_dir`)."""
    problems: list[Problem] = []
    editorial = root / EDITORIAL_BIB
    if editorial.is_file():
        text = editorial.read_text(encoding="utf-8", errors="replace")
        problems += check_web_entries(text, EDITORIAL_BIB)
        problems += check_editorial_entries(text, EDITORIAL_BIB)
    prefix = _relative(docs_dir, root)
    for page in sorted((docs_dir / GLOSSARY_DIR).glob("*.md")):
        problems += check_glossary_page(page.read_text(encoding="utf-8", errors="replace"),
                                        f"{prefix}/{GLOSSARY_DIR}/{page.name}")
    problems += check_notes(root)
    for file in sorted([*root.glob("bib/*.bib"), *root.glob("data/**/*.yml")]):
        problems += check_paths(file.read_text(encoding="utf-8", errors="replace"), _relative(file, root))
    return problems


def _blocks(body: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """(line, kind, text) of each paragraph and list item of a Markdown body."""
    block: list[str] = []
    start, kind, fenced = 0, "paragraph", False
    for offset, line in enumerate(body.split("\n") + [""]):
        number = first_line + offset
        if _FENCE.match(line):
            fenced = not fenced
            continue
        stripped = line.strip()
        opens_item = bool(_LIST_ITEM.match(line))
        if fenced or not stripped or stripped.startswith(("#", "<!--")) or opens_item:
            if block:
                yield start, kind, " ".join(block)
                block = []
            if opens_item and not fenced:
                block, start, kind = [stripped], number, "list item"
            continue
        if not block:
            start, kind = number, "paragraph"
        block.append(stripped)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
