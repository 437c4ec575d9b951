"""The export files: the article and its reference list for reference managers (BibTeX,
RIS, CSL-JSON, written by edition/outputs/exports.py), the printed PDF when one was made,
and the two XML documents (edition/outputs/xml/files.py). All are generated MkDocs
files, so that ``mkdocs serve`` serves them and link validation sees them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from edition.apparatus.state import BuildState
from edition.core.memo import KEPT, Memo
from edition.outputs.exports import article_item, reference_items, to_bibtex, to_csl_json, to_ris
from edition.outputs.xml.files import add_xml_files

EXPORTS = "exports"
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}
_MAKERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}
SETS = {"article": "The article", "references": "The article's reference list"}
# The printed article, made by scripts/pdf from the built site and never committed:
# the build links it only when the file is there (see print_pdf).
PDF_SOURCE = Path("build") / "article.pdf"
PDF_TARGET = f"{EXPORTS}/zhailin-shamsieva-2022-edition.pdf"
# The export texts of the last items seen, by those items: a `mkdocs serve` rebuild writes
# them again only when an item changed (the writers are the slow part).
_WRITTEN: Memo[tuple[tuple[str, str], ...]] = KEPT.memo("edition.outputs.export_files texts", 2)


def export_files(state: BuildState) -> dict[str, str]:
    """The export files' paths (under docs/) and contents. The texts are written from
    the CSL items alone, so they are kept by those items (``_WRITTEN``)."""
    if state.record is None:
        return {}
    sets = {"article": [article_item(state.record)], "references": reference_items(state.bibliography)}
    key = json.dumps(sets, ensure_ascii=False, sort_keys=True)
    return dict(_WRITTEN.get(key, lambda: tuple((f"{EXPORTS}/{name}.{suffix}", make(items))
                                                for name, items in sets.items() for suffix, make in _MAKERS.items())))


def print_pdf(state: BuildState) -> Path | None:
    """The printed article made by scripts/pdf ($EDITION_PDF, else build/article.pdf),
    if it exists."""
    path = Path(os.environ.get("EDITION_PDF") or state.inputs.root / PDF_SOURCE)
    return path if path.is_file() else None


def add_export_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    for path, content in export_files(state).items():
        files.append(File.generated(config, path, content=content))
    pdf = print_pdf(state)
    if pdf is not None:
        files.append(File.generated(config, PDF_TARGET, abs_src_path=str(pdf)))
    add_xml_files(state, files, config)
