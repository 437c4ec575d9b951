"""Problems found in the sources, reported as ``path:line: message``.

Every stage (bibliography, parsing, resolution) appends to one list per build;
the hook or the citation-check command reports them all at once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a source file, with how to fix it."""

    path: str
    line: int
    message: str

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
