"""How notes are set (edition/text/sidenotes.py), on small trees."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from edition.inputs.sources import Note
from edition.text.sidenotes import set_notes


def _tree(html: str) -> etree.Element:
    return etree.fromstring(f"<div>{html}</div>")


def test_notes_move_into_their_paragraph_behind_separated_markers() -> None:
    notes = [Note("x", "First", "Text", "", 1), Note("y", "Second", "Text", "", 5)]
    root = _tree('<p>Text of the paragraph.</p>'
                 '<div class="edition-note" id="note-x"><p>One.</p><p>Two.</p></div>'
                 '<div class="edition-note" id="note-y"><p>Three.</p></div>'
                 '<p>Next paragraph.</p>')
    set_notes(root, notes)
    assert [child.tag for child in root] == ["p", "p"]
    paragraph = root[0]
    markers = paragraph.findall("a")
    assert [marker.text for marker in markers] == ["1", "2"]
    assert [marker.get("href") for marker in markers] == ["#note-x", "#note-y"]
    text = "".join(paragraph.itertext())
    assert text.startswith("Text of the paragraph.1, 2")
    first = paragraph.find("span[@id='note-x']")
    assert first.get("role") == "note" and first.get("data-edition-apparatus") == ""
    assert [span.get("class") for span in first] == ["edition-note__title", "edition-note__para",
                                                     "edition-note__para"]
    assert "Editorial note: First" in "".join(first[0].itertext())
    assert not list(paragraph.iter("p"))[1:], "no paragraph inside the paragraph"
