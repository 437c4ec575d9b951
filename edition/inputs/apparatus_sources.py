"""Checks on the sources of the editors' apparatus, run once per build.

The apparatus must be checkable by a reader: every web source in bib/editorial.bib
says when the editors read it, every glossary paragraph and editorial note cites a
source or the article, and no comment or value in bib/ or data/ points at a file on
somebody's machine. Each check is a pure function of a file's text that returns
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
    """All three checks on the project at `root` (its docs in `docs_dir`)."""
    problems: list[Problem] = []
    editorial = root / EDITORIAL_BIB
    if editorial.is_file():
        problems += check_web_entries(editorial.read_text(encoding="utf-8", errors="replace"), EDITORIAL_BIB)
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
