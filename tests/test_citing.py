"""Cite and export, checked by readers we did not write: pybtex (BibTeX), rispy (RIS),
citeproc-py (CSL-JSON), extruct (JSON-LD), and the citation_* tags read the way
Zotero's Embedded Metadata translator reads them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import citeproc
import pybtex.errors
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from extruct.jsonld import JsonLdExtractor
from pybtex.database import parse_string
from pybtex.richtext import Text

from conftest import ROOT, BuiltSite, run_mkdocs_build

FRONT = yaml.safe_load((ROOT / "docs" / "article.md").read_text(encoding="utf-8").split("---")[1])["edition"]
DOI = FRONT["doi"]


def _export(site: BuiltSite, name: str) -> str:
    return (site.root / "exports" / name).read_text(encoding="utf-8")


def _plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


def test_pybtex_reads_the_bibtex_exports(built_site: BuiltSite) -> None:
    pybtex.errors.set_strict_mode(True)
    article = parse_string(_export(built_site, "article.bib"), "bibtex")
    (entry,) = article.entries.values()
    assert entry.type == "article"
    assert _plain(entry.fields["title"]) == FRONT["titles"]["en"]
    assert entry.fields["doi"] == DOI and entry.fields["year"] == str(FRONT["year"])
    assert [str(p) for p in entry.persons["author"]] == [
        f"{a['family']['en']}, {a['given']['en']}" for a in FRONT["authors"]]
    assert "journal" not in entry.fields  # the source does not name the journal
    references = parse_string(_export(built_site, "references.bib"), "bibtex")
    assert len(references.entries) == 19
    wight = references.entries["wight1978"]
    assert _plain(wight.fields["publisher"]) == "Holmes & Meier Publishers"  # the emended reading
    mustafaev = references.entries["mustafaev2021"]
    assert mustafaev.fields["url"].endswith("?q=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD")


def test_rispy_reads_the_ris_exports(built_site: BuiltSite) -> None:
    (article,) = rispy.loads(_export(built_site, "article.ris"))
    assert article["type_of_reference"] == "JOUR"
    assert article["title"] == FRONT["titles"]["en"] and article["doi"] == DOI
    assert article["authors"] == ["Zhailin, Dauren", "Shamsieva, Iroda"]
    assert article["keywords"] == FRONT["keywords"]["en"]
    references = rispy.loads(_export(built_site, "references.ris"))
    assert len(references) == 19
    assert [r["type_of_reference"] for r in references[1:6]] == ["BOOK"] * 4 + ["JOUR"]
    walt = references[5]
    assert (walt["start_page"], walt["end_page"], walt["volume"], walt["number"]) == ("1", "17", "43", "1")
    assert references[0]["urls"][0].startswith("https://www.akorda.kz/")
    assert references[0]["access_date"] == "2022/02/10"


def test_citeproc_renders_the_csl_json_exports(built_site: BuiltSite) -> None:
    style_path = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_path), validate=False)
    for name, count, expected in (("article.json", 1, "Zhailin"), ("references.json", 19, "Morgenthau")):
        items = json.loads(_export(built_site, name))
        assert len(items) == count
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == count
        assert any(expected in text for text in rendered)
    article = json.loads(_export(built_site, "article.json"))[0]
    assert article["DOI"] == DOI and article["abstract"].startswith("The article analyzes")


def _head(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url), "html.parser")


def _zotero_embedded_metadata(soup: BeautifulSoup) -> dict:
    """Read citation_* tags as Zotero's Embedded Metadata translator maps them: the title,
    one creator per citation_author ("Last, First" split at the comma), the date, DOI,
    language, tags from citation_keywords (split at ';'), and the URL."""
    tags = [(m["name"], m["content"]) for m in soup.find_all("meta", attrs={"name": True})
            if m["name"].startswith("citation_")]
    item = {"creators": [], "tags": [], "institutions": []}
    for name, content in tags:
        if name == "citation_author":
            last, _, first = content.partition(",")
            item["creators"].append({"lastName": last.strip(), "firstName": first.strip(), "creatorType": "author"})
        elif name == "citation_author_institution":
            item["institutions"].append((item["creators"][-1]["lastName"], content))
        elif name == "citation_keywords":
            item["tags"] += [tag.strip() for tag in content.split(";") if tag.strip()]
        elif name == "citation_reference":
            item.setdefault("references", []).append(content)
        else:
            item[{"citation_title": "title", "citation_publication_date": "date", "citation_doi": "DOI",
                  "citation_language": "language", "citation_fulltext_html_url": "url"}.get(name, name)] = content
    return item


def test_highwire_tags_read_as_zotero_reads_them(built_site: BuiltSite) -> None:
    item = _zotero_embedded_metadata(_head(built_site, "article/"))
    assert item["title"] == FRONT["titles"]["en"]
    assert item["creators"] == [{"lastName": a["family"]["en"], "firstName": a["given"]["en"], "creatorType": "author"}
                                for a in FRONT["authors"]]
    assert item["institutions"] == [(a["family"]["en"], a["institution"]) for a in FRONT["authors"]]
    assert (item["date"], item["DOI"], item["language"]) == (str(FRONT["year"]), DOI, "en")
    assert item["tags"] == FRONT["keywords"]["en"]
    assert len(item["references"]) == 19
    assert item["references"][1].startswith("citation_title=Politics Among Nations")
    assert "citation_journal_title" not in item
    assert "url" not in item  # no site_url in this build: no invented absolute address


def test_dublin_core_open_graph_and_cite_as(built_site: BuiltSite) -> None:
    soup = _head(built_site, "article/")
    names = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert names["DC.title"] == FRONT["titles"]["en"] and names["DC.identifier"] == f"doi:{DOI}"
    assert [m["content"] for m in soup.find_all("meta", attrs={"name": "DC.creator"})] == [
        "Zhailin, Dauren", "Shamsieva, Iroda"]
    properties = {m["property"]: m["content"] for m in soup.find_all("meta", attrs={"property": True})}
    assert properties["og:type"] == "article" and properties["og:title"] == FRONT["titles"]["en"]
    assert soup.find("link", rel="cite-as")["href"] == f"https://doi.org/{DOI}"


@pytest.mark.parametrize("url", ["", "references/"])
def test_no_article_metadata_on_other_pages(built_site: BuiltSite, url: str) -> None:
    soup = _head(built_site, url)
    assert soup.find("meta", attrs={"name": "citation_title"}) is None
    assert soup.find("link", rel="cite-as") is None


def test_extruct_reads_the_json_ld(built_site: BuiltSite) -> None:
    (data,) = \
        JsonLdExtractor().extract(built_site.page("article/"))
    assert data["@type"] == "ScholarlyArticle" and data["headline"] == FRONT["titles"]["en"]
    assert [(a["name"], a["affiliation"]["name"]) for a in data["author"]] == [
        (a["name"]["en"], a["institution"]) for a in FRONT["authors"]]
    assert {a["@language"] for a in data["abstract"]} == {"en", "kk", "ru"}
    assert any(a["@value"].startswith("Мақалада") for a in data["abstract"] if a["@language"] == "kk")
    assert data["identifier"]["value"] == DOI
    assert len(data["citation"]) == 19
    assert "publisher" not in data and "isPartOf" not in data  # the journal is not stated in the source
    keywords = {(k["@language"], k["@value"]) for k in data["keywords"]}
    assert ("ru", "Центральная Азия") in keywords and ("kk", "Орталық Азия") in keywords


def test_how_to_cite_block_offers_downloads_and_copyable_text(built_site: BuiltSite) -> None:
    soup = _head(built_site, "")
    section = soup.find(id="how-to-cite")
    citation = section.find_next("pre").get_text().strip()
    assert citation.startswith("Zhailin, D., & Shamsieva, I. (2022). " + FRONT["titles"]["en"])
    assert citation.endswith(f"https://doi.org/{DOI}")
    links = [a["href"] for a in soup.select("article a[href^='exports/']")]
    assert sorted(links) == sorted(f"exports/{n}.{s}" for n in ("article", "references")
                                   for s in ("bib", "ris", "json"))
    for href in links:
        assert (built_site.root / href).is_file()
    copyable = [d.get_text() for d in soup.select("article details pre")]
    assert len(copyable) == 6
    assert copyable[0].strip() == _export(built_site, "article.bib").strip()


def test_absolute_urls_appear_only_when_the_site_url_is_known(tmp_path: Path) -> None:
    os.environ["EDITION_SITE_URL"] = "https://example.org/edition/"
    try:
        result = run_mkdocs_build(ROOT, tmp_path)
    finally:
        del os.environ["EDITION_SITE_URL"]
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "article" / "index.html").read_text(encoding="utf-8"), "html.parser")
    item = _zotero_embedded_metadata(soup)
    assert item["url"] == "https://example.org/edition/article/"
    assert soup.find("meta", attrs={"property": "og:url"})["content"] == "https://example.org/edition/article/"
