"""The pointer check of the XML exports (edition/outputs/xml/files.py): table-driven on small
documents, then wired into citation-check and the build, proven by an export that
points at an id it never writes."""

from __future__ import annotations

import os

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

import edition.outputs.xml.tei
from conftest import ROOT
from edition.build.citation_check import check_project
from edition.core.problems import Problem
from edition.outputs.xml.files import check_pointers

TEI_DOC = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
 <p xml:id="p1">A <ref target="#ref-1 #ref-2">[1, 2]</ref> and <ref target="https://example.org/#x">a link</ref>
  <persName ref="#person-a">A</persName>.</p>
 <note resp="#editors" target="#p1">n</note>
 <bibl xml:id="ref-1"/><editor xml:id="editors"/>
</TEI>
"""
JATS_DOC = """<?xml version="1.0"?>
<article><body><p id="p1"><xref ref-type="bibr" rid="ref-1">[1]</xref>
<xref ref-type="bibr" rid="ref-1 ref-9">[1, 9]</xref></p></body>
<back><ref-list><ref id="ref-1"/></ref-list></back></article>
"""


@pytest.mark.parametrize(("document", "expected"), [
    (TEI_DOC, [(3, "ref", "target", "ref-2"), (4, "persName", "ref", "person-a")]),
    (JATS_DOC, [(3, "xref", "rid", "ref-9")]),
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="a"><ptr target="#a"/></p></TEI>', []),
])
def test_check_pointers_names_each_dangling_pointer_at_its_line(document: str, expected: list) -> None:
    problems = check_pointers(document.encode(), "exports/x.xml")
    assert [(p.path, p.line) for p in problems] == [("exports/x.xml", line) for line, *_ in expected]
    for problem, (_, element, attribute, target) in zip(problems, expected, strict=True):
        assert problem.message.startswith(f"<{element} {attribute}> points to '{target}', which is no id")


def test_check_pointers_reports_an_id_given_twice() -> None:
    problems = check_pointers(b'<article><p id="p1"/>\n<p id="p1"/></article>', "exports/x.xml")
    assert [(p.line, p.message.split(" — ")[0]) for p in problems] == [
        (2, "<p> has the id 'p1', which an earlier element has too")]


def test_check_pointers_reports_a_document_that_is_not_xml() -> None:
    problems = check_pointers(b"<TEI>\n<p></TEI>", "exports/x.xml")
    assert len(problems) == 1 and problems[0].line == 2 and "not well-formed" in problems[0].message


@pytest.fixture
def dangling_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    """An export bug: register and glossary mentions point at ids that are not written."""
    monkeypatch.setattr(edition.outputs.xml.tei, "target_id",
                        lambda target: "nowhere-" + target.split(":")[-1].replace("/", "."))


def test_citation_check_reports_a_dangling_pointer(dangling_mentions: None) -> None:
    outcome = check_project(ROOT / "mkdocs.yml")
    tei = [p for p in outcome.problems if p.path == "exports/edition.tei.xml"]
    assert tei and all("points to 'nowhere-" in p.message for p in tei)
    assert isinstance(tei[0], Problem) and tei[0].line > 1


def test_the_real_exports_have_no_dangling_pointer() -> None:
    outcome = check_project(ROOT / "mkdocs.yml")
    assert [p for p in outcome.problems if p.path.startswith("exports/")] == []


def test_the_build_fails_on_a_dangling_pointer(dangling_mentions: None, tmp_path, caplog) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    with pytest.raises((PluginError, Abort)):
        build(config)
    assert any("exports/edition.tei.xml:" in record.getMessage() and "points to 'nowhere-" in record.getMessage()
               for record in caplog.records)
