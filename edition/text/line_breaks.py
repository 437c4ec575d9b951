"""The stretches of text kept on one line (edition/core/line_breaks.py), set in a page's
Markdown tree.

Called by the mention treeprocessor (edition/text/markdown_ext.py) at the end of its scan:
the citations, terms and notes are in place, their lines recorded and the exports' copy of
the article's blocks taken (edition/text/article_text.py). Text nodes only: attributes are
never touched, nor code, preformatted text, scripts or headings (whose text makes their
anchors and the table of contents). Each stretch is wrapped in
``<span class="edition-nowrap">``; the characters stay the authors'.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from edition.core.line_breaks import NOWRAP_CLASS, together

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
    """The text up to its first stretch to keep together, and a nowrap span for each
    stretch (each span's tail the text up to the next)."""
    kind = AtomicString if isinstance(text, AtomicString) else str
    stretches = together(text)
    if not stretches:
        return text, []
    spans = []
    for index, (start, end) in enumerate(stretches):
        span = etree.Element("span", {"class": NOWRAP_CLASS})
        span.text = kind(text[start:end])
        following = stretches[index + 1][0] if index + 1 < len(stretches) else len(text)
        span.tail = kind(text[end:following]) or None
        spans.append(span)
    return kind(text[:stretches[0][0]]), spans
