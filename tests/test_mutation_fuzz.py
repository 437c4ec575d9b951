"""Seeded mutation fuzz (issue 12): a few hundred small random edits of the sources an
editor touches (both bib files, the article, a glossary page and every data file) of a
tiny annotated project. For every edit, `citation-check` (run in-process, for speed) must
exit 0 or 1, never 2 (a bug) and never with a traceback, and print nothing but
`path:line: message` lines and its summary. For a sample of the edits the strict build
runs too and must report exactly the same problems.

The seed is fixed, so a failure is reproducible: the test prints the case, file and edit.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
from pathlib import Path

import pytest

from conftest import run_mkdocs_build
from sites import BOOK_1, BOOK_2, INDEX_MD, MKDOCS_YML_WITH_BIBTEX, make_site

SEED = 12
CASES = 300
BUILT = 12  # cases also built with `mkdocs build --strict`
LINE = re.compile(r"[^\s:]+(?:/[^\s:]+)*:[0-9]+: \S.*")
SUMMARY = re.compile(r"citation-check: [0-9]+ citations on [0-9]+ page\(s\), [0-9]+ references in "
                     r"bib/references\.bib: (all resolved|[0-9]+ problem\(s\))")
INSERTED = "{}%,@\"'[]():;-<>\n#&=\\|0123456789 \t"

FILES = {
    "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX,
    "bib/references.bib": BOOK_1 + "\n" + BOOK_2,
    "bib/editorial.bib": "@book{waltz1959,\n  author = {Waltz, K.N.},\n  title = {{Man, the State, and War}},\n"
                         "  publisher = {Columbia University Press},\n  year = {1959},\n}\n",
    "docs/index.md": INDEX_MD.replace("balance of power [1]", "balance of power (H. Morgenthau) [1]")
    + "\nThe parties met in Tashkent {sic: in 2021 | corr: in 2022 | note: see [@waltz1959]} [1, 2].\n",
    "docs/glossary/morgenthau.md": "---\ntitle: Hans J. Morgenthau\nglossary:\n  kind: theorist\n"
                                   "  aliases: [\"H. Morgenthau\"]\n  summary: \"A theorist.\"\n"
                                   "  references: [morgenthau1948]\n---\n\n# Hans J. Morgenthau\n\n"
                                   "A realist [@waltz1959].\n",
    "docs/places.md": "# Places\n\n<!-- edition:register places -->\n",
    "docs/timeline.md": "# Timeline\n\n<!-- edition:timeline -->\n",
    "docs/emendations.md": "# Emendations\n\n<!-- edition:emendations -->\n\n<!-- edition:rejected-emendations -->\n",
    "data/registers/places.yml": "- id: tashkent\n  name: \"Tashkent\"\n  aliases: [\"Tashkent\"]\n"
                                 "  description: \"A city [@waltz1959].\"\n  link: true\n",
    "data/timeline.yml": "- date: \"2021-12-06\"\n  label: \"Meeting\"\n  quote: \"The parties met\"\n"
                         "  note: \"Inferred.\"\n",
    "data/notes.yml": "- id: realists\n  title: \"On realists\"\n  after: \"Realists see alliances\"\n"
                      "  text: >-\n    Realists hold so [@waltz1959].\n",
    "data/emendation-candidates.yml": "- where: \"¶1\"\n  printed: \"balance\"\n  proposed: \"balances\"\n"
                                      "  decision: reject\n  reason: \"As printed.\"\n",
}
MUTABLE = sorted(path for path in FILES if path != "mkdocs.yml" and not path.endswith(("places.md", "timeline.md",
                                                                                        "emendations.md")))


def _mutate(text: str, rng: random.Random) -> tuple[str, str]:
    """One random edit of the kinds an editor makes by mistake, and what it was."""
    lines = text.split("\n")
    kind = rng.choice(("delete", "insert", "replace", "drop-line", "duplicate-line", "swap-lines", "digit"))
    position = rng.randrange(max(len(text), 1))
    if kind == "delete" and text:
        return text[:position] + text[position + 1:], f"delete {text[position]!r} at {position}"
    if kind in ("insert", "replace"):
        character = rng.choice(INSERTED)
        end = position + (kind == "replace")
        return text[:position] + character + text[end:], f"{kind} {character!r} at {position}"
    index = rng.randrange(len(lines))
    if kind == "drop-line":
        return "\n".join(lines[:index] + lines[index + 1:]), f"drop line {index + 1}"
    if kind == "duplicate-line":
        return "\n".join(lines[:index + 1] + lines[index:]), f"duplicate line {index + 1}"
    if kind == "swap-lines" and index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
        return "\n".join(lines), f"swap lines {index + 1} and {index + 2}"
    digits = [match.start() for match in re.finditer(r"[0-9]", text)]
    if not digits:
        return text + "\n", "append a newline"
    at = rng.choice(digits)
    return text[:at] + rng.choice("0123456789") + text[at + 1:], f"change the digit at {at}"


def _check(project: Path) -> tuple[int, list[str]]:
    from edition.build.citation_check import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([])
    return status, (out.getvalue() + err.getvalue()).splitlines()


def _cases() -> list[tuple[int, str, str, str]]:
    rng = random.Random(SEED)
    cases = []
    for number in range(CASES):
        path = rng.choice(MUTABLE)
        text, edit = FILES[path], ""
        for _ in range(rng.choice((1, 1, 2))):
            text, one = _mutate(text, rng)
            edit = f"{edit}; {one}" if edit else one
        cases.append((number, path, text, edit))
    return cases


def test_the_unmutated_project_is_clean(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", FILES)
    status, output = _check(project)
    assert status == 0, output
    assert run_mkdocs_build(project, tmp_path / "site").returncode == 0


def test_mutations_give_messages_never_a_crash(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", FILES)
    failures = []
    for number, path, text, edit in _cases():
        (project / path).write_text(text, encoding="utf-8")
        status, output = _check(project)
        bad = [line for line in output[:-1] if not LINE.fullmatch(line)]
        if status not in (0, 1) or bad or not output or not SUMMARY.fullmatch(output[-1]):
            failures.append(f"case {number}, {path}, {edit}: status {status}\n  " + "\n  ".join(output))
        (project / path).write_text(FILES[path], encoding="utf-8")
    assert not failures, f"{len(failures)} of {CASES} cases:\n" + "\n".join(failures[:10])


@pytest.mark.parametrize("number", range(0, CASES, CASES // BUILT))
def test_build_and_check_agree(tmp_path: Path, number: int) -> None:
    _, path, text, edit = _cases()[number]
    project = make_site(tmp_path / "project", {**FILES, path: text})
    status, output = _check(project)
    build = run_mkdocs_build(project, tmp_path / "site")
    errors = [match[1] for match in re.finditer(r"^ERROR   -  edition: (.*)$", build.stderr, re.MULTILINE)]
    assert "Traceback" not in build.stderr, f"{path}, {edit}:\n{build.stderr}"
    assert errors == output[:-1], f"{path}, {edit}"
    assert build.returncode == status, f"{path}, {edit}:\n{build.stderr}"
