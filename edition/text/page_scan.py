"""The walk over one page's parsed tree that records its mentions (run by the mention
treeprocessor of edition/text/markdown_ext.py).

Block by block, it finds citations and (on article pages) glossary terms and register
entries in the text the reader sees, records each as a mention with its paragraph, snippet
and file line (looked up within its block's lines, edition/text/source_lines.py), leaves a
placeholder in its place for the late pass, and records the emendations it meets.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter

from edition.core.emendations import MISSING_CORRECTION
from edition.core.problems import Problem
from edition.core.skipped import SKIPPED_TAGS
from edition.inputs.targets import Target, preview_text
from edition.text.citation_syntax import CANDIDATE, CitationSyntaxError, is_candidate, parse_citation
from edition.text.mentions import PLACEHOLDER_TAG, Mention, MentionPlace, PageSource, keyword_in_context
from edition.text.records import ScanState, TextEmendation

# What the scan does not enter: the edition's rule (edition/core/skipped.py), and the
# placeholders of mentions already recorded.
SKIPPED = SKIPPED_TAGS | {PLACEHOLDER_TAG}
BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dd", "dt", "figcaption"})


class PageScan:
    """Walks one page's tree, block by block, keeping offsets for snippets."""

    def __init__(self, state: ScanState, page: PageSource, numbers: dict[etree.Element, int],
                 blocks: dict[etree.Element, tuple[int, int | None]]) -> None:
        self.state = state
        self.page = page
        self.numbers = numbers
        self.blocks = blocks
        self.top_level: set[etree.Element] = set()
        self.block_lines: tuple[int, int | None] | None = None
        self.seen_in_block: Counter[str] = Counter()
        self.terms = state.targets.pattern if page.article else None
        self.seen: Counter[str] = Counter()
        self.sequence: Counter[str] = Counter()
        self.linked: set[tuple[str, object]] = set()
        self.section = 0
        self.block_text = ""
        self.offset = 0
        self.paragraph: tuple[str | None, int | None] = (None, None)

    def visit(self, element: etree.Element, block: etree.Element | None) -> None:
        if element in self.top_level:
            # A top-level block: mentions are looked up within its own lines in the file.
            self.block_lines = self.blocks.get(element)
            self.seen_in_block = Counter()
        if element.tag == "h2":
            self.section += 1
        if element.tag in BLOCK_TAGS:
            block = element
            self.block_text = _visible_text(element)
            self.offset = 0
            number = self.numbers.get(element)
            self.paragraph = (f"p{number}", number) if number else (None, None)
        if element.get("data-edition-apparatus") is not None:
            return
        if element.tag in SKIPPED or _is_annotation(element):
            self.offset += len(_visible_text(element))
            return
        if "edition-article-front" in element.get("class", "").split():
            # The article's front (title block, abstracts) is scanned for citations and
            # emendations, but its words are not term mentions: the linking rule is the body's.
            terms, self.terms = self.terms, None
            self._visit_content(element, block)
            self.terms = terms
            return
        self._visit_content(element, block)

    def _visit_content(self, element: etree.Element, block: etree.Element | None) -> None:
        if "edition-emendation" in element.get("class", ""):
            self._record_emendation(element)
        element.text, inserted = self._replace(element.text)
        for position, node in enumerate(inserted):
            element.insert(position, node)
        for child in list(element):
            if child in inserted:
                continue
            self.visit(child, block)
            child.tail, inserted_after = self._replace(child.tail)
            index = list(element).index(child)
            for position, node in enumerate(inserted_after, start=index + 1):
                element.insert(position, node)

    def _matches(self, text: str) -> list[re.Match[str]]:
        """Citation candidates and (on article pages) term aliases, in order, not overlapping."""
        found = [m for m in CANDIDATE.finditer(text) if is_candidate(m[1])]
        if self.terms is not None:
            found += list(self.terms.finditer(text))
        found.sort(key=lambda m: (m.start(), -len(m[0])))
        kept, end = [], 0
        for match in found:
            if match.start() >= end:
                kept.append(match)
                end = match.end()
        return kept

    def _replace(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """Split `text` at mentions: the leading text and the placeholders (tails set)."""
        if not text:
            return text, []
        start_offset = self.offset
        self.offset += len(text)
        head: str | None = None
        nodes: list[etree.Element] = []
        cursor = 0
        for group in _joined(text, self._matches(text)):
            recorded = [mention for mention in (self._record(m, start_offset) for m in group) if mention]
            if not recorded:
                continue
            start, end = group[0].start(), group[-1].end()
            placeholder = etree.Element(PLACEHOLDER_TAG, {"data-mention": " ".join(str(m.id) for m in recorded)})
            placeholder.text = text[start:end]
            piece = text[cursor:start]
            if nodes:
                nodes[-1].tail = piece
            else:
                head = piece
            nodes.append(placeholder)
            cursor = end
        if not nodes:
            return text, []
        nodes[-1].tail = text[cursor:]
        return head, nodes

    def _record(self, match: re.Match[str], start_offset: int) -> Mention | None:
        raw = match[0]
        line = self._line(raw)
        paragraph_id, paragraph = self.paragraph
        begin = start_offset + match.start()
        common = MentionPlace(page=self.page.path, line=line, paragraph_id=paragraph_id, paragraph=paragraph,
                              snippet=keyword_in_context(self.block_text, begin, begin + len(raw)), text=raw)
        if match.re is CANDIDATE:
            try:
                citation = parse_citation(match[1])
            except CitationSyntaxError as error:
                self.state.records.index.malformed += 1
                self.state.log.add(Problem(self.page.display, line, str(error)))
                return None
            mention = self.state.records.index.add(element_id=self._next_id("cite"), citation=citation, **common)
        else:
            target = self.state.targets.targets[self.state.targets.by_alias[raw]]
            mention = self.state.records.index.add(element_id=self._next_id("term"), target=target.id,
                                           linked=self._should_link(target), **common)
        return mention

    def _line(self, raw: str) -> int:
        """The file line of this occurrence of `raw`: counted within its block when the
        block's lines are known, else on the whole page."""
        if self.block_lines is not None:
            line = self.state.records.line_of(self.page, raw, self.seen_in_block[raw], self.block_lines)
        else:
            line = self.state.records.line_of(self.page, raw, self.seen[raw])
        self.seen[raw] += 1
        self.seen_in_block[raw] += 1
        return line

    def _should_link(self, target: Target) -> bool:
        """The linking rule of targets.py: the first mention in each section is a link,
        acronyms always are, and an entry whose preview would only repeat the text never."""
        if target.link in ("never", "always"):
            return target.link == "always"
        if target.register is not None and not preview_text(target):
            return False
        scope = (target.id, self.section)
        if scope in self.linked:
            return False
        self.linked.add(scope)
        return True

    def _next_id(self, kind: str) -> str:
        self.sequence[kind] += 1
        return f"{kind}-{self.sequence[kind]}"

    def _record_emendation(self, element: etree.Element) -> None:
        sic, corr, note = element.get("data-sic", ""), element.get("data-corr", ""), element.get("data-note", "")
        raw = element.get("data-raw", "")
        line = self._line(raw) if raw else self.page.first_line
        element_id = self._next_id("em")
        element.set("id", element_id)
        refused = element.attrib.pop("data-problem", None)
        for name in ("data-sic", "data-corr", "data-note", "data-raw"):
            element.attrib.pop(name, None)
        if refused:
            self.state.log.add(Problem(self.page.display, line, refused))
            element.set("class", element.get("class", "") + " edition-problem")
            return
        if not corr:
            self.state.log.add(Problem(self.page.display, line, MISSING_CORRECTION.format(sic=sic)))
        emendation = TextEmendation(sic, corr, note, self.page.display, line, page=self.page.path,
                                    element_id=element_id, paragraph=self.paragraph[1])
        self.state.records.emendations.append(emendation)


def _joined(text: str, matches: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Matches in groups: names joined by a hyphen alone ("Mazar-e-Sharif-Kabul-Peshawar")
    are one name and become one link; everything else stands alone."""
    groups: list[list[re.Match[str]]] = []
    for match in matches:
        previous = groups[-1][-1] if groups else None
        if (previous is not None and match.re is not CANDIDATE and previous.re is not CANDIDATE
                and text[previous.end():match.start()] == "-"):
            groups[-1].append(match)
        else:
            groups.append([match])
    return groups


def _visible_text(element: etree.Element) -> str:
    """The element's text without the edition's apparatus (corrections of emendations)."""
    if element.get("data-edition-apparatus") is not None:
        return ""
    parts = [element.text or ""]
    for child in element:
        parts.append(_visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_annotation(element: etree.Element) -> bool:
    """Editorial notes and the footnotes of editorial citations are not the authors' text."""
    classes = element.get("class", "").split()
    return "edition-note" in classes or "footnote" in classes
