"""The article's front: title, DOI, authors and key words in each language, set where
the article page's markers stand (``<!-- edition:front LANG -->``,
``<!-- edition:keywords LANG -->``), from the validated record (edition/inputs/record.py).

The record (``edition:`` in docs/article.md's front matter) is the one source of these
facts, so the same data feeds the head metadata and the exports without being typed
twice, and a record with a problem (reported at its line when it is read) sets nothing.
"""

from __future__ import annotations

import re

from edition.core.problems import Problem
from edition.core.project import LANGUAGE_ALTERNATIVES
from edition.inputs.record import ArticleRecord
from edition.render.templates import render

_MARKER = re.compile(r"<!-- edition:(front|keywords) (" + LANGUAGE_ALTERNATIVES + r") -->")


def render_title_markers(markdown: str, record: ArticleRecord | None, page: str, path: str,
                         first_line: int) -> tuple[str, list[Problem]]:
    """Replace the page's front markers with HTML from the article's record. `page` is the
    page's src path; `path` and `first_line` place its problems."""
    if not _MARKER.search(markdown):
        return markdown, []
    problems: list[Problem] = []

    def line_of(match: re.Match[str]) -> int:
        return first_line + markdown.count("\n", 0, match.start())

    def render_marker(match: re.Match[str]) -> str:
        kind, lang = match[1], match[2]
        if record is None:
            return ""  # no page holds a record, or it has problems: reported where it is read
        if page != record.page:
            problems.append(Problem(path, line_of(match), f"the marker '{match[0]}' stands outside the article's "
                                    f"page — it sets the front of the article from {record.page}'s record; move "
                                    "it there"))
            return ""
        context = {"lang": lang, "doi": record.doi, "authors": record.authors, "title": record.titles.get(lang),
                   "keywords": record.keywords.get(lang), "label": record.keyword_labels.get(lang)}
        if context["title"] is None or context["keywords"] is None or context["label"] is None:
            problems.append(Problem(path, line_of(match), f"no title, key words or key-words label for language "
                                    f"'{lang}' in the front matter — add them under edition.titles, "
                                    "edition.keywords and edition.keyword_labels"))
            return ""
        return render(f"{kind}.html", **context)

    return _MARKER.sub(render_marker, markdown), problems
