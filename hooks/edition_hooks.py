"""MkDocs hooks of the edition: each event is handed to the session's build object.

The work is in the package: edition/build/session.py holds the build (its state,
problems and caches) and runs each event, guarded so that an unexpected exception is
one line, never a traceback; edition/build/pipeline.py has the steps the citation-check
command shares. Under ``mkdocs serve`` this file and the package are loaded afresh
after an edit (edition/build/reloading.py). The priorities are MkDocs' event order as
edition/adapters/mkdocs_events.py states it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from edition.build.reloading import current_session

# The one reference this module keeps: the session, whose `build` is the current build.
# (Made first: edition code that cannot be loaded is then one line, edition/build/reloading.py.)
_session = current_session()

from edition.build.session import AFTER_PLUGINS, BEFORE_PLUGINS  # noqa: E402, I001 (after the session)

def on_startup(*, command: str, dirty: bool) -> None:
    _session.guarded("on_startup", None, command)


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    return _session.guarded("on_serve", server, server, config)


@event_priority(BEFORE_PLUGINS)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return _session.guarded("on_config", config, config)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return _session.guarded("on_files", files, files, config)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    return _session.guarded("on_nav", nav, nav)


@event_priority(BEFORE_PLUGINS)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _session.guarded("on_page_markdown", markdown, markdown, page)


@event_priority(AFTER_PLUGINS)
def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    return _session.guarded("on_env", env, env, files)


@event_priority(AFTER_PLUGINS)
def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    return _session.guarded("on_page_context", context, context, page, config)


def on_post_build(*, config: MkDocsConfig) -> None:
    _session.guarded("on_post_build", None)


def on_build_error(*, error: Exception) -> None:
    _session.guarded("on_build_error", None)


def on_shutdown() -> None:
    _session.guarded("on_shutdown", None)
