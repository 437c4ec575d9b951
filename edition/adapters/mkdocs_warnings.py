"""MkDocs' own checks of the nav and of the pages' links, as the edition's problems.

What the strict build warns about (a nav entry naming no page, a link to a page that is
not there), citation-check must report too, and ``mkdocs serve`` must show in its banner:
the edition takes these warnings from MkDocs' loggers while a build or a check runs, and
turns each into one ``path:line: message`` at the line that holds the mistake (the nav
entry in mkdocs.yml, the link in the page). They are taken off the loggers, so that one
mistake is one message (the edition's), and the build fails on them as on any problem.

What it relies on in MkDocs 1.6 (tests/test_adapters_mkdocs.py checks each, naming this
module): the loggers ``mkdocs.structure.nav`` and ``mkdocs.structure.pages``, and the
wording of their warnings, "A reference to 'X' is included in the 'nav' configuration,
which is not found in the documentation files." and "Doc file 'A' contains a link 'B',
but the target 'C' is not found among documentation files." (and the other "Doc file 'A'
contains ..." warnings about links). Warnings about anchors ("... does not contain an
anchor '#x'") are left to MkDocs: it checks anchors after the last event the edition
sees, in the written pages, so they stay MkDocs' own strict warnings (and citation-check,
which writes no page, does not check anchors).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from edition.core.problems import Problem, locate_line

LOGGERS = ("mkdocs.structure.nav", "mkdocs.structure.pages")
NAV_NOT_FOUND = re.compile(r"A reference to '(?P<target>.+?)' is included in the 'nav' configuration, which is not "
                           r"found in the documentation files\.")
PAGE_LINK = re.compile(r"Doc file '(?P<page>.+?)' contains (?P<what>an? (?:[a-z ]+ )?link(?: to)?) '(?P<link>.+?)'"
                       r"(?P<rest>.*)", re.DOTALL)
OMITTED = re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" "
                     r"configuration:\n(?P<pages>(?:  - .+\n?)+)")
ANCHOR = "does not contain an anchor"
LINK_TARGET = re.compile(r"the target '(?P<target>.+?)' is not found")


class Warnings(logging.Filter):
    """Takes MkDocs' warnings about the nav and the links off its loggers while installed."""

    def __init__(self) -> None:
        super().__init__("edition")
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if ANCHOR in message:
            return True  # checked by MkDocs after the pages are written: left to MkDocs' strict count
        if NAV_NOT_FOUND.fullmatch(message) or PAGE_LINK.match(message) or OMITTED.fullmatch(message.rstrip()):
            self.messages.append(message)
            return False
        return True

    def install(self) -> Warnings:
        """Take the warnings from now on; a filter left by an earlier build (a failed one, or
        code since reloaded under serve) goes first, and the loggers pass warnings on
        (citation-check quiets MkDocs' logger as a whole)."""
        for name in LOGGERS:
            logger = logging.getLogger(name)
            for old in [old for old in logger.filters if type(old).__name__ == type(self).__name__]:
                logger.removeFilter(old)
            logger.addFilter(self)
            if logger.getEffectiveLevel() > logging.WARNING:
                logger.setLevel(logging.WARNING)
        return self

    def remove(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self)

    def problems(self, config_file: Path, docs_dir: Path, docs_prefix: str) -> list[Problem]:
        """Each warning taken as one problem at its line. A page missing from docs/ is one
        mistake: named once at its nav entry, not again at each link to it."""
        config_text = _read(config_file)
        problems = []
        missing = [found["target"] for message in self.messages if (found := NAV_NOT_FOUND.fullmatch(message))]
        omitted = [page.strip()[2:] for message in self.messages if (found := OMITTED.fullmatch(message.rstrip()))
                   for page in found["pages"].splitlines() if page.strip()]
        renamed = len(missing) == len(omitted) == 1  # a page renamed: one mistake, named at its nav entry
        for target in missing:
            line = locate_line(config_text, target)
            also = f" (is it {omitted[0]}, which the nav does not list?)" if renamed else ""
            problems.append(Problem(config_file.name, line, f"the nav names '{target}', which is not in "
                                    f"{docs_prefix}/{also} — fix the path here, or restore the page"))
        for page in [] if renamed else omitted:
            problems.append(Problem(f"{docs_prefix}/{page}", 1, "the page is not in the nav of "
                                    f"{config_file.name} — add an entry for '{page}' under nav: (validation: "
                                    "nav: omitted_files: warn makes a page left out a problem)"))
        for message in self.messages:
            found = PAGE_LINK.match(message)
            if not found:
                continue
            target = LINK_TARGET.search(found["rest"])
            if target and target["target"] in missing:
                continue
            page = found["page"]
            source = _read(docs_dir / page)
            link = found["link"]
            line = locate_line(source, f"]({link}") if f"]({link}" in source else locate_line(source, link)
            rest = found["rest"].strip().removeprefix(",").strip().rstrip(".")
            problems.append(Problem(f"{docs_prefix}/{page}", line, f"{found['what']} '{link}'"
                                    f"{', ' if rest.startswith('but') else ' '}{rest} — fix the link, or restore "
                                    "the page it names"))
        return problems


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
