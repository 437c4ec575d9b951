"""Problems found in the sources, reported as ``path:line: message``.

Every stage (bibliography, parsing, resolution) appends to one list per build;
the hook or the citation-check command reports them all at once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a source file, with how to fix it."""

    path: str
    line: int
    message: str
    # A mistake that leaves the edition unable to read a whole source (a file missing or not
    # UTF-8, front matter that is not YAML): while one stands, the problems that follow from
    # it are knock-ons, so only the blocking ones are reported (edition/build/pipeline.py).
    blocking: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def locate_line(text: str, needle: str, occurrence: int = 0, start_line: int = 1) -> int:
    """Line number (counted from `start_line`) of the `occurrence`-th `needle` in `text`.

    Falls back to `start_line` when the needle cannot be found, so that a problem
    is never dropped for want of a line.
    """
    position = -1
    for _ in range(occurrence + 1):
        position = text.find(needle, position + 1)
        if position < 0:
            return start_line
    return start_line + text.count("\n", 0, position)


@dataclass
class ProblemLog:
    """The problems met while pages render and in the late pass, for one build."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)


def read_source(file: Path, display: str) -> tuple[str | None, Problem | None]:
    """The text of the source `file` (None if it does not exist), or, if it is not UTF-8,
    None and one blocking problem at the line of the first byte that is not."""
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = 1 + data.count(b"\n", 0, error.start)
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, Problem(display, line, f"the byte 0x{data[error.start]:02x} at column {column} is not UTF-8 "
                             "— save the file as UTF-8 (retype the character there)", blocking=True)
