"""Side notes at their lines (stylesheets/sidenotes.css, javascripts/sidenotes.js), at
1280 and 1920 px: every note on the article page starts level with its marker's line,
overlaps no other note, ends before the next note's marker line and the next heading
(unless collapsed to that room, or moved under its paragraph), stands in marker order,
and uses the width the window has. Markers have a tap target of at least 24 x 24 px.

The measurement is bench/sidenote_offsets.py's (``python -m bench.sidenote_offsets SITE``
prints it as a table).
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from bench.sidenote_offsets import MEASURE

from .helpers import PHONE, open_context, screenshot

WIDTHS = {1280: 900, 1920: 1080}
SOURCE_NOTES = "a.edition-note-marker"

# The tops of the headings of the text (page coordinates).
HEADINGS = """() => [...document.querySelectorAll('.md-content :is(h1, h2, h3, h4, h5, h6)')]
    .map(heading => heading.getBoundingClientRect().top + scrollY)"""


def _notes(browser, site, width: int) -> list[dict]:
    context = open_context(browser, viewport={"width": width, "height": WIDTHS[width]})
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        page.evaluate("() => document.fonts.ready")
        page.wait_for_function("() => document.querySelector('.edition-note[data-edition-sidenote]')")
        notes = page.evaluate(MEASURE)
        headings = page.evaluate(HEADINGS)
        for note in notes:
            note["headings"] = headings
        page.locator(f"#{notes[0]['id']}").scroll_into_view_if_needed()
        screenshot(page, f"side-notes-{width}")
    finally:
        context.close()
    return notes


@pytest.fixture(scope="module")
def measured(browser, site) -> dict[int, list[dict]]:
    return {width: _notes(browser, site, width) for width in WIDTHS}


def _in_margin(notes: list[dict]) -> list[dict]:
    return [note for note in notes if note["state"] != "below"]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_note_is_laid_out(measured, width: int, built_site) -> None:
    notes = measured[width]
    html = (built_site.root / "article" / "index.html").read_text(encoding="utf-8")
    assert len(notes) == html.count('class="edition-note-marker"') > 0
    assert {note["state"] for note in notes} <= {"full", "collapsed", "below"}, notes
    assert _in_margin(notes), "some notes stand in the margin"


@pytest.mark.parametrize("width", WIDTHS)
def test_each_note_starts_level_with_its_marker_line(measured, width: int) -> None:
    for note in _in_margin(measured[width]):
        offset = note["top"] - note["markerTop"]
        assert abs(offset) <= note["lineHeight"], \
            f"note {note['number']} starts {offset:+.0f} px from its marker (line {note['lineHeight']:.0f} px)"
        assert note["left"] >= note["textRight"], f"note {note['number']} is not in the margin"
        assert note["right"] <= width, f"note {note['number']} runs off the window"


@pytest.mark.parametrize("width", WIDTHS)
def test_notes_below_their_paragraph_follow_their_marker(measured, width: int) -> None:
    for note in measured[width]:
        if note["state"] == "below":
            assert note["top"] >= note["markerBottom"] - 1, f"note {note['number']}"
            assert note["right"] <= note["textRight"] + 1, f"note {note['number']} leaves the text column"


@pytest.mark.parametrize("width", WIDTHS)
def test_notes_stay_in_marker_order_and_never_overlap(measured, width: int) -> None:
    notes = measured[width]
    assert [note["number"] for note in notes] == [str(n) for n in range(1, len(notes) + 1)]
    assert [note["top"] for note in notes] == sorted(note["top"] for note in notes), "out of order"
    margin = _in_margin(notes)
    for above, below in pairwise(margin):
        assert above["bottom"] <= below["top"] + 0.5, f"note {above['number']} overlaps note {below['number']}"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_note_reaches_the_next_marker_or_heading(measured, width: int) -> None:
    notes = measured[width]
    for index, note in enumerate(notes):
        if note["state"] == "below":
            continue
        limits = [top for top in note["headings"] if top > note["top"]]
        if index + 1 < len(notes):
            limits.append(notes[index + 1]["markerTop"])
        if limits:
            assert note["bottom"] <= min(limits) + 0.5, \
                f"note {note['number']} ({note['state']}) runs {note['bottom'] - min(limits):.0f} px past " \
                "the next note's marker line or the next heading"


def test_the_note_column_is_wider_on_a_wider_screen(measured) -> None:
    narrow = max(note["width"] for note in _in_margin(measured[1280]))
    wide = min(note["width"] for note in _in_margin(measured[1920]))
    assert wide > narrow, (narrow, wide)


def test_a_collapsed_note_expands_in_place_and_says_so(page, site) -> None:
    page.goto(site.url("article/"))
    first = page.locator(".edition-note[data-edition-sidenote='collapsed']").first
    first.wait_for(state="attached")
    note = page.locator(f"#{first.get_attribute('id')}")  # not "the first collapsed" once expanded
    button = note.locator(".edition-note__toggle")
    assert button.get_attribute("aria-expanded") == "false"
    where = "n => [n.getBoundingClientRect().top + scrollY, n.getBoundingClientRect().height]"
    top, height = note.evaluate(where)
    assert note.evaluate("n => n.scrollHeight > n.clientHeight"), "a collapsed note hides its last lines"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    new_top, new_height = note.evaluate(where)
    assert abs(new_top - top) < 1 and new_height > height, "it grows where it stands"
    assert note.evaluate("n => n.scrollHeight <= n.clientHeight + 1"), "the whole note shows"
    screenshot(page, "side-note-expanded")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.classList.contains('edition-note__toggle')")


def test_in_the_reading_view_notes_leave_the_margin(page, site) -> None:
    page.goto(site.url("article/"))
    page.locator(".edition-view-switch").click()
    page.wait_for_function("() => !document.querySelector('.edition-note[data-edition-sidenote]')")
    assert page.locator(".edition-note__toggle").count() == 0


def test_note_markers_are_tap_targets_of_24_px(browser, site) -> None:
    context = open_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        misses = page.evaluate("""() => [...document.querySelectorAll('a.edition-note-marker')].map(marker => {
            marker.scrollIntoView({block: 'center'});
            const box = marker.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const points = [[-11.5, -11.5], [11.5, -11.5], [-11.5, 11.5], [11.5, 11.5], [0, 0]];
            const missed = points.filter(([dx, dy]) => {
                const hit = document.elementFromPoint(x + dx, y + dy);
                return !(hit && marker.contains(hit));
            });
            return missed.length ? marker.textContent + ': ' + JSON.stringify(missed) : null;
        }).filter(Boolean)""")
        assert page.locator(SOURCE_NOTES).count() > 0
        assert not misses, f"markers whose 24 x 24 px square is not theirs: {misses}"
    finally:
        context.close()


# For each note marker: how far its top and left stand from the end of the text or
# element just before it (a marker wrapped alone onto the next line is a line lower and
# far to the left).
MARKER_AFTER_TEXT = """() => [...document.querySelectorAll('a.edition-note-marker')]
    .filter(marker => marker.getClientRects().length)
    .map(marker => {
        let before = marker.previousSibling;
        while (before && before.nodeType === Node.TEXT_NODE && !before.textContent.trim()) {
            before = before.previousSibling;
        }
        const range = document.createRange();
        range.selectNode(before);
        const boxes = range.getClientRects();
        const last = boxes[boxes.length - 1];
        const box = marker.getBoundingClientRect();
        return {id: marker.id, down: box.top - last.top, left: box.left - last.right,
                line: parseFloat(getComputedStyle(marker.parentNode).lineHeight)};
    })"""


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_no_note_marker_wraps_alone_onto_a_line(browser, site, width: int) -> None:
    context = open_context(browser, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        page.evaluate("() => document.fonts.ready")
        markers = page.evaluate(MARKER_AFTER_TEXT)
        assert markers
        alone = [m["id"] for m in markers if m["down"] > m["line"] / 2 or m["left"] < -m["line"]]
        assert alone == [], f"note markers wrapped onto a line of their own at {width} px"
    finally:
        context.close()
