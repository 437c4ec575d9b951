"""The edition on a phone (390x844, touch): no page scrolls sideways, the Emendations
page's tables are read as cards inside the screen, and a tapped citation or term
opens its preview as a bottom sheet that never covers the tapped line."""

from __future__ import annotations

import pytest

from .helpers import AXE_JS, PHONE, open_context, require_file, screenshot, site_pages

MENTIONS = "a.edition-cite__link[aria-describedby], a.edition-term__link[href][aria-describedby]"
SHEET = ".edition-popover"
_SHOWN = "() => { const box = document.querySelector('.edition-popover'); return Boolean(box && !box.hidden); }"
_HIDDEN = "() => document.querySelector('.edition-popover').hidden"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


# Boxes in the page's text that a reader would have to scroll sideways (their content
# is wider than they are). Preformatted texts may scroll inside themselves.
_SIDEWAYS = """() => [...document.querySelectorAll('article *')]
    .filter(node => !node.closest('pre') && node.scrollWidth > node.clientWidth + 1
                    && ['auto', 'scroll'].includes(getComputedStyle(node).overflowX))
    .map(node => `${node.tagName.toLowerCase()}.${node.className} (${node.scrollWidth} > ${node.clientWidth})`)"""


def test_no_page_scrolls_sideways(phone, site, built_site) -> None:
    pages = site_pages(built_site)
    assert "about/emendations/" in pages and "article/" in pages
    found = {}
    for url in pages:
        phone.goto(site.url(url))
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        inside = phone.evaluate(_SIDEWAYS)
        if width > PHONE["width"] or inside:
            found[url or "/"] = (width, inside[:3])
    assert found == {}, f"pages wider than the phone, or with boxes that scroll sideways: {found}"


_CELLS = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('.edition-emendations table')].map(table => {
        const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
        return [...table.querySelectorAll('tbody tr')].map(row => [...row.cells].map((cell, i) => {
            const box = cell.getBoundingClientRect();
            return {text: cell.textContent.trim().slice(0, 30), header: headers[i],
                    label: cell.dataset.label,
                    shown: getComputedStyle(cell, '::before').content,
                    inside: box.left >= -0.5 && box.right <= width + 0.5 && box.width > 0};
        }));
    });
}"""


def test_emendation_tables_are_cards_within_the_screen(phone, site) -> None:
    phone.goto(site.url("about/emendations/"))
    tables = phone.evaluate(_CELLS)
    assert len(tables) == 2 and all(tables), "both tables have rows"
    problems = []
    for rows in tables:
        for row in rows:
            for cell in row:
                if not cell["inside"]:
                    problems.append(f"{cell['header']} '{cell['text']}' lies outside the screen")
                # Each value stands under its column's name, given by the markup.
                if cell["label"] != cell["header"] or cell["shown"] != f'"{cell["header"]}"':
                    problems.append(f"{cell['header']} '{cell['text']}' is labelled {cell['shown']}")
    assert problems == []
    screenshot(phone, "phone-emendations", full_page=True)


def test_emendation_tables_stay_tables_on_a_desktop(page, site) -> None:
    """Above the phone's width the rows are table rows under visible column headers."""
    page.goto(site.url("about/emendations/"))
    shown = page.evaluate("""() => [...document.querySelectorAll('.edition-emendations table')].map(table => ({
        display: getComputedStyle(table.querySelector('tbody tr')).display,
        header: table.querySelector('thead th').getBoundingClientRect().height,
        label: getComputedStyle(table.querySelector('tbody td'), '::before').content}))""")
    assert shown and all(t["display"] == "table-row" and t["header"] > 0 and t["label"] == "none"
                         for t in shown), shown


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_cards_and_sheet_pass_axe(browser, site, scheme: str) -> None:
    """axe-core on what this file's layouts make of the page at phone width: the
    Emendations page's cards and an open sheet. (The whole pages are checked at
    desktop width by test_accessibility.py.)"""
    axe = require_file(AXE_JS, "run `npm ci` for axe-core").read_text(encoding="utf-8")
    run = """([include, tags]) => axe.run({include: [[include]]}, {runOnly: {type: 'tag', values: tags}})
        .then(result => result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(', ')}`))"""
    context = open_context(browser, viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site.url("about/emendations/"))
        page.add_script_tag(content=axe)
        assert page.evaluate(run, [".edition-emendations", AXE_TAGS]) == []
        page.goto(site.url("article/"))
        page.locator(".edition-cite__link").first.tap()
        page.wait_for_function(_SHOWN)
        page.add_script_tag(content=axe)
        assert page.evaluate(run, [".edition-popover", AXE_TAGS]) == []
    finally:
        context.close()


_GEOMETRY = """link => {
    const box = document.querySelector('.edition-popover').getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
    return {
        box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
        lines: [...link.getClientRects()].map(r => ({top: r.top, bottom: r.bottom})),
        header, width: document.documentElement.clientWidth, height: document.documentElement.clientHeight,
        position: getComputedStyle(document.querySelector('.edition-popover')).position,
    };
}"""


def _sheet_problems(link, label: str) -> list[str]:
    geometry = link.evaluate(_GEOMETRY)
    box, problems = geometry["box"], []
    if geometry["position"] != "fixed":
        problems.append(f"{label}: the sheet is not fixed to the window")
    if abs(box["bottom"] - geometry["height"]) > 0.5 or box["left"] > 0.5 \
            or abs(box["right"] - geometry["width"]) > 0.5:
        problems.append(f"{label}: not at the foot of the window across its width: {box}")
    if box["top"] < geometry["header"]:
        problems.append(f"{label}: the sheet rises over the header: {box}")
    for line in geometry["lines"]:
        if line["bottom"] > box["top"] - 0.5:
            problems.append(f"{label}: the sheet covers the tapped line {line} (sheet at {box['top']})")
        if line["top"] < geometry["header"] - 0.5:
            problems.append(f"{label}: the tapped line went under the header {line}")
    return problems


@pytest.mark.parametrize("where", ["end", "center", "start"])
def test_tapped_line_stays_above_the_sheet(phone, site, where: str) -> None:
    """Every mention of the article, met at the foot, the middle or the top of the
    window, is tapped: the sheet opens at the window's foot and the link stays in view
    above it, even at the end of the page."""
    phone.goto(site.url("article/"))
    mentions = phone.locator(MENTIONS).element_handles()
    assert len(mentions) > 40
    problems: list[str] = []
    for index, link in enumerate(mentions):
        # The last mentions of the page too, at the foot, where the page cannot scroll on.
        if where != "end" and index % 3 and index < len(mentions) - 3:
            continue
        link.evaluate("(link, block) => link.scrollIntoView({block})", where)
        if where == "start":
            phone.evaluate("() => window.scrollBy(0, -document.querySelector('.md-header').offsetHeight - 4)")
        rect = link.evaluate("link => link.getClientRects()[0].toJSON()")
        phone.touchscreen.tap(rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2)
        phone.wait_for_function(_SHOWN, timeout=3000)
        problems += _sheet_problems(link, f"'{link.inner_text()}' #{index} at {where}")
        if index == 12:
            screenshot(phone, f"phone-sheet-{where}")
        phone.locator(".edition-popover__close").tap()
        phone.wait_for_function(_HIDDEN)
    assert "/article/" in phone.url, "a first tap must not follow the link"
    assert problems == [], "\n".join(problems)


def test_sheet_closes_and_returns_focus(phone, site) -> None:
    phone.goto(site.url("article/"))
    link = phone.locator(".edition-term__link[href][aria-describedby]").nth(4)
    link.scroll_into_view_if_needed()
    box = phone.locator(SHEET)
    is_focused = "link => link === document.activeElement"

    # The close button: focus goes back to the link.
    link.tap()
    box.wait_for(state="visible")
    assert box.locator(".edition-popover__close").is_visible()
    box.locator(".edition-popover__close").tap()
    box.wait_for(state="hidden")
    assert link.evaluate(is_focused), "closing the sheet returns focus to its link"
    # Nothing was left below the page to scroll into.
    assert phone.locator(".edition-popover__spacer").count() == 0

    # Escape, with the focus inside the sheet.
    link.tap()
    box.wait_for(state="visible")
    box.locator(".edition-popover__close").focus()
    phone.keyboard.press("Escape")
    box.wait_for(state="hidden")
    assert link.evaluate(is_focused)

    # A tap outside it, on the page's text.
    link.tap()
    box.wait_for(state="visible")
    phone.locator("article h1").first.tap()
    box.wait_for(state="hidden")
    assert "/article/" in phone.url


def test_sheet_keeps_its_tools_in_view_when_its_text_scrolls(phone, site) -> None:
    """A preview longer than the sheet scrolls inside it; the close button stays."""
    phone.goto(site.url("article/"))
    link = phone.locator(".edition-cite__link").first
    link.scroll_into_view_if_needed()
    link.tap()
    box = phone.locator(SHEET)
    box.wait_for(state="visible")
    # Make the preview long (a stand-in for the longest one a page may hold).
    box.evaluate("""box => {
        const text = box.querySelector('.edition-popover__content');
        const line = () => Object.assign(document.createElement('p'), {textContent: 'A line.'});
        text.append(...Array.from({length: 40}, line));
        box.scrollTop = 0;
    }""")
    height = box.evaluate("box => [box.getBoundingClientRect().height, box.scrollHeight, box.clientHeight]")
    assert height[0] <= PHONE["height"] / 2 + 1 and height[1] > height[2], "the sheet is capped and scrolls"
    close = box.locator(".edition-popover__close").bounding_box()
    sheet = box.bounding_box()
    assert sheet["y"] <= close["y"] and close["y"] + close["height"] <= sheet["y"] + sheet["height"] + 0.5


def test_a_link_at_the_very_end_of_a_page_is_not_covered(phone, site) -> None:
    """Where the page cannot scroll on (its last line at the window's foot), the sheet
    still leaves the tapped line in view: room is made below the page while it is open."""
    phone.goto(site.url("article/"))
    # The page cut after the paragraph of its last mention, so that it ends there.
    link = phone.locator(MENTIONS).last
    link.evaluate("""link => {
        const block = link.closest('p, li');
        // (The hidden store of previews stays: the sheet shows them.)
        for (let node = block; node && !node.matches('article'); node = node.parentElement)
            for (let next = node.nextElementSibling; next; next = next.nextElementSibling)
                if (!next.matches('.edition-previews')) next.style.display = 'none';
        document.querySelector('.md-footer')?.remove();
        window.scrollTo(0, document.documentElement.scrollHeight);
    }""")
    end = phone.evaluate("() => [document.documentElement.scrollHeight, window.scrollY]")
    rect = link.evaluate("link => link.getClientRects()[0].toJSON()")
    assert rect["bottom"] > PHONE["height"] / 2, "the link stands in the lower half, where the sheet opens"
    phone.touchscreen.tap(rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2)
    phone.wait_for_function(_SHOWN)
    assert _sheet_problems(link.element_handle(), "the page's last mention") == []
    screenshot(phone, "phone-sheet-page-end")
    phone.locator(".edition-popover__close").tap()
    phone.wait_for_function(_HIDDEN)
    assert phone.evaluate("() => document.documentElement.scrollHeight") == end[0], "the room is taken away"
