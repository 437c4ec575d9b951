"""Print (docs/stylesheets/print.css): Chromium prints article/ to PDF; the PDF holds
the article from its first sentence to its last, with the editorial notes and their
sources, and none of the screen's navigation, previews or ¶ markers."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from fidelity import parse_source, split_sentences

from .helpers import SCREENSHOTS


def _squash(text: str) -> str:
    """Compare text across PDF line breaks: letters and digits only, lower case."""
    return re.sub(r"[^\w]", "", text.replace("ﬁ", "fi").replace("ﬂ", "fl")).lower()


@pytest.fixture(scope="module")
def printed(browser, site) -> str:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pdf = SCREENSHOTS.parent / "article.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
    finally:
        context.close()
    # Layout mode reads the page as it looks: Chromium writes positioned inline
    # elements (glossary terms) as separate text runs, out of reading order.
    return "\n".join(page.extract_text(extraction_mode="layout") or ""
                     for page in PdfReader(pdf).pages)


def test_pdf_holds_the_article_from_first_to_last_sentence(printed: str) -> None:
    body = [passage.text for passage in parse_source().of("body")]
    first, last = split_sentences(body[0])[0], split_sentences(body[-1])[-1]
    text = _squash(printed)
    assert _squash(first) in text, first
    assert _squash(last) in text, last


def test_pdf_keeps_editorial_notes_and_their_sources(printed: str, built_site) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    note = soup.select_one(".edition-note summary").get_text(strip=True)
    source = soup.select_one(".footnote li p").get_text(" ", strip=True)
    text = _squash(printed)
    assert _squash(note) in text, note
    assert _squash(source)[:60] in text, source


def test_pdf_leaves_out_navigation_previews_and_paragraph_marks(printed: str, built_site) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    content = soup.select_one("article.md-content__inner").get_text(" ", strip=True)
    # Navigation labels that are not also words of the page's own content.
    labels = {link.get_text(" ", strip=True) for link in soup.select(".md-nav--primary .md-nav__link")
              if link.find_parent(class_="md-nav--secondary") is None}
    labels |= {"Skip to content", "Table of contents", "Made with", "Previous", "Next"}
    labels = {label for label in labels if label and label not in content}
    assert len(labels) >= 10, labels
    printed_labels = sorted(label for label in labels if label in printed)
    assert printed_labels == [], f"navigation labels printed: {printed_labels}"
    assert "¶" not in printed, "¶ markers printed"
    preview = soup.select_one(".edition-cite__preview").get_text(" ", strip=True)
    assert _squash(preview) not in _squash(printed), "a citation preview was printed"


def test_print_shows_the_address_of_external_links(browser, site) -> None:
    """A link whose text is not its address gets the address printed after it; links
    left alone by print.css (reference list, footnotes, DOI line) show it as their text."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        shown = {}
        for url in ("about/principles/", "article/", "references/", ""):
            page.goto(site.url(url))
            shown[url] = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href^="http"]')]
                .map(link => ({href: link.getAttribute('href'), text: link.textContent.trim(),
                               after: getComputedStyle(link, '::after').content}))""")
    finally:
        context.close()
    links = [link for found in shown.values() for link in found]
    with_address = [link for link in links if link["after"] not in ("none", "normal", "")]
    assert with_address, "no external link shows its address in print"
    for link in with_address:
        assert link["after"] == f'" <{link["href"]}>"' or link["href"] in link["after"], link
    for link in links:
        if link["after"] in ("none", "normal", ""):
            assert link["text"].rstrip("/") == link["href"].rstrip("/") or \
                link["href"].endswith(link["text"]) or link["text"] in link["href"], \
                f"printed without its address: {link}"
