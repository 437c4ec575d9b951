"""The editors' sources on a page: one apparatus with the rest of the edition.

mkdocs-bibtex reads each ``[@key]`` of the editors' own text (notes, glossary pages,
register descriptions) and turns it into a Markdown footnote; that is the job it keeps
(which keys a page cites, and where). What Python-Markdown makes of those footnotes,
superscript numbers and an unheaded list after everything else, is replaced here in
the late pass:

- each run of footnote markers (one ``[@a; @b]``) becomes a short author–date citation,
  "(Walt 1985; TASS 2022)", each label a link to its entry that opens the same preview
  as the authors' citations and the terms (docs/javascripts/previews.js);
- the footnote list becomes the page's "Editors' sources", under a heading of its own
  (set in the Markdown by ``sources_markdown`` so that the table of contents lists it),
  each work once, in the order of its label, formatted like the article's references
  (edition/inputs/reference_style.py), with links back to its citations.

Labels (edition/inputs/editorial.py ``source_labels``) are the same on every page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup
from pybtex.database import BibliographyData

from edition.inputs.reference_style import format_reference
from edition.render.templates import render

SOURCES_MARKER = "<!-- edition:editors-sources -->"
SOURCES_HEADING = "Editors' sources"
SOURCES_ID = "editors-sources"

# Python-Markdown's footnotes: markers (a run of them is one ``[@a; @b]``; the ", " a
# marker may hold comes from older builds' separation) and the list at the page's end.
_MARKER = r'<sup id="fnref\d*:([^"]+)"><a class="footnote-ref" href="#fn:\1">\d+</a>(?:, )?</sup>'
_RUN = re.compile(f"(?:{_MARKER})+")
_ONE = re.compile(_MARKER)
_LIST = re.compile(r'<div class="footnote">\s*<hr\s*/?>\s*<ol>.*?</ol>\s*</div>', re.DOTALL)
_SECTION = re.compile(r'<section class="edition-sources"[^>]*>.*?</section>', re.DOTALL)


def sources_markdown() -> str:
    """The heading and the marker of the "Editors' sources" section, appended to a page
    that cites ``[@key]``; the late pass sets the list (``set_sources``)."""
    return "\n".join(["", "", '<section class="edition-sources" data-search-exclude markdown>', "",
                      f"## {SOURCES_HEADING} {{ #{SOURCES_ID} }}", "", SOURCES_MARKER, "", "</section>", ""])


def source_id(key: str) -> str:
    return "source-" + key


def set_sources(html: str, editorial: BibliographyData, labels: Mapping[str, str]) -> str:
    """The page's footnote markers as linked short citations and its footnote list as
    the "Editors' sources" section (or no section, when the page cites none)."""
    citations: dict[str, list[str]] = {}  # key -> the ids of its citations, in the page's order

    def cite(run: re.Match[str]) -> str:
        items = []
        for marker in _ONE.finditer(run[0]):
            key = marker[1]
            if key not in labels or key not in editorial.entries:
                return run[0]  # not the editors' bibliography: left as Python-Markdown made it
            ident = f"{source_id(key)}-cite-{len(citations.setdefault(key, [])) + 1}"
            citations[key].append(ident)
            items.append({"id": ident, "href": "#" + source_id(key), "describedby": source_id(key) + "-text",
                          "label": labels[key]})
        return render("source_cite.html", items=items).strip()

    html = _RUN.sub(cite, html)
    if not citations:
        return _SECTION.sub("", html) if SOURCES_MARKER in html else html
    html = _LIST.sub("", html, count=1)
    ordered = sorted(citations.items(), key=lambda item: labels[item[0]].casefold())
    sources = [{"id": source_id(key), "label": labels[key], "html": Markup(format_reference(editorial.entries[key])),
                "backlinks": ids} for key, ids in ordered]
    listed = render("editors_sources.html", sources=sources).strip()
    if SOURCES_MARKER in html:
        return html.replace(SOURCES_MARKER, listed, 1)
    # A page whose citations the Markdown check did not see: the section, heading and all, at the end.
    return html + render("editors_sources_section.html", heading=SOURCES_HEADING, heading_id=SOURCES_ID,
                         listed=Markup(listed))
