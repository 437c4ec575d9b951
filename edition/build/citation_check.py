"""``citation-check``: check citations and bibliography without building a site.

Loads mkdocs.yml, renders every page's Markdown in memory through the same
pipeline functions as the hooks, runs MkDocs' own checks of the nav and the links
(edition/adapters/mkdocs_warnings.py), and prints ``path:line: message`` for every
problem and a one-line summary. Exit status: 0 when all is well, 1 on any problem,
2 when the project itself cannot be loaded or the edition has a bug (edition/core/bugs.py).

The edition's modules are imported inside ``main``, not above: a module of the edition
that cannot be loaded (a syntax error) is then one line naming it, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edition.build.pipeline import Outcome

BUG_EXIT_STATUS = 2  # as edition/core/bugs.py, which may be the module that cannot be loaded


def check_project(config_file: Path) -> Outcome:
    """Run the build's collect-and-resolve steps on the project, writing nothing."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from edition.adapters import material
    from edition.adapters.mkdocs_warnings import Warnings
    from edition.build.pipeline import finish_build, prepare_page, readable_pages, start_build
    from edition.core.bugs import processing
    from edition.outputs import export_files
    from edition.outputs.xml.files import Publication

    warnings = Warnings().install()
    try:
        config = load_config(str(config_file))
        state = start_build(config, _raise_bug)
        # The files the hooks add (reader assets, exports: links to them are valid). MkDocs'
        # File.generated names the plugin whose event runs, which MkDocs' own event loop sets;
        # the check runs no event.
        config.plugins._current_plugin = None
        files = material.reader_assets(get_files(config), config)
        export_files.add_export_files(state, files, config)
        readable_pages(files)
        nav = get_navigation(files, config)
        order = {page.file.src_uri: index for index, page in enumerate(nav.pages)}
        for file in files.documentation_pages():
            page = file.page if isinstance(file.page, Page) else Page(None, file, config)
            with processing(f"{state.inputs.docs_prefix}/{file.src_uri}"):
                page.read_source(config)
            page.markdown = prepare_page(state, file.src_uri, file.content_string, page.markdown or "",
                                         page.meta, order.get(file.src_uri, 0))
            with processing(f"{state.inputs.docs_prefix}/{file.src_uri}"):
                page.render(config, files)
        reported = warnings.problems(Path(config.config_file_path), Path(config.docs_dir), state.inputs.docs_prefix)
        return finish_build(state, files, Publication.from_config(config), reported)
    finally:
        warnings.remove()


def _raise_bug(line: str) -> None:
    from edition.core.bugs import EditionBug

    raise EditionBug(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="citation-check",
        description="Check the edition's numbered citations and bib/references.bib without building the site.",
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path,
                        help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if not args.config_file.is_file():
        print(f"citation-check: {args.config_file}: no such file — run it in the project folder "
              "or name the config with -f", file=sys.stderr)
        return 2
    try:
        from mkdocs.exceptions import ConfigurationError

        from edition.core.bugs import EditionBug, bug_line, processing
    except Exception as error:  # noqa: BLE001 (never a traceback: the edition's code cannot be loaded)
        print(_code_bug_line(error), file=sys.stderr)
        return BUG_EXIT_STATUS
    try:
        with processing(str(args.config_file)):
            outcome = check_project(args.config_file)
    except ConfigurationError as error:
        print(f"citation-check: {args.config_file}: {error}", file=sys.stderr)
        return 2
    except EditionBug as error:
        print(error.line, file=sys.stderr)
        return BUG_EXIT_STATUS
    except Exception as error:  # noqa: BLE001 (never a traceback: edition/core/bugs.py)
        print(bug_line(error), file=sys.stderr)
        return BUG_EXIT_STATUS
    for problem in outcome.problems:
        print(problem)
    print(f"citation-check: {outcome.summary()}")
    return 1 if outcome.problems else 0


def _code_bug_line(error: BaseException) -> str:
    """The one line for an edition that cannot be loaded: edition/core/bugs.py's, or, when
    that module is the one that fails, the module and line the error names."""
    try:
        from edition.core.bugs import code_bug_line
    except Exception:  # noqa: BLE001 (bugs.py itself cannot be loaded)
        filename = getattr(error, "filename", None) or "edition"
        where = f"{filename}:{getattr(error, 'lineno', None) or 1}"
        return (f"{where}: bug in the edition: its code cannot be loaded ({type(error).__name__}: {error}) — "
                "please report this line to the edition's maintainers")
    return code_bug_line(error)


if __name__ == "__main__":
    sys.exit(main())
