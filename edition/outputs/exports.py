"""Exports for reference managers: the article and the reference list as CSL-JSON,
BibTeX and RIS.

CSL-JSON is the hub: bib entries and the article's record are mapped to CSL items
once, and BibTeX (pybtex's writer) and RIS (rispy) are written from those items, so
the three formats cannot drift apart. Emendations are exported in their corrected
reading, with the printed reading beside it in the item's note ("As printed (field):
..."); the article's numbers and the English translations of titles go into that note
too; every item with an address has its URL in all three formats.

Which field each format's note goes to follows what Zotero's import translators keep
(BibTeX.js, RIS.js and "CSL JSON.js" in zotero/translators) and what citation styles
leave unprinted:

- BibTeX: ``annote``. Zotero makes it a note; pybtex's and BibTeX's standard styles do
  not print it (they print ``note``, which is why it is not used). ``keywords`` holds
  the key words of every language, comma-separated: Zotero makes each a tag.
- RIS: ``N1`` per note (Zotero: a note each); ``KW`` per key word (a tag each). ``TT``
  (translated title) stays for readers that know it, but Zotero keeps it only as an
  "unsupported field" note, so the Kazakh and Russian titles are also in ``N1``.
- CSL-JSON: ``note``, which Zotero imports into Extra; it ignores ``custom`` and
  ``keyword``, so the parallel titles, abstracts and key words are lines of the note
  too (labels that are no CSL variable or Zotero field, which Zotero would otherwise
  parse out of Extra). citeproc's common styles do not print ``note``.

A structured place field takes one place: where a book's imprint names several
(``location``, a biblatex list "A and B"), the place field has the first and the note
records the place as printed.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rispy
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer as BibTeXWriter

from edition.core.emendations import corrected, printed_readings
from edition.core.latex import plain_text
from edition.core.memo import KEPT, PER_ENTRY
from edition.core.project import BIB_LANGUAGE_CODES, LANGUAGE_NAMES
from edition.inputs.bibliography import Bibliography
from edition.inputs.record import ArticleRecord

CSL_TYPES = {"book": "book", "article": "article-journal", "online": "webpage"}
BIBTEX_TYPES = {"book": "book", "article-journal": "article", "webpage": "online"}
RIS_TYPES = {"book": "BOOK", "article-journal": "JOUR", "webpage": "ELEC"}
_VERBATIM_FIELDS = frozenset({"url", "doi", "urldate"})


def _plain(value: str) -> str:
    return plain_text(corrected(value))


def _date_parts(value: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in value.split("-")]]}


def reference_item(number: int, entry: Entry) -> dict[str, Any]:
    """One reference of the article as a CSL-JSON item."""
    fields = entry.fields
    item: dict[str, Any] = {"id": entry.key, "type": CSL_TYPES[entry.type], "title": _plain(fields["title"])}
    if "author" in entry.persons:
        item["author"] = [{"family": " ".join(p.prelast_names + p.last_names),
                           "given": " ".join(p.first_names + p.middle_names)} for p in entry.persons["author"]]
    if "date" in fields:
        item["issued"] = _date_parts(fields["date"])
    elif "year" in fields:
        item["issued"] = _date_parts(fields["year"])
    simple = {"publisher": "publisher", "address": "publisher-place", "volume": "volume",
              "number": "issue", "url": "URL", "doi": "DOI"}
    for bib_name, csl_name in simple.items():
        if bib_name in fields:
            item[csl_name] = fields[bib_name] if bib_name in ("url", "doi") else _plain(fields[bib_name])
    container = fields.get("journal") or fields.get("organization")
    if container:
        item["container-title"] = _plain(container)
    if "pages" in fields:
        item["page"] = fields["pages"].replace("--", "-")
    if "urldate" in fields:
        item["accessed"] = _date_parts(fields["urldate"])
    if "language" in fields:
        item["language"] = BIB_LANGUAGE_CODES.get(fields["language"].lower(), fields["language"])
    if "location" in fields:
        # A structured place field holds one place: the first of the imprint's places.
        item["publisher-place"] = _plain(fields["location"]).split(" and ")[0]
    notes = [f"Reference [{number}] of Zhailin & Shamsieva (2022)."]
    if "translatedtitle" in fields:
        notes.append(_sentence(f"English title as given in the article: {_plain(fields['translatedtitle'])}"))
    if "location" in fields and "address" in fields:
        notes.append(_sentence(f"Place as printed: {_plain(fields['address'])}"))
    notes += [_sentence(reading) for reading in printed_readings(dict(fields))]
    item["note"] = "\n".join(notes)
    return item


def _sentence(text: str) -> str:
    """`text` ended by a full stop, unless it ends with its own ("Central Asia?")."""
    return text if text.endswith((".", "?", "!")) else text + "."


def article_item(record: ArticleRecord) -> dict[str, Any]:
    """The edited article as a CSL-JSON item, with the venue the record has.

    CSL has no variable for a parallel title or abstract; the Kazakh and Russian ones go
    under ``custom``, which the CSL-JSON schema keeps for data without a designated field,
    and, for Zotero, which ignores ``custom``, into the note (see the module's header)."""
    item: dict[str, Any] = {
        "id": f"{record.authors[0].family.lower()}{record.year}",
        "type": "article-journal",
        "title": record.title,
        "author": [{"family": a.family, "given": a.given} for a in record.authors],
        "issued": _date_parts(record.year),
        "DOI": record.doi,
        "URL": record.doi_url,
        "language": "en",
        "keyword": ", ".join(word for words in record.keywords.values() for word in words),
        "abstract": record.abstracts.get("en", ""),
    }
    journal = record.journal
    if journal is not None:
        item["container-title"] = journal.title
        for name, value in (("volume", journal.volume), ("issue", journal.issue), ("page", journal.pages),
                            ("ISSN", journal.issn)):
            if value:
                item[name] = value
    parallel = {"titles": {lang: text for lang, text in record.titles.items() if lang != "en"},
                "abstracts": {lang: text for lang, text in record.abstracts.items() if lang != "en"}}
    if any(parallel.values()):
        item["custom"] = parallel
    notes = [f"{_parallel_label(lang, kind[:-1])}: {text}" for kind in ("titles", "abstracts")
             for lang, text in parallel[kind].items()]
    notes += [f"Key words ({LANGUAGE_NAMES.get(lang, lang)}): {', '.join(words)}"
              for lang, words in record.keywords.items() if words]
    item["note"] = "\n".join(notes)
    return item


def reference_items(bibliography: Bibliography) -> list[dict[str, Any]]:
    return [reference_item(number, ref.entry) for number, ref in sorted(bibliography.by_number.items())]


def to_csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def to_bibtex(items: list[dict[str, Any]]) -> str:
    """BibTeX written by pybtex's writer (see ``_VerbatimBibTeXWriter`` for its one change)."""
    data = BibliographyData(entries={item["id"]: _bibtex_entry(item) for item in items})
    return _VerbatimBibTeXWriter().to_string(data)


def to_ris(items: list[dict[str, Any]]) -> str:
    """RIS written by rispy, one record per item."""
    return rispy.dumps([_ris_record(item) for item in items], implementation=_RisWriter,
                       list_tags=[*rispy.LIST_TYPE_TAGS, "TT"])


class _VerbatimBibTeXWriter(BibTeXWriter):
    """pybtex's BibTeX writer, except that URL-like fields are written as they are.

    pybtex LaTeX-encodes every field, so ``%`` and ``_`` in a URL became ``\\%`` and
    ``\\_``: biblatex reads ``url``, ``doi`` and ``urldate`` verbatim, and pybtex reads
    them back unchanged, so the address was lost (tests/test_exports.py shows it)."""

    def _encode(self, text: str) -> str:
        return _latex_encoded(text, self.encoding)

    def quote(self, s: str) -> str:
        return _quoted(s)

    def _write_field(self, stream, type, value):  # noqa: A002 (pybtex's name)
        if type in _VERBATIM_FIELDS:
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, value)


@KEPT.memoized(PER_ENTRY)
def _latex_encoded(text: str, encoding: str) -> str:
    """pybtex's LaTeX encoding of a field value (latexcodec, slow), once per distinct value.
    In UTF-8 it only puts a backslash before # % & _ and spells out ~ (its one change that
    depends on what follows): without a ~, the value is encoded here directly."""
    if encoding.upper() == "UTF-8" and "~" not in text:
        return _ESCAPED_IN_UTF8.sub(r"\\\g<0>", text)
    return BibTeXWriter(encoding=encoding)._encode(text)


# The only characters latexcodec's UTF-8 LaTeX encoding writes otherwise (every other
# character stands for itself: tests/test_build_cost.py checks each one).
LATEX_SPECIAL_IN_UTF8 = frozenset("#%&_~")
_ESCAPED_IN_UTF8 = re.compile("[#%&_]")


@KEPT.memoized(PER_ENTRY)
def _quoted(value: str) -> str:
    """pybtex's quoting (its brace check scans the value), once per distinct value."""
    return BibTeXWriter().quote(value)


class _RisWriter(rispy.RisWriter):
    """rispy's RIS writer without its "1." line before each record, which is not RIS."""

    def set_header(self, count: int) -> str:
        return ""


def _date(item: dict[str, Any], name: str) -> str | None:
    parts = item.get(name, {}).get("date-parts", [[]])[0]
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts)) or None


def _parallel_texts(item: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(language, "title" or "abstract", text) of the Kazakh and Russian versions."""
    custom = item.get("custom", {})
    return [(lang, kind[:-1], text) for kind in ("titles", "abstracts")
            for lang, text in custom.get(kind, {}).items()]


def _parallel_label(lang: str, kind: str) -> str:
    return f"{LANGUAGE_NAMES.get(lang, lang)} {kind}"


def _bibtex_entry(item: dict[str, Any]) -> Entry:
    fields: dict[str, str] = {"title": "{" + item["title"] + "}"}  # braces keep the title's case
    container = item.get("container-title")
    if container and item["type"] == "article-journal":
        fields["journal"] = container
    elif container:
        # A web page's site: biblatex prints `organization` for @online; Zotero's BibTeX
        # import maps `organization` to a publisher, which a web page lacks, and drops it,
        # but maps `journaltitle` to the web page's Website Title. So both are written.
        fields["organization"] = container
        fields["journaltitle"] = container
    issued = _date(item, "issued")
    if issued:
        fields["year"] = issued[:4]
        if len(issued) > 4:
            fields["date"] = issued
    for csl_name, bib_name in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                               ("publisher-place", "address"), ("language", "language"),
                               ("keyword", "keywords"), ("abstract", "abstract"), ("ISSN", "issn"),
                               ("note", "annote")):
        if item.get(csl_name):
            fields[bib_name] = item[csl_name]
    if item.get("page"):
        fields["pages"] = item["page"].replace("-", "--")
    if item.get("DOI"):
        fields["doi"] = item["DOI"]
    if item.get("URL"):
        fields["url"] = item["URL"].replace("{", "%7B").replace("}", "%7D")
    accessed = _date(item, "accessed")
    if accessed:
        fields["urldate"] = accessed
    persons = {"author": [Person(f"{a['family']}, {a['given']}") for a in item.get("author", [])]}
    return Entry(BIBTEX_TYPES[item["type"]], fields=fields, persons={k: v for k, v in persons.items() if v})


def _ris_record(item: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES[item["type"]], "id": item["id"]}
    if item.get("author"):
        record["authors"] = [f"{a['family']}, {a['given']}" for a in item["author"]]
    record["title"] = item["title"]
    parallel = _parallel_texts(item)
    titles = [text for _, kind, text in parallel if kind == "title"]
    if titles:
        record["translated_title"] = titles
    if item.get("container-title"):
        record["secondary_title"] = item["container-title"]  # Zotero: publicationTitle / websiteTitle
        if item["type"] == "article-journal":
            record["journal_name"] = item["container-title"]  # JO, the journal's name in RIS
    issued = _date(item, "issued")
    if issued:
        record["year"] = issued[:4]
        if len(issued) > 4:
            record["date"] = issued.replace("-", "/")
    for csl_name, key in (("publisher", "publisher"), ("publisher-place", "place_published"),
                          ("volume", "volume"), ("issue", "number")):
        if item.get(csl_name):
            record[key] = item[csl_name]
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    for csl_name, key in (("DOI", "doi"), ("language", "language"), ("abstract", "abstract"), ("ISSN", "issn")):
        if item.get(csl_name):
            record[key] = item[csl_name]
    notes = item.get("note", "").splitlines()  # one N1 each: Zotero makes each a note
    if notes:
        record["notes"] = notes
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        record["start_page"] = first
        if last:
            record["end_page"] = last
    accessed = _date(item, "accessed")
    if accessed:
        record["access_date"] = accessed.replace("-", "/")
    keywords = [keyword.strip() for keyword in item.get("keyword", "").split(",") if keyword.strip()]
    if keywords:
        record["keywords"] = keywords
    return record
