"""What the pages record while they render: their sources, paragraphs, mentions,
emendations, where each note was placed, and the real file line of each mention.

The Markdown extension (edition/text/markdown_ext.py) writes here through ``ScanState``,
the part of the build's state the text stage may touch; the build's state
(edition/apparatus/state.py) is one such object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from mkdocs.utils.meta import get_data

from edition.core.emendations import Emendation
from edition.core.problems import ProblemLog, locate_line
from edition.core.skipped import blanked
from edition.inputs.loading import Inputs
from edition.inputs.targets import TargetIndex
from edition.text.article_text import Block
from edition.text.mentions import MentionIndex, PageSource


@dataclass(frozen=True)
class TextEmendation(Emendation):
    """An emendation written in a page's text: it always has its page and element."""

    page: str
    element_id: str


@dataclass
class PageRecords:
    """What the pages record while they render: their sources, paragraphs, mentions,
    emendations and where each note was placed."""

    docs_prefix: str = "docs"
    pages: dict[str, PageSource] = field(default_factory=dict)
    current: PageSource | None = None
    paragraphs: dict[str, dict[int, str]] = field(default_factory=dict)
    index: MentionIndex = field(default_factory=MentionIndex)
    emendations: list[TextEmendation] = field(default_factory=list)
    placed_notes: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, list[Block]] = field(default_factory=dict)  # the article's, for the XML exports

    def begin_page(self, path: str, source: str, meta: Mapping[str, Any], order: int) -> PageSource:
        """Record a page's source before it renders; front matter lines are counted."""
        body, _ = get_data(source)
        position = source.find(body) if body else -1
        first_line = 1 + source.count("\n", 0, position) if position > 0 else 1
        self.current = PageSource(path, f"{self.docs_prefix}/{path}", body, first_line,
                                  article=meta.get("edition_article") in (True, "part"), order=order)
        self.pages[path] = self.current
        return self.current

    def line_of(self, page: PageSource, text: str, occurrence: int, block: tuple[int, int | None] | None = None,
                as_written: bool = False) -> int:
        """Real file line of the `occurrence`-th `text` within `block` (its first file line
        and the next block's, edition/text/source_lines.py), or on the whole page when its block
        is not known; outside what the scan skips, unless `as_written` (a link's address)."""
        if page.searchable is None:
            page.searchable = blanked(page.markdown)
        searched = page.markdown if as_written else page.searchable
        if block is None:
            return locate_line(searched, text, occurrence, page.first_line)
        start, end = block
        if as_written not in page.split:
            page.split[as_written] = searched.split("\n")
        lines = page.split[as_written][start - page.first_line:None if end is None else end - page.first_line]
        return locate_line("\n".join(lines), text, occurrence, start)


class ScanState(Protocol):
    """What the page scan reads (the inputs) and writes (the records, the problem log)."""

    @property
    def inputs(self) -> Inputs: ...

    @property
    def records(self) -> PageRecords: ...

    @property
    def log(self) -> ProblemLog: ...

    @property
    def targets(self) -> TargetIndex: ...
