"""What the edition never reads as the authors' text, stated once.

Code, headings, links (their text and address), HTML and comments are never scanned for
citations, terms or markers. The rule has two sides, kept here together:

- ``SKIPPED_TAGS``: the elements of Python-Markdown's tree that the mention scan does
  not enter (edition/text/page_scan.py);
- ``SKIPPED_SOURCE``: the same constructs as an editor writes them in Markdown, blanked
  (same length, same lines) before a mention's text is looked up in its block's lines
  (edition/text/records.py), so that the same words standing in code or in a link do
  not take the mention's line. ``CODE_SOURCE`` is its code part alone, for the markers'
  check (a marker shown in code is not a marker: edition/inputs/settings.py).

tests/test_skipped.py renders each construct with Python-Markdown and checks that the
two sides agree.
"""

from __future__ import annotations

import re

_FENCED = r"```.*?```|~~~.*?~~~"
_CODE_SPAN = r"`[^`\n]*`"
CODE_SOURCE = re.compile(f"{_FENCED}|{_CODE_SPAN}", re.DOTALL)
_SOURCE_PARTS = (
    _FENCED,
    _CODE_SPAN,
    r"^#{1,6}[ \t][^\n]*$",  # an ATX heading
    r"^[^\n]+\n(?:=+|-+)[ \t]*$",  # a setext heading
    r"<!--.*?-->",  # a comment
    r"\\\[",  # an escaped bracket
    r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\((?:[^()\n]|\([^()\n]*\))*\)",  # an inline link: [text](address)
    r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\[[^\[\]\n]*\]",  # a reference link: [text][label] or [text][]
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$",  # a link definition: [label]: address
    r"<(?:https?|mailto|ftp):[^>\s]*>",  # an autolink
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # an HTML tag (its content is text)
)
SKIPPED_SOURCE = re.compile("|".join(_SOURCE_PARTS), re.DOTALL | re.MULTILINE)
# A line of an indented code block: four spaces or a tab, after a blank line or another
# such line, outside a list (where indentation continues the item).
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]+[.)])[ \t]")

SKIPPED_TAGS = frozenset({"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "kbd", "samp"})


def blanked(markdown: str, pattern: re.Pattern[str] = SKIPPED_SOURCE) -> str:
    """`markdown` with what `pattern` matches (and, for the whole rule, indented code)
    replaced by spaces: same length, same line breaks."""
    text = pattern.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), markdown)
    if pattern is not SKIPPED_SOURCE:
        return text
    lines = text.split("\n")
    in_code = in_list = False
    previous_blank = True
    for number, line in enumerate(lines):
        if not line.strip():
            previous_blank = True
            continue
        if _LIST_ITEM.match(line):
            in_list, in_code = True, False
        elif not _INDENTED.match(line):
            in_list = in_code = False
        elif not in_list and (in_code or previous_blank):
            in_code = True
        if in_code:
            lines[number] = " " * len(line)
        previous_blank = False
    return "\n".join(lines)
