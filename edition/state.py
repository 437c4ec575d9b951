"""Per-build state, created anew in ``on_config`` (``mkdocs serve`` keeps hooks loaded
between rebuilds, so nothing may survive from one build to the next)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from pybtex.database import BibliographyData

from edition.editorial_citations import EDITORIAL_BIB, check_editorial_citations, load_editorial
from edition.bugs import processing
from edition.bibliography import Bibliography, load_bibliography
from edition.mentions import MentionIndex, PageSource
from edition.emendations import Emendation
from edition.problems import Problem, locate_line
from edition.record import ArticleRecord, load_record
from edition.sources import NOTES_FILE, Note, Sources, load_sources
from edition.targets import TargetIndex, load_targets

REFERENCES_BIB = "bib/references.bib"
# What the citation scan never looks at (edition/markdown_ext.py): code, headings, HTML
# comments, escaped brackets. Blanked (same length, same lines) before a mention's text is
# looked up, so that the same text standing there does not take its line.
_SKIPPED = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|^#{1,6}[ \t][^\n]*$|^[^\n]+\n(?:=+|-+)[ \t]*$|<!--.*?-->|\\\[",
                      re.DOTALL | re.MULTILINE)


@dataclass
class BuildState:
    """Everything one build knows: the bibliography, the pages' sources, the mentions."""

    root: Path
    bibliography: Bibliography
    docs_prefix: str = "docs"
    targets: TargetIndex = field(default_factory=TargetIndex)
    sources: Sources = field(default_factory=Sources)
    index: MentionIndex = field(default_factory=MentionIndex)
    emendations: list[Emendation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    placed_notes: dict[str, str] = field(default_factory=dict)
    editorial: BibliographyData = field(default_factory=BibliographyData)
    editorial_written: set[str] = field(default_factory=set)
    load_problems: list[Problem] = field(default_factory=list)
    record: ArticleRecord | None = None
    exports: dict[str, str] | None = None  # made once per build (edition/citing.py)
    site_url: str | None = None  # the public address, when known (mkdocs.yml site_url)

    @property
    def glossary_kinds(self) -> dict[str, str]:
        return self.targets.kinds

    @property
    def editorial_keys(self) -> set[str]:
        """Keys of bib/editorial.bib a citation may name without a problem of its own: every
        key written there (an entry with a syntax error is reported once, as that)."""
        return self.editorial_written

    @property
    def editorial_parsed_keys(self) -> set[str]:
        """Keys mkdocs-bibtex can cite: the entries that parsed."""
        return {key.lower() for key in self.editorial.entries}
    paragraphs: dict[str, dict[int, str]] = field(default_factory=dict)
    pages: dict[str, PageSource] = field(default_factory=dict)
    current: PageSource | None = None

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> "BuildState":
        """Read and check the sources of the project at `root`: both bibliographies, the
        glossary and register targets, the notes and the title page's record."""
        prefix = Path(docs_dir).resolve().relative_to(root.resolve()).as_posix()
        with processing("data and the glossary pages' front matter"):
            sources = load_sources(root, Path(docs_dir), prefix)
        with processing(EDITORIAL_BIB):
            editorial, written_keys, key_problems = load_editorial(root)
        with processing(REFERENCES_BIB):
            bibliography = load_bibliography(root / REFERENCES_BIB, REFERENCES_BIB)
        with processing(f"{prefix} (the register markers)"):
            targets = load_targets(sources, Path(docs_dir))
        with processing(f"{prefix} (the title page's front matter)"):
            record, record_problems = load_record(Path(docs_dir), prefix)
        state = cls(root, bibliography, prefix, targets=targets, sources=sources, notes=list(sources.notes),
                    editorial=editorial, editorial_written=written_keys, load_problems=list(sources.problems) + key_problems + record_problems, record=record)
        keys = state.editorial_keys
        for note in state.notes:
            state.load_problems += check_editorial_citations(note.text, keys, NOTES_FILE, note.line)
        for target in state.targets.targets.values():
            if target.register:
                state.load_problems += check_editorial_citations(
                    target.raw_text, keys, target.source, target.line)
        state.load_problems += check_editorial_citations(
            (root / REFERENCES_BIB).read_text(encoding="utf-8"), keys, REFERENCES_BIB, 1)
        return state

    def begin_page(self, path: str, source: str, meta: dict, order: int) -> None:
        """Record a page's source before it renders; front matter lines are counted."""
        body, _ = get_data(source)
        position = source.find(body) if body else -1
        first_line = 1 + source.count("\n", 0, position) if position > 0 else 1
        self.current = PageSource(path, f"{self.docs_prefix}/{path}", body, first_line,
                                  article=meta.get("edition_article") in (True, "part"), order=order)
        self.pages[path] = self.current

    def line_of(self, page: PageSource, text: str, occurrence: int) -> int:
        """Real file line of the `occurrence`-th `text` on the page, outside code."""
        if page.searchable is None:
            page.searchable = _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), page.markdown)
        return locate_line(page.searchable, text, occurrence, page.first_line)

    @property
    def problems(self) -> list[Problem]:
        """All problems so far, in file and line order, without repeats."""
        return sorted(set(self.bibliography.problems + self.targets.problems + self.load_problems
                          + self.index.problems))
