"""The article's text as the build recorded it, for the XML exports (edition/outputs/xml/tei.py,
edition/outputs/xml/jats.py).

While an article page renders, the mention treeprocessor (edition/text/markdown_ext.py) has
just replaced every citation, term and entity with its placeholder and recorded every
emendation; at that moment ``record_blocks`` keeps a copy of the page's top-level blocks:
headings, paragraphs (with their ¶ numbers and placeholders) and the editorial notes set
between them. The exports are written from these copies and the build's records, never
from the finished HTML. Python-Markdown's escape and stash placeholders in the copies are
resolved here, so that the exports see the characters the reader sees.
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown

_ESCAPED = re.compile("\x02([0-9]+)\x03")
_STASHED = re.compile("\x02wzxhzdk:([0-9]+)\x03")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Heading:
    """A heading of an article page (a copy) and its level."""

    element: etree.Element
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of an article page (a copy) and its ¶ number."""

    element: etree.Element
    number: int


@dataclass(frozen=True)
class NotePlace:
    """Where the editorial note `note_id` stands between the blocks."""

    note_id: str


# One top-level block of an article page.
Block = Heading | Paragraph | NotePlace


def record_blocks(root: etree.Element, numbers: dict[etree.Element, int], md: Markdown) -> list[Block]:
    """Copies of the page's headings, numbered paragraphs and note positions, in order."""
    blocks: list[Block] = []
    for element in root:
        ident = element.get("id", "")
        if element.tag in _HEADINGS:
            blocks.append(Heading(_resolved(element, md), level=int(element.tag[1])))
        elif element in numbers:
            blocks.append(Paragraph(_resolved(element, md), number=numbers[element]))
        elif "edition-note" in element.get("class", "").split() and ident.startswith("note-"):
            blocks.append(NotePlace(ident.removeprefix("note-")))
    return blocks


def _resolved(element: etree.Element, md: Markdown) -> etree.Element:
    """A deep copy with escape and stash placeholders turned back into characters."""
    copied = copy.deepcopy(element)
    for node in copied.iter():
        node.text = unstash(node.text, md)
        node.tail = unstash(node.tail, md)
    return copied


def unstash(text: str | None, md: Markdown) -> str | None:
    """`text` with Python-Markdown's placeholders resolved: a backslash escape to its
    character, a stashed entity (``&amp;``) to its character. Raw HTML, which editors may
    not write in the article, keeps no text."""
    if not text:
        return text

    def stashed(match: re.Match[str]) -> str:
        index = int(match[1])
        blocks = md.htmlStash.rawHtmlBlocks
        raw = str(blocks[index]) if index < len(blocks) else ""
        return html.unescape(raw) if raw.startswith("&") else ""

    return _ESCAPED.sub(lambda match: chr(int(match[1])), _STASHED.sub(stashed, text))
