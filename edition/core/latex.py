"""BibTeX field values (LaTeX markup) as plain text, shared by the style, the
emendations and the exports."""

from __future__ import annotations

import re

from pybtex.backends.plaintext import Backend
from pybtex.richtext import Text

from edition.core.memo import KEPT, PER_ENTRY


@KEPT.memoized(PER_ENTRY)
def latex_text(latex: str) -> Text:
    """A field value as pybtex rich text, decoded once per distinct value: LaTeX decoding
    is the slow part of formatting, and pybtex's rich text is never changed once made
    (every operation returns a new object), so one parse serves every entry. A value
    without LaTeX markup is its own text, and is not decoded at all."""
    if not LATEX_MARKUP.search(latex):
        return Text(latex)
    return Text.from_latex(latex)


# What makes pybtex's reading of LaTeX differ from the text as written: LaTeX's special
# characters, its ligatures (-- `` '' ,, !` ?`), and white space in runs or at either end
# (tests/test_build_cost.py checks every character and pair of characters against pybtex).
LATEX_MARKUP = re.compile(r"[%\\{}~\n\t]|  |!`|\?`|``|''|,,|--|^\s|\s$")


@KEPT.memoized(PER_ENTRY)
def plain_text(latex: str) -> str:
    """A field value with braces and LaTeX escapes resolved. Rendered through a backend
    object: pybtex's ``render_as`` looks its plugins up on every call, which is slow."""
    return latex_text(latex).render(Backend())
