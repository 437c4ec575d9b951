"""Python-Markdown extension: find citations in the rendered tree and number paragraphs.

It runs as a treeprocessor after the inline patterns (so code spans, links and
escapes are already resolved) and before the unescape step (so an escaped ``\\[2]``
stays invisible to it). Text inside code, pre, links and headings is left alone.
Each citation becomes a small ``<edition-cite data-mention="N">`` placeholder that
the late ``on_env`` pass resolves; each paragraph of an article page gets a stable id
``p<N>`` and a visible ¶ number. The walk itself is edition/text/page_scan.py; the file line
of each block comes from edition/text/source_lines.py, registered here.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from edition.core.bugs import guarded, processing
from edition.core.emendations import SYNTAX, build_element
from edition.core.problems import Problem
from edition.inputs.schema import markup_problem
from edition.text.article_text import record_blocks
from edition.text.line_breaks import set_line_breaks
from edition.text.mentions import PageSource
from edition.text.page_scan import PageScan
from edition.text.records import ScanState
from edition.text.sidenotes import set_notes
from edition.text.source_lines import BlockLines, register_source_lines

UNSAFE_URL = re.compile(r"(?:javascript|data|vbscript):", re.IGNORECASE)


class MentionExtension(Extension):
    """Registers the mention treeprocessor for one build's state; `report` gets the one
    line of an unexpected exception (edition/core/bugs.py) and raises or logs it."""

    def __init__(self, state: ScanState, report: Callable[[str], None]) -> None:
        super().__init__()
        self.state = state
        self.report = report

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        lines = BlockLines()
        register_source_lines(md, lines, lambda: self.state.records.current)
        # After 'inline' (20), before 'attr_list' (8), 'toc' (5) and 'unescape' (0).
        md.treeprocessors.register(MentionTreeprocessor(md, self.state, self.report, lines), "edition_mentions", 15)
        # Above everything but code spans (190), so links and emphasis inside are kept.
        md.inlinePatterns.register(EmendationInlineProcessor(SYNTAX.pattern, md), "edition_emendation", 185)


class MentionTreeprocessor(Treeprocessor):
    """Records each citation as a mention and leaves a placeholder in its place."""

    def __init__(self, md: Markdown, state: ScanState, report: Callable[[str], None], lines: BlockLines) -> None:
        super().__init__(md)
        self.state = state
        self.report = report
        self.lines = lines

    def run(self, root: etree.Element) -> None:
        page = self.state.records.current
        if page is None:
            return
        with processing(page.display):
            guarded(self.report, _nothing)(self._scan)(page, root)

    def _scan(self, page: PageSource, root: etree.Element) -> None:
        numbers = {p: n for n, p in enumerate(root.iterfind("p"), start=1)} if page.article else {}
        self.state.records.paragraphs[page.path] = {n: "".join(p.itertext()) for p, n in numbers.items()}
        blocks = self.lines.ranges(root) if self.lines.page is page else {}
        self._refuse_unsafe_links(page, root, blocks)
        scan = PageScan(self.state, page, numbers, blocks)
        scan.top_level = set(root)
        scan.visit(root, block=None)
        if page.article:
            self.state.records.blocks[page.path] = record_blocks(root, numbers, self.md)
        for paragraph, number in numbers.items():
            _number_paragraph(paragraph, number)
        set_notes(root, self.state.inputs.sources.notes)
        set_line_breaks(root)

    def _refuse_unsafe_links(self, page: PageSource, root: etree.Element, blocks: dict) -> None:
        """A javascript:, data: or vbscript: address never reaches an attribute: the link
        is kept as text, and its problem reported."""
        for element, block in ((element, blocks.get(top)) for top in root for element in top.iter()):
            for name in ("href", "src"):
                value = element.get(name)
                if value is None or not UNSAFE_URL.match(re.sub(r"[\s\x00-\x1f]", "", html.unescape(value))):
                    continue
                element.tag = "span"  # MkDocs' own link processing expects every <a> to have an href
                element.attrib.clear()
                element.set("class", "edition-problem")
                line = self.state.records.line_of(page, value, 0, block, as_written=True)
                self.state.log.add(Problem(page.display, line, f"a link to '{value[:40]}' — only "
                                                         "http(s), mailto and relative addresses may be linked"))


def _nothing(*args: object) -> None:
    return None


def _number_paragraph(paragraph: etree.Element, number: int) -> None:
    paragraph.set("id", f"p{number}")
    paragraph.set("class", (paragraph.get("class", "") + " edition-para").strip())
    marker = etree.Element("a", {
        "class": "edition-para__number",
        "href": f"#p{number}",
        "title": f"Link to paragraph {number}",
        "data-edition-apparatus": "",
        "data-search-exclude": "",
    })
    marker.text = f"¶\u00a0{number}"
    marker.tail = paragraph.text
    paragraph.text = None
    paragraph.insert(0, marker)


class EmendationInlineProcessor(InlineProcessor):
    """``{sic: printed | corr: corrected | note: why}`` → the emendation element."""

    # The name is Python-Markdown's (N802). The ignore: Python-Markdown's InlineProcessor subclasses
    # Pattern yet replaces handleMatch(m) by handleMatch(m, data); types-Markdown ignores that on
    # InlineProcessor itself, so mypy reports every subclass's handleMatch against Pattern's.
    def handleMatch(  # type: ignore[override]  # noqa: N802
            self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        note = html.unescape(m["note"]) if m["note"] else None
        refused = next(filter(None, (markup_problem(name, m[name]) for name in ("sic", "corr", "note")
                                     if m[name])), None)
        if refused:
            # Shown as typed, escaped: the trust boundary (edition/inputs/schema.py) holds for emendations too.
            element = build_element(AtomicString(m["sic"]), AtomicString(m["corr"] or ""), note)
            element.set("data-problem", f"emendation: {refused}")
        else:
            element = build_element(m["sic"], m["corr"], note)
        element.set("data-raw", html.unescape(m[0]))
        return element, m.start(0), m.end(0)
