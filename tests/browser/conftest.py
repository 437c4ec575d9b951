"""Fixtures of the browser suite: the reader's side of the edition in a real browser.

The edition built once per session (``built_site`` from tests/conftest.py) is served
over HTTP on 127.0.0.1 by a session fixture; one headless Chromium (the machine's
own, never a downloaded one) is driven by Playwright for the whole session, with a
fresh browser context per test. See helpers.py for how missing tools are handled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .checkers import start_linkchecker, start_vnu
from .helpers import CHROMIUM_ARGS, PHONE, Served, Traffic, chromium_path, missing, open_context, serve

# Tests that only collect what a background checker found: run them last, so the
# checkers work while Chromium does (see checkers.py).
BACKGROUND_CHECKS = {"test_links.py": "links", "test_html_validity.py": "vnu"}


def pytest_collection_modifyitems(session, config, items) -> None:
    items.sort(key=lambda item: item.path.parent == Path(__file__).parent
               and item.path.name in BACKGROUND_CHECKS)


def _start_background_checks(served: Served, session) -> None:
    wanted = {BACKGROUND_CHECKS[item.path.name] for item in session.items
              if item.path.parent == Path(__file__).parent and item.path.name in BACKGROUND_CHECKS}
    starters = {"links": lambda: start_linkchecker(served.base, served.root),
                "vnu": lambda: start_vnu(served.root)}
    for name in sorted(wanted):
        try:
            served.jobs[name] = starters[name]()
        except (Exception, pytest.skip.Exception, pytest.fail.Exception):
            pass  # a missing tool: the check's own test skips or fails, saying why


@pytest.fixture(scope="session")
def site(built_site, request) -> Iterator[Served]:
    """The strict build of the edition, served over HTTP for the whole session."""
    served, server = serve(built_site.root)
    _start_background_checks(served, request.session)
    yield served
    for job in served.jobs.values():
        job.stop()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (the machine's, driven by Playwright)."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser, traffic: Traffic):
    """A desktop-sized page in a fresh context; its requests go to `traffic`."""
    context = open_context(browser, traffic)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, traffic: Traffic):
    """A phone-sized page (390x844, touch) in a fresh context."""
    context = open_context(browser, traffic, viewport=PHONE, is_mobile=True, has_touch=True,
                           device_scale_factor=2)
    yield context.new_page()
    context.close()
