"""Where each top-level block of a page's tree stands in the page's file, from positions.

Python-Markdown keeps no source lines, and the Markdown it parses is not the file: the
hooks insert notes and generated sections, mkdocs-bibtex rewrites ``[@key]``, and its own
preprocessors stash code and raw HTML. So, per page:

1. after every preprocessor, the lines to be parsed are aligned with the file's lines
   (difflib, line by line): each parsed line knows the file line it came from, or that it
   was generated;
2. while the block parser works, an observer that never claims a block notes at which
   parsed line each top-level block starts (the parser's own split of the text), and so
   which file line each new top-level element comes from;
3. the scan (edition/text/markdown_ext.py) then looks for a mention's text only within its
   block's lines, so the same text standing in an earlier paragraph, a heading or a
   link's text elsewhere cannot take its line.
"""

from __future__ import annotations

import difflib
import hashlib
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from edition.core.memo import KEPT, Memo
from edition.text.mentions import PageSource

# Kept by a digest of both sides' whole text: a page that did not change is not compared again.
_ALIGNED: Memo[tuple[int | None, ...]] = KEPT.memo("edition.text.source_lines alignments", 8192)


@dataclass
class BlockLines:
    """One page's parse: the file line of each parsed line, and of each top-level element."""

    page: PageSource | None = None
    parsed: str = ""
    origin: list[int | None] = field(default_factory=list)  # file line of each parsed line
    starts: dict[etree.Element, int] = field(default_factory=dict)
    _received: list[str] = field(default_factory=list)
    _cursor: int = 0
    _pending: int | None = None
    _assigned: int = 0

    def received(self, page: PageSource | None, lines: list[str]) -> None:
        """The Markdown as the hooks hand it over: each line mapped to the file line it came
        from (None: inserted by the hooks, e.g. a note)."""
        self.page, self.starts, self._cursor, self._pending, self._assigned = page, {}, 0, None, 0
        self.origin = _aligned(page.markdown.split("\n"), lines, page.first_line) if page else []
        self._received = list(lines)

    def align(self, lines: list[str]) -> None:
        """After every preprocessor (code and raw HTML stashed, each as one placeholder
        line): each line to be parsed mapped through the received lines to the file."""
        self.parsed = "\n".join(lines)
        if self.page is None:
            return
        through = _aligned(self._received, lines, 0)
        self.origin = [None if index is None or index >= len(self.origin) else self.origin[index]
                       for index in through]

    def block_met(self, root: etree.Element, block: str) -> None:
        """The parser is about to handle `block` at the top level: the elements made by the
        previous block get its line; this block's line waits for the elements it makes."""
        self.settle(root)
        position = self.parsed.find(block, self._cursor) if block else -1
        if position < 0:
            self._pending = None
            return
        self._cursor = position
        index = self.parsed.count("\n", 0, position)
        self._pending = self.origin[index] if index < len(self.origin) else None

    def settle(self, root: etree.Element) -> None:
        for element in list(root)[self._assigned:]:
            if self._pending is not None:
                self.starts[element] = self._pending
        self._assigned = len(root)

    def ranges(self, root: etree.Element) -> dict[etree.Element, tuple[int, int | None]]:
        """Each top-level element with a known line: its first file line and the first line
        of the next such element (None: to the end of the file)."""
        known = [(element, self.starts[element]) for element in root if element in self.starts]
        ranges = {}
        for index, (element, start) in enumerate(known):
            later = [line for _, line in known[index + 1:] if line > start]
            ranges[element] = (start, later[0] if later else None)
        return ranges


def _aligned(before: list[str], after: list[str], first: int) -> list[int | None]:
    """For each line of `after`, the number (counted from `first`) of the line of `before`
    it came from: unchanged or rewritten in place, its own; one of several lines standing
    for a run (a stashed block), the run's first; inserted, None."""
    digest = hashlib.sha256()
    for line in (*before, "\0", *after):  # no line holds a line break: "\n" ends each one
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return list(_ALIGNED.get((digest.digest(), len(before), first), lambda: tuple(_alignment(before, after, first))))


def _alignment(before: list[str], after: list[str], first: int) -> list[int | None]:
    origin: list[int | None] = [None] * len(after)
    for tag, i1, i2, j1, j2 in _line_diff(before, after):
        for k in range(j2 - j1):
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                origin[j1 + k] = first + i1 + k
            elif tag == "replace":
                origin[j1 + k] = first + i1
    return origin


def _line_diff(before: list[str], after: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from `before` to `after`, the same, found faster: each run of lines
    that the other side does not have at all (a stashed block of thousands of lines, such as
    the exports on the cite page) is compared as one line that matches nothing. Such lines
    never take part in a match, so the matches found, their order and so the opcodes are
    those of the full lists, once their positions are mapped back."""
    short_before, start_before = _runs_collapsed(before, set(after))
    short_after, start_after = _runs_collapsed(after, set(before))
    matcher = difflib.SequenceMatcher(None, short_before, short_after, autojunk=False)
    return [(tag, start_before[i1], start_before[i2], start_after[j1], start_after[j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _runs_collapsed(lines: list[str], other: set[str]) -> tuple[list[object], list[int]]:
    """`lines` with each run of lines not in `other` as one placeholder equal to nothing,
    and the position in `lines` where each kept item (and the end) starts."""
    short: list[object] = []
    starts: list[int] = []
    for index, line in enumerate(lines):
        if line in other:
            short.append(line)
            starts.append(index)
        elif not short or isinstance(short[-1], str):
            short.append(object())
            starts.append(index)
    starts.append(len(lines))
    return short, starts


def register_source_lines(md: Markdown, lines: BlockLines, current: Callable[[], PageSource | None]) -> None:
    """Register the three observers on `md` (`current` gives the page being rendered);
    none changes what is parsed."""
    md.preprocessors.register(_ReceiveLines(md, lines, current), "edition_receive_lines", 1000)
    md.preprocessors.register(_AlignLines(md, lines), "edition_align_lines", -100)
    md.parser.blockprocessors.register(_BlockStarts(md.parser, lines), "edition_block_starts", 1000)
    md.treeprocessors.register(_SettleStarts(md, lines), "edition_settle_starts", 1000)


class _ReceiveLines(Preprocessor):
    def __init__(self, md: Markdown, lines: BlockLines, current: Callable[[], PageSource | None]) -> None:
        super().__init__(md)
        self.lines = lines
        self.current = current

    def run(self, lines: list[str]) -> list[str]:
        self.lines.received(self.current(), lines)
        return lines


class _AlignLines(Preprocessor):
    def __init__(self, md: Markdown, lines: BlockLines) -> None:
        super().__init__(md)
        self.lines = lines

    def run(self, lines: list[str]) -> list[str]:
        self.lines.align(lines)
        return lines


class _BlockStarts(BlockProcessor):
    def __init__(self, parser: BlockParser, lines: BlockLines) -> None:
        super().__init__(parser)
        self.lines = lines

    def test(self, parent: etree.Element, block: str) -> bool:
        if parent is self.parser.root:
            self.lines.block_met(parent, block)
        return False

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:  # never called: test is False
        return False


class _SettleStarts(Treeprocessor):
    def __init__(self, md: Markdown, lines: BlockLines) -> None:
        super().__init__(md)
        self.lines = lines

    def run(self, root: etree.Element) -> None:
        self.lines.settle(root)
