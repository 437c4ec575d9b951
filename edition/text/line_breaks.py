"""The non-breaking joins (edition/core/line_breaks.py) set in a page's Markdown tree.

Called by the mention treeprocessor (edition/text/markdown_ext.py) at the end of its scan:
the citations, terms and notes are in place, their lines recorded and the exports' copy of
the article's blocks taken (edition/text/article_text.py), so nothing that looks text up in
the sources sees a changed character. Text nodes only: attributes are never touched, nor
code, preformatted text, scripts or headings (whose text makes their anchors and the table
of contents). No-break spaces go where the core module says; a number range ("5-6") is
wrapped in ``<span class="edition-nowrap">`` (typography.css keeps it on one line), so the
characters stay the authors'.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from edition.core.line_breaks import RANGE, join_text

NOWRAP_CLASS = "edition-nowrap"
_UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "math", "svg",
                        "h1", "h2", "h3", "h4", "h5", "h6"})


def set_line_breaks(root: etree.Element) -> None:
    """Join, in place, the text of `root` and of everything under it."""
    if root.tag in _UNTOUCHED:
        return
    children = list(root)
    if root.text:
        root.text, spans = _split(root.text)
        for index, span in enumerate(spans):
            root.insert(index, span)
    for child in children:
        set_line_breaks(child)
        if child.tail:
            child.tail, spans = _split(child.tail)
            at = list(root).index(child) + 1
            for offset, span in enumerate(spans):
                root.insert(at + offset, span)


def _split(text: str) -> tuple[str, list[etree.Element]]:
    """The joined text up to its first number range, and a nowrap span for each range
    (each span's tail the text up to the next)."""
    kind = AtomicString if isinstance(text, AtomicString) else str
    joined = join_text(text)
    ranges = list(RANGE.finditer(joined))
    if not ranges:
        return kind(joined), []
    spans = []
    for index, match in enumerate(ranges):
        span = etree.Element("span", {"class": NOWRAP_CLASS})
        span.text = kind(match[0])
        end = ranges[index + 1].start() if index + 1 < len(ranges) else len(joined)
        span.tail = kind(joined[match.end():end]) or None
        spans.append(span)
    return kind(joined[:ranges[0].start()]), spans
