"""Every source of the edition read and checked once per build, into one frozen record.

The readers are the modules beside this one (bibtex, bibliography, editorial, sources,
record, targets); ``Inputs.load`` runs them in order and gathers their problems, so
that the later stages take the sources only from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData

from edition.core.bugs import processing
from edition.core.problems import Problem
from edition.core.project import EDITORIAL_BIB, NOTES_FILE, REFERENCES_BIB
from edition.inputs.bibliography import Bibliography, load_bibliography
from edition.inputs.editorial import check_editorial_citations, load_editorial
from edition.inputs.record import ArticleRecord, load_record
from edition.inputs.sources import Sources, load_sources
from edition.inputs.targets import TargetIndex, load_targets


@dataclass(frozen=True)
class Inputs:
    """Everything read and checked from the sources before any page renders: both
    bibliographies, the YAML sources and glossary front matter (edition/inputs/sources.py), the
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
        raw = _Raw(root)
        for note in sources.notes:
            problems += check_editorial_citations(note.text, written_keys, NOTES_FILE, note.text_line or note.line,
                                                  raw(NOTES_FILE))
        for target in targets.targets.values():
            if target.register:
                problems += check_editorial_citations(target.raw_text, written_keys, target.source, target.line,
                                                      raw(target.source))
        problems += check_editorial_citations(raw(REFERENCES_BIB), written_keys, REFERENCES_BIB, 1)
        return cls(root, prefix, bibliography, editorial, editorial_text, frozenset(written_keys), sources, targets,
                   record, tuple(problems))

    @property
    def editorial_parsed_keys(self) -> set[str]:
        """Keys mkdocs-bibtex can cite: the entries of bib/editorial.bib that parsed."""
        return {key.lower() for key in self.editorial.entries}


class _Raw:
    """The text of the project's files as written, each read once (for the lines of
    citations inside YAML values)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if path not in self.texts:
            file = self.root / path
            self.texts[path] = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else ""
        return self.texts[path]
