"""Seeded mutation fuzz (issue 12): a few hundred small random edits of the sources an
editor touches (both bib files, the article, a glossary page and every data file) of a
tiny annotated project. For every edit, `citation-check` (run in-process, for speed) must
exit 0 or 1, never 2 (a bug) and never with a traceback, and print nothing but
`path:line: message` lines and its summary. For a sample of the edits the strict build
runs too and must report exactly the same problems.

Structural edits (issue 25) are fuzzed too: a brace, a marker or a line deleted, list
items swapped (an item pasted twice), bytes that are not UTF-8, a whole file deleted.
Every one must give the same: exit 0 or 1, only located messages, and, for a sample, the
same problems from the strict build.

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
STRUCTURAL = 80  # structural edits (issue 25)
STRUCTURAL_BUILT = 6
MARKER = re.compile(r"<!-- edition:[^>]*-->\n?|\{sic:")
BAD_BYTES = (b"\xff", b"\xfe", b"\xc3", b"\x80", b"\xe2\x80")
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
    "docs/notes.md": "# Notes\n\n<!-- edition:notes -->\n",
    "docs/glossary/index.md": "# Glossary\n\n<!-- edition:glossary -->\n",
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


def _structural(rng: random.Random) -> tuple[str, str | bytes | None, str]:
    """One structural edit of one file: (path, its new content, None to delete it, the edit)."""
    kind = rng.choice(("delete-brace", "delete-marker", "swap-items", "bad-byte", "delete-file", "delete-line"))
    path = rng.choice(sorted(path for path in FILES if path != "mkdocs.yml"))
    text = FILES[path]
    if kind == "delete-file":
        return path, None, "delete the file"
    if kind == "bad-byte":
        data = text.encode()
        at, byte = rng.randrange(len(data) + 1), rng.choice(BAD_BYTES)
        return path, data[:at] + byte + data[at:], f"insert the bytes {byte!r} at {at}"
    if kind == "delete-marker" and MARKER.search(text):
        found = rng.choice(list(MARKER.finditer(text)))
        if found[0] == "{sic:":  # the emendation's closing brace
            end = text.index("}", found.start())
            return path, text[:end] + text[end + 1:], f"delete the '}}' of the emendation at {found.start()}"
        return path, text[:found.start()] + text[found.end():], f"delete the marker {found[0].strip()!r}"
    if kind == "swap-items":
        head = re.compile(r"^(?:- |@)", re.MULTILINE)
        starts = [match.start() for match in head.finditer(text)]
        if starts:
            items = [text[start:end] for start, end in zip(starts, starts[1:] + [len(text)], strict=True)]
            if len(items) == 1:
                items = items * 2  # pasted twice
            index = rng.randrange(len(items) - 1)
            items[index], items[index + 1] = items[index + 1], items[index]
            return path, text[:starts[0]] + "".join(items), f"swap items {index + 1} and {index + 2}"
    if kind == "delete-line":
        lines = text.split("\n")
        index = rng.randrange(len(lines))
        return path, "\n".join(lines[:index] + lines[index + 1:]), f"delete line {index + 1}"
    braces = [index for index, character in enumerate(text) if character in "{}"]
    if not braces:
        return path, text + "}", "add a '}' at the end"
    at = rng.choice(braces)
    return path, text[:at] + text[at + 1:], f"delete the {text[at]!r} at {at}"


def _structural_cases() -> list[tuple[int, str, str | bytes | None, str]]:
    rng = random.Random(SEED + 1)
    return [(number, *_structural(rng)) for number in range(STRUCTURAL)]


def _put(project: Path, path: str, content: str | bytes | None) -> None:
    target = project / path
    if content is None:
        target.unlink()
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


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
    _assert_build_and_check_agree(make_site(tmp_path / "project", {**FILES, path: text}), tmp_path, f"{path}, {edit}")


def _assert_build_and_check_agree(project: Path, tmp_path: Path, case: str) -> None:
    """citation-check and the strict build give the same messages and the same status."""
    status, output = _check(project)
    build = run_mkdocs_build(project, tmp_path / "site")
    errors = [match[1] for match in re.finditer(r"^ERROR   -  edition: (.*)$", build.stderr, re.MULTILINE)]
    assert "Traceback" not in build.stderr, f"{case}:\n{build.stderr}"
    assert errors == output[:-1], case
    assert build.returncode == status, f"{case}:\n{build.stderr}"


def test_structural_edits_give_messages_never_a_crash(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", FILES)
    failures, refused = [], 0
    for number, path, content, edit in _structural_cases():
        _put(project, path, content)
        status, output = _check(project)
        refused += status == 1
        bad = [line for line in output[:-1] if not LINE.fullmatch(line)]
        if status not in (0, 1) or bad or not output or not SUMMARY.fullmatch(output[-1]):
            failures.append(f"structural case {number}, {path}, {edit}: status {status}\n  " + "\n  ".join(output))
        _put(project, path, FILES[path])
    assert not failures, f"{len(failures)} of {STRUCTURAL} cases:\n" + "\n".join(failures[:10])
    assert refused > STRUCTURAL // 2, "most structural edits are mistakes the edition names"


@pytest.mark.parametrize("number", range(0, STRUCTURAL, STRUCTURAL // STRUCTURAL_BUILT))
def test_build_and_check_agree_on_structural_edits(tmp_path: Path, number: int) -> None:
    _, path, content, edit = _structural_cases()[number]
    project = make_site(tmp_path / "project", FILES)
    _put(project, path, content)
    _assert_build_and_check_agree(project, tmp_path, f"{path}, {edit}")
