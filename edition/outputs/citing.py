"""Citing the edition: the short "How to cite" block of the title page, the "Cite &
export" page (download links and the export texts, to copy), the export files
(generated as virtual MkDocs files, so that ``mkdocs serve`` serves them and link
validation sees them), the printed PDF when one was made, and the head metadata of
the article's canonical page."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from edition.apparatus.state import BuildState
from edition.core.memo import KEPT, Memo
from edition.inputs.record import ArticleRecord
from edition.outputs.exports import article_item, reference_item, reference_items, to_bibtex, to_csl_json, to_ris
from edition.outputs.xml.files import add_xml_files, xml_links_markdown
from edition.render.head import head_metadata
from edition.render.page_blocks import cited_numbers
from edition.render.templates import render

HOW_TO_CITE_MARKER = "<!-- edition:how-to-cite -->"
EXPORTS_MARKER = "<!-- edition:exports -->"
EXPORTS = "exports"
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}
_MAKERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}
SETS = {"article": "The article", "references": "The article's reference list"}
# The printed article, made by scripts/pdf from the built site and never committed:
# the build links it only when the file is there (see print_pdf).
PDF_SOURCE = Path("build") / "article.pdf"
PDF_TARGET = f"{EXPORTS}/zhailin-shamsieva-2022-edition.pdf"
CITE_PAGE = "cite.md"
# The export texts of the last items seen, by those items: a `mkdocs serve` rebuild writes
# them again only when an item changed (the writers are the slow part).
_WRITTEN: Memo[tuple[tuple[str, str], ...]] = KEPT.memo("edition.outputs.citing exports", 2)


def export_files(state: BuildState) -> dict[str, str]:
    """The export files' paths (under docs/) and contents. The texts are written from
    the CSL items alone, so they are kept by those items (``_WRITTEN``)."""
    if state.record is None:
        return {}
    sets = {"article": [article_item(state.record)], "references": reference_items(state.bibliography)}
    key = json.dumps(sets, ensure_ascii=False, sort_keys=True)
    return dict(_WRITTEN.get(key, lambda: tuple((f"{EXPORTS}/{name}.{suffix}", make(items))
                                                for name, items in sets.items() for suffix, make in _MAKERS.items())))


def print_pdf(state: BuildState) -> Path | None:
    """The printed article made by scripts/pdf ($EDITION_PDF, else build/article.pdf),
    if it exists."""
    path = Path(os.environ.get("EDITION_PDF") or state.inputs.root / PDF_SOURCE)
    return path if path.is_file() else None


def add_export_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    for path, content in export_files(state).items():
        files.append(File.generated(config, path, content=content))
    pdf = print_pdf(state)
    if pdf is not None:
        files.append(File.generated(config, PDF_TARGET, abs_src_path=str(pdf)))
    add_xml_files(state, files, config)


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
    lines += [f"The article's record, to download: {downloads}. The same and the reference list, "
              f"to copy or download: [Cite & export]({CITE_PAGE}).", ""]
    if print_pdf(state) is not None:
        lines += [f"The article printed from this edition: [PDF]({PDF_TARGET}).", ""]
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


def head_for_page(state: BuildState, page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """Head metadata for the article's canonical page (the one that holds its record);
    None elsewhere, so that no other page claims the article. Its references are the
    ones cited on that page (run after the page rendered, when its citations are known)."""
    if state.record is None or page.file.src_uri != state.record.page:
        return None
    cited = cited_numbers(state.records.index, page.file.src_uri)
    references = [reference_item(number, ref.entry)
                  for number, ref in sorted(state.bibliography.by_number.items()) if number in cited]
    return head_metadata(state.record, references, page.canonical_url)
