"""Citing the edition: the "How to cite" block of the title page, the export files
(generated as virtual MkDocs files, so that ``mkdocs serve`` serves them and link
validation sees them), and the head metadata of the article's canonical page."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from edition.article_page import cited_numbers
from edition.exports import article_item, reference_item, reference_items, to_bibtex, to_csl_json, to_ris
from edition.head import head_metadata
from edition.state import BuildState

HOW_TO_CITE_MARKER = "<!-- edition:how-to-cite -->"
EXPORTS = "exports"
FORMATS = {"bib": ("BibTeX", to_bibtex, "bibtex"), "ris": ("RIS", to_ris, "text"),
           "json": ("CSL-JSON", to_csl_json, "json")}


def export_files(state: BuildState) -> dict[str, str]:
    """The export files' paths (under docs/) and contents."""
    if state.record is None:
        return {}
    if state.exports is None:
        sets = {"article": [article_item(state.record)], "references": reference_items(state.bibliography)}
        state.exports = {f"{EXPORTS}/{name}.{suffix}": make(items)
                         for name, items in sets.items() for suffix, (_, make, _) in FORMATS.items()}
    return state.exports


def add_export_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    for path, content in export_files(state).items():
        files.append(File.generated(config, path, content=content))


def how_to_cite_markdown(state: BuildState) -> str:
    """Markdown for the title page: the citation and the downloads, each also shown in a
    collapsed block with a copy button (Material's code-copy feature)."""
    contents = export_files(state)
    lines = ["## How to cite { #how-to-cite }", "", "```text", state.record.citation(), "```", ""]
    for name, label in (("article", "The article"), ("references", "The article's reference list")):
        links = " · ".join(f"[{title}]({EXPORTS}/{name}.{suffix})" for suffix, (title, _, _) in FORMATS.items())
        lines += [f"{label}, to download: {links}", ""]
        for suffix, (title, _, lexer) in FORMATS.items():
            body = "\n".join(f"    {line}" if line else "" for line in contents[f"{EXPORTS}/{name}.{suffix}"]
                             .rstrip("\n").split("\n"))
            lines += [f'??? quote "{label}: {title}, to copy"', "", f"    ```{lexer}", body, "    ```", ""]
    return "\n".join(lines)


def head_for_page(state: BuildState, page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """Head metadata for the article's canonical page (the one that holds its record);
    None elsewhere, so that no other page claims the article. Its references are the
    ones cited on that page (run after the page rendered, when its citations are known)."""
    if state.record is None or page.file.src_uri != state.record.page:
        return None
    cited = cited_numbers(state.index, page.file.src_uri)
    references = [reference_item(number, ref.entry)
                  for number, ref in sorted(state.bibliography.by_number.items()) if number in cited]
    return head_metadata(state.record, references, page.canonical_url)
