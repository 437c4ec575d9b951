"""The article on paper: print-only parts of the article page, hidden on screen and
left out of the search index (docs/stylesheets/print.css shows them).

- a colophon above the title block: the edition's address (when the public address
  is known, as for canonical links) and the date of the build;
- the editorial notes again, as numbered endnotes: on paper each note's place in the
  text shows only its number, and the notes follow the text.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence

import markdown as python_markdown
from markupsafe import Markup
from pybtex.database import BibliographyData

from edition.core.memo import KEPT
from edition.inputs.editorial import cite_editorial
from edition.inputs.sources import Note
from edition.render.templates import render


def build_date() -> datetime.date:
    """Today (UTC), or the date of $SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit()
              else datetime.datetime.now(datetime.timezone.utc))
    return moment.date()


def print_parts(html: str, path: str, notes: Sequence[Note], placed: dict[str, str],
                editorial: BibliographyData, site_url: str | None) -> tuple[str, str]:
    """The colophon that goes before the article page's finished HTML and the endnotes
    that go after it (added after rendering, so that they are not numbered as
    paragraphs), each with the line break that joins it to the page."""
    colophon = render("print_colophon.html", site_url=site_url, date=build_date())
    on_page = [note for note in notes if placed.get(note.id) == path]
    on_page.sort(key=lambda note: html.find(f'id="note-{note.id}"'))
    endnotes = [{"title": note.title, "html": _note_html(note, editorial)} for note in on_page]
    return colophon + "\n", "\n" + render("print_endnotes.html", notes=endnotes) if endnotes else ""


# One converter for every endnote (making one loads its extensions; reset() clears its state).
_ENDNOTE_MARKDOWN = python_markdown.Markdown()


def _note_html(note: Note, editorial: BibliographyData) -> Markup:
    """A note's Markdown as HTML, its [@key] citations given in full (on paper the
    endnote stands away from the note's footnotes)."""
    return Markup(_endnote_html(str(cite_editorial(note.text.strip(), editorial))))


@KEPT.memoized(1024)
def _endnote_html(markdown: str) -> str:
    """Markdown to HTML, kept by the Markdown itself (serve rebuilds reuse it)."""
    return _ENDNOTE_MARKDOWN.reset().convert(markdown)
