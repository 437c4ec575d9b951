"""Per-build state, created anew in ``on_config`` (``mkdocs serve`` keeps hooks loaded
between rebuilds, so nothing may survive from one build to the next)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from edition.bibliography import Bibliography, load_bibliography
from edition.mentions import MentionIndex, PageSource
from edition.problems import Problem, locate_line

REFERENCES_BIB = "bib/references.bib"
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)


@dataclass
class BuildState:
    """Everything one build knows: the bibliography, the pages' sources, the mentions."""

    root: Path
    bibliography: Bibliography
    docs_prefix: str = "docs"
    index: MentionIndex = field(default_factory=MentionIndex)
    pages: dict[str, PageSource] = field(default_factory=dict)
    current: PageSource | None = None

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> "BuildState":
        """Read and check the bibliography of the project at `root`."""
        prefix = Path(docs_dir).resolve().relative_to(root.resolve()).as_posix()
        return cls(root, load_bibliography(root / REFERENCES_BIB, REFERENCES_BIB), prefix)

    def begin_page(self, path: str, source: str, meta: dict, order: int) -> None:
        """Record a page's source before it renders; front matter lines are counted."""
        body, _ = get_data(source)
        position = source.find(body) if body else -1
        first_line = 1 + source.count("\n", 0, position) if position > 0 else 1
        self.current = PageSource(path, f"{self.docs_prefix}/{path}", body, first_line,
                                  article=bool(meta.get("edition_article")), order=order)
        self.pages[path] = self.current

    def line_of(self, page: PageSource, text: str, occurrence: int) -> int:
        """Real file line of the `occurrence`-th `text` on the page, outside code."""
        searchable = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), page.markdown)
        return locate_line(searchable, text, occurrence, page.first_line)

    @property
    def problems(self) -> list[Problem]:
        """All problems so far, in file and line order, without repeats."""
        return sorted(set(self.bibliography.problems + self.index.problems))
