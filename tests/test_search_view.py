"""The page as the search plugin reads it (edition/adapters/material.py, ``search_view``):
apparatus marked ``data-search-exclude`` removed whole, however it nests; words of
adjacent cells and blocks kept apart; an element marked ``data-search-section`` a
section of its own; the text still escaped. Checked on the view itself and on what
Material's own search parser makes of it."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from edition.adapters.material import search_view


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """(id, title, text) of each section Material's search parser makes of `html`."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title).strip(), "".join(section.text).strip())
            for section in parser.data]


# (what, page HTML, the view's text as Material's parser reads it)
CASES = [
    ("a note with spans inside it",
     '<p>cooperation [7].<a data-search-exclude href="#n">12</a><span class="edition-note" data-search-exclude>'
     '<span class="t"><span>12</span> Editorial note: EAEU</span><span class="p">Uzbekistan became</span>'
     "</span></p>", "<p>cooperation [7].</p>"),
    ("a paragraph label", '<p><a data-search-exclude href="#p1">¶ 1</a>On 23 November</p>', "<p>On 23 November</p>"),
    ("an excluded element inside an excluded one of the same tag",
     "<p>A<span data-search-exclude>x<span data-search-exclude>y</span>z</span>B</p>", "<p>AB</p>"),
    ("an excluded void element", '<p>A<img data-search-exclude alt="x">B<br data-search-exclude>C</p>', "<p>ABC</p>"),
    ("a whole excluded section, heading and all",
     '<p>text</p><section data-search-exclude><h2 id="s">Sources</h2><ul><li>One</li></ul></section><p>more</p>',
     "<p>text</p> <p>more</p>"),
    ("table cells", "<table><tr><th>Where</th><th>Printed</th></tr><tr><td>¶ 33</td><td>Tashkent</td></tr></table>",
     "Where Printed ¶ 33 Tashkent"),
    ("divisions and line breaks", "<div>November 2021</div><div>On 4 November</div><p>a<br>b</p>",
     "November 2021 On 4 November <p>a b</p>"),
    ("words joined by inline markup stay one word", "<p>Tash<span>kent</span>'s <em>own</em></p>",
     "<p>Tashkent's own</p>"),
    ("escaped text stays escaped", "<p>Holmes &amp; Meier &lt;b&gt;</p>", "<p>Holmes &amp; Meier &lt;b&gt;</p>"),
]


@pytest.mark.parametrize(("html", "text"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_search_view_reads_as_the_reader_means(html: str, text: str) -> None:
    (_, _, read), = sections(search_view(html))
    assert read == text


def test_without_the_view_material_indexes_the_note() -> None:
    """The reason for the view (fact 10): Material's parser alone keeps the note's text."""
    html = CASES[0][1]
    (_, _, read), = sections(html)
    assert "Uzbekistan became" in read
    (_, _, read), = sections(search_view(html))
    assert "Uzbekistan became" not in read and "Editorial note" not in read and "12" not in read


def test_each_marked_element_is_a_section_of_its_own() -> None:
    html = ('<h1 id="references">References</h1><p>The list.</p><ol>'
            '<li id="ref-1" data-search-section="Reference 1">Koncepciya <em>vneshney</em></li>'
            '<li id="ref-2" data-search-section="Reference 2">Morgenthau, H. (1948)'
            '<span data-search-exclude><span>Cited in:</span> ¶ 10</span></li></ol><p>After.</p>')
    assert sections(search_view(html)) == [
        (None, "References", "<p>The list.</p> <p>After.</p>"),
        ("ref-1", "Reference 1", "Koncepciya vneshney"),
        ("ref-2", "Reference 2", "Morgenthau, H. (1948)"),
    ]


def test_a_section_title_and_id_are_escaped() -> None:
    view = search_view('<ol><li id="r&quot;1" data-search-section="A &lt;b&gt; &amp; &quot;c&quot;">x</li></ol>')
    assert '<h6 id="r&quot;1">A &lt;b&gt; &amp; &quot;c&quot;</h6>' in view
    assert sections(view)[-1] == ('r"1', 'A &lt;b&gt; &amp; "c"', "x")


def test_a_marked_element_without_an_id_is_no_section() -> None:
    assert "<h6" not in search_view('<ol><li data-search-section="Reference 1">x</li></ol>')


def test_a_marked_element_is_left_out_around_its_heading_and_text() -> None:
    """The heading is not nested in the marked element: when a nested heading's element
    closes, Material's parser walks back over every section before it, so a list of n
    sections cost n² (a corpus's References page); the element itself is left out, its
    heading and text stay, a nested element of the same tag closes inside it."""
    items = "".join(f'<li id="ref-{n}" data-search-section="Reference {n}">Entry <li>{n}</li> end</li>'
                    for n in range(1, 4))
    view = search_view(f"<ol>{items}</ol>")
    assert view.count("<li") == 3 and view.count("</li>") == 3  # only the nested ones
    assert view.startswith('<ol><h6 id="ref-1">Reference 1</h6>Entry <li>1</li>  end ')
    assert [section[:2] for section in sections(view)][-3:] == [
        ("ref-1", "Reference 1"), ("ref-2", "Reference 2"), ("ref-3", "Reference 3")]
