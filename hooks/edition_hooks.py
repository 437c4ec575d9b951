"""MkDocs hooks of the edition: thin wrappers around ``edition.pipeline``.

``on_config`` starts a fresh build state (``mkdocs serve`` keeps this module loaded
between rebuilds) and registers the Markdown extension; while pages render, the
extension records every citation; ``on_env`` (late, once) resolves all placeholders
on all pages, renders the reference list with its backlinks, and fails the build
with every problem at once, as ``path:line: message``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from edition.citing import add_export_files, head_for_page
from edition.pipeline import finish_build, prepare_page, start_build
from edition.printing import with_print_parts
from edition.state import BuildState

log = get_plugin_logger("edition")
_state: BuildState | None = None
_order: dict[str, int] = {}
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    # Under `mkdocs serve` a bad edit is reported but the site is still written (with
    # the unresolved citation marked), so the editor keeps a working server.
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state, _order
    _state = start_build(config)
    _order = {}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _state is not None
    add_export_files(_state, files, config)
    return files


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    assert _state is not None
    context["edition_head"] = head_for_page(_state, page, config)
    return context


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _order.update({page.file.src_uri: index for index, page in enumerate(nav.pages)})
    return nav


@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _state is not None
    return prepare_page(_state, page.file.src_uri, page.file.content_string, markdown,
                        page.meta, _order.get(page.file.src_uri, 0))


@event_priority(-100)
def on_env(env, *, config: MkDocsConfig, files: Files):
    assert _state is not None
    outcome = finish_build(_state, files)
    if outcome.problems:
        for problem in outcome.problems:
            log.error(str(problem))
        if _serving:
            log.error(f"{len(outcome.problems)} problem(s): the site is served with them marked")
        else:
            raise PluginError(f"{len(outcome.problems)} problem(s) in the citations or the "
                              "bibliography (listed above as file:line: message)")
    for file in files.documentation_pages():
        if file.page is not None and file.page.content is not None:
            file.page.content = outcome.resolver.render_page(file.src_uri)
            if file.page.meta.get("edition_article"):
                file.page.content = with_print_parts(file.page.content, file.src_uri, _state.notes,
                                                     _state.placed_notes, _state.editorial, _state.site_url)
    return env
