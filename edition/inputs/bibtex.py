"""Read a BibTeX file entry by entry, so that one broken entry never hides or blames another.

The text is cut at every line that starts with ``@``; each piece is parsed by pybtex on
its own, with its errors captured. A syntax error therefore stays in its entry: it is
reported at the line of the culprit (the brace never closed, the bare ``%``) and only
that entry is set aside. The key and shorthand of an entry that could not be parsed are
still read from its text, so that citations of it and references to its key do not
produce a second, knock-on message.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from dataclasses import dataclass
from itertools import pairwise

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from edition.core.memo import KEPT, PER_ENTRY
from edition.core.problems import Problem

_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)
_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,")
_SHORTHAND = re.compile(r"^\s*shorthand\s*=\s*[{\"]\s*([0-9]+)\s*[}\"]", re.IGNORECASE | re.MULTILINE)
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_FIELD = re.compile(r"\s*[\w-]+\s*=")
_FIELD_LINE = re.compile(r"^\s*[\w-]+\s*=\s*[{\"0-9]", re.MULTILINE)
_NOT_ENTRIES = {"comment", "string", "preamble"}


@dataclass(frozen=True)
class BibEntry:
    """One entry as written: its key, the line of its head, its text, and the parsed
    entry (None when the entry could not be parsed; `problem` then says why)."""

    key: str
    line: int
    text: str
    entry: Entry | None
    problem: Problem | None = None

    @property
    def written_shorthand(self) -> int | None:
        """The number in ``shorthand = {N}`` as written, even in an unparsable entry."""
        match = _SHORTHAND.search(self.text)
        return int(match[1]) if match else None

    def field_line(self, name: str) -> int:
        """Line of ``name = ...`` in this entry (the entry's line if it has none)."""
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=", re.IGNORECASE)
        for offset, text in enumerate(self.text.split("\n")):
            if pattern.match(text):
                return self.line + offset
        return self.line


@dataclass(frozen=True)
class BibFile:
    """Every entry of one BibTeX file, in file order, and the file-level problems."""

    path: str
    entries: tuple[BibEntry, ...]
    problems: tuple[Problem, ...]

    def data(self) -> BibliographyData:
        """The entries that parsed, as pybtex data (first of each key)."""
        data = BibliographyData()
        for item in self.entries:
            if item.entry is not None and item.key not in data.entries:
                data.entries[item.key] = item.entry
        return data

    def accepted_text(self) -> str:
        """The source text of the entries that parsed and passed (first of each key), as written."""
        data = self.data()
        return "".join(item.text for item in self.entries
                       if item.entry is not None and data.entries.get(item.key) is item.entry)

    @property
    def keys(self) -> set[str]:
        """Every key written in the file, lower-cased, parsed or not."""
        return {item.key.lower() for item in self.entries}


def read_bib(text: str, path: str) -> BibFile:
    """Parse `text` (the file `path`) one entry at a time."""
    starts = [match.start() for match in _ENTRY_START.finditer(text)]
    entries: list[BibEntry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    first_broken: dict[str, bool] = {}
    line = 1 + text.count("\n", 0, starts[0]) if starts else 1
    head = text[:starts[0]] if starts else text
    orphan = _FIELD_LINE.search(head)
    if orphan:
        # Field lines before the first entry: its head line '@type{key,' was lost.
        where = 1 + head.count("\n", 0, orphan.start())
        entries.append(BibEntry(f"line {where}", where, head, None, Problem(
            path, where, "field lines outside any entry — an entry starts with a line '@type{key,'; "
            "restore the head of this entry")))
    for start, end in pairwise(starts + [len(text)]):
        piece = text[start:end]
        item = _ENTRIES.get((piece, line, path), functools.partial(_read_entry, piece, line, path))
        line += piece.count("\n")
        if item is None:
            continue
        first = seen.get(item.key.lower())
        if first is not None and first_broken.get(item.key.lower()):
            # The first entry of this key could not be read (and is reported): this one stands.
            first = None
        if first is not None:
            problems.append(Problem(path, item.line, f"duplicate key '{item.key}' (first used on line "
                                    f"{first}) — every entry needs its own key"))
            entries.append(BibEntry(item.key, item.line, item.text, None, problems[-1]))
            continue
        seen[item.key.lower()] = item.line
        first_broken[item.key.lower()] = item.problem is not None
        entries.append(item)
    return BibFile(path, tuple(entries), tuple(problems))


def _copied(item: BibEntry | None) -> BibEntry | None:
    """A kept entry as handed out: pybtex's Entry is mutable, so each build gets its own."""
    if item is None or item.entry is None:
        return item
    return dataclasses.replace(item, entry=copy.deepcopy(item.entry))


# Kept by the entry's text and place: a `mkdocs serve` rebuild parses only edited entries
# (pybtex's parse is the slow part of loading).
_ENTRIES = KEPT.memo("edition.inputs.bibtex entries", PER_ENTRY, copy=_copied)


def _read_entry(piece: str, line: int, path: str) -> BibEntry | None:
    head = _HEAD.match(piece.lstrip())
    kind = re.match(r"\s*@\s*(\w*)", piece)
    if kind and kind[1].lower() in _NOT_ENTRIES:
        return None
    key = head[2] if head else ""
    with pybtex.errors.capture() as errors:
        parser = Parser()
        data = parser.parse_string(piece)
    errors = list(errors)
    syntax = [error for error in errors if isinstance(error, PybtexSyntaxError)]
    if syntax or head is None or not data.entries:
        problem = _syntax_problem(piece, line, path, syntax[0] if syntax else None, key)
        return BibEntry(key or f"line {line}", line, piece, None, problem)
    parsed_key, entry = next(iter(data.entries.items()))
    unbalanced = _unbalanced_brace(piece.rstrip().split("\n"))
    if unbalanced is not None:
        problem = Problem(path, line + unbalanced[0], f"BibTeX syntax error: {unbalanced[1]}")
        return BibEntry(parsed_key, line, piece, None, problem)
    other = next((_other_problem(error, piece, line, path, parsed_key) for error in errors), None)
    return BibEntry(parsed_key, line, piece, None if other else entry, other)


def _syntax_problem(piece: str, line: int, path: str, error: PybtexSyntaxError | None, key: str) -> Problem:
    """Where the entry really breaks: a brace never closed, a bare %, or pybtex's line."""
    where = line + (error.lineno - 1 if error is not None and error.lineno else 0)
    lines = piece.rstrip().split("\n")
    # A brace never closed first: it swallows the lines after it, comments included, and
    # pybtex then stops at one of them (a comment's '%' is not this entry's mistake).
    unbalanced = _unbalanced_brace(lines)
    if unbalanced is not None:
        offset, message = unbalanced
        return Problem(path, line + offset, f"BibTeX syntax error: {message}")
    culprit = lines[min(where - line, len(lines) - 1)]
    if error is not None and _BARE_PERCENT.search(culprit) and not culprit.lstrip().startswith("%"):
        return Problem(path, where, f"entry '{key}' has a bare % — LaTeX reads it as the start of a "
                       "comment and drops the rest; write \\% for a percent sign")
    if error is not None and 0 < where - line < len(lines) and _FIELD.match(lines[where - line]):
        previous = max(i for i in range(where - line) if lines[i].strip() or i == 0)
        if not lines[previous].rstrip().endswith((",", "{", "(")):
            return Problem(path, line + previous, "BibTeX syntax error: no comma after this field "
                           "— end the line with ','")
    if error is None:
        return Problem(path, line, "BibTeX syntax error: not an entry — write @type{key, field = {...}, ...}")
    return Problem(path, where, f"BibTeX syntax error: {error.args[0]} — check the braces, commas and "
                   "quotes of this entry")


def _unbalanced_brace(lines: list[str]) -> tuple[int, str] | None:
    """(line offset, message) of the first brace that breaks the entry's nesting, if any:
    the entry's own '{' opens on its first line and its last '}' ends the entry."""
    body = list(lines)
    while len(body) > 1 and (not body[-1].strip() or body[-1].lstrip().startswith("%")):
        body.pop()  # comment lines between this entry and the next
    closed = bool(body) and body[-1].rstrip().endswith("}")
    if closed:
        body[-1] = body[-1].rstrip()[:-1]
    opened: list[int] = []
    for offset, text in enumerate(body):
        for character in text:
            if character == "{":
                opened.append(offset)
            elif character == "}":
                if len(opened) < 2:
                    return offset, "a '}' with no '{' to close — remove it or add the opening brace"
                opened.pop()
    if len(opened) > 1:
        return opened[1], "the '{' on this line is never closed — add the matching '}'"
    if not closed:
        return 0, "this entry's '{' is never closed — end the entry with '}'"
    return None


def _other_problem(error: PybtexError, piece: str, line: int, path: str, key: str) -> Problem:
    message = str(error)
    too_many_commas = re.match(r"Too many commas in '(.+)'", message)
    if too_many_commas:
        position = piece.find(too_many_commas[1])
        where = line + piece.count("\n", 0, position) if position >= 0 else line
        return Problem(path, where, f"name '{too_many_commas[1]}' has too many commas — write "
                       "'Surname, Initials' and separate several names with ' and '")
    duplicate_field = re.match(r"entry with key (\S+) has a duplicate (\S+) field", message)
    if duplicate_field:
        name = duplicate_field[2]
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=", re.IGNORECASE | re.MULTILINE)
        found = list(pattern.finditer(piece))
        where = line + piece.count("\n", 0, found[-1].start()) if found else line
        return Problem(path, where, f"entry '{key}' has the field '{name}' twice — keep one")
    return Problem(path, line, f"BibTeX error: {message}")
