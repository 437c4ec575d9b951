"""The XML exports in the build: exports/edition.tei.xml (TEI P5) and
exports/article.jats.xml (JATS 1.4), and the check that their pointers resolve.

Both files are generated MkDocs files, like the other exports (edition/outputs/export_files.py), so
that ``mkdocs serve`` serves them and link validation sees them. They are announced in
``on_files`` (before pages render, so a link to them validates) and filled in the late
pass, when the article's text, mentions and emendations have been recorded. They are
made in ``finish_build``, which ``citation-check`` runs too: both report a pointer that
does not resolve.

The schemas cannot check pointers (``@target="#ref-3"`` is any URI to them), so
``check_pointers`` does: every ``#id`` in ``@target``, ``@ref``, ``@resp`` and
``@corresp``, and every token of JATS's ``@rid``, must name an ``xml:id`` (``id``) of the
same document, and no id may be given twice.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from edition.apparatus.state import BuildState
from edition.core.problems import Problem
from edition.outputs.xml.jats import JATS_PATH, article_jats
from edition.outputs.xml.tei import TEI_PATH, edition_tei

XML_PATHS = (TEI_PATH, JATS_PATH)
_HASH_POINTERS = ("target", "ref", "resp", "corresp")
_ID_ATTRIBUTES = ("xml:id", "id", "http://www.w3.org/XML/1998/namespace id")


@dataclass(frozen=True)
class Publication:
    """What the exports take from mkdocs.yml: the edition's title, rights and address."""

    title: str
    rights: str
    site_url: str | None

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> "Publication":
        return cls(str(config.site_name), " ".join(str(config.copyright or "").split()),
                   config.site_url or None)


def xml_links_markdown(up: str = "") -> list[str]:
    """The Cite & export page's section on the two XML exports, a line each on what it is
    for; `up` leads from that page to the site's root."""
    return ["## TEI and JATS { #tei-jats }", "",
            "The edition in the field's own formats, for archives and reuse:", "",
            f"- [The whole edition in TEI P5 XML]({up}{TEI_PATH}): the text with its emendations, editorial "
            "notes, registers, glossary and both bibliographies, for TEI tools, edition platforms and "
            "digital-humanities repositories.",
            f"- [The article in JATS 1.4 XML]({up}{JATS_PATH}): the article with its abstracts, citations and "
            "references, as journals and their archives exchange it.", ""]


def add_xml_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    """Announce the two exports (empty until ``fill_xml_files``)."""
    if state.record is None:
        return
    for path in XML_PATHS:
        files.append(File.generated(config, path, content=b""))


def xml_documents(state: BuildState, publication: Publication | None) -> dict[str, bytes]:
    """The two documents, made from the build's records (none without a title page)."""
    record = state.record
    if record is None:
        return {}
    publication = publication or Publication(record.title, "", None)
    return {TEI_PATH: edition_tei(state, record, publication.title, publication.rights, publication.site_url),
            JATS_PATH: article_jats(state, record)}


def fill_xml_files(files: Files, documents: dict[str, bytes]) -> None:
    for path, content in documents.items():
        file = files.get_file_from_path(path)
        if file is not None:
            file.content_bytes = content


def check_pointers(document: bytes, path: str) -> list[Problem]:
    """A problem for each pointer of `document` that names no id in it, at its line."""
    ids: set[str] = set()
    pointers: list[tuple[int, str, str, str]] = []
    problems: list[Problem] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def start(tag: str, attributes: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        name = tag.rsplit(" ", 1)[-1]
        for attribute, value in attributes.items():
            if attribute in _ID_ATTRIBUTES:
                if value in ids:
                    problems.append(Problem(path, line, f"<{name}> has the id '{value}', which an earlier element "
                                            "has too — a bug in the export (edition/outputs/xml/tei.py, "
                                            "edition/outputs/xml/jats.py): "
                                            "ids must be unique"))
                ids.add(value)
            elif attribute in _HASH_POINTERS:
                pointers.extend((line, name, attribute, token[1:]) for token in value.split() if token.startswith("#"))
            elif attribute == "rid":
                pointers.extend((line, name, attribute, token) for token in value.split())

    parser.StartElementHandler = start
    try:
        parser.Parse(document, True)
    except xml.parsers.expat.ExpatError as error:
        return [Problem(path, error.lineno, f"the generated document is not well-formed XML ({error}) — "
                        "a bug in the export (edition/outputs/xml/tei.py, edition/outputs/xml/jats.py)")]
    return problems + [Problem(path, line, f"<{name} {attribute}> points to '{target}', which is no id in the document "
                    "— a bug in the export (edition/outputs/xml/tei.py, edition/outputs/xml/jats.py): "
                    "it must only point at "
                    "entries it writes")
            for line, name, attribute, target in pointers if target not in ids]
