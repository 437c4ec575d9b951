"""Layer (b): one tiny project per bad input, built and checked, exact error lines asserted.

Each scenario changes one thing in the valid tiny project of tests/sites.py and is run
through both `mkdocs build --strict` (the hooks) and `citation-check` (edition.build.citation_check):
both must exit 1, print every problem as `path:line: message` with the real file line,
print no traceback, and leave the project's files untouched.
"""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run_mkdocs_build
from sites import BOOK_1, BOOK_2, INDEX_MD, REFERENCES_MARKER, make_site, run_check, snapshot

ENTRIES_1_2 = ("(entries are 1-2) — check the number against the printed reference list, "
               "or add the entry with that shorthand")
GAP_2 = ("bib/references.bib:11: no entry has shorthand = {2}, the number before this entry's {3} — the numbers "
         "must run 1-2 without a gap, as in the article's list: renumber this entry or add the missing one")
FRONT_MATTER_INDEX = """\
---
title: A tiny article
edition_article: true
description: >-
  Two good citations, one in code, one unknown.
---

# A tiny article

Realists see alliances as a function of the balance of power [1].

Walt defines an alliance as security cooperation between states [2, p.5].

In code, `[3]` is only an example of the syntax.

But this [3] is a citation.
"""


def _with_paragraph(text: str) -> str:
    """The default article with a third paragraph on line 11."""
    return INDEX_MD + f"\nThe alliance held {text}.\n"


SCENARIOS = [
    pytest.param(
        {"docs/index.md": _with_paragraph("[3]")},
        ["docs/index.md:11: citation [3] has no entry in bib/references.bib " + ENTRIES_1_2],
        id="unknown-number"),
    pytest.param(
        {"docs/index.md": _with_paragraph("[0]")},
        ["docs/index.md:11: citation [0] has no entry in bib/references.bib " + ENTRIES_1_2],
        id="number-zero"),
    pytest.param(
        {"docs/index.md": _with_paragraph("[2, p.]")},
        ["docs/index.md:11: malformed page locator in citation [2, p.] — write p.X for one page "
         "or pp.X-Y for a range, e.g. [2, p.137] or [6, pp.1-17]"],
        id="malformed-locator"),
    pytest.param(
        {"docs/index.md": _with_paragraph("[02]")},
        ["docs/index.md:11: citation [02] has a leading zero — write the reference number as "
         "printed, e.g. [2]"],
        id="leading-zero"),
    pytest.param(
        {"docs/index.md": INDEX_MD.replace(" [2, p.5]", "")},
        ["bib/references.bib:10: reference 2 ('walt1990') is never cited in the text — cite it as "
         "[2] where the article does, or remove the entry"],
        id="reference-never-cited"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("  shorthand = {2},\n", "")},
        ["bib/references.bib:10: entry 'walt1990' has no shorthand — add shorthand = {N}, the "
         "number the article gives this reference"],
        id="entry-without-shorthand"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("{2}", "{1}")},
        ["bib/references.bib:11: number 1 is given to both 'morgenthau1948' (line 1) and "
         "'walt1990' — each number belongs to exactly one entry; give this one its own shorthand"],
        id="number-used-twice"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("{1990},", "{1990}")},
        ["bib/references.bib:15: BibTeX syntax error: no comma after this field — end the line "
         "with ','"],
        id="bib-syntax-error"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("{2}", "{3}"),
         "docs/index.md": INDEX_MD.replace("[2, p.5]", "[3, p.5]")},
        [GAP_2],
        id="gap-in-numbers"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("walt1990", "morgenthau1948")},
        ["bib/references.bib:10: duplicate key 'morgenthau1948' (first used on line 1) — every "
         "entry needs its own key"],
        id="duplicate-key"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace("  publisher = {Cornell University Press},\n", "")},
        ["bib/references.bib:10: entry 'walt1990' (@book) has no 'publisher' field — add "
         "publisher = {...} as the printed reference list gives it"],
        id="missing-required-field"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace(
            "  year ", "  url       = {javascript:alert(1)},\n  year ")},
        ["bib/references.bib:15: entry 'walt1990' has url 'javascript:alert(1)' — only http:// "
         "and https:// addresses are allowed"],
        id="javascript-url"),
    pytest.param(
        {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace(
            "{{The origins of alliances}}", "{The origins \\}")},
        ["bib/references.bib:10: entry 'walt1990' cannot be formatted ('latex' codec can't decode "
         "byte 0x5c in position 12: unknown token '\\\\') — check its braces, backslashes and names"],
        id="title-ending-in-backslash-no-traceback"),
    pytest.param(
        {"docs/index.md": FRONT_MATTER_INDEX},
        ["docs/index.md:16: citation [3] has no entry in bib/references.bib " + ENTRIES_1_2],
        id="line-counts-front-matter-and-skips-code"),
    pytest.param(
        {"docs/references.md": "# References\n\nThe list is missing.\n"},
        [f"docs:1: the marker {REFERENCES_MARKER} must stand on exactly one page (found on no "
         "page) — it is where the reference list is rendered"],
        id="no-references-marker"),
    pytest.param(
        {"docs/about.md": f"# About\n\n{REFERENCES_MARKER}\n"},
        [f"docs:1: the marker {REFERENCES_MARKER} must stand on exactly one page (found on "
         "about.md, references.md) — it is where the reference list is rendered"],
        id="two-references-markers"),
]


def _build_and_check(project: Path, out: Path) -> tuple[subprocess.CompletedProcess[str],
                                                         subprocess.CompletedProcess[str]]:
    """The strict build and citation-check, run side by side (neither writes to the project)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        build = pool.submit(run_mkdocs_build, project, out)
        check = pool.submit(run_check, project)
        return build.result(), check.result()


def _edition_errors(stderr: str) -> list[str]:
    return [match[1] for match in re.finditer(r"^ERROR   -  edition: (.*)$", stderr, re.MULTILINE)]


@pytest.mark.parametrize(("files", "expected"), SCENARIOS)
def test_bad_input_fails_with_exact_lines(tmp_path: Path, files: dict[str, str],
                                          expected: list[str]) -> None:
    project = make_site(tmp_path / "project", files)
    before = snapshot(project)
    build, check = _build_and_check(project, tmp_path / "site")

    assert "Traceback" not in build.stderr + build.stdout
    assert build.returncode == 1, build.stderr
    assert _edition_errors(build.stderr) == expected, build.stderr
    assert (f"ERROR   -  {len(expected)} problem(s) in the citations or the bibliography "
            "(listed above as file:line: message)") in build.stderr.splitlines()

    assert "Traceback" not in check.stderr + check.stdout
    assert check.returncode == 1, check.stdout + check.stderr
    *problems, summary = check.stdout.splitlines()
    assert problems == expected
    assert summary.startswith("citation-check: ")
    assert summary.endswith(f": {len(expected)} problem(s)")

    after = snapshot(project)
    assert {path: after.get(path) for path in before} == before


def test_valid_site_builds_and_checks(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project")
    build, check = _build_and_check(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert "ERROR" not in build.stderr and "WARNING" not in build.stderr
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == ("citation-check: 2 citations on 1 page(s), 2 references in "
                            "bib/references.bib: all resolved\n")
    assert check.stderr == ""

    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [(a.get_text(), a["href"]) for a in page.select(".edition-cite a.edition-cite__link")]
    assert links == [("[1]", "references/#ref-1"), ("[2, p.5]", "references/#ref-2")]
    references = BeautifulSoup((tmp_path / "site" / "references" / "index.html")
                               .read_text(encoding="utf-8"), "html.parser")
    assert [li["id"] for li in references.select("li[id^=ref-]")] == ["ref-1", "ref-2"]


NOT_CITATIONS_INDEX = """\
---
edition_article: true
---

# Heading with [9]

Realists see alliances as a function of the balance of power [1]. The syntax `[9]` is code.

Walt defines an alliance as security cooperation [2, p.5]. See [the list [9]](references.md).

An escaped \\[9] is text, and so are [sic] and [Electronic resource].

    [9] in an indented code block
"""


def test_brackets_that_are_not_citations(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", {"docs/index.md": NOT_CITATIONS_INDEX})
    build, check = _build_and_check(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.endswith("citation-check: 2 citations on 1 page(s), 2 references in "
                                 "bib/references.bib: all resolved\n")

    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert [cite.a.get_text() for cite in article.select(".edition-cite")] == ["[1]", "[2, p.5]"]
    assert "[9]" in article.h1.get_text()
    assert [code.get_text() for code in article.select("p code")] == ["[9]"]
    assert article.select_one('a[href="references/"]').get_text() == "the list [9]"
    assert "An escaped [9] is text, and so are [sic] and [Electronic resource]." in article.get_text()
    assert "[9] in an indented code block" in article.select_one("pre").get_text()
