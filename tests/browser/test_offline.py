"""The offline edition (scripts/offline, mkdocs.offline.yml): built strictly and
without a warning, zipped, and readable from the unpacked zip over file:// with no
server: search, a citation preview and a glossary link all work, and nothing is
fetched from anywhere but the disk."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from .helpers import NODE_MODULES, ROOT, Traffic, open_context, require_file, screenshot


@dataclass(frozen=True)
class OfflineBuild:
    site: Path  # OUT/offline/
    archive: Path  # OUT/edition-offline.zip
    unpacked: Path  # the zip, extracted
    log: str


@pytest.fixture(scope="session")
def offline(tmp_path_factory: pytest.TempPathFactory) -> OfflineBuild:
    require_file(NODE_MODULES / "iframe-worker" / "shim" / "index.js", "run `npm ci`")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "offline"), str(out)],
        env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True,
        timeout=300, check=False)
    assert result.returncode == 0, f"scripts/offline failed:\n{result.stdout}\n{result.stderr}"
    unpacked = out / "unpacked"
    with zipfile.ZipFile(out / "edition-offline.zip") as archive:
        archive.extractall(unpacked)
    return OfflineBuild(out / "offline", out / "edition-offline.zip",
                        unpacked / "edition-offline", result.stderr)


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=get_yaml_loader())


def test_offline_config_repeats_the_sites_plugins() -> None:
    """INHERIT replaces lists: mkdocs.offline.yml's plugins must be mkdocs.yml's + offline."""
    site, offline = _load(ROOT / "mkdocs.yml"), _load(ROOT / "mkdocs.offline.yml")
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["plugins"][:-1] == site["plugins"]
    assert offline["plugins"][-1] == "offline"
    assert offline["use_directory_urls"] is False


def test_offline_build_is_strict_and_quiet(offline: OfflineBuild) -> None:
    problems = [line for line in offline.log.splitlines()
                if re.match(r"(WARNING|ERROR)\b", line) and "MkDocs 2" not in line]
    assert problems == []


def test_zip_holds_the_whole_offline_site(offline: OfflineBuild) -> None:
    built = sorted(p.relative_to(offline.site).as_posix()
                   for p in offline.site.rglob("*") if p.is_file())
    with zipfile.ZipFile(offline.archive) as archive:
        zipped = sorted(name.removeprefix("edition-offline/") for name in archive.namelist())
    assert zipped == built
    for page in ("index.html", "article.html", "references.html", "search/search_index.js",
                 "glossary/balance-of-threat.html", "about/emendations.html"):
        assert page in zipped, page


def test_offline_edition_works_from_disk(browser, offline: OfflineBuild) -> None:
    traffic = Traffic()
    context = open_context(browser, traffic)
    try:
        page = context.new_page()
        start = (offline.unpacked / "index.html").as_uri()

        page.goto(start)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("Өзбекстан")
        box.press("End")
        result = page.locator('.md-search-result__link[href*="#abstract-kk"]').first
        result.wait_for(state="attached")
        screenshot(page, "offline-search")

        page.goto((offline.unpacked / "article.html").as_uri())
        cite = page.locator(".edition-cite__link").first
        cite.hover()
        page.locator(".edition-popover").wait_for(state="visible")
        screenshot(page, "offline-citation-preview")

        term = page.locator('.edition-term__link[href*="glossary/"]').first
        href = term.get_attribute("href")
        term.click()
        page.wait_for_url(re.compile(r"/glossary/[^/]+\.html(#.*)?$"))
        assert page.url.startswith("file://")
        assert page.url.split("#")[0].endswith(href.split("#")[0])
        assert page.locator("article h1").count() == 1
    finally:
        context.close()
    assert traffic.schemes() <= {"file", "data", "blob"}, sorted(
        url for url in traffic.requests if not url.startswith(("file:", "data:", "blob:")))


def test_reading_view_is_kept_in_the_offline_edition(browser, offline: OfflineBuild) -> None:
    """From file://, the reading view chosen on one page holds on the next and after a
    reload (localStorage), and the switch returns to the annotated view."""
    context = open_context(browser)
    try:
        page = context.new_page()
        page.goto((offline.unpacked / "article.html").as_uri())
        switch = page.locator("button.edition-view-switch")
        switch.click()
        view = "() => document.documentElement.getAttribute('data-edition-view')"
        assert page.evaluate(view) == "reading"
        page.locator('.md-nav--primary a.md-nav__link[href$="references.html"]').click()
        page.wait_for_url(re.compile(r"/references\.html$"))
        assert page.url.startswith("file://") and page.evaluate(view) == "reading"
        page.reload()
        assert page.evaluate(view) == "reading"
        page.goto((offline.unpacked / "article.html").as_uri())
        assert page.evaluate(view) == "reading"
        assert page.locator("a.edition-term__link[href]").count() == 0
        screenshot(page, "offline-reading-view")
        page.locator("button.edition-view-switch").click()
        page.reload()
        assert page.evaluate(view) is None
        assert page.locator("a.edition-term__link[href]").count() > 10
    finally:
        context.close()


def test_no_offline_page_loads_anything_from_the_network(offline: OfflineBuild) -> None:
    """Scripts, styles, icons, images and frames of every page come from the disk
    (links that are only metadata, such as rel=cite-as, load nothing)."""
    pattern = re.compile(
        r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(?:https?:)?//"
        r"|<link\b(?=[^>]*\brel=\"[^\"]*\b(?:stylesheet|icon|preload|modulepreload|manifest)\b)"
        r"[^>]*\bhref=\"(?:https?:)?//", re.I)
    pages = sorted(offline.unpacked.rglob("*.html"))
    assert len(pages) > 20
    offending = [page.relative_to(offline.unpacked).as_posix() for page in pages
                 if pattern.search(page.read_text(encoding="utf-8"))]
    assert offending == []
