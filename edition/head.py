"""Head metadata of the title page and the article page: Highwire ``citation_*`` tags
(Google Scholar, Zotero), Dublin Core, Open Graph, ``rel="cite-as"`` (RFC 8574) and
schema.org ScholarlyArticle JSON-LD. Built from the article's record and bib/ only;
the page's absolute URL is used only when ``site_url`` is set."""

from __future__ import annotations

import json
from typing import Any

from edition.bibliography import Bibliography
from edition.exports import reference_items
from edition.record import LANGUAGES, ArticleRecord


def head_metadata(record: ArticleRecord, bibliography: Bibliography, page_url: str | None) -> dict[str, Any]:
    """Everything overrides/main.html puts into <head> for one page."""
    references = reference_items(bibliography)
    meta: list[tuple[str, str]] = [("citation_title", record.title)]
    for author in record.authors:
        meta += [("citation_author", f"{author.family}, {author.given}"),
                 ("citation_author_institution", author.institution)]
    meta += [("citation_publication_date", record.year), ("citation_doi", record.doi),
             ("citation_language", "en"), ("citation_keywords", "; ".join(record.keywords.get("en", [])))]
    if page_url:
        meta.append(("citation_fulltext_html_url", page_url))
    meta += [("citation_reference", _highwire_reference(item)) for item in references]
    meta += [("DC.title", record.title)]
    meta += [("DC.creator", f"{a.family}, {a.given}") for a in record.authors]
    meta += [("DC.date", record.year), ("DC.identifier", f"doi:{record.doi}"), ("DC.language", "en"),
             ("DC.type", "Text"), ("DC.description", record.abstracts.get("en", ""))]
    meta += [("DC.subject", keyword) for keyword in record.keywords.get("en", [])]
    properties = [("og:type", "article"), ("og:title", record.title),
                  ("og:description", record.abstracts.get("en", "")), ("og:locale", "en_US"),
                  ("article:published_time", record.year)]
    if page_url:
        properties.append(("og:url", page_url))
    properties += [("article:author", a.name) for a in record.authors]
    properties += [("article:tag", keyword) for keyword in record.keywords.get("en", [])]
    return {"meta": meta, "properties": properties, "cite_as": record.doi_url,
            "json_ld": json.dumps(_json_ld(record, references), ensure_ascii=False, indent=1)
            .replace("</", "<\\/"),
            "cite_data": json.dumps({"citation": record.citation(), "paragraph": record.paragraph_citation()},
                                    ensure_ascii=False)
            .replace("</", "<\\/")}


def _highwire_reference(item: dict[str, Any]) -> str:
    parts = [f"citation_title={item['title']}"]
    parts += [f"citation_author={a['family']}, {a['given']}" for a in item.get("author", [])]
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        parts.append(f"citation_publication_date={issued[0]}")
    if item["type"] == "article-journal" and item.get("container-title"):
        parts.append(f"citation_journal_title={item['container-title']}")
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


def _json_ld(record: ArticleRecord, references: list[dict[str, Any]]) -> dict[str, Any]:
    types = {"book": "Book", "article-journal": "ScholarlyArticle", "webpage": "WebPage"}
    return {
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
    return work
