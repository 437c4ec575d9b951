"""Accessibility: axe-core (from npm, package.json) finds nothing on any kind of page,
in the light and the dark colour scheme, and the article can be read with the
keyboard alone.

No axe rule is disabled. The theme's own findings are fixed in overrides/partials/
(search dialog name, footer contrast); see each partial's header comment.
"""

from __future__ import annotations

import pytest

from .helpers import AXE_JS, open_context, require_file, screenshot

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

PAGE_TYPES = {
    "title page": "",
    "article": "article/",
    "references": "references/",
    "glossary page": "glossary/balance-of-threat/",
    "glossary index": "glossary/",
    "register": "indexes/persons/",
    "timeline": "indexes/timeline/",
    "emendations": "about/emendations/",
    "principles": "about/principles/",
    "notes": "about/notes/",
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return require_file(AXE_JS, "run `npm ci` for axe-core").read_text(encoding="utf-8")


def run_axe(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " / ".join(node["failureSummary"].splitlines()[1:2]).strip()
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_violation(browser, site, axe_source, url: str, scheme: str) -> None:
    context = open_context(browser, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site.url(url))
        violations = run_axe(page, axe_source)
    finally:
        context.close()
    if violations:
        pytest.fail(f"axe on /{url} ({scheme}):\n{describe(violations)}", pytrace=False)


VIEWS = {"annotated": None, "reading": "reading"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", VIEWS.keys())
def test_axe_finds_no_violation_in_either_view(browser, site, axe_source, view: str, scheme: str) -> None:
    """The article in the annotated and the reading view (chosen as a returning reader
    has it, from localStorage), with a preview open by keyboard focus and, where notes
    are markers, a note open."""
    context = open_context(browser, color_scheme=scheme)
    if VIEWS[view]:
        context.add_init_script(f"localStorage.setItem('edition.view', '{VIEWS[view]}')")
    try:
        page = context.new_page()
        page.goto(site.url("article/"))
        assert (page.evaluate("() => document.documentElement.getAttribute('data-edition-view')")
                == VIEWS[view])
        marker = page.locator("a.edition-note-marker").nth(2)
        if marker.get_attribute("aria-expanded") is not None:
            marker.click()
        link = page.locator(".edition-cite__link").nth(4)
        link.focus()
        page.locator(".edition-popover").wait_for(state="visible")
        violations = run_axe(page, axe_source)
    finally:
        context.close()
    if violations:
        pytest.fail(f"axe on /article/ ({view} view, {scheme}):\n{describe(violations)}", pytrace=False)


def test_axe_finds_no_violation_with_search_open(page, site, axe_source) -> None:
    """The search dialog, open with results, is checked too."""
    from .helpers import search

    page.goto(site.url("article/"))
    search(page, "Morgenthau")
    violations = run_axe(page, axe_source)
    if violations:
        pytest.fail(f"axe with the search dialog open:\n{describe(violations)}", pytrace=False)


def test_keyboard_alone_reaches_and_follows_the_first_citation(page, site) -> None:
    """Tab from the top of the article: every stop is visible, the first citation is
    reached in reading order, its preview shows, Enter follows it."""
    page.goto(site.url("article/"))
    first = page.locator(".edition-cite__link").first
    first_href = first.get_attribute("href")
    page.locator("body").focus()
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const node = document.activeElement;
            // Material's palette toggle is a 0x0 radio whose focus ring is drawn on
            // the <label> right after it.
            const shown = node.matches('input.md-option') ? node.nextElementSibling : node;
            const box = shown.getBoundingClientRect();
            return {
                first: node === document.querySelector('.edition-cite__link'),
                cite: node.classList.contains('edition-cite__link'),
                tag: node.tagName.toLowerCase(),
                text: (node.getAttribute('aria-label') || node.textContent).trim().slice(0, 40),
                visible: box.width > 0 && box.height > 0
                         && getComputedStyle(shown).visibility !== 'hidden',
            };
        }""")
        stops.append(stop)
        if stop["cite"]:
            break
    assert stops[-1]["first"], f"the first citation Tab reaches is not the first in the text: {stops[-1]}"
    hidden = [stop for stop in stops if not stop["visible"]]
    assert not hidden, f"Tab stops that cannot be seen: {hidden}"
    preview = page.locator(".edition-popover")
    preview.wait_for(state="visible")
    focus_ring = first.evaluate("node => getComputedStyle(node).outlineStyle")
    assert focus_ring != "none", "the focused citation shows no focus outline"
    screenshot(page, "keyboard-first-citation")
    page.keyboard.press("Enter")
    page.wait_for_url("**/references/" + first_href.rsplit("/", 1)[-1])
    assert page.evaluate("() => document.querySelector(':target').id") == first_href.split("#")[1]
