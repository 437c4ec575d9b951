"""How editorial notes are set, in the Markdown tree of a page.

annotations.insert_notes puts each note's Markdown after its paragraph, inside
``<div class="edition-note" id="note-ID">``, so that mkdocs-bibtex turns the note's
``[@key]`` citations into footnotes. Here, after Python-Markdown has parsed it, the
note moves *into* its paragraph, after a numbered marker at the paragraph's end:

    <p>… text.<a class="edition-note-marker" href="#note-ID">1</a><span class="edition-note"
    id="note-ID" role="note">…</span></p>

Inside the paragraph the note can float into the right margin beside it on wide
screens (CSS only, Tufte-style: floats stack without overlapping), and collapse to
its marker below that width or in the reading view (reading.css, reading.js). Its
paragraphs become block-styled spans, since a ``<p>`` holds only phrasing content.
The note is marked as apparatus: it is the editors' text, not the authors'.

The footnote markers mkdocs-bibtex makes of a note's ``[@key]`` citations are set as
short citations, and its footnotes as the page's "Editors' sources", in the late pass
(edition/render/sources.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence

from edition.inputs.sources import Note

PHRASING_BLOCKS = frozenset({"p", "div", "ul", "ol", "li", "blockquote"})


def set_notes(root: etree.Element, notes: Sequence[Note]) -> None:
    """Move every note of the page into the paragraph before it, behind a marker."""
    titles = {f"note-{note.id}": note.title for note in notes}
    number = 0
    previous = None
    for element in list(root):
        ident = element.get("id", "")
        if element.tag == "div" and "edition-note" in element.get("class", "").split() and ident in titles:
            if previous is None or previous.tag != "p":
                continue
            number += 1
            _attach(previous, element, ident, number, titles[ident])
            root.remove(element)
            continue
        previous = element


def _attach(paragraph: etree.Element, note: etree.Element, ident: str, number: int, title: str) -> None:
    if paragraph.find("a[@class='edition-note-marker']") is not None:
        last_marker = paragraph.findall("a[@class='edition-note-marker']")[-1]
        separator = etree.Element("span", {"class": "edition-note-separator", "data-edition-apparatus": "",
                                           "data-search-exclude": ""})
        separator.text = ", "
        paragraph.insert(list(paragraph).index(last_marker) + 1, separator)
        anchor_index = list(paragraph).index(separator) + 1
    else:
        anchor_index = len(paragraph)
    marker = etree.Element("a", {
        "class": "edition-note-marker", "href": f"#{ident}", "id": f"{ident}-marker",
        "aria-label": f"Editorial note {number}: {title}", "aria-controls": ident,
        "data-edition-apparatus": "", "data-search-exclude": "",
    })
    marker.text = str(number)
    paragraph.insert(anchor_index, marker)
    aside = etree.Element("span", {"class": "edition-note", "id": ident, "role": "note",
                                   "aria-labelledby": f"{ident}-title", "data-edition-apparatus": "",
                                   "data-search-exclude": ""})
    head = etree.SubElement(aside, "span", {"class": "edition-note__title", "id": f"{ident}-title"})
    number_span = etree.SubElement(head, "span", {"class": "edition-note__number"})
    number_span.text = str(number)
    number_span.tail = f" Editorial note: {title}"
    for child in list(note):
        aside.append(_as_phrasing(child))
    paragraph.append(aside)


def _as_phrasing(element: etree.Element) -> etree.Element:
    """A block element of a note as a span set as a block (only phrasing content may
    stand inside a paragraph)."""
    if element.tag in PHRASING_BLOCKS:
        classes = f"edition-note__{'para' if element.tag == 'p' else 'block'}"
        element.attrib = {**{k: v for k, v in element.attrib.items() if k != "class"}, "class": classes}
        element.tag = "span"
    for child in element:
        _as_phrasing(child)
    return element
