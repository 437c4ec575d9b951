"""Layer (b) for the annotated edition: one tiny project per bad annotation, built and
checked, with the exact `path:line: message` asserted in both outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_mkdocs_build
from sites import build_and_check_refuse, make_site, run_check

ARTICLE = """\
---
edition_article: true
---

# A tiny article

For H. Morgenthau alliances serve the balance of power [1].

Experts met in Tashkent on the question [2, p.5].
"""

GLOSSARY = """\
---
title: Hans J. Morgenthau
glossary:
  kind: theorist
  aliases: ["H. Morgenthau"]
  summary: "A theorist."
---

# Hans J. Morgenthau

The founder of classical realism, named in ¶1.
"""

PLACES = """\
- id: tashkent
  name: "Tashkent"
  aliases: ["Tashkent"]
  description: "A city."
"""

ANNOTATED = {
    "docs/index.md": ARTICLE,
    "docs/glossary/morgenthau.md": GLOSSARY,
    "docs/glossary/index.md": "# Glossary\n\n<!-- edition:glossary -->\n",
    "docs/places.md": "# Places\n\n<!-- edition:register places -->\n",
    "data/registers/places.yml": PLACES,
}

CASES = {
    "register-points-at-missing-glossary-page": (
        {"data/registers/persons.yml": "- id: wight\n  name: \"M. Wight\"\n  glossary: glossary/wight.md\n",
         "docs/persons.md": "# Persons\n\n<!-- edition:register persons -->\n"},
        "data/registers/persons.yml:1: entry 'wight' points at the glossary page 'glossary/wight.md', "
        "which does not exist in docs/ (or has no 'glossary' front matter) — fix the path",
    ),
    "alias-claimed-twice": (
        {"docs/glossary/realism.md": GLOSSARY.replace("Hans J. Morgenthau", "Realism")
         .replace("kind: theorist", "kind: concept")},
        "docs/glossary/realism.md:3: alias 'H. Morgenthau' is claimed by both 'Hans J. Morgenthau' "
        "(docs/glossary/morgenthau.md:3) and 'Realism' — give each alias to one target only",
    ),
    "register-entry-never-mentioned": (
        {"data/registers/places.yml": PLACES + "- id: kabul\n  name: \"Kabul\"\n  aliases: [\"Kabul\"]\n"},
        "data/registers/places.yml:5: 'Kabul' is never mentioned in the article — check its aliases "
        "against the text (exact, case-sensitive) or remove it",
    ),
    "emendation-without-correction": (
        {"docs/index.md": ARTICLE + "\n{sic: Forth}, the parties agree.\n"},
        "docs/index.md:11: emendation {sic: Forth} has no correction — write "
        "{sic: Forth | corr: <corrected reading>}, or remove the marker",
    ),
    "editorial-key-without-entry": (
        {"docs/glossary/morgenthau.md": GLOSSARY + "\nSee [@nosuchbook].\n",
         "bib/editorial.bib": "@book{waltz1959,\n  author = {Waltz, K.N.},\n  title = {{Man, the State, "
                              "and War}},\n  publisher = {Columbia University Press},\n  year = {1959},\n}\n"},
        "docs/glossary/morgenthau.md:13: editorial citation [@nosuchbook] has no entry in bib/editorial.bib "
        "— add the entry or fix the key",
    ),
    "timeline-quote-not-in-text": (
        {"data/timeline.yml": "- date: \"2021-12-06\"\n  label: \"Declaration\"\n  quote: \"not in the text\"\n"},
        "data/timeline.yml:1: the quote \"not in the text\" must occur in exactly one paragraph of the "
        "article (found in 0)",
    ),
    "note-after-unknown-paragraph": (
        {"data/notes.yml": "- id: x\n  title: \"X\"\n  after: \"No paragraph starts so\"\n  text: \"A note on ¶1.\"\n"},
        # At its after: line (issue 25), not at its - id: line.
        "data/notes.yml:3: note 'x': no paragraph starts with \"No paragraph starts so\" — copy the first "
        "words of the paragraph exactly",
    ),
}


def test_the_annotated_tiny_site_is_clean(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", ANNOTATED)
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    check = run_check(project)
    assert check.returncode == 0, check.stdout
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/morgenthau/"' in html and 'href="places/#tashkent"' in html


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_annotation_is_reported_with_file_and_line(tmp_path: Path, case: str) -> None:
    files, message = CASES[case]
    project = make_site(tmp_path / "project", {**ANNOTATED, **files})
    build, check = build_and_check_refuse(project, tmp_path / "site")
    assert f"ERROR   -  edition: {message}" in build.stderr, build.stderr
    assert message in check.stdout.splitlines(), check.stdout
