"""Never a traceback: an unexpected exception is a bug in the edition, reported as one line.

Bad input is reported as Problems. Anything else that goes wrong is the edition's own
fault, so the editor gets one line naming the file that was being processed and saying
so, and the command exits with status 2 (1 is kept for problems in the sources). Each
step of the pipeline says which file it is working on through `processing`.
"""

from __future__ import annotations

import contextlib
import functools
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
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
    """The one line shown for an unexpected exception: the file being processed, the
    exception, and, when it was raised in the edition's own code, that module and line."""
    if isinstance(error, SyntaxError) and _in_package(error.filename):
        return code_bug_line(error)
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    raised = _raised_in(error)
    if raised:
        detail += f", in {raised}"
    where = getattr(error, "edition_file", current_file())
    return (f"{where}: bug in the edition while processing this file ({detail}) — the "
            "file may well be right; please report this line to the edition's maintainers")


def code_bug_line(error: BaseException) -> str:
    """The one line for the edition's code that cannot be loaded (a syntax error, an import
    that fails), naming its module and line."""
    if isinstance(error, SyntaxError) and _in_package(error.filename):
        where = f"{_module_path(error.filename or '')}:{error.lineno or 1}"
        detail = f"{type(error).__name__}: {error.msg}"
    else:
        where = _raised_in(error) or "edition"
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return (f"{where}: bug in the edition: its code cannot be loaded ({detail}) — please report this line to the "
            "edition's maintainers")


_PACKAGE = Path(__file__).resolve().parents[1]


def _in_package(filename: str | None) -> bool:
    return bool(filename) and Path(filename).resolve().is_relative_to(_PACKAGE)  # type: ignore[arg-type]


def _module_path(filename: str) -> str:
    return Path(filename).resolve().relative_to(_PACKAGE.parent).as_posix()


def _raised_in(error: BaseException) -> str | None:
    """'edition/x/y.py:N' when the exception was raised in the edition's own code, else None
    (raised in a library, or in code that replaced the edition's)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames or not _in_package(frames[-1].filename):
        return None
    return f"{_module_path(frames[-1].filename)}:{frames[-1].lineno}"


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
