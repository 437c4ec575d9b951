"""The article page's rendered HTML made fit for paper (edition/outputs/paged.py sets it
with WeasyPrint): web-only controls left out (¶ links' icons, previews, back arrows, the
screen's print-only endnotes, the link to the PDF itself), the editorial notes taken out
of their paragraphs as endnotes (their markers linked to them and back), citations
pointed at the References on the same page, links to other pages of the site made
absolute (when the public address is known) or plain text, the screen's marks of
mentions dropped, and addresses given break points after / . - ? & only.

It works on an ElementTree parsed by tinyhtml5, WeasyPrint's own HTML parser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape as html_escape
from urllib.parse import urljoin

from markupsafe import Markup

# Elements of the web page that have no use on paper, by class (the screen's print-only
# endnotes too: the notes are set from the side notes themselves, see _take_notes).
_LEFT_OUT = {"headerlink", "edition-previews", "edition-sources__back", "edition-endnotes", "edition-cite-menu",
             "edition-copy", "md-button", "edition-pdf-link"}
_LEFT_OUT_TAGS = {"script", "style", "button", "template"}
_REFERENCE = re.compile(r"(?:^|/)references/#ref-([0-9]+)$")
_BREAK_AFTER = "/.-?&"
_NOTE_LABEL = "Editorial note: "  # a side note's title begins so on screen; the endnotes' heading says it once
_SHORTEST_PIECE = 3  # characters on either side of a break in an address: never a lone one
_LONGEST_PIECE = 30


@dataclass(frozen=True)
class Endnote:
    """An editorial note as the paper sets it after the text."""

    id: str  # the side note's id, which the marker in the text links to
    number: str
    paragraph: str  # "¶ 12", where its marker stands
    marker: str  # the marker's id, which the endnote links back to
    title: Markup
    html: Markup


@dataclass(frozen=True)
class Paper:
    """The article page made fit for paper: the text (front and body), the editorial
    notes taken out of it, and the back matter (References, the editors' sources)."""

    text: str
    notes: tuple[Endnote, ...]
    back: str


def paper_html(content: str, site_url: str | None, page_url: str) -> Paper:
    """The article page's HTML as paper needs it (see the module's docstring)."""
    import tinyhtml5  # WeasyPrint's parser: only when a PDF is made, not when one is found kept

    root = tinyhtml5.parse(f"<!DOCTYPE html><html><body>{content}</body></html>", namespace_html_elements=False)
    body = root.find("body")
    if body is None:  # the parser always makes one; this keeps the type checker informed
        return Paper("", (), "")
    ids = {element.get("id") for element in body.iter() if element.get("id")}
    _leave_out(body)
    notes = _take_notes(body)
    for link in body.iter("a"):
        _repoint(link, ids, site_url, page_url)
        _break_address(link)
    _unwrap_marks(body)
    text, back = [body.text or ""], list[str]()
    for child in body:
        in_back = back or "edition-article-references" in (child.get("class") or "").split()
        (back if in_back else text).append(_serialise(child))
    return Paper("".join(text), tuple(notes), "".join(back))


def _serialise(element: etree.Element) -> str:
    return etree.tostring(element, encoding="unicode", method="html")


def _take_notes(body: etree.Element) -> list[Endnote]:
    """Take each side note out of its paragraph, leaving its marker there, linked to the
    endnote, which links back to the marker."""
    notes = []
    for paragraph in list(body.iter("p")):
        for note in [child for child in paragraph if "edition-note" in (child.get("class") or "").split()]:
            marker = next((link for link in paragraph.iter("a") if link.get("href") == f"#{note.get('id')}"), None)
            title = note.find("span[@class='edition-note__title']")
            if marker is None or title is None or not note.get("id"):
                continue
            number = title.find("span[@class='edition-note__number']")
            if number is not None:
                _remove_keeping_tail(title, number)  # the endnote's own number stands in the list
            text = "".join(_serialise(part) for part in note if part is not title)
            notes.append(Endnote(note.get("id", ""), marker.text or "", f"¶\u00a0{paragraph.get('id', '')[1:]}",
                                 marker.get("id", ""), Markup(html_escape(_plain(title).removeprefix(_NOTE_LABEL))),
                                 Markup(text)))
            _remove_keeping_tail(paragraph, note)
    return notes


def _unwrap_marks(parent: etree.Element) -> None:
    """Set the screen's marks of mentions (plain terms, and term links that lead nowhere on
    paper) as their bare text: WeasyPrint 70 breaks a line early before such an inline box
    when the words before it fill the line (¶ 40 printed "jointly" alone on a line)."""
    for child in list(parent):
        _unwrap_marks(child)
        classes = set((child.get("class") or "").split())
        if "edition-term" in classes or (child.tag == "a" and "edition-term__link" in classes
                                         and child.get("href") is None):
            _unwrap(parent, child)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Put `child`'s text and children in its place in `parent`."""
    children = list(parent)
    index = children.index(child)
    text = (child.text or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        children[index - 1].tail = (children[index - 1].tail or "") + text
    moved = list(child)
    for offset, grandchild in enumerate(moved):
        parent.insert(index + offset, grandchild)
    tail = child.tail or ""
    parent.remove(child)
    if tail:
        if moved:
            moved[-1].tail = (moved[-1].tail or "") + tail
        elif index == 0:
            parent.text = (parent.text or "") + tail
        else:
            children[index - 1].tail = (children[index - 1].tail or "") + tail


def _plain(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    children = list(parent)
    index = children.index(child)
    if child.tail:
        if index == 0:
            parent.text = (parent.text or "") + child.tail
        else:
            children[index - 1].tail = (children[index - 1].tail or "") + child.tail
    parent.remove(child)


def _leave_out(parent: etree.Element) -> None:
    """Drop the web-only elements under `parent`, keeping the text that follows each."""
    previous: etree.Element | None = None
    for child in list(parent):
        classes = set((child.get("class") or "").split())
        if classes & _LEFT_OUT or child.tag in _LEFT_OUT_TAGS:
            if child.tail:
                if previous is None:
                    parent.text = (parent.text or "") + child.tail
                else:
                    previous.tail = (previous.tail or "") + child.tail
            parent.remove(child)
            continue
        _leave_out(child)
        previous = child


def _repoint(link: etree.Element, ids: set[str | None], site_url: str | None, page_url: str) -> None:
    """A citation goes to the References of this document; a link within the page stays;
    a link to another page of the site goes to its public address, or is plain text."""
    href = link.get("href")
    if href is None or href.startswith(("#", "http://", "https://", "mailto:")):
        return
    cited = _REFERENCE.search(href)
    if cited and f"article-ref-{cited[1]}" in ids:
        link.set("href", f"#article-ref-{cited[1]}")
    elif site_url:
        link.set("href", urljoin(urljoin(site_url.rstrip("/") + "/", page_url), href))
    else:
        del link.attrib["href"]


def _break_address(link: etree.Element) -> None:
    """An address shown as a link's text may break only after / . - ? &, never leaving
    fewer than three characters on either side, nor inside "https://"."""
    text = link.text or ""
    if len(link) or not text.startswith(("http://", "https://")):
        return
    pieces = list(address_pieces(text))
    link.text = pieces[0]
    for piece in pieces[1:]:
        wbr = etree.SubElement(link, "wbr")
        wbr.tail = piece


def address_pieces(address: str) -> list[str]:
    """`address` cut after each character of / . - ? & where a line may break; a piece
    still longer than a third of a line is cut after its underscores too (reference 7's
    address has a 95-character stretch without any of the five)."""
    start = address.find("://") + 3 if "://" in address else 0
    pieces = []
    for piece in _cut_after(address, _BREAK_AFTER, start):
        pieces += _cut_after(piece, "_", 0) if len(piece) > _LONGEST_PIECE else [piece]
    return pieces


def _cut_after(text: str, characters: str, start: int) -> list[str]:
    """`text` cut after each of `characters` from `start` on, each piece but the first at
    least _SHORTEST_PIECE long and the last too, no cut inside a run of them ("//")."""
    pieces, last = [], 0
    for index in range(start, len(text) - _SHORTEST_PIECE):
        if text[index] in characters and index + 1 - last >= _SHORTEST_PIECE and text[index + 1] not in characters:
            pieces.append(text[last:index + 1])
            last = index + 1
    return pieces + [text[last:]]
