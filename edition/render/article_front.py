"""The article's front: title, DOI, authors and key words, set from the page's front matter.

The front matter (``edition:`` in docs/article.md) is the one source of these facts;
the page body holds only markers where each language's block is rendered, so the
same data can feed the head metadata and the exports without being typed twice.
"""

from __future__ import annotations

import re
from typing import Any

from edition.core.problems import Problem
from edition.core.project import LANGUAGE_ALTERNATIVES
from edition.render.templates import render

_MARKER = re.compile(r"<!-- edition:(front|keywords) (" + LANGUAGE_ALTERNATIVES + r") -->")
REQUIRED = ("doi", "year", "titles", "authors", "keywords", "keyword_labels")


def render_title_markers(markdown: str, meta: dict[str, Any], path: str, first_line: int) -> tuple[str, list[Problem]]:
    """Replace the page's title-block markers with HTML from its ``edition`` front matter."""
    if not _MARKER.search(markdown):
        return markdown, []
    edition = meta.get("edition")
    data: dict[str, Any] = edition if isinstance(edition, dict) else {}
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        return markdown, [Problem(path, 1, "the title page's front matter has no 'edition: "
                                  + ", ".join(missing) + "' — the title block is set from it")]
    problems: list[Problem] = []

    def render_marker(match: re.Match[str]) -> str:
        kind, lang = match[1], match[2]
        context = {"lang": lang, "doi": data["doi"], "authors": data["authors"],
                   "title": data["titles"].get(lang), "keywords": data["keywords"].get(lang),
                   "label": data["keyword_labels"].get(lang)}
        if context["title"] is None or context["keywords"] is None:
            line = first_line + markdown.count("\n", 0, match.start())
            problems.append(Problem(path, line, f"no title or key words for language '{lang}' "
                                    "in the front matter — add them under edition.titles and edition.keywords"))
            return ""
        return render(f"{kind}.html", **context)

    return _MARKER.sub(render_marker, markdown), problems
