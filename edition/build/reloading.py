"""Under ``mkdocs serve``, the edition's code as saved, not as first imported.

Python keeps an imported module; MkDocs keeps the hook modules it loaded
(edition/adapters/mkdocs_events.py makes it load them afresh after each build). The
hooks ask here for the session at every load: when the process serves and a module or
template of the edition changed since the edition was imported, every ``edition.*``
module is dropped and imported again, and the new session takes over from the old
one (edition/build/session.py). The caches go with the old modules
(edition/core/memo.py), so no value made by old code survives.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from edition.build.session import Session

PACKAGE = Path(__file__).resolve().parents[1]
CODE_SUFFIXES = (".py", ".html")


def newest_change() -> int:
    """The latest modification time of the edition's code and templates (ns)."""
    return max((path.stat().st_mtime_ns for path in PACKAGE.rglob("*") if path.suffix in CODE_SUFFIXES), default=0)


_imported_at = newest_change()


def current_session() -> Session:
    """The session of this process, with the edition's code as saved. Under serve, code
    that cannot be loaded (a syntax error) leaves the code as it was: the server keeps
    serving with it, and the banner shows the one line naming the module."""
    try:
        previous: Session = importlib.import_module("edition.build.session").SESSION
    except Exception as error:  # noqa: BLE001 (the edition's code cannot be loaded: one line, exit 2)
        cannot_load(error)
    if not previous.serving or newest_change() <= _imported_at:
        return previous
    kept = {name: module for name, module in sys.modules.items() if name == "edition" or name.startswith("edition.")}
    for name in kept:
        del sys.modules[name]
    try:
        session: Session = importlib.import_module("edition.build.session").SESSION
    except Exception as error:  # noqa: BLE001 (the edition's own code: reported, never a traceback)
        for name in [name for name in sys.modules if name == "edition" or name.startswith("edition.")]:
            del sys.modules[name]
        sys.modules.update(kept)
        previous.code_bugs = [_code_bug_line(error)]
        return previous
    session.take_over(previous)
    return session


def cannot_load(error: BaseException) -> NoReturn:
    """The edition's code cannot be loaded by the hooks: one line naming the module, exit 2."""
    line = _code_bug_line(error)
    print(f"ERROR   -  edition: {line}", file=sys.stderr)
    raise SystemExit(2)


def _code_bug_line(error: BaseException) -> str:
    try:
        from edition.core.bugs import code_bug_line
    except Exception:  # noqa: BLE001 (bugs.py is the module that cannot be loaded)
        where = f"{getattr(error, 'filename', None) or 'edition'}:{getattr(error, 'lineno', None) or 1}"
        return (f"{where}: bug in the edition: its code cannot be loaded ({type(error).__name__}: {error}) — "
                "please report this line to the edition's maintainers")
    return code_bug_line(error)
