"""Cite this paragraph, in a real browser: a ¶ number links to its paragraph and opens
a menu whose buttons copy the paragraph's link and a citation with the ¶ as locator."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from .helpers import open_context


def test_paragraph_number_copies_link_and_citation(browser, site, traffic) -> None:
    context = open_context(browser, traffic, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site.url("article/"))
    page.click("#p12 .edition-para__number")
    assert page.url.endswith("/article/#p12")
    menu = page.locator(".edition-cite-menu")
    assert menu.get_attribute("aria-label") == "Cite paragraph 12"
    # Keyboard focus moves into the menu, so a keyboard user can copy at once.
    assert page.evaluate("document.activeElement.textContent") == "Copy link to ¶ 12"

    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.edition-cite-menu__status').textContent === 'Copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == site.url("article/#p12")

    page.locator(".edition-cite-menu__button").nth(1).click()
    page.wait_for_timeout(200)
    data = json.loads(BeautifulSoup(page.content(), "html.parser").find(id="edition-cite-data").get_text())
    expected = data["paragraph"].replace("{paragraph}", "12") + " Digital edition: " + site.url("article/#p12")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert ", ¶ 12. https://doi.org/10.52536/2788-5909.2022-2.04" in expected

    page.keyboard.press("Escape")
    assert page.locator(".edition-cite-menu").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#p12"
    context.close()


def test_paragraph_number_is_a_plain_link_without_javascript(browser, site) -> None:
    context = open_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("article/"))
    page.click("#p30 .edition-para__number")
    assert page.url.endswith("/article/#p30")
    assert page.locator(".edition-cite-menu").count() == 0
    context.close()
