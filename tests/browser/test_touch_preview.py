"""A touch reader reaches a citation's preview: the first tap shows it, the second
follows the link to the reference entry."""

from __future__ import annotations


def test_first_tap_previews_second_tap_follows(phone, site) -> None:
    phone.goto(site.url("article/"))
    link = phone.locator("#cite-2 .edition-cite__link")
    link.scroll_into_view_if_needed()
    link.tap()
    preview = phone.locator(".edition-popover")
    preview.wait_for(state="visible")
    assert "Politics Among Nations" in preview.inner_text()
    assert "/article/" in phone.url and "references" not in phone.url
    link.tap()
    phone.wait_for_url("**/references/#ref-2")
