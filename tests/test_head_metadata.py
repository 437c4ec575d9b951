"""The head metadata, read by independent readers: lxml for the meta tags, extruct for the
JSON-LD, and the identifier logic of Zotero's Dublin Core reader (its RDF translator,
run by Embedded Metadata) restated below. One page in the whole site carries the
article's record, once; every DOI form reads as that DOI and as nothing else."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from extruct.jsonld import JsonLdExtractor

from conftest import ROOT, BuiltSite, run_mkdocs_build
from edition.inputs.record import ArticleRecord, Author, Journal
from edition.outputs.head import head_metadata, script_json
from sources import PRINTED_CITATIONS, cited_numbers

FRONT = yaml.safe_load((ROOT / "docs" / "article.md").read_text(encoding="utf-8").split("---")[1])["edition"]
DOI = FRONT["doi"]
CANONICAL = "article/"


def _url(site: BuiltSite, path: Path) -> str:
    """'' for the title page, 'article/' for article/index.html, '404.html' as it is."""
    if path.name != "index.html":
        return path.relative_to(site.root).as_posix()
    folder = path.parent.relative_to(site.root).as_posix()
    return "" if folder == "." else folder + "/"


def _pages(site: BuiltSite) -> dict[str, lxml.html.HtmlElement]:
    return {_url(site, path): lxml.html.parse(str(path)).getroot() for path in sorted(site.root.rglob("*.html"))}


def _meta(page: lxml.html.HtmlElement, name: str) -> list[lxml.html.HtmlElement]:
    return page.xpath("/html/head/meta[@name=$name]", name=name)


def _content(page: lxml.html.HtmlElement, name: str) -> list[str]:
    return [m.get("content") for m in _meta(page, name)]


def zotero_dc_identifier(value: str) -> dict[str, str]:
    """Which field Zotero's RDF import fills from one DC.identifier string: a label
    ("ISBN ", "ISSN ", "DOI ") first, else the first that parses: ISBN, ISSN, DOI.
    ISSN as Zotero cleans it: dashes ignored, 8 characters whose checksum holds."""
    label = value[:value.index(" ")].upper() if " " in value else ""
    if label in ("ISBN", "ISSN", "DOI"):
        return {label: value[len(label) + 1:]}
    digits = re.sub(r"[\-\u00ad\u2010-\u2015\u2043\u2212]+", "", value.upper())
    if re.search(r"(?<![0-9X])(?:97[89][0-9]{10}|[0-9]{9}[0-9X])(?![0-9X])", digits):
        return {"ISBN": value}
    for match in re.finditer(r"(?=\b((?:\d\s*){7}[\dX])\b)", digits):
        issn = re.sub(r"\s", "", match[1])
        total = sum(int(d) * (8 - i) for i, d in enumerate(issn[:7])) + (10 if issn[7] == "X" else int(issn[7]))
        if total % 11 == 0:
            return {"ISSN": issn[:4] + "-" + issn[4:]}
    if re.search(r"10\.\d{4,9}/\S+", value):
        return {"DOI": value}
    return {}


@pytest.fixture(scope="module")
def pages(built_site: BuiltSite) -> dict[str, lxml.html.HtmlElement]:
    return _pages(built_site)


def test_exactly_one_page_carries_the_record(pages) -> None:
    carriers = sorted(url for url, page in pages.items() if _meta(page, "citation_title"))
    assert carriers == [CANONICAL]
    assert sorted(url for url, page in pages.items() if _meta(page, "DC.identifier")) == [CANONICAL]
    assert sorted(url for url, page in pages.items() if page.xpath("//link[@rel='cite-as']")) == [CANONICAL]


def test_the_record_is_not_duplicated_on_its_page(pages) -> None:
    page = pages[CANONICAL]
    for name in ("citation_title", "citation_doi", "citation_publication_date", "DC.identifier", "DC.date"):
        assert len(_meta(page, name)) == 1, name
    assert [m.get("lang") for m in _meta(page, "DC.title")] == [None, "kk", "ru"]


def test_json_ld_describes_the_article_once_in_the_site(built_site: BuiltSite, pages) -> None:
    found = {url: JsonLdExtractor().extract(lxml.html.tostring(page, encoding="unicode"))
             for url, page in pages.items()}
    articles = [(url, data) for url, items in found.items() for data in items
                if data.get("@type") == "ScholarlyArticle"]
    assert [url for url, _ in articles] == [CANONICAL]
    (_, data), = articles
    assert data["headline"] == FRONT["titles"]["en"]
    assert [(a["name"], a["affiliation"]["name"]) for a in data["author"]] == [
        (a["name"]["en"], a["institution"]) for a in FRONT["authors"]]
    assert {a["@language"] for a in data["abstract"]} == {"en", "kk", "ru"}
    assert {(n["@language"], n["@value"]) for n in data["name"]} == set(FRONT["titles"].items())
    # The venue as the record gives it (from the publisher's pages), nothing it lacks.
    assert data["isPartOf"] == {"@type": "Periodical", "name": FRONT["journal"]["title"]}
    assert "publisher" not in data and "pageStart" not in data and "url" not in data  # no site_url here


def test_every_doi_form_reads_as_the_doi_and_nothing_else(pages) -> None:
    page = pages[CANONICAL]
    assert _content(page, "citation_doi") == [DOI]
    (identifier,) = _content(page, "DC.identifier")
    assert zotero_dc_identifier(identifier) == {"DOI": DOI}
    assert page.xpath("//link[@rel='cite-as']/@href") == [f"https://doi.org/{DOI}"]
    (data,) = [d for d in JsonLdExtractor().extract(lxml.html.tostring(page, encoding="unicode"))]
    assert (data["identifier"]["propertyID"], data["identifier"]["value"]) == ("DOI", DOI)
    assert data["sameAs"] == f"https://doi.org/{DOI}"
    # No identifier-like value on the page gives Zotero an ISSN or ISBN the source never states.
    for meta in page.xpath("/html/head/meta[contains(@name, 'identifier')]"):
        assert set(zotero_dc_identifier(meta.get("content"))) <= {"DOI"}, meta.get("content")


@pytest.mark.parametrize(("value", "read"), [
    (f"doi:{DOI}", {"ISSN": "2788-5909"}),  # the form the edition wrote before: an invented ISSN
    (f"https://doi.org/{DOI}", {"ISSN": "2788-5909"}),
    (DOI, {"ISSN": "2788-5909"}),
    (f"DOI {DOI}", {"DOI": DOI}),
    ("ISSN 2788-5909", {"ISSN": "2788-5909"}),
    ("doi:10.1000/182", {"DOI": "doi:10.1000/182"}),
])
def test_the_restated_zotero_reading(value: str, read: dict[str, str]) -> None:
    """The restatement itself, on the forms that matter, so that the test above can fail."""
    assert zotero_dc_identifier(value) == read


def _zotero_highwire(page: lxml.html.HtmlElement) -> dict:
    """citation_* read as Zotero's Embedded Metadata maps them: one creator per
    citation_author ("Last, First" split at the comma), tags from citation_keywords split
    at ';', and the title, date, DOI, language and URL fields."""
    item: dict = {"creators": [], "tags": [], "institutions": [], "references": []}
    fields = {"citation_title": "title", "citation_publication_date": "date", "citation_doi": "DOI",
              "citation_language": "language", "citation_fulltext_html_url": "url"}
    for meta in page.xpath("/html/head/meta[starts-with(@name, 'citation_')]"):
        name, content = meta.get("name"), meta.get("content")
        if name == "citation_author":
            last, _, first = content.partition(",")
            item["creators"].append((last.strip(), first.strip()))
        elif name == "citation_author_institution":
            item["institutions"].append((item["creators"][-1][0], content))
        elif name == "citation_keywords":
            item["tags"] += [tag.strip() for tag in content.split(";") if tag.strip()]
        elif name == "citation_reference":
            item["references"].append(content)
        else:
            item[fields.get(name, name)] = content
    return item


def test_highwire_tags_read_as_zotero_reads_them(pages) -> None:
    item = _zotero_highwire(pages[CANONICAL])
    assert item["title"] == FRONT["titles"]["en"]
    assert item["creators"] == [(a["family"]["en"], a["given"]["en"]) for a in FRONT["authors"]]
    assert item["institutions"] == [(a["family"]["en"], a["institution"]) for a in FRONT["authors"]]
    assert (item["date"], item["DOI"], item["language"]) == (str(FRONT["year"]), DOI, "en")
    assert item["tags"] == FRONT["keywords"]["en"]
    assert item["citation_journal_title"] == FRONT["journal"]["title"]
    # Parts of the venue no source states are not there.
    assert not {"citation_volume", "citation_issue", "citation_firstpage", "citation_issn"} & set(item)
    assert "url" not in item  # no site_url in this build: no invented absolute address


def test_dublin_core_keeps_english_first_and_marks_the_other_languages(pages) -> None:
    page = pages[CANONICAL]
    titles = [(m.get("lang"), m.get("content")) for m in _meta(page, "DC.title")]
    assert titles == [(None, FRONT["titles"]["en"]), ("kk", FRONT["titles"]["kk"]), ("ru", FRONT["titles"]["ru"])]
    descriptions = [(m.get("lang"), m.get("content")) for m in _meta(page, "DC.description")]
    assert [lang for lang, _ in descriptions] == [None, "kk", "ru"]
    assert descriptions[1][1].startswith("Мақалада") and descriptions[2][1].startswith("В статье")
    assert page.get("lang") == "en" and _content(page, "DC.language") == ["en"]
    assert _content(page, "DC.creator") == [f"{a['family']['en']}, {a['given']['en']}" for a in FRONT["authors"]]
    properties = {m.get("property"): m.get("content") for m in page.xpath("/html/head/meta[@property]")}
    assert (properties["og:type"], properties["og:title"]) == ("article", FRONT["titles"]["en"])


def test_references_are_those_cited_on_the_page(pages) -> None:
    page = pages[CANONICAL]
    cited = {int(href.rsplit("-", 1)[1]) for href in page.xpath("//a[@class='edition-cite__link']/@href")}
    references = _content(page, "citation_reference")
    assert len(references) == len(cited) == len({n for printed in PRINTED_CITATIONS for n in cited_numbers(printed)})
    assert references[1].startswith("citation_title=Politics Among Nations")
    (data,) = JsonLdExtractor().extract(lxml.html.tostring(page, encoding="unicode"))
    assert len(data["citation"]) == len(cited)


def test_website_level_metadata_only_elsewhere(pages) -> None:
    for url, page in pages.items():
        if url == CANONICAL:
            continue
        names = {m.get("name") or m.get("property") for m in page.xpath("/html/head/meta")} - {None}
        assert names <= {"viewport", "description", "generator"}, (url, names)  # no author: not theirs
        assert not page.xpath("//script[@type='application/ld+json']"), url


def test_json_in_script_elements_escapes_every_angle_bracket_and_ampersand(pages) -> None:
    scripts = pages[CANONICAL].xpath("//script[@type='application/ld+json' or @id='edition-cite-data']/text()")
    assert len(scripts) == 2
    for text in scripts:
        assert not re.search(r"[<>&]", text)
        json.loads(text)
    hostile = "</script><!--<script>alert(1)</script> & more"
    assert json.loads(script_json({"title": hostile})) == {"title": hostile}
    assert not re.search(r"[<>&]", script_json({"title": hostile}))


def test_a_hostile_title_stays_inside_its_script_and_attributes() -> None:
    author = Author(given="A", family="B", name="A B", institution="I", affiliation="I", place="P")
    record = ArticleRecord(title="</script><!--<script>x", titles={"en": "</script><!--<script>x"},
                           authors=(author,), doi="10.1000/182", year="2022", keywords={"en": ["<b>"]},
                           abstracts={"en": "a & b"}, page="article.md")
    head = head_metadata(record, [], None)
    assert not re.search(r"[<>&]", head["json_ld"]) and not re.search(r"[<>&]", head["cite_data"])
    assert json.loads(head["json_ld"])["headline"] == record.title


def _record_with_venue(**journal: str) -> ArticleRecord:
    author = Author(given="Ann", family="Author", name="Ann Author", institution="I", affiliation="I", place="P")
    return ArticleRecord(title="T", titles={"en": "T"}, authors=(author,), doi="10.1000/182", year="2022",
                         keywords={"en": ["k"]}, abstracts={"en": "a"}, page="article.md",
                         journal=Journal(title="Tiny Journal", source="https://tiny.example/a/1", **journal))


def test_every_part_of_the_venue_the_record_has_is_in_the_head_and_nothing_else() -> None:
    full = head_metadata(_record_with_venue(volume="4", issue="2", first_page="45", last_page="61",
                                            issn="2049-3630"), [], "https://example.org/article/")
    meta = {name: content for name, content, _ in full["meta"] if name.startswith("citation_") and
            name != "citation_reference"}
    assert {name: meta[name] for name in meta if name in (
        "citation_journal_title", "citation_volume", "citation_issue", "citation_firstpage", "citation_lastpage",
        "citation_issn")} == {"citation_journal_title": "Tiny Journal", "citation_volume": "4",
                              "citation_issue": "2", "citation_firstpage": "45", "citation_lastpage": "61",
                              "citation_issn": "2049-3630"}
    data = json.loads(full["json_ld"])
    assert data["isPartOf"] == {"@type": "PublicationIssue", "issueNumber": "2", "isPartOf": {
        "@type": "PublicationVolume", "volumeNumber": "4", "isPartOf": {
            "@type": "Periodical", "name": "Tiny Journal", "issn": "2049-3630"}}}
    assert (data["pageStart"], data["pageEnd"]) == ("45", "61")
    assert data["url"] == data["mainEntityOfPage"] == "https://example.org/article/"
    bare = head_metadata(_record_with_venue(), [], None)
    names = [name for name, _, _ in bare["meta"]]
    assert "citation_journal_title" in names and "citation_volume" not in names and "citation_issn" not in names
    assert json.loads(bare["json_ld"])["isPartOf"] == {"@type": "Periodical", "name": "Tiny Journal"}
    assert "url" not in json.loads(bare["json_ld"])


def test_cited_works_keep_their_journal_volume_pages_and_site(pages) -> None:
    (data,) = JsonLdExtractor().extract(lxml.html.tostring(pages[CANONICAL], encoding="unicode"))
    works = {work["name"]: work for work in data["citation"]}
    walt = works["Alliances in theory and practice: what lies ahead?"]
    assert walt["isPartOf"] == {"@type": "PublicationIssue", "issueNumber": "1", "isPartOf": {
        "@type": "PublicationVolume", "volumeNumber": "43",
        "isPartOf": {"@type": "Periodical", "name": "Journal of International Affairs"}}}
    assert (walt["pageStart"], walt["pageEnd"]) == ("1", "17")
    sites = [work["publisher"]["name"] for work in data["citation"] if work["@type"] == "WebPage"
             and "publisher" in work]
    assert "Cabar.asia" in sites and "Uza.uz" in sites
    references = _content(pages[CANONICAL], "citation_reference")
    assert any("citation_publisher=Cabar.asia" in reference for reference in references)
    assert any("citation_journal_title=Journal of International Affairs; citation_volume=43; citation_issue=1; "
               "citation_firstpage=1; citation_lastpage=17" in reference for reference in references)


def test_absolute_urls_appear_only_when_the_site_url_is_known(pages, tmp_path: Path) -> None:
    assert not _meta(pages[CANONICAL], "citation_fulltext_html_url")
    os.environ["EDITION_SITE_URL"] = "https://example.org/edition/"
    try:
        result = run_mkdocs_build(ROOT, tmp_path)
    finally:
        del os.environ["EDITION_SITE_URL"]
    assert result.returncode == 0, result.stderr
    page = lxml.html.parse(str(tmp_path / "article" / "index.html")).getroot()
    assert _content(page, "citation_fulltext_html_url") == ["https://example.org/edition/article/"]
    # The article's PDF (edition/outputs/paged.py): relative without the address, absolute with it.
    assert _content(page, "citation_pdf_url") == [
        "https://example.org/edition/exports/zhailin-shamsieva-2022-edition.pdf"]
    assert _meta(pages[CANONICAL], "citation_pdf_url")
    assert page.xpath("/html/head/meta[@property='og:url']/@content") == ["https://example.org/edition/article/"]
    (data,) = JsonLdExtractor().extract(lxml.html.tostring(page, encoding="unicode"))
    assert data["url"] == data["mainEntityOfPage"] == "https://example.org/edition/article/"
    title_page = lxml.html.parse(str(tmp_path / "index.html")).getroot()
    assert title_page.xpath("//link[@rel='canonical']/@href") == ["https://example.org/edition/"]
    assert not _meta(title_page, "citation_title")
