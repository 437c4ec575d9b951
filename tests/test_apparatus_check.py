"""The apparatus check (edition/inputs/apparatus_sources.py): web sources without an access date,
glossary paragraphs and notes that cite nothing, absolute paths in comments and data, editors'
sources with a placeholder title or on a host that republishes other outlets' stories.

Layer (a): the pure checks on small texts, with exact messages and lines.
Layer (b): one tiny project per problem, built and checked, the exact line asserted.
Layer (c): the real edition passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs_build
from edition.inputs.apparatus_sources import (
    CITES_NOTHING,
    REPUBLISHERS,
    check_apparatus,
    check_editorial_entries,
    check_glossary_page,
    check_paths,
    check_web_entries,
)
from sites import MKDOCS_YML_WITH_BIBTEX, build_and_check_refuse, make_site, run_check

PATH_HINT = ("name a project file by its path in the project (e.g. bib/editorial.bib) "
             "or describe the source in words")

# --- (a) the pure checks ----------------------------------------------------------

EDITORIAL = """\
% A comment line.
@online{dated,
  title   = {{A page}},
  url     = {https://example.org/a},
  urldate = {2026-12-01},
}

@online{undated,
  title = {{Another page}},
  url   = {https://example.org/b},
}

@book{book-with-url,
  title     = {{A book}},
  publisher = {A press},
  url       = {https://example.org/c},
}

@book{book-without-url,
  title     = {{A printed book}},
  publisher = {A press},
}

@online{online-without-url,
  title = {{A page whose address was lost}},
}
"""


def test_web_entries_without_urldate_are_refused_with_their_lines() -> None:
    problems = check_web_entries(EDITORIAL, "bib/editorial.bib")
    assert [str(problem) for problem in problems] == [
        f"bib/editorial.bib:{line}: web source '{key}' has no urldate — add urldate = {{YYYY-MM-DD}}, "
        "the day the editors read the page"
        for line, key in ((8, "undated"), (13, "book-with-url"), (24, "online-without-url"))
    ]


def test_a_urldate_in_another_entry_does_not_count() -> None:
    text = "@online{a,\n  url = {https://example.org}\n}\n@online{b,\n  url = {x},\n  urldate = {2026-12-01},\n}\n"
    assert [problem.line for problem in check_web_entries(text, "e.bib")] == [1]


PLACEHOLDER_HINT = ("give the work's own title as it stands on the page or title page, "
                    "or leave the source out")
COPIES = """\
@online{placeholder,
  title   = {{[Article on a theorist]}},
  url     = {https://magazine.example.edu/article/a},
  urldate = {2026-12-07},
}

@online{titled,
  title   = {{[Sic] A title that opens with a bracket}},
  url     = {https://www.reuters.com/article/a},
  urldate = {2026-12-07},
}

@online{copy,
  title        = {{A story}},
  organization = {laprensalatina.com},
  url          = {https://www.laprensalatina.com/a-story/},
  urldate      = {2026-12-07},
}

@article{review,
  title = {{A review}},
  url   = {https://vlex.co.uk/vid/a-review-1},
  urldate = {2026-12-07},
}

@online{look-alike,
  title   = {{Not a copy}},
  url     = {https://notvlex.co.uk/vid/b},
  urldate = {2026-12-07},
}
"""


def test_placeholder_titles_and_copies_are_refused_at_their_field_lines() -> None:
    problems = check_editorial_entries(COPIES, "bib/editorial.bib")
    assert [str(problem) for problem in problems] == [
        f"bib/editorial.bib:2: source 'placeholder' has the placeholder title [Article on a theorist] — "
        f"{PLACEHOLDER_HINT}",
        "bib/editorial.bib:16: source 'copy' is a page of laprensalatina.com, which reprints EFE stories — "
        "cite EFE's own story (edition/inputs/apparatus_sources.py, REPUBLISHERS)",
        "bib/editorial.bib:22: source 'review' is a page of vlex.co.uk, which copies journal articles and "
        "reviews — cite the journal article by its DOI (edition/inputs/apparatus_sources.py, REPUBLISHERS)",
    ]


@pytest.mark.parametrize("host", sorted(REPUBLISHERS))
def test_every_listed_host_is_refused_with_its_reason(host: str) -> None:
    text = f"@online{{x,\n  url = {{https://{host}/a}},\n  urldate = {{2026-12-07}},\n}}\n"
    [problem] = check_editorial_entries(text, "e.bib")
    assert (problem.line, REPUBLISHERS[host] in problem.message) == (2, True)
    assert check_editorial_entries(text.replace(host, "example.org"), "e.bib") == []


GLOSSARY_PAGE = """\
---
title: Term
glossary:
  kind: concept
  aliases: ["term"]
  summary: "A term."
---

# Term

A claim with its source [@source].

A claim from the article (¶12).

The article's own reference [5, p.1] supports this.

A claim that cites nothing,
over two lines.

<!-- edition:glossary -->

```
Code cites nothing and is not a paragraph.
```

## Further reading

- A work [@work].
- A work without a citation.
"""


def test_glossary_paragraphs_and_list_items_citing_nothing_are_refused() -> None:
    problems = check_glossary_page(GLOSSARY_PAGE, "docs/glossary/term.md")
    assert [str(problem) for problem in problems] == [
        f"docs/glossary/term.md:17: paragraph {CITES_NOTHING}",
        f"docs/glossary/term.md:29: list item {CITES_NOTHING}",
    ]
    assert CITES_NOTHING.startswith("cites nothing — cite a source as [@key]")


def test_a_page_without_glossary_front_matter_is_not_an_entry() -> None:
    assert check_glossary_page("# Glossary\n\nThe terms of the article.\n", "docs/glossary/index.md") == []


@pytest.mark.parametrize("line, path", [
    ("# drafted from /tmp/registers-sources.bib", "/tmp/registers-sources.bib"),
    ('  note: "see /home/editor/notes.txt"', "/home/editor/notes.txt"),
    ("% copy text (/work/shared/source/article.txt)", "/work/shared/source/article.txt"),
    ("# kept in ~/drafts", "~/drafts"),
    (r"# exported to C:\Users\ed\bib.txt", r"C:\Users\ed\bib.txt"),
])
def test_absolute_paths_in_comments_and_values_are_refused(line: str, path: str) -> None:
    problems = check_paths(f"- id: x\n{line}\n", "data/x.yml")
    assert [str(problem) for problem in problems] == [
        f"data/x.yml:2: names the absolute path '{path}' — {PATH_HINT}"]


@pytest.mark.parametrize("line", [
    "  url = {https://uza.uz/ru/posts/uzbekistan-i-kazaxstan_327858},",
    '- date: "2020-05/2020-07"',
    "# the keys are entries of bib/editorial.bib and docs/about/principles.md",
    "  description: \"and/or, 1/10/100, May–July\"",
])
def test_urls_relative_paths_and_slashes_in_prose_pass(line: str) -> None:
    assert check_paths(line + "\n", "data/x.yml") == []


# --- (b) tiny projects -----------------------------------------------------------

ARTICLE = """\
---
edition_article: true
---

# A tiny article

For H. Morgenthau alliances serve the balance of power [1].

Walt defines an alliance as security cooperation between states [2, p.5].
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

A theorist of the balance of power [@morgenthau1946].
"""

EDITORIAL_BIB = """\
@book{morgenthau1946,
  author    = {Morgenthau, Hans J.},
  title     = {{Scientific Man vs. Power Politics}},
  publisher = {University of Chicago Press},
  year      = {1946},
}
"""

NOTE = """\
- id: balance
  title: "Balance"
  after: "For H. Morgenthau alliances"
  text: >-
    A note on the balance of power [@morgenthau1946].
"""

CLEAN = {
    "docs/index.md": ARTICLE,
    "docs/glossary/morgenthau.md": GLOSSARY,
    "bib/editorial.bib": EDITORIAL_BIB,
    "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX,
    "data/notes.yml": NOTE,
    "docs/notes.md": "# Notes\n\n<!-- edition:notes -->\n",
    "docs/glossary/index.md": "# Glossary\n\n<!-- edition:glossary -->\n",
}

CASES = {
    "web-source-without-urldate": (
        {"bib/editorial.bib": EDITORIAL_BIB + "\n@online{a-page,\n  title = {{A page}},\n"
                                              "  url = {https://example.org/page},\n}\n"},
        "bib/editorial.bib:8: web source 'a-page' has no urldate — add urldate = {YYYY-MM-DD}, "
        "the day the editors read the page",
    ),
    "glossary-paragraph-citing-nothing": (
        {"docs/glossary/morgenthau.md": GLOSSARY + "\nHe taught in Chicago.\n"},
        f"docs/glossary/morgenthau.md:13: paragraph {CITES_NOTHING}",
    ),
    "note-citing-nothing": (
        {"data/notes.yml": NOTE.replace(" [@morgenthau1946]", "")},
        f"data/notes.yml:1: note 'balance' {CITES_NOTHING}",
    ),
    "placeholder-title": (
        {"bib/editorial.bib": EDITORIAL_BIB.replace("{{Scientific Man vs. Power Politics}}",
                                                    "{{[A book by Morgenthau]}}")},
        f"bib/editorial.bib:3: source 'morgenthau1946' has the placeholder title [A book by Morgenthau] — "
        f"{PLACEHOLDER_HINT}",
    ),
    "source-on-a-republishing-host": (
        {"bib/editorial.bib": EDITORIAL_BIB + "\n@online{a-copy,\n  title = {{A story}},\n"
                                              "  url = {https://watchers.news/2020/05/04/a-story/},\n"
                                              "  urldate = {2026-12-07},\n}\n"},
        "bib/editorial.bib:10: source 'a-copy' is a page of watchers.news, which rewrites Reuters and AFP "
        "stories — cite the agency's own story (edition/inputs/apparatus_sources.py, REPUBLISHERS)",
    ),
    "absolute-path-in-a-data-comment": (
        {"data/notes.yml": "# sources merged from /tmp/notes-sources.bib\n" + NOTE},
        f"data/notes.yml:1: names the absolute path '/tmp/notes-sources.bib' — {PATH_HINT}",
    ),
}


def test_the_tiny_apparatus_is_clean(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", CLEAN)
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    check = run_check(project)
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_apparatus_problem_is_reported_with_file_and_line(tmp_path: Path, case: str) -> None:
    files, message = CASES[case]
    project = make_site(tmp_path / "project", {**CLEAN, **files})
    build, check = build_and_check_refuse(project, tmp_path / "site")
    assert f"ERROR   -  edition: {message}" in build.stderr, build.stderr
    assert check.stdout.splitlines()[:-1] == [message], check.stdout


# --- (c) the real edition ----------------------------------------------------------

def test_the_edition_apparatus_passes() -> None:
    assert check_apparatus(ROOT, ROOT / "docs") == []

