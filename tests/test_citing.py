"""Cite and export, checked by readers we did not write: pybtex (BibTeX), rispy (RIS) and
citeproc-py (CSL-JSON) read each export, and the three readings are compared field by
field, item by item. The head metadata has its own file (tests/test_head_metadata.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import citeproc
import pybtex.errors
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, Entry, parse_string
from pybtex.richtext import Text

import sources
from conftest import ROOT, BuiltSite

FRONT = yaml.safe_load((ROOT / "docs" / "article.md").read_text(encoding="utf-8").split("---")[1])["edition"]
DOI = FRONT["doi"]
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian"}
BIB_TYPES = {"article": "article-journal", "book": "book", "online": "webpage"}
RIS_TYPES = {"JOUR": "article-journal", "BOOK": "book", "ELEC": "webpage"}


def _export(site: BuiltSite, name: str) -> str:
    return (site.root / "exports" / name).read_text(encoding="utf-8")


def _plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


def _front_abstract(lang: str) -> str:
    """The abstract as the article page's source gives it, paragraphs joined."""
    body = (ROOT / "docs" / "article.md").read_text(encoding="utf-8")
    block = re.search(rf"\{{ #abstract-{lang} \}}\n(.*?)\n<!-- edition:keywords {lang} -->", body, re.DOTALL)[1]
    return " ".join(part.strip() for part in block.strip().split("\n\n"))


# --- one neutral record per item, from each reader --------------------------------


def _from_bibtex(entry) -> dict:
    fields = entry.fields
    site = fields.get("journaltitle") if entry.type == "online" else None
    return {
        "type": BIB_TYPES[entry.type],
        "title": _plain(fields["title"]),
        "authors": [str(person) for person in entry.persons.get("author", [])],
        "year": fields.get("year"),
        "container": _plain(fields.get("journal") or site) if (fields.get("journal") or site) else None,
        "publisher": _plain(fields["publisher"]) if "publisher" in fields else None,
        "pages": fields.get("pages", "").replace("--", "-") or None,
        "url": fields.get("url"),
        "doi": fields.get("doi"),
        "accessed": fields.get("urldate"),
    }


def _from_ris(record: dict) -> dict:
    pages = "-".join(p for p in (record.get("start_page"), record.get("end_page")) if p) or None
    return {
        "type": RIS_TYPES[record["type_of_reference"]],
        "title": record["title"],
        "authors": record.get("authors", []),
        "year": record.get("year"),
        "container": record.get("secondary_title"),
        "publisher": record.get("publisher"),
        "pages": pages,
        "url": (record.get("urls") or [None])[0],
        "doi": record.get("doi"),
        "accessed": record["access_date"].replace("/", "-") if "access_date" in record else None,
    }


def _from_csl(item: dict) -> dict:
    def date(name: str) -> str | None:
        parts = item.get(name, {}).get("date-parts", [[]])[0]
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) or None

    return {
        "type": item["type"],
        "title": item["title"],
        "authors": [f"{a['family']}, {a['given']}" for a in item.get("author", [])],
        "year": (date("issued") or "")[:4] or None,
        "container": item.get("container-title"),
        "publisher": item.get("publisher"),
        "pages": item.get("page"),
        "url": item.get("URL"),
        "doi": item.get("DOI"),
        "accessed": date("accessed"),
    }


@pytest.fixture(scope="module")
def readings(built_site: BuiltSite) -> dict[str, dict[str, list[dict]]]:
    """name -> format -> records, each export read by its own reader."""
    pybtex.errors.set_strict_mode(True)
    out = {}
    for name in ("article", "references"):
        bib = parse_string(_export(built_site, f"{name}.bib"), "bibtex")
        out[name] = {"bibtex": [_from_bibtex(e) for e in bib.entries.values()],
                     "ris": [_from_ris(r) for r in rispy.loads(_export(built_site, f"{name}.ris"))],
                     "csl": [_from_csl(i) for i in json.loads(_export(built_site, f"{name}.json"))]}
    return out


@pytest.mark.parametrize("name", ["article", "references"])
def test_the_three_formats_agree_field_by_field(readings, name: str) -> None:
    formats = readings[name]
    expected = 1 if name == "article" else len(sources.references())
    assert len(formats["bibtex"]) == len(formats["ris"]) == len(formats["csl"]) == expected
    for bib, ris, csl in zip(formats["bibtex"], formats["ris"], formats["csl"], strict=True):
        for field in csl:
            assert bib[field] == ris[field] == csl[field], (name, csl["title"][:40], field)


def test_every_item_with_an_address_has_it_in_every_format(readings) -> None:
    article = readings["article"]
    assert [r["url"] for r in article["bibtex"]] == [f"https://doi.org/{DOI}"]
    references = readings["references"]
    with_url = [r["url"] for r in references["csl"] if r["url"]]
    assert with_url == [entry.fields["url"] for entry in sources.references_with_url()]
    assert [r["url"] for r in references["bibtex"] if r["url"]] == with_url
    assert [r["url"] for r in references["ris"] if r["url"]] == with_url


def test_web_site_names_survive_in_the_field_zotero_maps_for_web_pages(built_site: BuiltSite, readings) -> None:
    """Zotero's BibTeX import: `journaltitle` -> publicationTitle, which a web page keeps
    as its Website Title; `organization` -> publisher, which a web page lacks (dropped)."""
    entries = parse_string(_export(built_site, "references.bib"), "bibtex").entries.values()
    sites = [e for e in entries if e.type == "online" and "organization" in e.fields]
    # The web references whose site the article names.
    assert [_plain(e.fields["organization"]) for e in sites] == [
        _plain(e.fields["organization"]) for e in sources.web_references_naming_their_site()]
    for entry in sites:
        assert entry.fields["journaltitle"] == entry.fields["organization"]
    named = [r["container"] for r in readings["references"]["ris"] if r["type"] == "webpage" and r["container"]]
    assert named == [_plain(e.fields["journaltitle"]) for e in sites]


def test_kazakh_and_russian_titles_and_abstracts_are_in_every_export(built_site: BuiltSite) -> None:
    expected = {(lang, "title", FRONT["titles"][lang]) for lang in ("kk", "ru")}
    expected |= {(lang, "abstract", _front_abstract(lang)) for lang in ("kk", "ru")}

    (entry,) = parse_string(_export(built_site, "article.bib"), "bibtex").entries.values()
    # BibTeX readers fold the field's blank lines into spaces: split at the labels.
    label = r"(Kazakh|Russian) (title|abstract): "
    labelled = re.findall(label + r"(.*?)\s*(?=" + label.replace("(", "(?:") + r"|$)", entry.fields["annote"])
    names = {name: lang for lang, name in LANGUAGE_NAMES.items()}
    assert {(names[name], kind, text) for name, kind, text in labelled} == expected

    (record,) = rispy.loads(_export(built_site, "article.ris"), list_tags=[*rispy.LIST_TYPE_TAGS, "TT"])
    ris = {(lang, "title", title) for lang, title in zip(("kk", "ru"), record["translated_title"], strict=True)}
    ris |= {(names[m[1]], "abstract", m[2]) for note in record["notes"]
            if (m := re.match(r"(Kazakh|Russian) abstract: (.*)", note))}
    assert ris == expected

    (item,) = json.loads(_export(built_site, "article.json"))
    csl = {(lang, kind[:-1], text) for kind, texts in item["custom"].items() for lang, text in texts.items()}
    assert csl == expected


def test_pybtex_reads_the_bibtex_exports_strictly(built_site: BuiltSite) -> None:
    pybtex.errors.set_strict_mode(True)
    (entry,) = parse_string(_export(built_site, "article.bib"), "bibtex").entries.values()
    assert entry.type == "article" and "journal" not in entry.fields  # the source names no journal
    assert _plain(entry.fields["abstract"]) == _front_abstract("en")
    references = parse_string(_export(built_site, "references.bib"), "bibtex")
    assert _plain(references.entries["wight1978"].fields["publisher"]) == "Holmes & Meier Publishers"  # emended
    mustafaev = references.entries["mustafaev2021"]
    assert mustafaev.fields["url"].endswith("?q=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD")


def test_pybtex_writer_alone_would_lose_urls() -> None:
    """Why edition/outputs/exports.py writes url/doi/urldate verbatim: pybtex's writer LaTeX-encodes
    every field, and a URL read back (by pybtex, or verbatim by biblatex) is another URL."""
    url = "https://example.org/legal_acts/?q=%D0%9A"
    text = BibliographyData(entries={"k": Entry("online", fields={"title": "T", "url": url})}).to_string("bibtex")
    assert parse_string(text, "bibtex").entries["k"].fields["url"] != url


def test_rispy_reads_the_ris_exports(built_site: BuiltSite) -> None:
    text = _export(built_site, "references.ris")
    assert text.startswith("TY  - "), "no line before the first record"
    references = rispy.loads(text)
    assert [r["type_of_reference"] for r in references[1:6]] == ["BOOK"] * 4 + ["JOUR"]
    walt = references[5]
    assert (walt["start_page"], walt["end_page"], walt["volume"], walt["number"]) == ("1", "17", "43", "1")
    assert references[0]["access_date"] == "2022/02/10"
    (article,) = rispy.loads(_export(built_site, "article.ris"))
    assert article["keywords"] == FRONT["keywords"]["en"]


def test_citeproc_renders_the_csl_json_exports(built_site: BuiltSite) -> None:
    style_path = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_path), validate=False)
    for name, count, expected in (("article.json", 1, "Zhailin"),
                                   ("references.json", len(sources.references()), "Morgenthau")):
        # `custom` is the schema's place for data without a CSL variable; citeproc has no use for it.
        items = [{k: v for k, v in item.items() if k != "custom"} for item in json.loads(_export(built_site, name))]
        assert len(items) == count
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == count and any(expected in text for text in rendered)
    (article,) = json.loads(_export(built_site, "article.json"))
    assert article["DOI"] == DOI and article["abstract"] == _front_abstract("en")


def test_how_to_cite_block_offers_the_citation_and_leads_to_the_exports(built_site: BuiltSite) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built_site.page(""), "html.parser")
    citation = soup.find(id="how-to-cite").find_next("pre").get_text().strip()
    assert citation.startswith("Zhailin, D., & Shamsieva, I. (2022). " + FRONT["titles"]["en"])
    assert citation.endswith(f"https://doi.org/{DOI}")
    links = {a["href"] for a in soup.select("article a[href^='exports/']")}
    # The record in three formats, and the article as a paged PDF (edition/outputs/paged.py).
    pdf = "exports/zhailin-shamsieva-2022-edition.pdf"
    assert links == {f"exports/article.{s}" for s in ("bib", "ris", "json")} | {pdf}
    assert all((built_site.root / href).is_file() for href in links)
    assert soup.select_one("article a[href='cite/']") is not None
    # The export texts live on the Cite & export page, not here.
    assert len(soup.select("article pre")) == 1 and not soup.select("article details")


def test_cite_page_offers_every_export_to_download_and_copy(built_site: BuiltSite) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built_site.page("cite/"), "html.parser")
    links = {a["href"] for a in soup.select("article a[href^='../exports/']")}
    assert links == ({f"../exports/{n}.{s}" for n in ("article", "references") for s in ("bib", "ris", "json")}
                     | {"../exports/edition.tei.xml", "../exports/article.jats.xml"})
    assert all((built_site.root / href.removeprefix("../")).is_file() for href in links)
    copyable = soup.select("article pre.edition-copyable--export")
    assert len(copyable) == 6
    for pre in copyable:
        # Plain text: no highlighting spans, left out of the search index.
        assert pre.find(True) is None and pre.has_attr("data-search-exclude")
    assert copyable[0].get_text().strip() == _export(built_site, "article.bib").strip()
