"""Markdown-level annotation, before a page renders: editorial notes after their
paragraphs, register entries on register pages, generated sections on glossary pages.

Working on Markdown (not HTML) here lets mkdocs-bibtex, which runs after these hooks,
turn the ``[@key]`` citations in notes and register descriptions into footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from edition.inputs.sources import Note, RegisterEntry
from edition.inputs.targets import REGISTER_MARKER, TargetIndex

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def insert_notes(markdown: str, notes: Sequence[Note], placed: dict[str, str], page: str) -> str:
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
    # A block of its own for Python-Markdown and mkdocs-bibtex; edition/text/sidenotes.py
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
                lines += ["*Also written:* " + ", ".join(escape_markdown(form) for form in entry.also_written), ""]
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
