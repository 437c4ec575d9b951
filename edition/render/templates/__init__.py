"""Jinja templates of the HTML fragments the edition adds (autoescaped)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape

from edition.core.line_breaks import join_html
from edition.core.memo import KEPT, PER_ENTRY, Memo

# Each rendered fragment with its line-break spans, kept by the fragment's whole text:
# most fragments (a reference's preview, a term's link) come back unchanged at every
# rebuild, and wrapping them is the larger part of rendering them.
_JOINED: Memo[str] = KEPT.memo("edition.render.templates joined fragments", PER_ENTRY)

# No auto_reload (a file check on every render): under `mkdocs serve` the hooks import the
# edition afresh, this environment with it, when a template or module was edited.
_environment = Environment(
    loader=PackageLoader("edition.render", "templates"),
    auto_reload=False,
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def keep_compiled(folder: Path) -> None:
    """Keep the templates' compiled code in `folder` (the edition's disk cache,
    edition/build/disk_cache.py), as Jinja's bytecode cache: a later process loads it
    instead of compiling every template again. Jinja keys each file on the template's
    name and checks its source and Python's bytecode version, so an edited template or
    another Python is compiled afresh."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only disk: templates are compiled in each process
        return
    _environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def render(name: str, **context: object) -> str:
    """Render the template `name` (e.g. 'citation.html'); every value is HTML-escaped
    unless it is wrapped in markupsafe.Markup by the caller. The stretches of its text that
    a line must not part are kept together (edition/core/line_breaks.py; surnames before
    initials too, as the reference lists print them), its code and preformatted text left
    alone."""
    rendered = _environment.get_template(name).render(**context)
    return _JOINED.get(rendered, lambda: join_html(rendered, names_first=True))
