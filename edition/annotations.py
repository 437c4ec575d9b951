"""Markdown-level annotation, before a page renders: editorial notes after their
paragraphs, register entries on register pages, generated sections on glossary pages,
and the check of the editors' own ``[@key]`` citations against bib/editorial.bib.

Working on Markdown (not HTML) here lets mkdocs-bibtex, which runs after these hooks,
turn the ``[@key]`` citations in notes and register descriptions into footnotes.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape
from pybtex.database import BibliographyData

from edition.bibtex import read_bib
from edition.problems import Problem
from edition.sources import Note, RegisterEntry
from edition.style import format_reference
from edition.targets import REGISTER_MARKER, TargetIndex

EDITORIAL_BIB = "bib/editorial.bib"
_CITE_BLOCK = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
_CITE_KEY = re.compile(r"(?<![\w.])@([\w:-]+)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def load_editorial(root: Path) -> tuple[BibliographyData, set[str], list[Problem]]:
    """bib/editorial.bib, the works the editors cite in notes, glossary and registers: the
    entries that parsed, every key written (lower-cased), and the problems."""
    file = root / EDITORIAL_BIB
    if not file.is_file():
        return BibliographyData(), set(), []
    source = read_bib(file.read_text(encoding="utf-8"), EDITORIAL_BIB)
    problems = list(source.problems) + [item.problem for item in source.entries
                                        if item.problem is not None and item.problem not in source.problems]
    return source.data(), source.keys, problems


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


def strip_citations(text: str) -> str:
    """The text without its ``[@key]`` citations (for tooltips and attributes)."""
    return re.sub(r"\s*" + _CITE_BLOCK.pattern, "", text)


def check_editorial_citations(text: str, keys: set[str], source: str, first_line: int) -> list[Problem]:
    """A problem for each ``[@key]`` whose key is not in bib/editorial.bib."""
    problems = []
    for block in _CITE_BLOCK.finditer(text):
        for key in _CITE_KEY.finditer(block[1]):
            if key[1].lower() not in keys:
                line = first_line + text.count("\n", 0, block.start())
                problems.append(Problem(source, line, f"editorial citation [@{key[1]}] has no entry in "
                                        f"{EDITORIAL_BIB} — add the entry or fix the key"))
    return problems


def mark_unknown_citations(markdown: str, keys: set[str]) -> str:
    """Each ``[@key]`` block naming a key not in bib/editorial.bib, kept visible and marked
    (its problem is reported by check_editorial_citations) and hidden from mkdocs-bibtex,
    which would otherwise drop it with a traceback."""
    def mark(block: re.Match[str]) -> str:
        if all(key[1].lower() in keys for key in _CITE_KEY.finditer(block[1])):
            return block[0]
        shown = block[0].replace("@", "&#64;").replace("[", "&#91;").replace("]", "&#93;")
        return f'<span class="edition-problem" title="no entry in {EDITORIAL_BIB}">{shown}</span>'
    return _CITE_BLOCK.sub(mark, markdown)


def insert_notes(markdown: str, notes: list[Note], placed: dict[str, str], page: str) -> str:
    """Put each note after the paragraph (one Markdown line) that starts with its `after`."""
    lines = markdown.split("\n")
    for note in notes:
        for index, line in enumerate(lines):
            if line.startswith(note.after):
                lines[index] = line + "\n\n" + _note_markdown(note)
                placed[note.id] = page
                break
    return "\n".join(lines)


def _note_markdown(note: Note) -> str:
    # A block of its own for Python-Markdown and mkdocs-bibtex; edition/sidenotes.py
    # then moves it into its paragraph (as a side note, or behind a marker).
    return f'<div class="edition-note" id="note-{note.id}" markdown>\n\n{note.text.strip()}\n\n</div>'


def glossary_sections(src_uri: str) -> str:
    """The generated sections appended to a glossary page."""
    return ("\n\n## In the reference list\n\n<!-- edition:glossary-references -->\n\n"
            f"## Mentions in the article\n\n<!-- edition:mentions glossary:{src_uri} -->\n")


def register_markdown(markdown: str, targets: TargetIndex, registers: dict[str, tuple[RegisterEntry, ...]]) -> str:
    """Replace ``<!-- edition:register NAME -->`` with the register's entries."""
    def entries(match: re.Match[str]) -> str:
        register = match[1]
        blocks = []
        for entry in sorted(registers.get(register, ()), key=lambda entry: entry.name.casefold()):
            target = f"glossary:{entry.glossary}" if entry.glossary else f"{register}:{entry.id}"
            lines = [f"## {escape_markdown(entry.name)} {{ #{entry.id} }}", ""]
            if entry.acronym and entry.expansion:
                lines += [f"*{escape_markdown(entry.acronym)}*: {entry.expansion}", ""]
            if entry.also_written:
                lines += ["Also written: " + ", ".join(escape_markdown(form) for form in entry.also_written), ""]
            if entry.description:
                lines += [entry.description, ""]
            if entry.glossary:
                lines += [f"See the glossary page: [{escape_markdown(entry.name)}]"
                          f"({_relative_doc(entry.glossary, register, targets)}).", ""]
            lines += [f"<!-- edition:mentions {target} -->", ""]
            blocks.append("\n".join(lines))
        return "\n".join(blocks)
    return REGISTER_MARKER.sub(entries, markdown)


def _relative_doc(glossary: str, register: str, targets: TargetIndex) -> str:
    page = targets.register_pages.get(register, "")
    depth = page.count("/")
    return "../" * depth + glossary


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
