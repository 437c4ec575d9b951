"""Targets of mentions other than citations: glossary pages and register entries.

A glossary page declares itself and its aliases in its own front matter
(``glossary: {kind, aliases, summary, references}``); a register entry lives in
``data/registers/<register>.yml`` and is shown on the page that holds the marker
``<!-- edition:register <register> -->``. Aliases are matched in the article's text,
longest first, case-sensitively, at word boundaries.

Linking rule (the mention is always recorded; only some are links). Linking every
paragraph's terms gave the article 66 term links and 28 citations, one link in 26
words (18 links in the 160 words of ¶10-¶12): the apparatus stood between the reader
and the text. This rule gives 36 term links and 28 citations, one link in 39 words
(12 in ¶10-¶12):
- glossary terms and register entries: the first mention in each section, not in each
  paragraph; a reader who arrives at a single paragraph still has the preview on the
  first mention of its section and the glossary or register page for the rest;
- a register entry only when its preview says something the sentence does not
  (edition/previews.py: the description's sentences that cite the article by ¶ are
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

from mkdocs.utils.meta import get_data

from edition.datafiles import load_list
from edition.problems import Problem

REGISTERS_DIR = "data/registers"
REGISTER_MARKER = re.compile(r"<!-- edition:register ([a-z-]+) -->")
GLOSSARY_KINDS = ("theorist", "concept")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


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


def load_targets(root: Path, docs_dir: Path, docs_prefix: str) -> TargetIndex:
    """Read every glossary page's front matter and every register file."""
    index = TargetIndex()
    for file in sorted(docs_dir.rglob("*.md")):
        src_uri = file.relative_to(docs_dir).as_posix()
        display = f"{docs_prefix}/{src_uri}"
        source = file.read_text(encoding="utf-8")
        for marker in REGISTER_MARKER.finditer(source):
            index.register_pages[marker[1]] = src_uri
        _, meta = get_data(source)
        if isinstance(meta, dict) and "glossary" in meta:
            _add_glossary_page(index, meta, src_uri, display, source)
    for file in sorted((root / REGISTERS_DIR).glob("*.yml")):
        _add_register(index, file.stem, file, f"{REGISTERS_DIR}/{file.name}")
    index.compile()
    return index


def _add_glossary_page(index: TargetIndex, meta: dict, src_uri: str, display: str, source: str) -> None:
    glossary = meta["glossary"]
    line = 1 + source[: source.find("glossary:")].count("\n") if "glossary:" in source else 1
    if not isinstance(glossary, dict):
        index.problems.append(Problem(display, line, "front matter 'glossary' must be a mapping "
                                      "with kind, aliases and summary"))
        return
    kind = glossary.get("kind")
    aliases = glossary.get("aliases") or []
    if kind not in GLOSSARY_KINDS:
        index.problems.append(Problem(display, line, f"glossary kind '{kind}' — use one of "
                                      + ", ".join(GLOSSARY_KINDS)))
    if not aliases or not all(isinstance(alias, str) and alias.strip() for alias in aliases):
        index.problems.append(Problem(display, line, "glossary page has no aliases — list the forms "
                                      "the article uses, e.g. aliases: [\"H. Morgenthau\"]"))
        aliases = [alias for alias in aliases if isinstance(alias, str) and alias.strip()]
    index.kinds[f"glossary:{src_uri}"] = str(kind)
    index.add(Target(
        id=f"glossary:{src_uri}", label=str(meta.get("title") or src_uri), page=src_uri, anchor="",
        summary=str(glossary.get("summary") or ""), aliases=tuple(aliases), link="section",
        source=display, line=line, references=tuple(glossary.get("references") or ()),
    ))


def _add_register(index: TargetIndex, register: str, file: Path, display: str) -> None:
    entries, problems = load_list(file, display)
    index.problems.extend(problems)
    page = index.register_pages.get(register)
    if page is None and entries:
        index.problems.append(Problem(display, 1, f"no page shows the register '{register}' — put "
                                      f"<!-- edition:register {register} --> on its page in docs/"))
    for entry, line in entries:
        entry_id = str(entry.get("id", ""))
        if not _ID.fullmatch(entry_id):
            index.problems.append(Problem(display, line, f"register entry id '{entry_id}' — use "
                                          "lowercase letters, digits and hyphens"))
            continue
        aliases = [a for a in entry.get("aliases") or [] if isinstance(a, str) and a.strip()]
        glossary = entry.get("glossary")
        if glossary is not None:
            if f"glossary:{glossary}" not in index.targets:
                index.problems.append(Problem(display, line, f"entry '{entry_id}' points at the glossary "
                                              f"page '{glossary}', which does not exist in docs/ (or has "
                                              "no 'glossary' front matter) — fix the path"))
            continue
        if not aliases:
            index.problems.append(Problem(display, line, f"entry '{entry_id}' has no aliases — list the "
                                          "exact forms the article uses"))
        summary = str(entry.get("expansion") or entry.get("description") or "")
        index.add(Target(
            id=f"{register}:{entry_id}", label=str(entry.get("name") or entry_id), page=page or "",
            anchor=entry_id, summary=re.sub(r"\s*\[@[^\]]*\]", "", summary),
            aliases=tuple(aliases),
            link="never" if not entry.get("link", True) else "always" if entry.get("acronym") else "section",
            source=display, line=line, register=register, acronym=entry.get("acronym"),
            raw_text=f"{entry.get('description') or ''} {entry.get('expansion') or ''}",
        ))
