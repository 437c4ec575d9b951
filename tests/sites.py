"""Tiny MkDocs projects for layer (b) tests: one per bad-input scenario.

`make_site` writes a minimal valid edition (two @book references, one article
page citing both, one references page) into a folder; each test overrides the
one file its scenario breaks. `run_check` runs the citation-check command on it.
`copy_project` copies the real edition's sources, for a test that changes one of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks" / "edition_hooks.py"
# What a build of the real edition reads besides the installed package.
PROJECT_PARTS = ("docs", "bib", "data", "hooks", "overrides", "mkdocs.yml")
REFERENCES_MARKER = "<!-- edition:references -->"

MKDOCS_YML = """\
site_name: Tiny edition
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - footnotes
  - md_in_html
hooks:
  - hooks/edition_hooks.py
plugins:
  - search
"""

# The same with the bibtex plugin reading bib/editorial.bib (lines 13-15), which a project
# with that file must have (edition/inputs/settings.py).
MKDOCS_YML_WITH_BIBTEX = (MKDOCS_YML + "  - bibtex:\n      bib_file: bib/editorial.bib\n"
                          "      enable_inline_citations: false\n")

# Lines: 1-3 front matter, 5 heading, 7 cites [1], 9 cites [2, p.5].
INDEX_MD = """\
---
edition_article: true
---

# A tiny article

Realists see alliances as a function of the balance of power [1].

Walt defines an alliance as security cooperation between states [2, p.5].
"""

REFERENCES_MD = f"""\
# References

{REFERENCES_MARKER}
"""

# Entries start on lines 1 and 10.
BOOK_1 = """\
@book{morgenthau1948,
  shorthand = {1},
  author    = {Morgenthau, H.},
  title     = {{Politics Among Nations}},
  publisher = {Alfred A. Knopf},
  year      = {1948},
  language  = {english},
}
"""
BOOK_2 = """\
@book{walt1990,
  shorthand = {2},
  author    = {Walt, S.M.},
  title     = {{The origins of alliances}},
  publisher = {Cornell University Press},
  year      = {1990},
  language  = {english},
}
"""
REFERENCES_BIB = BOOK_1 + "\n" + BOOK_2

DEFAULT_FILES = {
    "mkdocs.yml": MKDOCS_YML,
    "docs/index.md": INDEX_MD,
    "docs/references.md": REFERENCES_MD,
    "bib/references.bib": REFERENCES_BIB,
}


def make_site(folder: Path, files: dict[str, str | None] | None = None) -> Path:
    """Write the tiny project into `folder`; `files` replaces (text) or omits (None)
    any of DEFAULT_FILES and may add more, keyed by project-relative path."""
    contents = {**DEFAULT_FILES, **(files or {})}
    for relative, text in contents.items():
        if text is None:
            continue
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / "hooks").mkdir(exist_ok=True)
    shutil.copyfile(HOOKS, folder / "hooks" / "edition_hooks.py")
    return folder


def copy_project(folder: Path) -> Path:
    """Copy the real edition's sources (PROJECT_PARTS) into `folder`, ready to build."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / part)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, as bytes, keyed by relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def run_check(project: Path) -> subprocess.CompletedProcess[str]:
    """Run `citation-check` (python -m edition.build.citation_check) in the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "edition.build.citation_check"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


def build_and_check_refuse(project: Path, site: Path) -> tuple[subprocess.CompletedProcess[str],
                                                                subprocess.CompletedProcess[str]]:
    """Build `project` strictly and run citation-check on it; assert what every refused
    tiny site shows (both exit 1, no traceback, no source file changed, the check's last
    line its summary) and return both results for the scenario's own message."""
    from conftest import run_mkdocs_build  # conftest imports this module

    before = snapshot(project)
    build = run_mkdocs_build(project, site)
    check = run_check(project)
    assert build.returncode == 1, build.stderr
    assert check.returncode == 1, check.stdout
    assert check.stdout.splitlines()[-1].startswith("citation-check:"), check.stdout
    assert "Traceback" not in build.stderr + check.stdout + check.stderr
    assert snapshot(project) == before
    return build, check
