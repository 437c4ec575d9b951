"""Layer (b) for the input layer (issue 12): each ordinary mistake, in each kind of source,
built with `mkdocs build --strict` and checked with `citation-check`. Both must exit 1,
print exactly the one expected `path:line: message` (no knock-on messages, no traceback),
and leave the project untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.adapters.mkdocs_bibtex import AcceptedCopy
from edition.inputs.editorial import load_editorial
from sites import (
    BOOK_1,
    BOOK_2,
    INDEX_MD,
    MKDOCS_YML,
    MKDOCS_YML_WITH_BIBTEX,
    REFERENCES_MD,
    make_site,
    run_check,
    snapshot,
)
from test_error_sites import _build_and_check, _edition_errors

REFERENCES = BOOK_1 + "\n" + BOOK_2  # entries on lines 1 and 10; walt1990's fields on 11-16
ONLINE_2 = """\
@online{site2022,
  shorthand = {2},
  title     = {Page},
  url       = {https://example.org/page},
  urldate   = {2022-02-01},
  language  = {english},
}
"""
GLOSSARY = """\
---
title: Stephen M. Walt
glossary:
  kind: theorist
  aliases: ["Walt"]
  summary: "A theorist."
  references: [walt1990]
---

# Stephen M. Walt
"""
PERSONS = """\
- id: morgenthau
  name: "H. Morgenthau"
  aliases: ["Realists"]
  description: "A theorist."
"""
PERSONS_PAGE = "# Persons\n\n<!-- edition:register persons -->\n"
NOTE = """\
- id: note-1
  title: "On alliances"
  after: "Realists see alliances"
  text: "A note on ¶1."
"""


def _bib(old: str, new: str) -> dict[str, str]:
    assert old in BOOK_2
    return {"bib/references.bib": BOOK_1 + "\n" + BOOK_2.replace(old, new)}


def _persons(old: str, new: str) -> dict[str, str]:
    assert old in PERSONS
    return {"data/registers/persons.yml": PERSONS.replace(old, new), "docs/persons.md": PERSONS_PAGE}


EDITORIAL = "@book{known,\n  author = {A, B.},\n  title = {T},\n  publisher = {P},\n  year = {2000},\n}\n"


SCENARIOS = {
    # Tracebacks before (issue 12): now one message each.
    "entry-without-title": (
        _bib("  title     = {{The origins of alliances}},\n", ""),
        "bib/references.bib:10: entry 'walt1990' (@book) has no 'title' field — add title = {...} as the "
        "printed reference list gives it"),
    "year-not-a-number": (
        _bib("{1990}", "{nineteen ninety}"),
        "bib/references.bib:15: entry 'walt1990' has year 'nineteen ninety' — write the year of publication "
        "as four digits, e.g. year = {1990}"),
    "bare-percent-outside-braces": (
        _bib("{1990}", "19%90"),
        "bib/references.bib:15: entry 'walt1990' has a bare % — LaTeX reads it as the start of a comment and "
        "drops the rest; write \\% for a percent sign"),
    "access-date-not-iso": (
        {"bib/references.bib": BOOK_1 + "\n" + ONLINE_2.replace("2022-02-01", "01.02.2022")},
        "bib/references.bib:14: entry 'site2022' has urldate '01.02.2022' — write dates as YYYY-MM-DD, "
        "e.g. 2022-02-01"),
    "access-date-not-a-day": (
        {"bib/references.bib": BOOK_1 + "\n" + ONLINE_2.replace("2022-02-01", "2022-02-30")},
        "bib/references.bib:14: entry 'site2022' has urldate '2022-02-30' — no such day: the month must be "
        "01-12 and the day exist in that month"),
    "timeline-month-13": (
        {"data/timeline.yml": "- date: \"1998-13\"\n  label: \"Treaty\"\n  quote: \"Realists see\"\n"},
        "data/timeline.yml:1: timeline event: date '1998-13' is not a date — write YYYY, YYYY-MM or "
        "YYYY-MM-DD (a real month and day), or a range A/B"),
    # Knock-on messages before: now only the mistake itself, at its own line.
    "unclosed-brace": (
        _bib("{Cornell University Press},", "{Cornell University Press,"),
        "bib/references.bib:14: BibTeX syntax error: the '{' on this line is never closed — add the "
        "matching '}'"),
    "missing-shorthand-of-a-glossary-reference": (
        {**_bib("  shorthand = {2},\n", ""), "docs/glossary/walt.md": GLOSSARY,
         "docs/glossary/index.md": "# Glossary\n\n<!-- edition:glossary -->\n"},
        "bib/references.bib:10: entry 'walt1990' has no shorthand — add shorthand = {N}, the number the "
        "article gives this reference"),
    "citation-error-where-a-heading-holds-the-same-text": (
        {"docs/index.md": INDEX_MD.replace("# A tiny article", "# A tiny article [2, p.]")
         + "\nThe alliance held [2, p.].\n"},
        "docs/index.md:11: malformed page locator in citation [2, p.] — write p.X for one page or pp.X-Y "
        "for a range, e.g. [2, p.137] or [6, pp.1-17]"),
    # Lines from positions (edition/text/source_lines.py): the same text where the scan does not
    # look (a link's text, a footnote), in an earlier paragraph or in the same one.
    "citation-error-where-an-earlier-link-text-holds-the-same-text": (
        {"docs/index.md": INDEX_MD.replace("power [1].", "power [1], [as listed [2, p.]](references.md).")
         + "\nThe alliance held [2, p.].\n"},
        "docs/index.md:11: malformed page locator in citation [2, p.] — write p.X for one page or pp.X-Y "
        "for a range, e.g. [2, p.137] or [6, pp.1-17]"),
    "citation-error-after-a-link-text-with-the-same-text-in-its-paragraph": (
        {"docs/index.md": INDEX_MD + "\nThe alliance, [as listed [2, p.]](references.md),\nheld [2, p.].\n"},
        "docs/index.md:12: malformed page locator in citation [2, p.] — write p.X for one page or pp.X-Y "
        "for a range, e.g. [2, p.137] or [6, pp.1-17]"),
    "citation-error-where-an-earlier-footnote-holds-the-same-text": (
        {"docs/index.md": INDEX_MD.replace("power [1].", "power [1].[^a]\n\n[^a]: Compare [2, p.].")
         + "\nThe alliance held [2, p.].\n"},
        "docs/index.md:13: malformed page locator in citation [2, p.] — write p.X for one page or pp.X-Y "
        "for a range, e.g. [2, p.137] or [6, pp.1-17]"),
    # Silently wrong before: now refused.
    "aliases-a-string-not-a-list": (
        _persons('["Realists"]', '"Realists"'),
        "data/registers/persons.yml:3: register entry 'morgenthau': 'aliases' must be a list, e.g. "
        "aliases: [\"Realists\"] — a single text would be read letter by letter"),
    "glossary-page-without-summary": (
        {"docs/glossary/walt.md": GLOSSARY.replace('  summary: "A theorist."\n', "")},
        "docs/glossary/walt.md:3: glossary has no 'summary' — add summary: ..."),
    "second-article-page": (
        {"docs/second.md": "---\nedition_article: true\n---\n\n# Second\n\nIt cites its own first work [1].\n"},
        "docs/second.md:2: a second article page (docs/index.md is the article) — the edition holds one "
        "article, with one record, reference list and numbering, so a [1] here would cite that article's "
        "reference 1; to continue the same article on this page write edition_article: part"),
    "unknown-field": (
        _persons("  aliases:", "  alises:"),
        "data/registers/persons.yml:3: register entry 'morgenthau' has an unknown field 'alises' — the fields "
        "are: id, name, aliases, also_written, description, acronym, expansion, glossary, link"),
    # The trust boundary: unsafe ids and links are refused (raw HTML: RAW_HTML below).
    "quote-in-a-note-id": (
        {"data/notes.yml": NOTE.replace("id: note-1", "id: 'x\" onmouseover=\"alert(1)'")},
        "data/notes.yml:1: note: 'id' is 'x\" onmouseover=\"alert(1)' — use lowercase letters, digits and "
        "hyphens"),
    "javascript-link-in-the-article": (
        {"docs/index.md": INDEX_MD + "\nSee [the treaty](javascript:alert(1)).\n"},
        "docs/index.md:11: a link to 'javascript:alert(1)' — only http(s), mailto and relative addresses may "
        "be linked"),
    "javascript-link-in-a-note": (
        {"data/notes.yml": NOTE.replace("A note", "A [link](javascript:alert(1))")},
        "data/notes.yml:4: note 'note-1': 'text' links to a javascript: or data: address — only http(s) or "
        "relative links"),
    # mkdocs.yml: the settings the edition relies on (edition/inputs/settings.py), at their key's line.
    # (The Markdown extensions: MISSING_EXTENSION below.)
    "config-without-search": (
        {"mkdocs.yml": MKDOCS_YML.replace("plugins:\n  - search\n", "plugins: []\n")},
        "mkdocs.yml:11: plugins has no 'search' — add '- search' under plugins: (the edition's search box "
        "and its Russian stemming)"),
    "config-without-bibtex-for-editorial-bib": (
        {"bib/editorial.bib": EDITORIAL},
        "mkdocs.yml:11: plugins has no 'bibtex', so the [@key] citations of bib/editorial.bib would stay as "
        "typed — add '- bibtex:' with bib_file: bib/editorial.bib"),
    "config-bibtex-reads-another-file": (
        {"bib/editorial.bib": EDITORIAL, "bib/other.bib": EDITORIAL,
         "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX.replace("bib_file: bib/editorial.bib", "bib_file: bib/other.bib")},
        "mkdocs.yml:14: the bibtex plugin reads 'bib/other.bib', not bib/editorial.bib, the file the edition "
        "checks — write bib_file: bib/editorial.bib"),
    "config-bibtex-inline-citations": (
        {"bib/editorial.bib": EDITORIAL,
         "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX.replace("citations: false", "citations: true")},
        "mkdocs.yml:15: the bibtex plugin has enable_inline_citations: true, so an '@' in the text would be "
        "read as a citation — write enable_inline_citations: false"),
    # Markers: one the edition does not know, or naming nothing, would render nothing.
    "misspelt-marker": (
        {"docs/references.md": REFERENCES_MD + "\n<!-- edition:note -->\n"},
        "docs/references.md:5: marker '<!-- edition:note -->': the edition has no such marker — use one of "
        "article-references, emendations, exports, front, glossary, glossary-references, how-to-cite, "
        "keywords, mentions, notes, references, register, rejected-emendations, timeline, title-block"),
    "register-marker-naming-no-register": (
        {"docs/people.md": "# People\n\n<!-- edition:register people -->\n"},
        "docs/people.md:3: marker '<!-- edition:register people -->': unknown register 'people' — write one "
        "of: none yet (data/registers/*.yml)"),
    "front-marker-of-an-unknown-language": (
        {"docs/index.md": INDEX_MD + "\n<!-- edition:front de -->\n"},
        "docs/index.md:11: marker '<!-- edition:front de -->': unknown language 'de' — write one of: en, kk, ru"),
    "marker-with-a-needless-argument": (
        {"docs/references.md": REFERENCES_MD + "\n<!-- edition:timeline all -->\n"},
        "docs/references.md:5: marker '<!-- edition:timeline all -->': it takes nothing after 'timeline' — "
        "write <!-- edition:timeline -->"),
}

# The Markdown extensions the edition's own Markdown needs, each left out of mkdocs.yml
# (markdown_extensions: on line 5), with why it is needed.
MISSING_EXTENSION = {
    "attr_list": "the generated headings carry their ids as { #id }",
    "footnotes": "mkdocs-bibtex sets the editors' [@key] citations as footnotes",
    "md_in_html": "notes and the References section are Markdown inside a <div> or <section>",
}
for _name, _why in MISSING_EXTENSION.items():
    SCENARIOS[f"config-without-{_name}"] = (
        {"mkdocs.yml": MKDOCS_YML.replace(f"  - {_name}\n", "")},
        f"mkdocs.yml:5: markdown_extensions has no '{_name}' ({_why}) — add '- {_name}' to markdown_extensions")

# Raw HTML where editors write Markdown: (file, its valid text, what is replaced, by what,
# where the message points, the start of the HTML it quotes).
PERSONS_HM = PERSONS + "  acronym: \"HM\"\n  expansion: \"Hans\"\n"
RAW_HTML = {
    "note-text": ("data/notes.yml", NOTE, "A note", "A <script>x</script>", "4: note 'note-1': 'text'"),
    "note-title": ("data/notes.yml", NOTE, "On alliances", "On <img src=x>", "2: note 'note-1': 'title'"),
    "register-description": ("data/registers/persons.yml", PERSONS, "A theorist.", "<script>x</script>",
                             "4: register entry 'morgenthau': 'description'"),
    "register-expansion": ("data/registers/persons.yml", PERSONS_HM, "Hans", "<b>Hans</b>",
                           "6: register entry 'morgenthau': 'expansion'"),
    "emendation": ("docs/index.md", INDEX_MD, "see alliances", "see {sic: alliances | corr: <script>x</script>}",
                   "7: emendation: 'corr'"),
    "glossary-summary": ("docs/glossary/walt.md", GLOSSARY, "A theorist.", "A <em>theorist</em>.",
                         "6: glossary: 'summary'"),
}
for _case, (_path, _text, _old, _new, _where) in RAW_HTML.items():
    _html = _new[_new.index("<"):][:12]
    # The register's page only with the register (a marker naming no register is a problem).
    _files = {_path: _text.replace(_old, _new), **({"docs/persons.md": PERSONS_PAGE} if "registers" in _path else {})}
    SCENARIOS[f"raw-html-in-{_case}"] = (_files, f"{_path}:{_where} holds raw HTML ('{_html}') — editors write "
                                         "Markdown here, not HTML; for a literal '<' write &lt;")


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_one_mistake_one_message(tmp_path: Path, case: str) -> None:
    files, expected = SCENARIOS[case]
    refused(tmp_path, make_site(tmp_path / "project", files), expected)


def refused(tmp_path: Path, project: Path, expected: str) -> None:
    """The strict build and citation-check both exit 1 with exactly `expected` (no
    knock-on message, no warning, no traceback), and the project is left untouched."""
    before = snapshot(project)
    build, check = _build_and_check(project, tmp_path / "site")
    for result in (build, check):
        assert "Traceback" not in result.stdout + result.stderr
        assert result.returncode == 1, result.stdout + result.stderr
    assert _edition_errors(build.stderr) == [expected], build.stderr
    assert [line for line in build.stderr.splitlines() if line.startswith("WARNING")] == [], build.stderr
    assert check.stdout.splitlines()[:-1] == [expected], check.stdout
    assert snapshot(project) == before


def test_citations_of_several_references_link_each_number(tmp_path: Path) -> None:
    """`[2, p.12; 1]`: the "1" of "12" is no link; each number links to its own reference."""
    project = make_site(tmp_path / "project", {"docs/index.md": INDEX_MD + "\nBoth agree [2, p.12; 1] and [1, 2].\n"})
    build, check = _build_and_check(project, tmp_path / "site")
    assert build.returncode == 0 and check.returncode == 0, build.stderr + check.stdout
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    cites = page.select(".edition-cite")
    shown = [[(a.get_text(), a["href"]) for a in cite.select("a.edition-cite__link")] for cite in cites[2:]]
    assert shown == [[("2", "references/#ref-2"), ("1", "references/#ref-1")],
                     [("1", "references/#ref-1"), ("2", "references/#ref-2")]]
    assert [cite.get_text() for cite in cites[2:]] == ["[2, p.12; 1]", "[1, 2]"]
    assert [a.get("data-locator") for a in cites[2].select("a")] == ["p. 12", None]


def test_an_unknown_editorial_key_is_one_message_without_traceback(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", {
        "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX, "bib/editorial.bib": EDITORIAL,
        "docs/index.md": INDEX_MD.replace("[1].", "[1]. See [@nosuchkey]."),
    })
    build, check = _build_and_check(project, tmp_path / "site")
    expected = ("docs/index.md:7: editorial citation [@nosuchkey] has no entry in bib/editorial.bib — add the "
                "entry or fix the key")
    assert _edition_errors(build.stderr) == [expected]
    assert check.stdout.splitlines()[:-1] == [expected]
    assert "Traceback" not in build.stderr + check.stdout + check.stderr


def test_without_the_hook_citation_check_says_so(tmp_path: Path) -> None:
    # A build without the hook runs none of the edition's code: only citation-check can tell.
    project = make_site(tmp_path / "project", {"mkdocs.yml": MKDOCS_YML.replace(
        "hooks:\n  - hooks/edition_hooks.py\n", "")})
    check = run_check(project)
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.splitlines()[:-1] == [
        "mkdocs.yml:1: hooks does not list hooks/edition_hooks.py, so a build would not resolve the citations "
        "— add '- hooks/edition_hooks.py' under hooks:"]


BROKEN_EDITORIAL = EDITORIAL + "\n@book{broken,\n  author = {C, D.},\n  title = {U,\n  year = {2001},\n}\n"


def test_an_editorial_entry_with_a_problem_never_reaches_mkdocs_bibtex(tmp_path: Path) -> None:
    # mkdocs-bibtex reads its bib file itself: it is pointed at a copy of the entries that
    # passed, so the broken one gives the edition's one message (none per citation), not
    # mkdocs-bibtex's error, and bib/editorial.bib itself is left as written.
    project = make_site(tmp_path / "project", {
        "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX, "bib/editorial.bib": BROKEN_EDITORIAL,
        "docs/index.md": INDEX_MD.replace("[1].", "[1]. See [@known] and [@broken].") + "\nAgain [@broken].\n"})
    before = snapshot(project)
    build, check = _build_and_check(project, tmp_path / "site")
    expected = ["bib/editorial.bib:10: BibTeX syntax error: the '{' on this line is never closed — add the "
                "matching '}'"]
    assert _edition_errors(build.stderr) == expected, build.stderr
    assert check.stdout.splitlines()[:-1] == expected
    assert "Traceback" not in build.stderr + check.stdout + check.stderr
    assert (build.returncode, check.returncode) == (1, 1)
    assert snapshot(project) == before


def test_mkdocs_bibtex_reads_only_the_accepted_entries(tmp_path: Path) -> None:
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "editorial.bib").write_text(BROKEN_EDITORIAL, encoding="utf-8")
    data, accepted, keys, problems = load_editorial(tmp_path)
    folder = tmp_path / "copy"
    folder.mkdir()
    copy = AcceptedCopy(folder).write(accepted).read_text(encoding="utf-8")
    assert copy == EDITORIAL + "\n"
    assert list(data.entries) == ["known"] and keys == {"known", "broken"} and len(problems) == 1


def test_a_changed_editorial_key_is_one_message(tmp_path: Path) -> None:
    # The key changed in bib/editorial.bib: one mistake, one message, at its first citation,
    # naming every other place that cites it (a page, a note).
    project = make_site(tmp_path / "project", {
        "mkdocs.yml": MKDOCS_YML_WITH_BIBTEX, "bib/editorial.bib": EDITORIAL.replace("{known,", "{known2000,"),
        "data/notes.yml": NOTE.replace("A note on ¶1.", "A note [@known]."),
        "docs/notes.md": "# Notes\n\n<!-- edition:notes -->\n",
        "docs/index.md": INDEX_MD.replace("[1].", "[1]. See [@known].") + "\nAgain [@known].\n"})
    build, check = _build_and_check(project, tmp_path / "site")
    expected = ["data/notes.yml:4: editorial citation [@known] has no entry in bib/editorial.bib (also cited at "
                "docs/index.md:7, docs/index.md:11) — add the entry or fix the key in each place"]
    assert _edition_errors(build.stderr) == expected, build.stderr
    assert check.stdout.splitlines()[:-1] == expected
    assert (build.returncode, check.returncode) == (1, 1)
