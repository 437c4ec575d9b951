"""Cite and export, checked by readers we did not write: pybtex (BibTeX), rispy (RIS) and
citeproc-py (CSL-JSON) read each export, and the three readings are compared field by
field, item by item. The head metadata has its own file (tests/test_head_metadata.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import citeproc
import pybtex.errors
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, Entry, parse_string
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

import sources
from conftest import ROOT, BuiltSite
from edition.inputs.record import ArticleRecord, Author, Journal
from edition.outputs.exports import article_item, to_bibtex, to_csl_json, to_ris

FRONT = yaml.safe_load((ROOT / "docs" / "article.md").read_text(encoding="utf-8").split("---")[1])["edition"]
DOI = FRONT["doi"]
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian"}
BIB_TYPES = {"article": "article-journal", "book": "book", "online": "webpage"}
RIS_TYPES = {"JOUR": "article-journal", "BOOK": "book", "ELEC": "webpage"}


def _export(site: BuiltSite, name: str) -> str:
    return (site.root / "exports" / name).read_text(encoding="utf-8")


def _plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


def _words(text: str | None) -> str | None:
    """`text` with its whitespace runs (a reader's folded line breaks) as single spaces."""
    return re.sub(r"\s+", " ", text).strip() if text else None


def _keywords(text: str | None) -> list[str]:
    return [word.strip() for word in (text or "").split(",") if word.strip()]


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
        "volume": fields.get("volume"),
        "issue": fields.get("number"),
        "issn": fields.get("issn"),
        "place": _plain(fields["address"]) if "address" in fields else None,
        "keywords": _keywords(fields.get("keywords")),
        "note": _words(_plain(fields["annote"])) if "annote" in fields else None,
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
        "volume": record.get("volume"),
        "issue": record.get("number"),
        "issn": record.get("issn"),
        "place": record.get("place_published"),
        "keywords": record.get("keywords", []),
        "note": _words(" ".join(record.get("notes", []))),
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
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        "issn": item.get("ISSN"),
        "place": item.get("publisher-place"),
        "keywords": _keywords(item.get("keyword")),
        "note": _words(item.get("note")),
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


def _labelled(text: str) -> set[tuple[str, str, str]]:
    """(language, "title"/"abstract"/"key words", text) of each labelled line of a note,
    split at the labels (BibTeX readers fold the line breaks into spaces)."""
    label = r"(?:(Kazakh|Russian) (title|abstract)|Key words \((English|Kazakh|Russian)\)): "
    following = r"(?:Kazakh|Russian) (?:title|abstract): |Key words \((?:English|Kazakh|Russian)\): "
    names = {name: lang for lang, name in {**LANGUAGE_NAMES, "en": "English"}.items()}
    found = set()
    for match in re.finditer(label + r"(.*?)\s*(?=" + following + r"|$)", _words(text) or ""):
        name, kind, keyword_language, value = match.groups()
        found.add((names[name], kind, value) if name else (names[keyword_language], "key words", value))
    return found


def test_every_language_reaches_the_fields_zotero_imports(built_site: BuiltSite) -> None:
    """Zotero's importers (zotero/translators BibTeX.js, RIS.js, "CSL JSON.js"): BibTeX
    `annote` and RIS `N1` become notes, CSL `note` becomes Extra; BibTeX `keywords` and RIS
    `KW` become tags. RIS `TT` and CSL `custom` and `keyword` are not imported, so the
    Kazakh and Russian titles, abstracts and key words must be in those notes."""
    expected = {(lang, "title", FRONT["titles"][lang]) for lang in ("kk", "ru")}
    expected |= {(lang, "abstract", _front_abstract(lang)) for lang in ("kk", "ru")}
    expected |= {(lang, "key words", ", ".join(words)) for lang, words in FRONT["keywords"].items()}
    every_keyword = [word for words in FRONT["keywords"].values() for word in words]

    (entry,) = parse_string(_export(built_site, "article.bib"), "bibtex").entries.values()
    assert _labelled(entry.fields["annote"]) == expected
    assert _keywords(entry.fields["keywords"]) == every_keyword
    assert "note" not in entry.fields  # styles print `note`

    (record,) = rispy.loads(_export(built_site, "article.ris"), list_tags=[*rispy.LIST_TYPE_TAGS, "TT"])
    assert _labelled("\n".join(record["notes"])) == expected
    assert record["keywords"] == every_keyword
    assert record["translated_title"] == [FRONT["titles"]["kk"], FRONT["titles"]["ru"]]  # for readers that know TT

    (item,) = json.loads(_export(built_site, "article.json"))
    assert _labelled(item["note"]) == expected
    custom = {(lang, kind[:-1], text) for kind, texts in item["custom"].items() for lang, text in texts.items()}
    assert custom == {entry for entry in expected if entry[1] != "key words"}


def test_the_labels_are_read_apart() -> None:
    """The label reader above on a folded note, so that the test above can fail."""
    assert _labelled("Kazakh title: A b Russian abstract: C. Key words (English): d, e") == {
        ("kk", "title", "A b"), ("ru", "abstract", "C."), ("en", "key words", "d, e")}


def test_pybtex_reads_the_bibtex_exports_strictly(built_site: BuiltSite) -> None:
    pybtex.errors.set_strict_mode(True)
    (entry,) = parse_string(_export(built_site, "article.bib"), "bibtex").entries.values()
    assert entry.type == "article" and entry.fields["journal"] == FRONT["journal"]["title"]
    assert not {"volume", "number", "pages", "issn"} & set(entry.fields)  # no source states them
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
    assert (article["type_of_reference"], article["secondary_title"], article["journal_name"]) == (
        "JOUR", FRONT["journal"]["title"], FRONT["journal"]["title"])


def test_pybtex_plain_style_prints_no_export_note(built_site: BuiltSite) -> None:
    """pybtex's plain style prints a BibTeX `note`; the exports' notes are in `annote`,
    which it leaves out, so a formatted reference is the reference and nothing else."""
    style = find_plugin("pybtex.style.formatting", "plain")()
    for name in ("article.bib", "references.bib"):
        data = parse_string(_export(built_site, name), "bibtex")
        rendered = [entry.text.render_as("text") for entry in style.format_bibliography(data)]
        assert len(rendered) == len(data.entries)
        assert not any("Zhailin & Shamsieva" in text or "As printed" in text for text in rendered)
    (article,) = style.format_bibliography(parse_string(_export(built_site, "article.bib"), "bibtex"))
    assert f"{FRONT['journal']['title']}, {FRONT['year']}" in article.text.render_as("text")


def test_every_format_gives_the_correction_with_the_printed_reading_beside_it(built_site: BuiltSite,
                                                                            readings) -> None:
    """Each emended field of bib/references.bib: its corrected reading in the field, its
    printed reading in the item's note, in the same words in every format (and the JATS
    ``comment``)."""
    emended = [(number, name, value) for number, entry in zip(sources.reference_numbers(), sources.references(),
                                                               strict=True)
               for name, value in entry.fields.items() if "{sic:" in value]
    assert len(emended) == sources.bib_emendations()
    jats = etree.parse(built_site.root / "exports" / "article.jats.xml").getroot()
    for number, name, value in emended:
        printed = _plain(re.sub(r"\{sic:\s*([^|{}]+?)\s*\|[^{}]*\}", r"\1", value))
        for fmt in ("bibtex", "ris", "csl"):
            record = readings["references"][fmt][number - 1]
            assert f"As printed ({name}): {printed}." in record["note"], (fmt, number)
            assert printed not in str(record[{"title": "title", "publisher": "publisher"}[name]])
        comments = [c.text for c in jats.iterfind(f"back/ref-list/ref[@id='ref-{number}']/element-citation/comment")]
        assert comments == [f"As printed ({name}): {printed}"]


def test_no_note_ends_with_doubled_punctuation(readings) -> None:
    for fmt, records in readings["references"].items():
        for record in records:
            assert not re.search(r"[?!.]\.", record["note"]), (fmt, record["note"])
    assert readings["references"]["csl"][16]["note"].endswith("regional cooperation in Central Asia?")  # ref. 17


def test_a_structured_place_holds_one_place_and_the_note_the_printed_one(readings) -> None:
    """Ref. 5 prints "Ithaca, N.Y. London": the place field of each format takes the first
    place of bib's `location` list, and the note keeps the address as printed."""
    entry = sources.references()[4]
    first = _plain(entry.fields["location"]).split(" and ")[0]
    for fmt in ("bibtex", "ris", "csl"):
        walt = readings["references"][fmt][4]
        assert walt["place"] == first == "Ithaca, N.Y."
        assert f"Place as printed: {_plain(entry.fields['address'])}." in walt["note"]


def test_every_part_of_a_recorded_venue_reaches_every_format() -> None:
    """A record with the whole venue (volume, issue, pages, ISSN): each format carries each
    part, read back by its own reader, field by field."""
    author = Author(given="Ann", family="Author", name="Ann Author", institution="I", affiliation="I", place="P")
    record = ArticleRecord(title="T", titles={"en": "T"}, authors=(author,), doi="10.1000/182", year="2022",
                           keywords={"en": ["k"]}, abstracts={"en": "a"}, page="article.md",
                           journal=Journal(title="Tiny Journal", source="https://tiny.example/a/1", volume="4",
                                           issue="2", first_page="45", last_page="61", issn="2049-3630"))
    item = article_item(record)
    (bib,) = parse_string(to_bibtex([item]), "bibtex").entries.values()
    (ris,) = rispy.loads(to_ris([item]))
    readings = [_from_bibtex(bib), _from_ris(ris), _from_csl(json.loads(to_csl_json([item]))[0])]
    for reading in readings:
        assert (reading["container"], reading["volume"], reading["issue"], reading["pages"], reading["issn"]) == (
            "Tiny Journal", "4", "2", "45-61", "2049-3630")
    assert ris["journal_name"] == "Tiny Journal"
    assert record.citation() == "Author, A. (2022). T. Tiny Journal, 4(2), 45–61. https://doi.org/10.1000/182"


def test_citeproc_renders_the_article_as_a_journal_article(built_site: BuiltSite) -> None:
    """citeproc-py with its bundled style (Harvard, Cite Them Right): the article's title
    in roman, the journal in italics, as a journal article, not a book."""
    style_path = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_path), validate=False)
    (item,) = json.loads(_export(built_site, "article.json"))
    assert (item["type"], item["container-title"]) == ("article-journal", FRONT["journal"]["title"])
    item = {k: v for k, v in item.items() if k != "custom"}
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert f"<i>{FRONT['journal']['title']}</i>" in rendered
    assert f"<i>{FRONT['titles']['en']}" not in rendered  # a book's title would be in italics
    assert "Kazakh title" not in rendered and "Key words" not in rendered  # the note is not printed


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


def test_the_cite_page_shows_each_export_of_the_article_and_links_one_too_long_to_show(built_site: BuiltSite) -> None:
    """The Cite & export page shows the one article's exports to copy, all under the
    limit; a corpus's export past INLINE_LIMIT is linked with its size, not inlined."""
    from edition.outputs.cite_markdown import INLINE_LIMIT, export_block

    page = built_site.page("cite/")
    for name in ("article", "references"):
        for suffix in ("bib", "ris", "json"):
            text = (built_site.root / "exports" / f"{name}.{suffix}").read_text(encoding="utf-8")
            assert len(text.encode()) <= INLINE_LIMIT
            assert f'id="{name}-{suffix}-text"' in page
    short = "\n".join(export_block("references", "bib", "BibTeX", "../exports/references.bib", "@misc{a,}\n"))
    assert 'id="references-bib-text"' in short and "too long" not in short
    long = "\n".join(export_block("references", "bib", "BibTeX", "../exports/references.bib",
                                  "@misc{a,}\n" * (INLINE_LIMIT // 10 + 1)))
    assert "references-bib-text" not in long and "@misc" not in long
    assert "[references.bib](../exports/references.bib)" in long and "KB) is too long to show here" in long
