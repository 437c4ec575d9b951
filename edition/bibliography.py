"""Load and check ``bib/references.bib``: the article's numbered reference list.

pybtex parses the file with every error captured (not printed), so that syntax
errors, duplicate keys and duplicate fields become Problems with real line numbers
next to our own checks: each entry has ``shorthand = {N}``, the numbers are exactly
1..N with each used once, required fields are present, URLs are http(s) and dates ISO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from edition.problems import Problem
from edition.style import format_reference

REQUIRED_FIELDS = {
    "book": ("author", "title", "publisher", "year", "language"),
    "article": ("author", "title", "journal", "year", "volume", "pages", "language"),
    "online": ("title", "url", "urldate", "language"),
}
ISO_DATE_FIELDS = ("date", "urldate")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ENTRY_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,")


@dataclass(frozen=True)
class Reference:
    """One entry of the article's reference list."""

    number: int
    key: str
    entry: Entry
    line: int


@dataclass
class Bibliography:
    """The parsed reference list, keyed by the article's numbers, and what is wrong with it."""

    path: str
    by_number: dict[int, Reference] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def numbers_label(self) -> str:
        """The valid range as editors read it in messages: '1-19'."""
        return f"1-{max(self.by_number)}" if self.by_number else "none"


def load_bibliography(file: Path, display_path: str) -> Bibliography:
    """Parse and check the reference list in `file`; `display_path` names it in messages."""
    text = file.read_text(encoding="utf-8")
    bibliography = Bibliography(display_path)
    data, problems = parse_bib_text(text, display_path)
    heads = _entry_heads(text)
    bibliography.problems.extend(problems)
    for key, entry in data.entries.items():
        line = heads.get(key.lower(), [1])[0]
        reference = _check_entry(key, entry, line, text, bibliography)
        if reference is None:
            continue
        previous = bibliography.by_number.get(reference.number)
        if previous is not None:
            bibliography.problems.append(
                Problem(display_path, _field_line(text, line, "shorthand"),
                        f"number {reference.number} is given to both '{previous.key}' "
                        f"(line {previous.line}) and '{key}' — each number belongs to exactly "
                        "one entry; give this one its own shorthand")
            )
            continue
        bibliography.by_number[reference.number] = reference
    for missing in sorted(set(range(1, len(data.entries) + 1)) - set(bibliography.by_number)):
        if any(p.message.startswith(f"number {missing} ") for p in bibliography.problems):
            continue
        bibliography.problems.append(
            Problem(display_path, 1, f"no entry has shorthand = {{{missing}}} — the numbers "
                    f"must run 1-{len(data.entries)} without a gap, as in the article's list")
        )
    return bibliography


def _parse(text: str, display_path: str) -> tuple[BibliographyData, list[PybtexError]]:
    with pybtex.errors.capture() as errors:
        parser = Parser()
        parser.filename = display_path
        data = parser.parse_string(text)
    return data, list(errors)


def parse_bib_text(text: str, display_path: str) -> tuple[BibliographyData, list[Problem]]:
    """Parse any BibTeX text, turning pybtex's errors into Problems with lines."""
    data, errors = _parse(text, display_path)
    heads = _entry_heads(text)
    return data, [_problem_from_pybtex(error, display_path, text, heads) for error in errors]


def _entry_heads(text: str) -> dict[str, list[int]]:
    """Line numbers of every entry head ``@type{key,``, per lower-cased key, in file order."""
    heads: dict[str, list[int]] = {}
    line, counted = 1, 0  # count newlines only since the previous head: linear in the file
    for match in _ENTRY_HEAD.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        heads.setdefault(match[2].lower(), []).append(line)
    return heads


def _field_line(text: str, entry_line: int, name: str) -> int:
    """Line of `name = ...` in the entry starting at `entry_line` (the entry's line if absent)."""
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=", re.IGNORECASE)
    for index in range(entry_line - 1, len(lines)):
        if index > entry_line - 1 and lines[index].lstrip().startswith("@"):
            break
        if pattern.match(lines[index]):
            return index + 1
    return entry_line


def _problem_from_pybtex(error: PybtexError, path: str, text: str, heads: dict[str, list[int]]) -> Problem:
    if isinstance(error, PybtexSyntaxError):
        return Problem(path, error.lineno or 1,
                       f"BibTeX syntax error: {error.args[0]} — check the braces, commas and "
                       "quotes of this entry")
    message = str(error)
    repeated = re.match(r"repeated bibliography entry: (.+)", message)
    if repeated:
        key = repeated[1]
        lines = heads.get(key.lower(), [1])
        return Problem(path, lines[-1], f"duplicate key '{key}' (first used on line {lines[0]}) "
                       "— every entry needs its own key")
    too_many_commas = re.match(r"Too many commas in '(.+)'", message)
    if too_many_commas:
        position = text.find(too_many_commas[1])
        line = 1 + text.count("\n", 0, position) if position >= 0 else 1
        return Problem(path, line, f"name '{too_many_commas[1]}' has too many commas — write "
                       "'Surname, Initials' and separate several names with ' and '")
    duplicate_field = re.match(r"entry with key (\S+) has a duplicate (\S+) field", message)
    if duplicate_field:
        key, name = duplicate_field[1], duplicate_field[2]
        entry_line = heads.get(key.lower(), [1])[0]
        return Problem(path, entry_line, f"entry '{key}' has the field '{name}' twice — keep one")
    return Problem(path, 1, f"BibTeX error: {message}")


def _check_entry(key: str, entry: Entry, line: int, text: str, bibliography: Bibliography) -> Reference | None:
    path, problems = bibliography.path, bibliography.problems
    known_before = len(problems)
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
            problems.append(Problem(path, _field_line(text, line, name),
                                    f"entry '{key}' has a bare % in {name} — LaTeX reads it as the start "
                                    "of a comment and drops the rest; write \\% for a percent sign"))
    url = entry.fields.get("url")
    if url is not None and not re.match(r"https?://", url):
        problems.append(Problem(path, _field_line(text, line, "url"),
                                f"entry '{key}' has url '{url}' — only http:// and https:// "
                                "addresses are allowed"))
    for name in ISO_DATE_FIELDS:
        value = entry.fields.get(name)
        if value is not None and not _ISO_DATE.fullmatch(value):
            problems.append(Problem(path, _field_line(text, line, name),
                                    f"entry '{key}' has {name} '{value}' — write dates as YYYY-MM-DD"))
    try:
        if len(problems) == known_before:  # only a complete entry of a known type can be formatted
            format_reference(entry)
    except Exception as error:  # pybtex raises several kinds for undecodable LaTeX or names
        problems.append(Problem(path, line, f"entry '{key}' cannot be formatted ({error}) — check "
                                "its braces, backslashes and names"))
    shorthand = entry.fields.get("shorthand")
    if shorthand is None:
        problems.append(Problem(path, line, f"entry '{key}' has no shorthand — add shorthand = {{N}}, "
                                "the number the article gives this reference"))
        return None
    if not re.fullmatch(r"[1-9][0-9]*", shorthand):
        problems.append(Problem(path, _field_line(text, line, "shorthand"),
                                f"entry '{key}' has shorthand '{shorthand}' — it must be the "
                                "reference's number in the article, a whole number from 1"))
        return None
    return Reference(int(shorthand), key, entry, line)
