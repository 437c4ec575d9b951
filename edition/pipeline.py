"""The build steps shared by the MkDocs hooks and the citation-check command.

Both run the same three steps through these functions: ``start_build`` (load and
check bib/, register the Markdown extension), ``prepare_page`` (before each page
renders), and ``finish_build`` (after all pages rendered: resolve, check, report).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from edition.annotations import check_editorial_citations, glossary_sections, insert_notes, register_markdown
from edition.apparatus_check import check_apparatus
from edition.article_page import (ARTICLE_REFERENCES_MARKER, TITLE_BLOCK_MARKER,
                                  article_references_markdown, title_block_markdown)
from edition.citing import EXPORTS_MARKER, HOW_TO_CITE_MARKER, exports_markdown, how_to_cite_markdown
from edition.emendations import protect_notes
from edition.markdown_ext import MentionExtension
from edition.problems import Problem
from edition.resolve import PageInfo, Resolver
from edition.state import BuildState
from edition.title_page import render_title_markers


def start_build(config: MkDocsConfig) -> BuildState:
    """Fresh state for one build, with the mention extension registered in `config`."""
    state = BuildState.load(Path(config.config_file_path).parent, Path(config.docs_dir))
    state.load_problems += check_apparatus(state.root, Path(config.docs_dir))
    state.site_url = config.site_url or None
    config.markdown_extensions.append(MentionExtension(state))
    return state


def prepare_page(state: BuildState, path: str, source: str, markdown: str,
                 meta: dict[str, Any], order: int) -> str:
    """Record the page about to render and set its title-page markers."""
    state.begin_page(path, source, meta, order)
    page = state.current
    state.index.problems.extend(check_editorial_citations(page.markdown, state.editorial_keys,
                                                          page.display, page.first_line))
    if isinstance(meta.get("glossary"), dict):
        markdown += glossary_sections(path)
    markdown = register_markdown(markdown, state.targets, state.root)
    markdown = insert_notes(markdown, state.notes, state.placed_notes, path)
    if state.record is not None and HOW_TO_CITE_MARKER in markdown:
        markdown = markdown.replace(HOW_TO_CITE_MARKER, how_to_cite_markdown(state))
    if state.record is not None and TITLE_BLOCK_MARKER in markdown:
        markdown = markdown.replace(TITLE_BLOCK_MARKER, title_block_markdown(state.record, path))
    if ARTICLE_REFERENCES_MARKER in markdown:
        markdown = markdown.replace(ARTICLE_REFERENCES_MARKER, article_references_markdown())
    if state.record is not None and EXPORTS_MARKER in markdown:
        markdown = markdown.replace(EXPORTS_MARKER, exports_markdown(state, path))
    markdown = protect_notes(markdown)
    markdown, problems = render_title_markers(markdown, meta, page.display, page.first_line)
    state.index.problems.extend(problems)
    return markdown


@dataclass(frozen=True)
class Outcome:
    """What a finished build found: the resolver (for rendering) and all problems."""

    resolver: Resolver
    problems: list[Problem]

    def summary(self) -> str:
        mentions = self.resolver.state.index.citations
        pages = {mention.page for mention in mentions}
        references = len(self.resolver.state.bibliography.by_number)
        verdict = "all resolved" if not self.problems else f"{len(self.problems)} problem(s)"
        return (f"{len(mentions)} citations on {len(pages)} page(s), "
                f"{references} references in bib/references.bib: {verdict}")


def finish_build(state: BuildState, files: Files) -> Outcome:
    """Resolve every mention against the rendered pages and collect every problem."""
    pages = {
        file.src_uri: PageInfo(file.page.url, file.page.title or file.src_uri, file.page.content)
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None
    }
    resolver = Resolver(state, pages)
    return Outcome(resolver, resolver.problems())
