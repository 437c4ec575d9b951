"""Where a line must not break, made at render time.

The sources keep the authors' (and editors') text as written, and so does every page: a
few stretches of it are only wrapped in ``<span class="edition-nowrap">`` (typography.css
keeps such a span on one line), where a line break would part what a reader takes as one
thing:

- initials and the surname after them: "H. Morgenthau", "Sh.M. Mirziyoyev", "E. H. Carr";
- in a reference list, where the surname comes first, the surname and the initials after
  it ("Walt, S.M. (1987)"), unless a capitalised word follows them (then they belong to
  it, as in a title: "… of Uzbekistan Sh. Mirziyoyev");
- "¶ 12", "§ 3", "p. 137", "pp. 12": the sign or abbreviation and its number;
- a number range: "December 5-6", "22–23 March", "1991–2021".

A span rather than a no-break space (U+00A0) or a non-breaking hyphen (U+2011): the
characters a reader copies, searches for and that every check compares stay the
authors'; only the line breaking changes.

Used by the text stage on every page's tree (edition/text/line_breaks.py), and on every
fragment rendered from the edition's templates (edition/render/templates/__init__.py:
previews, reference and mention lists, the Emendations tables, ...), where reference
lists put surnames first.
"""

from __future__ import annotations

import re

NOWRAP_CLASS = "edition-nowrap"
NOWRAP_OPEN = f'<span class="{NOWRAP_CLASS}">'

# Upper- and lowercase letters of the scripts the edition sets (Latin, Latin-1,
# Latin Extended-A/B, Cyrillic with its Kazakh letters).
_LETTERS = [chr(code) for code in range(0x41, 0x530)]
_UP = re.escape("".join(char for char in _LETTERS if char.isupper()))
_LOW = re.escape("".join(char for char in _LETTERS if char.islower()))
_NAME = f"[{_UP}][{_LOW}]+"
# One initial: a capital, at most one more letter ("Sh.", "SH."), a full stop.
_INITIAL = f"[{_UP}][{_UP}{_LOW}]?\\."
_INITIALS = f"(?:{_INITIAL} ?){{0,2}}{_INITIAL}"

# Initials (not themselves after a letter or a full stop) and the name after them.
_FORWARD = re.compile(f"(?<![\\w.]){_INITIALS} {_NAME}")
# A surname, then its initials, not followed by a name.
_BACKWARD = re.compile(f"(?<![\\w.]){_NAME}(?:-{_NAME})?,? {_INITIALS}(?! {_NAME})")
_NUMBERED = re.compile(r"(?<![\w.])(?:¶|§|pp?\.) \d+")
RANGE = re.compile(r"(?<![\w./\-–])\d{1,4}[-–]\d{1,4}(?![\w/\-–]|[.,]\d)")


def together(text: str, names_first: bool = False) -> list[tuple[int, int]]:
    """The (start, end) of each stretch of `text` to keep on one line (see the module
    docstring), in order, overlapping ones merged; `names_first` for a reference list."""
    patterns = (_BACKWARD, _FORWARD, _NUMBERED, RANGE) if names_first else (_FORWARD, _NUMBERED, RANGE)
    found = sorted(match.span() for pattern in patterns for match in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def join_html(markup: str, names_first: bool = False) -> str:
    """`markup` with each stretch to keep together wrapped in a nowrap span: in its text
    only (the fragment is escaped HTML: a ``<`` starts a tag), never in code, preformatted
    text, scripts, styles or text areas (text to copy or run), nor again inside a span
    that this function made."""
    out, skipped, ours = [], 0, False
    for part in _TAG.split(markup):
        if part.startswith("<"):
            tag = _KEPT_AS_IS.match(part)
            if tag:
                skipped = max(0, skipped - 1) if tag[1] else skipped + 1
            ours = part == NOWRAP_OPEN
            out.append(part)
        elif skipped or ours or not part:
            out.append(part)
        else:
            out.append(_wrapped(part, names_first))
    return "".join(out)


def _wrapped(text: str, names_first: bool) -> str:
    out, at = [], 0
    for start, end in together(text, names_first):
        out += [text[at:start], NOWRAP_OPEN, text[start:end], "</span>"]
        at = end
    return "".join(out) + text[at:]


_TAG = re.compile(r"(<[^>]*>)")
_KEPT_AS_IS = re.compile(r"<(/?)(?:pre|code|kbd|samp|script|style|textarea)\b", re.IGNORECASE)
