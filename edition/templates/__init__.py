"""Jinja templates of the HTML fragments the edition adds (autoescaped)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

_environment = Environment(
    loader=PackageLoader("edition", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, **context: object) -> str:
    """Render the template `name` (e.g. 'citation.html'); every value is HTML-escaped
    unless it is wrapped in markupsafe.Markup by the caller."""
    return _environment.get_template(name).render(**context)
