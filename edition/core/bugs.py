"""Never a traceback: an unexpected exception is a bug in the edition, reported as one line.

Bad input is reported as Problems. Anything else that goes wrong is the edition's own
fault, so the editor gets one line naming the file that was being processed and saying
so, and the command exits with status 2 (1 is kept for problems in the sources). Each
step of the pipeline says which file it is working on through `processing`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TypeVar

from click import ClickException

BUG_EXIT_STATUS = 2
_current = ["mkdocs.yml"]  # the file being processed: a stack, innermost last
_F = TypeVar("_F", bound=Callable[..., object])


class EditionBug(SystemExit):
    """Stops a build or check with exit status 2 after a bug in the edition. A SystemExit,
    so that MkDocs does not add its own lines about it: the one line is already out."""

    def __init__(self, line: str) -> None:
        super().__init__(BUG_EXIT_STATUS)
        self.line = line


@contextlib.contextmanager
def processing(path: str) -> Iterator[None]:
    """Name `path` as the file being worked on while the block runs."""
    _current.append(path)
    try:
        yield
    except Exception as error:
        # The innermost file is the one meant; the exception leaves the block before
        # anyone turns it into a line, so it carries the name out.
        if not hasattr(error, "edition_file"):
            error.edition_file = path  # type: ignore[attr-defined]
        raise
    finally:
        _current.pop()


def current_file() -> str:
    return _current[-1]


def bug_line(error: BaseException) -> str:
    """The one line shown for an unexpected exception."""
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    where = getattr(error, "edition_file", current_file())
    return (f"{where}: bug in the edition while processing this file ({detail}) — the "
            "file may well be right; please report this line to the edition's maintainers")


def guarded(report: Callable[[str], None], fallback: Callable[..., object]) -> Callable[[_F], _F]:
    """Wrap a hook: any exception but a ClickException (MkDocs' own errors, which already
    read well) is passed to `report` as one line, which raises (build)
    or logs (serve); then `fallback`, called with the hook's arguments, gives its result."""
    def decorate(function: _F) -> _F:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except ClickException:
                raise
            except Exception as error:  # noqa: BLE001 (this is the one place that catches all)
                report(bug_line(error))
                return fallback(*args, **kwargs)
        return wrapper  # type: ignore[return-value]
    return decorate
