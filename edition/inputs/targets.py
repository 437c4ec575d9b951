"""Targets of mentions other than citations: glossary pages and register entries.

A glossary page declares itself and its aliases in its own front matter
(``glossary: {kind, aliases, summary, references}``); a register entry lives in
``data/registers/<register>.yml`` (both read and checked by edition/inputs/sources.py)
and is shown on the page that holds the marker ``<!-- edition:register <register> -->``.
Aliases are matched in the article's text, longest first, case-sensitively, at word
boundaries.

Linking rule (the mention is always recorded; only some are links). Linking every
paragraph's terms gave the article 66 term links and 28 citations, one link in 26
words (18 links in the 160 words of ¶10-¶12): the apparatus stood between the reader
and the text. This rule gives 36 term links and 28 citations, one link in 39 words
(12 in ¶10-¶12):
- glossary terms and register entries: the first mention in each section, not in each
  paragraph; a reader who arrives at a single paragraph still has the preview on the
  first mention of its section and the glossary or register page for the rest;
- a register entry only when its preview says something the sentence does not
  (edition/render/previews.py: the description's sentences that cite the article by ¶ are
  left out; nothing left, no link);
- acronyms: every mention, so that each one expands on hover and on keyboard focus;
- names joined by hyphens ("Mazar-e-Sharif-Kabul-Peshawar"): one name, one link at
  most (markdown_ext.py groups the matches);
- entries marked ``link: false`` (the two states of the title, named in nearly every
  paragraph) are listed with all their mentions but never linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from edition.core.problems import Problem
from edition.inputs.sources import RegisterEntry, Sources

# A sentence ends at . ! ? before a space and a capital, but not after an initial ("K.K.").
_SENTENCE = re.compile(r"(?<=[.!?”])(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)\s+(?=[A-Z“\"])")
_BACK_REFERENCE = re.compile(r"¶\s*[0-9]|\bpassim\b|\babstract\)")

REGISTER_MARKER = re.compile(r"<!-- edition:register ([a-z-]+) -->")


@dataclass(frozen=True)
class Target:
    """Something the text mentions by name: a glossary page or a register entry."""

    id: str
    label: str
    page: str
    anchor: str
    summary: str
    aliases: tuple[str, ...]
    link: str  # "section", "always" (acronyms) or "never"
    source: str
    line: int
    register: str | None = None
    references: tuple[str, ...] = ()
    acronym: str | None = None
    raw_text: str = ""


@dataclass
class TargetIndex:
    """All targets of a build, the alias matcher, and what is wrong with them."""

    targets: dict[str, Target] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)
    register_pages: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None

    def add(self, target: Target) -> None:
        self.targets[target.id] = target
        for alias in target.aliases:
            owner = self.by_alias.get(alias)
            if owner is not None and owner != target.id:
                first = self.targets[owner]
                self.problems.append(Problem(
                    target.source, target.line,
                    f"alias '{alias}' is claimed by both '{first.label}' ({first.source}:{first.line}) "
                    f"and '{target.label}' — give each alias to one target only"))
                continue
            self.by_alias[alias] = target.id

    def compile(self) -> None:
        aliases = sorted(self.by_alias, key=len, reverse=True)
        body = "|".join(re.escape(alias) for alias in aliases)
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if aliases else None


def load_targets(sources: Sources, docs_dir: Path) -> TargetIndex:
    """The targets of the glossary pages and register entries read by edition/inputs/sources.py."""
    index = TargetIndex()
    for file in sorted(docs_dir.rglob("*.md")):
        for marker in REGISTER_MARKER.finditer(file.read_text(encoding="utf-8", errors="replace")):
            index.register_pages[marker[1]] = file.relative_to(docs_dir).as_posix()
    for page in sources.glossary:
        index.kinds[f"glossary:{page.src_uri}"] = page.kind
        index.add(Target(
            id=f"glossary:{page.src_uri}", label=page.title, page=page.src_uri, anchor="", summary=page.summary,
            aliases=page.aliases, link="section", source=page.display, line=page.line,
            references=page.references))
    for register, entries in sources.registers.items():
        _add_register(index, register, entries)
    index.compile()
    return index


def _add_register(index: TargetIndex, register: str, entries: tuple[RegisterEntry, ...]) -> None:
    page = index.register_pages.get(register)
    if page is None and entries:
        index.problems.append(Problem(entries[0].path, 1, f"no page shows the register '{register}' — put "
                                      f"<!-- edition:register {register} --> on its page in docs/"))
    for entry in entries:
        if entry.glossary is not None:
            if f"glossary:{entry.glossary}" not in index.targets:
                index.problems.append(Problem(entry.path, entry.line, f"entry '{entry.id}' points at the glossary "
                                              f"page '{entry.glossary}', which does not exist in docs/ (or has "
                                              "no 'glossary' front matter) — fix the path"))
            continue
        summary = entry.expansion or entry.description
        index.add(Target(
            id=f"{register}:{entry.id}", label=entry.name, page=page or "", anchor=entry.id,
            summary=re.sub(r"\s*\[@[^\]]*\]", "", summary), aliases=entry.aliases,
            link="never" if not entry.link else "always" if entry.acronym else "section",
            source=entry.path, line=entry.line, register=register, acronym=entry.acronym,
            raw_text=f"{entry.description} {entry.expansion}",
        ))


def preview_text(target: Target) -> str:
    """What a target's preview says beyond its name: a glossary summary, an acronym's
    expansion, or the sentences of a register description that are not ¶ references
    back to the article. Empty when there is nothing the text does not already say.

    A register entry's preview must tell the reader something the sentence does not:
    sentences (and ``;`` clauses) of its description that point back at the article (a
    ¶ reference such as "(¶18)") restate the text and are left out. An entry with nothing
    else to say gets no preview and no link (acronyms always have their expansion)."""
    if target.register is None or target.acronym:
        return target.summary
    kept = []
    for sentence in _SENTENCE.split(target.summary.strip()):
        clauses = [clause for clause in sentence.split("; ") if clause and not _BACK_REFERENCE.search(clause)]
        if clauses:
            kept.append("; ".join(clauses).rstrip(".") + ".")
    return " ".join(kept)
