"""Previews: one element per target per page, shared by all its mentions.

A page used to carry a full copy of a reference's text at every citation of it. Now
the late pass collects, page by page, the targets its mentions point at and renders
each one's preview once, in a hidden block at the end of the page; every mention
names it with ``aria-describedby`` (so screen readers still hear the description)
and docs/javascripts/previews.js shows and places it. What differs from mention to
mention, the locator ("p. 137"), stays with the citation (``data-locator``).

What a preview says is the target's own (``preview_text``, edition/inputs/targets.py).
A preview that would repeat the editorial note of its own paragraph (the note stands
beside it in the margin, or opens under it) is left off that mention: the link stays,
the note says it (``notes_beside``, ``repeats``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from edition.inputs.targets import Target, preview_text
from edition.render.templates import render

_NOT_ID = re.compile(r"[^a-z0-9-]+")
# A paragraph of the page's HTML (a <p> never holds another), and the notes its markers
# open (edition/text/sidenotes.py).
_PARAGRAPH = re.compile(r'<p\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</p>', re.DOTALL)
_NOTE_OPENED = re.compile(r'\baria-controls="note-([^"]+)"')
_WORD = re.compile(r"\w+")
# Share of a preview's runs of four words found in the note beside it that makes it a repeat.
REPEAT_SHARE = 0.5

MORE_LABELS = {"reference": "Go to the reference list", "glossary": "Go to the glossary page"}
REGISTER_LABEL = "Go to the index entry"


def notes_beside(html: str, notes: Mapping[str, str]) -> dict[str, str]:
    """The text of the editorial notes of each paragraph that has one (`notes`: each
    note's text by its id), by paragraph id."""
    beside = {}
    for paragraph in _PARAGRAPH.finditer(html):
        texts = [notes[ident] for ident in _NOTE_OPENED.findall(paragraph[2]) if ident in notes]
        if texts:
            beside[paragraph[1]] = "\n".join(texts)
    return beside


def repeats(preview: str, note: str) -> bool:
    """Whether a preview says what the note says: most of its runs of four words (all
    its words, in order, when it has fewer than four) stand in the note."""
    words, said = _WORD.findall(preview.casefold()), _WORD.findall(note.casefold())
    if not words or not said:
        return False
    size = min(4, len(words))
    runs = [tuple(words[start:start + size]) for start in range(len(words) - size + 1)]
    in_note = {tuple(said[start:start + size]) for start in range(len(said) - size + 1)}
    return sum(run in in_note for run in runs) >= REPEAT_SHARE * len(runs)


def reference_preview_id(number: int) -> str:
    return f"preview-ref-{number}"


def target_preview_id(target: Target) -> str:
    """'glossary:glossary/alliance.md' → 'preview-glossary-alliance'; 'places:kabul' →
    'preview-places-kabul'."""
    ident = target.id.removesuffix(".md").replace("glossary:glossary/", "glossary:")
    return "preview-" + _NOT_ID.sub("-", ident.lower()).strip("-")


def listed_reference_id(number: int) -> str:
    """The id of an entry of the article page's own reference list
    (templates/article_references.html)."""
    return f"article-ref-{number}"


@dataclass
class PagePreviews:
    """The previews one page needs, each once, in the order first met. On a page that
    shows the reference list itself (the article), a citation is described by its
    entry there, so the page still carries each reference's text once."""

    lists_references: bool = False
    items: dict[str, dict] = field(default_factory=dict)

    def reference(self, number: int, html: Markup) -> str:
        if self.lists_references:
            return listed_reference_id(number)
        ident = reference_preview_id(number)
        self.items.setdefault(ident, {"id": ident, "kind": "reference", "number": number, "body": html,
                                      "more": MORE_LABELS["reference"]})
        return ident

    def target(self, target: Target) -> str:
        ident = target_preview_id(target)
        kind = target.register or "glossary"
        self.items.setdefault(ident, {"id": ident, "kind": kind, "label": target.label,
                                      "body": preview_text(target),
                                      "more": MORE_LABELS.get(kind, REGISTER_LABEL)})
        return ident

    def render(self) -> str:
        return render("previews.html", previews=list(self.items.values())) if self.items else ""
