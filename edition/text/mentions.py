"""The one record of the build: every mention of a target in the text.

A citation, and later a glossary term or a named entity, is a *mention*: a place
in a paragraph that points at a target. The Markdown extension records mentions
while pages render; everything else (links, previews, backlinks, mention lists,
citation-check counts) is derived from this index in the late pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from edition.text.citation_syntax import Citation

_STASH = re.compile("\x02[^\x03]*\x03")
# A sentence starts after . ! ? (or a closing quote) and a space, before a capital;
# not after an initial ("H. Morgenthau", "Sh.M. Mirziyoyev", "N.Y.").
_SENTENCE_START = re.compile(
    r"(?<=[.!?”\"])(?<!\b[A-ZА-Я]\.)(?<!\b[A-ZА-Я][a-zа-я]\.)\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ“\"])")
# The element a mention leaves in the page while it renders: the late pass
# (edition/render/resolve.py) and the XML exports resolve it from the index below.
PLACEHOLDER_TAG = "edition-mention"
SNIPPET_BEFORE = 80
SNIPPET_AFTER = 40


@dataclass(frozen=True)
class Mention:
    """One citation, glossary term or named entity at one place of one page.

    A citation carries its parsed `citation`; a term or entity carries the id of its
    `target` and whether this occurrence is `linked` (see targets.py for the rule).
    """

    id: int
    page: str
    line: int
    element_id: str
    paragraph_id: str | None
    paragraph: int | None
    snippet: str
    text: str
    citation: Citation | None = None
    target: str | None = None
    linked: bool = False

    @property
    def cites(self) -> Citation:
        """The citation of a citation mention (an error for a term or an entity)."""
        if self.citation is None:
            raise ValueError(f"mention {self.id} ('{self.text}') is not a citation")
        return self.citation

    @property
    def target_key(self) -> str:
        """The target of a term or entity mention (an error for a citation)."""
        if self.target is None:
            raise ValueError(f"mention {self.id} ('{self.text}') has no target: it is a citation")
        return self.target


class MentionPlace(TypedDict):
    """Where a mention stands: its page, line and paragraph, snippet and text as printed."""

    page: str
    line: int
    paragraph_id: str | None
    paragraph: int | None
    snippet: str
    text: str


@dataclass
class PageSource:
    """A page's Markdown as the editor wrote it, for real line numbers."""

    path: str
    display: str
    markdown: str
    first_line: int
    article: bool = False
    order: int = 0
    searchable: str | None = None  # the Markdown with code blanked out, made on first use
    # Its lines and the Markdown's, split once for every mention's line lookup (state.py).
    split: dict[bool, list[str]] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class MentionIndex:
    """Every mention met while pages render, for one build."""

    mentions: list[Mention] = field(default_factory=list)
    malformed: int = 0  # citations that could not be parsed (each is a problem in the log)
    # Lookups kept as mentions are added, so the late pass stays linear in their number.
    _citations: list[Mention] = field(default_factory=list)
    _by_number: dict[int, list[Mention]] = field(default_factory=dict)
    _by_target: dict[str, list[Mention]] = field(default_factory=dict)
    _numbers_by_page: dict[str, set[int]] = field(default_factory=dict)

    def add(self, *, element_id: str, citation: Citation | None = None, target: str | None = None,
            linked: bool = False, **place: Unpack[MentionPlace]) -> Mention:
        mention = Mention(id=len(self.mentions) + 1, element_id=element_id, citation=citation, target=target,
                          linked=linked, **place)
        self.mentions.append(mention)
        if mention.citation is not None:
            self._citations.append(mention)
            self._numbers_by_page.setdefault(mention.page, set()).update(mention.citation.numbers)
            for number in dict.fromkeys(mention.citation.numbers):
                self._by_number.setdefault(number, []).append(mention)
        if mention.target is not None:
            self._by_target.setdefault(mention.target, []).append(mention)
        return mention

    @property
    def citations(self) -> list[Mention]:
        return list(self._citations)

    def numbers_cited_on(self, page: str) -> set[int]:
        """The reference numbers cited on `page`."""
        return set(self._numbers_by_page.get(page, ()))

    def citing(self, number: int) -> list[Mention]:
        """Mentions that cite reference `number`, in the order they were met."""
        return list(self._by_number.get(number, ()))

    def of_target(self, target: str) -> list[Mention]:
        """Mentions of a glossary term or register entry, in the order they were met."""
        return list(self._by_target.get(target, ()))


def keyword_in_context(text: str, start: int, end: int) -> str:
    """A short snippet around text[start:end]: from the sentence start (at most 80
    characters before) to at most 40 characters after, cut at word boundaries."""
    before = _STASH.sub("", text[:start])
    after = _STASH.sub("", text[end:])
    before = _SENTENCE_START.split(before)[-1]
    prefix = suffix = ""
    if len(before) > SNIPPET_BEFORE:
        before, prefix = before[-SNIPPET_BEFORE:].split(" ", 1)[-1], "…"
    if len(after) > SNIPPET_AFTER:
        after, suffix = after[:SNIPPET_AFTER].rsplit(" ", 1)[0], "…"
    return " ".join(f"{prefix}{before}{text[start:end]}{after}{suffix}".split())
