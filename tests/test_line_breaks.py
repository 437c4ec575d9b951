"""The no-break joins (edition/core/line_breaks.py, edition/text/line_breaks.py): where they
go, where they never go, and that they are made at render time only. The rendered lines
themselves are checked in Chromium (tests/browser/test_typography.py)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest
from markdown.util import AtomicString

from conftest import ROOT
from edition.core.line_breaks import NBSP, RANGE, join_html, join_text
from edition.text.line_breaks import NOWRAP_CLASS, set_line_breaks

J = NBSP


@pytest.mark.parametrize(("text", "expected"), [
    ("the theorist H. Morgenthau, alliances", f"the theorist H.{J}Morgenthau, alliances"),
    ("President Sh.M. Mirziyoyev to", f"President Sh.M.{J}Mirziyoyev to"),
    ("K.K. Tokayev and Sh.M. Mirziyoyev", f"K.K.{J}Tokayev and Sh.M.{J}Mirziyoyev"),
    ("E. H. Carr wrote", f"E.{J}H.{J}Carr wrote"),
    ("Ш.М. Мирзиёев", f"Ш.М.{J}Мирзиёев"),
    ("named so twice in ¶ 12; see p. 137 and pp. 12", f"named so twice in ¶{J}12; see p.{J}137 and pp.{J}12"),
    ("[2, p.137]", "[2, p.137]"),
    ("USA. The next", "USA. The next"),
    ("in 2021. The", "in 2021. The"),
    ("s. Then", "s. Then"),
])
def test_join_text(text: str, expected: str) -> None:
    assert join_text(text) == expected
    assert join_text(expected) == expected, "joining twice changes nothing"


@pytest.mark.parametrize(("text", "expected"), [
    ("Walt, S.M. (1987). <em>The Origins</em>", f"Walt,{J}S.M. (1987). <em>The Origins</em>"),
    ("Khakimov O. & Smith, J. (2020)", f"Khakimov{J}O. & Smith,{J}J. (2020)"),
    ("President of Uzbekistan Sh. Mirziyoyev", f"President of Uzbekistan Sh.{J}Mirziyoyev"),
    ('<a href="https://x.org/H. Morgenthau">H. Morgenthau</a>',
     f'<a href="https://x.org/H. Morgenthau">H.{J}Morgenthau</a>'),
])
def test_join_html_in_a_reference_list(text: str, expected: str) -> None:
    assert join_html(text, names_first=True) == expected


@pytest.mark.parametrize(("text", "found"), [
    ("between December 5-6.", ["5-6"]),
    ("on 22–23 March 2017", ["22–23"]),
    ("from 1991–2021, and", ["1991–2021"]),
    ("doi:10.52536/2788-5909.2022-2.04", []),
    ("ISBN 978-0-07", []),
    ("version 1.2-3", []),
])
def test_ranges(text: str, found: list[str]) -> None:
    assert [match[0] for match in RANGE.finditer(text)] == found


def test_the_tree_is_joined_in_text_only() -> None:
    root = etree.fromstring(
        '<div><p title="H. Morgenthau">Thus H. Morgenthau, on December 5-6. '
        '<em>K.K. Tokayev</em> met Sh.M. Mirziyoyev on 4–5 January.</p>'
        '<h2>H. Morgenthau 5-6</h2><p><code>H. Morgenthau 5-6</code></p><pre>S.M. Walt</pre></div>')
    set_line_breaks(root)
    paragraph, heading, code_paragraph, pre = list(root)
    assert paragraph.get("title") == "H. Morgenthau"
    assert "".join(paragraph.itertext()) == (f"Thus H.{J}Morgenthau, on December 5-6. K.K.{J}Tokayev met "
                                             f"Sh.M.{J}Mirziyoyev on 4–5 January.")
    spans = paragraph.findall(f"span[@class='{NOWRAP_CLASS}']")
    assert [span.text for span in spans] == ["5-6", "4–5"]
    assert list(paragraph)[0] is spans[0] and paragraph.find("em").tail.startswith(" met")
    assert heading.text == "H. Morgenthau 5-6"
    assert code_paragraph.find("code").text == "H. Morgenthau 5-6"
    assert pre.text == "S.M. Walt"


def test_atomic_strings_stay_atomic() -> None:
    root = etree.Element("p")
    root.text = AtomicString("by H. Morgenthau on 5-6 May")
    set_line_breaks(root)
    assert isinstance(root.text, AtomicString) and isinstance(root[0].text, AtomicString)
    assert isinstance(root[0].tail, AtomicString)


def test_never_in_the_sources() -> None:
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "data").rglob("*.yml"), *(ROOT / "bib").glob("*.bib")]:
        assert NBSP not in path.read_text(encoding="utf-8"), f"{path.relative_to(ROOT)} holds a no-break space"


def test_the_built_article_is_joined(built_site) -> None:
    html = built_site.page("article/")
    for joined in (f"H.{J}Morgenthau", f"Sh.M.{J}Mirziyoyev", f"K.K.{J}Tokayev"):
        assert joined in html, joined
    assert f'<span class="{NOWRAP_CLASS}">5-6</span>' in html
