"""Reading the edition in Chromium: citation previews on hover and on keyboard focus,
citations to the reference list and back, glossary links, emendations, ¶ links, and
the navigation drawer on a phone."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from .helpers import screenshot


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _reference_text(built_site, number: int) -> str:
    soup = BeautifulSoup(built_site.page("references/"), "html.parser")
    return _words(soup.select_one(f"#ref-{number} .edition-references__text").get_text())


def _target_id(page) -> str | None:
    return page.evaluate("() => document.querySelector(':target')?.id ?? null")


def test_citation_preview_shows_on_hover(page, site, built_site) -> None:
    page.goto(site.url("article/"))
    link = page.locator(".edition-cite__link").first
    # The citation is described by its entry in the article's own reference list; the
    # preview box shows it.
    assert page.locator(f"#{link.get_attribute('aria-describedby')}").count() == 1
    preview = page.locator(".edition-popover")
    assert preview.count() == 0 or preview.is_hidden(), "the preview must stay hidden until asked for"

    link.hover()
    preview.wait_for(state="visible")
    number = int(re.search(r"#ref-(\d+)$", link.get_attribute("href"))[1])
    reference = _reference_text(built_site, number)
    assert reference[:60] in _words(preview.inner_text())
    box, viewport = preview.bounding_box(), page.viewport_size
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], box
    screenshot(page, "citation-preview-hover")

    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")


def test_citation_preview_shows_on_keyboard_focus(page, site, built_site) -> None:
    page.goto(site.url("article/"))
    link = page.locator(".edition-cite__link").first
    preview = page.locator(".edition-popover")
    # Tab from the element just before the citation, as a keyboard reader arrives.
    link.evaluate("""link => {
        const before = document.createElement('a');
        before.href = '#'; before.id = 'tab-start'; before.textContent = 'start';
        link.closest('.edition-cite').before(before);
    }""")
    page.focus("#tab-start")
    page.keyboard.press("Tab")
    assert link.evaluate("link => link === document.activeElement")
    page.evaluate("() => document.getElementById('tab-start').remove()")
    preview.wait_for(state="visible")
    number = int(re.search(r"#ref-(\d+)$", link.get_attribute("href"))[1])
    assert _reference_text(built_site, number)[:60] in _words(preview.inner_text())
    screenshot(page, "citation-preview-focus")


def test_citation_leads_to_its_reference(page, site) -> None:
    page.goto(site.url("article/"))
    link = page.locator('.edition-cite__link[href$="#ref-2"]').first
    link.click()
    page.wait_for_url("**/references/#ref-2")
    assert _target_id(page) == "ref-2"
    assert page.locator("#ref-2").is_visible()
    assert page.locator("#ref-2").evaluate(
        "node => getComputedStyle(node).backgroundColor") != "rgba(0, 0, 0, 0)", \
        "the targeted reference should be highlighted"
    screenshot(page, "reference-targeted")


def test_backlink_leads_back_to_the_citing_element(page, site) -> None:
    page.goto(site.url("references/"))
    backlink = page.locator("#ref-3 .edition-backlinks__link").first
    href = backlink.get_attribute("href")
    fragment = href.split("#", 1)[1]
    backlink.click()
    page.wait_for_url(re.compile(r"/article/#" + re.escape(fragment) + "$"))
    assert _target_id(page) == fragment
    cited = page.locator(f"#{fragment}")
    assert cited.is_visible()
    # The target is the citation itself (or holds it): its link goes back to ref-3.
    assert cited.locator('a[href$="references/#ref-3"]').count() \
        + (1 if (cited.get_attribute("href") or "").endswith("#ref-3") else 0) >= 1
    assert cited.bounding_box()["y"] < page.viewport_size["height"], "scrolled into view"


def test_glossary_link_goes_to_the_glossary_page(page, site) -> None:
    page.goto(site.url("article/"))
    term = page.locator('.edition-term__link[href*="glossary/"]').first
    href = term.get_attribute("href")
    term.hover()
    page.locator(f"#{term.get_attribute('aria-describedby')}").wait_for(state="visible")
    term.click()
    slug = re.search(r"glossary/([^/#]+)/", href)[1]
    page.wait_for_url(re.compile(rf"/glossary/{re.escape(slug)}/(#.*)?$"))
    assert page.locator("article h1").count() == 1
    screenshot(page, "glossary-page")


def test_emendation_shows_both_readings(page, site) -> None:
    page.goto(site.url("article/"))
    # The first marker in the running text (others sit inside hidden previews).
    marker = page.locator(".edition-para .edition-emendation").filter(visible=True).first
    marker.scroll_into_view_if_needed()
    sic, corr = marker.locator(".edition-sic"), marker.locator(".edition-corr")
    assert sic.is_visible() and corr.is_visible()
    printed, corrected = sic.inner_text().strip(), corr.inner_text().strip()
    assert printed and corrected and printed not in corrected.replace("corr.", ""), \
        (printed, corrected)
    assert (sic.get_attribute("title") or "") and (corr.get_attribute("title") or "")
    screenshot(page, "emendation")


def test_paragraph_number_sets_the_fragment(page, site) -> None:
    page.goto(site.url("article/"))
    number = page.locator('a.edition-para__number[href="#p5"]')
    number.click()
    page.wait_for_url("**/article/#p5")
    assert _target_id(page) == "p5"
    assert page.locator("p#p5").evaluate("node => node.classList.contains('edition-para')")


def test_phone_drawer_reaches_a_page(phone, site) -> None:
    phone.goto(site.url())
    drawer = phone.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    phone.locator("label.md-header__button[for=__drawer]").click()
    link = drawer.locator("a.md-nav__link", has_text="References").first
    link.wait_for(state="visible")
    screenshot(phone, "phone-drawer-open")
    link.click()
    phone.wait_for_url("**/references/")
    assert phone.locator("article h1").inner_text().strip().startswith("References")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390, \
        "no horizontal scrolling on a phone"
    screenshot(phone, "phone-references")


PHONE_PAGES = ["", "article/", "references/", "glossary/", "glossary/balance-of-threat/",
               "indexes/persons/", "indexes/timeline/", "about/emendations/",
               "about/principles/", "about/notes/"]


def test_phone_pages_need_no_sideways_scrolling(phone, site) -> None:
    """At 390 px nothing is wider than the screen (code blocks scroll inside themselves)."""
    too_wide = {}
    for url in PHONE_PAGES:
        phone.goto(site.url(url))
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        if width > 390:
            too_wide[url or "/"] = (width, phone.evaluate(
                """() => [...document.querySelectorAll('article *')]
                    .filter(node => node.getBoundingClientRect().right > 392
                                    && !node.closest('pre'))
                    .map(node => node.tagName.toLowerCase() + '.' + node.className)
                    .slice(0, 3)"""))
            screenshot(phone, "phone-too-wide-" + (url.strip("/").replace("/", "-") or "index"))
    assert too_wide == {}, f"pages wider than a 390 px phone (width, widest elements): {too_wide}"


def test_phone_citation_preview_fits_the_screen(phone, site, built_site) -> None:
    phone.goto(site.url("article/"))
    link = phone.locator(".edition-cite__link").first
    link.scroll_into_view_if_needed()
    link.focus()
    preview = phone.locator(".edition-popover")
    preview.wait_for(state="visible")
    box = preview.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    screenshot(phone, "phone-citation-preview")
