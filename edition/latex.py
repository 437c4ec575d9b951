"""BibTeX field values (LaTeX markup) as plain text, shared by the style, the
emendations and the exports."""

from __future__ import annotations

import functools

from pybtex.backends.plaintext import Backend
from pybtex.richtext import Text


@functools.lru_cache(maxsize=4096)
def plain_text(latex: str) -> str:
    """A field value with braces and LaTeX escapes resolved. Rendered through a backend
    object: pybtex's ``render_as`` looks its plugins up on every call, which is slow."""
    return Text.from_latex(latex).render(Backend())
