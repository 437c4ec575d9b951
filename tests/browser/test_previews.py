"""Previews of citations, glossary terms, register entries and acronyms (one routine,
docs/javascripts/previews.js), tried as a reader does: every preview of the article
opened by hover, by keyboard focus and by tap, at 1280x900 and 390x844, must lie
wholly inside the viewport and leave the words it describes uncovered; Escape closes
it; only one is open; it stays open while the pointer is on it."""

from __future__ import annotations

import pytest

from .helpers import DESKTOP, PHONE, open_context, screenshot, tap_first_citation

MENTIONS = "a.edition-cite__link[aria-describedby], a.edition-term__link[href][aria-describedby]"
SIZES = {"1280x900": DESKTOP, "390x844": PHONE}
# Where the mention stands when it is opened: near the bottom, the top and the middle
# of the window, in turn, so that flipping and clamping are both exercised.
PLACES = ("end", "start", "center")

_GEOMETRY = """link => {
    const box = document.querySelector('.edition-popover');
    const shown = Boolean(box && !box.hidden);
    const rect = shown ? box.getBoundingClientRect() : null;
    const ids = link.getAttribute('aria-describedby').split(' ');
    return {
        shown,
        // The box shows each description: the preview itself, or a copy of an entry
        // of the article's own reference list.
        holds: shown && ids.every(id => {
            const words = node => node.textContent.replace(/\\s+/g, ' ').trim();
            return words(box).includes(words(document.getElementById(id)).slice(0, 60));
        }),
        box: rect && {left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom},
        fragments: [...link.getClientRects()].map(f => ({left: f.left, right: f.right, top: f.top, bottom: f.bottom})),
        width: document.documentElement.clientWidth,
        height: document.documentElement.clientHeight,
    };
}"""
_SHOWN = "() => { const box = document.querySelector('.edition-popover'); return Boolean(box && !box.hidden); }"
_HIDDEN = "() => document.querySelector('.edition-popover').hidden"


def _mentions(page) -> list:
    return page.locator(MENTIONS).element_handles()


def _bring_into_view(handle, place: str) -> None:
    """Scroll the link to the bottom, top (just under the sticky header) or middle of
    the window, where a reader meets it."""
    handle.evaluate("""(link, block) => {
        link.scrollIntoView({block});
        if (block === 'start') window.scrollBy(0, -document.querySelector('.md-header').offsetHeight - 4);
    }""", place)


def _point(handle, index: int) -> tuple[float, float]:
    """The middle of the link's first or (every other time) last line fragment."""
    rects = handle.evaluate("link => [...link.getClientRects()].map(r => r.toJSON())")
    rect = rects[-1] if index % 2 else rects[0]
    return rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2


def _check(handle, label: str, problems: list[str]) -> None:
    geometry = handle.evaluate(_GEOMETRY)
    if not geometry["holds"]:
        problems.append(f"{label}: preview not shown")
        return
    box = geometry["box"]
    inside = (box["left"] >= -0.5 and box["top"] >= -0.5
              and box["right"] <= geometry["width"] + 0.5 and box["bottom"] <= geometry["height"] + 0.5)
    if not inside:
        problems.append(f"{label}: outside the viewport {box}")
    for fragment in geometry["fragments"]:
        if not (box["bottom"] <= fragment["top"] + 0.5 or box["top"] >= fragment["bottom"] - 0.5
                or box["right"] <= fragment["left"] + 0.5 or box["left"] >= fragment["right"] - 0.5):
            problems.append(f"{label}: covers the words it describes {box} / {fragment}")


def _label(handle, how: str, place: str) -> str:
    return f"{how} '{handle.inner_text()}' ({handle.get_attribute('aria-describedby')}, at {place})"


def _close(page) -> None:
    page.keyboard.press("Escape")
    page.wait_for_function(_HIDDEN)


@pytest.mark.parametrize("size", SIZES.keys())
@pytest.mark.parametrize("how", ["hover", "focus", "tap"])
def test_every_preview_lies_inside_the_viewport(browser, site, size: str, how: str) -> None:
    touch = how == "tap"
    context = open_context(browser, viewport=SIZES[size], has_touch=touch, is_mobile=touch and size == "390x844")
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        mentions = _mentions(page)
        assert len(mentions) > 40
        problems: list[str] = []
        for index, handle in enumerate(mentions):
            place = PLACES[index % len(PLACES)]
            _bring_into_view(handle, place)
            x, y = _point(handle, index)
            if how == "hover":
                page.mouse.move(x, y)
            elif how == "focus":
                handle.focus()
            else:
                page.touchscreen.tap(x, y)
            try:
                page.wait_for_function(_SHOWN, timeout=3000)
            except Exception:
                problems.append(f"{_label(handle, how, place)}: preview not shown")
                continue
            _check(handle, _label(handle, how, place), problems)
            if index == 7:
                screenshot(page, f"preview-{how}-{size}")
            if how == "tap":
                page.locator(".edition-popover__close").tap()
                page.wait_for_function(_HIDDEN)
            else:
                _close(page)
            if how == "hover":
                page.mouse.move(1, page.viewport_size["height"] - 1)
        assert "/article/" in page.url, "a first tap must not follow the link"
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_escape_closes_and_only_one_preview_is_open(page, site) -> None:
    page.goto(site.url("article/"))
    first, second = page.locator(".edition-cite__link").nth(0), page.locator(".edition-term__link[href]").nth(1)
    box = page.locator(".edition-popover")
    first.hover()
    box.wait_for(state="visible")
    assert "Koncepciya" in box.inner_text()  # reference 1
    second.focus()
    second_preview = page.locator(f"#{second.get_attribute('aria-describedby')}")
    second_preview.wait_for(state="visible")
    assert "Koncepciya" not in box.inner_text(), "hover and focus showed two previews at once"
    assert page.locator(".edition-popover").count() == 1
    assert page.locator(".edition-popover .edition-preview").count() == 1
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")
    assert second.evaluate("link => link === document.activeElement"), "Escape keeps the focus where it was"


def test_hover_waits_focus_does_not(page, site) -> None:
    """A pointer passing over a mention opens nothing at once; keyboard focus does."""
    page.goto(site.url("article/"))
    link = page.locator(".edition-cite__link").nth(3)
    link.scroll_into_view_if_needed()
    # Both checks run in one task of the page, before any timer can fire.
    at_once = link.evaluate("""link => {
        link.dispatchEvent(new PointerEvent('pointerover', {bubbles: true, pointerType: 'mouse'}));
        const box = document.querySelector('.edition-popover');
        const afterHover = Boolean(box && !box.hidden);
        link.dispatchEvent(new PointerEvent('pointerout', {bubbles: true, pointerType: 'mouse'}));
        link.focus();
        const afterFocus = !document.querySelector('.edition-popover').hidden;
        return {afterHover, afterFocus};
    }""")
    assert at_once == {"afterHover": False, "afterFocus": True}


def test_preview_stays_open_while_hovered_and_its_link_can_be_followed(page, site) -> None:
    page.goto(site.url("article/"))
    link = page.locator(".edition-cite__link").nth(2)
    link.scroll_into_view_if_needed()
    link.hover()
    box = page.locator(".edition-popover")
    box.wait_for(state="visible")
    more = box.locator(".edition-popover__more")
    more.hover()  # the pointer leaves the citation for the preview
    page.wait_for_timeout(800)  # longer than any close delay
    assert box.is_visible(), "the preview closed while the pointer was on it"
    text = box.locator(".edition-preview")
    text.select_text()
    assert page.evaluate("() => String(getSelection()).length") > 20, "its text can be selected"
    assert more.get_attribute("href") == link.evaluate("link => link.href")
    more.click()
    page.wait_for_url("**/references/#ref-*")


def test_locator_stays_with_each_citation(page, site) -> None:
    page.goto(site.url("article/"))
    link = page.locator('.edition-cite__link:text-is("[2, p.137]")')
    link.focus()
    box = page.locator(".edition-popover")
    box.wait_for(state="visible")
    assert box.locator(".edition-popover__locator").inner_text() == "Cited here: p. 137"
    assert "Politics Among Nations" in box.inner_text()


def test_phone_sheet_has_close_button_link_and_hint(phone, site) -> None:
    link, box = tap_first_citation(phone, site)
    assert box.locator(".edition-popover__close").is_visible()
    assert box.locator(".edition-popover__more").get_attribute("href") == link.evaluate("l => l.href")
    assert "again" in box.locator(".edition-popover__hint").inner_text()
    screenshot(phone, "phone-preview-sheet")
    box.locator(".edition-popover__close").tap()
    box.wait_for(state="hidden")
    assert "/article/" in phone.url
