"""The export files: the article and its reference list for reference managers (BibTeX,
RIS, CSL-JSON, written by edition/outputs/exports.py), the article as a paged PDF
(edition/outputs/paged.py), and the two XML documents (edition/outputs/xml/files.py). All are generated MkDocs
files, so that ``mkdocs serve`` serves them and link validation sees them."""

from __future__ import annotations

import json

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
# The article as a paged PDF, made by every build (not under serve: see pdf_made).
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


def pdf_made(state: BuildState) -> bool:
    """Whether this build makes the article's PDF: whenever there is an article record,
    except under ``mkdocs serve`` (``state.paged``), whose rebuilds would wait for it on
    every edit; there the PDF and the links to it are left out."""
    return state.record is not None and state.paged


def add_export_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    for path, content in export_files(state).items():
        files.append(File.generated(config, path, content=content))
    if pdf_made(state):
        # Announced here, so that links to it are valid; filled once the article has
        # rendered (edition/outputs/paged.py, fill_article_pdf).
        files.append(File.generated(config, PDF_TARGET, content=b""))
    add_xml_files(state, files, config)
