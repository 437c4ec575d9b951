"""``citation-check``: check citations and bibliography without building a site.

Loads mkdocs.yml, renders every page's Markdown in memory through the same
pipeline functions as the hooks, and prints ``path:line: message`` for every
problem and a one-line summary. Exit status: 0 when all is well, 1 on any problem,
2 when the project itself cannot be loaded or the edition has a bug (edition/core/bugs.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from edition.build.pipeline import Outcome, finish_build, prepare_page, start_build
from edition.core.bugs import BUG_EXIT_STATUS, EditionBug, bug_line, processing
from edition.outputs.xml.files import Publication


def check_project(config_file: Path) -> Outcome:
    """Run the build's collect-and-resolve steps on the project, writing nothing."""
    config = load_config(str(config_file))
    state = start_build(config, _raise_bug)
    files = get_files(config)
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
    return finish_build(state, files, Publication.from_config(config))


def _raise_bug(line: str) -> None:
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


if __name__ == "__main__":
    sys.exit(main())
