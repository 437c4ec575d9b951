"""The annotated edition on the real build: glossary links and mention lists,
registers, timeline, emendations, editorial notes, and the editors' sources (mkdocs-bibtex's citations)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, BuiltSite
from edition.core.emendations import SYNTAX

ARTICLE_URL = "article/"


def _soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url), "html.parser")


def _text(element) -> str:
    """An element's text without the edition's apparatus (previews, ¶ numbers, corrections)."""
    return "".join(piece for piece in element.find_all(string=True)
                   if not piece.find_parent(attrs={"data-edition-apparatus": True}))


def _in_text(elements):
    """Only the elements that stand in the text, not inside a preview or other apparatus."""
    return [e for e in elements if e.find_parent(attrs={"data-edition-apparatus": True}) is None]


def _resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative directory URL, fragment) of a link found on `page_url`."""
    absolute = urlsplit(urljoin(f"http://edition.test/{page_url}", href))
    return absolute.path.lstrip("/"), absolute.fragment


def _glossary_aliases() -> dict[str, list[str]]:
    aliases = {}
    for page in sorted((ROOT / "docs" / "glossary").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---"):
            meta = yaml.safe_load(text.split("---")[1])
            if isinstance(meta, dict) and "glossary" in meta:
                aliases[f"glossary/{page.stem}/"] = meta["glossary"]["aliases"]
    return aliases


def _register_aliases() -> dict[str, list[str]]:
    aliases = {}
    for register in sorted((ROOT / "data" / "registers").glob("*.yml")):
        for entry in yaml.safe_load(register.read_text(encoding="utf-8")):
            if entry.get("aliases"):
                aliases[f"indexes/{register.stem}/#{entry['id']}"] = entry["aliases"]
    return aliases


def _article_text() -> str:
    """The article body as an independent reading of docs/article.md (the text after
    its front, whose words are not term mentions): emendations reduced to their printed
    reading, one paragraph per line."""
    body = (ROOT / "docs" / "article.md").read_text(encoding="utf-8").split("</header>", 1)[1]
    return SYNTAX.sub(lambda m: m["sic"], body)


def _expected_counts() -> Counter[str]:
    """Occurrences per target, longest alias first, no overlaps, whole words only."""
    owners = {alias: target for target, names in {**_glossary_aliases(), **_register_aliases()}.items()
              for alias in names}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(owners, key=len, reverse=True))
                         + r")(?!\w)")
    counts: Counter[str] = Counter()
    for line in _article_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        for match in pattern.finditer(line):
            counts[owners[match[0]]] += 1
    return counts


@pytest.mark.parametrize(("form", "page"), [
    ("H. Morgenthau", "glossary/morgenthau/"),
    ("K.N. Waltz", "glossary/waltz/"),
    ("M. Wight", "glossary/wight/"),
    ("S.M. Walt", "glossary/walt/"),
])
def test_every_theorist_form_links_to_its_glossary_page(built_site: BuiltSite, form: str, page: str) -> None:
    links = [a for a in _soup(built_site, ARTICLE_URL).select("a.edition-term__link") if a.get_text() == form]
    assert links, f"no link for {form!r}"
    for link in links:
        assert _resolve(ARTICLE_URL, link["href"])[0] == page
        preview = _soup(built_site, ARTICLE_URL).find(id=link["aria-describedby"])
        assert preview is not None and preview.get("role") == "tooltip"


def test_misprinted_walt_is_a_mention_inside_its_emendation(built_site: BuiltSite) -> None:
    """¶ 13's "C.M. Walt" is recorded as a mention of Walt (not linked: S.M. Walt is
    linked in ¶ 12, the same section, and a term is linked once per section)."""
    emendation = _in_text(_soup(built_site, ARTICLE_URL).select(".edition-emendation"))[0]
    mention = emendation.select_one(".edition-sic .edition-term[id^=term-]")
    assert mention.get_text() == "C.M. Walt"
    listed = [a["href"].split("#")[1] for a in _soup(built_site, "glossary/walt/").select(".edition-mentions a")]
    assert mention["id"] in listed
    assert emendation.select_one(".edition-corr").get_text() == "[corr. S.M. Walt]"


def _listed_counts(site: BuiltSite, url: str, container) -> int:
    total = 0
    for item in container.select(".edition-mentions li"):
        count = item.select_one(".edition-mentions__count")
        total += int(count.get_text().strip("()×")) if count else 1
    return total


def test_glossary_mention_lists_equal_the_mentions_in_the_text(built_site: BuiltSite) -> None:
    expected = _expected_counts()
    for page in _glossary_aliases():
        soup = _soup(built_site, page)
        listed = _listed_counts(built_site, page, soup.select_one("article"))
        assert listed == expected[page], page


def test_register_mention_lists_equal_the_mentions_in_the_text(built_site: BuiltSite) -> None:
    expected = _expected_counts()
    for target in _register_aliases():
        page, anchor = target.split("#")
        heading = _soup(built_site, page).find(id=anchor)
        assert heading is not None, target
        mentions = heading.find_next(class_="edition-mentions")
        listed = _listed_counts(built_site, page, BeautifulSoup(str(mentions), "html.parser"))
        assert listed == expected[target] > 0, target


def test_mention_list_links_lead_to_the_mention(built_site: BuiltSite) -> None:
    article = _soup(built_site, ARTICLE_URL)
    soup = _soup(built_site, "glossary/walt/")
    links = soup.select(".edition-mentions a")
    assert links
    for link in links:
        page, fragment = _resolve("glossary/walt/", link["href"])
        assert page == ARTICLE_URL
        target = article.find(id=fragment)
        assert target is not None and "Walt" in target.get_text()


def test_register_links_follow_the_section_rule(built_site: BuiltSite) -> None:
    """Kazakhstan is never linked; Tashkent is linked at most once per section."""
    article = _soup(built_site, ARTICLE_URL)
    assert not [a for a in article.select("a.edition-term__link") if a.get_text() == "Kazakhstan"]
    sections = article.select("article h2")
    for heading in sections:
        links = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            links += [a for a in sibling.select("a.edition-term__link") if a.get_text() == "Tashkent"]
        assert len(links) <= 1


def test_acronyms_expand_on_hover_and_focus(built_site: BuiltSite) -> None:
    article = _soup(built_site, ARTICLE_URL)
    for acronym in ("CICA", "SCO", "EAEU"):
        abbrs = [a for a in article.select("abbr") if a.get_text() == acronym]
        assert abbrs, acronym
        for abbr in abbrs:
            link = abbr.find_parent("a")
            assert link is not None and abbr["title"]
            preview = article.find(id=link["aria-describedby"])
            assert abbr["title"] in preview.get_text()


def test_emendations_page_lists_every_emendation(built_site: BuiltSite) -> None:
    in_text = []
    # The article page's own "References" section shows the list's emendations a
    # second time; they are made once, in bib/references.bib, and listed once.
    for url, selector in ((ARTICLE_URL, ".edition-emendation:not(.edition-article-references *)"),
                          ("references/", ".edition-emendation")):
        for emendation in _in_text(_soup(built_site, url).select(selector)):
            in_text.append((_text(emendation.select_one(".edition-sic")),
                            emendation.select_one(".edition-corr").get_text()))
    rows = _soup(built_site, "about/emendations/").select(
        ".edition-emendations:not(.edition-emendations--rejected) table tbody tr")
    listed = [(row.select("td")[2].get_text(), f"[corr. {row.select('td')[3].get_text()}]") for row in rows]
    assert sorted(listed) == sorted(in_text)
    assert {"C.M. Walt", "Forth", "Farhod Toli-pov", "Holmes & Maier", "ukrepyayut"} <= {sic for sic, _ in listed}


def test_emendation_rows_link_to_their_place(built_site: BuiltSite) -> None:
    rows = _soup(built_site, "about/emendations/").select(
        ".edition-emendations:not(.edition-emendations--rejected) table tbody tr")
    for row in rows:
        link = row.select("td")[1].find("a")
        page, fragment = _resolve("about/emendations/", link["href"])
        target = _soup(built_site, page).find(id=fragment)
        assert target is not None, link["href"]
        sic = row.select("td")[2].get_text()
        found = [_text(e) for e in target.select(".edition-sic")] + (
            [_text(target.select_one(".edition-sic"))] if "edition-emendation" in target.get("class", []) else [])
        assert sic in found, (link["href"], sic, found)


def test_rejected_candidates_are_listed_with_reasons(built_site: BuiltSite) -> None:
    candidates = yaml.safe_load((ROOT / "data" / "emendation-candidates.yml").read_text(encoding="utf-8"))
    rows = _soup(built_site, "about/emendations/").select(".edition-emendations--rejected table tbody tr")
    assert len(rows) == len(candidates) > 0
    assert all(row.select("td")[3].get_text(strip=True) for row in rows)


def test_timeline_events_link_to_the_paragraph_with_their_quote(built_site: BuiltSite) -> None:
    events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    items = _soup(built_site, "indexes/timeline/").select(".edition-timeline__event")
    assert len(items) == len(events)
    article = _soup(built_site, ARTICLE_URL)
    by_label = {event["label"]: event for event in events}
    dates = []
    for item in items:
        event = by_label[item.select_one(".edition-timeline__label").get_text()]
        page, fragment = _resolve("indexes/timeline/", item.select_one("a")["href"])
        paragraph = article.find(id=fragment)
        assert page == ARTICLE_URL and paragraph is not None
        text = "".join(t for t in paragraph.find_all(string=True)
                       if not t.find_parent(attrs={"data-edition-apparatus": True}))
        assert event["quote"] in text
        dates.append(item.select_one("time")["datetime"])
    assert dates == sorted(dates)


def test_editorial_notes_stand_in_their_paragraphs_behind_numbered_markers(built_site: BuiltSite) -> None:
    """Each note is set inside the paragraph it comments on (a side note on wide
    screens), after a marker: a link to it, numbered in reading order."""
    notes = yaml.safe_load((ROOT / "data" / "notes.yml").read_text(encoding="utf-8"))
    article = _soup(built_site, ARTICLE_URL)
    markers = article.select("a.edition-note-marker")
    assert [marker.get_text() for marker in markers] == [str(n) for n in range(1, len(notes) + 1)]
    for note in notes:
        box = article.find(id=f"note-{note['id']}")
        assert box is not None and box.get("role") == "note", note["id"]
        paragraph = box.find_parent("p")
        assert _text(paragraph).startswith(note["after"]), note["id"]
        marker = paragraph.find("a", class_="edition-note-marker", href=f"#note-{note['id']}")
        assert marker is not None and marker["aria-controls"] == box["id"]  # a keyboard stop
        assert note["title"] in box.select_one(".edition-note__title").get_text()
        assert not box.find(["p", "div", "ul", "ol"]), "a paragraph may hold only phrasing content"
    listed = _soup(built_site, "about/notes/").select(".edition-notes-list a")
    assert len(listed) == len(notes)


def test_mkdocs_bibtex_citations_become_the_editors_sources(built_site: BuiltSite) -> None:
    """mkdocs-bibtex reads [@key] on a glossary page; the late pass sets each as a short
    citation linked to the page's headed "Editors' sources", which gives the entry of
    bib/editorial.bib; no footnote of Python-Markdown's is left."""
    soup = _soup(built_site, "glossary/walt/")
    section = soup.select_one("section.edition-sources")
    assert section is not None and section.find("h2").get_text(strip=True).startswith("Editors' sources")
    entries = section.select("li[id^=source-]")
    assert any("Walt, Stephen M." in li.get_text() for li in entries)
    citations = soup.select("a.edition-source-cite__link")
    assert citations and {a["href"] for a in citations} == {f"#{li['id']}" for li in entries}
    assert not soup.select("div.footnote, sup[id^=fnref], a.footnote-ref")
    assert "[@" not in soup.select_one("article").get_text()


def test_emendation_places_are_written_and_linked_one_way(built_site: BuiltSite) -> None:
    """Both tables write a paragraph as "¶ N" (no-break space) and link it to ¶ N."""
    soup = _soup(built_site, "about/emendations/")
    cells = soup.select(".edition-emendations td.edition-emendations__where")
    assert len(cells) == len(soup.select(".edition-emendations tbody tr")) > 0
    paragraphs = 0
    for cell in cells:
        text = cell.get_text()
        assert not re.search(r"¶(?!\u00a0[0-9])", text), text
        for number in re.findall(r"¶\u00a0([0-9]+)", text):
            link = cell.find("a", string=f"¶\u00a0{number}")
            assert link is not None, (text, number)
            page, fragment = _resolve("about/emendations/", link["href"])
            assert (page, fragment) == (ARTICLE_URL, f"p{number}"), link["href"]
            assert _soup(built_site, page).find(id=fragment) is not None
            paragraphs += 1
    assert paragraphs >= 10
