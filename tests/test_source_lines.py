"""Layer (a): the file line of each top-level block, from the parser's positions
(edition/text/source_lines.py), through Python-Markdown with the edition's extensions."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from edition.text.mentions import PageSource
from edition.text.source_lines import BlockLines, register_source_lines

EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "pymdownx.superfences", "admonition", "toc"]

# The file: front matter on lines 1-3, so the body starts on line 4.
BODY = """\
# Heading [2]

First paragraph [2],
on two lines.

```text
code [2]
```

- item one [2]
- item two

<div class="box" markdown>

Inside a block of HTML [2].

</div>

!!! note
    An admonition [2].

Last paragraph [2]."""


def _starts(body: str, given: str | None = None) -> list[tuple[str, int | None]]:
    """(tag, file line) of each top-level element, for a page whose file holds `body`
    after three lines of front matter, rendered from `given` (default: the same Markdown)."""
    page = PageSource("index.md", "docs/index.md", body, first_line=4)
    lines = BlockLines()
    md = markdown.Markdown(extensions=EXTENSIONS)
    register_source_lines(md, lines, lambda: page)
    seen: list[tuple[str, int | None]] = []

    class Keep(Treeprocessor):
        def run(self, root: etree.Element) -> None:
            ranges = lines.ranges(root)
            seen.extend((element.tag, ranges.get(element, (None,))[0]) for element in root)

    md.treeprocessors.register(Keep(md), "keep", 999)
    md.convert(given if given is not None else body)
    return seen


def test_each_top_level_block_knows_its_first_line() -> None:
    # Fenced code stands as a paragraph holding its placeholder until the end of the parse.
    assert _starts(BODY) == [("h1", 4), ("p", 6), ("p", 9), ("ul", 13), ("div", 16), ("div", 22), ("p", 25)]


def test_generated_text_has_no_line_and_moves_nothing() -> None:
    # A note inserted by the hooks after the first paragraph is not in the file.
    given = BODY.replace("on two lines.\n", "on two lines.\n\nA generated note.\n")
    starts = _starts(BODY, given)
    assert starts == [("h1", 4), ("p", 6), ("p", None), ("p", 9), ("ul", 13), ("div", 16), ("div", 22),
                      ("p", 25)]


def test_a_rewritten_line_keeps_its_place() -> None:
    # mkdocs-bibtex rewrites [@key] into a footnote reference on the same line.
    body = "Intro.\n\nSee [@walt1990] here.\n\nEnd [2]."
    given = "Intro.\n\nSee [^1] here.\n\nEnd [2].\n\n[^1]: Walt, 1990."
    assert _starts(body, given)[:3] == [("p", 4), ("p", 6), ("p", 8)]
