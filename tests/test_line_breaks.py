"""The stretches kept on one line (edition/core/line_breaks.py, edition/text/line_breaks.py):
where they are, where they never are, and that the text itself never changes. The rendered
lines are checked in Chromium (tests/browser/test_typography.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import pytest
from markdown.util import AtomicString

from conftest import ROOT
from edition.core.line_breaks import NOWRAP_CLASS, join_html, together
from edition.text.line_breaks import set_line_breaks


def _kept(text: str, names_first: bool = False) -> list[str]:
    return [text[start:end] for start, end in together(text, names_first)]


@pytest.mark.parametrize(("text", "kept"), [
    ("the theorist H. Morgenthau, alliances", ["H. Morgenthau"]),
    ("President Sh.M. Mirziyoyev to", ["Sh.M. Mirziyoyev"]),
    ("K.K. Tokayev and Sh.M. Mirziyoyev", ["K.K. Tokayev", "Sh.M. Mirziyoyev"]),
    ("E. H. Carr wrote", ["E. H. Carr"]),
    ("Ш.М. Мирзиёев", ["Ш.М. Мирзиёев"]),
    ("named so twice in ¶ 12; see p. 137 and pp. 12", ["¶ 12", "p. 137", "pp. 12"]),
    ("between December 5-6.", ["5-6"]),
    ("on 22–23 March 2017, from 1991–2021, and", ["22–23", "1991–2021"]),
    ("[2, p.137]", []),
    ("USA. The next", []),
    ("in 2021. The", []),
    ("doi:10.52536/2788-5909.2022-2.04", []),
    ("ISBN 978-0-07 and version 1.2-3", []),
])
def test_what_is_kept_together(text: str, kept: list[str]) -> None:
    assert _kept(text) == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("Walt, S.M. (1987). The Origins", ["Walt, S.M."]),
    ("Khakimov O. & Smith, J. (2020)", ["Khakimov O.", "Smith, J."]),
    ("President of Uzbekistan Sh. Mirziyoyev", ["Sh. Mirziyoyev"]),
])
def test_names_first_in_a_reference_list(text: str, kept: list[str]) -> None:
    assert _kept(text, names_first=True) == kept


def test_join_html_wraps_text_only_once_and_never_code() -> None:
    html = ('<p title="H. Morgenthau">H. Morgenthau <code>H. Morgenthau</code></p>'
            '<pre class="x">Walt, S.M. (1987)\n<span>H. Morgenthau</span></pre><p>S.M. Walt</p>')
    wrapped = join_html(html)
    span = f'<span class="{NOWRAP_CLASS}">'
    assert wrapped == (f'<p title="H. Morgenthau">{span}H. Morgenthau</span> <code>H. Morgenthau</code></p>'
                       f'<pre class="x">Walt, S.M. (1987)\n<span>H. Morgenthau</span></pre>'
                       f'<p>{span}S.M. Walt</span></p>')
    assert join_html(wrapped) == wrapped, "a second pass wraps nothing again"
    assert re.sub(r"<[^>]*>", "", wrapped) == re.sub(r"<[^>]*>", "", html), "the text never changes"


def test_the_tree_is_wrapped_in_text_only() -> None:
    root = etree.fromstring(
        '<div><p title="H. Morgenthau">Thus H. Morgenthau, on December 5-6. '
        '<em>K.K. Tokayev</em> met Sh.M. Mirziyoyev on 4–5 January.</p>'
        '<h2>H. Morgenthau 5-6</h2><p><code>H. Morgenthau 5-6</code></p><pre>S.M. Walt</pre></div>')
    before = ["".join(element.itertext()) for element in root]
    set_line_breaks(root)
    paragraph, heading, code_paragraph, pre = list(root)
    assert ["".join(element.itertext()) for element in root] == before
    assert paragraph.get("title") == "H. Morgenthau"
    kept = [span.text for span in paragraph.iter("span") if span.get("class") == NOWRAP_CLASS]
    assert kept == ["H. Morgenthau", "5-6", "K.K. Tokayev", "Sh.M. Mirziyoyev", "4–5"]
    assert paragraph.find("em").tail.startswith(" met")
    assert heading.text == "H. Morgenthau 5-6" and not list(heading)
    assert code_paragraph.find("code").text == "H. Morgenthau 5-6"
    assert pre.text == "S.M. Walt" and not list(pre)


def test_atomic_strings_stay_atomic() -> None:
    root = etree.Element("p")
    root.text = AtomicString("by H. Morgenthau on 5-6 May")
    set_line_breaks(root)
    assert isinstance(root.text, AtomicString) and isinstance(root[0].text, AtomicString)
    assert isinstance(root[0].tail, AtomicString)


def test_never_in_the_sources() -> None:
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "data").rglob("*.yml"), *(ROOT / "bib").glob("*.bib")]:
        assert NOWRAP_CLASS not in path.read_text(encoding="utf-8"), path.relative_to(ROOT)


def test_the_built_pages_keep_them_together(built_site) -> None:
    span = f'<span class="{NOWRAP_CLASS}">'
    article = built_site.page("article/")
    for kept in ("H. Morgenthau", "Sh.M. Mirziyoyev", "K.K. Tokayev", "5-6"):
        assert f"{span}{kept}</span>" in article, kept
    # Fragments from the templates: the Emendations table, the reference list.
    assert f"is {span}S.M. Walt</span>, named so twice" in built_site.page("about/emendations/")
    references = built_site.page("references/")
    assert f"President of Uzbekistan {span}Sh. Mirziyoyev</span>" in references
    assert f"{span}Morgenthau, H.</span> (1948)" in references
