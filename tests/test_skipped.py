"""The skip rule's two sides agree (edition/core/skipped.py): what the mention scan does
not enter in Python-Markdown's tree is exactly what is blanked in the source before a
mention's line is looked up."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup, Comment
from mkdocs.config import load_config

from conftest import ROOT
from edition.core.skipped import SKIPPED_TAGS, blanked

WORD = "Walt"
SKIPPED = {
    "fenced code": f"```\n{WORD} [2]\n```",
    "tilde fence": f"~~~\n{WORD}\n~~~",
    "code span": f"Text `{WORD}` text.",
    "indented code": f"Text.\n\n    {WORD} [2]\n    more\n\nText.",
    "indented code at the start": f"    {WORD}\n\nText.",
    "ATX heading": f"## {WORD} and others",
    "setext heading": f"{WORD} and others\n-----------",
    "inline link": f"See [{WORD}](https://example.org/{WORD}).",
    "reference link": f"See [{WORD}][walt].\n\n[walt]: https://example.org/",
    "collapsed reference link": f"See [{WORD}][].\n\n[{WORD}]: https://example.org/",
    "link definition": f"Text.\n\n[ref]: https://example.org/{WORD}",
    "autolink": f"See <https://example.org/{WORD}>.",
    "HTML comment": f"Text <!-- {WORD} --> text.",
    "HTML tag": f'Text <span title="{WORD}">x</span> text.',
}
READ = {
    "paragraph": f"Realists such as {WORD} [2] argue.",
    "list item continuation": f"- First item.\n\n    {WORD} continues the item.",
    "text inside an HTML element": f"Text <span>{WORD}</span> text.",
    "emphasis": f"Text *{WORD}* text.",
    "lazy continuation": f"Text\n    {WORD} goes on.",
}


@pytest.fixture(scope="module")
def site_markdown():
    """Python-Markdown with the edition's own mkdocs.yml extensions."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return lambda source: markdown.markdown(source, extensions=config.markdown_extensions,
                                            extension_configs=config.mdx_configs)


def _read_in_tree(html: str) -> bool:
    """Whether WORD stands in the rendered tree's text outside every skipped element."""
    soup = BeautifulSoup(html, "html.parser")
    return any(WORD in text for text in soup.find_all(string=True)
               if not isinstance(text, Comment) and not any(parent.name in SKIPPED_TAGS for parent in text.parents))


@pytest.mark.parametrize("source", SKIPPED.values(), ids=SKIPPED.keys())
def test_a_skipped_construct_is_skipped_on_both_sides(site_markdown, source: str) -> None:
    assert not _read_in_tree(site_markdown(source))
    assert WORD not in blanked(source)
    assert len(blanked(source)) == len(source) and blanked(source).count("\n") == source.count("\n")


@pytest.mark.parametrize("source", READ.values(), ids=READ.keys())
def test_text_is_read_on_both_sides(site_markdown, source: str) -> None:
    assert _read_in_tree(site_markdown(source))
    assert WORD in blanked(source)
