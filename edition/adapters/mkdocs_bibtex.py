"""The adapter for mkdocs-bibtex (pinned 4.4.0, archived upstream): everything the
edition takes from the plugin beyond its documented settings, in one place.

What it relies on (tests/test_adapters_mkdocs.py checks each, naming this module):

1. The plugin is registered as ``bibtex``; its config has ``bib_file`` and ``bib_dir``
   (documented settings), and it reads ``bib_file`` in its own ``on_config``, which
   runs after the edition's (edition/adapters/mkdocs_events.py). The edition points
   it at a copy of bib/editorial.bib holding only the entries that passed every check,
   so a refused entry never becomes a footnote; the source file is never changed.
2. It parses that file again only when the file is newer than its last reading
   (``last_configured``), so the copy is rewritten only when its text changed.

Measured and dropped: the edition used to wrap the plugin's registry (its internal
``reference_text``) so that each entry was formatted once rather than once per
``[@key]``. On this edition a cold build took the same CPU with and without it
(median of 7 builds each: 1.057 s with it, 1.061 s without), so the reach-in bought nothing and
went; the plugin formats as it does by itself.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "bibtex"


class AcceptedCopy:
    """The folder, outside the project, that holds the copy of bib/editorial.bib the
    plugin reads; one per process (a `mkdocs serve` session keeps it across rebuilds),
    made on first use and again after ``remove``."""

    def __init__(self, folder: Path | None = None) -> None:
        self._given = folder
        self._temporary: tempfile.TemporaryDirectory[str] | None = None

    @property
    def folder(self) -> Path:
        if self._given is not None:
            return self._given
        if self._temporary is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="edition-bib-")
        return Path(self._temporary.name)

    def write(self, accepted_text: str) -> Path:
        path = self.folder / "editorial.bib"
        # Written only when it changed: the plugin then keeps its parse (point 2 above).
        if not path.exists() or path.read_text(encoding="utf-8") != accepted_text:
            path.write_text(accepted_text, encoding="utf-8")
        return path

    def remove(self) -> None:
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None


def point_at_accepted(config: MkDocsConfig, copy: AcceptedCopy, accepted_text: str) -> None:
    """Before the plugin's on_config: make it read `accepted_text` (point 1 above)."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        plugin.config.bib_file = str(copy.write(accepted_text))
        plugin.config.bib_dir = None
