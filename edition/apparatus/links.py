"""Links between the built pages, for the late pass: the pages as rendered, which one holds
the reference list, the relative address from one page to another, and the reading
order and label of a mention. The one place that knows how pages point at each other."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from edition.apparatus.state import BuildState
from edition.text.mentions import Mention

REFERENCES_MARKER = "<!-- edition:references -->"


@dataclass(frozen=True)
class PageInfo:
    """What the late pass needs of a rendered page."""

    url: str
    title: str
    html: str


class Links:
    """The rendered pages of one build and the addresses between them."""

    def __init__(self, state: BuildState, pages: dict[str, PageInfo]) -> None:
        self.state = state
        self.pages = pages
        self.holders = [path for path, page in pages.items() if REFERENCES_MARKER in page.html]
        self.references_page = self.holders[0] if len(self.holders) == 1 else None

    def href_to(self, page: PageInfo, target_page: str, anchor: str = "") -> str:
        """Relative link from `page` to `target_page` (a src path), with an optional anchor."""
        target = self.pages[target_page].url
        relative = get_relative_url(target, page.url) if target != page.url else ""
        return f"{relative}#{anchor}" if anchor else (relative or "./")

    def reference_href(self, page: PageInfo, number: int) -> str | None:
        """Link from `page` to reference `number` in the list (None if it cannot be linked)."""
        if self.references_page is None or number not in self.state.bibliography.by_number:
            return None
        return self.href_to(page, self.references_page, f"ref-{number}")

    def reading_order(self, mentions: list[Mention]) -> list[Mention]:
        order = {path: source.order for path, source in self.state.records.pages.items()}
        return sorted(mentions, key=lambda m: (order.get(m.page, 0), m.id))

    def label(self, mention: Mention) -> str:
        """Where a mention stands, as readers see it: '¶ 12', or its page's title."""
        return f"¶\u00a0{mention.paragraph}" if mention.paragraph else self.pages[mention.page].title
