"""Print (docs/stylesheets/print.css, edition/outputs/printing.py, scripts/pdf): Chromium prints
article/ to A4. The PDF holds the article from its first sentence to its last with its
¶ numbers in the margin, a colophon with the build date, the editorial notes as
numbered endnotes with their sources, and none of the screen's navigation, previews,
underlines or arrows; it is light in either scheme. The title page prints on one page;
scripts/pdf copies out the PDF every build makes (edition/outputs/paged.py,
tests/test_paged_pdf.py), which the title page and the article page link."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fidelity import parse_source, split_sentences
from sources import article_paragraphs

from .helpers import ROOT, SCREENSHOTS

A4 = (595, 842)  # points


def _squash(text: str) -> str:
    """Compare text across PDF line breaks: letters and digits only, lower case."""
    return re.sub(r"[^\w]", "", text.replace("ﬁ", "fi").replace("ﬂ", "fl")).lower()


def _print(browser, url: str, name: str, scheme: str = "light") -> PdfReader:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pdf = SCREENSHOTS.parent / f"{name}.pdf"
        # The page size is the stylesheet's (@page A4), as scripts/pdf prints it.
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    return PdfReader(pdf)


def _text(reader: PdfReader) -> str:
    # Layout mode reads the page as it looks: Chromium writes positioned inline
    # elements (glossary terms) as separate text runs, out of reading order.
    return "\n".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)


@pytest.fixture(scope="module")
def printed_pdf(browser, site) -> PdfReader:
    return _print(browser, site.url("article/"), "article")


@pytest.fixture(scope="module")
def printed(printed_pdf) -> str:
    return _text(printed_pdf)


def test_pdf_holds_the_article_from_first_to_last_sentence(printed: str) -> None:
    body = [passage.text for passage in parse_source().of("body")]
    first, last = split_sentences(body[0])[0], split_sentences(body[-1])[-1]
    text = _squash(printed)
    assert _squash(first) in text, first
    assert _squash(last) in text, last


def test_pdf_is_a4(printed_pdf) -> None:
    for page in printed_pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4


def test_pdf_opens_with_the_colophon(printed: str) -> None:
    first_page = printed.split("\f")[0] if "\f" in printed else printed[:2000]
    assert re.search(r"Printed from the digital edition.*Built on \d{1,2} [A-Z][a-z]+ 20\d\d", first_page), \
        first_page[:400]


def test_pdf_gives_the_notes_as_numbered_endnotes_with_their_sources(printed: str, built_site) -> None:
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    notes = soup.select(".edition-note")
    endnotes = soup.select(".edition-endnotes__note")
    assert len(endnotes) == len(notes) > 0
    # In the text, each note's place shows its number; the notes follow the text.
    markers = [int(n) for n in re.findall(r"\[Editorial note (\d+), after the text\]", printed)]
    assert markers == list(range(1, len(notes) + 1))
    titles = [re.sub(r"^\d+ Editorial note: ", "", note.select_one(".edition-note__title").get_text(" ", strip=True))
              for note in notes]
    text = _squash(printed)
    after_text = _squash(printed.split("Editorial notes")[-1])
    for title, endnote in zip(titles, endnotes, strict=True):
        assert endnote.select_one(".edition-endnotes__note-title").get_text() == title
        assert _squash(title) in after_text, title
    # Every source the notes cite (their editors' sources on screen) is printed with its address.
    sources = {a["href"] for a in soup.select(".edition-sources li a[href^='http']")}
    assert sources
    for href in sources:
        assert _squash(unquote(href)) in text or _squash(href) in text, href


def test_pdf_numbers_paragraphs_in_the_margin(browser, site, printed: str) -> None:
    assert "¶ 1" in printed and f"¶ {len(article_paragraphs())}" in printed
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        page.emulate_media(media="print")
        gaps = page.evaluate("""() => [...document.querySelectorAll('.edition-para')].map(p => {
            const number = p.querySelector('.edition-para__number').getBoundingClientRect();
            return p.getBoundingClientRect().left - number.right;
        })""")
    finally:
        context.close()
    assert gaps and all(gap >= 0 for gap in gaps), "a ¶ number stands inside its paragraph"


def test_pdf_leaves_out_navigation_previews_and_arrows(printed: str, built_site, browser, site) -> None:
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
    assert "↩" not in printed, "footnote arrows printed"
    # Previews repeat text that is printed anyway (a reference, a glossary summary):
    # what proves them left out is that none takes room on paper.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        page.emulate_media(media="print")
        counts = page.evaluate("""() => {
            const previews = [...document.querySelectorAll('.edition-preview, .edition-popover')];
            return [previews.length, previews.filter(node => node.getClientRects().length).length];
        }""")
    finally:
        context.close()
    assert counts[0] > 0 and counts[1] == 0, f"{counts[1]} of {counts[0]} previews printed"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_is_light_and_without_underlines(browser, site, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        page.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', "
                      f"'{'slate' if scheme == 'dark' else 'default'}')")
        page.emulate_media(media="print")
        style = page.evaluate("""() => {
            const css = node => getComputedStyle(node);
            const decorated = [...document.querySelectorAll(
                '.md-content a, .edition-term__link, .edition-sic, abbr')]
                .filter(node => css(node).textDecorationLine !== 'none' || css(node).borderBottomStyle !== 'none')
                .map(node => node.outerHTML.slice(0, 80));
            return {body: css(document.body).backgroundColor, html: css(document.documentElement).backgroundColor,
                    text: css(document.querySelector('.edition-para')).color, decorated};
        }""")
    finally:
        context.close()
    assert style["body"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), style
    assert style["html"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), style
    assert re.fullmatch(r"rgba?\(0, 0, 0(, 0\.8\d+)?\)", style["text"]), style
    assert style["decorated"] == [], style["decorated"][:5]


def test_title_page_prints_on_one_page_without_web_controls(browser, site) -> None:
    """One page: the title block and the citation; no button, and no download links, whose
    addresses paper cannot show (the screen's own words for them are checked absent)."""
    reader = _print(browser, site.url(), "title-page", scheme="dark")
    assert len(reader.pages) == 1, len(reader.pages)
    text = _text(reader)
    assert "How to cite" in text and "@article{" not in text
    for web_only in ("Read the article", "BibTeX", "CSL-JSON", "Cite & export", "PDF, A4", "Copy the citation"):
        assert web_only not in text, web_only


def test_print_shows_the_address_of_external_links(browser, site) -> None:
    """A link whose text is not its address gets the address printed after it; links
    left alone by print.css (reference lists, the notes' sources, the DOI line) show it
    as their text, decoded where it was percent-encoded."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        shown = {}
        for url in ("about/principles/", "article/", "references/", ""):
            page.goto(site.url(url))
            shown[url] = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href^="http"]')]
                .filter(link => link.getClientRects().length)
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
            href, text = unquote(link["href"]).rstrip("/"), link["text"].rstrip("/")
            assert text == href or href.endswith(text) or text in href, f"printed without its address: {link}"


def test_pdf_script_makes_the_pdf_the_title_page_links(tmp_path: Path) -> None:
    """scripts/pdf builds the site, whose build sets the PDF (edition/outputs/paged.py),
    and copies it out: the file the title page links."""
    pdf, site = tmp_path / "article.pdf", tmp_path / "site"
    env = {**os.environ, "EDITION_PDF": str(pdf),
           "PYTHON": os.environ.get("PYTHON", str(Path(os.sys.executable)))}
    result = subprocess.run([str(ROOT / "scripts" / "pdf"), str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 5
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == A4
    title = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    link = title.select_one("article a[href$='.pdf']")
    assert link is not None
    assert (site / link["href"]).read_bytes() == pdf.read_bytes()


def test_title_page_and_article_page_link_the_pdf(built_site) -> None:
    """Every build makes the PDF: the title page and the article page link it, and the
    article page names it in citation_pdf_url."""
    title = BeautifulSoup(built_site.page(""), "html.parser")
    link = title.select_one("article a[href$='.pdf']")
    assert link is not None
    assert (built_site.root / link["href"]).read_bytes().startswith(b"%PDF-")
    article = BeautifulSoup(built_site.page("article/"), "html.parser")
    on_article = article.select_one("article .edition-pdf-link a[href$='.pdf']")
    assert on_article is not None
    assert (built_site.root / "article" / on_article["href"]).resolve() == (built_site.root / link["href"]).resolve()
    meta = article.select_one('meta[name="citation_pdf_url"]')
    assert meta is not None and meta["content"] == on_article["href"]
