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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edition.build.session import Session

PACKAGE = Path(__file__).resolve().parents[1]
CODE_SUFFIXES = (".py", ".html")


def newest_change() -> int:
    """The latest modification time of the edition's code and templates (ns)."""
    return max((path.stat().st_mtime_ns for path in PACKAGE.rglob("*") if path.suffix in CODE_SUFFIXES), default=0)


_imported_at = newest_change()


def current_session() -> Session:
    """The session of this process, with the edition's code as saved."""
    previous: Session = importlib.import_module("edition.build.session").SESSION
    if not previous.serving or newest_change() <= _imported_at:
        return previous
    for name in [name for name in sys.modules if name == "edition" or name.startswith("edition.")]:
        del sys.modules[name]
    session: Session = importlib.import_module("edition.build.session").SESSION
    session.take_over(previous)
    return session
