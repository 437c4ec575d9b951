"""The editor's second round (issue 25): each mistake an editor made under `mkdocs serve`
and with citation-check that was silent, reported in the wrong place or drowned, or
stopped a command, is one message at the file and line that hold it.

Each scenario changes the valid tiny project of tests/sites.py; the strict build and
citation-check must both exit 1 and print exactly the expected `path:line: message` and
nothing else of the edition's (no knock-on message, no traceback), leaving the project
untouched. tests/test_editor_serve.py shows the same messages in serve's banner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sites import BOOK_1, BOOK_2, INDEX_MD, MKDOCS_YML, MKDOCS_YML_WITH_BIBTEX, make_site
from test_error_sites import _build_and_check, _edition_errors
from test_input_errors import GLOSSARY as INPUT_ERRORS_GLOSSARY
from test_input_errors import refused as _refused

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = BOOK_1 + "\n" + BOOK_2
# The article page with the article's record (lines 3-16) and its References marker (line 24).
RECORD_INDEX = """\
---
edition_article: true
edition:
  doi: "10.1234/tiny"
  year: 2022
  titles: {en: "A tiny article"}
  authors:
    - name: {en: "Ann Author"}
      family: {en: "Author"}
      given: {en: "Ann"}
      institution: "A university"
      affiliation: "A department"
      place: "A city"
  keywords: {en: ["alliances"]}
---

# A tiny article

Realists see alliances as a function of the balance of power [1].

Walt defines an alliance as security cooperation between states [2, p.5].

<!-- edition:article-references -->
"""
GLOSSARY = INPUT_ERRORS_GLOSSARY + "\nA theorist of alliances [2].\n"
PERSONS = """\
- id: morgenthau
  name: "H. Morgenthau"
  aliases:
    - "Realists"
  description: "A theorist."
- id: walt
  name: "S.M. Walt"
  aliases: ["Walt defines"]
  description: "A theorist."
"""
PERSONS_PAGE = "# Persons\n\n<!-- edition:register persons -->\n"
NOTES = """\
- id: realists
  title: "On realists"
  after: "Realists see alliances"
  text: >-
    Realists hold so, as the
    editors read [@known] and
    more.
- id: walt
  title: "On Walt"
  after: "Walt defines an alliance"
  text: "A note on ¶ 2 [@known]."
"""
NOTES_PAGE = "# Notes\n\n<!-- edition:notes -->\n"
TIMELINE = "- date: \"2021-12-01/2021-12-14\"\n  label: \"Meeting\"\n  quote: \"Realists see alliances\"\n"
TIMELINE_PAGE = "# Timeline\n\n<!-- edition:timeline -->\n"
EDITORIAL = ("@book{known,\n  author = {A, B.},\n  title = {T},\n  publisher = {P},\n  year = {2000},\n}\n\n"
             "@online{site,\n  title = {A page},\n  url = {https://example.org/a%20b},\n  urldate = {2022-02-01},\n}\n")
WITH_BIBTEX = {"mkdocs.yml": MKDOCS_YML_WITH_BIBTEX, "bib/editorial.bib": EDITORIAL}
GLOSSARY_INDEX = "# Glossary\n\n<!-- edition:glossary -->\n"
NAV = (MKDOCS_YML + "nav:\n  - index.md\n  - references.md\n  - Stephen M. Walt: glossary/walt.md\n"
       "  - Glossary: glossary/index.md\n")
NOT_IN_NAV = (MKDOCS_YML + "validation:\n  nav:\n    omitted_files: warn\nnav:\n  - index.md\n  - references.md\n"
              "  - glossary/index.md\n")

# Every valid variant the scenarios start from; each must build and check clean.
VALID = {
    "record": {"docs/index.md": RECORD_INDEX},
    "registers-and-notes": {**WITH_BIBTEX, "data/registers/persons.yml": PERSONS, "docs/persons.md": PERSONS_PAGE,
                            "data/notes.yml": NOTES, "docs/notes.md": NOTES_PAGE},
    "timeline": {"data/timeline.yml": TIMELINE, "docs/timeline.md": TIMELINE_PAGE},
    "glossary-in-the-nav": {"docs/glossary/walt.md": GLOSSARY, "docs/glossary/index.md": GLOSSARY_INDEX,
                            "mkdocs.yml": NAV},
    "an-explicitly-empty-notes-file": {"data/notes.yml": "[]\n", "docs/notes.md": NOTES_PAGE},
}


def _replace(base: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    assert old in base[path], (path, old)
    return {**base, path: base[path].replace(old, new, 1)}


NOTED = VALID["registers-and-notes"]
SCENARIOS = {
    # A list's marker deleted: the page that shows the list went empty without a word.
    "timeline-marker-deleted": (
        _replace(VALID["timeline"], "docs/timeline.md", "<!-- edition:timeline -->\n", ""),
        "data/timeline.yml:1: the timeline's 1 event(s) are shown on no page: no page holds "
        "<!-- edition:timeline --> — put it where the timeline should stand (the Timeline page)"),
    "notes-marker-deleted": (
        _replace(NOTED, "docs/notes.md", "<!-- edition:notes -->\n", ""),
        "data/notes.yml:1: the 2 editorial note(s) are listed on no page: no page holds <!-- edition:notes --> "
        "— put it on the page that lists the notes"),
    "glossary-index-marker-deleted": (
        _replace(VALID["glossary-in-the-nav"], "docs/glossary/index.md", "<!-- edition:glossary -->\n", ""),
        "docs/glossary/walt.md:3: the glossary's 1 page(s) are listed on no index: no page holds "
        "<!-- edition:glossary --> — put it on the glossary's index page"),
    "emendations-marker-missing": (
        {"docs/index.md": INDEX_MD + "\nThe parties met {sic: in 2021 | corr: in 2022 | note: as dated.}\n"},
        "docs/index.md:11: the edition's 1 emendation(s) are listed on no page: no page holds "
        "<!-- edition:emendations --> — put it on the Emendations page: every change to the source's wording "
        "must be listed there"),
    # Silent wrong output before.
    "emendation-without-its-closing-brace": (
        {"docs/index.md": INDEX_MD + "\nThe parties met {sic: in 2021 | corr: in 2022 | note: as dated.\n"},
        "docs/index.md:11: emendation '{sic: in 2021 | corr: in 2022 | note: as…' is not closed — write it "
        "whole, {sic: printed | corr: corrected | note: why}, ending with '}'"),
    "emendation-without-its-opening-brace": (
        {"docs/index.md": INDEX_MD + "\nThe parties met sic: in 2021 | corr: in 2022}.\n"},
        "docs/index.md:11: emendation 'sic: in 2021 | corr: in 2022}…' has no opening '{' — write it whole, "
        "{sic: printed | corr: corrected | note: why}"),
    "article-page-without-its-references-marker": (
        _replace(VALID["record"], "docs/index.md", "\n<!-- edition:article-references -->\n", ""),
        "docs/index.md:3: the article's page has no <!-- edition:article-references -->, so it would show no "
        "References section while its head lists the references — put the marker where the References "
        "section stands, after the text"),
    "a-number-among-the-glossary-aliases": (
        {"docs/glossary/walt.md": GLOSSARY.replace('["Walt"]', '["Walt", 2021]')},
        "docs/glossary/walt.md:5: glossary: 'aliases' holds 2021, a number, not a text — quote it, e.g. "
        "\"2021\", or remove it"),
    "a-number-among-a-register-entry's-aliases-at-its-own-line": (
        _replace(NOTED, "data/registers/persons.yml", '    - "Realists"\n', '    - "Realists"\n    - 1998\n'),
        "data/registers/persons.yml:5: register entry 'morgenthau': 'aliases' holds 1998, a number, not a text — "
        "quote it, e.g. \"1998\", or remove it"),
    "deleted-data-file-that-a-page-uses": (
        {"docs/timeline.md": TIMELINE_PAGE},
        "docs/timeline.md:3: marker '<!-- edition:timeline -->': data/timeline.yml is missing, so it would "
        "render nothing — restore the file (an empty list is written [])"),
    "empty-notes-file": (
        {"data/notes.yml": "", "docs/notes.md": NOTES_PAGE},
        "data/notes.yml:1: the file has no entries — restore its entries, or write [] if it is meant to have none"),
    "reversed-date-range": (
        _replace(VALID["timeline"], "data/timeline.yml", "2021-12-01/2021-12-14", "2021-12-14/2021-12-01"),
        "data/timeline.yml:1: timeline event: the range '2021-12-14/2021-12-01' ends before it starts — write "
        "the earlier date first, A/B"),
    # Reported in the wrong place, or drowned, before.
    "yaml-error-in-the-article's-front-matter": (
        _replace(VALID["record"], "docs/index.md", "  year: 2022\n", "  year: 2022\n   bad: [x\n"),
        "docs/index.md:6: YAML error in the front matter: mapping values are not allowed here — fix the "
        "indentation or quoting"),
    "second-article-page-named-before-the-article": (
        {**VALID["record"], "docs/aaa.md": "---\nedition_article: true\n---\n\n# Second\n\nMore [1].\n"},
        "docs/aaa.md:2: a second article page (docs/index.md is the article) — the edition holds one article, "
        "with one record, reference list and numbering, so a [1] here would cite that article's reference 1; "
        "to continue the same article on this page write edition_article: part"),
    "duplicate-note-id": (
        _replace(NOTED, "data/notes.yml", "- id: walt", "- id: realists"),
        "data/notes.yml:8: note 'realists': the id is used already on line 1 — give each note in the file its "
        "own id"),
    "duplicate-register-id": (
        _replace(NOTED, "data/registers/persons.yml", "- id: walt", "- id: morgenthau"),
        "data/registers/persons.yml:6: register entry 'morgenthau': the id is used already on line 1 — give "
        "each register entry in the file its own id"),
    "unclosed-brace-in-editorial-bib-before-a-percent": (
        _replace(WITH_BIBTEX, "bib/editorial.bib", "title = {T},", "title = {T,"),
        "bib/editorial.bib:3: BibTeX syntax error: the '{' on this line is never closed — add the matching '}'"),
    "unclosed-brace-in-editorial-bib-before-a-comment-block": (
        {**WITH_BIBTEX, "bib/editorial.bib": EDITORIAL.replace("title = {T},", "title = {{T},").replace(
            "\n\n@online", "\n\n% ----------\n% Web sources\n% ----------\n\n@online")},
        "bib/editorial.bib:3: BibTeX syntax error: the '{' on this line is never closed — add the matching '}'"),
    "editorial-article-without-its-journal": (
        _replace(WITH_BIBTEX, "bib/editorial.bib", "@book{known,\n  author = {A, B.},\n  title = {T},\n"
                 "  publisher = {P},", "@article{known,\n  author = {A, B.},\n  title = {T},\n  doi = {10.1/x},"),
        "bib/editorial.bib:1: source 'known' is an @article without its journal — add journal = {...} as the "
        "work states it, or, for a work known only by author, title, year and DOI, make it @misc"),
    "editorial-entry-of-a-type-the-style-does-not-set": (
        _replace(WITH_BIBTEX, "bib/editorial.bib", "@book{known,", "@report{known,"),
        "bib/editorial.bib:1: source 'known' has the type @report, which the edition's style does not set — use "
        "@article, @book, @misc, @online"),
    "note-whose-after-matches-no-paragraph": (
        _replace(NOTED, "data/notes.yml", 'after: "Walt defines', 'after: "Walt defined'),
        "data/notes.yml:10: note 'walt': no paragraph starts with \"Walt defined an alliance\" — copy the "
        "first words of the paragraph exactly"),
    "unknown-key-in-a-folded-text": (
        _replace(NOTED, "data/notes.yml", "editors read [@known]", "editors read [@unknown]"),
        "data/notes.yml:6: editorial citation [@unknown] has no entry in bib/editorial.bib — add the entry or "
        "fix the key"),
    "shorthand-far-beyond-the-list": (
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("shorthand = {2}", "shorthand = {20}")},
        "bib/references.bib:11: entry 'walt1990' has shorthand = {20}, but the numbers must run 1-2 without a "
        "gap, as in the article's list (none has {2}) — give it its number in the article"),
    # Missing files.
    "deleted-editorial-bib": (
        {"mkdocs.yml": MKDOCS_YML_WITH_BIBTEX,
         "docs/index.md": INDEX_MD.replace("[1].", "[1]. See [@known].") + "\nAgain [@other].\n"},
        "mkdocs.yml:14: the bibtex plugin reads bib/editorial.bib, which is missing — restore it (git checkout "
        "bib/editorial.bib): it holds the works the editors cite as [@key]"),
    "deleted-references-bib": (
        {"bib/references.bib": None},
        "bib/references.bib:1: the file bib/references.bib is missing — restore it (git checkout "
        "bib/references.bib): it holds the article's numbered references"),
    # Decoding.
    "urldate-of-the-right-form-but-no-such-day": (
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("  language  = {english},\n",
                                                               "  language  = {english},\n  url = {https://e.org/x},\n"
                                                               "  urldate = {2022-13-45},\n")},
        "bib/references.bib:18: entry 'walt1990' has urldate '2022-13-45' — no such day: the month must be "
        "01-12 and the day exist in that month"),
    # Check and build agree: MkDocs' own validation of the nav.
    "renamed-glossary-page": (
        {**VALID["glossary-in-the-nav"], "docs/glossary/walt.md": None, "docs/glossary/walt2.md": GLOSSARY},
        "mkdocs.yml:16: the nav names 'glossary/walt.md', which is not in docs/ — fix the path here, or restore "
        "the page"),
    "glossary-page-missing-from-the-nav": (
        {"docs/glossary/walt.md": GLOSSARY, "docs/glossary/index.md": GLOSSARY_INDEX, "mkdocs.yml": NOT_IN_NAV},
        "docs/glossary/walt.md:1: the page is not in the nav of mkdocs.yml — add an entry for "
        "'glossary/walt.md' under nav: (validation: nav: omitted_files: warn makes a page left out a problem)"),
    "link-to-a-page-that-is-not-there": (
        {"docs/index.md": INDEX_MD + "\nSee [the list](refs.md).\n"},
        "docs/index.md:11: a link 'refs.md', but the target is not found among documentation files — fix the "
        "link, or restore the page it names"),
}
# Bytes that are not UTF-8, in a page and in a data file (written as bytes, below).
BAD_BYTES = {
    "bad-byte-in-the-article": (
        "docs/index.md", INDEX_MD.encode().replace(b"Walt defines", b"Walt \xff defines"),
        "docs/index.md:9: the byte 0xff at column 6 is not UTF-8 — save the file as UTF-8 (retype the character "
        "there)"),
    "bad-byte-in-a-data-file": (
        "data/timeline.yml", TIMELINE.encode().replace(b"Meeting", b"Meet\xe9ing"),
        "data/timeline.yml:2: the byte 0xe9 at column 15 is not UTF-8 — save the file as UTF-8 (retype the "
        "character there)"),
}


@pytest.mark.parametrize("case", sorted(VALID))
def test_the_valid_variants_are_clean(tmp_path: Path, case: str) -> None:
    project = make_site(tmp_path / "project", VALID[case])
    build, check = _build_and_check(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr and "ERROR" not in build.stderr, build.stderr
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_one_mistake_one_message_at_its_line(tmp_path: Path, case: str) -> None:
    files, expected = SCENARIOS[case]
    project = make_site(tmp_path / "project", {path: text for path, text in files.items() if text is not None})
    for path, text in files.items():
        if text is None:
            (project / path).unlink(missing_ok=True)
    _refused(tmp_path, project, expected)


@pytest.mark.parametrize("case", sorted(BAD_BYTES))
def test_bytes_that_are_not_utf8_are_one_message_at_their_line(tmp_path: Path, case: str) -> None:
    path, data, expected = BAD_BYTES[case]
    project = make_site(tmp_path / "project", VALID["timeline"])
    (project / path).write_bytes(data)
    _refused(tmp_path, project, expected)


def _broken_code(tmp_path: Path, module: str, old: str, new: str) -> dict[str, str]:
    """An environment whose `edition` package is a copy of ours with one change in `module`."""
    code = tmp_path / "code"
    shutil.copytree(ROOT / "edition", code / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    target = code / "edition" / module
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}


def _run(project: Path, env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *command], cwd=project, capture_output=True, text=True, env=env,
                          check=False)


def _commands(project: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], ...]:
    return (_run(project, env, "-m", "mkdocs", "build", "--strict", "-d", str(project.parent / "site")),
            _run(project, env, "-m", "edition.build.citation_check"))


def test_a_syntax_error_in_the_editions_code_is_one_line_naming_the_module(tmp_path: Path) -> None:
    env = _broken_code(tmp_path, "inputs/schema.py", "def read_list(", "def read_list((")
    project = make_site(tmp_path / "project")
    expected = ("edition/inputs/schema.py:{line}: bug in the edition: its code cannot be loaded (SyntaxError: "
                "{message}) — please report this line to the edition's maintainers")
    line = 1 + (ROOT / "edition/inputs/schema.py").read_text(encoding="utf-8").split("def read_list(")[0].count("\n")
    for result in _commands(project, env):
        output = result.stdout + result.stderr
        assert result.returncode == 2, output
        assert "Traceback" not in output
        [shown] = [entry.removeprefix("ERROR   -  edition: ") for entry in output.splitlines()
                   if "bug in the edition" in entry]
        assert shown.startswith(expected.split("{line}")[0] + f"{line}: "), shown
        assert shown.endswith("— please report this line to the edition's maintainers"), shown


def test_an_exception_in_the_reference_formatter_is_one_bug_line_with_exit_2(tmp_path: Path) -> None:
    env = _broken_code(tmp_path, "inputs/reference_style.py", "        plain, tokens = split_fields(entry)\n",
                       "        plain, tokens = split_fields(entry)\n        1 / 0\n")
    line = 1 + (tmp_path / "code/edition/inputs/reference_style.py").read_text(encoding="utf-8").split(
        "        1 / 0\n")[0].count("\n")
    project = make_site(tmp_path / "project")
    expected = ("bib/references.bib: bug in the edition while processing this file (ZeroDivisionError: division "
                f"by zero, in edition/inputs/reference_style.py:{line}) — the file may well be right; please "
                "report this line to the edition's maintainers")
    build, check = _commands(project, env)
    assert (build.returncode, check.returncode) == (2, 2), build.stderr + check.stdout + check.stderr
    assert _edition_errors(build.stderr) == [expected], build.stderr
    assert (check.stdout + check.stderr).splitlines() == [expected]
    assert "Traceback" not in build.stderr + check.stderr


def test_mkdocs_warnings_about_the_nav_are_not_repeated_by_mkdocs(tmp_path: Path) -> None:
    # The one message is the edition's: MkDocs' own warning for the same mistake is taken.
    files, expected = SCENARIOS["renamed-glossary-page"]
    project = make_site(tmp_path / "project", {path: text for path, text in files.items() if text is not None})
    build, _ = _build_and_check(project, tmp_path / "site")
    assert "A reference to 'glossary/walt.md'" not in build.stderr
    assert _edition_errors(build.stderr) == [expected]


def test_a_broken_anchor_stays_mkdocs_own_strict_warning(tmp_path: Path) -> None:
    # MkDocs checks anchors after the last event the edition sees: its warning is not taken.
    project = make_site(tmp_path / "project", {
        "mkdocs.yml": MKDOCS_YML + "validation:\n  links:\n    anchors: warn\n",
        "docs/index.md": INDEX_MD + "\nSee [the list](references.md#nowhere).\n"})
    build, _ = _build_and_check(project, tmp_path / "site")
    assert build.returncode == 1
    assert "WARNING -  Doc file 'index.md' contains a link 'references.md#nowhere', but the doc 'references.md' " \
           "does not contain an anchor '#nowhere'." in build.stderr
