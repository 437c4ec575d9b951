"""The build steps shared by the MkDocs hooks and the citation-check command.

Both run the same three steps through these functions: ``start_build`` (load and
check bib/, register the Markdown extension), ``prepare_page`` (before each page
renders), and ``finish_build`` (after all pages rendered: resolve, check, report).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from edition.apparatus.late_checks import build_problems
from edition.apparatus.links import Links, PageInfo
from edition.apparatus.page_markdown import glossary_sections, insert_notes, register_markdown
from edition.apparatus.state import BuildState
from edition.core.bugs import processing
from edition.core.emendations import protect_notes
from edition.core.problems import Problem, locate_line
from edition.core.project import ARTICLE_REFERENCES_MARKER
from edition.inputs.apparatus_sources import check_apparatus
from edition.inputs.editorial import check_editorial_citations, cites_editorial, mark_unknown_citations
from edition.inputs.settings import check_emendations_closed, check_markers, check_site_config
from edition.outputs.cite_markdown import EXPORTS_MARKER, HOW_TO_CITE_MARKER, exports_markdown, how_to_cite_markdown
from edition.outputs.paged import pdf_link_markdown
from edition.outputs.printing import print_parts
from edition.outputs.xml.files import Publication, check_pointers, fill_xml_files, xml_documents
from edition.render.article_front import render_title_markers
from edition.render.page_blocks import (
    TITLE_BLOCK_MARKER,
    article_references_markdown,
    title_block_markdown,
)
from edition.render.resolve import Resolver
from edition.render.sources import sources_markdown
from edition.render.templates import render
from edition.text.markdown_ext import MentionExtension


def start_build(config: MkDocsConfig, report: Callable[[str], None]) -> BuildState:
    """Fresh state for one build, with the mention extension registered in `config`;
    `report` receives the one line of an unexpected exception while a page renders."""
    state = BuildState.load(Path(config.config_file_path).parent, Path(config.docs_dir), config.site_url or None)
    state.log.extend(check_site_config(config, state.inputs.root))
    state.log.extend(check_apparatus(state.inputs.root, Path(config.docs_dir)))
    # MkDocs types the list as names, but hands Python-Markdown each item as it is, and an
    # Extension instance is what Python-Markdown takes for an extension with state.
    config.markdown_extensions.append(MentionExtension(state, report))  # type: ignore[arg-type]
    return state


def prepare_page(state: BuildState, path: str, source: str, markdown: str,
                 meta: Mapping[str, Any], order: int) -> str:
    """Record the page about to render and set its title-page markers."""
    with processing(f"{state.inputs.docs_prefix}/{path}"):
        return _prepare_page(state, path, source, markdown, meta, order)


def _prepare_page(state: BuildState, path: str, source: str, markdown: str,
                  meta: Mapping[str, Any], order: int) -> str:
    page = state.records.begin_page(path, source, meta, order)
    state.log.extend(check_editorial_citations(page.markdown, state.inputs.editorial_keys, page.display,
                                               page.first_line))
    state.log.extend(check_markers(page.markdown, page.display, page.first_line, set(state.inputs.sources.registers),
                                   set(state.targets.targets), state.inputs.root))
    state.log.extend(check_emendations_closed(page.markdown, page.display, page.first_line))
    if state.record is not None and path == state.record.page:
        state.references_marker_missing = Problem(
            page.display, locate_line(source, "\nedition:") + 1,
            f"the article's page has no {ARTICLE_REFERENCES_MARKER}, so it would show no References section while "
            "its head lists the references — put the marker where the References section stands, after the text")
    if isinstance(meta.get("glossary"), dict):
        markdown += glossary_sections(path)
    markdown = register_markdown(markdown, state.targets, state.inputs.sources.registers)
    markdown = insert_notes(markdown, state.inputs.sources.notes, state.records.placed_notes, path)
    if state.record is not None and HOW_TO_CITE_MARKER in markdown:
        markdown = markdown.replace(HOW_TO_CITE_MARKER, how_to_cite_markdown(state))
    if state.record is not None and TITLE_BLOCK_MARKER in markdown:
        markdown = markdown.replace(TITLE_BLOCK_MARKER, title_block_markdown(state.record, path))
    if ARTICLE_REFERENCES_MARKER in markdown:
        markdown = markdown.replace(ARTICLE_REFERENCES_MARKER, article_references_markdown())
    if state.record is not None and EXPORTS_MARKER in markdown:
        markdown = markdown.replace(EXPORTS_MARKER, exports_markdown(state, path))
    markdown = mark_unknown_citations(protect_notes(markdown), state.inputs.editorial_parsed_keys)
    if cites_editorial(markdown):
        markdown += sources_markdown()
    if state.record is not None and path == state.record.page:
        markdown = pdf_link_markdown(state, path, markdown)
    markdown, problems = render_title_markers(markdown, state.record, path, page.display, page.first_line)
    state.log.extend(problems)
    return markdown


@dataclass(frozen=True)
class Outcome:
    """What a finished build found: the resolver (for rendering) and all problems."""

    resolver: Resolver
    problems: list[Problem]

    def summary(self) -> str:
        mentions = self.resolver.state.records.index.citations
        pages = {mention.page for mention in mentions}
        references = len(self.resolver.state.bibliography.by_number)
        verdict = "all resolved" if not self.problems else f"{len(self.problems)} problem(s)"
        return (f"{len(mentions)} citations on {len(pages)} page(s), "
                f"{references} references in bib/references.bib: {verdict}")


def finish_build(state: BuildState, files: Files, publication: Publication | None = None,
                 reported: list[Problem] | None = None) -> Outcome:
    """Resolve every mention against the rendered pages and collect every problem, with
    those `reported` by MkDocs' own checks (edition/adapters/mkdocs_warnings.py). While a
    blocking problem stands (a source that cannot be read at all), only the blocking ones
    are reported: the rest follow from it."""
    pages = {
        file.src_uri: PageInfo(file.page.url, file.page.title or file.src_uri, file.page.content)
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None
    }
    with processing("the late pass (all pages)"):
        links = Links(state, pages)
        problems, unresolved = build_problems(state, links)
    with processing("the TEI and JATS exports"):
        documents = xml_documents(state, publication)
        for path, document in documents.items():
            problems += check_pointers(document, path)
        fill_xml_files(files, documents)
    problems = sorted(set(problems + (reported or [])))
    blocking = [problem for problem in problems if problem.blocking]
    return Outcome(Resolver(state, links, unresolved), blocking or problems)


def readable_pages(files: Files) -> None:
    """Give MkDocs a page it can read in place of one that is not UTF-8 (the bytes that are
    not shown as U+FFFD), so that the build goes on to report the problem at its line
    (edition/core/problems.py, read by edition/inputs/sources.py) and `mkdocs serve` keeps
    serving, rather than MkDocs stopping on the page with a traceback."""
    for file in files.documentation_pages():
        try:
            file.content_string  # noqa: B018 (read to see whether it decodes)
        except UnicodeDecodeError:
            file.content_string = file.content_bytes.decode("utf-8-sig", errors="replace")


def render_pages(outcome: Outcome, files: Files) -> dict[str, tuple[str, str]]:
    """Put each page's resolved HTML in place of its placeholders. Returns, by page, the
    hidden parts that go before and after that HTML (article pages' print-only parts,
    edition/outputs/printing.py; every page's previews, edition/render/previews.py): they are marked
    ``data-search-exclude``, so the hooks add them once the search plugin has read the
    page, which then parses only what it indexes (``join_hidden_parts``)."""
    state = outcome.resolver.state
    hidden = {}
    for file in files.documentation_pages():
        if file.page is not None and file.page.content is not None:
            with processing(f"{state.inputs.docs_prefix}/{file.src_uri}"):
                file.page.content, previews = outcome.resolver.render_page(file.src_uri)
                before, after = "", previews
                if file.page.meta.get("edition_article"):
                    before, endnotes = print_parts(file.page.content, file.src_uri, state.inputs.sources.notes,
                                                   state.records.placed_notes, state.editorial, state.site_url)
                    after += endnotes
                if before or after:
                    hidden[file.src_uri] = (before, after)
    return hidden


def join_hidden_parts(html: str, hidden: tuple[str, str] | None) -> str:
    """A page's HTML as the reader gets it: with the hidden parts `render_pages` kept apart."""
    return html if hidden is None else hidden[0] + html + hidden[1]


def problem_banner(problems: list[Problem], bugs: list[str], page: str,
                   state: BuildState | None) -> Markup | None:
    """The banner shown under `mkdocs serve` on every page while anything is wrong:
    every problem as file:line, those in the page's own file marked."""
    if not problems and not bugs:
        return None
    display = f"{state.inputs.docs_prefix}/{page}" if state is not None else page
    items = [{"where": f"{problem.path}:{problem.line}", "message": problem.message,
              "here": problem.path == display} for problem in problems]
    items += [{"where": line.split(": ", 1)[0], "message": line.split(": ", 1)[-1], "here": False}
              for line in bugs]
    return Markup(render("problems.html", problems=items))
