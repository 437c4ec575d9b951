"""The TEI and JATS exports: valid against their schemas offline, a broken document
rejected (so the validators are live), pointers resolving, and counts agreeing with the
edition as the reader sees it and with its sources (tests/sources.py: the article's
paragraphs and printed citations, the references of the bib, every emendation, note,
register entry and glossary term)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pypandoc
import pytest
from bs4 import BeautifulSoup
from pybtex.richtext import Text

import sources
from conftest import ROOT, BuiltSite, run_mkdocs_build
from edition.core.emendations import corrected
from sites import copy_project
from xml_validators import validate_jats, validate_tei

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REGISTERS = {"persons": "person", "organisations": "org", "places": "place", "documents": "bibl"}


@pytest.fixture(scope="module")
def tei_file(built_site: BuiltSite) -> Path:
    return built_site.root / "exports" / "edition.tei.xml"


@pytest.fixture(scope="module")
def jats_file(built_site: BuiltSite) -> Path:
    return built_site.root / "exports" / "article.jats.xml"


@pytest.fixture(scope="module")
def tei(tei_file: Path) -> etree.Element:
    return etree.parse(tei_file).getroot()


@pytest.fixture(scope="module")
def jats(jats_file: Path) -> etree.Element:
    return etree.parse(jats_file).getroot()


def _html(built_site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(url), "html.parser")


def _broken(source: Path, folder: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = folder / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


# --- validity ------------------------------------------------------------------


def test_tei_is_valid_against_tei_all(tei_file: Path) -> None:
    result = validate_tei(tei_file)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout[:3000]


@pytest.mark.parametrize(("document", "validate", "paragraph", "message"), [
    ("tei_file", validate_tei, '<p n="1" xml:id="p1">', 'element "bogus" not allowed'),
    ("jats_file", validate_jats, '<p id="p1">', "No declaration for element bogus"),
])
def test_a_broken_document_is_rejected(document: str, validate, paragraph: str, message: str,
                                       request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A bogus element in the first paragraph: the validator is live, not a formality."""
    broken = _broken(request.getfixturevalue(document), tmp_path, paragraph, paragraph + "<bogus/>")
    result = validate(broken)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr


def test_tei_without_its_title_is_rejected(tei_file: Path, tmp_path: Path) -> None:
    text = tei_file.read_text(encoding="utf-8")
    title = re.search(r"<titleStmt>\s*<title type=\"main\">[^<]*</title>", text)[0]
    broken = _broken(tei_file, tmp_path, title, "<titleStmt>")
    result = validate_tei(broken)
    assert result.returncode != 0 and 'missing required element "title"' in result.stdout


def test_jats_is_valid_against_the_jats_1_4_archiving_dtd(jats_file: Path) -> None:
    assert "Journal Archiving and Interchange DTD v1.4 " in jats_file.read_text(encoding="utf-8")[:400]
    result = validate_jats(jats_file)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr[:3000]




def test_jats_validation_uses_the_local_dtd_and_no_network(jats_file: Path) -> None:
    """Without the catalog, --nonet leaves xmllint no DTD: the verdict comes from the
    npm package's files, never from a download."""
    result = validate_jats(jats_file, catalog=None)
    assert result.returncode != 0
    assert "failed to load" in result.stderr.lower() or "could not load" in result.stderr.lower(), result.stderr


def test_exports_are_generated_not_committed() -> None:
    committed = [path.relative_to(ROOT).as_posix() for path in ROOT.glob("docs/**/*.xml")]
    assert committed == []


# --- counts agree with the edition ---------------------------------------------


def test_tei_has_the_articles_paragraphs_with_their_numbers_and_ids(tei: etree.Element, built_site: BuiltSite) -> None:
    paragraphs = tei.findall(f"{TEI}text/{TEI}body//{TEI}p[@n]")
    assert [p.get("n") for p in paragraphs] == [str(n) for n in range(1, len(sources.article_paragraphs()) + 1)]
    html_ids = [p["id"] for p in _html(built_site, "article/").select("p.edition-para")]
    assert [p.get(XML_ID) for p in paragraphs] == html_ids


def test_tei_sections_are_the_articles(tei: etree.Element) -> None:
    heads = ["".join(div.find(f"{TEI}head").itertext()) for div in tei.findall(f"{TEI}text/{TEI}body/{TEI}div")]
    assert heads == list(sources.article_headings())


def test_tei_has_the_printed_citations_pointing_at_the_references(tei: etree.Element) -> None:
    citations = tei.findall(f"{TEI}text/{TEI}body//{TEI}ref[@type='bibl']")
    assert ["".join(c.itertext()) for c in citations] == sources.PRINTED_CITATIONS
    structs = tei.findall(f"{TEI}text/{TEI}back//{TEI}listBibl[@type='references']/{TEI}biblStruct")
    assert [s.get("n") for s in structs] == [str(n) for n in sources.reference_numbers()]
    ids = {s.get(XML_ID) for s in structs}
    assert {c.get("target")[1:] for c in citations} == ids  # every reference is cited
    assert [c.get("target") for c in citations][:2] == ["#ref-1", "#ref-2"]
    assert "".join(citations[1].itertext()) == "[2, p.137]"


def test_every_emendation_is_a_choice_with_sic_and_corr(tei: etree.Element, built_site: BuiltSite) -> None:
    accepted = _html(built_site, "about/emendations/").select("article table")[0]  # then the rejected
    rows = accepted.select("tbody tr")
    printed = [row.select("td")[2].get_text() for row in rows]
    corrected = [row.select("td")[3].get_text() for row in rows]
    choices = tei.findall(f".//{TEI}text//{TEI}choice")
    assert len(choices) == len(rows) == sources.page_emendations() + sources.bib_emendations()
    assert ["".join(c.find(f"{TEI}sic").itertext()).strip() for c in choices] == printed
    assert [c.find(f"{TEI}corr").text for c in choices] == corrected
    assert {c.find(f"{TEI}corr").get("resp") for c in choices} == {"#editors"}


def test_every_editorial_note_follows_its_paragraph(tei: etree.Element, built_site: BuiltSite) -> None:
    article = _html(built_site, "article/")
    expected = [(note["id"], f"#{note.find_parent('p', class_='edition-para')['id']}")
                for note in article.select(".edition-note[id^='note-']")]  # set in their paragraphs
    notes = tei.findall(f"{TEI}text/{TEI}body//{TEI}note[@type='editorial']")
    assert [(n.get(XML_ID), n.get("target")) for n in notes] == expected
    assert sorted(n.get(XML_ID) for n in notes) == sorted(f"note-{note['id']}" for note in sources.notes())
    assert {n.get("resp") for n in notes} == {"#editors"}


@pytest.mark.parametrize("register", sorted(REGISTERS))
def test_every_register_entry_is_in_the_standoff(register: str, tei: etree.Element, built_site: BuiltSite) -> None:
    shown = [h["id"] for h in _html(built_site, f"indexes/{register}/").select("article h2[id]:not(#editors-sources)")]
    entries = tei.findall(f"{TEI}standOff/*[@type='{register}']/{TEI}{REGISTERS[register]}")
    assert sorted(e.get(XML_ID) for e in entries) == sorted(f"{register}-{name}" for name in shown)
    assert shown


def _glossary_follows_its_pages(tei: etree.Element, site: BuiltSite, root: Path) -> list[etree.Element]:
    """The TEI's glossary has one item per term page of the project at `root`, the glossary's
    index links each page, and the article's mentions point at exactly these items."""
    pages = sources.glossary_pages(root)
    items = tei.findall(f"{TEI}standOff/{TEI}list[@type='gloss']/{TEI}item")
    assert len(items) == len(pages) > 0
    links = {a["href"].strip("/").removesuffix("/index.html")
             for a in _html(site, "glossary/").select("article a[href]")}
    assert {page.stem for page in pages} <= links
    terms = tei.findall(f"{TEI}text/{TEI}body//{TEI}term[@ref]")
    assert {t.get("ref")[1:] for t in terms} == {i.get(XML_ID) for i in items}
    return items


def test_every_glossary_term_is_listed_and_mentions_point_at_it(tei: etree.Element, built_site: BuiltSite) -> None:
    _glossary_follows_its_pages(tei, built_site, ROOT)


NEW_TERM = """\
---
title: Parliamentary diplomacy
glossary:
  kind: concept
  aliases: ["parliamentary diplomacy"]
  summary: "Contacts between the parliaments of two states, alongside those of their governments."
---

# Parliamentary diplomacy

The article notes the experience of parliamentary diplomacy gained by the two parties [7].
"""


def test_a_new_glossary_term_is_counted_in_the_exports(tmp_path: Path) -> None:
    """A valid term added as an editor adds one (its page under docs/glossary/, its nav
    entry in mkdocs.yml) is one more item in the TEI's glossary, and the counts follow."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "glossary" / "parliamentary-diplomacy.md").write_text(NEW_TERM, encoding="utf-8")
    config = project / "mkdocs.yml"
    last = "      - Neorealism: glossary/neorealism.md\n"
    assert last in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(
        last, last + "      - Parliamentary diplomacy: glossary/parliamentary-diplomacy.md\n"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = BuiltSite(tmp_path / "site", result.stderr)
    assert len(sources.glossary_pages(project)) == len(sources.glossary_pages()) + 1
    items = _glossary_follows_its_pages(etree.parse(site.root / "exports" / "edition.tei.xml").getroot(), site,
                                        project)
    summaries = [" ".join("".join(item.itertext()).split()) for item in items]
    assert "Contacts between the parliaments of two states, alongside those of their governments." in summaries


def test_mentions_are_tagged_by_register(tei: etree.Element) -> None:
    body = tei.find(f"{TEI}text/{TEI}body")
    assert body.find(f".//{TEI}persName[@ref='#persons-tokayev']").text == "K.K. Tokayev"
    assert body.find(f".//{TEI}orgName[@ref='#organisations-sco']") is not None
    assert body.find(f".//{TEI}placeName[@ref='#places-tashkent']") is not None
    assert body.find(f".//{TEI}rs[@type='document']").get("ref").startswith("#documents-")
    joined = body.find(f".//{TEI}placeName[@ref='#places-kabul']")  # in "Mazar-e-Sharif-Kabul-Peshawar"
    assert joined.text == "Kabul" and joined.tail.startswith("-")


def test_tei_header_and_front(tei: etree.Element) -> None:
    header = tei.find(f"{TEI}teiHeader")
    assert [a.find(f"{TEI}persName/{TEI}surname").text for a in header.findall(f".//{TEI}titleStmt/{TEI}author")] \
        == ["Zhailin", "Shamsieva"]
    assert header.find(f".//{TEI}titleStmt/{TEI}editor").get(XML_ID) == "editors"
    assert header.find(f".//{TEI}publicationStmt/{TEI}idno[@type='DOI']").text == "10.52536/2788-5909.2022-2.04"
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
                        header.find(f".//{TEI}publicationStmt/{TEI}date[@type='build']").get("when"))
    source = header.find(f".//{TEI}sourceDesc/{TEI}biblStruct")
    # The venue as the record gives it (the publisher's pages); parts it lacks are left out.
    assert source.find(f"{TEI}monogr/{TEI}title[@level='j']").text == sources.article_front()["journal"]["title"]
    assert source.find(f"{TEI}monogr/{TEI}imprint/{TEI}biblScope") is None
    assert source.find(f"{TEI}monogr/{TEI}idno") is None
    assert len(header.findall(f".//{TEI}editorialDecl/{TEI}p")) > 5
    assert header.find(f".//{TEI}revisionDesc/{TEI}change").get("when") == "2026-11-26"
    authors = source.findall(f"{TEI}analytic/{TEI}author")
    assert [a.findtext(f"{TEI}email") for a in authors] == ["dauren.zhailin@gmail.com", None]
    assert [[n.text for n in a.findall(f"{TEI}persName[@{{http://www.w3.org/XML/1998/namespace}}lang]")]
            for a in authors] == [["Дәурен Жайлин", "Даурен Жайлин"], ["Ирода Шамсиева", "Ирода Шамсиева"]]
    front = tei.find(f"{TEI}text/{TEI}front")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [(child.tag.removeprefix(TEI), child.get(lang)) for child in front] == [
        (tag, code) for code in ("en", "kk", "ru") for tag in ("titlePage", "div", "div")]
    langs = [d.get(lang) for d in front.findall(f"{TEI}div[@type='abstract']")]
    assert langs == ["en", "kk", "ru"]
    assert len(front.findall(f"{TEI}div[@type='keywords']")) == len(sources.article_front()["keywords"])
    pages = front.findall(f"{TEI}titlePage")
    assert [[d.text for d in page.iter(f"{TEI}docAuthor")] for page in pages] == [
        ["Dauren Zhailin", "Iroda Shamsieva"], ["Дәурен Жайлин", "Ирода Шамсиева"], ["Даурен Жайлин", "Ирода Шамсиева"]]
    (contact,) = pages[0].iter(f"{TEI}note")
    assert (contact.get("n"), contact.findtext(f"{TEI}email")) == ("1", "dauren.zhailin@gmail.com")
    assert contact.get("resp") is None  # the authors' footnote, not the editors'


def test_no_tei_reference_has_an_empty_imprint_date(tei: etree.Element) -> None:
    """A web page that prints no date and no site (refs. 7-9) has its address as its place."""
    structs = tei.findall(f"{TEI}text/{TEI}back//{TEI}listBibl[@type='references']/{TEI}biblStruct")
    assert len(structs) == len(sources.reference_numbers())
    for struct in structs:
        imprint = struct.find(f"{TEI}monogr/{TEI}imprint")
        assert len(imprint) and all("".join(e.itertext()).strip() or len(e) for e in imprint), struct.get("n")
    seventh = structs[6].find(f"{TEI}monogr/{TEI}imprint/{TEI}pubPlace/{TEI}ptr")
    assert seventh.get("target") == sources.references()[6].fields["url"]


def test_editors_sources_are_a_second_list(tei: etree.Element) -> None:
    editorial = tei.findall(f"{TEI}text/{TEI}back//{TEI}listBibl[@type='editorial']/{TEI}bibl")
    ids = {s.get(XML_ID) for s in editorial}
    cited = {token[1:] for ptr in tei.iter(f"{TEI}ptr") if ptr.get("type") == "bibl"
             for token in ptr.get("target").split()}
    assert cited and cited <= ids


def test_jats_counts(jats: etree.Element) -> None:
    paragraphs = jats.findall("body/sec/p")
    assert [p.get("id") for p in paragraphs] == [f"p{n}" for n in range(1, len(sources.article_paragraphs()) + 1)]
    assert ["".join(x.itertext()) for x in jats.findall("body//xref[@ref-type='bibr']")] == sources.PRINTED_CITATIONS
    refs = jats.findall("back/ref-list[@content-type='references']/ref")
    assert [r.get("id") for r in refs] == [f"ref-{n}" for n in sources.reference_numbers()]
    assert all(r.find("element-citation") is not None for r in refs)
    assert len(jats.findall("back/fn-group[@content-type='editorial-notes']/fn")) == len(sources.notes())
    assert len(jats.findall("back/fn-group[@content-type='emendations']/fn")) == sources.page_emendations()
    assert len(jats.findall("back/ref-list/ref/element-citation/comment")) == sources.bib_emendations()


def test_jats_front(jats: etree.Element) -> None:
    meta = jats.find("front/article-meta")
    assert meta.find("article-id[@pub-id-type='doi']").text == "10.52536/2788-5909.2022-2.04"
    contributors = meta.findall("contrib-group/contrib")
    assert [c.find("name-alternatives/name/surname").text for c in contributors] == ["Zhailin", "Shamsieva"]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [[(n.get(lang), n.text) for n in c.findall("name-alternatives/string-name")] for c in contributors] == [
        [("kk", "Дәурен Жайлин"), ("ru", "Даурен Жайлин")], [("kk", "Ирода Шамсиева"), ("ru", "Ирода Шамсиева")]]
    assert len(meta.findall("contrib-group/contrib/aff")) == len(sources.article_front()["authors"])
    assert jats.find("front/journal-meta/journal-title-group/journal-title").text == \
        sources.article_front()["journal"]["title"]
    assert meta.find("volume") is None and meta.find("fpage") is None  # no source states them
    assert [x.get("rid") for x in meta.findall("contrib-group/contrib/xref[@ref-type='corresp']")] == ["cor-1"]
    assert contributors[0].find("xref[@ref-type='corresp']") is not None  # the first author's, as printed
    assert meta.find("author-notes/corresp[@id='cor-1']/email").text == "dauren.zhailin@gmail.com"
    assert [t.get(lang) for t in meta.findall("title-group/trans-title-group")] == ["kk", "ru"]
    assert meta.find("abstract/p").text.startswith("The article analyzes")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [t.get(lang) for t in meta.findall("trans-abstract")] == ["kk", "ru"]
    # Each abstract keeps the paragraphs the page shows.
    for abstract, code in zip([meta.find("abstract"), *meta.findall("trans-abstract")], ("en", "kk", "ru"),
                              strict=True):
        assert [p.text for p in abstract.findall("p")] == sources.abstract_paragraphs(code)
        assert len(abstract.findall("p")) == 3
    assert [k.get(lang) for k in meta.findall("kwd-group")] == ["en", "kk", "ru"]


def test_jats_permissions_are_left_out_with_a_comment_saying_why(jats_file: Path, jats: etree.Element) -> None:
    assert jats.find("front/article-meta/permissions") is None
    assert "<!-- permissions left out: no source the edition cites states" in jats_file.read_text(encoding="utf-8")


def test_every_jats_xref_carries_its_text(jats: etree.Element) -> None:
    xrefs = list(jats.iter("xref"))
    assert xrefs and all("".join(x.itertext()).strip() for x in xrefs)
    editorial = [x for x in xrefs if x.get("rid", "").startswith("ed-")]
    assert editorial and all(re.fullmatch(r"\(.+\)", "".join(x.itertext())) for x in editorial)


def test_jats_page_ranges_are_split(jats: etree.Element) -> None:
    walt = jats.find("back/ref-list[@content-type='references']/ref[@id='ref-6']/element-citation")
    assert (walt.findtext("fpage"), walt.findtext("lpage")) == ("1", "17")
    assert all(re.fullmatch(r"[0-9]+", page.text) for page in jats.iter("fpage"))


def test_jats_editorial_sources_are_a_labelled_appendix_before_the_references(jats: etree.Element) -> None:
    back = list(jats.find("back"))
    appendix = jats.find("back/app-group/app[@id='editorial-sources']")
    assert appendix.findtext("title") == "The editors' sources"
    assert len(appendix.findall("ref-list/ref")) == len(sources.editorial_keys())
    # The article's references are the document's last ref-list: the one a reader keeps.
    assert [element.tag for element in back].index("ref-list") > [element.tag for element in back].index("app-group")
    assert [r.get("content-type") for r in jats.iter("ref-list")][-1] == "references"


def test_pandoc_reads_the_article_references_from_the_jats(jats_file: Path) -> None:
    """pandoc's JATS reader (the binary pypandoc-binary ships) keeps one ref-list as the
    document's references: they must be the article's 19, each with its title."""
    document = json.loads(pypandoc.convert_file(str(jats_file), "json", format="jats"))
    references = document["meta"]["references"]["c"]
    titles = [_pandoc_text(reference["c"]["title"]) for reference in references]
    expected = [_plain(entry.fields["title"]) for entry in sources.references()]
    assert titles == expected and len(titles) == len(sources.reference_numbers())
    text = pypandoc.convert_file(str(jats_file), "plain", format="jats", extra_args=["--wrap=none"])
    assert " ." not in re.sub(r"\s+", " ", text.split("References")[0])  # no words lost before a stop


def _pandoc_text(value: object) -> str:
    if isinstance(value, list):
        return "".join(_pandoc_text(item) for item in value)
    if isinstance(value, dict):
        return {"Str": lambda: value["c"], "Space": lambda: " "}.get(value.get("t"), lambda: _pandoc_text(
            value.get("c")))()
    return ""


def _plain(latex: str) -> str:
    return Text.from_latex(corrected(latex)).render_as("text")


def test_jats_emendation_shows_the_correction_and_footnotes_the_print(jats: etree.Element) -> None:
    paragraph = jats.find("body/sec/p[@id='p13']")
    corrected = paragraph.find("named-content[@content-type='corrected-reading']")
    assert corrected.text == "S.M. Walt"
    rid = paragraph.find("xref[@ref-type='fn']").get("rid")
    footnote = jats.find(f"back/fn-group/fn[@id='{rid}']")
    assert "".join(footnote.find("p/named-content").itertext()) == "C.M. Walt"


def test_both_exports_are_linked_from_the_cite_and_export_page(built_site: BuiltSite) -> None:
    page = _html(built_site, "cite/")
    items = page.find(id="tei-jats").find_next("ul").select("li")
    assert [li.a["href"] for li in items] == ["../exports/edition.tei.xml", "../exports/article.jats.xml"]
    for li in items:
        assert (built_site.root / "cite" / li.a["href"]).resolve().is_file()
        assert len(li.get_text()) > len(li.a.get_text()) + 40  # a line on what it is for


def test_jats_notes_name_their_paragraphs(jats: etree.Element, built_site: BuiltSite) -> None:
    article = _html(built_site, "article/")
    expected = [(note["id"], note.find_parent("p", class_="edition-para")["id"])
                for note in article.select(".edition-note[id^='note-']")]
    notes = jats.findall("back/fn-group[@content-type='editorial-notes']/fn")
    assert [(fn.get("id"), fn.find("p/xref").get("rid")) for fn in notes] == expected
