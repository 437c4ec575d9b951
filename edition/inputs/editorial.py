"""The editors' own citations, ``[@key]``, against bib/editorial.bib: the file loaded, each
key checked, unknown ones marked on the page, each entry's short label ("Walt 1985",
"TASS 2022", "Wikipedia n.d.-b"), and the citations rendered for HTML that
mkdocs-bibtex (which turns them into footnotes in Markdown) never sees.

On a page, mkdocs-bibtex turns each ``[@key]`` into a footnote marker; the late pass
(edition/render/sources.py) sets each as its short label, a link with a preview, and
the footnotes as the page's "Editors' sources" list."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from pathlib import Path

from markupsafe import Markup, escape
from pybtex.database import BibliographyData, Entry
from pybtex.style.template import FieldIsMissing

from edition.core.latex import plain_text
from edition.core.problems import Problem, locate_line, read_source
from edition.core.project import EDITORIAL_BIB
from edition.inputs.bibtex import read_bib
from edition.inputs.reference_style import SET_TYPES, format_reference

_CITE_BLOCK = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
_CITE_KEY = re.compile(r"(?<![\w.])@([\w:-]+)")
_UNKNOWN = "editorial citation [@{key}] has no entry in " + EDITORIAL_BIB + "{also}"
# Matches only the message above, made here (merge_unknown_keys groups them by key).
_UNKNOWN_MESSAGE = re.compile(r"editorial citation \[@([\w:-]+)\] has no entry in "
                              + re.escape(EDITORIAL_BIB) + " — ")


def load_editorial(root: Path) -> tuple[BibliographyData, str, set[str], list[Problem]]:
    """bib/editorial.bib, the works the editors cite in notes, glossary and registers: the
    entries that parsed, their source text, every key written (lower-cased), and the problems."""
    text, unreadable = read_source(root / EDITORIAL_BIB, EDITORIAL_BIB)
    if text is None:
        return BibliographyData(), "", set(), [unreadable] if unreadable is not None else []
    source = read_bib(text, EDITORIAL_BIB)
    problems = list(source.problems) + [item.problem for item in source.entries
                                        if item.problem is not None and item.problem not in source.problems]
    problems += [problem for item in source.entries if item.entry is not None
                 for problem in [_unsettable(item.key, item.line, item.entry)] if problem is not None]
    return source.data(), source.accepted_text(), source.keys, problems


def _unsettable(key: str, line: int, entry: Entry) -> Problem | None:
    """A problem when the edition's reference style cannot set the entry: a type it has
    no form for, or a field its type's form requires (e.g. an @article's journal). It
    was a "bug in the edition" at the first page that cited the source; it is the entry's."""
    try:
        format_reference(entry)
    except FieldIsMissing as missing:
        if missing.field_name == "urldate":  # named, with its form, by apparatus_sources.check_web_entries
            return None
        return Problem(EDITORIAL_BIB, line, f"source '{key}' is an @{entry.type} without its {missing.field_name} "
                       f"— add {missing.field_name} = {{...}} as the work states it, or, for a work known only by "
                       "author, title, year and DOI, make it @misc")
    except AttributeError:
        return Problem(EDITORIAL_BIB, line, f"source '{key}' has the type @{entry.type}, which the edition's style "
                       f"does not set — use {', '.join('@' + kind for kind in SET_TYPES)}")
    return None


def cites_editorial(markdown: str) -> bool:
    """Whether the Markdown holds a ``[@key]`` citation (unknown keys are marked first,
    ``mark_unknown_citations``, so what is left is what mkdocs-bibtex sets)."""
    return any(_CITE_KEY.search(block[1]) for block in _CITE_BLOCK.finditer(markdown))


def source_labels(editorial: BibliographyData) -> dict[str, str]:
    """Each entry's short label, author–date: the authors' surnames ("A", "A and B",
    "A et al."), or else the site or publisher, and the year. Labels that would be equal
    are told apart as readers expect: by "a", "b", … after the year in the file's order,
    and, for works without a date, by their title ("Wikipedia, “Martin Wight”") rather
    than "n.d."; so a label names one work across the whole edition."""
    bases = {key: (_label_name(entry), _label_year(entry)) for key, entry in editorial.entries.items()}
    counts: dict[tuple[str, str], int] = {}
    for base in bases.values():
        counts[base] = counts.get(base, 0) + 1
    seen: dict[tuple[str, str], int] = {}
    labels = {}
    for key, (name, year) in bases.items():
        if counts[name, year] == 1:
            labels[key] = f"{name} {year or 'n.d.'}"
        elif not year:
            labels[key] = f"{name}, “{plain_text(editorial.entries[key].fields.get('title', key))}”"
        else:
            index = seen.get((name, year), 0)
            seen[name, year] = index + 1
            labels[key] = f"{name} {year}{_letters(index)}"
    return labels


def _letters(index: int) -> str:
    """0 → 'a', 25 → 'z', 26 → 'aa'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _label_name(entry: Entry) -> str:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = [plain_text(" ".join(person.prelast_names + person.last_names)) for person in persons]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    if surnames:
        return f"{surnames[0]} et al."
    for name in ("organization", "journal", "journaltitle", "publisher", "institution", "title"):
        if entry.fields.get(name):
            return plain_text(entry.fields[name])
    return "Anon."


def _label_year(entry: Entry) -> str:
    year = entry.fields.get("year") or entry.fields.get("date", "")[:4]
    return year if year.isdigit() else ""


def cite_editorial(text: str, editorial: BibliographyData) -> Markup:
    """Plain text with each ``[@key]`` rendered as a short linked citation, for HTML that
    mkdocs-bibtex never sees (tables made in the late pass). Everything is escaped."""
    parts, cursor = [], 0
    for block in _CITE_BLOCK.finditer(text):
        parts.append(escape(text[cursor:block.start()]))
        cited = []
        for key in _CITE_KEY.finditer(block[1]):
            entry = editorial.entries.get(key[1])
            cited.append(Markup(format_reference(entry)) if entry is not None else escape(key[1]))
        parts.append(Markup("(") + Markup("; ").join(cited) + Markup(")"))
        cursor = block.end()
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


def check_editorial_citations(text: str, keys: AbstractSet[str], source: str, first_line: int,
                              raw: str | None = None) -> list[Problem]:
    """A problem for each ``[@key]`` whose key is not in bib/editorial.bib. `text` starts on
    line `first_line` of `source`; when it is a YAML value, `raw` is the file as written (a
    folded or quoted value has lost its line breaks) and each citation's line is found there."""
    problems = []
    for block in _CITE_BLOCK.finditer(text):
        for key in _CITE_KEY.finditer(block[1]):
            if key[1].lower() not in keys:
                line = first_line + text.count("\n", 0, block.start())
                if raw is not None:
                    before = text.count(key[0], 0, block.start() + key.start())
                    rest = "\n".join(raw.split("\n")[first_line - 1:])
                    line = locate_line(rest, key[0], before, first_line)
                problems.append(Problem(source, line, _UNKNOWN.format(key=key[1], also="")
                                        + " — add the entry or fix the key"))
    return problems


def merge_unknown_keys(problems: list[Problem]) -> list[Problem]:
    """One message per unknown key: a key changed in bib/editorial.bib is one mistake, so
    its citations are named in one message, at the first of them, with the others' places."""
    by_key: dict[str, dict[Problem, str]] = {}  # lower-cased key -> each problem citing it -> the key as cited
    others = []
    for problem in problems:
        found = _UNKNOWN_MESSAGE.match(problem.message)
        if found is None:
            others.append(problem)
        else:
            by_key.setdefault(found[1].lower(), {})[problem] = found[1]
    for cited in by_key.values():
        first, *rest = sorted(cited)
        if not rest:
            others.append(first)
            continue
        key = cited[first]
        places = ", ".join(f"{problem.path}:{problem.line}" for problem in rest)
        others.append(Problem(first.path, first.line, _UNKNOWN.format(key=key, also=f" (also cited at {places})")
                              + " — add the entry or fix the key in each place"))
    return others


def mark_unknown_citations(markdown: str, keys: AbstractSet[str]) -> str:
    """Each ``[@key]`` block naming a key not in bib/editorial.bib, kept visible and marked
    (its problem is reported by check_editorial_citations) and hidden from mkdocs-bibtex,
    which would otherwise drop it with a traceback."""
    def mark(block: re.Match[str]) -> str:
        if all(key[1].lower() in keys for key in _CITE_KEY.finditer(block[1])):
            return block[0]
        shown = block[0].replace("@", "&#64;").replace("[", "&#91;").replace("]", "&#93;")
        return f'<span class="edition-problem" title="no entry in {EDITORIAL_BIB}">{shown}</span>'
    return _CITE_BLOCK.sub(mark, markdown)
