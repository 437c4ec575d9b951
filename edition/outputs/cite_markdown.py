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
# An export longer than this is linked, not shown: the one article's texts are 5-14 KB,
# while a corpus's reference list grows with it (2 MB of BibTeX at 200 articles), and
# the page would carry every byte of every export again.
INLINE_LIMIT = 64 * 1024
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
            lines += export_block(name, suffix, title, f"{up}{path}", contents[path])
    lines += xml_links_markdown(up)
    return "\n".join(lines)


def export_block(name: str, suffix: str, title: str, href: str, text: str) -> list[str]:
    """One export on the Cite & export page: its heading, its download link and, up to
    INLINE_LIMIT bytes, its text to copy."""
    lines = [f"### {title} {{ #{name}-{suffix} }}", "", f"Download: [{href.split('/')[-1]}]({href})", ""]
    size = len(text.encode("utf-8"))
    if size > INLINE_LIMIT:
        return lines + [f"The file ({size / 1024:,.0f} KB) is too long to show here; download it to copy or "
                        "import it.", ""]
    return lines + [render("copyable.html", id=f"{name}-{suffix}-text", text=text.rstrip("\n"),
                           label=f"Copy the {title}", export=True), ""]
