"""The late pass: resolve every mention placeholder and render the reference list.

Runs once all pages have rendered (``on_env``), because the reference list needs
every page's citations for its backlinks. Addresses come from edition/apparatus/links.py, the
problems (and the mark on each unresolved citation) from edition/apparatus/late_checks.py, the other
markers' HTML from edition/render/markers.py, the previews from edition/render/previews.py.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from edition.apparatus.links import REFERENCES_MARKER, Links, PageInfo
from edition.apparatus.state import BuildState
from edition.inputs.bibliography import Reference
from edition.inputs.reference_style import format_reference
from edition.render.markers import render_markers
from edition.render.page_blocks import ARTICLE_REFERENCE_LIST, article_reference_list, cited_numbers
from edition.render.previews import PagePreviews
from edition.render.templates import render
from edition.text.citation_syntax import Citation, CiteItem
from edition.text.mentions import PLACEHOLDER_TAG, Mention

_PLACEHOLDER = re.compile(f'<{PLACEHOLDER_TAG} data-mention="([0-9 ]+)">.*?</{PLACEHOLDER_TAG}>', re.DOTALL)


class Resolver:
    """Renders one build's mentions against its bibliography and rendered pages."""

    def __init__(self, state: BuildState, links: Links, unresolved: dict[int, str]) -> None:
        self.state = state
        self.links = links
        self.pages = links.pages
        self.mentions = {mention.id: mention for mention in state.records.index.mentions}
        self.unresolved = unresolved
        self._reference_html: dict[int, Markup] = {}

    def render_page(self, path: str) -> tuple[str, str]:
        """The page's HTML with its placeholders (and the reference list) resolved, and
        the hidden block of its previews, which goes after it."""
        page = self.pages[path]
        previews = PagePreviews(lists_references=ARTICLE_REFERENCE_LIST in page.html)
        html = _PLACEHOLDER.sub(lambda match: self._render_mention(
            page, [int(ident) for ident in match[1].split()], previews), page.html)
        if path == self.links.references_page:
            html = html.replace(REFERENCES_MARKER, self._render_reference_list(page), 1)
        if ARTICLE_REFERENCE_LIST in html:
            html = html.replace(ARTICLE_REFERENCE_LIST, article_reference_list(
                self.state.bibliography, cited_numbers(self.state.records.index, path)), 1)
        return render_markers(self.links, path, html), previews.render()

    def _render_mention(self, page: PageInfo, mention_ids: list[int], previews: PagePreviews) -> str:
        mentions = [self.mentions[ident] for ident in mention_ids]
        citation = mentions[0].citation
        if citation is not None:
            return self._render_citation(page, mentions[0], citation, previews)
        return self._render_terms(page, mentions, previews)

    def _render_terms(self, page: PageInfo, mentions: list[Mention], previews: PagePreviews) -> str:
        """One term, or several joined by hyphens into one name, as one link (to the first
        linked target) described by each target's preview."""
        targets = [self.state.targets.targets[mention.target_key] for mention in mentions]
        linked = [target for mention, target in zip(mentions, targets, strict=True)
                  if mention.linked and target.page in self.pages]
        href = self.links.href_to(page, linked[0].page, linked[0].anchor) if linked else None
        parts = [{"element_id": mention.element_id, "text": mention.text,
                  "acronym": target.acronym == mention.text, "summary": target.summary}
                 for mention, target in zip(mentions, targets, strict=True)]
        return render("term.html", href=href, parts=parts, kind=(linked or targets)[0].register or "glossary",
                      previews=[previews.target(target) for target in linked]).strip()

    def _render_citation(self, page: PageInfo, mention: Mention, citation: Citation, previews: PagePreviews) -> str:
        return render(
            "citation.html", element_id=mention.element_id, segments=self._segments(page, citation, previews),
            problem=self.unresolved.get(mention.id))

    def _segments(self, page: PageInfo, citation: Citation, previews: PagePreviews) -> list[dict]:
        """The printed text cut into plain and linked pieces: the whole bracket for one
        reference, each number for several (where the parser found it). A linked piece
        names its reference's preview and carries its own locator."""
        text, items = citation.text, citation.items

        def linked(piece: str, item: CiteItem) -> dict:
            href = self.links.reference_href(page, item.number)
            if href is None:
                return {"text": piece, "href": None}
            reference = self.state.bibliography.by_number[item.number]
            preview = previews.reference(item.number, self._preview_html(item.number, reference))
            return {"text": piece, "href": href, "preview": preview, "locator": item.locator}

        if len(items) == 1:
            return [linked(text, items[0])]
        segments, cursor = [], 0
        for item in items:
            if item.span is None:  # not made by the parser: no place in the text to link
                continue
            start, end = item.span
            segments.append({"text": text[cursor:start], "href": None})
            segments.append(linked(text[start:end], item))
            cursor = end
        segments.append({"text": text[cursor:], "href": None})
        return segments

    def _preview_html(self, number: int, reference: Reference) -> Markup:
        if number not in self._reference_html:
            self._reference_html[number] = Markup(format_reference(reference.entry, links=False))
        return self._reference_html[number]

    def _render_reference_list(self, page: PageInfo) -> str:
        references = []
        for number, reference in sorted(self.state.bibliography.by_number.items()):
            references.append({
                "number": number,
                "html": Markup(format_reference(reference.entry)),
                "backlinks": [self._backlink(page, mention)
                              for mention in self.links.reading_order(self.state.records.index.citing(number))],
            })
        return render("reference_list.html", references=references)

    def _backlink(self, page: PageInfo, mention: Mention) -> dict[str, str]:
        return {"href": self.links.href_to(page, mention.page, mention.element_id), "label": self.links.label(mention),
                "snippet": mention.snippet}
