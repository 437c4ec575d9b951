"""Work the build does once instead of again and again (issue 13), checked by what it
produces and by how often the slow step runs, never by how long it takes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from edition.text.citation_syntax import parse_citation
from edition.text.mentions import MentionIndex

BIB = """@book{walt1987,
  author = {Walt, Stephen M.},
  title = {The Origins of Alliances},
  publisher = {Cornell University Press},
  year = {1987},
}
@book{other,
  author = {Morgenthau, Hans J.},
  title = {Politics among Nations},
  publisher = {Knopf},
  year = {1948},
}
"""


def test_numbers_cited_on_a_page_kept_as_mentions_are_added() -> None:
    index = MentionIndex()
    for page, content in [("a.md", "1; 3"), ("b.md", "2, p.5"), ("a.md", "3"), ("c.md", None)]:
        index.add(page=page, line=1, element_id="x", paragraph_id=None, paragraph=None, snippet="",
                  text=f"[{content}]" if content else "term",
                  citation=parse_citation(content) if content else None,
                  target=None if content else "glossary:alliance")
    for page in ("a.md", "b.md", "c.md"):
        expected = {n for m in index.mentions if m.page == page and m.citation for n in m.citation.numbers}
        assert index.numbers_cited_on(page) == expected
    assert index.numbers_cited_on("a.md") == {1, 3}
    assert [m.page for m in index.citations] == ["a.md", "b.md", "a.md"]
    index.numbers_cited_on("a.md").add(99)
    assert 99 not in index.numbers_cited_on("a.md")


def test_a_field_value_is_decoded_once_for_every_entry_that_holds_it(kept_caches) -> None:
    from pybtex.database import Entry, Person

    from edition.core.latex import latex_text
    from edition.inputs.reference_style import format_reference

    title = r"{\v S}arq {Foreign} Policy \& Central Asia"
    entries = [Entry("book", fields={"title": title, "publisher": "Pub", "year": "2019", "shorthand": str(n)},
                     persons={"author": [Person("Tolipov, F.")]}) for n in (1, 2, 3)]
    first = format_reference(entries[0])
    decoded = latex_text.memo.misses  # the fields and the parts of the name
    assert [format_reference(entry) for entry in entries] == [first] * 3
    assert "<em>Šarq Foreign Policy &amp; Central Asia</em>" in first
    assert latex_text.memo.misses == decoded
    assert latex_text.memo.hits >= 2 * len({title, "Pub", "2019"})  # entries 2 and 3
    assert format_reference(entries[0]) == first  # the shared parse was not changed by its users


def _reused_only_for_the_same_content(format_) -> str:
    """`format_` gives the very same result for a book of the same content, and a new one
    for an edited title; returns the edited book's."""
    from pybtex.database import Entry, Person

    def book(title: str) -> Entry:
        return Entry("book", fields={"title": title, "publisher": "Pub", "year": "2019", "shorthand": "4"},
                     persons={"author": [Person("Tolipov, F.")]})

    first = format_(book("Uzbekistan and Central Asia"))
    assert format_(book("Uzbekistan and Central Asia")) is first
    edited = format_(book("Uzbekistan and Kazakhstan"))
    assert "Uzbekistan and Kazakhstan" in edited and "Central Asia" not in edited
    return edited


def test_a_rendered_reference_is_reused_only_for_the_same_content() -> None:
    from pybtex.database import Entry

    from edition.inputs.reference_style import format_reference

    _reused_only_for_the_same_content(format_reference)
    online = {"title": "T", "organization": "Site.uz", "year": "2020", "url": "https://a.uz/x",
              "urldate": "2022-02-01"}
    assert '<a href="https://a.uz/x">' in format_reference(Entry("online", fields=online))
    assert "<a href" not in format_reference(Entry("online", fields=online), links=False)


def test_export_texts_kept_for_the_next_rebuild_only_while_their_items_are_unchanged(monkeypatch, kept_caches) -> None:
    from pybtex.database import Entry, Person

    import edition.outputs.export_files as exporting
    from edition.inputs.record import load_record

    written: list[str] = []
    for suffix, make in list(exporting._MAKERS.items()):
        monkeypatch.setitem(exporting._MAKERS, suffix, lambda items, make=make, suffix=suffix: (
            written.append(suffix), make(items))[1])
    record, problems = load_record(Path(__file__).resolve().parent.parent / "docs")
    assert record is not None and not problems

    def state(title: str) -> SimpleNamespace:
        entry = Entry("book", fields={"title": title, "publisher": "Pub", "year": "2019", "shorthand": "1"},
                      persons={"author": [Person("Tolipov, F.")]})
        entry.key = "tolipov2019"
        return SimpleNamespace(record=record,
                               bibliography=SimpleNamespace(by_number={1: SimpleNamespace(entry=entry)}))

    first = exporting.export_files(state("Uzbekistan and Central Asia"))
    assert "Uzbekistan and Central Asia" in first["exports/references.bib"]
    count = len(written)
    assert count == 2 * len(exporting._MAKERS)  # the article and the reference list, each format
    again = exporting.export_files(state("Uzbekistan and Central Asia"))
    assert again == first and len(written) == count
    edited = exporting.export_files(state("Uzbekistan and Kazakhstan"))
    assert len(written) == count + 2 * len(exporting._MAKERS)
    assert all("Central Asia" not in text for path, text in edited.items() if "references" in path)
    assert "Uzbekistan and Kazakhstan" in edited["exports/references.ris"]


def test_bibtex_export_writes_each_value_as_pybtex_does() -> None:
    from pybtex.database import BibliographyData
    from pybtex.database.output.bibtex import Writer

    from edition.outputs.exports import _bibtex_entry, to_bibtex

    items = [{"id": "a", "type": "book", "title": "100% “noir” {Tashkent} – Almaty", "issued": {"date-parts": [[2019]]},
              "publisher": "Pub"}]
    ours = to_bibtex(items)
    theirs = Writer().to_string(BibliographyData(entries={"a": _bibtex_entry(items[0])}))
    assert ours == theirs and r"100\% " in ours


def test_an_endnote_is_converted_once_and_afresh_when_its_text_changes(kept_caches) -> None:
    from edition.outputs import printing as printing
    first = printing._endnote_html("A note with *emphasis*.")
    again = printing._endnote_html("A note with *emphasis*.")
    edited = printing._endnote_html("A note with **strong** text.")
    assert first == again == "<p>A note with <em>emphasis</em>.</p>"
    assert edited == "<p>A note with <strong>strong</strong> text.</p>"
    assert printing._endnote_html.memo.misses == 2


def test_the_search_plugin_reads_a_page_without_the_parts_it_does_not_index(tmp_path: Path, monkeypatch) -> None:
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tests.sites import make_site

    read: dict[str, str] = {}
    add_entry = SearchIndex.add_entry_from_context

    def recording(self, page):
        read[page.file.src_uri] = page.content
        return add_entry(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", recording)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_site(tmp_path / "project")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for hidden in ('class="edition-previews"', 'class="edition-print-only edition-print-colophon"'):
        assert hidden in page
        assert hidden not in read["index.md"]
    assert 'id="preview-ref-1"' in page and 'aria-describedby="preview-ref-1"' in read["index.md"]
    text = page.index("Realists see alliances")
    colophon = page.index('class="edition-print-only edition-print-colophon"')
    assert colophon < text < page.index('class="edition-previews"')


def test_an_editors_markdown_is_parsed_once_and_each_caller_gets_its_own_tree(kept_caches) -> None:
    from edition.outputs.xml.common import _PARSED, markdown_tree

    first = markdown_tree("A note with *emphasis* and `code`.")
    first[0].text = "changed by its caller"
    again = markdown_tree("A note with *emphasis* and `code`.")
    assert again[0].text == "A note with " and again[0][0].tag == "em"
    assert _PARSED.misses == 1
    edited = markdown_tree("A note with **strong** text.")
    assert edited[0][0].tag == "strong" and _PARSED.misses == 2


def test_plain_reference_text_is_reused_only_for_the_same_content() -> None:
    from edition.inputs.reference_style import format_reference_text

    assert "<" not in _reused_only_for_the_same_content(format_reference_text)


def test_only_a_value_with_a_tilde_goes_through_latexcodec(monkeypatch, kept_caches) -> None:
    import codecs
    import random

    import edition.outputs.exports as exports

    encoding = "ulatex+UTF-8"
    for start in range(0, 0x110000, 8192):
        chunk = "".join(chr(code) for code in range(start, min(start + 8192, 0x110000))
                        if not 0xD800 <= code < 0xE000 and chr(code) not in exports.LATEX_SPECIAL_IN_UTF8)
        assert codecs.encode(chunk, encoding) == chunk
    for special in exports.LATEX_SPECIAL_IN_UTF8:
        assert codecs.encode(special, encoding) != special
    chance = random.Random(3)
    values = ["".join(chance.choice("#%&_~ a1.\\{}-'`\"Ш\u00a0\n") for _ in range(chance.randint(1, 10)))
              for _ in range(20000)]
    assert all(exports._latex_encoded(value, "UTF-8") == codecs.encode(value, encoding) for value in values)
    encoded: list[str] = []
    monkeypatch.setattr(exports.BibTeXWriter, "_encode", lambda self, text: (encoded.append(text), text)[1])
    kept_caches.clear()
    assert exports._latex_encoded("Ташкент – Алматы, “noir”", "UTF-8") == "Ташкент – Алматы, “noir”"
    assert exports._latex_encoded("100% noir & co_1 #2", "UTF-8") == r"100\% noir \& co\_1 \#2"
    exports._latex_encoded("a~b", "UTF-8")
    assert encoded == ["a~b"]


def test_a_long_run_of_lines_the_other_side_lacks_is_diffed_as_one_line(monkeypatch) -> None:
    import difflib

    import edition.text.source_lines as source_lines

    compared: list[tuple[int, int]] = []
    plain = difflib.SequenceMatcher

    class Counting(plain):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            compared.append((len(a), len(b)))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(source_lines.difflib, "SequenceMatcher", Counting)
    exported = ["<pre>"] + [f"  title = {{Work {n}}}," for n in range(500)] + ["</pre>"]
    before = ["# Cite", "", "Intro.", "", *exported, "", "", "Second.", "", "Last.", ""]
    after = ["# Cite", "", "Intro.", "", "\x02wzxhzdk:0\x03", "", "", "Second.", "", "Last.", ""]
    origin = source_lines._aligned(before, after, 4)
    assert compared == [(11, 11)]  # the 502 exported lines as one
    whole = [None] * len(after)  # what the diff of the whole lists gives
    for tag, i1, i2, j1, j2 in plain(None, before, after, autojunk=False).get_opcodes():
        for k in range(j2 - j1):
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                whole[j1 + k] = 4 + i1 + k
            elif tag == "replace":
                whole[j1 + k] = 4 + i1
    assert origin == whole and origin[4] == 8  # the placeholder: the first line of its block


def test_the_collapsed_diff_gives_the_opcodes_of_the_whole_lists() -> None:
    import difflib
    import random

    from edition.text.source_lines import _line_diff

    lines = ["", "", "a", "b", "c", "<!-- m -->", "x", "y"]
    chance = random.Random(13)
    for _ in range(3000):
        before = [chance.choice(lines) for _ in range(chance.randint(0, 14))]
        after = [chance.choice(lines[:5]) if chance.random() < 0.5 else line for line in before]
        for _ in range(chance.randint(0, 3)):
            at = chance.randint(0, len(after))
            after[at:at + chance.randint(0, 2)] = [chance.choice(lines) for _ in range(chance.randint(0, 4))]
        whole = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        assert _line_diff(before, after) == whole, (before, after)


def test_the_accepted_editorial_bib_is_rewritten_only_when_it_changed(tmp_path: Path) -> None:
    import os

    from edition.adapters.mkdocs_bibtex import AcceptedCopy

    path = AcceptedCopy(tmp_path).write(BIB)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # as if written long before this build
    assert AcceptedCopy(tmp_path).write(BIB) == path and path.stat().st_mtime_ns == 1_000_000_000
    edited = BIB.replace("Politics among Nations", "Politics Among Nations")
    AcceptedCopy(tmp_path).write(edited)
    assert path.read_text(encoding="utf-8") == edited and path.stat().st_mtime_ns != 1_000_000_000


def test_a_glossary_pages_front_matter_is_read_once_per_text(kept_caches) -> None:
    from edition.inputs.sources import read_glossary_page

    page = "---\nglossary:\n  kind: concept\n  aliases: [alliance]\n  summary: A pact.\n---\n\n# Alliance\n"
    first, problems = read_glossary_page(page, "glossary/alliance.md", "docs/glossary/alliance.md")
    assert first is not None and first.summary == "A pact." and problems == ()
    assert read_glossary_page(page, "glossary/alliance.md", "docs/glossary/alliance.md")[0] is first
    edited, _ = read_glossary_page(page.replace("A pact.", "A treaty."), "glossary/alliance.md",
                                   "docs/glossary/alliance.md")
    assert edited.summary == "A treaty." and read_glossary_page.memo.misses == 2


def test_a_value_without_latex_markup_is_read_as_pybtex_reads_it(kept_caches) -> None:
    import itertools
    import random

    from pybtex.richtext import Text

    from edition.core.latex import LATEX_MARKUP, latex_text

    def as_pybtex(value: str):
        try:
            return Text.from_latex(value)
        except Exception:  # noqa: BLE001 (unbalanced braces: markup, never taken as plain)
            return None

    characters = [chr(code) for code in range(32, 127)] + list("\u00a0\t\n\r–—“”«»éшқ")
    values = ["", *characters, *("a" + a + b + "z" for a, b in itertools.product(characters, repeat=2))]
    chance = random.Random(7)
    values += ["".join(chance.choice(" -`',!?.\"a:;()\u00a0") for _ in range(chance.randint(1, 8)))
               for _ in range(20000)]
    values += ["a" + "".join(chr(code) for code in range(start, start + 2048) if not 0xD800 <= code < 0xE000
                             and not chr(code).isspace()) + "z" for start in range(0x80, 0x30000, 2048)]
    plain = [value for value in values if not LATEX_MARKUP.search(value)]
    assert len(plain) > len(values) / 2
    for value in plain:
        assert latex_text(value) == as_pybtex(value), value
    for marked in ("Kazakh--Uzbek", "{UN} report", "``quoted''", "50\\%", " lead", "two  spaces"):
        assert LATEX_MARKUP.search(marked) and latex_text(marked) == Text.from_latex(marked)


def test_a_pages_lines_are_split_once_for_all_its_mentions() -> None:
    from edition.core.problems import locate_line
    from edition.text.mentions import PageSource
    from edition.text.records import PageRecords

    body = "# Title [1]\n\nFirst [1] and [2].\n\n`[1]` in code, then [1].\n\nLast [2], [1]."
    page = PageSource("a.md", "docs/a.md", body, first_line=4)
    records = PageRecords()
    blocks = [(6, 8), (8, 10), (10, None)]
    found = {(text, n, block): records.line_of(page, text, n, block)
             for block in blocks for text in ("[1]", "[2]") for n in (0, 1)}
    split = page.split[False]
    assert records.line_of(page, "[2]", 0, (10, None)) == 10 and page.split[False] is split
    assert list(page.split) == [False]
    for (text, n, (start, end)), line in found.items():
        lines = page.searchable.split("\n")[start - 4:None if end is None else end - 4]
        assert line == locate_line("\n".join(lines), text, n, start)
    assert found[("[1]", 0, (6, 8))] == 6 and found[("[1]", 0, (8, 10))] == 8


def test_a_bib_entry_is_parsed_once_per_text_and_place(kept_caches) -> None:
    from edition.inputs.bibtex import _ENTRIES, read_bib

    first = read_bib(BIB, "bib/editorial.bib")
    again = read_bib(BIB, "bib/editorial.bib")
    assert [item.entry for item in again.entries] == [item.entry for item in first.entries]
    assert _ENTRIES.misses == 2
    edited = read_bib(BIB.replace("Politics among Nations", "Politics Among Nations"), "bib/editorial.bib")
    assert _ENTRIES.misses == 3
    # The kept parse is never handed out: each reading gets its own copy of it.
    assert edited.entries[0].entry == first.entries[0].entry
    assert edited.entries[0].entry is not first.entries[0].entry
    assert edited.entries[1].entry.fields["title"] == "Politics Among Nations"


def test_yaml_read_by_libyaml_gives_pyyamls_values_lines_and_errors() -> None:
    import pytest
    import yaml

    from edition.inputs.schema import compose_and_load

    text = ("title: Alliance\nglossary:\n  kind: concept\n  aliases: [alliance, 'allied relations']\n"
            "  summary: A pact.\n")
    root, data = compose_and_load(text)
    assert data == yaml.safe_load(text)
    assert [(key.value, value.start_mark.line) for key, value in root.value] == \
        [(key.value, value.start_mark.line) for key, value in yaml.compose(text, Loader=yaml.SafeLoader).value]
    broken = "glossary:\n  kind: concept\n   aliases: [x]\n"
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.safe_load(broken)
    with pytest.raises(yaml.YAMLError) as ours:
        compose_and_load(broken)
    assert str(ours.value) == str(pure.value)


def test_a_one_shot_build_collects_cyclic_garbage_less_often_and_serve_keeps_the_defaults() -> None:
    """`mkdocs build` raises the collector's thresholds (what it makes lives to its end);
    a `mkdocs serve` process, which lives on edit after edit, keeps Python's."""
    import gc
    import signal

    from edition.build import session

    before, handler = gc.get_threshold(), signal.getsignal(signal.SIGTERM)
    try:
        session.Session().on_startup("serve")
        assert gc.get_threshold() == before
        session.Session().on_startup("build")
        assert gc.get_threshold() == session._BUILD_THRESHOLDS != before
    finally:
        gc.set_threshold(*before)
        signal.signal(signal.SIGTERM, handler)


def test_a_build_imports_no_module_that_only_a_missing_pdf_or_serve_needs() -> None:
    """WeasyPrint and its HTML and CSS parsers are imported only when a PDF is made, and
    the live-reload server with its file watcher only under serve: not by every build
    that finds its PDF kept."""
    import subprocess
    import sys

    only_sometimes = ("weasyprint", "tinyhtml5", "tinycss2", "watchdog", "mkdocs.livereload")
    script = ("import sys; import edition.build.session; "
              f"print(' '.join(name for name in {only_sometimes!r} if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == []
