"""The article's record (edition/inputs/record.py) read from a tiny page's front matter: each
author's printed names by language and the contact e-mail are typed and checked like
the rest of the record, a wrong value reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.inputs.record import load_record

PAGE = """\
---
edition:
  doi: "10.1234/tiny.1"
  year: 2020
  titles: {{en: "A tiny article", kk: "Шағын мақала"}}
  authors:
    - name: {{en: "Ann Author", kk: "Анн Автор"}}
      family: {{en: "Author"}}
      given: {{en: "Ann"}}
      affiliation: "Lecturer, Tiny University"
      institution: "Tiny University"
      place: "Tinytown"
      email: {email}
    - name: {second}
      family: {{en: "Writer"}}
      given: {{en: "Bo"}}
      affiliation: "Tiny University"
      institution: "Tiny University"
      place: "Tinytown"
  keywords: {{en: ["alliances"]}}
---

# A tiny article
"""


def _load(tmp_path: Path, email: str = '"ann@tiny.example"', second: str = '{en: "Bo Writer", kk: "Бо Райтер"}'):
    (tmp_path / "index.md").write_text(PAGE.format(email=email, second=second), encoding="utf-8")
    return load_record(tmp_path)


def test_names_by_language_and_the_email_are_in_the_record(tmp_path: Path) -> None:
    record, problems = _load(tmp_path)
    assert problems == []
    first, second = record.authors
    assert (first.name, first.names, first.email) == ("Ann Author", {"en": "Ann Author", "kk": "Анн Автор"},
                                                      "ann@tiny.example")
    assert second.email is None
    assert record.byline("kk") == ["Анн Автор", "Бо Райтер"]
    assert record.byline("en") == ["Ann Author", "Bo Writer"]


def test_a_byline_some_author_lacks_is_left_out(tmp_path: Path) -> None:
    record, problems = _load(tmp_path, second='{en: "Bo Writer"}')
    assert problems == [] and record.byline("kk") is None


@pytest.mark.parametrize("email", ['"mailto:ann@tiny.example"', '"ann at tiny"', '"ann@tiny"', "[ann@tiny.example]"])
def test_an_email_that_is_not_one_is_reported_at_its_line(tmp_path: Path, email: str) -> None:
    record, problems = _load(tmp_path, email=email)
    assert record is None
    assert [(p.path, p.line) for p in problems] == [("docs/index.md", 13)]
    assert "is not an e-mail address — write it as printed, name@host" in problems[0].message


@pytest.mark.parametrize("second", ['{en: "Bo Writer", kk: ""}', '{en: "Bo Writer", kk: [Бо]}', '"Bo Writer"'])
def test_a_name_that_is_not_text_by_language_is_reported(tmp_path: Path, second: str) -> None:
    record, problems = _load(tmp_path, second=second)
    assert record is None
    assert [str(p) for p in problems] == [
        "docs/index.md:6: each author needs name, family and given (each a mapping of language to text, "
        "with en: ...), institution, affiliation and place"]


VENUE = """\
---
edition:
  doi: "10.1234/tiny.1"
  year: 2020
  titles: {{en: "A tiny article"}}
  authors:
    - name: {{en: "Ann Author"}}
      family: {{en: "Author"}}
      given: {{en: "Ann"}}
      affiliation: "Tiny University"
      institution: "Tiny University"
      place: "Tinytown"
  keywords: {{en: ["alliances"]}}
  journal:
    title: "Tiny Journal"
    source: "https://tiny.example/article/1"
{parts}---
"""


def _venue(tmp_path: Path, parts: str):
    (tmp_path / "index.md").write_text(VENUE.format(parts=parts), encoding="utf-8")
    return load_record(tmp_path)


def test_the_venue_and_each_of_its_parts_are_in_the_record(tmp_path: Path) -> None:
    record, problems = _venue(tmp_path, '    volume: "4"\n    issue: 2\n    pages: "45-61"\n    issn: "2049-3630"\n')
    assert problems == []
    journal = record.journal
    assert (journal.title, journal.source, journal.volume, journal.issue, journal.first_page, journal.last_page,
            journal.issn, journal.pages) == ("Tiny Journal", "https://tiny.example/article/1", "4", "2", "45", "61",
                                             "2049-3630", "45-61")
    bare, problems = _venue(tmp_path, "")
    assert problems == [] and (bare.journal.volume, bare.journal.pages, bare.journal.issn) == (None, None, None)
    assert bare.citation() == "Author, A. (2020). A tiny article. Tiny Journal. https://doi.org/10.1234/tiny.1"
    assert bare.paragraph_citation() == ("Author, A. (2020). A tiny article. Tiny Journal, ¶ {paragraph}. "
                                         "https://doi.org/10.1234/tiny.1")
    assert record.paragraph_citation() == ("Author, A. (2020). A tiny article. Tiny Journal, 4(2), 45–61, "
                                           "¶ {paragraph}. https://doi.org/10.1234/tiny.1")


@pytest.mark.parametrize(("parts", "line", "message"), [
    ('    pages: "45 to 61"\n', 17, "journal pages '45 to 61' — write the first and last page as digits"),
    ('    issn: "2049 3630"\n', 17, "journal issn '2049 3630' is not an ISSN — write it as NNNN-NNNN"),
    ('    publisher: "Tiny Press"\n', 14, "journal has an unknown field 'publisher' — the fields are: title, volume"),
])
def test_a_wrong_part_of_the_venue_is_reported_at_its_line(tmp_path: Path, parts: str, line: int,
                                                           message: str) -> None:
    record, problems = _venue(tmp_path, parts)
    assert record is None
    assert [(p.path, p.line) for p in problems] == [("docs/index.md", line)]
    assert message in problems[0].message


def test_a_venue_without_its_source_is_refused(tmp_path: Path) -> None:
    page = VENUE.format(parts="").replace('    source: "https://tiny.example/article/1"\n', "")
    (tmp_path / "index.md").write_text(page, encoding="utf-8")
    record, problems = load_record(tmp_path)
    assert record is None
    assert [str(p) for p in problems] == [
        "docs/index.md:14: journal must be a mapping with title and source (the address of the publisher's page "
        "that states it), and optionally volume, issue, pages and issn"]
