"""The article page as the edition's one canonical page of the article.

Google Scholar reads an article from the page that carries its tags, and wants the
title, the authors, the abstract and a visible References section on that very page.
So the article page (the page whose front matter holds the record, edition/record.py)
shows its front (edition/title_page.py renders the markers) and, at its end, the
article's reference list set from bib/ under ``<!-- edition:article-references -->``.
The title page shows a short title block from the same record.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from edition.bibliography import Bibliography
from edition.record import ArticleRecord
from edition.style import format_reference
from edition.templates import render

TITLE_BLOCK_MARKER = "<!-- edition:title-block -->"
ARTICLE_REFERENCES_MARKER = "<!-- edition:article-references -->"


def title_block_markdown(record: ArticleRecord, page_path: str) -> str:
    """The title page's block: the titles, the authors, the DOI and a link to the article."""
    link = posixpath.relpath(record.page, posixpath.dirname(page_path) or ".")
    block = render("title_block.html", record=record)
    return f"{block}\n\n[Read the article, with its abstracts and references]({link}){{ .edition-read-article }}\n"


def article_references_markdown(bibliography: Bibliography) -> str:
    """The visible "References" section: the article's own list, numbered as printed.

    Markdown only for the heading (so the table of contents lists it); the list itself
    is HTML set from bib/ and is left alone by the Markdown extensions."""
    references = [{"number": number, "html": Markup(format_reference(reference.entry))}
                  for number, reference in sorted(bibliography.by_number.items())]
    return "\n".join([
        '<section class="edition-article-references" markdown>', "",
        "## References { #references }", "",
        render("article_references.html", references=references).strip(), "",
        "</section>", ""])
