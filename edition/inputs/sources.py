"""The input layer: every YAML source of the edition read once per build, checked against
its schema (edition/inputs/schema.py) and turned into frozen records.

Sources read here: editorial notes (data/notes.yml), registers (data/registers/*.yml),
the timeline (data/timeline.yml), the rejected emendation candidates
(data/emendation-candidates.yml) and the glossary pages' front matter. The two bib files
are read by edition/inputs/bibtex.py and edition/inputs/bibliography.py, the title page's front matter
by edition/inputs/record.py. A record with a problem is left out: it never reaches rendering.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from edition.core.memo import KEPT
from edition.core.problems import Problem, read_source
from edition.core.project import CANDIDATES_FILE, NOTES_FILE, REGISTERS_DIR, TIMELINE_FILE
from edition.inputs.schema import ID, Field, Node, compose_and_load, mapping_node, read_fields, read_list

GLOSSARY_KINDS = ("theorist", "concept")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)

NOTE_FIELDS = (Field("id", "id", True), Field("title", required=True), Field("after", required=True),
               Field("text", required=True))
REGISTER_FIELDS = (Field("id", "id", True), Field("name"), Field("aliases", "list"), Field("also_written", "list"),
                   Field("description"), Field("acronym"), Field("expansion"), Field("glossary"),
                   Field("link", "bool"))
TIMELINE_FIELDS = (Field("date", "any", True), Field("label", required=True), Field("quote", required=True),
                   Field("note"))
CANDIDATE_FIELDS = (Field("where", required=True), Field("printed", required=True), Field("proposed"),
                    Field("decision", required=True), Field("reason", required=True))
GLOSSARY_FIELDS = (Field("kind", required=True), Field("aliases", "list", True), Field("summary", required=True),
                   Field("references", "keys"))
_Record = TypeVar("_Record")


@dataclass(frozen=True)
class Note:
    """An editorial note: its id, title, Markdown text and the paragraph it follows."""

    id: str
    title: str
    after: str
    text: str
    line: int
    text_line: int = 0  # the line of its text field (0: not known, use `line`)
    after_line: int = 0  # the line of its after field (0: not known, use `line`)


@dataclass(frozen=True)
class RegisterEntry:
    """One entry of a register (persons, places, ...), or a pointer to a glossary page."""

    register: str
    id: str
    name: str
    path: str
    line: int
    aliases: tuple[str, ...] = ()
    also_written: tuple[str, ...] = ()
    description: str = ""
    acronym: str | None = None
    expansion: str = ""
    glossary: str | None = None
    link: bool = True


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    display: str
    label: str
    quote: str
    note: str | None
    line: int


@dataclass(frozen=True)
class Candidate:
    """A reading considered and rejected (accepted ones are written in the text)."""

    where: str
    printed: str
    proposed: str
    reason: str
    line: int


@dataclass(frozen=True)
class GlossaryPage:
    """A glossary page's front matter: the term, its aliases, summary and references."""

    src_uri: str
    display: str
    title: str
    kind: str
    aliases: tuple[str, ...]
    summary: str
    references: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Sources:
    """Every YAML source of one build, as records, and what is wrong with them."""

    notes: tuple[Note, ...] = ()
    registers: dict[str, tuple[RegisterEntry, ...]] = field(default_factory=dict)
    timeline: tuple[TimelineEvent, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    glossary: tuple[GlossaryPage, ...] = ()
    article_pages: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


def load_sources(root: Path, docs_dir: Path, docs_prefix: str) -> Sources:
    """Read and check every YAML source of the project at `root`."""
    problems: list[Problem] = []
    notes = _records(root / NOTES_FILE, NOTES_FILE, NOTE_FIELDS, "note", _note, problems)
    registers: dict[str, tuple[RegisterEntry, ...]] = {}
    for file in sorted((root / REGISTERS_DIR).glob("*.yml")):
        display = f"{REGISTERS_DIR}/{file.name}"
        registers[file.stem] = tuple(_records(file, display, REGISTER_FIELDS, "register entry",
                                              functools.partial(_register_entry, file.stem), problems))
    timeline = _records(root / TIMELINE_FILE, TIMELINE_FILE, TIMELINE_FIELDS, "timeline event", _event, problems)
    candidates = _records(root / CANDIDATES_FILE, CANDIDATES_FILE, CANDIDATE_FIELDS, "candidate", _candidate,
                          problems)
    glossary: list[GlossaryPage] = []
    articles: list[tuple[str, int, bool]] = []
    unread = 0  # pages that could not be read (each reported): the article may be one
    for file in sorted(docs_dir.rglob("*.md")):
        src_uri = file.relative_to(docs_dir).as_posix()
        display = f"{docs_prefix}/{src_uri}"
        source, unreadable = read_source(file, display)
        if source is None:
            problems += [unreadable] if unreadable is not None else []
            unread += unreadable is not None
            continue
        broken = front_matter_problem(source, display)
        if broken is not None:
            problems.append(broken)
            unread += 1
            continue
        page, page_problems = read_glossary_page(source, src_uri, display)
        problems += page_problems
        if page is not None:
            glossary.append(page)
        problems += _article_page(source, display, articles)
    problems += _second_articles(articles)
    if not articles and not unread:
        # Blocking: without the article, every reference and mention would be reported as unused.
        problems.append(Problem(docs_prefix, 1, "no page is marked as the article — put edition_article: true "
                                "in the front matter of the article's page", blocking=True))
    return Sources(tuple(notes), registers, tuple(timeline), tuple(candidates), tuple(glossary),
                   tuple(display for display, _, _ in _ordered(articles)),
                   tuple(problems))


def front_matter_problem(source: str, display: str) -> Problem | None:
    """A YAML error in a page's front matter, at its line. Blocking: MkDocs then reads the
    page as having no front matter, so every fact it states (the article's record, the
    glossary entry, edition_article) is lost and the pages that rely on it would each
    report a knock-on."""
    front = _FRONT_MATTER.match(source)
    if front is None:
        return None
    try:
        compose_and_load(front[1])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return Problem(display, 2 + (mark.line if mark else 0), "YAML error in the front matter: "
                       f"{getattr(error, 'problem', None) or error} — fix the indentation or quoting", blocking=True)
    return None


def _article_page(source: str, display: str, articles: list[tuple[str, int, bool]]) -> list[Problem]:
    """Note a page marked ``edition_article: true`` (the article) or ``part`` (a further
    page of the same article); which of several is the second is decided by `_second_articles`."""
    front = _FRONT_MATTER.match(source)
    if front is None:
        return []
    found = re.search(r"^edition_article\s*:\s*(.*?)\s*$", front[1], re.MULTILINE)
    if found is None:
        return []
    line = 1 + source.count("\n", 0, front.start(1) + found.start())
    value = found[1].strip("\"'")
    if value == "part":
        return []
    if value != "true":
        return [Problem(display, line, f"edition_article: {found[1]} — write edition_article: true on the "
                        "article's page, or edition_article: part on a further page of the same article")]
    articles.append((display, line, re.search(r"^edition\s*:", front[1], re.MULTILINE) is not None))
    return []


def _ordered(articles: list[tuple[str, int, bool]]) -> list[tuple[str, int, bool]]:
    """The article pages, the article first: the one holding the record (``edition:``),
    whatever the files' names, else the first by name."""
    return sorted(articles, key=lambda article: not article[2])


def _second_articles(articles: list[tuple[str, int, bool]]) -> list[Problem]:
    """Refuse every article page but the article: the edition holds one article."""
    if len(articles) < 2:
        return []
    first, *others = _ordered(articles)
    return [Problem(display, line, f"a second article page ({first[0]} is the article) — the edition holds "
                    "one article, with one record, reference list and numbering, so a [1] here would cite "
                    "that article's reference 1; to continue the same article on this page write "
                    "edition_article: part") for display, line, _ in others]


def _records(file: Path, path: str, fields: tuple[Field, ...], what: str,
             make: Callable[[dict[str, Any], Node, str], tuple[_Record | None, list[Problem]]],
             problems: list[Problem]) -> list[_Record]:
    nodes, read_problems = read_list(file, path)
    problems += read_problems
    records = []
    seen: dict[str, int] = {}
    for node in nodes:
        ident = node.values.get("id")
        name = f"{what} '{ident}'" if isinstance(ident, str) and ID.fullmatch(ident) else what
        values, node_problems = read_fields(node, fields, path, name)
        if not node_problems and "id" in values and values["id"] in seen:
            node_problems = [Problem(path, node.line_of("id"), f"{name}: the id is used already on line "
                                     f"{seen[values['id']]} — give each {what} in the file its own id")]
        if not node_problems:
            record, node_problems = make(values, node, path)
            if record is not None and not node_problems:
                records.append(record)
                if "id" in values:
                    seen[values["id"]] = node.line_of("id")
        problems += node_problems
    return records


def _note(values: dict, node: Node, path: str) -> tuple[Note, list[Problem]]:
    return Note(values["id"], values["title"], values["after"], values["text"], node.line, node.line_of("text"),
                node.line_of("after")), []


def _register_entry(register: str, values: dict, node: Node, path: str) -> tuple[RegisterEntry, list[Problem]]:
    entry = RegisterEntry(register=register, id=values["id"], name=values.get("name", values["id"]), path=path,
                          line=node.line, aliases=values.get("aliases", ()),
                          also_written=values.get("also_written", ()), description=values.get("description", ""),
                          acronym=values.get("acronym"), expansion=values.get("expansion", ""),
                          glossary=values.get("glossary"), link=values.get("link", True))
    if entry.glossary is None and not entry.aliases:
        return entry, [Problem(path, node.line, f"entry '{entry.id}' has no aliases — list the exact forms "
                               "the article uses")]
    return entry, []


def _event(values: dict, node: Node, path: str) -> tuple[TimelineEvent | None, list[Problem]]:
    date = str(values["date"])
    display = display_date(date)
    if display is None:
        return None, [Problem(path, node.line_of("date"), f"timeline event: date '{date}' is not a date — write "
                              "YYYY, YYYY-MM or YYYY-MM-DD (a real month and day), or a range A/B")]
    if "/" in date and _range_reversed(date):
        return None, [Problem(path, node.line_of("date"), f"timeline event: the range '{date}' ends before it "
                              "starts — write the earlier date first, A/B")]
    return TimelineEvent(date, display, values["label"], values["quote"], values.get("note"), node.line), []


def _candidate(values: dict, node: Node, path: str) -> tuple[Candidate | None, list[Problem]]:
    if values["decision"] != "reject":
        return None, [Problem(path, node.line_of("decision"), f"candidate '{values['printed']}' has decision "
                              f"'{values['decision']}' — write an accepted emendation in the text as "
                              "{sic: ... | corr: ...} and keep only rejected candidates here")]
    return Candidate(values["where"], values["printed"], values.get("proposed", ""), values["reason"],
                     node.line), []


def _range_reversed(date: str) -> bool:
    """Whether a range A/B ends before it starts (compared on the parts both give)."""
    start, end = ([int(part) for part in _DATE.fullmatch(side).groups() if part]  # type: ignore[union-attr]
                  for side in date.split("/"))
    common = min(len(start), len(end))
    return end[:common] < start[:common]


def display_date(date: str) -> str | None:
    """'2021-12-06' → '6 December 2021', a range 'A/B' → 'A–B'; None if not a real date."""
    parts = date.split("/")
    if len(parts) > 2:
        return None
    shown = []
    for part in parts:
        match = _DATE.fullmatch(part)
        if match is None:
            return None
        year, month, day = match.groups()
        text = year
        if month:
            if not 1 <= int(month) <= 12:
                return None
            text = f"{calendar.month_name[int(month)]} {year}"
        if day:
            if not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
                return None
            text = f"{int(day)} {text}"
        shown.append(text)
    return "–".join(shown)


@KEPT.memoized(4096)
def read_glossary_page(source: str, src_uri: str, display: str) -> tuple[GlossaryPage | None, tuple[Problem, ...]]:
    """The glossary record of a page whose front matter has ``glossary:`` (None for others).
    Kept by the page's text: a `mkdocs serve` rebuild parses only the pages that changed."""
    page, problems = _glossary_page(source, src_uri, display)
    return page, tuple(problems)


def _glossary_page(source: str, src_uri: str, display: str) -> tuple[GlossaryPage | None, list[Problem]]:
    front = _FRONT_MATTER.match(source)
    key_line = re.search(r"^glossary\s*:", front[1], re.MULTILINE) if front else None
    if front is None or key_line is None:
        return None, []
    try:
        root, meta = compose_and_load(front[1])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(display, 2 + (mark.line if mark else 0), "YAML error in the front matter: "
                              f"{getattr(error, 'problem', None) or error} — fix the indentation or quoting")]
    line = 1 + source.count("\n", 0, front.start(1) + key_line.start())
    glossary = meta.get("glossary") if isinstance(meta, dict) else None
    node = (next((value for key, value in root.value if key.value == "glossary"), None)
            if isinstance(root, yaml.MappingNode) else None)
    if not isinstance(glossary, dict) or not isinstance(node, yaml.MappingNode):
        return None, [Problem(display, line, "front matter 'glossary' must be a mapping with kind, aliases "
                              "and summary")]
    fields = dataclasses.replace(mapping_node(glossary, node, first_line=2), line=line)
    values, problems = read_fields(fields, GLOSSARY_FIELDS, display, "glossary")
    if "kind" in values and values["kind"] not in GLOSSARY_KINDS:
        problems.append(Problem(display, fields.line_of("kind"), f"glossary kind '{values['kind']}' — use one of "
                                + ", ".join(GLOSSARY_KINDS)))
    if problems:
        return None, problems
    return GlossaryPage(src_uri, display, str(meta.get("title") or src_uri), values["kind"], values["aliases"],
                        values["summary"], values.get("references", ()), line), []
