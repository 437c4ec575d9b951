"""The XML exports of tiny editions (layer b): an article on two pages
(``edition_article: part``) gives unique ids and valid documents; an edition without
a title page gets no exports rather than invented metadata."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from conftest import run_mkdocs_build
from sites import make_site
from xml_validators import validate_jats, validate_tei

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

TITLE_MD = """\
---
edition:
  doi: "10.1234/tiny.1"
  year: 2020
  titles: {en: "A tiny article"}
  authors:
    - name: {en: "Ann Author"}
      family: {en: "Author"}
      given: {en: "Ann"}
      affiliation: "Lecturer, Tiny University"
      institution: "Tiny University"
      place: "Tinytown"
  keywords: {en: ["alliances"]}
---

# Title page
"""

PART_MD = """\
---
edition_article: part
---

# More of the tiny article

## Further results

Walt returns to security cooperation [2] and to {sic: balanse | corr: balance} of power [1].

<!-- edition:article-references -->
"""


def _build(tmp_path: Path, files: dict[str, str | None]) -> Path:
    project = make_site(tmp_path / "project", files)
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_an_article_on_two_pages_gives_unique_ids_and_valid_exports(tmp_path: Path) -> None:
    site = _build(tmp_path, {"docs/title.md": TITLE_MD, "docs/more.md": PART_MD,
                             "docs/emendations.md": "# Emendations\n\n<!-- edition:emendations -->\n"})
    tei_file, jats_file = site / "exports" / "edition.tei.xml", site / "exports" / "article.jats.xml"
    tei = etree.parse(tei_file).getroot()
    paragraphs = tei.findall(f"{TEI}text/{TEI}body//{TEI}p[@n]")
    assert [(p.get("n"), p.get(XML_ID)) for p in paragraphs] == [("1", "p1"), ("2", "p2"), ("1", "more-p1")]
    assert [c.get(XML_ID) for c in tei.iter(f"{TEI}choice")] == ["more-em-1"]
    assert len(tei.findall(f".//{TEI}ref[@type='bibl']")) == 4
    jats = etree.parse(jats_file).getroot()
    assert [p.get("id") for p in jats.findall("body/sec/p")] == ["p1", "p2", "more-p1"]
    tei_verdict, jats_verdict = validate_tei(tei_file), validate_jats(jats_file)
    assert tei_verdict.returncode == 0, tei_verdict.stdout
    assert jats_verdict.returncode == 0, jats_verdict.stderr


def test_no_title_page_no_xml_exports(tmp_path: Path) -> None:
    site = _build(tmp_path, {})
    assert not (site / "exports").exists()
