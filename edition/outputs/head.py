"""Head metadata of the article's canonical page (and of no other page): Highwire ``citation_*`` tags (Google
Scholar, Zotero), Dublin Core, Open Graph, ``rel="cite-as"`` (RFC 8574) and schema.org
ScholarlyArticle JSON-LD. Built from the article's record and bib/ only; the page's
absolute URL is used only when ``site_url`` is set.

Every DOI form here is one its reader parses as a DOI and nothing else: Zotero's Dublin
Core reader tries an ISSN before a DOI in an unlabelled ``DC.identifier``, and this DOI
holds a valid ISSN checksum ("2788-5909"), so the identifier carries the label that
reader checks first ("DOI 10.…"); nothing else is written where a client might guess.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from edition.apparatus.state import BuildState
from edition.core.project import LANGUAGES
from edition.inputs.record import ArticleRecord
from edition.outputs.exports import reference_item
from edition.outputs.paged import pdf_url
from edition.render.page_blocks import cited_numbers

# One meta tag: (name, content, language of the content or None for the page's own).
Meta = tuple[str, str, str | None]
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def head_metadata(record: ArticleRecord, references: list[dict[str, Any]], page_url: str | None,
                  pdf_url: str | None = None) -> dict[str, Any]:
    """Everything overrides/main.html puts into <head> for the article's page; `references`
    are the CSL items of the references cited on that page, in their order; `pdf_url` the
    article's PDF (edition/outputs/paged.py), when the build made one."""
    meta: list[Meta] = [("citation_title", record.title, None)]
    for author in record.authors:
        meta += [("citation_author", f"{author.family}, {author.given}", None),
                 ("citation_author_institution", author.institution, None)]
    meta += _venue_meta(record)
    meta += [("citation_publication_date", record.year, None), ("citation_doi", record.doi, None),
             ("citation_language", "en", None),
             ("citation_keywords", "; ".join(record.keywords.get("en", [])), None)]
    if page_url:
        meta.append(("citation_fulltext_html_url", page_url, None))
    if pdf_url:
        meta.append(("citation_pdf_url", pdf_url, None))
    meta += [("citation_reference", _highwire_reference(item), None) for item in references]
    meta += _dublin_core(record)
    properties = [("og:type", "article"), ("og:title", record.title),
                  ("og:description", record.abstracts.get("en", "")), ("og:locale", "en_US"),
                  ("article:published_time", record.year)]
    if page_url:
        properties.append(("og:url", page_url))
    properties += [("article:author", a.name) for a in record.authors]
    properties += [("article:tag", keyword) for keyword in record.keywords.get("en", [])]
    return {"meta": meta, "properties": properties, "cite_as": record.doi_url,
            "json_ld": script_json(_json_ld(record, references, page_url), indent=1),
            "cite_data": script_json({"citation": record.citation(), "paragraph": record.paragraph_citation()})}


def _venue_meta(record: ArticleRecord) -> list[Meta]:
    """The journal's citation_* tags, each only where the record has the part."""
    journal = record.journal
    if journal is None:
        return []
    parts = [("citation_journal_title", journal.title), ("citation_volume", journal.volume),
             ("citation_issue", journal.issue), ("citation_firstpage", journal.first_page),
             ("citation_lastpage", journal.last_page), ("citation_issn", journal.issn)]
    return [(name, value, None) for name, value in parts if value]


def script_json(data: Any, indent: int | None = None) -> str:
    """JSON for a <script> element: every <, > and & escaped as \\u003c, \\u003e, \\u0026, so no
    value can close the element or open a comment, whatever the source holds."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_JSON_ESCAPES)


def _dublin_core(record: ArticleRecord) -> list[Meta]:
    """DC in the English first (readers take the first DC.title), then the Kazakh and
    Russian title and abstract, each marked with its language."""
    meta: list[Meta] = [("DC.title", record.title, None)]
    meta += [("DC.title", record.titles[lang], lang) for lang in LANGUAGES if lang != "en" and lang in record.titles]
    meta += [("DC.creator", f"{a.family}, {a.given}", None) for a in record.authors]
    meta += [("DC.date", record.year, None), ("DC.identifier", f"DOI {record.doi}", None),
             ("DC.language", "en", None), ("DC.type", "Text", None),
             ("DC.description", record.abstracts.get("en", ""), None)]
    meta += [("DC.description", record.abstracts[lang], lang)
             for lang in LANGUAGES if lang != "en" and lang in record.abstracts]
    meta += [("DC.subject", keyword, None) for keyword in record.keywords.get("en", [])]
    return meta


def _highwire_reference(item: dict[str, Any]) -> str:
    parts = [f"citation_title={item['title']}"]
    parts += [f"citation_author={a['family']}, {a['given']}" for a in item.get("author", [])]
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        parts.append(f"citation_publication_date={issued[0]}")
    if item["type"] == "article-journal" and item.get("container-title"):
        parts.append(f"citation_journal_title={item['container-title']}")
    elif item.get("container-title") and not item.get("publisher"):
        # A web page's site (bib `organization`, "the website or issuing body"): Highwire
        # has no site field, and the issuing body is the page's publisher.
        parts.append(f"citation_publisher={item['container-title']}")
    for key, tag in (("volume", "citation_volume"), ("issue", "citation_issue"), ("publisher", "citation_publisher"),
                     ("URL", "citation_public_url")):
        if item.get(key):
            parts.append(f"{tag}={item[key]}")
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        parts.append(f"citation_firstpage={first}")
        if last:
            parts.append(f"citation_lastpage={last}")
    return "; ".join(part.replace(";", ",") if index else part for index, part in enumerate(parts))


def _json_ld(record: ArticleRecord, references: list[dict[str, Any]], page_url: str | None) -> dict[str, Any]:
    types = {"book": "Book", "article-journal": "ScholarlyArticle", "webpage": "WebPage"}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": record.title,
        "name": [{"@value": record.titles[lang], "@language": lang} for lang in LANGUAGES if lang in record.titles],
        "author": [{"@type": "Person", "name": a.name, "givenName": a.given, "familyName": a.family,
                    "affiliation": {"@type": "Organization", "name": a.institution}} for a in record.authors],
        "datePublished": record.year,
        "inLanguage": "en",
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": record.doi},
        "sameAs": record.doi_url,
        "abstract": [{"@value": record.abstracts[lang], "@language": lang}
                     for lang in LANGUAGES if lang in record.abstracts],
        "keywords": [{"@value": keyword, "@language": lang}
                     for lang in LANGUAGES for keyword in record.keywords.get(lang, [])],
        "citation": [_cited_work(item, types) for item in references],
    }
    if page_url:
        data["url"] = page_url
        data["mainEntityOfPage"] = page_url
    if record.journal is not None:
        data["isPartOf"] = _periodical(record.journal.title, record.journal.volume, record.journal.issue,
                                       record.journal.issn)
        if record.journal.first_page:
            data["pageStart"] = record.journal.first_page
        if record.journal.last_page:
            data["pageEnd"] = record.journal.last_page
    return data


def _periodical(name: str, volume: str | None, issue: str | None, issn: str | None = None) -> dict[str, Any]:
    """schema.org's nesting for a journal: Periodical, inside it the PublicationVolume,
    inside that the PublicationIssue, each only where known."""
    part: dict[str, Any] = {"@type": "Periodical", "name": name}
    if issn:
        part["issn"] = issn
    if volume:
        part = {"@type": "PublicationVolume", "volumeNumber": volume, "isPartOf": part}
    if issue:
        part = {"@type": "PublicationIssue", "issueNumber": issue, "isPartOf": part}
    return part


def _cited_work(item: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": types[item["type"]], "name": item["title"]}
    if item.get("author"):
        work["author"] = [{"@type": "Person", "name": f"{a['given']} {a['family']}"} for a in item["author"]]
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        work["datePublished"] = "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(issued))
    if item.get("URL"):
        work["url"] = item["URL"]
    if item.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": item["publisher"]}
    if item.get("language"):
        work["inLanguage"] = item["language"]
    container = item.get("container-title")
    if container and item["type"] == "article-journal":
        work["isPartOf"] = _periodical(container, item.get("volume"), item.get("issue"))
    elif container and "publisher" not in work:
        # A web page's site or issuing body (bib `organization`): its publisher, as in
        # citation_reference; "WebSite" would misname an issuing body such as ref. 1's.
        work["publisher"] = {"@type": "Organization", "name": container}
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        work["pageStart"] = first
        if last:
            work["pageEnd"] = last
    return work


def head_for_page(state: BuildState, page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """Head metadata for the article's canonical page (the one that holds its record);
    None elsewhere, so that no other page claims the article. Its references are the
    ones cited on that page (run after the page rendered, when its citations are known)."""
    if state.record is None or page.file.src_uri != state.record.page:
        return None
    cited = cited_numbers(state.records.index, page.file.src_uri)
    references = [reference_item(number, ref.entry)
                  for number, ref in sorted(state.bibliography.by_number.items()) if number in cited]
    return head_metadata(state.record, references, page.canonical_url, pdf_url(state, page.url))
