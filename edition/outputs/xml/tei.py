"""The whole edition as TEI P5 (exports/edition.tei.xml), valid against tei_all.

Written from the build's records, never from the HTML: the header and the registers
from edition/outputs/xml/tei_header.py; the front from the title page's record (abstracts, key
words); the body from the article's recorded blocks (edition/text/article_text.py) with each
mention, emendation and note from the build's index; the back from the two bib files.

Encoding choices:
- a paragraph is ``p`` with ``@n`` (its ¶ number) and ``xml:id`` ``pN``, as on the page;
- a citation is ``ref type="bibl"`` pointing at the reference's ``biblStruct``;
- a register mention is ``persName``, ``orgName``, ``placeName`` or (documents)
  ``rs type="document"``, a glossary mention ``term``, each with ``@ref`` to its entry;
- an emendation is ``choice`` holding ``sic`` and ``corr resp="#editors"``, its reason a
  ``note type="emendation"`` beside it; an editorial note is ``note resp="#editors"``
  after the paragraph it comments on, pointing at it with ``@target``;
- the editors' own citations (``[@key]``) are ``ptr type="bibl"`` to the second listBibl.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from edition.apparatus.state import BuildState
from edition.inputs.record import ArticleRecord
from edition.inputs.sources import Note
from edition.outputs.xml.common import XML_ID, XML_LANG, add_text, article_pages, child, markdown_tree, serialize
from edition.outputs.xml.tei_bibliography import add_bibliographies
from edition.outputs.xml.tei_header import (
    EDITORS,
    ENTITY_ELEMENTS,
    TeiWriter,
    add_affiliation,
    add_register_lists,
    target_id,
    tei_header,
)
from edition.text.article_text import Heading, NotePlace, Paragraph
from edition.text.mentions import Mention
from edition.text.records import TextEmendation

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_PATH = "exports/edition.tei.xml"
# Elements that hold only elements: their children go on lines of their own.
CONTAINERS = frozenset("TEI teiHeader fileDesc titleStmt publicationStmt availability sourceDesc biblStruct analytic "
                       "monogr imprint encodingDesc editorialDecl profileDesc langUsage textClass keywords "
                       "revisionDesc change standOff listPerson listOrg listPlace listBibl person org place list "
                       "text front titlePage docTitle body back div choice".split())


def edition_tei(state: BuildState, record: ArticleRecord, edition_title: str, rights: str,
                site_url: str | None) -> bytes:
    """The TEI document of the whole edition, whose article's title page holds `record`."""
    etree.register_namespace("", TEI_NS)
    writer = BodyWriter(state)
    root = etree.Element("TEI", {XML_LANG: "en"})
    root.append(tei_header(state, record, edition_title, rights, site_url, writer))
    standoff = child(root, "standOff")
    add_register_lists(standoff, state, writer)
    if not len(standoff):
        root.remove(standoff)  # no register, no glossary: the schema wants none rather than an empty one
    text = child(root, "text")
    _front(child(text, "front"), record)
    _body(child(text, "body"), state, writer)
    add_bibliographies(child(text, "back"), state, writer)
    _qualify(root)
    return serialize(root, CONTAINERS)


def _qualify(root: etree.Element) -> None:
    """Put every element in the TEI namespace (the builders write bare names)."""
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{TEI_NS}}}{element.tag}"


def _front(front: etree.Element, record: ArticleRecord) -> None:
    """Each language's part of the printed front, in the print's order: a title page
    (title, byline; in English also the DOI, the affiliations and the contact
    footnote), then the abstract and the key words."""
    for lang in dict.fromkeys([*record.titles, *record.abstracts, *record.keywords]):
        if lang in record.titles:
            _title_page(child(front, "titlePage", **{XML_LANG: lang}), record, lang)
        if lang in record.abstracts:
            child(child(front, "div", type="abstract", **{XML_LANG: lang}), "p", record.abstracts[lang])
        if record.keywords.get(lang):
            paragraph = child(child(front, "div", type="keywords", **{XML_LANG: lang}), "p")
            for index, keyword in enumerate(record.keywords[lang]):
                add_text(paragraph, ", " if index else None)
                child(paragraph, "term", keyword)


def _title_page(page: etree.Element, record: ArticleRecord, lang: str) -> None:
    """The English title page prints one byline per author, with the affiliation and
    place below the name and the first author's e-mail as footnote 1; the Kazakh and
    Russian ones print one line of names."""
    child(child(page, "docTitle"), "titlePart", record.titles[lang], type="main")
    if lang == "en":
        child(child(page, "docImprint"), "ref", record.doi_url, target=record.doi_url)
        marks = 0
        for author in record.authors:
            byline = child(page, "byline")
            author_name = child(byline, "docAuthor", author.name)
            if author.email:
                marks += 1
                note = child(author_name, "note", type="contact", place="foot", n=str(marks))
                child(note, "email", author.email)
            add_text(byline, " ")
            add_affiliation(byline, author)
        return
    names = record.byline(lang)
    if names:
        byline = child(page, "byline")
        for index, name in enumerate(names):
            add_text(byline, ", " if index else None)
            child(byline, "docAuthor", name)


def _body(body: etree.Element, state: BuildState, writer: "BodyWriter") -> None:
    """Sections as ``div`` with ``head``; text before the first section heading (the
    article's title, h1) is not a section and is left to the header."""
    notes = {note.id: note for note in state.inputs.sources.notes}
    division = None
    for path in article_pages(state):
        writer.at_page(path)
        for block in state.records.blocks[path]:
            if isinstance(block, Heading) and block.level == 2:
                division = child(body, "div", type="section")
                writer.write(block.element, child(division, "head"))
            elif isinstance(block, Paragraph):
                division = division if division is not None else child(body, "div", type="section")
                writer.paragraph(block, division)
            elif isinstance(block, NotePlace) and block.note_id in notes and division is not None:
                writer.editorial_note(notes[block.note_id], division)
    if not len(body):
        child(body, "p")


class BodyWriter(TeiWriter):
    """The article's recorded paragraphs as TEI."""

    def __init__(self, state: BuildState) -> None:
        super().__init__(state)
        self.last_paragraph: str | None = None

    def paragraph(self, block: Paragraph, division: etree.Element) -> None:
        self.last_paragraph = f"{self.prefix}p{block.number}"
        paragraph = child(division, "p", n=str(block.number), **{XML_ID: self.last_paragraph})
        self.write(block.element, paragraph)

    def mention(self, mention: Mention, node: etree.Element, target: etree.Element) -> None:
        if mention.citation is not None:
            by_number = self.state.bibliography.by_number
            pointers = " ".join(f"#ref-{number}" for number in dict.fromkeys(mention.citation.numbers)
                                if number in by_number)
            if not pointers:
                self.write(node, target)
                return
            element = child(target, "ref", type="bibl", target=pointers, **{XML_ID: self.prefix + mention.element_id})
            self.write(node, element)
            return
        register = self.state.targets.targets[mention.target_key].register
        tag, kind = ENTITY_ELEMENTS.get(register or "", ("term", None))  # a glossary term has no register
        attributes = {"ref": f"#{target_id(mention.target_key)}"}
        if kind:
            attributes["type"] = kind
        element = child(target, tag, **attributes)
        self.write(node, element)

    def emendation(self, emendation: TextEmendation, sic: etree.Element, target: etree.Element) -> None:
        identifier = self.prefix + emendation.element_id
        choice = child(target, "choice", **{XML_ID: identifier})
        self.write(sic, child(choice, "sic"))
        child(choice, "corr", emendation.corr, resp=f"#{EDITORS}")
        if emendation.note:
            note = child(target, "note", type="emendation", resp=f"#{EDITORS}", target=f"#{identifier}")
            for block in markdown_tree(emendation.note):
                self.write(block, note, cites=True)

    def editorial_note(self, note: Note, division: etree.Element) -> None:
        attributes = {"type": "editorial", "resp": f"#{EDITORS}", XML_ID: f"{self.prefix}note-{note.id}"}
        if self.last_paragraph:
            attributes["target"] = f"#{self.last_paragraph}"
        element = child(division, "note", **attributes)
        child(element, "label", note.title)
        for block in markdown_tree(note.text):
            self.write(block, child(element, "p"), cites=True)
