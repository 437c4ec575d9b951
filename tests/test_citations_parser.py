"""Layer (a): the citation parser and the reference formatter, table-driven and hostile.

`edition.text.citation_syntax` decides what a bracket is (text, a citation, or an error with a
message); `edition.inputs.reference_style` turns bibliography values into HTML. Both are pure, so
they are tested here directly, with property tests for what no table can list.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person

from edition.inputs.reference_style import format_reference
from edition.text.citation_syntax import (
    CANDIDATE,
    Citation,
    CitationSyntaxError,
    CiteItem,
    is_candidate,
    parse_citation,
)

MALFORMED = ("malformed citation {text} — use [n], [n, p.X], [n, pp.X-Y], [n; m] or [n, m] "
             r"(to keep a bracket that starts with a digit as text, escape it: \[...])")
MALFORMED_LOCATOR = ("malformed page locator in citation {text} — write p.X for one page "
                     "or pp.X-Y for a range, e.g. [2, p.137] or [6, pp.1-17]")
LEADING_ZERO = "citation {text} has a leading zero — write the reference number as printed, e.g. [2]"
NON_ASCII = ("citation {text} contains non-ASCII characters — write numbers and locators "
             "with ASCII digits, e.g. [2, p.137]")


# --- is_candidate: what a bracket is -------------------------------------------------

@pytest.mark.parametrize(("content", "expected"), [
    pytest.param("2", True, id="number"),
    pytest.param("2, p.137", True, id="number-with-page"),
    pytest.param("7; 8", True, id="two-numbers"),
    pytest.param("02", True, id="leading-zero-is-still-meant-as-citation"),
    pytest.param("2, p.", True, id="broken-locator-is-still-meant-as-citation"),
    pytest.param("٢", True, id="arabic-indic-digit"),
    pytest.param("２", True, id="fullwidth-digit"),
    pytest.param("sic", False, id="sic"),
    pytest.param("Electronic resource", False, id="electronic-resource"),
    pytest.param(" 2", False, id="leading-space"),
    pytest.param("p.2", False, id="starts-with-letter"),
    pytest.param("", False, id="empty"),
    pytest.param("²", False, id="superscript-two-is-not-decimal"),
])
def test_is_candidate(content: str, expected: bool) -> None:
    assert is_candidate(content) is expected


# --- parse_citation: valid forms -----------------------------------------------------

@pytest.mark.parametrize(("content", "items"), [
    pytest.param("2", [(2, None, None)], id="number"),
    pytest.param("2, p.137", [(2, "137", None)], id="page"),
    pytest.param("2, p. 137", [(2, "137", None)], id="page-space-after-dot"),
    pytest.param("2,p.137", [(2, "137", None)], id="page-no-space-after-comma"),
    pytest.param("2, p.xiv", [(2, "xiv", None)], id="roman-page"),
    pytest.param("6, pp.1-17", [(6, "1", "17")], id="page-range-hyphen"),
    pytest.param("6, pp.1–17", [(6, "1", "17")], id="page-range-en-dash"),
    pytest.param("7; 8", [(7, None, None), (8, None, None)], id="semicolon"),
    pytest.param("7, 8", [(7, None, None), (8, None, None)], id="comma"),
    pytest.param("7 ; 8", [(7, None, None), (8, None, None)], id="spaced-semicolon"),
    pytest.param("2, p.137; 5, p.263", [(2, "137", None), (5, "263", None)], id="two-with-pages"),
    pytest.param("2, 3, p.5", [(2, None, None), (3, "5", None)], id="comma-then-page"),
    pytest.param("0", [(0, None, None)], id="zero-parses-fails-at-resolution"),
    pytest.param("20", [(20, None, None)], id="out-of-range-parses-fails-at-resolution"),
])
def test_parse_valid(content: str, items: list[tuple[int, str | None, str | None]]) -> None:
    citation = parse_citation(content)
    assert citation == Citation(f"[{content}]", tuple(CiteItem(*item) for item in items))
    assert citation.numbers == tuple(item[0] for item in items)


# --- parse_citation: errors, with their exact messages ---------------------------------

@pytest.mark.parametrize(("content", "message"), [
    pytest.param("2, p.", MALFORMED_LOCATOR, id="page-without-number"),
    pytest.param("6, pp.1", MALFORMED_LOCATOR, id="range-without-end"),
    pytest.param("2, p.137,", MALFORMED_LOCATOR, id="trailing-comma-after-page"),
    pytest.param("2 p.5", MALFORMED, id="page-without-comma"),
    pytest.param("2,", MALFORMED, id="trailing-comma"),
    pytest.param("7;", MALFORMED, id="trailing-semicolon"),
    pytest.param("7;; 8", MALFORMED, id="double-separator"),
    pytest.param("2a", MALFORMED, id="letter-after-number"),
    pytest.param("sic", MALFORMED, id="not-a-candidate-at-all"),
    pytest.param("02", LEADING_ZERO, id="leading-zero"),
    pytest.param("2; 05", LEADING_ZERO, id="leading-zero-second-item"),
    pytest.param("٢", NON_ASCII, id="arabic-indic-digit"),
    pytest.param("２", NON_ASCII, id="fullwidth-digit"),
    pytest.param("2, с.137", NON_ASCII, id="cyrillic-page-abbreviation"),
    pytest.param("6, pp.1—17", NON_ASCII, id="em-dash-range"),
    pytest.param("6,\u00a0pp.1-17", NON_ASCII, id="no-break-space"),
    pytest.param("2–3", MALFORMED, id="en-dash-between-numbers"),
    pytest.param("6, pp.1–", MALFORMED_LOCATOR, id="en-dash-range-without-end"),
])
def test_parse_error_message(content: str, message: str) -> None:
    with pytest.raises(CitationSyntaxError) as raised:
        parse_citation(content)
    assert str(raised.value) == message.format(text=f"[{content}]")


# --- CiteItem.locator ------------------------------------------------------------------

@pytest.mark.parametrize(("item", "locator"), [
    pytest.param(CiteItem(2), "", id="none"),
    pytest.param(CiteItem(2, "137"), "p. 137", id="page"),
    pytest.param(CiteItem(6, "1", "17"), "pp. 1–17", id="range-uses-en-dash"),
    pytest.param(CiteItem(2, "xiv"), "p. xiv", id="roman"),
])
def test_locator(item: CiteItem, locator: str) -> None:
    assert item.locator == locator


def test_locator_of_parsed_citation() -> None:
    assert [item.locator for item in parse_citation("2, p.137; 6, pp.1-17; 7").items] == [
        "p. 137", "pp. 1–17", ""]


# --- CANDIDATE: scanning text for brackets --------------------------------------------

@pytest.mark.parametrize(("text", "found"), [
    pytest.param("power [2, p.137] and [sic] text", ["2, p.137"], id="citation-and-sic"),
    pytest.param("[Electronic resource] URL: [7]", ["7"], id="electronic-resource"),
    pytest.param("[7; 8][9]", ["7; 8", "9"], id="adjacent"),
    pytest.param("[[2]]", ["2"], id="nested-brackets-inner-only"),
    pytest.param("[2\n]", [], id="newline-inside"),
    pytest.param("[]", [], id="empty"),
    pytest.param("[ 2]", [], id="leading-space-is-text"),
    pytest.param("[02] [2, p.]", ["02", "2, p."], id="errors-are-still-found"),
    pytest.param("[" + "1" * 200 + "]", ["1" * 200], id="200-characters"),
    pytest.param("[" + "1" * 201 + "]", [], id="201-characters-too-long"),
])
def test_candidate_scan(text: str, found: list[str]) -> None:
    assert [m[1] for m in CANDIDATE.finditer(text) if is_candidate(m[1])] == found


# --- properties of the parser ---------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text())
@example("2, p.137; 5, p.263")
@example("9" * 5000)
@example("2, p.")
@example("٢")
def test_parse_returns_citation_or_raises_syntax_error(content: str) -> None:
    try:
        result = parse_citation(content)
    except CitationSyntaxError:
        return
    except Exception as error:
        pytest.fail(f"parse_citation({content!r}) raised {type(error).__name__}: {error}")
    assert isinstance(result, Citation)


def _written_out(citation: Citation) -> str:
    """The parsed items written back in the grammar's plainest form: "n", "n, p.X",
    "n, pp.X-Y", joined by "; "."""
    def item(cited: CiteItem) -> str:
        if cited.first_page is None:
            return str(cited.number)
        if cited.last_page is None:
            return f"{cited.number}, p.{cited.first_page}"
        return f"{cited.number}, pp.{cited.first_page}-{cited.last_page}"
    return "; ".join(item(cited) for cited in citation.items)


def _squeezed(content: str) -> str:
    """What the grammar lets an editor vary removed: spaces, the range dash, which separator."""
    return re.sub(r"\s", "", content).replace("–", "-").replace(";", ",")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,;.-–— pxiv", max_size=30))
@example("2, p.137; 5, pp.1–17")
@example("7 ;8, p. xiv,9")
@example("6,pp. 1-17, 12")
@example("123456; 0")
def test_parsed_text_round_trips(content: str) -> None:
    try:
        citation = parse_citation(content)
    except CitationSyntaxError:
        return
    assert citation.text == "[" + content + "]"
    written = _written_out(citation)
    # Nothing of the content was dropped, invented or changed: the items written out are
    # the content, up to what the grammar lets vary.
    assert _squeezed(written) == _squeezed(content), (content, written)
    # Written out, the items parse back to themselves.
    assert parse_citation(written).items == citation.items
    # Each item's span is where its number stands in the citation's text.
    for cited in citation.items:
        start, end = cited.span
        assert citation.text[start:end] == str(cited.number), (content, cited)


_numbers = st.integers(min_value=1, max_value=999)
_pages = st.integers(min_value=1, max_value=9999).map(str)
_items = st.one_of(
    _numbers.map(lambda n: (f"{n}", CiteItem(n))),
    st.tuples(_numbers, _pages).map(lambda t: (f"{t[0]}, p.{t[1]}", CiteItem(t[0], t[1]))),
    st.tuples(_numbers, _pages, _pages).map(
        lambda t: (f"{t[0]}, pp.{t[1]}-{t[2]}", CiteItem(t[0], t[1], t[2]))),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_items, min_size=1, max_size=4), st.sampled_from(["; ", ";", ", "]),
       st.text(alphabet="abc .,;()", max_size=10), st.text(alphabet="abc .,;()", max_size=10))
def test_well_formed_citations_are_found_and_parsed(items, separator, before, after) -> None:
    content = separator.join(text for text, _ in items)
    found = [m[1] for m in CANDIDATE.finditer(f"{before}[{content}]{after}") if is_candidate(m[1])]
    assert found == [content]
    assert parse_citation(content).items == tuple(item for _, item in items)


def test_huge_number_raises_citation_syntax_error() -> None:
    # int() refuses more than 4300 digits with a plain ValueError; the parser must not.
    with pytest.raises(CitationSyntaxError):
        parse_citation("9" * 5000)


# --- properties of the formatter: escaping at the edge --------------------------------

class _Tags(HTMLParser):
    """Every start tag and its attributes, as an HTML parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


# LaTeX syntax ({ } \ % ~) is excluded: bibliography values are LaTeX, and a lone brace
# or backslash is a bib problem, tested in test_bibliography.py.
_hostile = st.lists(st.one_of(
    st.sampled_from(["<script>", "</script>", "<SCRIPT src=x>", '"', "'", "&", "&amp;", "&lt;",
                     "<", ">", "=", "javascript:", '" onmouseover="alert(1)', "<a href='x'>",
                     "Ж", "қ", "–", " "]),
    st.text(alphabet=st.characters(blacklist_characters="{}\\%~",
                                   blacklist_categories=("Cs", "Cc")), max_size=8),
), min_size=1, max_size=6).map("".join).filter(lambda s: s.strip() != "")

_urls = st.one_of(
    st.sampled_from([
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
        "javascript:alert(1)//https://example.org", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "//example.org/x", "https://example.org/?q=\"><script>alert(1)</script>",
        "http://example.org/a'b&c=\"d\"", "https://example.org/%D0%9A",
    ]),
    _hostile.map(lambda s: "https://example.org/" + s),
    _hostile,
)
_dates = st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)
_names = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=8)
_persons = st.builds(lambda last, first: [Person(last=last, first=first)], _names, _names)


def _entries():
    book = st.builds(
        lambda title, publisher, address, persons: Entry(
            "book", fields={"title": title, "publisher": publisher, "address": address,
                            "year": "1990", "language": "english"},
            persons={"author": persons}),
        _hostile, _hostile, _hostile, _persons)
    article = st.builds(
        lambda title, journal, persons: Entry(
            "article", fields={"title": title, "journal": journal, "volume": "1", "pages": "1--2",
                               "year": "1990", "language": "english"},
            persons={"author": persons}),
        _hostile, _hostile, _persons)
    online = st.builds(
        lambda title, translated, organization, url, urldate: Entry(
            "online", fields={"title": title, "translatedtitle": translated,
                              "organization": organization, "url": url, "urldate": urldate,
                              "language": "russian"}),
        _hostile, _hostile, _hostile, _urls, _dates)
    return st.one_of(book, article, online)


@settings(max_examples=200, deadline=None)
@given(_entries())
def test_format_reference_escapes_every_value(entry: Entry) -> None:
    html = format_reference(entry)
    assert "<script" not in html.lower()
    # Every '<' opens one of the style's own tags; nothing from the data is markup.
    assert re.sub(r'</?em>|<a href="[^"<>]*">|</a>', "", html).count("<") == 0
    tags = _tags(html)
    assert {tag for tag, _ in tags} <= {"em", "a"}
    url = entry.fields.get("url")
    for tag, attrs in tags:
        if tag == "em":
            assert attrs == []
        else:
            # The attribute, as a browser reads it, is exactly the URL: no raw quote ended it.
            assert attrs == [("href", url)]
            assert re.match(r"https?://", url)
    if url is not None and not re.match(r"https?://", url):
        assert "a" not in {tag for tag, _ in tags}


@pytest.mark.parametrize("url", [
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param("JAVASCRIPT:alert(1)", id="javascript-upper"),
    pytest.param("data:text/html,x", id="data"),
    pytest.param("ftp://example.org/x", id="ftp"),
])
def test_non_http_url_is_text_not_link(url: str) -> None:
    entry = Entry("online", fields={"title": "T", "url": url, "urldate": "2022-02-01",
                                    "language": "russian"})
    html = format_reference(entry)
    assert "<a" not in html
    assert f"URL: {url} (access date: 01.02.2022)" in unescape(html)


def test_quote_in_url_is_escaped_inside_href() -> None:
    url = 'https://example.org/?q="><script>alert(1)</script>'
    entry = Entry("online", fields={"title": "T", "url": url, "urldate": "2022-02-01",
                                    "language": "russian"})
    html = format_reference(entry)
    assert 'href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert _tags(html) == [("em", []), ("a", [("href", url)])]
