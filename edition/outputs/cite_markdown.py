"""The Markdown of citing: the short "How to cite" block of the title page and the
"Cite & export" page (download links and the export texts, to copy), set where their
markers stand before the page renders (edition/build/pipeline.py)."""

from __future__ import annotations

from edition.apparatus.state import BuildState
from edition.inputs.record import ArticleRecord
from edition.outputs.export_files import EXPORTS, FORMATS, PDF_TARGET, SETS, export_files, pdf_made
from edition.outputs.xml.files import xml_links_markdown
from edition.render.templates import render

HOW_TO_CITE_MARKER = "<!-- edition:how-to-cite -->"
EXPORTS_MARKER = "<!-- edition:exports -->"
CITE_PAGE = "cite.md"


def _cited_record(state: BuildState) -> ArticleRecord:
    """The article's record, which the how-to-cite and exports markers need: they are set
    only when there is one (edition/build/pipeline.py)."""
    if state.record is None:
        raise ValueError("no page holds the article's record (edition: in its front matter)")
    return state.record


def how_to_cite_markdown(state: BuildState) -> str:
    """Markdown for the title page: the citation to copy, and links to the exports, the
    Cite & export page and (when it was made) the printed PDF."""
    lines = ["## How to cite { #how-to-cite }", "",
             render("copyable.html", id="how-to-cite-text", text=_cited_record(state).citation(),
                    label="Copy the citation"), ""]
    downloads = " · ".join(f"[{title}]({EXPORTS}/article.{suffix})" for suffix, title in FORMATS.items())
    # Marked as downloads: on paper their addresses would not show, so print leaves them out
    # (docs/stylesheets/print.css).
    lines += [f"The article's record, to download: {downloads}. The same and the reference list, "
              f"to copy or download: [Cite & export]({CITE_PAGE}).", "{: .edition-downloads }", ""]
    if pdf_made(state):
        lines += [f"The article as a printed paper: [PDF, A4]({PDF_TARGET}).", "{: .edition-downloads }", ""]
    return "\n".join(lines)


def exports_markdown(state: BuildState, page_path: str) -> str:
    """Markdown for the Cite & export page: per set and format, a heading, a download
    link and the text itself in a plain <pre> (no highlighting; excluded from search
    and from print)."""
    contents = export_files(state)
    up = "../" * page_path.count("/")
    lines = ["## How to cite { #how-to-cite }", "",
             render("copyable.html", id="cite-text", text=_cited_record(state).citation(), label="Copy the citation"),
             ""]
    for name, label in SETS.items():
        lines += [f"## {label} {{ #{name} }}", ""]
        for suffix, title in FORMATS.items():
            path = f"{EXPORTS}/{name}.{suffix}"
            lines += [f"### {title} {{ #{name}-{suffix} }}", "",
                      f"Download: [{path.split('/')[-1]}]({up}{path})", "",
                      render("copyable.html", id=f"{name}-{suffix}-text", text=contents[path].rstrip("\n"),
                             label=f"Copy the {title}", export=True), ""]
    lines += xml_links_markdown(up)
    return "\n".join(lines)
