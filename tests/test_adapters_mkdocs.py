"""Contract tests of the adapters for MkDocs and mkdocs-bibtex: each fact the edition
relies on beyond their public API, checked against the pinned versions. When an upgrade
changes one, the failure names the adapter module to update."""

from __future__ import annotations

import inspect
from importlib.metadata import entry_points

import pytest
from mkdocs.config import load_config

from conftest import ROOT
from edition.adapters import mkdocs_bibtex, mkdocs_events

EVENTS = "edition/adapters/mkdocs_events.py"
BIBTEX = "edition/adapters/mkdocs_bibtex.py"
BIB = "@book{walt1987,\n  author = {Walt, Stephen M.},\n  title = {The Origins of Alliances},\n" \
      "  publisher = {Cornell University Press},\n  year = {1987},\n}\n"


@pytest.fixture(scope="module")
def config():
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    yield loaded
    loaded.plugins.on_shutdown()


def _priority(plugin, event: str) -> int:
    return getattr(getattr(plugin, event), "mkdocs_priority", 0)


def _others(config, event: str) -> dict[str, int]:
    return {name: _priority(plugin, event) for name, plugin in config.plugins.items()
            if not name.startswith("hooks/") and hasattr(plugin, event)}


@pytest.mark.parametrize("event", ["on_config", "on_page_markdown"])
def test_the_edition_runs_before_every_plugin(config, event: str) -> None:
    later = {name: priority for name, priority in _others(config, event).items()
             if priority >= mkdocs_events.BEFORE_PLUGINS}
    assert not later, f"{EVENTS}: {event} of {later} no longer runs after BEFORE_PLUGINS — update the priorities"


@pytest.mark.parametrize("event", ["on_env", "on_page_context"])
def test_the_edition_runs_after_every_plugin(config, event: str) -> None:
    earlier = {name: priority for name, priority in _others(config, event).items()
               if priority <= mkdocs_events.AFTER_PLUGINS}
    assert not earlier, f"{EVENTS}: {event} of {earlier} no longer runs before AFTER_PLUGINS — update the priorities"


def test_the_search_plugin_indexes_the_page_in_on_page_context(config) -> None:
    search = config.plugins["material/search"]
    source = inspect.getsource(type(search).on_page_context)
    assert "add_entry_from_context(page)" in source, (
        f"{EVENTS}: the search plugin no longer indexes page.content in on_page_context — the parts the hooks "
        "add after it (edition/build/pipeline.py, join_hidden_parts) may now be indexed or lost")


def test_mkdocs_keeps_loaded_hook_modules_in_a_cache_that_can_be_emptied() -> None:
    from mkdocs.config import config_options

    load = getattr(config_options.Hooks, "_load_hook", None)
    assert load is not None and hasattr(load, "cache_clear"), (
        f"{EVENTS}: MkDocs no longer keeps hook modules in Hooks._load_hook's lru_cache — forget_loaded_hooks "
        "must find the new way to load hooks/*.py afresh under serve")


def test_the_bibtex_plugin_is_registered_with_the_settings_the_edition_rewrites(config) -> None:
    [point] = [point for point in entry_points(group="mkdocs.plugins") if point.name == mkdocs_bibtex.PLUGIN]
    plugin = config.plugins.get(mkdocs_bibtex.PLUGIN)
    assert plugin is not None and isinstance(plugin, point.load()), f"{BIBTEX}: no plugin '{mkdocs_bibtex.PLUGIN}'"
    assert {"bib_file", "bib_dir"} <= set(plugin.config), f"{BIBTEX}: the plugin has no bib_file or bib_dir setting"


def test_the_bibtex_plugin_reparses_its_file_only_when_it_is_newer() -> None:
    from mkdocs_bibtex.plugin import BibTexPlugin

    source = inspect.getsource(BibTexPlugin.on_config)
    assert "last_configured" in source and "st_mtime" in source, (
        f"{BIBTEX}: mkdocs-bibtex no longer rereads its bib file by modification time — AcceptedCopy.write "
        "need not keep the copy's time")


def test_the_bibtex_plugin_formats_through_its_registry(config, tmp_path) -> None:
    """Fact 3: after its on_config the plugin's registry formats an entry of bib_data
    with reference_text(citation); the edition keeps that text per entry content."""
    from mkdocs_bibtex.citation import Citation

    bib = tmp_path / "sources.bib"
    bib.write_text("@misc{key1,\n  title = {A Title},\n  year = {2020},\n}\n", encoding="utf-8")
    plugin = config.plugins.get(mkdocs_bibtex.PLUGIN)
    plugin.config.bib_file = str(bib)
    plugin.config.bib_dir = None
    plugin.last_configured = None
    plugin.on_config(config)
    registry = getattr(plugin, "registry", None)
    assert registry is not None and "key1" in registry.bib_data.entries, (
        f"{BIBTEX}: the plugin no longer keeps a registry with bib_data after on_config")
    text = registry.reference_text(Citation(key="key1"))
    assert "a title" in text.lower() and "2020" in text, (
        f"{BIBTEX}: registry.reference_text no longer formats the entry")
    mkdocs_bibtex.keep_formatted_references(config)
    assert registry.reference_text(Citation(key="key1")) == text
    assert getattr(registry.reference_text, "edition_kept", False)


WARNINGS = "edition/adapters/mkdocs_warnings.py"
CONFIG = "edition/adapters/mkdocs_config.py"


def test_mkdocs_warns_about_the_nav_and_links_on_the_loggers_and_in_the_words_the_edition_reads(tmp_path) -> None:
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from edition.adapters.mkdocs_warnings import NAV_NOT_FOUND, PAGE_LINK, Warnings

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [a page](gone.md).\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nnav:\n  - index.md\n  - gone-too.md\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    warnings = Warnings().install()
    try:
        files = get_files(config)
        get_navigation(files, config)
        file = files.get_file_from_path("index.md")
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
    finally:
        warnings.remove()
    assert [bool(NAV_NOT_FOUND.fullmatch(message) or PAGE_LINK.match(message)) for message in warnings.messages] \
        == [True, True], f"update {WARNINGS}: {warnings.messages}"
    assert [str(problem) for problem in warnings.problems(tmp_path / "mkdocs.yml", tmp_path / "docs", "docs")] == [
        "mkdocs.yml:4: the nav names 'gone-too.md', which is not in docs/ — fix the path here, or restore the page",
        "docs/index.md:3: a link 'gone.md', but the target is not found among documentation files — fix the "
        "link, or restore the page it names"], WARNINGS


def test_mkdocs_loads_a_config_from_an_open_file_and_reports_yaml_errors_as_click_exceptions(tmp_path) -> None:
    from click import ClickException

    from edition.adapters import mkdocs_config

    path = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    path.write_text("site_name: Broken\nnav:\n  - a.md\n   - b: [x\n", encoding="utf-8")
    with pytest.raises(ClickException) as raised:
        mkdocs_config.load(path)
    assert str(mkdocs_config.problem(path, raised.value)).startswith("mkdocs.yml:4: YAML error: "), CONFIG
    served = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    config = mkdocs_config.load(path, b"site_name: Last good\n", served)
    assert (config.site_name, config.config_file_path, config.site_dir) == (
        "Last good", str(path), str(tmp_path / "served")), CONFIG
