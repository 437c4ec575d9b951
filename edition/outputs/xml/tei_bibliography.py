"""The back of the TEI export: the article's 19 references as ``biblStruct`` (``@n`` the
article's number, ``xml:id`` ``ref-N`` as on the References page), fields as printed with
each emendation a ``choice``; and the editors' own sources (bib/editorial.bib) as a
second ``listBibl``, each entry in the house style's plain text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from pybtex.database import Entry

from edition.apparatus.state import BuildState
from edition.core.emendations import SYNTAX
from edition.core.latex import plain_text
from edition.core.project import BIB_LANGUAGE_CODES
from edition.outputs.xml.common import XML_ID, XML_LANG, add_text, child, editorial_id, plain_reference
from edition.outputs.xml.tei_header import EDITORS, TeiWriter, paragraph_of


def add_bibliographies(back: etree.Element, state: BuildState, writer: TeiWriter) -> None:
    references = child(back, "div", type="references")
    child(references, "head", "References")
    listing = child(references, "listBibl", type="references")
    for number, reference in sorted(state.bibliography.by_number.items()):
        _reference(child(listing, "biblStruct", n=str(number), **{XML_ID: f"ref-{number}"}), reference.entry,
                   writer)
    if state.editorial.entries:
        sources = child(back, "div", type="editorial-sources")
        child(sources, "head", "The editors' sources")
        listing = child(sources, "listBibl", type="editorial")
        for key, entry in state.editorial.entries.items():
            child(listing, "bibl", plain_reference(entry), **{XML_ID: editorial_id(key)})


def _reference(struct: etree.Element, entry: Entry, writer: TeiWriter) -> None:
    fields = entry.fields
    authors = [" ".join(p.prelast_names + p.last_names) + (", " + " ".join(p.first_names + p.middle_names)
                                                          if p.first_names or p.middle_names else "")
               for p in entry.persons.get("author", [])]
    if entry.type == "article":
        analytic = child(struct, "analytic")
        for author in authors:
            child(analytic, "author", author)
        _field(child(analytic, "title", level="a"), fields["title"], writer)
        monogr = child(struct, "monogr")
        _field(child(monogr, "title", level="j"), fields["journal"], writer)
    else:
        monogr = child(struct, "monogr")
        for author in authors:
            child(monogr, "author", author)
        _field(child(monogr, "title", level="m"), fields["title"], writer)
    if "translatedtitle" in fields:
        _field(child(monogr, "title", type="translated", **{XML_LANG: "en"}), fields["translatedtitle"], writer)
    if "language" in fields:
        child(monogr, "textLang", mainLang=BIB_LANGUAGE_CODES.get(fields["language"].lower(), "und"))
    imprint = child(monogr, "imprint")
    for name, tag in (("address", "pubPlace"), ("publisher", "publisher"), ("organization", "publisher")):
        if name in fields:
            _field(child(imprint, tag), fields[name], writer)
    for name, unit in (("volume", "volume"), ("number", "issue"), ("pages", "page")):
        if name in fields:
            child(imprint, "biblScope", plain_text(fields[name]).replace("--", "–"), unit=unit)
    if "date" in fields:
        year, month, day = fields["date"].split("-")
        child(imprint, "date", f"{day}.{month}.{year}", when=fields["date"])
    elif "year" in fields:
        child(imprint, "date", fields["year"], when=fields["year"])
    if not len(imprint) and "url" in fields:
        # An imprint must hold something, and a web page that prints no site and no date
        # (ref. 7) has only its address: where it is published.
        child(child(imprint, "pubPlace"), "ptr", target=fields["url"])
    elif not len(imprint):
        child(imprint, "date")
    if "url" in fields:
        child(struct, "ptr", target=fields["url"])
        child(struct, "note", fields["url"], type="url")
    if "translatedauthor" in fields:
        child(struct, "note", plain_text(fields["translatedauthor"]), type="translated-author",
              **{XML_LANG: "en"})
    if "urldate" in fields:
        year, month, day = fields["urldate"].split("-")
        child(child(struct, "note", type="accessed"), "date", f"{day}.{month}.{year}", when=fields["urldate"])


def _field(element: etree.Element, value: str, writer: TeiWriter) -> None:
    """A field's text; each emendation in it as choice (sic, corr) with its note. The
    emendations are set aside as tokens first, so that the LaTeX is decoded whole."""
    found = list(SYNTAX.finditer(value))
    numbers = iter(range(len(found)))
    tokened = SYNTAX.sub(lambda match: f"\ue000{next(numbers)}\ue001", value)
    parts = re.split("\ue000([0-9]+)\ue001", plain_text(tokened))
    for index, part in enumerate(parts):
        if index % 2 == 0:
            add_text(element, part)
            continue
        match = found[int(part)]
        choice = child(element, "choice")
        child(choice, "sic", plain_text(match["sic"]))
        child(choice, "corr", plain_text(match["corr"] or ""), resp=f"#{EDITORS}")
        if match["note"]:
            note = child(element, "note", type="emendation", resp=f"#{EDITORS}")
            writer.write(paragraph_of(plain_text(match["note"])), note, cites=True)
