"""The linking rule (edition/inputs/targets.py) and the previews' content (edition/render/previews.py):
on the real edition, on a tiny site built for the one case the article does not show
(a hyphen-joined name whose parts are all worth a link), and in the rule's functions."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BuiltSite, run_mkdocs_build
from edition.inputs.targets import Target
from edition.render.previews import preview_text, target_preview_id
from sites import make_site

ARTICLE_URL = "article/"


@pytest.fixture(scope="module")
def article(built_site: BuiltSite) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(ARTICLE_URL), "html.parser")


def _sections(article: BeautifulSoup) -> list[list]:
    """The article's paragraphs, section by section (an h2 starts a section)."""
    sections: list[list] = [[]]
    for element in article.select_one("article").find_all(["h2", "p"]):
        if element.name == "h2":
            sections.append([])
        elif "edition-para" in element.get("class", []):
            sections[-1].append(element)
    return [section for section in sections if section]


def _mentions(paragraph) -> list:
    """Term mentions in the authors' text, linked or not, in order."""
    return [node for node in paragraph.select("[id^=term-]")
            if node.find_parent(attrs={"data-edition-apparatus": True}) is None]


def test_a_glossary_term_is_linked_at_its_first_mention_in_each_section_only(article) -> None:
    glossary_links = 0
    for section in _sections(article):
        seen: set[str] = set()
        for paragraph in section:
            for link in paragraph.select("a.edition-term--glossary"):
                href = link["href"]
                assert href not in seen, f"{link.get_text()!r} linked twice in one section"
                seen.add(href)
                glossary_links += 1
    assert glossary_links >= 10
    alliance = [a for a in article.select("a.edition-term--glossary") if "glossary/alliance/" in a["href"]]
    assert 1 <= len(alliance) <= len(_sections(article)), "alliance is linked once per section at most"


def test_a_hyphen_joined_name_is_never_cut_into_several_links(article) -> None:
    paragraph = next(p for p in article.select("p.edition-para") if "Mazar-e-Sharif-Kabul-Peshawar" in p.get_text())
    parts = [node for node in _mentions(paragraph) if node.get_text() in {"Mazar-e-Sharif", "Kabul", "Peshawar"}]
    assert len(parts) == 3, "each place of the name is recorded as a mention"
    links = {id(node.find_parent("a")) for node in parts if node.find_parent("a") is not None}
    links |= {id(node) for node in parts if node.name == "a"}
    assert len(links) <= 1


def test_every_linked_register_entry_says_something_the_text_does_not(article) -> None:
    for link in article.select("a.edition-term__link"):
        if "edition-term--glossary" in link["class"]:
            continue
        for ident in link.get("aria-describedby", "").split():  # none where it would repeat the note beside it
            preview = article.find(id=ident)
            text = preview.get_text(" ", strip=True)
            label = preview.strong.get_text()
            assert len(text) > len(label) + 3, f"{link.get_text()!r}: the preview only names the entry"
            assert "¶" not in text, f"{link.get_text()!r}: the preview restates the article: {text}"


def test_kazakhstan_and_uzbekistan_are_never_linked(article) -> None:
    linked = {a.get_text() for a in article.select("a.edition-term__link")}
    assert not linked & {"Kazakhstan", "Uzbekistan", "Republic of Kazakhstan", "Republic of Uzbekistan"}


def _target(summary: str, register: str | None = "places", acronym: str | None = None) -> Target:
    return Target(id=f"{register or 'glossary'}:x", label="X", page="x.md", anchor="x", summary=summary,
                  aliases=("X",), link="section", source="data/registers/places.yml", line=1,
                  register=register, acronym=acronym)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Named in the railway project (¶23).", ""),
    ("One of the two states (¶1 and passim).", ""),
    ("District of the Turkestan region. Flooded in May 2020 (¶28).", "District of the Turkestan region."),
    ("President of Uzbekistan (¶4); Shavkat Mirziyoyev. His visit (¶4, ¶16).", "Shavkat Mirziyoyev."),
    ("On 6 December 2021 he and K.K. Tokayev signed it (¶5). Born in 1957.", "Born in 1957."),
])
def test_register_preview_keeps_only_what_the_text_does_not_say(summary: str, expected: str) -> None:
    assert preview_text(_target(summary)) == expected


def test_glossary_and_acronym_previews_are_given_whole() -> None:
    assert preview_text(_target("A concept, named in ¶9.", register=None)) == "A concept, named in ¶9."
    assert preview_text(_target("Shanghai Cooperation Organization", acronym="X")) == \
        "Shanghai Cooperation Organization"


def test_preview_ids_are_plain() -> None:
    glossary = Target(id="glossary:glossary/balance-of-power.md", label="Balance of power", page="", anchor="",
                      summary="", aliases=(), link="section", source="", line=1)
    assert target_preview_id(glossary) == "preview-glossary-balance-of-power"
    assert target_preview_id(_target("")) == "preview-places-x"


JOINED_ARTICLE = """\
---
edition_article: true
---

# A tiny article

The Termez-Kabul railway was discussed in Kabul [1].

Walt defines an alliance as security cooperation between states [2, p.5].
"""

JOINED_PLACES = """\
- id: termez
  name: "Termez"
  aliases: ["Termez"]
  description: "City on the Amu Darya."
- id: kabul
  name: "Kabul"
  aliases: ["Kabul"]
  description: "Capital of Afghanistan."
"""


def test_hyphen_joined_names_worth_linking_become_one_link(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", {
        "docs/index.md": JOINED_ARTICLE,
        "docs/places.md": "# Places\n\n<!-- edition:register places -->\n",
        "data/registers/places.yml": JOINED_PLACES,
    })
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.select_one("p#p1")
    links = paragraph.select("a.edition-term__link")
    assert [link.get_text() for link in links] == ["Termez-Kabul"], "one link for the joined name"
    assert links[0]["aria-describedby"].split() == ["preview-places-termez", "preview-places-kabul"]
    assert [span["id"] for span in links[0].select("span[id^=term-]")] == ["term-1", "term-2"]
    # The later "Kabul" of the same section is a mention, not a second link.
    assert paragraph.select_one("span.edition-term#term-3").get_text() == "Kabul"
    previews = soup.select(".edition-previews [role=tooltip]")
    assert sorted(p["id"] for p in previews) == sorted(
        ["preview-places-termez", "preview-places-kabul", "preview-ref-1", "preview-ref-2"])
