"""A touch reader reaches a citation's preview: the first tap shows it, the second
follows the link to the reference entry."""

from __future__ import annotations

from .helpers import tap_first_citation


def test_first_tap_previews_second_tap_follows(phone, site) -> None:
    link, _preview = tap_first_citation(phone, site)
    assert "/article/" in phone.url and "references" not in phone.url
    link.tap()
    phone.wait_for_url("**/references/#ref-2")
