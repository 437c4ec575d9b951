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
3. After its ``on_config`` the plugin has a ``registry`` whose ``bib_data.entries``
   maps keys to pybtex entries and whose ``reference_text(citation)`` gives a
   footnote's text for ``citation.key`` (internal API). The plugin calls it for every
   ``[@key]`` it meets, running pybtex each time; the edition wraps it so that each
   entry is formatted once, kept by the entry's content and the plugin's settings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from edition.core.memo import KEPT, Memo
from edition.inputs.reference_style import content_key

PLUGIN = "bibtex"
# The plugin's settings that only say where its entries come from; every other setting
# may shape a footnote's text and is part of the key.
_WHERE_FROM = frozenset({"bib_file", "bib_dir", "bib_by_default"})
_TEXTS: Memo[str] = KEPT.memo("edition.adapters.mkdocs_bibtex footnote texts", 4096)


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


def format_each_entry_once(config: MkDocsConfig) -> None:
    """After the plugin's on_config: wrap its registry's ``reference_text`` (point 3
    above), once per registry (the plugin makes a new one whenever its file changed)."""
    plugin = config.plugins.get(PLUGIN)
    registry = getattr(plugin, "registry", None)
    if plugin is None or registry is None or getattr(registry.reference_text, "formats_each_entry_once", False):
        return  # no plugin, or its registry kept from the last build (its bib file unchanged)
    settings = tuple(sorted((name, repr(value)) for name, value in plugin.config.items() if name not in _WHERE_FROM))
    registry.reference_text = _formatted_once(registry, registry.reference_text, (type(registry).__name__, settings))


def _formatted_once(registry: Any, format_text: Callable[[Any], str], settings: tuple) -> Callable[[Any], str]:
    def reference_text(citation: Any) -> str:
        entry = registry.bib_data.entries[citation.key]
        if "crossref" in entry.fields:  # its text depends on another entry too
            return format_text(citation)
        return _TEXTS.get((settings, content_key(entry)), lambda: format_text(citation))

    reference_text.formats_each_entry_once = True  # type: ignore[attr-defined]
    return reference_text
