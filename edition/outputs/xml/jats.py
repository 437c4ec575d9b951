"""The article as JATS 1.4 Archiving (exports/article.jats.xml), valid against the NISO DTD.

Written from the same records as the TEI export (edition/outputs/xml/tei.py): the title page's record
for article-meta, the recorded paragraphs for the body, bib/ for the two reference
lists. JATS is a journal's format, not an edition's: it carries the text, its citations
and references, and the apparatus only as notes. An emendation therefore shows the
corrected reading (marked ``named-content content-type="corrected-reading"``), with the
printed reading in a footnote of the fn-group "emendations"; the editorial notes are a
second fn-group. Register and glossary mentions stay plain text. The journal-meta and
the volume, issue and pages are the record's venue (from the publisher's pages), each
part only where the record has it. Each author's name stands in ``name-alternatives``:
the English name structured, the Kazakh and Russian ones as their bylines print them;
the affiliation stands inside its ``contrib``; the printed contact footnote is the
``author-notes`` ``corresp`` its author's ``xref`` points to.

Readers read JATS otherwise than its DTD allows: pandoc's reader keeps the last
``ref-list`` of the document as its references and drops an ``xref`` with no text. So
every ``xref`` carries the words a reader sees (an editors' citation its short form),
and the editors' sources stand before the article's references, as the ``ref-list`` of
a labelled appendix, so that the article's 19 references are the last ``ref-list``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from pybtex.database import Entry

from edition.apparatus.state import BuildState
from edition.core.emendations import corrected, printed_readings
from edition.core.latex import plain_text
from edition.core.project import BIB_LANGUAGE_CODES
from edition.inputs.record import ArticleRecord, Author
from edition.outputs.xml.common import (
    XML_LANG,
    InlineWriter,
    add_text,
    article_pages,
    child,
    editorial_id,
    keyword_groups,
    markdown_tree,
    plain_reference,
    serialize,
    short_reference,
)
from edition.text.article_text import Heading, NotePlace, Paragraph
from edition.text.mentions import Mention
from edition.text.records import TextEmendation

JATS_PATH = "exports/article.jats.xml"
XLINK_NS = "http://www.w3.org/1999/xlink"
DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.4 '
           '20241031//EN" "https://jats.nlm.nih.gov/archiving/1.4/JATS-archivearticle1-4.dtd">')
CONTAINERS = frozenset("article front journal-meta journal-title-group article-meta title-group "
                       "trans-title-group contrib-group contrib name-alternatives name author-notes corresp "
                       "app-group app "
                       "pub-date abstract trans-abstract kwd-group body sec back ref-list ref element-citation "
                       "person-group fn-group fn".split())
PUBLICATION_TYPES = {"book": "book", "article": "journal", "online": "webpage"}


def article_jats(state: BuildState, record: ArticleRecord) -> bytes:
    """The JATS document of the article whose title page holds `record`."""
    etree.register_namespace("xlink", XLINK_NS)
    writer = JatsWriter(state)
    root = etree.Element("article", {"article-type": "research-article", "dtd-version": "1.4", XML_LANG: "en"})
    front = child(root, "front")
    _journal_meta(front, record)
    _article_meta(child(front, "article-meta"), record)
    body = child(root, "body")
    _body(body, state, writer)
    back = child(root, "back")
    _editorial_sources(back, state)
    _references(back, state)
    if writer.footnotes:
        group = child(back, "fn-group", content_type="emendations")
        child(group, "title", "Emendations")
        group.extend(writer.footnotes)
    notes = [note for note in state.inputs.sources.notes if note.id in state.records.placed_notes]
    if notes:
        group = child(back, "fn-group", content_type="editorial-notes")
        child(group, "title", "Editorial notes")
        for note in notes:
            footnote = child(group, "fn", id=f"note-{note.id}")
            child(footnote, "label", note.title)
            for index, block in enumerate(markdown_tree(note.text)):
                paragraph = child(footnote, "p")
                if index == 0 and note.id in writer.note_places:
                    identifier, number = writer.note_places[note.id]
                    child(paragraph, "xref", f"On ¶ {number}", ref_type="other", rid=identifier)
                    add_text(paragraph, ": ")
                writer.write(block, paragraph, cites=True)
    return serialize(root, CONTAINERS, DOCTYPE)


def _journal_meta(front: etree.Element, record: ArticleRecord) -> None:
    journal = record.journal
    if journal is None:
        return
    meta = child(front, "journal-meta")
    child(child(meta, "journal-title-group"), "journal-title", journal.title)
    if journal.issn:
        child(meta, "issn", journal.issn)


def _article_meta(meta: etree.Element, record: ArticleRecord) -> None:
    child(meta, "article-id", record.doi, pub_id_type="doi")
    titles = child(meta, "title-group")
    child(titles, "article-title", record.title)
    for lang, title in record.titles.items():
        if lang != "en":
            child(child(titles, "trans-title-group", **{XML_LANG: lang}), "trans-title", title)
    contributors = child(meta, "contrib-group")
    contacts = []
    for number, author in enumerate(record.authors, start=1):
        contributor = child(contributors, "contrib", contrib_type="author")
        names = child(contributor, "name-alternatives")
        name = child(names, "name", name_style="western", **{XML_LANG: "en"})
        child(name, "surname", author.family)
        child(name, "given-names", author.given)
        for lang, printed in author.names.items():
            if lang != "en":
                child(names, "string-name", printed, **{XML_LANG: lang})
        _affiliation(child(contributor, "aff", id=f"aff-{number}"), author)
        if author.email:
            contacts.append(author.email)
            child(child(contributor, "xref", ref_type="corresp", rid=f"cor-{len(contacts)}"), "sup", str(len(contacts)))
    if contacts:
        notes = child(meta, "author-notes")
        for number, email in enumerate(contacts, start=1):
            correspondence = child(notes, "corresp", id=f"cor-{number}")
            child(correspondence, "label", str(number))
            child(correspondence, "email", email)
    child(child(meta, "pub-date", date_type="pub", iso_8601_date=record.year), "year", record.year)
    journal = record.journal
    for tag, value in (("volume", journal and journal.volume), ("issue", journal and journal.issue),
                       ("fpage", journal and journal.first_page), ("lpage", journal and journal.last_page)):
        if value:
            child(meta, tag, value)
    # No permissions element: the article's source states no copyright or licence, and the
    # journal's licensing statement could not be read whole (docs/about/principles.md).
    meta.append(etree.Comment(" permissions left out: no source the edition cites states this article's "
                              "copyright holder or licence "))
    for lang in record.abstracts:
        abstract = child(meta, "abstract") if lang == "en" else child(meta, "trans-abstract", **{XML_LANG: lang})
        for paragraph in record.abstract_paragraphs.get(lang) or (record.abstracts[lang],):
            child(abstract, "p", paragraph)
    keyword_groups(meta, record.keywords, "kwd-group", "kwd")


def _affiliation(affiliation: etree.Element, author: Author) -> None:
    before, found, after = author.affiliation.partition(author.institution)
    add_text(affiliation, before if found else author.affiliation + ", ")
    child(affiliation, "institution", author.institution)
    add_text(affiliation, after if found else None)
    add_text(affiliation, " (")
    child(affiliation, "addr-line", author.place)
    add_text(affiliation, ")")


def _body(body: etree.Element, state: BuildState, writer: "JatsWriter") -> None:
    section = None
    last = None
    for path in article_pages(state):
        writer.at_page(path)
        for block in state.records.blocks[path]:
            if isinstance(block, Heading) and block.level == 2:
                section = child(body, "sec", id=f"sec-{len(body) + 1}")
                writer.write(block.element, child(section, "title"))
            elif isinstance(block, Paragraph):
                section = section if section is not None else child(body, "sec", id=f"sec-{len(body) + 1}")
                last = (f"{writer.prefix}p{block.number}", block.number)
                writer.write(block.element, child(section, "p", id=last[0]))
            elif isinstance(block, NotePlace) and last is not None:
                writer.note_places.setdefault(block.note_id, last)
    if not len(body):
        child(body, "p")


class JatsWriter(InlineWriter):
    """The recorded text as JATS: citations as xref, emendations as corrected reading
    with a footnote holding the printed one."""

    def __init__(self, state: BuildState) -> None:
        super().__init__(state)
        self.footnotes: list[etree.Element] = []
        self.note_places: dict[str, tuple[str, int]] = {}  # note id -> (id, ¶ number) of its paragraph

    def mention(self, mention: Mention, node: etree.Element, target: etree.Element) -> None:
        numbers = [number for number in dict.fromkeys(mention.citation.numbers)
                   if number in self.state.bibliography.by_number] if mention.citation else []
        if not numbers:
            self.write(node, target)
            return
        self.write(node, child(target, "xref", ref_type="bibr", rid=" ".join(f"ref-{n}" for n in numbers)))

    def emendation(self, emendation: TextEmendation, sic: etree.Element, target: etree.Element) -> None:
        label = str(len(self.footnotes) + 1)
        identifier = f"fn-{self.prefix}{emendation.element_id}"
        child(target, "named-content", emendation.corr or "", content_type="corrected-reading")
        child(target, "xref", label, ref_type="fn", rid=identifier)
        footnote = etree.Element("fn", {"id": identifier, "fn-type": "other"})
        child(footnote, "label", label)
        paragraph = child(footnote, "p", "As printed: ")
        self.write(sic, child(paragraph, "named-content", content_type="printed-reading"))
        add_text(paragraph, ". Emended by the edition's editors.")
        for block in markdown_tree(emendation.note) if emendation.note else ():
            add_text(paragraph, " ")
            self.write(block, paragraph, cites=True)
        self.footnotes.append(footnote)

    def styled(self, style: str, node: etree.Element, target: etree.Element, cites: bool) -> None:
        self.write(node, child(target, style), cites)

    def link(self, href: str, node: etree.Element, target: etree.Element, cites: bool) -> None:
        self.write(node, child(target, "ext-link", ext_link_type="uri", **{f"{{{XLINK_NS}}}href": href}), cites)

    def code(self, text: str, target: etree.Element) -> None:
        child(target, "monospace", text)

    def editorial_citation(self, target: etree.Element, keys: list[str]) -> None:
        entries = self.state.editorial.entries
        words = "; ".join(short_reference(entries[key]) if key in entries else key for key in keys)
        child(target, "xref", f"({words})", ref_type="bibr", rid=" ".join(editorial_id(key) for key in keys))


def _references(back: etree.Element, state: BuildState) -> None:
    listing = child(back, "ref-list", content_type="references")
    child(listing, "title", "References")
    for number, reference in sorted(state.bibliography.by_number.items()):
        ref = child(listing, "ref", id=f"ref-{number}")
        child(ref, "label", str(number))
        _citation(child(ref, "element-citation", publication_type=PUBLICATION_TYPES.get(reference.entry.type,
                                                                                        "other")),
                  reference.entry)


def _editorial_sources(back: etree.Element, state: BuildState) -> None:
    """The editors' sources: an appendix of their own, labelled, before the references."""
    if not state.editorial.entries:
        return
    appendix = child(child(back, "app-group"), "app", id="editorial-sources")
    child(appendix, "title", "The editors' sources")
    listing = child(appendix, "ref-list", content_type="editorial-sources")
    for key, entry in state.editorial.entries.items():
        child(child(listing, "ref", id=editorial_id(key)), "mixed-citation", plain_reference(entry))


def _citation(citation: etree.Element, entry: Entry) -> None:
    """One reference as element-citation, fields in their corrected reading; a field
    with an emendation also keeps its printed reading in a ``comment``."""
    fields = entry.fields
    persons = entry.persons.get("author", [])
    if persons:
        group = child(citation, "person-group", person_group_type="author")
        for person in persons:
            name = child(group, "name")
            child(name, "surname", " ".join(person.prelast_names + person.last_names))
            given = " ".join(person.first_names + person.middle_names)
            if given:
                child(name, "given-names", given)
    title_tag = "article-title" if entry.type == "article" else "source"
    child(citation, title_tag, _corrected(fields["title"]))
    if entry.type == "article":
        child(citation, "source", _corrected(fields["journal"]))
    if "translatedtitle" in fields:
        child(citation, "trans-title", _corrected(fields["translatedtitle"]), **{XML_LANG: "en"})
    for field_name, tag in (("address", "publisher-loc"), ("publisher", "publisher-name"),
                            ("organization", "publisher-name"), ("volume", "volume"), ("number", "issue")):
        if field_name in fields:
            child(citation, tag, _corrected(fields[field_name]))
    if "date" in fields:
        year, month, day = fields["date"].split("-")
        child(citation, "day", day)
        child(citation, "month", month)
        child(citation, "year", year, iso_8601_date=fields["date"])
    elif "year" in fields:
        child(citation, "year", fields["year"])
    if "pages" in fields:
        first, _, last = (plain_text(page) for page in fields["pages"].partition("--"))
        child(citation, "fpage", first)
        if last:
            child(citation, "lpage", last)
    if "url" in fields:
        child(citation, "ext-link", fields["url"], ext_link_type="uri", **{f"{{{XLINK_NS}}}href": fields["url"]})
    if "urldate" in fields:
        year, month, day = fields["urldate"].split("-")
        child(citation, "date-in-citation", f"{day}.{month}.{year}", content_type="access-date",
              iso_8601_date=fields["urldate"])
    if "language" in fields:
        citation.set(XML_LANG, BIB_LANGUAGE_CODES.get(fields["language"].lower(), "und"))
    for reading in printed_readings(dict(fields)):
        child(citation, "comment", reading)


def _corrected(value: str) -> str:
    return plain_text(corrected(value))
