"""The adapter for MkDocs (pinned 1.6.1) beyond its documented plugin API: the order
of events the edition relies on, and the cache of loaded hook modules.

What it relies on (tests/test_adapters_mkdocs.py checks each, naming this module):

1. Event priorities (``mkdocs.plugins.event_priority``; a plugin's events default to 0):
   - ``on_config`` at ``BEFORE_PLUGINS``: before mkdocs-bibtex's, which reads the bib
     file the edition points it at (edition/adapters/mkdocs_bibtex.py);
   - ``on_page_markdown`` at ``BEFORE_PLUGINS``: the edition's notes and generated
     sections go in before mkdocs-bibtex turns ``[@key]`` into footnotes;
   - ``on_env`` at ``AFTER_PLUGINS``: every page has rendered;
   - ``on_page_context`` at ``AFTER_PLUGINS``: after the search plugin's, which indexes
     ``page.content`` there, so the parts the hooks add afterwards stay out of the index.
2. MkDocs loads each hook file once per process and keeps the module
   (``mkdocs.config.config_options.Hooks._load_hook``, an ``lru_cache``). Under
   ``mkdocs serve`` that would keep running the hooks as first loaded;
   ``forget_loaded_hooks`` empties that cache after each build, so the next rebuild
   executes hooks/*.py as saved.
"""

from __future__ import annotations

from mkdocs.config import config_options

BEFORE_PLUGINS = 100
AFTER_PLUGINS = -100


def forget_loaded_hooks() -> None:
    """Make MkDocs load the hook files afresh with the next configuration (point 2)."""
    config_options.Hooks._load_hook.cache_clear()
