"""One apparatus, and a reading text that is the authors' text.

- The reading view of the article shows the authors' words and their own citations
  and References, and nothing of the edition's: no note markers or notes, no editors'
  sources, no term links, no ¶ numbers, no emendation marks; each corrected reading
  stands plainly.
- No page carries a footnote list without a heading of its own: the editors' sources
  (mkdocs-bibtex's ``[@key]``) form one headed list per page, and each citation of one
  is a short citation that opens the same preview as the rest of the edition, on
  hover, focus and tap, in type large enough to read.

Counts come from the sources (tests/sources.py, docs/article.md, data/), never from
today's numbers.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from sources import PRINTED_CITATIONS, ROOT, cited_numbers, notes

from .helpers import DESKTOP, PHONE, open_context, screenshot

SWITCH = "button.edition-view-switch"
MIN_READABLE_PX = 12
# {sic: printed | corr: corrected | note: …} in the article's source.
_EMENDATION = re.compile(r"\{sic:\s*([^|{}]+?)\s*\|\s*corr:\s*([^|{}]+?)\s*(?:\|[^{}]*)?\}")
_EDITORIAL_CITATION = re.compile(r"\[(@[\w:-]+(?:;\s*@[\w:-]+)*)\]")


def _article_emendations() -> list[tuple[str, str]]:
    return _EMENDATION.findall((ROOT / "docs" / "article.md").read_text(encoding="utf-8"))


def _visible(page, selector: str) -> int:
    return page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(node => node.getClientRects().length > 0).length""", selector)


def _reading(page, site, url: str = "article/") -> int:
    """Open the page and switch to the reading view; return how many corrections (with
    their tooltips) the annotated view showed."""
    page.goto(site.url(url))
    corrections = page.locator(".edition-corr[title]").count()
    page.locator(SWITCH).click()
    assert page.evaluate("() => document.documentElement.getAttribute('data-edition-view')") == "reading"
    return corrections


@pytest.mark.parametrize("size", ["1280x900", "390x844"])
def test_reading_text_is_the_authors_text(browser, site, size: str) -> None:
    viewport = DESKTOP if size == "1280x900" else PHONE
    context = open_context(browser, viewport=viewport, has_touch=viewport is PHONE, is_mobile=viewport is PHONE)
    try:
        page = context.new_page()
        corrections = _reading(page, site)
        # Nothing of the edition's apparatus is shown.
        for selector, what in [
            ("a.edition-note-marker, .edition-note-separator", "note markers"),
            (".edition-note", "editorial notes"),
            (".edition-source-cite, .edition-sources, #editors-sources", "the editors' sources"),
            ("div.footnote, sup[id^=fnref], a.footnote-ref", "footnotes"),
            (".edition-para__number", "¶ numbers"),
            (".edition-sic, .edition-corr__mark", "emendation marks"),
            ('.md-nav__link[href="#editors-sources"]', "the editors' sources in the contents"),
        ]:
            assert _visible(page, selector) == 0, f"{what} in the reading text"
        assert page.locator("a.edition-term__link[href]").count() == 0, "term links in the reading text"
        assert page.locator(".edition-corr[title], .edition-term abbr[title], .edition-term__link abbr[title]"
                            ).count() == 0, "the edition's tooltips in the reading text"
        text = page.locator("article.md-content__inner").inner_text()
        assert not re.search(r"¶\s*\d", text), "a ¶ number in the reading text"
        assert notes() and "Editorial note" not in text, "an editorial note in the reading text"
        # Each corrected reading stands plainly, where the printed one was.
        emendations = _article_emendations()
        assert emendations
        for printed, corrected in emendations:
            assert corrected in text, corrected
            assert not re.search(rf"(?<!\w){re.escape(printed)}(?!\w)", text), f"'{printed}' beside its correction"
        undecorated = page.evaluate("""() => [...document.querySelectorAll('.edition-corr, .edition-term__link')]
            .filter(node => node.getClientRects().length > 0)
            .every(node => getComputedStyle(node).textDecorationLine === 'none'
                           && getComputedStyle(node).fontStyle === getComputedStyle(node.parentElement).fontStyle)""")
        assert undecorated, "a correction or a term still looks marked"
        # The authors' own citations and the References stay.
        assert _visible(page, "a.edition-cite__link[href]") == len(PRINTED_CITATIONS)
        numbers = {number for citation in PRINTED_CITATIONS for number in cited_numbers(citation)}
        assert _visible(page, ".edition-article-references li") == len(numbers)
        assert page.locator("#references").is_visible()
        page.locator("#p13").scroll_into_view_if_needed()
        screenshot(page, f"reading-text-{size}")
        # And the annotated view has them all back.
        page.locator(SWITCH).click()
        assert page.locator("a.edition-term__link[href]").count() > 0
        assert page.locator(".edition-corr[title]").count() == corrections >= len(emendations)
        assert _visible(page, "a.edition-note-marker, .edition-note") > 0
    finally:
        context.close()


def _pages(built_site) -> list[tuple[str, BeautifulSoup]]:
    return [(str(path.relative_to(built_site.root)), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
            for path in sorted(built_site.root.rglob("*.html"))]


def test_no_page_has_a_footnote_list_without_a_heading(built_site) -> None:
    pages = _pages(built_site)
    cited = 0
    for name, soup in pages:
        content = soup.select_one("article.md-content__inner") or soup
        assert not content.select("div.footnote, sup[id^=fnref], a.footnote-ref"), f"{name}: a footnote"
        for listing in content.select("ol, ul"):
            items = listing.find_all("li", recursive=False)
            if items and all(item.get("id", "").startswith(("fn", "source-")) for item in items):
                section = listing.find_parent("section")
                heading = section.find(["h2", "h3"]) if section else None
                assert heading is not None and heading.get_text(strip=True), f"{name}: a list of notes with no heading"
        sections = content.select("section.edition-sources")
        citations = content.select("a.edition-source-cite__link")
        assert len(sections) == (1 if citations else 0), f"{name}: {len(sections)} lists of the editors' sources"
        if not citations:
            continue
        cited += len(citations)
        listed = {item["id"] for item in sections[0].select("li[id]")}
        assert {link["href"].lstrip("#") for link in citations} == listed, f"{name}: a source cited but not listed"
        assert sections[0].find("h2").get_text(strip=True).startswith("Editors' sources")
        for link in citations:
            described = content.find(id=link["aria-describedby"])
            assert described is not None and described.find_parent("li")["id"] == link["href"].lstrip("#")
    # Every [@key] of the editors' text (pages, notes, registers; an emendation's
    # reason gives its source in full where it stands) is one such citation on a page.
    editorial_pages = [path for path in (ROOT / "docs").rglob("*.md") if path.name != "article.md"]
    texts = [*editorial_pages, ROOT / "data" / "notes.yml", *(ROOT / "data" / "registers").glob("*.yml")]
    written = sum(len(block.split(";")) for path in texts
                  for block in _EDITORIAL_CITATION.findall(path.read_text(encoding="utf-8")))
    assert written and cited == written


def test_editors_citations_group_as_written(built_site) -> None:
    """``[@a; @b]`` is one parenthesis, "(A 2020; B 2021)", in the order written."""
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    groups = [[link.get_text() for link in group.select("a")] for group in soup.select(".edition-source-cite")]
    assert any(len(group) > 1 for group in groups)
    for group, element in zip(groups, soup.select(".edition-source-cite"), strict=True):
        assert element.get_text() == "(" + "; ".join(group) + ")"


def _source_citation_in_note(page) -> str:
    """The id of the first editors' citation inside a note that cites one, with its note
    shown whole first if the margin shows only its first lines (as a reader opens it)."""
    ident = page.evaluate("() => document.querySelector('.edition-note .edition-source-cite__link').id")
    toggle = page.locator(f".edition-note:has([id='{ident}']) .edition-note__toggle[aria-expanded='false']")
    if toggle.count() and toggle.is_visible():
        toggle.click()
    return ident


def _popover(page) -> dict:
    return page.evaluate("""() => {
        const box = document.querySelector('.edition-popover');
        if (!box || box.hidden) return null;
        const content = box.querySelector('.edition-popover__content');
        return {text: content.textContent, size: parseFloat(getComputedStyle(content).fontSize),
                more: box.querySelector('.edition-popover__more').textContent};
    }""")


def _expected(page, ident: str) -> str:
    return page.evaluate("""ident => {
        const link = document.getElementById(ident);
        return document.getElementById(link.getAttribute('aria-describedby')).textContent.replace(/\\s+/g, ' ').trim();
    }""", ident)


def _check_open(page, ident: str, how: str) -> None:
    page.wait_for_function("() => { const b = document.querySelector('.edition-popover'); return b && !b.hidden; }")
    shown = _popover(page)
    assert shown is not None, f"{how}: no preview"
    assert _expected(page, ident)[:60] in re.sub(r"\s+", " ", shown["text"]), f"{how}: the preview is not the source"
    assert shown["size"] >= MIN_READABLE_PX, f"{how}: preview in {shown['size']} px type"
    assert shown["more"] == "Go to the editors' sources"
    size = page.evaluate("ident => parseFloat(getComputedStyle(document.getElementById(ident)).fontSize)", ident)
    assert size >= MIN_READABLE_PX, f"{how}: the citation in {size} px type"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_editors_citations_open_the_preview_on_hover_and_focus(browser, site, scheme: str) -> None:
    context = open_context(browser, viewport=DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        ident = _source_citation_in_note(page)
        link = page.locator(f"[id='{ident}']")
        link.scroll_into_view_if_needed()
        link.hover()
        _check_open(page, ident, "hover")
        screenshot(page, f"editors-source-preview-{scheme}")
        page.keyboard.press("Escape")
        page.mouse.move(0, DESKTOP["height"] - 1)
        page.wait_for_function("() => document.querySelector('.edition-popover').hidden")
        link.focus()
        _check_open(page, ident, "focus")
    finally:
        context.close()


def test_editors_citations_open_the_preview_on_tap(browser, site) -> None:
    context = open_context(browser, viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        ident = _source_citation_in_note(page)
        note = page.evaluate("ident => document.getElementById(ident).closest('.edition-note').id", ident)
        marker = page.locator(f"[aria-controls='{note}']")
        marker.scroll_into_view_if_needed()
        marker.tap()
        link = page.locator(f"[id='{ident}']")
        link.wait_for(state="visible")
        link.scroll_into_view_if_needed()
        link.tap()
        _check_open(page, ident, "tap")
        assert page.evaluate("() => location.hash") == "", "the first tap followed the link"
        screenshot(page, "editors-source-preview-phone")
    finally:
        context.close()


def test_glossary_page_sources_are_one_apparatus(page, site) -> None:
    page.goto(site.url("glossary/walt/"))
    assert page.locator("#editors-sources").is_visible()
    assert page.locator('.md-sidebar--secondary .md-nav__link[href="#editors-sources"]').count() == 1, \
        "the contents list the editors' sources"
    link = page.locator("a.edition-source-cite__link").first
    link.scroll_into_view_if_needed()
    link.hover()
    ident = link.get_attribute("id")
    _check_open(page, ident, "hover on a glossary page")
    # A page of the editors' own text keeps its sources in the reading view.
    page.keyboard.press("Escape")
    page.locator(SWITCH).click()
    assert page.locator("#editors-sources").is_visible() and link.is_visible()


# A path of the repository ("bib/references.bib", "data/notes.yml") or a source file's
# name: what editors see, not readers.
_REPOSITORY_PATH = re.compile(r"(?<![\w/.:-])(?:bib|data|docs|edition|hooks|overrides|scripts|tests|schemas|bench)/"
                              r"[\w./-]*|\b[\w-]+\.(?:ya?ml|bib|py|md)\b")


def test_no_repository_path_is_shown_to_readers(built_site) -> None:
    """Visible text and tooltips of every page name no file of the repository; the
    export files readers download (exports/) may be named, and web addresses are left
    alone."""
    exports = {path.name for path in (built_site.root / "exports").iterdir()}
    assert exports
    found = []
    for name, soup in _pages(built_site):
        for node in soup(["script", "style", "head"]):
            node.decompose()
        for link in soup.select('a[href^="http"]'):
            link.decompose()
        texts = [soup.get_text(" ")] + [node[attribute] for attribute in ("title", "aria-label")
                                        for node in soup.find_all(attrs={attribute: True})]
        for text in texts:
            found += [f"{name}: {hit}" for hit in _REPOSITORY_PATH.findall(text) if hit not in exports]
    assert found == []


def _runs(text: str, size: int) -> list[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return [tuple(words[start:start + size]) for start in range(len(words) - size + 1)]


def test_no_preview_repeats_the_note_beside_it(built_site) -> None:
    """A term in a paragraph with an editorial note opens no preview that says what the
    note says (half or more of its runs of four words in the note); the link stays. An
    acronym keeps its expansion (tests/test_annotations.py)."""
    soup = BeautifulSoup(built_site.page("article/"), "html.parser")
    checked = 0
    for paragraph in soup.select("p.edition-para"):
        notes = [soup.find(id=marker["aria-controls"]) for marker in paragraph.select("a.edition-note-marker")]
        if not notes:
            continue
        note_text = " ".join(note.get_text(" ") for note in notes)
        for link in paragraph.select("a.edition-term__link[href]"):
            if link.find_parent(class_="edition-note") or link.find("abbr"):
                continue
            checked += 1
            for ident in link.get("aria-describedby", "").split():
                preview = soup.find(id=ident)
                label = preview.find("strong")
                body = preview.get_text(" ").replace(label.get_text(" "), "", 1) if label else preview.get_text(" ")
                size = min(4, len(re.findall(r"\w+", body)))
                runs, said = _runs(body, size), set(_runs(note_text, size))
                repeated = sum(run in said for run in runs)
                assert not runs or repeated < len(runs) / 2, \
                    f"¶ {paragraph['id']}: the preview of '{link.get_text()}' repeats its note"
    assert checked
