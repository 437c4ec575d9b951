"""The article page as the edition's one canonical page of the article.

Google Scholar reads an article from the page that carries its tags, and wants the
title, the authors, the abstract and a visible References section on that very page.
So the article page (the page whose front matter holds the record, edition/inputs/record.py)
shows its front (edition/render/article_front.py renders the markers) and, at its end, under
``<!-- edition:article-references -->``, the references cited on it, set from bib/.
The title page shows a short title block from the same record.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from edition.inputs.bibliography import Bibliography
from edition.inputs.record import ArticleRecord
from edition.inputs.reference_style import format_reference
from edition.render.templates import render
from edition.text.mentions import MentionIndex

TITLE_BLOCK_MARKER = "<!-- edition:title-block -->"
ARTICLE_REFERENCE_LIST = "<!-- edition:article-reference-list -->"


def title_block_markdown(record: ArticleRecord, page_path: str) -> str:
    """The title page's block: the titles, the authors, the DOI and a link to the article."""
    link = posixpath.relpath(record.page, posixpath.dirname(page_path) or ".")
    block = render("title_block.html", record=record)
    return f"{block}\n\n[Read the article, with its abstracts and references]({link}){{ .edition-read-article }}\n"


def article_references_markdown() -> str:
    """The visible "References" section: a Markdown heading (so the table of contents
    lists it) and a marker where the late pass sets the list (``article_reference_list``)."""
    return "\n".join(['<section class="edition-article-references" markdown>', "",
                      "## References { #references }", "", ARTICLE_REFERENCE_LIST, "", "</section>", ""])


def cited_numbers(index: MentionIndex, page: str) -> set[int]:
    """The reference numbers cited on `page`: the references of the article it holds."""
    return index.numbers_cited_on(page)


def article_reference_list(bibliography: Bibliography, numbers: set[int]) -> str:
    """The list itself, numbered as printed, set from bib/ after the page was scanned (so
    its printed brackets and names are never read as citations or term mentions)."""
    # Walked from the page's own numbers, not from the whole bibliography: in a corpus of
    # k articles every page would otherwise sort and scan k × 19 references, a cost that
    # grew with the square of the corpus (bench/RESULTS.md, "Scale profile (py-spy)").
    references = [{"number": number, "html": Markup(format_reference(bibliography.by_number[number].entry))}
                  for number in sorted(numbers) if number in bibliography.by_number]
    return render("article_references.html", references=references)
