"""The state of one build: the inputs (read once), what the pages recorded while they
rendered, and the problem log. Made anew for every build by the build object
(edition/build/session.py); the late pass, the renderers and the exports read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import BibliographyData

from edition.core.problems import Problem, ProblemLog
from edition.inputs.bibliography import Bibliography
from edition.inputs.loading import Inputs
from edition.inputs.record import ArticleRecord
from edition.inputs.targets import TargetIndex
from edition.text.records import PageRecords


@dataclass
class BuildState:
    """One build: its inputs (read once), the pages' records and the problem log, each
    made anew in ``on_config``; plus what is derived from the inputs once per build."""

    inputs: Inputs
    records: PageRecords
    log: ProblemLog = field(default_factory=ProblemLog)
    site_url: str | None = None  # the public address, when known (mkdocs.yml site_url)
    paged: bool = True  # whether the article's PDF is made (not under serve: edition/outputs/export_files.py)
    # The article's References marker: the problem if no page of the article (its page or a
    # part) holds it, known only once every page was read (set by edition/build/pipeline.py,
    # reported by edition/apparatus/late_checks.py).
    references_marker_missing: Problem | None = None

    @classmethod
    def load(cls, root: Path, docs_dir: Path, site_url: str | None = None) -> "BuildState":
        inputs = Inputs.load(root, docs_dir)
        return cls(inputs, PageRecords(inputs.docs_prefix), site_url=site_url)

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
