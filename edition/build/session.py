"""The one object of a build, and the session that outlives it under ``mkdocs serve``.

``EditionBuild`` is made in ``on_config``, once per build: it holds the build's state
(inputs, page records, problem log), the pages' order, the outcome of the late pass,
the bugs met, and a reference to the caches kept across rebuilds (``KEPT``,
edition/core/memo.py, their one owner). Nothing of a build survives the next
``on_config``.

``Session`` is one per MkDocs process (``SESSION``): whether it serves, and the folder
mkdocs-bibtex reads its bib file from. The hooks (hooks/edition_hooks.py) keep one
reference to it and hand every event to it; each event is guarded (edition/core/bugs.py):
an unexpected exception is one line naming the file being processed; ``mkdocs build``
then exits with status 2, while ``serve`` logs it, shows it in the banner and keeps
serving. When the edition's code is imported afresh under serve
(edition/build/reloading.py), a new Session takes over what the old one knew.
"""

from __future__ import annotations

import gc
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from click import ClickException
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from edition.adapters import material, mkdocs_bibtex, mkdocs_config, mkdocs_events
from edition.adapters.mkdocs_warnings import Warnings
from edition.apparatus.state import BuildState
from edition.build import disk_cache, pipeline
from edition.core.bugs import EditionBug, guarded, processing
from edition.core.memo import KEPT, Caches
from edition.core.problems import Problem
from edition.core.project import WATCHED
from edition.outputs import export_files, head, paged
from edition.outputs.xml.files import Publication
from edition.render import templates

if TYPE_CHECKING:  # serve's server (and the file watcher it imports) only in a type
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger("edition")
# MkDocs' event order, for the hooks' priorities (edition/adapters/mkdocs_events.py).
BEFORE_PLUGINS, AFTER_PLUGINS = mkdocs_events.BEFORE_PLUGINS, mkdocs_events.AFTER_PLUGINS
PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class EditionBuild:
    """One build: everything it made and met, from ``on_config`` to the last page."""

    state: BuildState | None
    publication: Publication
    caches: Caches = KEPT
    order: dict[str, int] = field(default_factory=dict)  # reading order of the pages (on_nav)
    problems: list[Problem] = field(default_factory=list)  # the late pass's, once it ran
    bugs: list[str] = field(default_factory=list)  # unexpected exceptions, as one line each
    hidden: dict[str, tuple[str, str]] = field(default_factory=dict)  # per page, added after search read it
    warnings: Warnings = field(default_factory=Warnings)  # MkDocs' own, about the nav and the links
    config: MkDocsConfig | None = None
    # Per page, its HTML while the search plugin reads its search view (edition/adapters/material.py, fact 10).
    content: dict[str, str] = field(default_factory=dict)


class Session:
    """One MkDocs process: a single build, or a `mkdocs serve` with all its rebuilds."""

    def __init__(self, serving: bool = False) -> None:
        self.serving = serving
        self.accepted = mkdocs_bibtex.AcceptedCopy()
        self.build = EditionBuild(None, Publication("", "", None))
        self.code_bugs: list[str] = []  # under serve: the edition's code as saved cannot be loaded (reloading.py)
        self.config_problem: Problem | None = None  # under serve: mkdocs.yml as saved cannot be loaded
        self.good_config: bytes | None = None  # under serve: mkdocs.yml as last loaded
        # The disk cache's file, once read (disk_cache.py): its name is the key of the
        # edition's code (also the PDF cache's), worked out once per session; a reload of
        # the code makes a new session.
        self.cache_file: Path | None = None
        self.code_key = ""

    def take_over(self, previous: Session) -> None:
        """Continue the session of code imported before this one (reloading.py)."""
        self.serving = previous.serving
        self.good_config = previous.good_config
        self.config_problem = previous.config_problem
        self.accepted = previous.accepted

    # Each event of hooks/edition_hooks.py, run through `guarded` (below).

    def on_startup(self, command: str) -> None:
        # Under `mkdocs serve` a bad edit is reported but the site is still written (with
        # every problem listed in a banner), so the editor keeps a working server.
        self.serving = command == "serve"
        _stop_on_sigterm()
        if command == "build":
            gc.set_threshold(*_BUILD_THRESHOLDS)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
        root = Path(config.config_file_path).parent
        for part in WATCHED:
            if (root / part).exists():
                server.watch(str(root / part))
        server.watch(str(PACKAGE))
        server.builder = self._config_guard(server.builder, config)
        return server

    def _config_guard(self, builder: Any, first: MkDocsConfig) -> Any:
        """MkDocs' rebuild under serve, which loads mkdocs.yml afresh: when it cannot be
        loaded (a YAML error, a wrong value), the site is rebuilt from mkdocs.yml as last
        loaded, with the mistake in the banner, rather than the server stopping on it."""
        path = Path(first.config_file_path)
        self.good_config = path.read_bytes()

        def rebuild(config: MkDocsConfig | None = None) -> None:
            self.config_problem = None
            if config is not None:
                builder(config)
                return
            try:
                mkdocs_config.load(path)
            except ClickException as error:
                self.config_problem = mkdocs_config.problem(path, error)
                log.error(str(self.config_problem))
                builder(mkdocs_config.load(path, self.good_config, first))
                return
            self.good_config = path.read_bytes()
            builder()
        return rebuild

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.cache_file is None:
            self.code_key = disk_cache.version_key()
            self.cache_file = disk_cache.cache_file(config.config_file_path, self.code_key)
            disk_cache.restore(KEPT, self.cache_file)
            if disk_cache.enabled():
                templates.keep_compiled(self.cache_file.parent / "templates")
        self.build.warnings.remove()
        self.build = EditionBuild(None, Publication.from_config(config), config=config)
        self.build.bugs += self.code_bugs
        self.build.warnings.install()
        state = pipeline.start_build(config, self._report)
        state.paged = not self.serving
        self.build.state = state
        mkdocs_bibtex.point_at_accepted(config, self.accepted, state.inputs.editorial_text)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        mkdocs_bibtex.keep_formatted_references(config)
        files = material.reader_assets(files, config)
        pipeline.readable_pages(files)
        if self.build.state is not None:
            export_files.add_export_files(self.build.state, files, config)
        return files

    def on_nav(self, nav: Navigation) -> Navigation:
        self.build.order.update({page.file.src_uri: index for index, page in enumerate(nav.pages)})
        return nav

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        if self.build.state is None:
            return markdown
        return pipeline.prepare_page(self.build.state, page.file.src_uri, page.file.content_string, markdown,
                                     page.meta, self.build.order.get(page.file.src_uri, 0))

    def on_env(self, env: Environment, files: Files) -> Environment:
        build = self.build
        if build.state is None:
            return env
        reported = []
        if build.config is not None:
            reported = build.warnings.problems(Path(build.config.config_file_path),
                                               Path(build.config.docs_dir), build.state.inputs.docs_prefix)
        if self.config_problem is not None:
            reported = [*reported, self.config_problem]
        build.warnings.remove()  # what MkDocs warns about later (anchors) stays its own
        outcome = pipeline.finish_build(build.state, files, build.publication, reported)
        build.problems = outcome.problems
        for problem in outcome.problems:
            log.error(str(problem))
        if outcome.problems and not self.serving:
            raise PluginError(f"{len(outcome.problems)} problem(s) in the citations or the "
                              "bibliography (listed above as file:line: message)")
        if outcome.problems:
            log.error(f"{len(outcome.problems)} problem(s): the site is served with them marked")
        build.hidden = pipeline.render_pages(outcome, files)
        with processing("the article's PDF"):
            paged.fill_article_pdf(build.state, files, build.hidden, self.code_key)
        for file in files.documentation_pages():
            if file.page is not None and file.page.content is not None:
                build.content[file.src_uri] = file.page.content
                file.page.content = material.search_view(file.page.content)
        return env

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
        build = self.build
        if page.file.src_uri in build.content:
            page.content = build.content.pop(page.file.src_uri)
        if page.file.src_uri in build.hidden:
            page.content = pipeline.join_hidden_parts(page.content or "", build.hidden.pop(page.file.src_uri))
        if build.state is not None:
            context["edition_head"] = head.head_for_page(build.state, page, config)
        if self.serving:
            context["edition_problems"] = pipeline.problem_banner(build.problems, build.bugs, page.file.src_uri,
                                                                  build.state)
        return context

    def on_post_build(self) -> None:
        self.build.warnings.remove()
        # Under serve, the next rebuild loads hooks/*.py afresh, as it does docs/.
        if self.serving:
            mkdocs_events.forget_loaded_hooks()
        elif self.cache_file is not None and not self.build.problems and not self.build.bugs:
            disk_cache.save(KEPT, self.cache_file)

    def on_build_error(self) -> None:
        if self.serving:
            mkdocs_events.forget_loaded_hooks()

    def on_shutdown(self) -> None:
        self.accepted.remove()
        if self.serving and self.cache_file is not None:
            disk_cache.save(KEPT, self.cache_file)

    def _report(self, line: str) -> None:
        """An unexpected exception, as its one line: fatal to a build, shown under serve."""
        log.error(line)
        if not self.serving:
            raise EditionBug(line)
        self.build.bugs.append(line)

    def guarded(self, event: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        """Run the event `event` of this session through edition/core/bugs.py's guard: an
        unexpected exception is reported as one line (`_report`) and `fallback` (the
        event's input, or None) is returned."""
        return guarded(self._report, lambda *_args, **_kwargs: fallback)(getattr(self, event))(*args, **kwargs)


# The cyclic garbage collector's thresholds for a one-shot `mkdocs build` (mypy sets the
# same for its builds): a collection of the young generation after 200,000 new container
# objects rather than 700, so far fewer passes. Nearly everything a build makes (pages,
# their records, the kept values) lives to its end, and each pass over the older
# generations walks all of it again: at 300 articles the default thresholds spent about
# 3 s of a 35 s build in such passes, about 9 % (bench/RESULTS.md, "Scale"). Under
# `mkdocs serve` the defaults stay: its process lives on, edit after edit.
_BUILD_THRESHOLDS = (200_000, 30, 30)


def _stop_on_sigterm() -> None:
    """SIGTERM stops the process as Ctrl-C does, so that MkDocs shuts down in order and
    the temporary copy of bib/editorial.bib goes with it (on_shutdown, and the temporary
    folder's own finaliser at exit); by default SIGTERM ends Python with no clean-up."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


# The one session of this process (see reloading.py for how it survives a reload).
SESSION = Session()
