"""Where a line must not break: the non-breaking joins, made at render time.

The sources keep the authors' (and editors') spaces as written; what is rendered gets a
no-break space (U+00A0) in a few places where a line break would part what a reader takes
as one thing:

- initials and the surname after them: "H. Morgenthau", "Sh.M. Mirziyoyev",
  "E. H. Carr" (between the initials too);
- in a reference list, where the surname comes first, the surname and the initials after
  it ("Walt, S.M. (1987)"), unless a capitalised word follows them (then they belong to
  it, as in a title: "… of Uzbekistan Sh. Mirziyoyev");
- "¶ 12", "§ 3", "p. 137", "pp. 12": the sign or abbreviation and its number.

A number range ("December 5-6", "22–23 March", "1991–2021") must not split at its dash
either: ``RANGE`` finds it, and the caller keeps it on one line (edition/text/line_breaks.py
wraps it in a nowrap span: a non-breaking hyphen would change the character the reader
copies and searches for).

Used by the text stage on every page's tree (edition/text/line_breaks.py) and by the
reference style on the formatted references (edition/inputs/reference_style.py).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# Upper- and lowercase letters of the scripts the edition sets (Latin, Latin-1,
# Latin Extended-A/B, Cyrillic with its Kazakh letters).
_LETTERS = [chr(code) for code in range(0x41, 0x530)]
_UP = re.escape("".join(char for char in _LETTERS if char.isupper()))
_LOW = re.escape("".join(char for char in _LETTERS if char.islower()))
_NAME = f"[{_UP}][{_LOW}]"
# One initial: a capital, at most one more letter ("Sh.", "SH."), a full stop.
_INITIAL = f"[{_UP}][{_UP}{_LOW}]?\\."
_INITIALS = f"(?:{_INITIAL}[ {NBSP}]?){{0,2}}{_INITIAL}"

# Initials (not themselves after a letter, a full stop or a joined name) before a name.
_FORWARD = re.compile(f"(?<![\\w.{NBSP}])({_INITIALS}) (?={_NAME})")
# A surname, then its initials, not followed by a name.
_BACKWARD = re.compile(f"(?<![\\w.])({_NAME}+(?:-{_NAME}+)?,?) ({_INITIALS})(?![ {NBSP}]{_NAME})")
_NUMBERED = re.compile("(?<![\\w.])(¶|§|pp?\\.) (?=\\d)")

RANGE = re.compile(r"(?<![\w./\-–])\d{1,4}[-–]\d{1,4}(?![\w/\-–]|[.,]\d)")


def join_text(text: str, names_first: bool = False) -> str:
    """`text` with no-break spaces where a line must not break (see the module docstring);
    `names_first` for a reference list, where the surname stands before the initials."""
    if names_first:
        text = _BACKWARD.sub(lambda m: f"{m[1]}{NBSP}{_joined(m[2])}", text)
    text = _FORWARD.sub(lambda m: _joined(m[1]) + NBSP, text)
    return _NUMBERED.sub(lambda m: m[1] + NBSP, text)


def join_html(markup: str, names_first: bool = False) -> str:
    """``join_text`` on the text of an HTML fragment, outside its tags (the fragment is
    escaped HTML: a ``<`` starts a tag)."""
    parts = re.split(r"(<[^>]*>)", markup)
    return "".join(part if part.startswith("<") else join_text(part, names_first) for part in parts)


def _joined(initials: str) -> str:
    return initials.replace(" ", NBSP)
