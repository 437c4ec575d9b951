"""The article as a paged PDF (edition/outputs/paged.py, paged.css), read back with
pdfplumber and pypdf from the suite's one build (the `built_site` fixture): page numbers
and running heads, metadata, outline and tags, the reading face embedded, the notes and
citations linked, no heading last on a page, no placeholder and no line of one character,
and every sentence of the source in its text, in order. The cache key and the address
breaks are tested on their own."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import ROOT
from edition.inputs.record import load_record
from edition.outputs.paged import PrintInput, PrintSource, css_string
from edition.outputs.paper import address_pieces
from fidelity import normalise, parse_source, split_sentences

PDF_PATH = "exports/zhailin-shamsieva-2022-edition.pdf"
MM = 72 / 25.4
TOP, BOTTOM = 22 * MM, 24 * MM  # paged.css's @page margins: the text block lies between them
BODY_SIZE = 9.4  # text below this size is apparatus: ¶ numbers, note markers, corrections, running heads
RECORD, _ = load_record(ROOT / "docs")


@dataclass(frozen=True)
class Line:
    page: int  # from 1
    text: str
    size: float  # the largest type size on the line
    bold: bool  # every character bold
    top: float


@dataclass(frozen=True)
class ReadPdf:
    path: Path
    reader: PdfReader
    lines: tuple[Line, ...]  # the text block's lines, page by page
    margins: tuple[tuple[str, str], ...]  # per page: the head's text, the foot's text
    body: str  # the authors' and editors' text at reading size, pages joined


def _lines(page, number: int) -> list[Line]:
    block = page.crop((0, TOP, page.width, page.height - BOTTOM))
    found = []
    for words in _rows(block.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)):
        found.append(Line(number, " ".join(word["text"] for word in words), max(word["size"] for word in words),
                          all("Bold" in word["fontname"] for word in words), min(word["top"] for word in words)))
    return found


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines: a word whose height overlaps the line's joins it (a
    raised note marker, a ¶ number in the margin)."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["bottom"], w["x0"])):
        row = rows[-1] if rows else None
        if row is not None and word["top"] < max(w["bottom"] for w in row) - 1 \
                and word["bottom"] > min(w["top"] for w in row) + 1:
            row.append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


@pytest.fixture(scope="module")
def pdf(built_site) -> ReadPdf:
    path = built_site.root / PDF_PATH
    assert path.is_file(), f"the build made no {PDF_PATH}"
    lines, margins, body = [], [], []
    with pdfplumber.open(path) as document:
        for number, page in enumerate(document.pages, start=1):
            lines += _lines(page, number)
            head = page.crop((0, 0, page.width, TOP)).extract_text() or ""
            foot = page.crop((0, page.height - BOTTOM, page.width, page.height)).extract_text() or ""
            margins.append((head, foot))
            reading = page.crop((0, TOP, page.width, page.height - BOTTOM)).filter(
                lambda obj: obj.get("object_type") != "char" or obj["size"] >= BODY_SIZE)
            body.append(reading.extract_text() or "")
    return ReadPdf(path, PdfReader(path), tuple(lines), tuple(margins), "\n".join(body))


# --- pages -----------------------------------------------------------------------


def test_pdf_has_pages_of_a4(pdf: ReadPdf) -> None:
    assert len(pdf.reader.pages) >= 8
    for page in pdf.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_page_numbers_on_every_page_after_the_first(pdf: ReadPdf) -> None:
    feet = [foot.strip() for _, foot in pdf.margins]
    assert feet[0] == "", f"the first page carries a number: {feet[0]!r}"
    assert feet[1:] == [str(number) for number in range(2, len(feet) + 1)]


def test_running_heads_name_the_authors_and_the_short_title(pdf: ReadPdf) -> None:
    authors = ", ".join(author.name for author in RECORD.authors)
    short_title = RECORD.title.split(":")[0]
    heads = [head for head, _ in pdf.margins]
    assert heads[0].strip() == ""
    for number, head in enumerate(heads[1:], start=2):
        assert authors in head and short_title in head, (number, head)


# --- metadata and structure --------------------------------------------------------


def test_metadata_comes_from_the_record(pdf: ReadPdf) -> None:
    info = pdf.reader.metadata
    assert info.title == RECORD.title
    assert info.author == ", ".join(author.name for author in RECORD.authors)
    assert info.subject == RECORD.abstracts["en"]
    assert info["/Keywords"] == ", ".join(RECORD.keywords["en"])
    assert pdf.reader.trailer["/Root"]["/Lang"] == "en"


def test_outline_gives_the_sections_on_their_pages(pdf: ReadPdf) -> None:
    entries = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((item.title, pdf.reader.get_destination_page_number(item) + 1))

    walk(pdf.reader.outline)
    titles = [title for title, _ in entries]
    sections = [p.text for p in parse_source().of("heading")]
    assert [t for t in titles if t in sections] == sections
    for heading in [*sections, "Editorial notes", "References"]:
        assert heading in titles, titles
    for title, page in entries:
        on_page = [line.text for line in pdf.lines if line.page == page]
        assert any(_squash(text).startswith(_squash(title)[:25]) for text in on_page), (title, page, on_page[:8])


def test_pdf_is_tagged_as_pdf_ua(pdf: ReadPdf) -> None:
    """What can be checked without a validator (veraPDF is not available here): the
    structure tree, the Marked flag, the PDF/UA identification in the XMP metadata, the
    title shown in the window."""
    root = pdf.reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp


def _fonts(reader: PdfReader) -> dict[str, dict]:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            # WeasyPrint writes an encoding of its own only for a font that lacked a glyph
            # it was asked for (a .notdef box printed in its place).
            assert font.get("/Encoding") == "/Identity-H", f"{font['/BaseFont']} lacks a glyph it sets"
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object() if isinstance(descendant, IndirectObject) else descendant
                fonts[str(descendant["/BaseFont"])] = descendant
    return fonts


def test_fonts_are_the_reading_face_embedded(pdf: ReadPdf) -> None:
    fonts = _fonts(pdf.reader)
    assert fonts
    for name, font in fonts.items():
        assert "Source-Serif-4" in name, f"{name} is not the reading face"
        descriptor = font["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} not embedded"
    styles = {name.split("+", 1)[1].removeprefix("Source-Serif-4-").split("-")[-1] for name in fonts}
    assert {"Bold", "Italic"} <= styles
    assert any("cyrillic" in name for name in fonts)


# --- the text ----------------------------------------------------------------------


def test_no_placeholder_and_no_web_controls(pdf: ReadPdf) -> None:
    text = " ".join(line.text for line in pdf.lines)
    for web_only in ("[Editorial note", "Read the article", "Link to this section", "Copy the citation",
                     "printed paper (PDF", "↩"):
        assert web_only not in text, web_only


def test_no_line_is_a_lone_character(pdf: ReadPdf) -> None:
    lone = [(line.page, line.text) for line in pdf.lines if len(line.text.strip()) == 1]
    assert lone == []


def test_no_heading_is_last_on_its_page(pdf: ReadPdf) -> None:
    headings = [line for line in pdf.lines if line.bold and line.size >= 11]
    assert len(headings) >= 8, headings
    for page in {line.page for line in pdf.lines}:
        last = [line for line in pdf.lines if line.page == page][-1]
        assert last not in headings, f"page {page} ends with the heading {last.text!r}"


def test_no_paragraph_leaves_one_line_alone_at_a_page_break(pdf: ReadPdf) -> None:
    """Orphans and widows of one line: in the text (each paragraph's first line carries
    its ¶ number), no page ends with a paragraph's first line unless the paragraph ends
    there, and none begins with a paragraph's last line alone."""
    lines = list(pdf.lines)
    start = next(i for i, line in enumerate(lines) if line.text.startswith("¶ 1 "))
    end = next(i for i, line in enumerate(lines) if line.text == "Editorial notes")
    text = lines[start:end + 1]

    def opens(line: Line) -> bool:
        return line.text.startswith("¶") or line.bold

    pages = sorted({line.page for line in text})
    assert len(pages) >= 4
    for before, after in zip(pages, pages[1:], strict=False):
        last = [line for line in text if line.page == before][-1]
        following = [line for line in text if line.page == after]
        if last.text.startswith("¶"):
            assert opens(following[0]), f"page {before} ends with the first line of a paragraph: {last.text!r}"
        if not opens(following[0]) and len(following) > 1:
            assert not opens(following[1]), f"page {after} opens with a paragraph's last line: {following[0].text!r}"


def _links(reader: PdfReader) -> list[tuple[int, str]]:
    found = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                found.append((number, str(annotation["/Dest"])))
    return found


def _destination_pages(reader: PdfReader) -> dict[str, int]:
    return {name: reader.get_destination_page_number(destination) + 1
            for name, destination in reader.named_destinations.items()}


def test_notes_and_their_markers_link_to_each_other(pdf: ReadPdf, built_site) -> None:
    """Each editorial note's marker links to its note after the text, and the note links
    back to the page where its marker stands."""
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    notes = [note["id"] for note in soup.select("p .edition-note")]
    assert len(notes) >= 10
    links, pages = _links(pdf.reader), _destination_pages(pdf.reader)
    for note in notes:
        markers = [page for page, target in links if target == note]
        backs = [page for page, target in links if target == f"{note}-marker"]
        assert len(markers) == 1 and len(backs) == 1, (note, markers, backs)
        assert pages[f"{note}-marker"] == markers[0]
        assert pages[note] == backs[0] >= markers[0]
    text = " ".join(line.text for line in pdf.lines)
    assert "Editorial notes" in text


def test_citations_link_to_the_references(pdf: ReadPdf, built_site) -> None:
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    cited = [re.search(r"#ref-([0-9]+)$", link["href"])[1] for link in soup.select(".edition-cite a[href]")]
    links, pages = _links(pdf.reader), _destination_pages(pdf.reader)
    to_references = [target for _, target in links if target.startswith("article-ref-")]
    # A citation broken across two lines is two link areas.
    assert set(to_references) == {f"article-ref-{number}" for number in cited}
    assert len(to_references) >= len(cited) >= 19
    references_page = next(line.page for line in pdf.lines if line.text == "References")
    assert all(pages[target] >= references_page for target in to_references)


def _squash(text: str) -> str:
    """The comparison form with no spaces: the PDF's spaces are inferred from gaps."""
    return re.sub(r"\s+", "", normalise(text))


def missing_in_order(sentences: list[str], text: str) -> list[str]:
    """The sentences not found in `text` each after the one before."""
    haystack, position, missing = _squash(text), 0, []
    for sentence in sentences:
        found = haystack.find(_squash(sentence), position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(_squash(sentence))
    return missing


SOURCE = parse_source()
BODY_SENTENCES = [s for p in SOURCE.of("heading", "body") for s in split_sentences(p.text)]
FRONT_SENTENCES = [s for p in SOURCE.of("title", "abstract", "keywords") for s in split_sentences(p.text)]


def test_every_sentence_of_the_text_in_order(pdf: ReadPdf) -> None:
    assert missing_in_order(BODY_SENTENCES, pdf.body) == []


def test_every_sentence_of_the_front(pdf: ReadPdf) -> None:
    """The title block, the three abstracts and key words (set in the edition's order,
    each language's block whole, not the copy text's)."""
    missing = [sentence for sentence in FRONT_SENTENCES if _squash(sentence) not in _squash(pdf.body)]
    assert missing == []


def test_fidelity_reader_can_fail(pdf: ReadPdf) -> None:
    target = next(s for s in BODY_SENTENCES if "Tens of millions of people" in s)
    squashed = _squash(pdf.body)
    assert _squash(target) in squashed
    assert missing_in_order(BODY_SENTENCES, squashed.replace(_squash(target), "", 1)) == [target]
    swapped = list(BODY_SENTENCES)
    swapped[3], swapped[4] = swapped[4], swapped[3]
    assert missing_in_order(swapped, pdf.body) != []


# --- the parts, alone ------------------------------------------------------------------


@pytest.mark.parametrize("address", [
    "https://www.akorda.kz/ru/legal_acts/decrees/o-koncepcii-vneshnei-politiki-respubliki-kazakhstan-na-2020-2030-gody",
    "https://dunyo.info/ru/site/inner/chlen_kollegii_mid_uzbekistana_farrukh_tursunov_za_poslednie_pyaty_let_mezhdu"
    "_tashkentom_i_nur-sultanom_ustanovilis_otnosheniya_polnogo_vzaimoponimaniya_doveriya_i_otkritosti-X8l",
    "https://a.b/x?y=1&z=2",
    "https://doi.org/10.52536/2788-5909.2022-2.04",
])
def test_addresses_break_only_after_their_punctuation(address: str) -> None:
    pieces = address_pieces(address)
    assert "".join(pieces) == address
    assert pieces[0].startswith("https://") and len(pieces[0]) > len("https://")
    for piece in pieces[:-1]:
        assert piece[-1] in "/.-?&_" and len(piece) >= 3, pieces
    assert len(pieces[-1]) >= 3


def test_long_stretch_without_punctuation_breaks_after_underscores_only_when_long() -> None:
    assert address_pieces("https://x.org/a_b_c") == ["https://x.", "org/", "a_b_c"]
    long = "https://x.org/" + "_".join(["word"] * 12)
    assert address_pieces(long)[:2] == ["https://x.", "org/"]
    assert all(piece.endswith("_") for piece in address_pieces(long)[2:-1])


def test_css_string_cannot_end_its_rule() -> None:
    hostile = 'Title"; } @page { content: "x" } \\ <\n'
    quoted = css_string(hostile)
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not re.search(r'[";{}<>\n]', quoted[1:-1])


def _source() -> PrintSource:
    return PrintSource("<p>One sentence.</p>", RECORD, None, "article/", "p { color: black }",
                       (("face.woff2", b"\0\1"),), "file:///x/", "code-1")


def test_cache_key_follows_every_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key changes with each thing the print document is made from."""
    source = _source()
    assert source.key == replace(source).key
    changed = [replace(source, content="<p>One sentence!</p>"), replace(source, css="p { color: red }"),
               replace(source, fonts=(("face.woff2", b"\0\2"),)), replace(source, site_url="https://example.org/"),
               replace(source, page_url="paper/"), replace(source, code="code-2"),
               replace(source, base_url="file:///y/"), replace(source, record=replace(RECORD, title="Another"))]
    assert len({source.key, *(other.key for other in changed)}) == len(changed) + 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    dated = source.key
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 2))
    assert source.key != dated  # the colophon prints the build date


def test_a_kept_pdf_is_used_without_making_the_print_document(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A hit reads the kept file and does not make the print document (the costly part of
    a build whose article did not change); a miss makes it."""
    from edition.outputs import paged

    source = _source()
    kept = tmp_path / paged.CACHE / f"{source.key}.pdf"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"%PDF-kept")
    made = []
    monkeypatch.setattr(paged, "print_document", lambda *args: made.append(args) or DOCUMENT)
    monkeypatch.setattr(paged, "make_pdf", lambda made_input: b"%PDF-new " + made_input.html.encode())
    assert paged.cached_pdf(source, tmp_path) == b"%PDF-kept" and made == []
    assert paged.cached_pdf(replace(source, content="<p>Other.</p>"), tmp_path).startswith(b"%PDF-new <!DOCTYPE")
    assert len(made) == 1


def test_repeated_build_takes_the_pdf_from_the_cache(pdf: ReadPdf) -> None:
    cached = list((ROOT / ".cache" / "pdf").glob("*.pdf"))
    assert 1 <= len(cached) <= 4
    assert pdf.path.read_bytes() in [kept.read_bytes() for kept in cached]


def test_pdf_address_and_serve() -> None:
    """The PDF's address as the article page names it (absolute with a public address,
    else relative); under serve (``paged`` false) there is none."""
    from types import SimpleNamespace

    from edition.outputs.paged import pdf_url

    built = SimpleNamespace(record=RECORD, paged=True, site_url=None)
    assert pdf_url(built, "article/") == f"../{PDF_PATH}"
    assert pdf_url(replace_namespace(built, site_url="https://example.org/edition/"), "article/") == \
        f"https://example.org/edition/{PDF_PATH}"
    assert pdf_url(replace_namespace(built, paged=False), "article/") is None
    assert pdf_url(replace_namespace(built, record=None), "article/") is None


def replace_namespace(namespace, **changes):
    from types import SimpleNamespace

    return SimpleNamespace(**{**vars(namespace), **changes})


DOCUMENT = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><p>x</p></body></html>'


def test_a_weasyprint_warning_stops_the_pdf() -> None:
    """What WeasyPrint only logs (here a property it ignores) is a defect of the PDF: the
    build's step fails on it, saying what."""
    from edition.outputs.paged import make_pdf

    assert make_pdf(PrintInput(DOCUMENT, "p { color: red }", (), "file:///tmp/")).startswith(b"%PDF-")
    with pytest.raises(RuntimeError, match=r"WeasyPrint: .*colour"):
        make_pdf(PrintInput(DOCUMENT, "p { colour: red }", (), "file:///tmp/"))
