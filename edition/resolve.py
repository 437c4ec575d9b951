"""The late pass: resolve every citation placeholder and render the reference list.

Runs once all pages have rendered (``on_env``), because the reference list needs
every page's citations for its backlinks. Checks that need the whole build (an
unknown number, a reference never cited, no references page) are made here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from edition.article_page import ARTICLE_REFERENCE_LIST, article_reference_list, cited_numbers
from edition.indexes import annotation_problems, render_markers
from edition.mentions import Mention
from edition.previews import PagePreviews
from edition.problems import Problem
from edition.state import REFERENCES_BIB, BuildState
from edition.style import format_reference
from edition.templates import render

REFERENCES_MARKER = "<!-- edition:references -->"
_PLACEHOLDER = re.compile(r'<edition-mention data-mention="([0-9 ]+)">.*?</edition-mention>', re.DOTALL)


@dataclass(frozen=True)
class PageInfo:
    """What the late pass needs of a rendered page."""

    url: str
    title: str
    html: str


class Resolver:
    """Resolves one build's mentions against its bibliography and rendered pages."""

    def __init__(self, state: BuildState, pages: dict[str, PageInfo]) -> None:
        self.state = state
        self.pages = pages
        self.mentions = {mention.id: mention for mention in state.index.mentions}
        holders = [path for path, page in pages.items() if REFERENCES_MARKER in page.html]
        self.references_page = holders[0] if len(holders) == 1 else None
        self._holders = holders
        self.unresolved: dict[int, str] = {}
        self._reference_html: dict[int, Markup] = {}

    def problems(self) -> list[Problem]:
        """Everything the whole build shows to be wrong, with the problems met earlier."""
        problems = list(self.state.problems)
        bibliography = self.state.bibliography
        for mention in self.state.index.citations:
            for number in mention.citation.numbers:
                if number in bibliography.held:
                    self.unresolved.setdefault(mention.id, f"reference {number}: {bibliography.held[number]}")
                elif not bibliography.accounts_for(number):
                    problem = Problem(
                        self.state.pages[mention.page].display, mention.line,
                        f"citation {mention.citation.text} has no entry in {REFERENCES_BIB} "
                        f"(entries are {bibliography.numbers_label}) — check the number against "
                        "the printed reference list, or add the entry with that shorthand")
                    problems.append(problem)
                    self.unresolved[mention.id] = str(problem)
                elif number not in bibliography.by_number:
                    self.unresolved.setdefault(mention.id, f"reference {number}: an entry of {REFERENCES_BIB} "
                                               "has no valid shorthand; see the problems listed for it")
        # A citation with a wrong number leaves its reference uncited: one mistake, one message.
        wrong_numbers = bool(self.unresolved) or self.state.index.malformed > 0
        for number, reference in sorted(bibliography.by_number.items()):
            if not wrong_numbers and not self.state.index.citing(number):
                problems.append(Problem(
                    REFERENCES_BIB, reference.line,
                    f"reference {number} ('{reference.key}') is never cited in the text — "
                    f"cite it as [{number}] where the article does, or remove the entry"))
        if len(self._holders) != 1:
            where = ", ".join(self._holders) or "no page"
            problems.append(Problem(
                "docs", 1, f"the marker {REFERENCES_MARKER} must stand on exactly one page "
                f"(found on {where}) — it is where the reference list is rendered"))
        problems += annotation_problems(self)
        return sorted(set(problems))

    def render_page(self, path: str) -> str:
        """The page's HTML with its placeholders (and the reference list) resolved."""
        page = self.pages[path]
        previews = PagePreviews(lists_references=ARTICLE_REFERENCE_LIST in page.html)
        html = _PLACEHOLDER.sub(lambda match: self._render_mention(
            page, [int(ident) for ident in match[1].split()], previews), page.html)
        if path == self.references_page:
            html = html.replace(REFERENCES_MARKER, self._render_reference_list(page), 1)
        if ARTICLE_REFERENCE_LIST in html:
            html = html.replace(ARTICLE_REFERENCE_LIST, article_reference_list(
                self.state.bibliography, cited_numbers(self.state.index, path)), 1)
        return render_markers(self, path, html) + previews.render()

    def _href(self, page: PageInfo, number: int) -> str | None:
        if self.references_page is None or number not in self.state.bibliography.by_number:
            return None
        return self.href_to(page, self.references_page, f"ref-{number}")

    def _render_mention(self, page: PageInfo, mention_ids: list[int], previews: PagePreviews) -> str:
        mentions = [self.mentions[ident] for ident in mention_ids]
        if mentions[0].citation is not None:
            return self._render_citation(page, mentions[0], previews)
        return self._render_terms(page, mentions, previews)

    def _render_terms(self, page: PageInfo, mentions: list[Mention], previews: PagePreviews) -> str:
        """One term, or several joined by hyphens into one name, as one link (to the first
        linked target) described by each target's preview."""
        targets = [self.state.targets.targets[mention.target] for mention in mentions]
        linked = [target for mention, target in zip(mentions, targets)
                  if mention.linked and target.page in self.pages]
        href = self.href_to(page, linked[0].page, linked[0].anchor) if linked else None
        parts = [{"element_id": mention.element_id, "text": mention.text,
                  "acronym": target.acronym == mention.text, "summary": target.summary}
                 for mention, target in zip(mentions, targets)]
        return render("term.html", href=href, parts=parts, kind=(linked or targets)[0].register or "glossary",
                      previews=[previews.target(target) for target in linked]).strip()

    def href_to(self, page: PageInfo, target_page: str, anchor: str = "") -> str:
        """Relative link from `page` to `target_page` (a src path), with an optional anchor."""
        target = self.pages[target_page].url
        relative = get_relative_url(target, page.url) if target != page.url else ""
        return f"{relative}#{anchor}" if anchor else (relative or "./")

    def mention_list(self, page: PageInfo, mentions: list[Mention]) -> str:
        """Mentions grouped by paragraph: ¶ number, count, first snippet, linked."""
        groups: dict[object, dict] = {}
        for mention in self.reading_order(mentions):
            key = (mention.page, mention.paragraph or mention.element_id)
            if key in groups:
                groups[key]["count"] += 1
                continue
            target = self.pages[mention.page]
            groups[key] = {"href": self.href_to(page, mention.page, mention.element_id),
                           "label": f"¶\u00a0{mention.paragraph}" if mention.paragraph else target.title,
                           "snippet": mention.snippet, "count": 1}
        return render("mention_list.html", groups=list(groups.values()))

    def reading_order(self, mentions: list[Mention]) -> list[Mention]:
        order = {path: source.order for path, source in self.state.pages.items()}
        return sorted(mentions, key=lambda m: (order.get(m.page, 0), m.id))

    def _render_citation(self, page: PageInfo, mention: Mention, previews: PagePreviews) -> str:
        return render(
            "citation.html", element_id=mention.element_id, segments=self._segments(page, mention, previews),
            problem=self.unresolved.get(mention.id))

    def _segments(self, page: PageInfo, mention: Mention, previews: PagePreviews) -> list[dict]:
        """The printed text cut into plain and linked pieces: the whole bracket for one
        reference, each number for several. A linked piece names its reference's preview
        and carries its own locator."""
        text, items = mention.citation.text, mention.citation.items

        def linked(piece: str, item) -> dict:
            href = self._href(page, item.number)
            if href is None:
                return {"text": piece, "href": None}
            reference = self.state.bibliography.by_number[item.number]
            preview = previews.reference(item.number, self._preview_html(item.number, reference))
            return {"text": piece, "href": href, "preview": preview, "locator": item.locator}

        if len(items) == 1:
            return [linked(text, items[0])]
        segments, cursor = [], 0
        for item in items:
            start, end = item.span
            segments.append({"text": text[cursor:start], "href": None})
            segments.append(linked(text[start:end], item))
            cursor = end
        segments.append({"text": text[cursor:], "href": None})
        return segments

    def _preview_html(self, number: int, reference) -> Markup:
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
                              for mention in self.reading_order(self.state.index.citing(number))],
            })
        return render("reference_list.html", references=references)

    def _backlink(self, page: PageInfo, mention: Mention) -> dict[str, str]:
        target = self.pages[mention.page]
        label = f"¶\u00a0{mention.paragraph}" if mention.paragraph else target.title
        return {"href": self.href_to(page, mention.page, mention.element_id), "label": label,
                "snippet": mention.snippet}
