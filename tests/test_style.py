"""The reference style's punctuation and link text (edition/inputs/reference_style.py): parts are closed
by full stops as the printed list closes them, and a URL reads decoded while its href
stays as written."""

from __future__ import annotations

from html import unescape

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, Person

from conftest import BuiltSite
from edition.inputs.reference_style import format_reference, format_reference_text


def _online(**fields: str) -> Entry:
    entry = Entry("online", fields={"urldate": "2022-02-01", "language": "russian", **fields})
    if "author" in fields:
        entry = Entry("online", fields={k: v for k, v in entry.fields.items() if k != "author"},
                      persons={"author": [Person(fields["author"])]})
    return entry


@pytest.mark.parametrize(("fields", "expected"), [
    pytest.param({"title": "Zagolovok", "translatedtitle": "Title", "organization": "Site.uz", "year": "2020",
                  "url": "https://a.uz/x"},
                 "Zagolovok [Title]. Site.uz, 2020. [Electronic resource] URL: https://a.uz/x "
                 "(access date: 01.02.2022)", id="site-and-year"),
    pytest.param({"author": "Hakimov, O.", "title": "Zagolovok", "translatedtitle": "Title",
                  "translatedauthor": "Khakimov, O.", "organization": "Kazpravda", "date": "2021-12-03",
                  "url": "https://a.kz/x"},
                 "Hakimov, O. Zagolovok [Khakimov O. Title]. Kazpravda. [Electronic resource] URL: "
                 "https://a.kz/x, 03.12.2021 (access date: 01.02.2022)", id="author-without-year"),
    pytest.param({"author": "Muratalieva, N.", "year": "2022", "title": "Kak?", "url": "https://a.kg/x"},
                 "Muratalieva, N. (2022). Kak? [Electronic resource] URL: https://a.kg/x "
                 "(access date: 01.02.2022)", id="question-mark-takes-no-stop"),
    pytest.param({"title": "Deklaratsiya", "translatedtitle": "Declaration", "url": "https://uza.uz/x"},
                 "Deklaratsiya [Declaration]. [Electronic resource] URL: https://uza.uz/x "
                 "(access date: 01.02.2022)", id="no-site"),
])
def test_online_parts_are_closed_by_full_stops(fields: dict, expected: str) -> None:
    assert format_reference_text(_online(**fields)) == expected


def test_url_text_is_decoded_and_href_kept() -> None:
    url = "https://review.uz/post/x?q=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD"
    link = BeautifulSoup(format_reference(_online(title="T", url=url)), "html.parser").find("a")
    assert link["href"] == url
    assert link.get_text() == "https://review.uz/post/x?q=Казахстан"


def test_url_that_does_not_decode_stays_as_written() -> None:
    url = "https://example.org/%FF%FE"
    link = BeautifulSoup(format_reference(_online(title="T", url=url)), "html.parser").find("a")
    assert link["href"] == url and link.get_text() == url


def test_decoded_markup_in_a_url_stays_text() -> None:
    url = "https://example.org/?q=%3Cb%3Ex%3C/b%3E"
    html = format_reference(_online(title="T", url=url))
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert unescape(BeautifulSoup(html, "html.parser").find("a").get_text()) == "https://example.org/?q=<b>x</b>"


def test_reference_list_separates_title_and_site(built_site: BuiltSite) -> None:
    soup = BeautifulSoup(built_site.page("references/"), "html.parser")
    texts = {int(li["value"]): " ".join(li.select_one(".edition-references__text").get_text().split())
             for li in soup.select(".edition-references > li")}
    assert "2020 - 2030]. Administratsiya Prezidenta Respubliki Kazakhstan, 2020. [Electronic" in texts[1]
    assert "at the present stage of development]. Kazpravda. [Electronic resource]" in texts[11]
    assert "?q=Казахстан" in texts[15]


def test_braces_of_a_corporate_author_are_not_printed() -> None:
    entry = Entry("online", fields={"title": "T", "url": "https://x.org", "urldate": "2022-01-01"},
                  persons={"author": [Person("{GRATA International}")]})
    assert format_reference_text(entry).startswith("GRATA International. T. [Electronic resource]")
    assert "{" not in format_reference(entry)
