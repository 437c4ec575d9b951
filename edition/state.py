"""Per-build state, created anew in ``on_config`` (``mkdocs serve`` keeps hooks loaded
between rebuilds, so nothing may survive from one build to the next)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from pybtex.database import BibliographyData

from edition.article_text import Block
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
# comments, escaped brackets, inline links (text and address). Blanked (same length, same
# lines) before a mention's text is looked up in its block (edition/source_lines.py), so
# that the same text standing there does not take its line.
_SKIPPED = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|^#{1,6}[ \t][^\n]*$|^[^\n]+\n(?:=+|-+)[ \t]*$|<!--.*?-->|\\\["
                      r"|\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\((?:[^()\n]|\([^()\n]*\))*\)",
                      re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Inputs:
    """Everything read and checked from the sources before any page renders: both
    bibliographies, the YAML sources and glossary front matter (edition/sources.py), the
    targets they define and the title page's record, with the problems found in them."""

    root: Path
    docs_prefix: str
    bibliography: Bibliography
    editorial: BibliographyData
    editorial_text: str  # the source text of its entries that passed, for mkdocs-bibtex
    editorial_keys: frozenset[str]  # every key written in bib/editorial.bib, lower-cased
    sources: Sources
    targets: TargetIndex
    record: ArticleRecord | None
    problems: tuple[Problem, ...]

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> "Inputs":
        """Read and check the sources of the project at `root`."""
        prefix = Path(docs_dir).resolve().relative_to(root.resolve()).as_posix()
        with processing("data and the glossary pages' front matter"):
            sources = load_sources(root, Path(docs_dir), prefix)
        with processing(EDITORIAL_BIB):
            editorial, editorial_text, written_keys, problems = load_editorial(root)
        with processing(REFERENCES_BIB):
            bibliography = load_bibliography(root / REFERENCES_BIB, REFERENCES_BIB)
        with processing(f"{prefix} (the register markers)"):
            targets = load_targets(sources, Path(docs_dir))
        with processing(f"{prefix} (the title page's front matter)"):
            record, record_problems = load_record(Path(docs_dir), prefix)
        problems += list(sources.problems) + record_problems + bibliography.problems + targets.problems
        for note in sources.notes:
            problems += check_editorial_citations(note.text, written_keys, NOTES_FILE, note.text_line or note.line)
        for target in targets.targets.values():
            if target.register:
                problems += check_editorial_citations(target.raw_text, written_keys, target.source, target.line)
        problems += check_editorial_citations((root / REFERENCES_BIB).read_text(encoding="utf-8"), written_keys,
                                              REFERENCES_BIB, 1)
        return cls(root, prefix, bibliography, editorial, editorial_text, frozenset(written_keys), sources, targets,
                   record, tuple(problems))

    @property
    def editorial_parsed_keys(self) -> set[str]:
        """Keys mkdocs-bibtex can cite: the entries of bib/editorial.bib that parsed."""
        return {key.lower() for key in self.editorial.entries}


@dataclass
class PageRecords:
    """What the pages record while they render: their sources, paragraphs, mentions,
    emendations and where each note was placed."""

    docs_prefix: str = "docs"
    pages: dict[str, PageSource] = field(default_factory=dict)
    current: PageSource | None = None
    paragraphs: dict[str, dict[int, str]] = field(default_factory=dict)
    index: MentionIndex = field(default_factory=MentionIndex)
    emendations: list[Emendation] = field(default_factory=list)
    placed_notes: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, list[Block]] = field(default_factory=dict)  # the article's, for the XML exports

    def begin_page(self, path: str, source: str, meta: dict, order: int) -> PageSource:
        """Record a page's source before it renders; front matter lines are counted."""
        body, _ = get_data(source)
        position = source.find(body) if body else -1
        first_line = 1 + source.count("\n", 0, position) if position > 0 else 1
        self.current = PageSource(path, f"{self.docs_prefix}/{path}", body, first_line,
                                  article=meta.get("edition_article") in (True, "part"), order=order)
        self.pages[path] = self.current
        return self.current

    def line_of(self, page: PageSource, text: str, occurrence: int, block: tuple[int, int | None] | None = None,
                as_written: bool = False) -> int:
        """Real file line of the `occurrence`-th `text` within `block` (its first file line
        and the next block's, edition/source_lines.py), or on the whole page when its block
        is not known; outside what the scan skips, unless `as_written` (a link's address)."""
        if page.searchable is None:
            page.searchable = _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), page.markdown)
        searched = page.markdown if as_written else page.searchable
        if block is None:
            return locate_line(searched, text, occurrence, page.first_line)
        start, end = block
        if as_written not in page.split:
            page.split[as_written] = searched.split("\n")
        lines = page.split[as_written][start - page.first_line:None if end is None else end - page.first_line]
        return locate_line("\n".join(lines), text, occurrence, start)


@dataclass
class ProblemLog:
    """The problems met while pages render and in the late pass, for one build."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)


@dataclass
class BuildState:
    """One build: its inputs (read once), the pages' records and the problem log, each
    made anew in ``on_config``; plus what is derived from the inputs once per build."""

    inputs: Inputs
    records: PageRecords
    log: ProblemLog = field(default_factory=ProblemLog)
    exports: dict[str, str] | None = None  # made once per build (edition/citing.py)
    site_url: str | None = None  # the public address, when known (mkdocs.yml site_url)
    publication: object | None = None  # what the XML exports take from mkdocs.yml (edition/xml_files.py)

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> "BuildState":
        inputs = Inputs.load(root, docs_dir)
        return cls(inputs, PageRecords(inputs.docs_prefix))

    # Shortcuts to the inputs most read by the late pass and the exports.
    @property
    def bibliography(self) -> Bibliography:
        return self.inputs.bibliography

    @property
    def record(self) -> ArticleRecord | None:
        return self.inputs.record

    @property
    def targets(self) -> TargetIndex:
        return self.inputs.targets

    @property
    def editorial(self) -> BibliographyData:
        return self.inputs.editorial

    @property
    def problems(self) -> list[Problem]:
        """All problems so far, in file and line order, without repeats."""
        return sorted(set(self.inputs.problems) | set(self.log.problems))
