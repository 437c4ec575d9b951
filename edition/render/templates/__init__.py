"""Jinja templates of the HTML fragments the edition adds (autoescaped)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from edition.core.line_breaks import join_html

# No auto_reload (a file check on every render): under `mkdocs serve` the hooks import the
# edition afresh, this environment with it, when a template or module was edited.
_environment = Environment(
    loader=PackageLoader("edition.render", "templates"),
    auto_reload=False,
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, **context: object) -> str:
    """Render the template `name` (e.g. 'citation.html'); every value is HTML-escaped
    unless it is wrapped in markupsafe.Markup by the caller. Its text gets the no-break
    joins (edition/core/line_breaks.py), its code and preformatted text none."""
    return join_html(_environment.get_template(name).render(**context))
