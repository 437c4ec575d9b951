"""The article as a page to read, in Chromium: its measure, its reading face (served by the
site, covering every character the pages show), lines that never part initials from a
surname, the ¶ numbers' grey and Material's "Back to top" kept off the text.

Measurements are in tests/browser/typography.py (also runnable by hand for before/after
figures)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from .helpers import PHONE, ROOT, open_context, screenshot
from .typography import INITIALS, initials, measure

READING_FACE = "Source Serif 4"
MEASURE = (60, 75)
DESKTOP_WIDTHS = {768: 1024, 1280: 900, 1920: 1080}
# Characters the reading face's files do not hold, left to the next face in the font stack:
# Fontsource's subsets of Source Serif 4 carry no arrows (its Latin subset has ↑ and ↓
# only). "→" marks a normalised title on the Editorial principles page, "↩" is
# Python-Markdown's footnote back-link.
NOT_IN_THE_FACE = {"\u2192": "RIGHTWARDS ARROW", "\u21a9": "LEFTWARDS ARROW WITH HOOK"}


def _open(browser, site, width: int, height: int, **options):
    context = open_context(browser, viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(site.url("article/"))
    page.evaluate("document.fonts.ready.then(() => true)")
    return context, page


# --- measure ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", sorted(DESKTOP_WIDTHS))
def test_body_text_runs_60_to_75_characters_a_line(browser, site, width: int) -> None:
    context, page = _open(browser, site, width, DESKTOP_WIDTHS[width])
    try:
        found = measure(page, width)
        screenshot(page, f"typography-measure-{width}")
    finally:
        context.close()
    assert len(found.counts) > 50, f"too few full lines measured at {width} px: {found.row()}"
    low, high = MEASURE
    assert low <= found.median <= high and low <= found.mean <= high, found.row()


def test_the_measure_can_fail(browser, site) -> None:
    """The same measurement on the paragraphs set wider than the measure reports it."""
    context, page = _open(browser, site, 1920, 1080)
    try:
        page.add_style_tag(content=".md-content__inner p.edition-para { max-width: none !important }")
        found = measure(page, 1920)
    finally:
        context.close()
    assert found.median > MEASURE[1], found.row()


# --- the reading face ----------------------------------------------------------------------


def test_the_text_is_set_in_the_reading_face_and_the_chrome_in_the_ui_face(page, site, traffic) -> None:
    page.goto(site.url("article/"))
    page.evaluate("document.fonts.ready.then(() => true)")
    family = page.evaluate("""selector => getComputedStyle(document.querySelector(selector)).fontFamily""",
                           ".md-content p.edition-para")
    assert family.split(",")[0].strip('" ') == READING_FACE
    loaded = page.evaluate("""face => [...document.fonts].filter(f => f.family.replace(/"/g, '') === face
                                                                 && f.status === 'loaded').length""",
                           READING_FACE)
    assert loaded >= 1, "the reading face was declared but never loaded"
    for chrome in (".md-header__title", ".md-nav__link", ".md-search__input", ".md-footer"):
        family = page.evaluate("selector => getComputedStyle(document.querySelector(selector)).fontFamily", chrome)
        assert READING_FACE not in family, f"{chrome} is set in {family}"
    hyphens = page.evaluate("() => getComputedStyle(document.querySelector('.md-content p.edition-para')).hyphens")
    assert hyphens == "manual", "names must never be hyphenated"
    fonts = [url for url in traffic.requests if url.endswith(".woff2")]
    assert fonts and all(url.startswith(site.base) for url in fonts), fonts


def _unicode_ranges(css: str) -> list[tuple[str, str, str, list[tuple[int, int]]]]:
    """(weight, style, file, ranges) of each @font-face of the reading face."""
    faces = []
    for body in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        if READING_FACE not in body:
            continue
        ranges = []
        for part in re.search(r"unicode-range:([^;}]+)", body)[1].split(","):
            low, _, high = part.strip()[2:].partition("-")
            ranges.append((int(low, 16), int(high or low, 16)))
        faces.append((re.search(r"font-weight:(\w+)", body)[1], re.search(r"font-style:(\w+)", body)[1],
                      re.search(r"url\([\"']?([^\"')]+)", body)[1], ranges))
    return faces


def _site_text(root: Path) -> set[str]:
    """Every character of every page's content (the abstracts included), as served; code
    is set in Material's monospace face and left out."""
    chars: set[str] = set()
    for path in root.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        content = soup.select_one("article.md-content__inner")
        if content is None:
            continue
        for hidden in content(["script", "style", "svg", "code", "pre", "kbd"]):
            hidden.decompose()
        chars |= set(content.get_text())
    return {char for char in chars if not char.isspace() or char in "\u00a0\u202f"}


def test_the_reading_face_covers_every_character_of_the_site(built_site) -> None:
    css_path = next((built_site.root / "assets" / "stylesheets").glob("edition.*.min.css"))
    faces = _unicode_ranges(css_path.read_text(encoding="utf-8"))
    styles = {(weight, style) for weight, style, _, _ in faces}
    assert {("400", "normal"), ("400", "italic"), ("700", "normal")} <= styles, styles
    text = _site_text(built_site.root)
    assert set("әғқңөұүһіӘҒҚҢӨҰҮҺІ") & text, "the Kazakh abstract's letters were not found"
    for weight, style in sorted(styles):
        covered: set[int] = set()
        for _, _, url, ranges in (face for face in faces if face[:2] == (weight, style)):
            font = css_path.parent / url
            assert font.is_file(), f"{url} is declared but not served"
            cmap = set(TTFont(font).getBestCmap())
            # A character comes from this file only if the face's unicode-range holds it.
            covered |= {code for code in cmap if any(low <= code <= high for low, high in ranges)}
        missing = sorted(char for char in text if ord(char) not in covered and char not in NOT_IN_THE_FACE)
        assert not missing, (f"{READING_FACE} {weight} {style} lacks: "
                             + ", ".join(f"{char!r} U+{ord(char):04X}" for char in missing))
        # The exceptions stay true ones: a face that gains them must lose its exception.
        assert not {ord(char) for char in NOT_IN_THE_FACE} & covered, f"{weight} {style} now has them"


# --- line breaking ---------------------------------------------------------------------------


def _source_pairs() -> set[str]:
    """The initials + surname pairs of the article's own Markdown (emendations read as
    their corrections), as a reader sees them."""
    text = (ROOT / "docs" / "article.md").read_text(encoding="utf-8")
    text = re.sub(r"\{sic:[^|}]*\|\s*corr:\s*([^|}]*?)\s*(?:\|[^}]*)?\}", r"\1", text)
    pattern = re.compile(INITIALS.replace(r"\p{L}", r"\w").replace(r"\p{Lu}", "[A-Z]").replace(r"\p{Ll}", "[a-z]"))
    return {" ".join(match[0].split()) for match in pattern.finditer(text)}


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
def test_initials_are_never_parted_from_their_surname(browser, site, width: int) -> None:
    height = PHONE["height"] if width == PHONE["width"] else DESKTOP_WIDTHS[width]
    context, page = _open(browser, site, width, height)
    try:
        pairs = initials(page)
    finally:
        context.close()
    seen = {" ".join(pair["text"].split()) for pair in pairs}
    assert _source_pairs() <= seen, f"not checked: {_source_pairs() - seen}"
    parted = [pair["text"] for pair in pairs if pair["parted"]]
    assert not parted, f"at {width} px, parted from their surname: {parted}"


def test_a_parted_pair_is_seen(page, site) -> None:
    """The check sees a pair that a line break parts, and the nowrap span that prevents it."""
    page.goto(site.url("article/"))
    page.evaluate("""() => {
        const make = (id, text) => {
            const p = document.createElement('p');
            p.id = id; p.textContent = text;
            p.style.cssText = 'width: 14ch; font: 16px monospace';
            document.querySelector('.md-content article').append(p);
        };
        make('probe-space', 'xxxxxxxxx H. Morgenthau');
        make('probe-joined', 'xxxxxxxxx ');
        const span = document.createElement('span');
        span.className = 'edition-nowrap'; span.textContent = 'H. Morgenthau';
        document.querySelector('#probe-joined').append(span);
    }""")
    assert [pair["parted"] for pair in initials(page, "#probe-space")] == [True]
    assert [pair["parted"] for pair in initials(page, "#probe-joined")] == [False]


def test_a_date_range_stays_on_one_line(page, site) -> None:
    page.goto(site.url("article/"))
    ranges = page.eval_on_selector_all(
        ".md-content .edition-nowrap",
        "spans => spans.map(span => [span.textContent, span.getClientRects().length,"
        " getComputedStyle(span).whiteSpace])")
    assert ["5-6", 1, "nowrap"] in ranges, ranges


# --- ¶ numbers and "Back to top" ---------------------------------------------------------------


CONTRAST_JS = """selector => {
    const rgba = value => value.match(/[\\d.]+/g).map(Number);
    const blend = (top, under) => top.slice(0, 3).map((c, i) => c * (top[3] ?? 1) + under[i] * (1 - (top[3] ?? 1)));
    const luminance = rgb => {
        const [r, g, b] = rgb.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const element = document.querySelector(selector);
    const background = rgba(getComputedStyle(document.body).backgroundColor);
    const colour = blend(rgba(getComputedStyle(element).color), background);
    const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
    const link = getComputedStyle(document.querySelector('.md-typeset a.edition-cite__link')).color;
    return {ratio: (a + 0.05) / (b + 0.05), colour: getComputedStyle(element).color, link};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_paragraph_numbers_are_grey_with_contrast(browser, site, scheme: str) -> None:
    context, page = _open(browser, site, 1280, 900, color_scheme=scheme)
    try:
        found = page.evaluate(CONTRAST_JS, ".edition-para__number")
    finally:
        context.close()
    assert found["colour"] != found["link"], f"¶ numbers are in the link colour {found['link']}"
    assert found["ratio"] >= 4.5, found


@pytest.mark.parametrize("width", [PHONE["width"], 1280, 1920])
def test_back_to_top_never_covers_text(browser, site, width: int) -> None:
    height = PHONE["height"] if width == PHONE["width"] else DESKTOP_WIDTHS[width]
    context, page = _open(browser, site, width, height)
    try:
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -400)
        button = page.locator(".md-top")
        button.wait_for(state="visible")
        page.wait_for_timeout(300)
        box, header = button.bounding_box(), page.locator(".md-header").bounding_box()
        under = page.evaluate("""([x, y]) => document.elementsFromPoint(x, y)
            .filter(element => !element.closest('.md-top'))
            .map(element => element.closest('.md-header') ? 'header' : element.tagName)""",
                              [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        screenshot(page, f"typography-back-to-top-{width}")
    finally:
        context.close()
    assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], (box, header)
    assert under[0] == "header", under
    assert box["width"] >= 24 and box["height"] >= 24
