"""Layer (a): loading and checking bib/references.bib, and the reference style.

Each case is a small .bib text written to tmp_path; the test pins every Problem it
yields (line and message). The style tests run on every real entry.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, parse_file

import sources
from edition.inputs.bibliography import load_bibliography
from edition.inputs.reference_style import format_reference, format_reference_text
from sites import BOOK_1, BOOK_2

BIB = Path(__file__).resolve().parent.parent / "bib" / "references.bib"
DISPLAY = "bib/references.bib"

# BOOK_1 is on lines 1-8, BOOK_2 on lines 10-17 (shorthand 11, publisher 14, year 15).
TWO_BOOKS = BOOK_1 + "\n" + BOOK_2
# Appended after TWO_BOOKS and a blank line, these entries start on line 19.
ONLINE_3 = """\
@online{site2022,
  shorthand = {3},
  title     = {{Some page}},
  url       = {https://example.org/page},
  urldate   = {2022-02-01},
  language  = {russian},
}
"""
ARTICLE_3 = """\
@article{walt1989,
  shorthand = {3},
  author    = {Walt, S. M.},
  title     = {{Alliances in theory and practice}},
  journal   = {Journal of International Affairs},
  volume    = {43},
  pages     = {1--17},
  year      = {1989},
  language  = {english},
}
"""


def _load(tmp_path: Path, text: str):
    file = tmp_path / "references.bib"
    file.write_text(text, encoding="utf-8")
    return load_bibliography(file, DISPLAY)


def test_valid_file_has_no_problems(tmp_path: Path) -> None:
    bibliography = _load(tmp_path, TWO_BOOKS)
    assert bibliography.problems == []
    assert set(bibliography.by_number) == {1, 2}
    assert [(r.key, r.line) for r in bibliography.by_number.values()] == [
        ("morgenthau1948", 1), ("walt1990", 10)]
    assert bibliography.numbers_label == "1-2"


def test_the_real_bibliography_has_no_problems() -> None:
    bibliography = load_bibliography(BIB, DISPLAY)
    assert bibliography.problems == []
    assert sorted(bibliography.by_number) == sources.reference_numbers()


# (case text, [(line, phrase), ...]): every problem, sorted by line, each containing its phrase.
CASES = [
    pytest.param(
        TWO_BOOKS.replace("  shorthand = {2},\n", ""),
        [(10, "entry 'walt1990' has no shorthand — add shorthand = {N}")],
        id="missing-shorthand"),
    pytest.param(
        TWO_BOOKS.replace("shorthand = {2}", "shorthand = {two}"),
        [(11, "entry 'walt1990' has shorthand 'two' — it must be the reference's number in the "
              "article, a whole number from 1")],
        id="non-numeric-shorthand"),
    pytest.param(
        TWO_BOOKS.replace("shorthand = {2}", "shorthand = {02}"),
        [(11, "entry 'walt1990' has shorthand '02'")],
        id="leading-zero-shorthand"),
    pytest.param(
        TWO_BOOKS.replace("shorthand = {2}", "shorthand = {1}"),
        [(11, "number 1 is given to both 'morgenthau1948' (line 1) and 'walt1990' — each number "
              "belongs to exactly one entry")],
        id="duplicate-shorthand"),
    pytest.param(
        TWO_BOOKS.replace("shorthand = {2}", "shorthand = {3}"),
        # At the entry where the gap shows (issue 25), not at the file's first line.
        [(11, "no entry has shorthand = {2}, the number before this entry's {3} — the numbers must run 1-2 "
              "without a gap, as in the article's list")],
        id="gap-in-numbers"),
    pytest.param(
        TWO_BOOKS.replace("shorthand = {2}", "shorthand = {20}"),
        [(11, "entry 'walt1990' has shorthand = {20}, but the numbers must run 1-2 without a gap, as in the "
              "article's list (none has {2}) — give it its number in the article")],
        id="number-far-beyond-the-list"),
    pytest.param(
        TWO_BOOKS.replace("walt1990", "morgenthau1948"),
        [(10, "duplicate key 'morgenthau1948' (first used on line 1) — every entry needs its own key")],
        id="duplicate-key"),
    pytest.param(
        TWO_BOOKS.replace("walt1990", "Morgenthau1948"),
        [(10, "duplicate key 'Morgenthau1948' (first used on line 1)")],
        id="duplicate-key-differing-in-case"),
    pytest.param(
        TWO_BOOKS.replace("  year      = {1990},\n", "  year      = {1990},\n  year      = {1991},\n"),
        [(16, "entry 'walt1990' has the field 'year' twice — keep one")],
        id="duplicate-field"),
    pytest.param(
        TWO_BOOKS.replace("  year      = {1990},\n", "  year      = {1990}\n"),
        [(15, "BibTeX syntax error: no comma after this field — end the line with ','")],
        id="syntax-missing-comma"),
    pytest.param(
        BOOK_1[:-2] + "\n" + BOOK_2,
        [(1, "BibTeX syntax error: this entry's '{' is never closed — end the entry with '}'")],
        id="syntax-missing-closing-brace-of-entry"),
    pytest.param(
        BOOK_1 + "\n" + BOOK_2.replace("{english},\n}", "{english,\n}"),
        [(16, "BibTeX syntax error: the '{' on this line is never closed — add the matching '}'")],
        id="syntax-missing-closing-brace-of-last-field"),
    pytest.param(
        TWO_BOOKS.replace("  publisher = {Cornell University Press},\n", ""),
        [(10, "entry 'walt1990' (@book) has no 'publisher' field — add publisher = {...} as the "
              "printed reference list gives it")],
        id="book-without-publisher"),
    pytest.param(
        TWO_BOOKS.replace("  author    = {Walt, S.M.},\n", ""),
        [(10, "entry 'walt1990' (@book) has no 'author' field")],
        id="book-without-author"),
    pytest.param(
        TWO_BOOKS + "\n" + ARTICLE_3.replace("  volume    = {43},\n", ""),
        [(19, "entry 'walt1989' (@article) has no 'volume' field")],
        id="article-without-volume"),
    pytest.param(
        TWO_BOOKS + "\n" + ARTICLE_3.replace("  journal   = {Journal of International Affairs},\n", ""),
        [(19, "entry 'walt1989' (@article) has no 'journal' field")],
        id="article-without-journal"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("  urldate   = {2022-02-01},\n", ""),
        [(19, "entry 'site2022' (@online) has no 'urldate' field")],
        id="online-without-urldate"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("  url       = {https://example.org/page},\n", ""),
        [(19, "entry 'site2022' (@online) has no 'url' field")],
        id="online-without-url"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("https://example.org/page", "javascript:alert(1)"),
        [(22, "entry 'site2022' has url 'javascript:alert(1)' — only http:// and https:// "
              "addresses are allowed")],
        id="javascript-url"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("https://example.org/page", "ftp://example.org/x"),
        [(22, "entry 'site2022' has url 'ftp://example.org/x' — only http:// and https://")],
        id="ftp-url"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("2022-02-01", "01.02.2022"),
        [(23, "entry 'site2022' has urldate '01.02.2022' — write dates as YYYY-MM-DD")],
        id="urldate-not-iso"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("  urldate ", "  date      = {3 Dec 2021},\n  urldate "),
        [(23, "entry 'site2022' has date '3 Dec 2021' — write dates as YYYY-MM-DD")],
        id="date-not-iso"),
    pytest.param(
        TWO_BOOKS + "\n" + ONLINE_3.replace("@online", "@misc"),
        [(19, "entry 'site2022' has type @misc — use one of @book, @article, @online")],
        id="unknown-type-misc"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_problems(tmp_path: Path, text: str, expected: list[tuple[int, str]]) -> None:
    problems = sorted(_load(tmp_path, text).problems, key=lambda p: (p.line, p.message))
    assert [(p.path, p.line) for p in problems] == [(DISPLAY, line) for line, _ in expected], problems
    for problem, (_, phrase) in zip(problems, expected, strict=True):
        assert phrase in problem.message


def test_bad_author_name_is_reported_on_its_line(tmp_path: Path) -> None:
    text = TWO_BOOKS.replace("{Walt, S.M.}", "{Walt, S., Jr., M}")
    assert [str(p) for p in _load(tmp_path, text).problems] == [
        "bib/references.bib:12: name 'Walt, S., Jr., M' has too many commas — write "
        "'Surname, Initials' and separate several names with ' and '"]


# Entries that pass every field check but that pybtex cannot format: a Problem on the
# entry's line (in a build this was once a bare traceback from on_env).
UNFORMATTABLE = [
    pytest.param(
        BOOK_2.replace("{{The origins of alliances}}", "{The origins \\}"),
        "entry 'walt1990' cannot be formatted ('latex' codec can't decode byte 0x5c in "
        "position 12: unknown token '\\\\') — check its braces, backslashes and names",
        id="title-ending-in-backslash"),
    pytest.param("""\
@online{hakimov2021,
  shorthand        = {2},
  translatedauthor = {Khakimov, O., Jr., X},
  title            = {{T}},
  translatedtitle  = {{T}},
  url              = {https://example.org/},
  urldate          = {2022-02-01},
  language         = {russian},
}
""", "entry 'hakimov2021' cannot be formatted (Too many commas in 'Khakimov, O., Jr., X') — "
        "check its braces, backslashes and names", id="translatedauthor-with-too-many-commas"),
]


@pytest.mark.parametrize(("entry", "message"), UNFORMATTABLE)
def test_unformattable_entry_is_a_problem(tmp_path: Path, entry: str, message: str) -> None:
    problems = _load(tmp_path, BOOK_1 + "\n" + entry).problems
    assert [(p.line, p.message) for p in problems] == [(10, message)]


# --- the reference style, on the 19 real entries --------------------------------------

ENTRIES: dict[int, Entry] = {
    int(entry.fields["shorthand"]): entry for entry in parse_file(str(BIB)).entries.values()}


_EMENDATION = re.compile(r"\{sic:\s*([^|{}]+?)\s*(?:\|[^{}]*)?\}")


def _plain(value: str) -> str:
    """A bib field as printed: emendations read as printed ({sic: X | corr: Y} -> X),
    protective braces removed, \\& as &."""
    value = _EMENDATION.sub(lambda match: match[1], value)
    return " ".join(value.replace("{", "").replace("}", "").replace("\\&", "&").split())


def _reader_html(html: str) -> str:
    """The formatted HTML as a reader sees it: the edition's apparatus (corrections)
    removed, entities decoded, tags kept, whitespace collapsed."""
    soup = BeautifulSoup(html, "html.parser")
    for apparatus in soup.select("[data-edition-apparatus]"):
        apparatus.decompose()
    for span in soup.select("span"):
        span.unwrap()
    return " ".join(unescape(str(soup)).split())


def test_real_bibliography_numbers_the_printed_references() -> None:
    assert sorted(ENTRIES) == sources.printed_reference_numbers()


@pytest.mark.parametrize("number", sorted(ENTRIES), ids=lambda n: f"ref-{n}")
def test_real_entry_formats_with_title_verbatim(number: int) -> None:
    entry = ENTRIES[number]
    html = format_reference(entry)
    title = _plain(entry.fields["title"])
    italic = entry.type != "article"  # an article's title is roman, its journal italic
    assert (f"<em>{title}</em>" if italic else f"{title}") in _reader_html(html)


def test_title_case_is_kept() -> None:
    html = format_reference(ENTRIES[2])
    assert html == ("Morgenthau, H. (1948). <em>Politics Among Nations: The Struggle for Power "
                    "and Peace</em>. New York: <em>Alfred A. Knopf</em>.")


@pytest.mark.parametrize("number", [n for n, e in ENTRIES.items() if "translatedtitle" in e.fields],
                         ids=lambda n: f"ref-{n}")
def test_translation_follows_title_in_brackets(number: int) -> None:
    entry = ENTRIES[number]
    translator = ""
    if "translatedauthor" in entry.fields:
        surname, initials = entry.fields["translatedauthor"].split(", ")
        translator = f"{surname} {initials} "
    expected = f"<em>{_plain(entry.fields['title'])}</em> [{translator}{_plain(entry.fields['translatedtitle'])}]"
    assert expected in _reader_html(format_reference(entry))


def test_translated_author_inside_brackets() -> None:
    text = format_reference_text(ENTRIES[11])
    assert "[Khakimov O. Cooperation between Uzbekistan and Kazakhstan at the present stage" in text
    assert text.startswith("Hakimov, O. Sotrudnichestvo")


@pytest.mark.parametrize(("number", "printed"), [
    pytest.param(1, "(access date: 10.02.2022)", id="ref-1-urldate"),
    pytest.param(10, ", 11.02.2022 (access date: 11.02.2022)", id="ref-10-date-and-urldate"),
    pytest.param(11, ", 03.12.2021 (access date: 01.02.2022)", id="ref-11-date"),
    pytest.param(19, "(access date: 01.02.2022)", id="ref-19-urldate"),
])
def test_dates_print_as_dd_mm_yyyy(number: int, printed: str) -> None:
    text = format_reference_text(ENTRIES[number])
    assert text.endswith(printed)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


@pytest.mark.parametrize(("number", "printed"), [
    pytest.param(5, "Walt, S.M. (1990). The origins of alliances. Ithaca, N.Y. London: "
                 "Cornell University Press.", id="ref-5-book-with-address"),
    pytest.param(6, "Walt, S. M. (1989). Alliances in theory and practice: what lies ahead? "
                 "Journal of International Affairs, 43(1), pp. 1–17.", id="ref-6-article"),
])
def test_full_text(number: int, printed: str) -> None:
    assert format_reference_text(ENTRIES[number]) == printed


@pytest.mark.parametrize("number", sorted(ENTRIES), ids=lambda n: f"ref-{n}")
def test_links(number: int) -> None:
    entry = ENTRIES[number]
    assert "<a" not in format_reference(entry, links=False)
    links = [unescape(url) for url in re.findall(r'<a href="([^"]*)">', format_reference(entry))]
    assert links == ([entry.fields["url"]] if "url" in entry.fields else [])


def test_bare_percent_in_title_is_reported(tmp_path: Path) -> None:
    bibliography = _load(tmp_path, TWO_BOOKS.replace("{{The origins of alliances}}",
                                                     "{{Growth of 50% in trade}}"))
    assert [(p.line, p.message) for p in bibliography.problems] == [
        (13, "entry 'walt1990' has a bare % in title — LaTeX reads it as the start of a comment "
             "and drops the rest; write \\% for a percent sign")]


def test_escaped_percent_in_title_is_kept(tmp_path: Path) -> None:
    bibliography = _load(tmp_path, TWO_BOOKS.replace("{{The origins of alliances}}",
                                                     "{{Growth of 50\\% in trade}}"))
    assert bibliography.problems == []
    assert "Growth of 50% in trade" in format_reference_text(bibliography.by_number[2].entry)
