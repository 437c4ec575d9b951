"""Parse the article's numbered citations: ``[2]``, ``[2, p.137]``, ``[6, pp.1-17]``, ``[7; 8]``, ``[7, 8]``.

A bracket is a citation candidate when its content starts with a digit; anything
else (``[sic]``, ``[Electronic resource]``) is ordinary text. A candidate that
does not follow the grammar is an error, never silently left as text: an editor
who typed ``[2, p.]`` meant a citation.

Grammar (spaces after separators optional)::

    citation := item (sep item)*
    item     := NUMBER [", " locator]
    locator  := "p." PAGE | "pp." PAGE ("-" | "–") PAGE
    sep      := ";" | ","          (a "," must be followed by a NUMBER)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Our own candidates only: one bracket pair with no nested brackets or newline.
CANDIDATE = re.compile(r"\[([^\[\]\n]{1,200})\]")

_NUMBER = r"[0-9]{1,6}"
_PAGE = r"(?:[0-9]+|[ivxlcdm]+)"
_ITEM = re.compile(
    rf"(?P<number>{_NUMBER})"
    rf"(?:,\s?(?:(?P<pp>pp\.)\s?(?P<first>{_PAGE})[-–](?P<last>{_PAGE})"
    rf"|(?P<p>p\.)\s?(?P<page>{_PAGE})))?"
)
_SEPARATOR = re.compile(r"\s?[;,]\s?(?=[0-9])")


class CitationSyntaxError(ValueError):
    """A bracket that starts with a digit but is not a well-formed citation."""


@dataclass(frozen=True)
class CiteItem:
    """One cited reference number with an optional page locator."""

    number: int
    first_page: str | None = None
    last_page: str | None = None
    # Where the number stands in the citation's text, as the parser found it: a renderer
    # links exactly these characters (never searches the text again).
    span: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def locator(self) -> str:
        """The locator as a reader sees it in a preview: 'p. 137', 'pp. 1–17' or ''."""
        if self.first_page is None:
            return ""
        if self.last_page is None:
            return f"p. {self.first_page}"
        return f"pp. {self.first_page}–{self.last_page}"


@dataclass(frozen=True)
class Citation:
    """A parsed citation: its text exactly as printed and the items it cites."""

    text: str
    items: tuple[CiteItem, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items)


def is_candidate(content: str) -> bool:
    """True when bracket content should be read as a citation (it starts with a digit)."""
    return bool(content) and content[0].isdecimal()


def parse_citation(content: str) -> Citation:
    """Parse the content between the brackets of a candidate citation.

    Raises CitationSyntaxError with a message that says what is wrong and how to fix it.
    """
    text = f"[{content}]"
    if not content.replace("–", "-").isascii():
        raise CitationSyntaxError(
            f"citation {text} contains non-ASCII characters — write numbers and locators "
            "with ASCII digits, e.g. [2, p.137]"
        )
    items: list[CiteItem] = []
    position = 0
    while True:
        match = _ITEM.match(content, position)
        if match is None:
            raise _malformed(text)
        items.append(_item(match, text))
        position = match.end()
        if position == len(content):
            return Citation(text=text, items=tuple(items))
        separator = _SEPARATOR.match(content, position)
        if separator is None:
            raise _malformed(text)
        position = separator.end()


def _item(match: re.Match[str], text: str) -> CiteItem:
    number = match["number"]
    span = (match.start("number") + 1, match.end("number") + 1)  # +1: the text starts with "["
    if len(number) > 1 and number.startswith("0"):
        raise CitationSyntaxError(
            f"citation {text} has a leading zero — write the reference number as printed, e.g. [2]"
        )
    if match["pp"]:
        return CiteItem(int(number), match["first"], match["last"], span=span)
    if match["p"]:
        return CiteItem(int(number), match["page"], span=span)
    return CiteItem(int(number), span=span)


def _malformed(text: str) -> CitationSyntaxError:
    if re.search(r",\s?pp?\.", text):
        return CitationSyntaxError(
            f"malformed page locator in citation {text} — write p.X for one page "
            "or pp.X-Y for a range, e.g. [2, p.137] or [6, pp.1-17]"
        )
    return CitationSyntaxError(
        f"malformed citation {text} — use [n], [n, p.X], [n, pp.X-Y], [n; m] or [n, m] "
        r"(to keep a bracket that starts with a digit as text, escape it: \[...])"
    )
