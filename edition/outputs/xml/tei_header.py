"""The TEI export's header, registers and bibliographies (edition/outputs/xml/tei.py writes the text).

- teiHeader: the edition's title with the authors and the editors; the build date and the
  article's DOI; the printed article as a biblStruct holding what the source gives and,
  in its monogr, the journal as the record's venue (from the publisher's pages; volume,
  issue and pages only where the record has them); the editorial principles and the
  changelog, from their pages' recorded Markdown.
- standOff: the registers (persons, organisations, places as listPerson, listOrg,
  listPlace; documents as a listBibl) and the glossary (a list of type "gloss").
The back (both bibliographies) is written by edition/outputs/xml/tei_bibliography.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from edition.apparatus.state import BuildState
from edition.core.project import LANGUAGE_NAMES
from edition.inputs.record import ArticleRecord, Author
from edition.outputs.printing import build_date
from edition.outputs.xml.common import (
    XML_ID,
    XML_LANG,
    InlineWriter,
    add_text,
    child,
    editorial_id,
    keyword_groups,
    markdown_tree,
    xml_id,
)

EDITORS = "editors"
EDITORS_NAME = "The edition's editors"
PRINCIPLES_PAGE = "about/principles.md"
CHANGELOG_PAGE = "about/changelog.md"
# How a mention of each register is tagged, and in which list its entry stands.
ENTITY_ELEMENTS = {"persons": ("persName", None), "organisations": ("orgName", None),
                   "places": ("placeName", None), "documents": ("rs", "document")}
REGISTER_LISTS = {"persons": ("listPerson", "person", "persName"), "organisations": ("listOrg", "org", "orgName"),
                  "places": ("listPlace", "place", "placeName"), "documents": ("listBibl", "bibl", "title")}
_CHANGE = re.compile(r"(?P<n>\S+)\s+[—–-]\s+(?P<when>[0-9]{4}-[0-9]{2}-[0-9]{2})")


def target_id(target: str) -> str:
    """The xml:id of a mention's target: 'persons:tokayev' → 'persons-tokayev',
    'glossary:glossary/walt.md' → 'gloss-glossary.walt'."""
    kind, _, name = target.partition(":")
    if kind == "glossary":
        return xml_id("gloss-", name.removesuffix(".md").replace("/", "."))
    return xml_id(f"{kind}-", name)


class TeiWriter(InlineWriter):
    """Emphasis, links, code and the editors' citations in TEI."""

    def styled(self, style: str, node: etree.Element, target: etree.Element, cites: bool) -> None:
        self.write(node, child(target, "hi", rend=style), cites)

    def link(self, href: str, node: etree.Element, target: etree.Element, cites: bool) -> None:
        self.write(node, child(target, "ref", target=href), cites)

    def code(self, text: str, target: etree.Element) -> None:
        child(target, "code", text)

    def editorial_citation(self, target: etree.Element, keys: list[str]) -> None:
        child(target, "ptr", type="bibl", target=" ".join(f"#{editorial_id(key)}" for key in keys))


def tei_header(state: BuildState, record: ArticleRecord, edition_title: str, rights: str, site_url: str | None,
               writer: TeiWriter) -> etree.Element:
    header = etree.Element("teiHeader")
    file_desc = child(header, "fileDesc")
    title_stmt = child(file_desc, "titleStmt")
    child(title_stmt, "title", edition_title, type="main")
    for author in record.authors:
        _person_name(child(title_stmt, "author"), author)
    child(title_stmt, "editor", EDITORS_NAME, **{XML_ID: EDITORS})
    publication = child(file_desc, "publicationStmt")
    child(publication, "authority", EDITORS_NAME)
    if site_url:
        child(publication, "idno", site_url, type="URL")
    child(publication, "idno", record.doi, type="DOI", subtype="source")
    today = build_date()
    child(publication, "date", f"Built on {today.isoformat()}", type="build", when=today.isoformat())
    if rights:
        child(child(publication, "availability"), "p", rights)
    _source(child(child(file_desc, "sourceDesc"), "biblStruct"), record)
    principles = state.records.pages.get(PRINCIPLES_PAGE)
    if principles is not None:
        _editorial_decl(child(child(header, "encodingDesc"), "editorialDecl"), principles.markdown, writer)
    profile = child(header, "profileDesc")
    usage = child(profile, "langUsage")
    for lang in sorted(set(record.abstracts) | set(record.keywords) | {"en"}):
        child(usage, "language", LANGUAGE_NAMES.get(lang, lang), ident=lang)
    classes = child(profile, "textClass")
    keyword_groups(classes, record.keywords, "keywords", "term")
    changelog = state.records.pages.get(CHANGELOG_PAGE)
    if changelog is not None:
        _revisions(header, changelog.markdown, writer)
    return header


def _person_name(parent: etree.Element, author: Author) -> None:
    name = child(parent, "persName")
    child(name, "forename", author.given)
    add_text(name, " ")
    child(name, "surname", author.family)


def add_affiliation(parent: etree.Element, author: Author) -> None:
    """The affiliation as printed: its text, then the place in parentheses."""
    affiliation = child(parent, "affiliation", author.affiliation)
    add_text(affiliation, " (")
    child(affiliation, "placeName", author.place)
    add_text(affiliation, ")")


def _source(struct: etree.Element, record: ArticleRecord) -> None:
    """The printed article: authors with their names in each language, affiliations and
    contact address; titles, DOI and year; the journal, with each part of the venue the
    record has."""
    analytic = child(struct, "analytic")
    for author in record.authors:
        element = child(analytic, "author")
        _person_name(element, author)
        for lang, name in author.names.items():
            if lang != "en":
                child(element, "persName", name, **{XML_LANG: lang})
        add_affiliation(element, author)
        if author.email:
            child(element, "email", author.email)
    for lang, title in record.titles.items():
        child(analytic, "title", title, level="a", **{XML_LANG: lang})
    child(analytic, "idno", record.doi, type="DOI")
    monogr = child(struct, "monogr")
    journal = record.journal
    if journal is not None:
        child(monogr, "title", journal.title, level="j")
        if journal.issn:
            child(monogr, "idno", journal.issn, type="ISSN")
    imprint = child(monogr, "imprint")
    for unit, value in (("volume", journal and journal.volume), ("issue", journal and journal.issue),
                        ("page", journal and journal.pages)):
        if value:
            scope = child(imprint, "biblScope", value.replace("-", "–"), unit=unit)
            if unit == "page" and journal and journal.first_page:
                scope.set("from", journal.first_page)
                scope.set("to", journal.last_page or journal.first_page)
    child(imprint, "date", record.year, when=record.year)
    child(struct, "ref", record.doi_url, target=record.doi_url)


def _editorial_decl(decl: etree.Element, markdown: str, writer: TeiWriter) -> None:
    """The principles page: each paragraph a ``p``, each list a ``list`` in a ``p``, the
    heading above it as the ``label`` that opens it."""
    label = None
    writer.page = PRINCIPLES_PAGE
    for block in markdown_tree(markdown):
        if re.fullmatch(r"h[1-6]", block.tag):
            label = "".join(block.itertext()).strip()
            continue
        paragraph = child(decl, "p")
        if label:
            child(paragraph, "label", label)
            add_text(paragraph, " ")
            label = None
        if block.tag in ("ul", "ol"):
            items = child(paragraph, "list", rend="numbered" if block.tag == "ol" else "bulleted")
            for item in block.iter("li"):
                writer.write(item, child(items, "item"))
        else:
            writer.write(block, paragraph)
    if not len(decl):
        child(decl, "p")


def _revisions(header: etree.Element, markdown: str, writer: TeiWriter) -> None:
    """The changelog: one ``change`` per release heading, its list items as a list."""
    revisions = None
    change = None
    for block in markdown_tree(markdown):
        heading = "".join(block.itertext()).strip()
        if block.tag == "h2":
            revisions = revisions if revisions is not None else child(header, "revisionDesc")
            found = _CHANGE.fullmatch(heading)
            change = child(revisions, "change", **({"n": found["n"], "when": found["when"]} if found else {}))
            if not found:
                child(change, "label", heading)
        elif change is not None and block.tag in ("ul", "ol"):
            items = child(change, "list")
            for item in block.iter("li"):
                writer.write(item, child(items, "item"))
        elif change is not None and block.tag == "p":
            writer.write(block, change)


def add_register_lists(standoff: etree.Element, state: BuildState, writer: TeiWriter) -> None:
    targets = state.targets.targets
    for register, entries in state.inputs.sources.registers.items():
        kept = [entry for entry in entries if f"{register}:{entry.id}" in targets]
        if not kept:
            continue
        list_tag, entry_tag, name_tag = REGISTER_LISTS.get(register, ("listBibl", "bibl", "title"))
        listing = child(standoff, list_tag, type=register)
        for entry in kept:
            element = child(listing, entry_tag, **{XML_ID: target_id(f"{register}:{entry.id}")})
            child(element, name_tag, entry.name)
            for form in entry.also_written:
                child(element, name_tag, form, type="variant")
            if entry.acronym and entry.acronym != entry.name:
                child(element, name_tag, entry.acronym, type="acronym")
            if entry.expansion:
                writer.write(paragraph_of(entry.expansion), child(element, name_tag, type="expansion"), cites=True)
            if entry.description:
                note = child(element, "note")
                writer.write(paragraph_of(entry.description), note, cites=True)
    glossary = [target for target in targets.values() if target.id.startswith("glossary:")]
    if glossary:
        listing = child(standoff, "list", type="gloss")
        for target in glossary:
            child(child(listing, "label"), "term", target.label)
            item = child(listing, "item", **{XML_ID: target_id(target.id)})
            writer.write(paragraph_of(target.summary), item, cites=True)


def paragraph_of(markdown: str) -> etree.Element:
    """One Markdown text's content as one element (its paragraphs joined by a space)."""
    joined = etree.Element("p")
    for index, block in enumerate(markdown_tree(markdown)):
        add_text(joined, " " if index else None)
        block.tail = None
        joined.append(block)
    return joined
