"""mkdocs-bibtex's footnote texts, each formatted once.

The plugin formats an entry anew for every ``[@key]`` it meets (``reference_text``
runs pybtex, LaTeX decoding included, per citation), and the editorial notes the
edition puts on its pages cite the same few works again and again. Its registry's
``reference_text`` is wrapped so that each entry is formatted once; the text is kept
by the entry's content (the same bytes in, the same text out), so it stays valid
across ``mkdocs serve`` rebuilds and an edited entry is formatted afresh.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from edition.inputs.reference_style import content_key

_TEXTS: dict[tuple, str] = {}


def format_each_entry_once(config: MkDocsConfig) -> None:
    """Wrap the bibtex plugin's ``reference_text``, once per registry (the plugin makes a
    new one whenever its bib file changed)."""
    plugin = config.plugins.get("bibtex")
    registry = getattr(plugin, "registry", None)
    if registry is None or getattr(registry.reference_text, "formats_each_entry_once", False):
        return  # no plugin, or its registry kept from the last build (its bib file unchanged)
    format_text = registry.reference_text

    def reference_text(citation) -> str:
        entry = registry.bib_data.entries[citation.key]
        if "crossref" in entry.fields:  # its text depends on another entry too
            return format_text(citation)
        key = (type(registry).__name__, content_key(entry))
        if key not in _TEXTS:
            _TEXTS[key] = format_text(citation)
        return _TEXTS[key]

    reference_text.formats_each_entry_once = True
    registry.reference_text = reference_text
