"""The two views of the text (javascripts/reading.js, stylesheets/reading.css) and
how editorial notes are set: the header switch, the reading text without apparatus,
the choice kept across pages, reloads and visits, the annotated view without
JavaScript, side notes in the margin on wide screens and markers elsewhere."""

from __future__ import annotations

from itertools import pairwise

import pytest

from sources import PRINTED_CITATIONS

from .helpers import DESKTOP, PHONE, open_context, screenshot

SWITCH = "button.edition-view-switch"


def _view(page) -> str:
    return page.evaluate("() => document.documentElement.getAttribute('data-edition-view') || 'annotated'")


def _visible_count(page, selector: str) -> int:
    return page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(node => node.getClientRects().length > 0).length""", selector)


def test_switch_gives_the_reading_text(page, site) -> None:
    page.goto(site.url("article/"))
    switch = page.locator(SWITCH)
    assert switch.get_attribute("aria-pressed") == "false"
    assert _visible_count(page, "a.edition-term__link[href]") > 10
    assert _visible_count(page, ".edition-para__number") > 40
    switch.click()
    assert _view(page) == "reading" and switch.get_attribute("aria-pressed") == "true"
    assert page.locator("a.edition-term__link[href]").count() == 0, "term links left in the reading text"
    assert _visible_count(page, ".edition-para__number") == 0
    assert _visible_count(page, ".edition-sic") == 0
    assert _visible_count(page, ".edition-corr__mark") == 0
    # The corrected reading stands plainly; the authors' citations stay links.
    paragraph = page.locator("#p13")
    assert paragraph.inner_text().startswith("S.M. Walt sees ideology")
    assert _visible_count(page, "a.edition-cite__link[href]") == len(PRINTED_CITATIONS)
    # No notes, no markers (tests/browser/test_reading_text.py checks the rest).
    assert _visible_count(page, ".edition-note") == 0
    assert _visible_count(page, "a.edition-note-marker") == 0
    screenshot(page, "reading-view")
    switch.click()
    assert _view(page) == "annotated"
    assert _visible_count(page, "a.edition-term__link[href]") > 10


def test_reading_view_persists_across_navigation_and_reload(page, site) -> None:
    page.goto(site.url("article/"))
    page.locator(SWITCH).click()
    page.locator('.md-nav--primary a.md-nav__link[href$="references/"]').click()
    page.wait_for_url("**/references/")
    assert _view(page) == "reading"
    assert page.locator(SWITCH).get_attribute("aria-pressed") == "true"
    page.reload()
    assert _view(page) == "reading"
    page.goto(site.url("article/"))
    assert _view(page) == "reading"
    assert page.locator("a.edition-term__link[href]").count() == 0
    page.locator(SWITCH).click()
    page.reload()
    assert _view(page) == "annotated"
    assert page.locator("a.edition-term__link[href]").count() > 10


def test_without_javascript_the_page_is_annotated(browser, site) -> None:
    context = open_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        assert _view(page) == "annotated"
        assert page.locator(SWITCH).count() == 0
        assert _visible_count(page, "a.edition-term__link[href]") > 10
        assert _visible_count(page, ".edition-para__number") > 40
        assert _visible_count(page, ".edition-note") > 10, "side notes stand in the margin"
    finally:
        context.close()


def test_side_notes_stand_in_the_margin_beside_their_paragraphs(page, site) -> None:
    page.goto(site.url("article/"))
    notes = page.evaluate("""() => [...document.querySelectorAll('.edition-note')].map(note => {
        const box = note.getBoundingClientRect(), paragraph = note.closest('p').getBoundingClientRect();
        const marker = document.querySelector(`[aria-controls="${note.id}"]`).getBoundingClientRect();
        return {id: note.id, left: box.left, right: box.right, top: box.top + scrollY,
                bottom: box.bottom + scrollY, textRight: paragraph.right,
                paragraphTop: paragraph.top + scrollY, paragraphBottom: paragraph.bottom + scrollY,
                markerTop: marker.top + scrollY, paragraphLeft: paragraph.left};
    })""")
    assert len(notes) >= 10
    # A note without room in the margin stands under its paragraph (test_sidenotes_layout.py).
    notes = [note for note in notes if note["left"] > note["paragraphLeft"] + 1]
    for note in notes:
        assert note["left"] >= note["textRight"], f"{note['id']} is not in the margin"
        assert note["right"] <= DESKTOP["width"], f"{note['id']} runs off the window"
    ordered = sorted(notes, key=lambda note: note["top"])
    assert [note["id"] for note in ordered] == [note["id"] for note in notes], "notes out of order"
    for above, below in pairwise(ordered):
        assert above["bottom"] <= below["top"] + 0.5, f"{above['id']} overlaps {below['id']}"
    # The first note, with no note above it to push it down, starts beside its paragraph.
    first = notes[0]
    assert first["paragraphTop"] <= first["top"] <= first["paragraphBottom"]
    assert page.locator(".md-sidebar--secondary").evaluate("n => getComputedStyle(n).visibility") == "hidden"
    assert page.locator(".md-nav--primary .md-nav--secondary a").first.is_visible(), \
        "the table of contents moves into the left navigation"
    page.locator("#note-cica-sco").scroll_into_view_if_needed()
    screenshot(page, "side-notes")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_notes_collapse_to_markers(browser, site, scheme: str) -> None:
    context = open_context(browser, viewport=PHONE, has_touch=True, is_mobile=True, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        assert _visible_count(page, ".edition-note") == 0
        marker = page.locator("a.edition-note-marker").nth(5)
        marker.scroll_into_view_if_needed()
        marker.tap()
        note = page.locator(f"#{marker.get_attribute('aria-controls')}")
        note.wait_for(state="visible")
        box = note.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"phone-note-open-{scheme}")
        page.locator(SWITCH).tap()
        assert _view(page) == "reading"
        page.evaluate("() => scrollTo(0, 0)")
        screenshot(page, f"phone-reading-view-{scheme}")
    finally:
        context.close()
