"""Pages as a reader meets them in Chromium (issue 11): tables whose words are never
split, no leaked LaTeX or editing syntax on any page, a light title page, jumps that
land below the header with a visible, fading highlight, ¶ links that keep #pN, and
the timeline's dots on its rule."""

from __future__ import annotations

import re

import pytest

from .helpers import PHONE, open_context, screenshot, site_pages

# Syntax that belongs to the sources, never to a page a reader sees.
LEAKS = ["\\&", "\\%", "{\\", "{sic:", "[@", "{{", "}}", "@book{", "@online{"]

# For each word of a table cell: the number of line boxes it occupies. A word is a run
# of non-space characters; a break after a hyphen, slash, dash or ellipsis is a line
# break the text offers, so the pieces between them are measured one by one. Addresses (link
# text starting with http) may break anywhere.
_SPLIT_WORDS = r"""() => {
  const split = [];
  for (const cell of document.querySelectorAll('.md-typeset td, .md-typeset th')) {
    if (!cell.offsetParent) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('a[href^="http"]')) continue;
      for (const match of node.data.matchAll(/[^\s\-\/\u2010-\u2014\u2026]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


def _table_pages(built_site) -> list[str]:
    return [url for url in site_pages(built_site) if "<table" in built_site.page(url)]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_word_is_split_in_a_table_cell(browser, site, built_site, width: str) -> None:
    options = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if width == "phone" else {}
    context = open_context(browser, **options)
    try:
        page = context.new_page()
        pages = _table_pages(built_site)
        assert "about/emendations/" in pages
        for url in pages:
            page.goto(site.url(url))
            assert page.evaluate(_SPLIT_WORDS) == [], f"{url} at {width} width splits words"
        page.goto(site.url("about/emendations/"))
        # Material styles the tables and wraps them for sideways scrolling.
        assert page.locator(".edition-emendations .md-typeset__scrollwrap table").count() == 2
        screenshot(page, f"emendations-{width}", full_page=True)
    finally:
        context.close()


def test_no_page_shows_source_syntax(page, site, built_site) -> None:
    found = {}
    for url in site_pages(built_site):
        page.goto(site.url(url))
        # The Cite & export page shows BibTeX, RIS and CSL-JSON on purpose, to copy:
        # those texts are the formats themselves, not leaked syntax.
        text = page.evaluate("""() => {
            document.querySelectorAll('.edition-copyable--export').forEach(n => n.style.display = 'none');
            return document.body.innerText;
        }""")
        leaks = [leak for leak in LEAKS if leak in text]
        if leaks:
            found[url] = leaks
    assert found == {}, f"syntax visible on pages: {found}"


def test_no_page_shows_source_syntax_detects_a_leak(page, site) -> None:
    """The scan above reads what is shown: a leak added to a page is found."""
    page.goto(site.url("about/emendations/"))
    page.evaluate("() => document.querySelector('article p').append(' Holmes \\\\& Meier')")
    assert "\\&" in page.evaluate("() => document.body.innerText")


def test_title_page_is_light(built_site) -> None:
    """The export texts live on the Cite & export page: the title page keeps its
    citation, with no highlighting spans and no collapsed code blocks."""
    from bs4 import BeautifulSoup

    html = built_site.page("")
    soup = BeautifulSoup(html, "html.parser")
    assert len(html.encode()) < 70_000, len(html.encode())
    assert len(soup.find_all(True)) < 700, len(soup.find_all(True))
    assert not soup.select("article .highlight, article details, article pre code")


def test_cite_page_copies_the_export_text(browser, site, built_site) -> None:
    context = open_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(site.url("cite/"))
        button = page.locator("#references-ris-text + .edition-copy button")
        button.click()
        page.locator("#references-ris-text + .edition-copy [role=status]").filter(has_text="Copied.").wait_for()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.strip() == (built_site.root / "exports" / "references.ris").read_text("utf-8").strip()
        screenshot(page, "cite-page")
    finally:
        context.close()


def _header_bottom(page) -> float:
    return page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")


def test_jump_to_a_reference_lands_below_the_header_and_fades(page, site) -> None:
    page.goto(site.url("article/"))
    page.locator('.edition-cite__link[href$="#ref-2"]').first.click()
    page.wait_for_url("**/references/#ref-2")
    target = page.locator("#ref-2")
    top = target.evaluate("node => node.getBoundingClientRect().top")
    assert _header_bottom(page) <= top < page.viewport_size["height"] / 2, (top, _header_bottom(page))
    alpha = "node => { const m = getComputedStyle(node).backgroundColor.match(/[\\d.]+/g); " \
            "return m.length > 3 ? +m[3] : 1; }"
    early = target.evaluate(alpha)
    screenshot(page, "jump-reference")
    page.wait_for_timeout(3200)
    late = target.evaluate(alpha)
    assert early > late > 0, f"the highlight should fade, not vanish: {early} -> {late}"
    assert early >= 0.2, f"the highlight should be clearly visible at first: {early}"


def test_jump_back_to_the_citation_lands_below_the_header(phone, site) -> None:
    phone.goto(site.url("references/"))
    link = phone.locator("#ref-3 .edition-backlinks__link").first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    phone.wait_for_url(re.compile(r"#" + re.escape(fragment) + "$"))
    top = phone.locator(f"#{fragment}").evaluate("node => node.getBoundingClientRect().top")
    assert _header_bottom(phone) <= top < phone.viewport_size["height"] / 2


def test_paragraph_link_keeps_its_fragment(page, site) -> None:
    page.goto(site.url("article/"))
    page.locator('a.edition-para__number[href="#p12"]').click()
    page.wait_for_url("**/article/#p12")
    top = page.locator("#p12").evaluate("node => node.getBoundingClientRect().top")
    assert top >= _header_bottom(page)
    page.keyboard.press("Escape")
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(1000)
    assert page.url.endswith("#p12"), page.url


def test_timeline_dots_sit_on_the_rule(page, site) -> None:
    page.goto(site.url("indexes/timeline/"))
    offsets = page.evaluate("""() => {
      const list = document.querySelector('.edition-timeline');
      const box = list.getBoundingClientRect();
      const rule = box.left + parseFloat(getComputedStyle(list).borderLeftWidth) / 2;
      return [...list.querySelectorAll('.edition-timeline__event')].map(event => {
        const dot = getComputedStyle(event, '::before');
        const left = event.getBoundingClientRect().left + parseFloat(dot.left);
        return left + parseFloat(dot.width) / 2 - rule;
      });
    }""")
    assert offsets and all(abs(offset) <= 1 for offset in offsets), offsets
