"""Work the build does once instead of again and again (issue 13), checked by what it
produces and by how often the slow step runs, never by how long it takes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from mkdocs_bibtex.citation import Citation
from mkdocs_bibtex.registry import SimpleRegistry

from edition.bibtex_footnotes import format_each_entry_once
from edition.citation_syntax import parse_citation
from edition.mentions import MentionIndex

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


def _config_with_registry(bib: Path) -> tuple[SimpleNamespace, SimpleRegistry, list[str]]:
    registry = SimpleRegistry(bib_files=[str(bib)])
    formatted: list[str] = []
    format_entry = registry.style.format_entry

    def counting(label, entry, *args, **kwargs):
        formatted.append(entry.fields["title"])
        return format_entry(label, entry, *args, **kwargs)

    registry.style.format_entry = counting
    plugins = {"bibtex": SimpleNamespace(registry=registry)}
    return SimpleNamespace(plugins=plugins), registry, formatted


def test_each_editorial_entry_formatted_once_with_the_plugins_own_text(tmp_path: Path) -> None:
    bib = tmp_path / "editorial.bib"
    bib.write_text(BIB, encoding="utf-8")
    plain = SimpleRegistry(bib_files=[str(bib)])
    config, registry, formatted = _config_with_registry(bib)
    format_each_entry_once(config)
    texts = [registry.reference_text(Citation(key)) for key in ("walt1987", "other", "walt1987", "walt1987")]
    assert texts == [plain.reference_text(Citation(key)) for key in ("walt1987", "other", "walt1987", "walt1987")]
    assert "Origins of Alliances" in texts[0]
    assert formatted.count("The Origins of Alliances") <= 1
    assert formatted.count("Politics among Nations") <= 1


def test_an_edited_entry_is_formatted_afresh_on_the_next_build(tmp_path: Path) -> None:
    bib = tmp_path / "editorial.bib"
    bib.write_text(BIB, encoding="utf-8")
    config, registry, _ = _config_with_registry(bib)
    format_each_entry_once(config)
    before = registry.reference_text(Citation("walt1987"))
    bib.write_text(BIB.replace("The Origins of Alliances", "Alliance Formation"), encoding="utf-8")
    config, registry, formatted = _config_with_registry(bib)  # serve makes a new registry per build
    format_each_entry_once(config)
    after = registry.reference_text(Citation("walt1987"))
    assert "Origins" in before and "Alliance Formation" in after and "Origins" not in after
    assert formatted == ["Alliance Formation"]


def test_without_the_plugin_nothing_is_wrapped() -> None:
    format_each_entry_once(SimpleNamespace(plugins={}))


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


def test_a_field_value_is_decoded_once_for_every_entry_that_holds_it() -> None:
    from pybtex.database import Entry, Person

    from edition.latex import latex_text
    from edition.style import format_reference

    title = r"{\v S}arq {Foreign} Policy \& Central Asia"
    entries = [Entry("book", fields={"title": title, "publisher": "Pub", "year": "2019", "shorthand": str(n)},
                     persons={"author": [Person("Tolipov, F.")]}) for n in (1, 2, 3)]
    latex_text.cache_clear()
    first = format_reference(entries[0])
    decoded = latex_text.cache_info().misses  # the fields and the parts of the name
    assert [format_reference(entry) for entry in entries] == [first] * 3
    assert "<em>Šarq Foreign Policy &amp; Central Asia</em>" in first
    assert latex_text.cache_info().misses == decoded
    assert latex_text.cache_info().hits >= 2 * len({title, "Pub", "2019"})  # entries 2 and 3
    assert format_reference(entries[0]) == first  # the shared parse was not changed by its users


def test_a_rendered_reference_is_reused_only_for_the_same_content() -> None:
    from pybtex.database import Entry, Person

    from edition.style import format_reference

    def book(title: str) -> Entry:
        return Entry("book", fields={"title": title, "publisher": "Pub", "year": "2019", "shorthand": "4"},
                     persons={"author": [Person("Tolipov, F.")]})

    first = format_reference(book("Uzbekistan and Central Asia"))
    assert format_reference(book("Uzbekistan and Central Asia")) is first
    edited = format_reference(book("Uzbekistan and Kazakhstan"))
    assert "Uzbekistan and Kazakhstan" in edited and "Central Asia" not in edited
    online = {"title": "T", "organization": "Site.uz", "year": "2020", "url": "https://a.uz/x",
              "urldate": "2022-02-01"}
    assert '<a href="https://a.uz/x">' in format_reference(Entry("online", fields=online))
    assert "<a href" not in format_reference(Entry("online", fields=online), links=False)


def test_export_texts_kept_for_the_next_rebuild_only_while_their_items_are_unchanged(monkeypatch) -> None:
    from pybtex.database import Entry, Person

    import edition.citing as citing
    from edition.record import load_record

    monkeypatch.setattr(citing, "_WRITTEN", {})
    written: list[str] = []
    for suffix, make in list(citing._MAKERS.items()):
        monkeypatch.setitem(citing._MAKERS, suffix, lambda items, make=make, suffix=suffix: (
            written.append(suffix), make(items))[1])
    record, problems = load_record(Path(__file__).resolve().parent.parent / "docs")
    assert record is not None and not problems

    def state(title: str) -> SimpleNamespace:
        entry = Entry("book", fields={"title": title, "publisher": "Pub", "year": "2019", "shorthand": "1"},
                      persons={"author": [Person("Tolipov, F.")]})
        entry.key = "tolipov2019"
        return SimpleNamespace(record=record, exports=None,
                               bibliography=SimpleNamespace(by_number={1: SimpleNamespace(entry=entry)}))

    first = citing.export_files(state("Uzbekistan and Central Asia"))
    assert "Uzbekistan and Central Asia" in first["exports/references.bib"]
    count = len(written)
    assert count == 2 * len(citing._MAKERS)  # the article and the reference list, each format
    again = citing.export_files(state("Uzbekistan and Central Asia"))
    assert again == first and len(written) == count
    edited = citing.export_files(state("Uzbekistan and Kazakhstan"))
    assert len(written) == count + 2 * len(citing._MAKERS)
    assert all("Central Asia" not in text for path, text in edited.items() if "references" in path)
    assert "Uzbekistan and Kazakhstan" in edited["exports/references.ris"]


def test_bibtex_export_writes_each_value_as_pybtex_does() -> None:
    from pybtex.database import BibliographyData
    from pybtex.database.output.bibtex import Writer

    from edition.exports import _bibtex_entry, to_bibtex

    items = [{"id": "a", "type": "book", "title": "100% “noir” {Tashkent} – Almaty", "issued": {"date-parts": [[2019]]},
              "publisher": "Pub"}]
    ours = to_bibtex(items)
    theirs = Writer().to_string(BibliographyData(entries={"a": _bibtex_entry(items[0])}))
    assert ours == theirs and r"100\% " in ours


def test_an_endnote_is_converted_once_and_afresh_when_its_text_changes() -> None:
    from edition import printing

    printing._endnote_html.cache_clear()
    first = printing._endnote_html("A note with *emphasis*.")
    again = printing._endnote_html("A note with *emphasis*.")
    edited = printing._endnote_html("A note with **strong** text.")
    assert first == again == "<p>A note with <em>emphasis</em>.</p>"
    assert edited == "<p>A note with <strong>strong</strong> text.</p>"
    assert printing._endnote_html.cache_info().misses == 2
