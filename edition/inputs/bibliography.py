"""Load and check ``bib/references.bib``: the article's numbered reference list.

``edition.inputs.bibtex`` reads the file entry by entry; here each entry is checked: it has
``shorthand = {N}``, the numbers are exactly 1..N with each used once, required fields
are present, the year is a year, URLs are http(s) and dates real ISO dates. An entry
with a problem never reaches rendering or the exports, but its number and key stay
known, so that citing it or naming its key gives no second, knock-on message.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import Entry
from pybtex.exceptions import PybtexError

from edition.core.problems import Problem, read_source
from edition.inputs.bibtex import BibEntry, read_bib
from edition.inputs.reference_style import format_reference

REQUIRED_FIELDS = {
    "book": ("author", "title", "publisher", "year", "language"),
    "article": ("author", "title", "journal", "year", "volume", "pages", "language"),
    "online": ("title", "url", "urldate", "language"),
}
ISO_DATE_FIELDS = ("date", "urldate")
_YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class Reference:
    """One entry of the article's reference list."""

    number: int
    key: str
    entry: Entry
    line: int


@dataclass
class Bibliography:
    """The parsed reference list, keyed by the article's numbers, and what is wrong with it.

    `held` maps the numbers of entries set aside for a problem to that problem;
    `unnumbered` is true when some entry's number cannot be known (no valid shorthand).
    """

    path: str
    by_number: dict[int, Reference] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    held: dict[int, Problem] = field(default_factory=dict)
    unnumbered: bool = False
    size: int = 0
    missing: bool = False  # the file could not be read (its one problem is blocking)

    @property
    def numbers_label(self) -> str:
        """The valid range as editors read it in messages: '1-19'."""
        numbers = set(self.by_number) | set(self.held)
        return f"1-{max(numbers)}" if numbers else "none"

    def accounts_for(self, number: int) -> bool:
        """True when citing `number` is already explained: its entry, or a problem in bib/."""
        return (self.missing or number in self.by_number or number in self.held
                or (self.unnumbered and 1 <= number <= self.size))

    def has_key(self, key: str) -> bool:
        return self.missing or key.lower() in self.keys


def load_bibliography(file: Path, display_path: str) -> Bibliography:
    """Parse and check the reference list in `file`; `display_path` names it in messages."""
    text, unreadable = read_source(file, display_path)
    if text is None:
        # Without the file no number can be checked: every citation is accounted for by
        # this one problem (`missing`), never reported one by one.
        problem = unreadable or Problem(display_path, 1, f"the file {display_path} is missing — restore it "
                                        "(git checkout bib/references.bib): it holds the article's numbered "
                                        "references", blocking=True)
        return Bibliography(display_path, problems=[problem], missing=True)
    source = read_bib(text, display_path)
    bibliography = Bibliography(display_path, keys=source.keys, size=len(source.entries))
    bibliography.problems.extend(source.problems)
    duplicated = False
    for item in source.entries:
        number = item.written_shorthand
        if item.problem is not None:
            if item.problem not in bibliography.problems:
                bibliography.problems.append(item.problem)
            _hold(bibliography, number, item.problem)
            continue
        entry = item.entry
        assert entry is not None, "read_bib gives every entry it could not parse a problem"
        problems = check_entry(item, entry, display_path)
        if problems:
            previous = bibliography.by_number.get(number) if number else None
            bibliography.problems.extend(problems)
            _hold(bibliography, number if previous is None else None, problems[0])
            continue
        number = int(entry.fields["shorthand"])
        previous = bibliography.by_number.get(number)
        if previous is not None:
            duplicated = True
            bibliography.problems.append(Problem(
                display_path, item.field_line("shorthand"),
                f"number {number} is given to both '{previous.key}' (line {previous.line}) "
                f"and '{item.key}' — each number belongs to exactly one entry; give this "
                "one its own shorthand"))
            _hold(bibliography, None, bibliography.problems[-1])
            continue
        bibliography.by_number[number] = Reference(number, item.key, entry, item.line)
    if not duplicated and not bibliography.unnumbered:
        _number_gaps(bibliography, source.entries)
    return bibliography


def _number_gaps(bibliography: Bibliography, entries: tuple[BibEntry, ...]) -> None:
    """The numbers must run 1..N for N entries: each gap is reported once, at the entry
    where it shows (never at the file's first line), and its number is held so that
    citing it adds no second message."""
    count, path = len(entries), bibliography.path
    numbers = set(bibliography.by_number) | set(bibliography.held)
    gaps = sorted(set(range(1, count + 1)) - numbers)
    lines = {item.written_shorthand: item.field_line("shorthand") for item in entries}
    # A number far beyond the list (50 among 19) is that entry's mistake, not a gap's.
    outliers = sorted(number for number in bibliography.by_number if number > count + 1)
    for number in outliers:
        reference = bibliography.by_number[number]
        missing = f" (none has {{{gaps[0]}}})" if len(gaps) == 1 else ""
        bibliography.problems.append(Problem(
            path, lines.get(number, reference.line), f"entry '{reference.key}' has shorthand = {{{number}}}, but "
            f"the numbers must run 1-{count} without a gap, as in the article's list{missing} — give it its "
            "number in the article"))
    for gap in gaps:
        if outliers:
            bibliography.held[gap] = bibliography.problems[-len(outliers)]
            continue
        after = min((number for number in numbers if number > gap), default=None)
        line = lines.get(after, 1) if after is not None else max(lines.values(), default=1)
        where = f", the number before this entry's {{{after}}}" if after is not None else ""
        bibliography.problems.append(Problem(
            path, line, f"no entry has shorthand = {{{gap}}}{where} — the numbers must run 1-{count} without a "
            "gap, as in the article's list: renumber this entry or add the missing one"))
        bibliography.held[gap] = bibliography.problems[-1]


def _hold(bibliography: Bibliography, number: int | None, problem: Problem) -> None:
    if number is None or number < 1:
        bibliography.unnumbered = True
    else:
        bibliography.held.setdefault(number, problem)


def check_entry(item: BibEntry, entry: Entry, path: str) -> list[Problem]:
    """What is wrong with one parsed entry of the reference list, `item.entry` (empty when nothing)."""
    key, line = item.key, item.line
    problems: list[Problem] = []
    required = REQUIRED_FIELDS.get(entry.type)
    if required is None:
        problems.append(Problem(path, line, f"entry '{key}' has type @{entry.type} — use one of "
                                + ", ".join(f"@{name}" for name in REQUIRED_FIELDS)))
        required = ()
    for name in required:
        if name not in entry.fields and name not in entry.persons:
            problems.append(Problem(path, line, f"entry '{key}' (@{entry.type}) has no '{name}' field "
                                    f"— add {name} = {{...}} as the printed reference list gives it"))
    for name, value in entry.fields.items():
        if name.lower() != "url" and re.search(r"(?<!\\)%", value):
            problems.append(Problem(path, item.field_line(name),
                                    f"entry '{key}' has a bare % in {name} — LaTeX reads it as the start "
                                    "of a comment and drops the rest; write \\% for a percent sign"))
    year = entry.fields.get("year")
    if year is not None and not _YEAR.fullmatch(year.strip()):
        problems.append(Problem(path, item.field_line("year"),
                                f"entry '{key}' has year '{year}' — write the year of publication as "
                                "four digits, e.g. year = {1990}"))
    url = entry.fields.get("url")
    if url is not None and not re.match(r"https?://[^\s]+$", url):
        problems.append(Problem(path, item.field_line("url"),
                                f"entry '{key}' has url '{url}' — only http:// and https:// "
                                "addresses are allowed"))
    for name in ISO_DATE_FIELDS:
        value = entry.fields.get(name)
        if value is not None and not _is_iso_date(value):
            shaped = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None
            problems.append(Problem(path, item.field_line(name), f"entry '{key}' has {name} '{value}' — " + (
                "no such day: the month must be 01-12 and the day exist in that month" if shaped else
                "write dates as YYYY-MM-DD, e.g. 2022-02-01")))
    if not problems:
        try:
            format_reference(entry)
        except (PybtexError, ValueError) as error:  # what pybtex and latexcodec raise for bad LaTeX or
            # names (UnicodeDecodeError is a ValueError); any other exception is a bug in the
            # formatter, reported once as such (edition/core/bugs.py), not as a mistake per entry
            problems.append(Problem(path, line, f"entry '{key}' cannot be formatted ({error}) — check "
                                    "its braces, backslashes and names"))
    shorthand = entry.fields.get("shorthand")
    if shorthand is None:
        problems.append(Problem(path, line, f"entry '{key}' has no shorthand — add shorthand = {{N}}, "
                                "the number the article gives this reference"))
    elif not re.fullmatch(r"[1-9][0-9]*", shorthand):
        problems.append(Problem(path, item.field_line("shorthand"),
                                f"entry '{key}' has shorthand '{shorthand}' — it must be the "
                                "reference's number in the article, a whole number from 1"))
    return problems


def _is_iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None
