"""Exports for reference managers: the article and the reference list as CSL-JSON,
BibTeX and RIS.

CSL-JSON is the hub: bib entries and the article's record are mapped to CSL items
once, and BibTeX and RIS are written from those items, so the three formats cannot
drift apart. Emendations are exported in their corrected reading; the article's
numbers and the English translations of titles go into notes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pybtex.database import Entry

from edition.bibliography import Bibliography
from edition.emendations import corrected
from edition.record import ArticleRecord
from edition.latex import plain_text

CSL_TYPES = {"book": "book", "article": "article-journal", "online": "webpage"}
BIBTEX_TYPES = {"book": "book", "article-journal": "article", "webpage": "online"}
RIS_TYPES = {"book": "BOOK", "article-journal": "JOUR", "webpage": "ELEC"}
LANGUAGE_CODES = {"russian": "ru", "english": "en", "kazakh": "kk"}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


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
        item["language"] = LANGUAGE_CODES.get(fields["language"].lower(), fields["language"])
    notes = [f"Reference [{number}] of Zhailin & Shamsieva (2022)."]
    if "translatedtitle" in fields:
        notes.append(f"English title as given in the article: {_plain(fields['translatedtitle'])}.")
    item["note"] = " ".join(notes)
    return item


def article_item(record: ArticleRecord) -> dict[str, Any]:
    """The edited article as a CSL-JSON item (no journal: the source does not name it)."""
    return {
        "id": f"{record.authors[0].family.lower()}{record.year}",
        "type": "article-journal",
        "title": record.title,
        "author": [{"family": a.family, "given": a.given} for a in record.authors],
        "issued": _date_parts(record.year),
        "DOI": record.doi,
        "URL": record.doi_url,
        "language": "en",
        "keyword": ", ".join(record.keywords.get("en", [])),
        "abstract": record.abstracts.get("en", ""),
    }


def reference_items(bibliography: Bibliography) -> list[dict[str, Any]]:
    return [reference_item(number, ref.entry) for number, ref in sorted(bibliography.by_number.items())]


def to_csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def to_bibtex(items: list[dict[str, Any]]) -> str:
    return "\n".join(_bibtex_entry(item) for item in items)


def to_ris(items: list[dict[str, Any]]) -> str:
    return "".join(_ris_record(item) for item in items)


def _escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


def _date(item: dict[str, Any], name: str) -> str | None:
    parts = item.get(name, {}).get("date-parts", [[]])[0]
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts)) or None


def _bibtex_entry(item: dict[str, Any]) -> str:
    fields: list[tuple[str, str]] = []
    if "author" in item:
        fields.append(("author", " and ".join(_escape(f"{a['family']}, {a['given']}") for a in item["author"])))
    fields.append(("title", "{" + _escape(item["title"]) + "}"))
    container = item.get("container-title")
    if container:
        fields.append(("journal" if item["type"] == "article-journal" else "organization", _escape(container)))
    issued = _date(item, "issued")
    if issued:
        fields.append(("year", issued[:4]))
        if len(issued) > 4:
            fields.append(("date", issued))
    for csl_name, bib_name in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                               ("publisher-place", "address"), ("language", "language"),
                               ("keyword", "keywords"), ("abstract", "abstract"), ("note", "note")):
        if item.get(csl_name):
            fields.append((bib_name, _escape(item[csl_name])))
    if item.get("page"):
        fields.append(("pages", item["page"].replace("-", "--")))
    if item.get("DOI"):
        fields.append(("doi", item["DOI"]))
    if item.get("URL") and item.get("URL") != (f"https://doi.org/{item.get('DOI')}"):
        fields.append(("url", item["URL"].replace("{", "%7B").replace("}", "%7D")))
    accessed = _date(item, "accessed")
    if accessed:
        fields.append(("urldate", accessed))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{BIBTEX_TYPES[item['type']]}{{{item['id']},\n{body},\n}}\n"


def _ris_record(item: dict[str, Any]) -> str:
    lines = [("TY", RIS_TYPES[item["type"]]), ("ID", item["id"])]
    lines += [("AU", f"{a['family']}, {a['given']}") for a in item.get("author", [])]
    lines.append(("TI", item["title"]))
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    issued = _date(item, "issued")
    if issued:
        lines.append(("PY", issued[:4]))
        if len(issued) > 4:
            lines.append(("DA", issued.replace("-", "/")))
    for csl_name, tag in (("publisher", "PB"), ("publisher-place", "CY"), ("volume", "VL"), ("issue", "IS"),
                          ("URL", "UR"), ("DOI", "DO"), ("language", "LA"), ("abstract", "AB"),
                          ("note", "N1")):
        if item.get(csl_name):
            lines.append((tag, item[csl_name]))
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    accessed = _date(item, "accessed")
    if accessed:
        lines.append(("Y2", accessed.replace("-", "/")))
    lines += [("KW", keyword.strip()) for keyword in item.get("keyword", "").split(",") if keyword.strip()]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)
