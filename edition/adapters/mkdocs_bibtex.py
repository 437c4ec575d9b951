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

3. After its ``on_config`` the plugin holds a ``registry`` whose
   ``reference_text(citation)`` formats the entry ``bib_data.entries[citation.key]``
   with pybtex, afresh at every ``[@key]`` of every page. ``keep_formatted_references``
   keeps each entry's text by the entry's content (in ``KEPT``, so also on disk):
   on the one article it saves nothing measurable (a cold build took 1.057 s of CPU
   with it, 1.061 s without, median of 7), but in a corpus every article's notes cite
   their sources again, and the plugin's formatting was the largest cost per added
   article (about 78 ms of 480, bench/RESULTS.md, "Profiles").
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from edition.core.memo import KEPT, PER_ENTRY, Memo
from edition.inputs.reference_style import content_key

PLUGIN = "bibtex"
_TEXTS: Memo[str] = KEPT.memo("edition.adapters.mkdocs_bibtex reference texts", PER_ENTRY)


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


def keep_formatted_references(config: MkDocsConfig) -> None:
    """After the plugin's on_config: format each entry once per content (point 3 above)."""
    plugin = config.plugins.get(PLUGIN)
    registry = getattr(plugin, "registry", None)
    original = getattr(registry, "reference_text", None)
    if registry is None or original is None or getattr(original, "edition_kept", False):
        return
    style = (type(registry).__name__, type(getattr(registry, "style", None)).__name__)

    def kept(citation: Any) -> str:
        entry = registry.bib_data.entries.get(citation.key)
        if entry is None:
            return original(citation)
        return _TEXTS.get((style, citation.key, content_key(entry)), lambda: original(citation))

    kept.edition_kept = True  # type: ignore[attr-defined]
    registry.reference_text = kept
