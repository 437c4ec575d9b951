"""Previews: one element per target per page, shared by all its mentions.

A page used to carry a full copy of a reference's text at every citation of it. Now
the late pass collects, page by page, the targets its mentions point at and renders
each one's preview once, in a hidden block at the end of the page; every mention
names it with ``aria-describedby`` (so screen readers still hear the description)
and docs/javascripts/previews.js shows and places it. What differs from mention to
mention, the locator ("p. 137"), stays with the citation (``data-locator``).

A register entry's preview must tell the reader something the sentence does not:
sentences (and ``;`` clauses) of its description that point back at the article (a
¶ reference such as "(¶18)") restate the text and are left out. An entry with nothing else to say gets
no preview and no link (acronyms always have their expansion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from edition.targets import Target
from edition.templates import render

# A sentence ends at . ! ? before a space and a capital, but not after an initial ("K.K.").
_SENTENCE = re.compile(r"(?<=[.!?”])(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)\s+(?=[A-Z“\"])")
_BACK_REFERENCE = re.compile(r"¶\s*[0-9]|\bpassim\b|\babstract\)")
_NOT_ID = re.compile(r"[^a-z0-9-]+")

MORE_LABELS = {"reference": "Go to the reference list", "glossary": "Go to the glossary page"}
REGISTER_LABEL = "Go to the index entry"


def reference_preview_id(number: int) -> str:
    return f"preview-ref-{number}"


def target_preview_id(target: Target) -> str:
    """'glossary:glossary/alliance.md' → 'preview-glossary-alliance'; 'places:kabul' →
    'preview-places-kabul'."""
    ident = target.id.removesuffix(".md").replace("glossary:glossary/", "glossary:")
    return "preview-" + _NOT_ID.sub("-", ident.lower()).strip("-")


def preview_text(target: Target) -> str:
    """What a target's preview says beyond its name: a glossary summary, an acronym's
    expansion, or the sentences of a register description that are not ¶ references
    back to the article. Empty when there is nothing the text does not already say."""
    if target.register is None or target.acronym:
        return target.summary
    kept = []
    for sentence in _SENTENCE.split(target.summary.strip()):
        clauses = [clause for clause in sentence.split("; ") if clause and not _BACK_REFERENCE.search(clause)]
        if clauses:
            kept.append("; ".join(clauses).rstrip(".") + ".")
    return " ".join(kept)


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
