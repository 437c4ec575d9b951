"""The machinery of the fidelity test: source parsing, sentences, site text.

The edition must reproduce the article's words. This module reads the copy text
(tests/fixtures/article.txt) into passages, applying exactly the normalisations
the edition itself makes (page-break joins, `\\$` unescaped, run-in abstract
labels dropped), splits them into sentences, extracts the reader-visible text of
built pages (edition apparatus removed) and of the article's own pages, and reports
which sentences are missing from a text or stand in it out of the source's order
(`check_sentences`, for any text: a page, an export, a PDF's text).
It depends on nothing in the project so that it can judge the project.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

SOURCE = Path(__file__).resolve().parent / "fixtures" / "article.txt"

#: Everything the edition adds to the text carries this attribute (tooltips,
#: paragraph numbers, backlinks, corrections of emendations); Python-Markdown's
#: permalinks are the theme's.
APPARATUS = "[data-edition-apparatus], .headerlink"

ABSTRACT_LABELS = ("Abstract.", "Аңдатпа.", "Аннотация.")
KEYWORDS_LABELS = ("Key words:", "Түйін сөздер:", "Ключевые слова:")
BODY_START = "Introduction"
REFERENCES_HEADING = "REFERENCES:"

_TERMINAL = ".!?:”\""
_KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
_FOOTNOTE_MARKS = re.compile(r"[¹²³⁴-⁹⁰]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"\*([^*]+)\*")
_CITATION = re.compile(r"\[\d+[^\]]*\]")


@dataclass(frozen=True)
class Passage:
    """One paragraph of the source after the edition's normalisations."""

    part: str  # "title", "abstract", "keywords", "heading" or "body"
    lang: str  # "en", "kk" or "ru"
    text: str


@dataclass(frozen=True)
class Source:
    passages: tuple[Passage, ...]
    references: dict[int, str]  # the article's number -> the item's raw text

    def of(self, *parts: str) -> list[Passage]:
        return [p for p in self.passages if p.part in parts]


# --- normalisation -------------------------------------------------------------

_PUNCTUATION = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
     "–": "-", "—": "-", "‒": "-"}
)


def normalise(text: str) -> str:
    """The comparison form of a text: NFKC, one space per whitespace run,
    straight quotes, hyphen for dashes, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    return re.sub(r"\s+", " ", text).strip().casefold()


# --- the source ----------------------------------------------------------------


def join_page_breaks(paragraphs: list[str]) -> list[str]:
    """Join paragraphs that a page break split: the first does not end with
    terminal punctuation and the next starts in lowercase. A hyphen after a
    letter at the break is a broken word ("inter-" + "twined")."""
    joined: list[str] = []
    for para in paragraphs:
        if joined and not joined[-1].endswith(tuple(_TERMINAL)) and para[:1].islower():
            if re.search(r"[^\W\d_]-$", joined[-1]):
                joined[-1] = joined[-1][:-1] + para
            else:
                joined[-1] = f"{joined[-1]} {para}"
        else:
            joined.append(para)
    return joined


def _unmark(text: str) -> str:
    """Source Markdown to plain words: emphasis, autolink brackets, `\\$`."""
    text = _EMPHASIS.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    return text.replace("\\$", "$")


def _language(text: str) -> str:
    if any(ch in _KAZAKH_LETTERS for ch in text):
        return "kk"
    if re.search(r"[А-Яа-яЁё]", text):
        return "ru"
    return "en"


def _is_heading(block: str) -> bool:
    return not block.endswith(tuple(_TERMINAL)) and len(block.split()) <= 5 and block[0].isupper()


def parse_source(text: str | None = None) -> Source:
    """Read the copy text into passages and reference items."""
    if text is None:
        text = SOURCE.read_text(encoding="utf-8")
    front_text, rest = re.split(rf"(?m)^{BODY_START}$", text, maxsplit=1)
    body_text, refs_text = re.split(rf"(?m)^{re.escape(REFERENCES_HEADING)}$", rest, maxsplit=1)

    passages: list[Passage] = []
    in_abstract = False
    for block in _blocks(front_text):
        block = _FOOTNOTE_MARKS.sub("", block)
        lang = _language(block)
        if block.startswith(ABSTRACT_LABELS):
            label = next(lbl for lbl in ABSTRACT_LABELS if block.startswith(lbl))
            passages.append(Passage("abstract", lang, _unmark(block[len(label):].strip())))
            in_abstract = True
        elif block.startswith(KEYWORDS_LABELS):
            passages.append(Passage("keywords", lang, _unmark(block)))
            in_abstract = False
        else:
            part = "abstract" if in_abstract else "title"
            passages.append(Passage(part, lang, _unmark(block)))

    for block in join_page_breaks([BODY_START, *_blocks(body_text)]):
        part = "heading" if _is_heading(block) else "body"
        passages.append(Passage(part, "en", _unmark(block)))

    return Source(tuple(passages), _reference_items(refs_text))


def _blocks(text: str) -> list[str]:
    """Blank-line separated paragraphs, inner line breaks made spaces."""
    return [re.sub(r"\s*\n\s*", " ", b.strip()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def _reference_items(text: str) -> dict[int, str]:
    items: dict[int, list[str]] = {}
    current = None
    for line in text.splitlines():
        match = re.match(r"\s*(\d+)\.\s+(.*)", line)
        if match:
            current = int(match.group(1))
            assert current not in items, f"reference {current} printed twice"
            items[current] = [match.group(2).strip()]
        elif line.strip() and current is not None:
            items[current].append(line.strip())  # continued after a page break
    return {n: "\n".join(lines) for n, lines in items.items()}


def citations(text: str) -> list[str]:
    """The numeric citations `[n...]` of a text, as printed."""
    return _CITATION.findall(text)


# --- sentences -----------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?]+[”\"’»)]*\s+")
_OPENING_QUOTES = "“\"«„‘'"


def _is_initials(token: str) -> bool:
    """"H.", "K.N.", "Sh.M.", "N.Y.": initials, not a sentence end."""
    parts = token.split(".")
    if len(parts) < 2 or parts[-1] != "":
        return False
    return all(
        1 <= len(p) <= 2 and p[0].isupper() and (len(p) == 1 or p[1].islower())
        for p in parts[:-1]
    )


def split_sentences(paragraph: str) -> list[str]:
    """Split after . ! ? followed by whitespace and an uppercase letter or an
    opening quote, except after initials."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        following = paragraph[match.end():match.end() + 1]
        if not following or not (following.isupper() or following in _OPENING_QUOTES):
            continue
        token = paragraph[start:match.start() + 1].split()[-1]
        if _is_initials(token):
            continue
        sentences.append(paragraph[start:match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def missing_sentences(source_sentences: list[str], site_text: str) -> list[str]:
    """The source sentences (as given, in order, once each) whose normalised
    form does not occur in the normalised site text."""
    haystack = normalise(site_text)
    missing: list[str] = []
    for sentence in source_sentences:
        if normalise(sentence) not in haystack and sentence not in missing:
            missing.append(sentence)
    return missing


@dataclass(frozen=True)
class SentenceCheck:
    """What `check_sentences` found: the source sentences absent from the text, and
    those present only before a sentence the source prints earlier."""

    missing: tuple[str, ...]
    out_of_order: tuple[str, ...]

    def __bool__(self) -> bool:
        """True when the text has every sentence, in the source's order."""
        return not (self.missing or self.out_of_order)


def check_sentences(source_sentences: list[str], text: str) -> SentenceCheck:
    """The source sentences missing from `text`, and those standing out of order.

    The sentences are looked for in the normalised text one after the other, each
    after the end of the last one found (so a sentence printed twice is matched
    twice, in turn). A sentence found only before that point is out of order; one
    not found at all is missing. Either way the point does not move, so one
    displaced sentence is reported once, not with all that follow it.
    """
    haystack = normalise(text)
    missing: list[str] = []
    out_of_order: list[str] = []
    cursor = 0
    for sentence in source_sentences:
        needle = normalise(sentence)
        found = haystack.find(needle, cursor)
        if found >= 0:
            cursor = found + len(needle)
        elif needle in haystack:
            out_of_order.append(sentence)
        else:
            missing.append(sentence)
    return SentenceCheck(tuple(missing), tuple(out_of_order))


# --- the built site ------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})


def element_text(element: Tag) -> str:
    """Reader-visible text of an element without the edition's apparatus.

    Inline elements join without a separator (`inter<em>twined</em>` stays one
    word); block elements are separated by spaces. The element is not changed.
    """
    element = BeautifulSoup(str(element), "html.parser")
    for node in element.select(APPARATUS):
        node.decompose()
    out: list[str] = []
    _collect(element, out)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _collect(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Tag):
            if child.name in _SKIPPED_TAGS:
                continue
            block = child.name in _BLOCK_TAGS
            if block:
                out.append(" ")
            _collect(child, out)
            if block:
                out.append(" ")
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            out.append(str(child))


def page_text(html: str) -> str:
    """The text of a built page's content (Material's `article` element)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.find("article")
    return element_text(article) if article is not None else ""


def site_text(root: Path) -> str:
    """The text of every built page's content, pages in path order."""
    pages = sorted(root.rglob("*.html"))
    return "\n".join(page_text(p.read_text(encoding="utf-8")) for p in pages)


_ARTICLE_FLAG = re.compile(r"^edition_article\s*:\s*[\"']?(true|part)[\"']?\s*$", re.MULTILINE | re.IGNORECASE)


def article_pages(project: Path) -> list[str]:
    """The Markdown paths (relative to docs/) of the article's own pages, the page marked
    `edition_article: true` first, then each `part` in the order of mkdocs.yml's nav
    (pages the nav does not list after, by path). Read from the sources, not from the
    edition's code, so that the test does not take the edition's word for it."""
    docs = project / "docs"
    flagged: dict[str, str] = {}
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        front = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
        flag = _ARTICLE_FLAG.search(front[1]) if front else None
        if flag:
            flagged[page.relative_to(docs).as_posix()] = flag[1].lower()
    order = _nav_paths(project / "mkdocs.yml")
    return sorted(flagged, key=lambda path: (flagged[path] != "true",
                                             order.index(path) if path in order else len(order), path))


def _nav_paths(config: Path) -> list[str]:
    """The Markdown paths of mkdocs.yml's nav, in order (the config's Python tags ignored)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = (yaml.load(config.read_text(encoding="utf-8"), Loader=Loader) or {}).get("nav") or []
    paths: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            paths.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return paths


def built_page(site: Path, markdown_path: str) -> Path:
    """The HTML file MkDocs writes for a Markdown page (directory URLs)."""
    stem = markdown_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


def article_text(project: Path, site: Path) -> str:
    """The text of the content of the article's own built pages, in the article's order:
    what the reader of the article reads, not what any other page quotes."""
    return "\n".join(page_text(built_page(site, path).read_text(encoding="utf-8"))
                     for path in article_pages(project))


# --- reference items -----------------------------------------------------------


def italic_segments(item: str) -> list[str]:
    return [s.strip() for s in _EMPHASIS.findall(item)]


def translation_title(item: str) -> str | None:
    """The bracketed English translation, without a leading "Surname X." that
    repeats the author."""
    for match in re.finditer(r"\[([^\]]+)\]", item):
        if match.group(1) != "Electronic resource":
            return re.sub(r"^[A-Z][a-z]+ (?:[A-Z][a-z]?\.)+ ", "", match.group(1))
    return None


def reference_url(item: str) -> str | None:
    """The item's URL with the two repairs of the print."""
    match = re.search(r"URL:\s*<?(https?://[^\s>]+)>?", item)
    if match is None:
        return None
    url = match.group(1)
    # Item 14: a page break split the URL as "<https://uza.uz/>" / "- ru/posts/...".
    continuation = re.match(r"\s*-\s+(\S+)", item[match.end():])
    if url.endswith("/") and continuation:
        url += continuation.group(1)
    # Item 11: ",03.12.2021" inside the angle brackets is the date, not the URL.
    return re.sub(r",\d{2}\.\d{2}\.\d{4}$", "", url)


def access_date(item: str) -> str | None:
    match = re.search(r"\(access date: (\d{2}\.\d{2}\.\d{4})\)", item)
    return match.group(1) if match else None


# --- the XML exports -----------------------------------------------------------
# Read with the standard library's parser and the formats' own conventions only:
# in TEI a correction (corr) and the editors' notes (a note with @resp) are apparatus,
# sic is the printed reading, a note without @resp is part of what it annotates (the
# printed contact footnote); in JATS the edition prints the corrected reading and puts
# the printed one in a footnote, so the printed reading is put back from the footnote
# before comparing. JATS stores the title block as metadata: its reader sets it out as
# a page would (a name as given names then surname, a DOI at its resolver, each
# language's byline as that language's names in contributor order, comma-separated).

TEI_NS = "{http://www.tei-c.org/ns/1.0}"
_TEI_INLINE = frozenset("hi ref ptr persName orgName placeName rs term choice sic code title forename surname "
                        "date pubPlace publisher docAuthor affiliation email".split())
_JATS_INLINE = frozenset("xref italic bold named-content ext-link monospace sup sub".split())


def _xml_text(element, inline: frozenset[str], skipped) -> str:
    out: list[str] = []

    def walk(node) -> None:
        name = node.tag.rsplit("}", 1)[-1]
        if skipped(node, name):
            return
        block = name not in inline
        out.append(" " if block else "")
        out.append(node.text or "")
        for child in node:
            walk(child)
            out.append(child.tail or "")
        out.append(" " if block else "")

    walk(element)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _tei_skipped(node, name: str) -> bool:
    return name == "corr" or (name == "note" and node.get("resp") is not None)


def tei_text(document: bytes, part: str = "text") -> str:
    """The reader's text of the TEI document's `part` (text, text/front, teiHeader),
    apparatus out."""
    import xml.etree.ElementTree as etree

    root = etree.fromstring(document)
    return _xml_text(root.find("/".join(f"{TEI_NS}{step}" for step in part.split("/"))), _TEI_INLINE, _tei_skipped)


def tei_reference(document: bytes, number: int) -> str:
    """The text of the TEI reference list's entry `number`, as printed (sic, not corr)."""
    import xml.etree.ElementTree as etree

    root = etree.fromstring(document)
    struct = root.find(f".//{TEI_NS}listBibl[@type='references']/{TEI_NS}biblStruct[@n='{number}']")
    return "" if struct is None else _xml_text(
        struct, _TEI_INLINE, lambda node, name: name == "corr" or (name == "note" and node.get("type") == "emendation"))


def jats_text(document: bytes, part: str = "body") -> str:
    """The text of the JATS document's `part` (body, front), each corrected reading
    replaced by the printed reading its footnote gives, footnote markers out."""
    import copy
    import xml.etree.ElementTree as etree

    root = etree.fromstring(document)
    printed = {fn.get("id"): fn.find(".//named-content[@content-type='printed-reading']")
               for fn in root.iter("fn")}
    element = copy.deepcopy(root.find(part))
    for parent in element.iter():
        for index, node in enumerate(list(parent)):
            if node.tag == "named-content" and node.get("content-type") == "corrected-reading":
                marker = parent[index + 1] if index + 1 < len(parent) else None
                source = printed.get(marker.get("rid")) if marker is not None and marker.tag == "xref" else None
                if source is not None:
                    node.text = "".join(source.itertext())
                    node[:] = []
    return _xml_text(element, _JATS_INLINE, lambda node, name: name == "xref" and node.get("ref-type") == "fn")


def jats_title_block(document: bytes) -> str:
    """The JATS article-meta's title block set out as printed: titles, the DOI's address,
    each author's name and affiliation, the contact footnotes and each other language's
    byline."""
    import xml.etree.ElementTree as etree

    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    meta = etree.fromstring(document).find("front/article-meta")
    title_group = meta.find("title-group")
    lines = ["".join(title_group.find("article-title").itertext())]
    lines += ["".join(title.itertext()) for title in title_group.iter("trans-title")]
    doi = meta.find("article-id[@pub-id-type='doi']")
    if doi is not None:
        lines.append(f"https://doi.org/{doi.text}")
    affiliations = {aff.get("id"): _xml_text(aff, _JATS_INLINE | {"institution", "addr-line"},
                                             lambda node, name: name == "label")
                    for aff in meta.iter("aff")}
    bylines: dict[str, list[str]] = {}
    for contrib in meta.iter("contrib"):
        for name in contrib.iter("name"):
            lines.append(f"{name.findtext('given-names', '')} {name.findtext('surname', '')}".strip())
        for xref in contrib.findall("xref[@ref-type='aff']"):
            lines.append(affiliations.get(xref.get("rid"), ""))
        for aff in contrib.findall("aff"):  # an affiliation set inside its contributor
            lines.append(affiliations.get(aff.get("id"), ""))
        for printed in contrib.iter("string-name"):
            bylines.setdefault(printed.get(lang), []).append("".join(printed.itertext()))
    lines += ["".join(email.itertext()) for email in meta.findall("author-notes/corresp/email")]
    lines += [", ".join(names) for names in bylines.values()]
    return "\n".join(lines)


def jats_reference(document: bytes, number: int) -> str:
    """The text of the JATS reference `number` (its comment keeps a printed reading)."""
    import xml.etree.ElementTree as etree

    root = etree.fromstring(document)
    ref = root.find(f".//ref-list/ref[@id='ref-{number}']")
    return "" if ref is None else _xml_text(ref, _JATS_INLINE, lambda node, name: False)
