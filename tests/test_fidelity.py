"""Fidelity: every sentence and every reference of the article is in the edition.

The copy text is tests/fixtures/article.txt. Its sentences (title block, the
three abstracts, keywords, headings and body) must each stand on the article's
own page(s), in the source's order, not merely somewhere on the site (a glossary
page quoting a sentence must not stand in for it); the same in the TEI text and
the JATS article. Each of its references must keep its titles, translation,
URL and access date. The machinery lives in tests/fidelity.py and is tested
here too, on the fixture alone and on the built article, so that it provably
can fail.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

import sources
from conftest import ROOT, run_mkdocs_build
from fidelity import (
    Passage,
    access_date,
    article_pages,
    article_text,
    check_sentences,
    citations,
    element_text,
    italic_segments,
    jats_reference,
    jats_text,
    jats_title_block,
    missing_sentences,
    normalise,
    page_text,
    parse_source,
    reference_url,
    site_text,
    split_sentences,
    tei_reference,
    tei_text,
    translation_title,
)
from sites import copy_project

SOURCE = parse_source()
CHECKED_PARTS = ("title", "abstract", "keywords", "heading", "body")


def _sentence_cases() -> list[pytest.param]:
    cases = []
    counters: dict[tuple[str, str], int] = {}
    for passage in SOURCE.of(*CHECKED_PARTS):
        key = (passage.part, passage.lang)
        counters[key] = counters.get(key, 0) + 1
        for number, sentence in enumerate(split_sentences(passage.text), start=1):
            cases.append(pytest.param(sentence, id=_case_id(passage, counters[key], number, sentence)))
    return cases


def _case_id(passage: Passage, paragraph: int, number: int, sentence: str) -> str:
    where = passage.part if passage.lang == "en" else f"{passage.part}-{passage.lang}"
    words = re.findall(r"[A-Za-z0-9]+", sentence)[:5] if passage.lang == "en" else []
    return "-".join([f"{where}-{paragraph:02d}.{number}", *words]).lower()


SENTENCES = _sentence_cases()


# --- the source as the edition reads it ----------------------------------------


def _opening(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(sources.as_printed(text)))[:6]


def test_body_paragraphs_after_page_break_joins_are_the_editions():
    """The copy text's paragraphs, page breaks joined, are the paragraphs of
    docs/article.md (each opening as it does there): no join missed or made wrongly."""
    printed = [_opening(p.text) for p in SOURCE.of("body")]
    assert printed == [_opening(p) for p in sources.article_paragraphs()]


def test_body_keeps_every_numeric_citation_of_the_copy_text():
    found = [c for p in SOURCE.of("body") for c in citations(p.text)]
    assert found == sources.PRINTED_CITATIONS


def test_body_headings():
    assert [p.text for p in SOURCE.of("heading")] == [
        "Introduction", "Research methods", "Results", "Discussion of results", "Conclusion",
    ]


@pytest.mark.parametrize(
    "fragment",
    [
        "has been focused on the prospects for a new level",
        "the function of the alliance was to",
        "have mutual foreign policy support",
        "closely intertwined with the rational use",
        "the COVID-19 pandemic, and Kazakhstan's own vaccine QazVac.",
        "a goal of $10 billion in mutual trade",
        "by 33% to $4.3 billion",
    ],
)
def test_page_breaks_joined_and_dollars_unescaped(fragment):
    assert any(fragment in p.text for p in SOURCE.of("body"))


def test_three_abstracts_without_run_in_labels():
    abstracts = SOURCE.of("abstract")
    assert [p.lang for p in abstracts] == ["en"] * 3 + ["kk"] * 3 + ["ru"] * 3
    assert abstracts[0].text.startswith("The article analyzes")
    assert abstracts[3].text.startswith("Мақалада")
    assert abstracts[6].text.startswith("В статье")
    assert [p.lang for p in SOURCE.of("keywords")] == ["en", "kk", "ru"]


def test_title_block():
    titles = [p.text for p in SOURCE.of("title")]
    assert titles[:3] == [
        "KAZAKHSTAN AND UZBEKISTAN ALLIED RELATIONS: UZBEK EXPERT DISCOURSE",
        "https://doi.org/10.52536/2788-5909.2022-2.04",
        "Dauren Zhailin",
    ]
    assert "dauren.zhailin@gmail.com" in titles
    assert "Даурен Жайлин, Ирода Шамсиева" in titles


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Heads of State K.K. Tokayev and Sh.M. Mirziyoyev signed. Then H. Morgenthau spoke.",
            ["Heads of State K.K. Tokayev and Sh.M. Mirziyoyev signed.", "Then H. Morgenthau spoke."],
        ),
        ("Ithaca, N.Y. London: Press. Next", ["Ithaca, N.Y. London: Press.", "Next"]),
        ("(Line 4.2) [1]. In this context.", ["(Line 4.2) [1].", "In this context."]),
        ("states”. [5, p.1]. In his", ["states”. [5, p.1].", "In his"]),
        ("First. President", ["First.", "President"]),
        ("notion of “allied relations”. As a rule", ["notion of “allied relations”.", "As a rule"]),
        ("He said so. “Quoted” too", ["He said so.", "“Quoted” too"]),
        ("etc. and so on. p.137 x", ["etc. and so on. p.137 x"]),
        ("Why? Because! Yes.", ["Why?", "Because!", "Yes."]),
        ("анықталды. Бұл қарым", ["анықталды.", "Бұл қарым"]),
    ],
)
def test_split_sentences(paragraph, expected):
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  «Hello»\n\t “World” ", '"hello" "world"'),
        ("Kazakhstan’s 2020 – 2030 — x ‒ y", "kazakhstan's 2020 - 2030 - x - y"),
        ("ҚАЗАҚСТАН\u00a0МЕН", "қазақстан мен"),
        ("ﬁ ¹", "fi 1"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_element_text_removes_apparatus_and_keeps_words_whole():
    html = (
        '<article class="md-content__inner"><h2 id="x">Results<a class="headerlink" href="#x">¶</a></h2>'
        '<p><span data-edition-apparatus>¶ 7</span>closely inter<em>twined</em> with '
        '“power” <a href="../references/#ref-2">[2, p.137]</a>.'
        '<span data-edition-apparatus="tooltip">Morgenthau 1948</span></p>'
        "<ul><li>one</li><li>two<br>three</li></ul><script>var x;</script></article>"
    )
    assert page_text(html) == 'Results closely intertwined with “power” [2, p.137]. one two three'


def test_reference_items_are_numbered_from_1_as_in_the_bib():
    assert list(SOURCE.references) == list(range(1, len(SOURCE.references) + 1))
    assert list(SOURCE.references) == sources.reference_numbers()


def test_reference_repairs():
    assert reference_url(SOURCE.references[14]) == (
        "https://uza.uz/ru/posts/uzbekistan-i-kazaxstan-ukreplyayut-sotrudnichestvo"
        "-v-sfere-vodnyx-resursov_327858"
    )
    assert reference_url(SOURCE.references[11]) == (
        "https://www.kazpravda.kz/fresh/view/sotrudnichestvo-uzbekistana-i-kazahstana"
        "-na-sovremennom-etape-razvitiya"
    )
    assert translation_title(SOURCE.references[11]).startswith("Cooperation between")
    assert translation_title(SOURCE.references[10]).startswith("A. Smailov held talks")
    assert translation_title(SOURCE.references[2]) is None
    assert italic_segments(SOURCE.references[2]) == [
        "Politics Among Nations: The Struggle for Power and Peace", "Alfred A. Knopf",
    ]
    assert access_date(SOURCE.references[10]) == "11.02.2022"
    assert reference_url(SOURCE.references[3]) is None


def test_missing_sentences_on_the_fixture_alone():
    sentences = [s.values[0] for s in SENTENCES]
    whole = " ".join(sentences)
    assert missing_sentences(sentences, whole) == []
    target = next(s for s in sentences if "Tens of millions of people" in s)
    assert missing_sentences(sentences, whole.replace(target, "")) == [target]


@pytest.mark.parametrize(
    ("text", "missing", "out_of_order"),
    [
        ("One. Two. Three.", (), ()),
        ("One. Three.", ("Two.",), ()),
        ("Two. One. Three.", (), ("Two.",)),
        ("One. Three. Two.", (), ("Three.",)),
        ("Three. Two.", ("One.",), ("Three.",)),
        ("", ("One.", "Two.", "Three."), ()),
    ],
)
def test_check_sentences_reports_missing_and_displaced_sentences(text, missing, out_of_order):
    result = check_sentences(["One.", "Two.", "Three."], text)
    assert (result.missing, result.out_of_order) == (missing, out_of_order)
    assert bool(result) is (not missing and not out_of_order)


def test_check_sentences_matches_a_repeated_sentence_in_turn():
    """"First." is printed at the head of several paragraphs: each is looked for after
    the one before, so one lost repetition is missed even though another stands."""
    sentences = ["First.", "Alpha.", "First.", "Beta."]
    assert check_sentences(sentences, "First. Alpha. First. Beta.")
    assert check_sentences(sentences, "First. Alpha. Beta.").missing == ()
    assert check_sentences(sentences, "First. Alpha. Beta.").out_of_order == ("First.",)


# --- the built site ------------------------------------------------------------


def test_the_article_pages_are_found_from_their_front_matter():
    assert article_pages(ROOT) == ["article.md"]


@pytest.fixture(scope="module")
def article_page_text(built_site) -> str:
    return normalise(article_text(ROOT, built_site.root))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_source_sentence_is_on_the_article_page(sentence, article_page_text):
    missing = missing_sentences([sentence], article_page_text)
    assert not missing, f"sentence of the source missing from the article page:\n  {sentence}"


def test_the_article_page_has_the_source_in_its_order(article_page_text):
    result = check_sentences([case.values[0] for case in SENTENCES], article_page_text)
    assert result, f"article page: missing {list(result.missing)}; out of order {list(result.out_of_order)}"


def test_a_sentence_deleted_from_the_article_but_quoted_on_a_glossary_page_fails(tmp_path):
    """The sentence stands quoted on the Walt and balance-of-power pages: a search of the
    whole site still finds it, the article page's check does not."""
    target = next(s for s in (case.values[0] for case in SENTENCES) if "as opposed to the balance of power" in s)
    project = copy_project(tmp_path / "project")
    article = project / "docs" / "article.md"
    text = article.read_text(encoding="utf-8")
    assert text.count(target) == 1
    article.write_text(text.replace(target + " ", ""), encoding="utf-8")
    site = tmp_path / "site"
    build = run_mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr

    assert normalise(target) in normalise(site_text(site)), "the glossary no longer quotes the sentence"
    result = check_sentences([case.values[0] for case in SENTENCES], article_text(project, site))
    assert (result.missing, result.out_of_order) == ((target,), ())


@pytest.fixture(scope="module")
def references_page(built_site) -> BeautifulSoup:
    return BeautifulSoup(built_site.page("references/"), "html.parser")


@pytest.mark.parametrize("number", sorted(SOURCE.references), ids=lambda n: f"ref-{n}")
def test_reference_is_on_references_page(number, references_page):
    element = references_page.find(id=f"ref-{number}")
    assert element is not None, f'references/index.html has no element with id="ref-{number}"'
    text = normalise(element_text(element))

    item = SOURCE.references[number]
    expected = [*italic_segments(item)]
    for value in (translation_title(item), access_date(item)):
        if value is not None:
            expected.append(value)
    url = reference_url(item)
    if url is not None:
        # The address as printed is the link's href; its text reads percent-escapes
        # decoded (Cyrillic as letters), so the text holds the decoded form.
        expected.append(unquote(url))
        hrefs = [link["href"] for link in element.select("a[href]")]
        assert url in hrefs, (number, url, hrefs)
    absent = [e for e in expected if normalise(e) not in text]
    assert not absent, (
        f"reference {number} on the references page lacks: {absent}\n  its text: {text}"
    )


def test_checker_reports_a_sentence_deleted_from_the_built_article(built_site):
    article = normalise(page_text(built_site.page("article/")))
    body = [s for p in SOURCE.of("heading", "body") for s in split_sentences(p.text)]
    target = next(s for s in body if "Tens of millions of people" in s)
    assert normalise(target) in article, f"the built article lacks:\n  {target}"

    before = missing_sentences(body, article)
    after = missing_sentences(body, article.replace(normalise(target), " ", 1))
    assert [s for s in after if s not in before] == [target]
    assert [s for s in before if s not in after] == []


# --- the XML exports (exports/edition.tei.xml, exports/article.jats.xml) ----------
# The same sentences and references, read from the TEI text and the JATS article with
# the formats' own conventions (tests/fidelity.py). Key words are compared as the
# terms the formats store (TEI term, JATS kwd): without the printed run-in label and
# final full stop. References are compared word by word, without the punctuation the
# printed list puts between fields, which structured records do not store.

def _xml_sentence_cases(parts: tuple[str, ...]) -> list[pytest.param]:
    cases = []
    for passage in SOURCE.of(*parts):
        text = passage.text
        if passage.part == "keywords":
            text = text.split(":", 1)[1].strip().rstrip(".")
        for sentence in split_sentences(text) if passage.part != "keywords" else [text]:
            cases.append(pytest.param(passage.part, sentence, id=f"{passage.part}-{passage.lang}-{len(cases) + 1}"))
    return cases


@pytest.fixture(scope="module")
def tei_document(built_site) -> bytes:
    return (built_site.root / "exports" / "edition.tei.xml").read_bytes()


@pytest.fixture(scope="module")
def jats_document(built_site) -> bytes:
    return (built_site.root / "exports" / "article.jats.xml").read_bytes()


@pytest.fixture(scope="module")
def tei_texts(tei_document) -> dict[str, str]:
    import xml.etree.ElementTree as etree

    root = etree.fromstring(tei_document)
    file_desc = etree.tostring(root.find("{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc"))
    return {"text": normalise(tei_text(tei_document)),
            "front": normalise(tei_text(tei_document, "text/front")),
            "fileDesc": normalise(tei_text(b"<w xmlns='http://www.tei-c.org/ns/1.0'>" + file_desc + b"</w>",
                                           "fileDesc"))}


@pytest.mark.parametrize(("part", "sentence"), _xml_sentence_cases(CHECKED_PARTS))
def test_source_sentence_is_in_the_tei(part, sentence, tei_texts):
    """The title block as printed in the text's front (its title pages), the rest in the
    TEI text."""
    where = "front" if part == "title" else "text"
    if part == "keywords":
        assert _words(sentence) in _words(tei_texts[where]), f"TEI {where} lacks the key words:\n  {sentence}"
        return
    assert not missing_sentences([sentence], tei_texts[where]), f"TEI {where} lacks:\n  {sentence}"


def _sentences_of(*parts: str) -> list[str]:
    return [sentence for passage in SOURCE.of(*parts) for sentence in split_sentences(passage.text)]


def test_the_tei_text_has_the_source_in_its_order(tei_texts):
    """Abstracts, headings and body in the source's order (the title block stands in the
    titlePages and the header, where a contact note follows its author's name, not the
    printed order; key words are terms without their printed label)."""
    result = check_sentences(_sentences_of("abstract", "heading", "body"), tei_texts["text"])
    assert result, f"TEI text: missing {list(result.missing)}; out of order {list(result.out_of_order)}"


def _is_byline(passage: Passage) -> bool:
    """The Kazakh and Russian title blocks print a title, then one line of names."""
    same = [p for p in SOURCE.of("title") if p.lang == passage.lang]
    return passage.lang != "en" and same.index(passage) == 1


@pytest.mark.parametrize("passage", SOURCE.of("title"),
                         ids=lambda p: f"title-{p.lang}-{SOURCE.of('title').index(p) + 1}")
def test_title_line_is_in_the_tei_header(passage, tei_texts):
    """The header's fileDesc records the printed article: every title line, a byline's
    names one by one (not the principles, which quote them)."""
    expected = [name.strip() for name in passage.text.split(",")] if _is_byline(passage) else [passage.text]
    assert not missing_sentences(expected, tei_texts["fileDesc"]), f"TEI fileDesc lacks:\n  {passage.text}"


@pytest.fixture(scope="module")
def jats_texts(jats_document) -> dict[str, str]:
    return {"body": normalise(jats_text(jats_document, "body")), "front": normalise(jats_text(jats_document, "front")),
            "title": normalise(jats_title_block(jats_document))}


@pytest.mark.parametrize(("part", "sentence"), _xml_sentence_cases(CHECKED_PARTS))
def test_source_sentence_is_in_the_jats(part, sentence, jats_texts):
    where = {"heading": "body", "body": "body", "title": "title"}.get(part, "front")
    if part == "keywords":
        assert _words(sentence) in _words(jats_texts[where]), f"JATS {where} lacks the key words:\n  {sentence}"
        return
    assert not missing_sentences([sentence], jats_texts[where]), f"JATS {where} lacks:\n  {sentence}"


@pytest.mark.parametrize(("where", "parts"), [("body", ("heading", "body")), ("front", ("abstract",))])
def test_the_jats_article_has_the_source_in_its_order(where, parts, jats_texts):
    result = check_sentences(_sentences_of(*parts), jats_texts[where])
    assert result, f"JATS {where}: missing {list(result.missing)}; out of order {list(result.out_of_order)}"


def test_xml_order_check_can_fail(tei_document):
    """Two body sentences swapped in the TEI: the one the source prints second, found
    before the first, is reported out of order."""
    first, second = _sentences_of("body")[:2]
    text = normalise(tei_text(tei_document)).replace(normalise(first), "@@")
    swapped = text.replace(normalise(second), normalise(first)).replace("@@", normalise(second))
    result = check_sentences(_sentences_of("body"), swapped)
    assert (result.missing, result.out_of_order) == ((), (second,))


def _words(text: str) -> str:
    return " ".join(re.sub(r"[,.;:()\[\]]", " ", normalise(text)).split())


@pytest.mark.parametrize("export", ["tei", "jats"])
@pytest.mark.parametrize("number", sorted(SOURCE.references), ids=lambda n: f"ref-{n}")
def test_reference_is_in_the_xml_export(number, export, tei_document, jats_document):
    read = tei_reference(tei_document, number) if export == "tei" else jats_reference(jats_document, number)
    text = _words(read)
    item = SOURCE.references[number]
    expected = [*italic_segments(item)] + [v for v in (translation_title(item), reference_url(item), access_date(item))
                                           if v is not None]
    absent = [e for e in expected if _words(e) not in text]
    assert text and not absent, f"reference {number} in the {export} export lacks: {absent}\n  its text: {text}"


def test_xml_fidelity_readers_can_fail(tei_document, jats_document):
    """A sentence cut from the TEI is missed; in JATS the printed reading is found only
    because the reader puts it back from its footnote."""
    target = next(s for p in SOURCE.of("body") for s in split_sentences(p.text) if "Tens of millions of people" in s)
    cut = tei_document.replace("Tens of millions of people".encode(), b"Tens of people", 1)
    assert missing_sentences([target], normalise(tei_text(cut))) == [target]
    printed = next(s for p in SOURCE.of("body") for s in split_sentences(p.text) if s.startswith("C.M. Walt sees"))
    assert not missing_sentences([printed], normalise(jats_text(jats_document)))
    without_footnotes = jats_document.replace(b'content-type="printed-reading"', b'content-type="x"')
    assert missing_sentences([printed], normalise(jats_text(without_footnotes))) == [printed]


def test_title_block_readers_can_fail(tei_document, jats_document):
    """A byline name, the contact address or an affiliation cut from either export is
    missed; the TEI contact footnote counts as text only while it is not the editors'."""
    byline = next(p.text for p in SOURCE.of("title") if p.lang == "ru" and "," in p.text)
    cut = jats_document.replace("<string-name xml:lang=\"ru\">Ирода Шамсиева</string-name>".encode(), b"", 1)
    assert cut != jats_document
    assert missing_sentences([byline], normalise(jats_title_block(cut))) == [byline]
    assert not missing_sentences([byline], normalise(jats_title_block(jats_document)))
    email = next(p.text for p in SOURCE.of("title") if "@" in p.text)
    cut = jats_document.replace(email.encode(), b"", 1)
    assert missing_sentences([email], normalise(jats_title_block(cut))) == [email]
    front = normalise(tei_text(tei_document, "text/front"))
    assert not missing_sentences([email], front)
    as_editors = tei_document.replace(b'<note type="contact"', b'<note resp="#editors" type="contact"', 1)
    assert missing_sentences([email], normalise(tei_text(as_editors, "text/front"))) == [email]
    place = "(Tashkent, Uzbekistan)"
    cut = tei_document.replace(b"<placeName>Tashkent, Uzbekistan</placeName>", b"<placeName/>", 2)
    assert missing_sentences([place], normalise(tei_text(cut, "text/front"))) == [place]
