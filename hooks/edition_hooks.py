"""MkDocs hooks of the edition: thin wrappers around ``edition.build.pipeline``.

``on_config`` starts a fresh build state (``mkdocs serve`` keeps this module loaded
between rebuilds) and registers the Markdown extension; while pages render, the
extension records every citation; ``on_env`` (late, once) resolves all placeholders
on all pages, renders the reference list with its backlinks, and fails the build
with every problem at once, as ``path:line: message``. Under ``mkdocs serve`` the
site is written anyway, with a banner of every problem on every page.

Every hook is guarded (edition/core/bugs.py): an unexpected exception is one line naming
the file being processed; ``mkdocs build`` then exits with status 2, while ``serve``
logs it, shows it in the banner and keeps serving.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from edition.core.bugs import EditionBug, guarded

log = get_plugin_logger("edition")
# The edition's inputs besides docs/ and mkdocs.yml, which MkDocs watches itself.
WATCHED = ("bib", "data", "overrides", "hooks")
_edition = SimpleNamespace()
_loaded_at = 0
_state = None
_order: dict[str, int] = {}
_serving = False
_bugs: list[str] = []
_problems: list = []
_hidden: dict[str, tuple[str, str]] = {}


def _report(line: str) -> None:
    log.error(line)
    if not _serving:
        raise EditionBug(line)
    _bugs.append(line)


def _passthrough(value, *args, **kwargs):
    return value


def _nothing(*args, **kwargs):
    return None


def on_startup(*, command: str, dirty: bool) -> None:
    # Under `mkdocs serve` a bad edit is reported but the site is still written (with
    # every problem listed in a banner), so the editor keeps a working server.
    global _serving
    _serving = command == "serve"


@guarded(_report, _nothing)
def on_serve(server, *, config: MkDocsConfig, builder):
    root = Path(config.config_file_path).parent
    for part in WATCHED:
        if (root / part).exists():
            server.watch(str(root / part))
    server.watch(str(_package_folder()))
    return server


# Before mkdocs-bibtex's on_config, which reads the bib file the edition points it at.
@event_priority(100)
@guarded(_report, _passthrough)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state, _order, _bugs, _problems, _hidden
    _state, _order, _bugs, _problems, _hidden = None, {}, [], [], {}
    _load_edition()
    _state = _edition.pipeline.start_build(config, _report)
    return config


@guarded(_report, _passthrough)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files = _edition.assets.reader_assets(files, config)
    if _state is not None:
        _edition.bibtex_footnotes.format_each_entry_once(config)
        _edition.citing.add_export_files(_state, files, config)
    return files


@guarded(_report, _passthrough)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _order.update({page.file.src_uri: index for index, page in enumerate(nav.pages)})
    return nav


@event_priority(100)
@guarded(_report, _passthrough)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _state is None:
        return markdown
    return _edition.pipeline.prepare_page(_state, page.file.src_uri, page.file.content_string, markdown,
                                          page.meta, _order.get(page.file.src_uri, 0))


@event_priority(-100)
@guarded(_report, _passthrough)
def on_env(env, *, config: MkDocsConfig, files: Files):
    global _problems, _hidden
    if _state is None:
        return env
    outcome = _edition.pipeline.finish_build(_state, files)
    _problems = outcome.problems
    for problem in outcome.problems:
        log.error(str(problem))
    if outcome.problems and not _serving:
        raise PluginError(f"{len(outcome.problems)} problem(s) in the citations or the "
                          "bibliography (listed above as file:line: message)")
    if outcome.problems:
        log.error(f"{len(outcome.problems)} problem(s): the site is served with them marked")
    _hidden = _edition.pipeline.render_pages(outcome, files)
    return env


# After the search plugin's, which then reads the page without its hidden parts.
@event_priority(-100)
@guarded(_report, _passthrough)
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    if page.file.src_uri in _hidden:
        page.content = _edition.pipeline.join_hidden_parts(page.content, _hidden.pop(page.file.src_uri))
    if _state is not None:
        context["edition_head"] = _edition.citing.head_for_page(_state, page, config)
    if _serving:
        context["edition_problems"] = _edition.pipeline.problem_banner(_problems, _bugs, page.file.src_uri,
                                                                       _state)
    return context


def _package_folder() -> Path:
    return Path(importlib.import_module("edition").__file__).parent


def _load_edition() -> None:
    """Import the edition's modules; under serve, afresh when one of them (or a template)
    was edited, so that a change to edition/ takes effect on the next save, as a change to
    docs/ does."""
    global _loaded_at
    if _serving:
        newest = max((file.stat().st_mtime_ns for file in _package_folder().rglob("*")
                      if file.suffix in (".py", ".html")), default=0)
        if _loaded_at and newest > _loaded_at:
            for name in [name for name in sys.modules if name == "edition" or name.startswith("edition.")]:
                del sys.modules[name]
        _loaded_at = max(_loaded_at, newest)
    for name, module in (("pipeline", "build.pipeline"), ("citing", "outputs.citing"),
                         ("bibtex_footnotes", "adapters.mkdocs_bibtex"), ("assets", "adapters.material")):
        setattr(_edition, name, importlib.import_module(f"edition.{module}"))
