"""MkDocs hooks of the edition: thin wrappers around the ``edition`` package.

Pipeline: ``on_config`` loads and checks bib/ and registers the Markdown extension
(fresh state per build: ``mkdocs serve`` keeps this module loaded); while pages
render, the extension records every citation; ``on_env`` (late, once) resolves all
placeholders on all pages, renders the reference list with its backlinks, and fails
the build with every problem at once, as ``path:line: message``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from edition.markdown_ext import MentionExtension
from edition.resolve import PageInfo, Resolver
from edition.state import BuildState
from edition.title_page import render_title_markers

log = get_plugin_logger("edition")
_state: BuildState | None = None
_order: dict[str, int] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state, _order
    _state = BuildState.load(Path(config.config_file_path).parent)
    _order = {}
    config.markdown_extensions.append(MentionExtension(_state))
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _order.update({page.file.src_uri: index for index, page in enumerate(nav.pages)})
    return nav


@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _state is not None
    source = page.file.content_string
    _state.begin_page(page.file.src_uri, source, page.meta, _order.get(page.file.src_uri, 0))
    markdown, problems = render_title_markers(markdown, page.meta, _state.current.path,
                                              _state.current.first_line)
    _state.index.problems.extend(problems)
    return markdown


@event_priority(-100)
def on_env(env, *, config: MkDocsConfig, files: Files):
    assert _state is not None
    rendered = [file for file in files.documentation_pages() if file.page and file.page.content]
    pages = {file.src_uri: PageInfo(file.page.url, file.page.title or file.src_uri, file.page.content)
             for file in rendered}
    resolver = Resolver(_state, pages)
    problems = resolver.problems()
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{len(problems)} problem(s) in the citations or the bibliography "
                          "(listed above as file:line: message)")
    for file in rendered:
        file.page.content = resolver.render_page(file.src_uri)
    return env
