"""What the TEI and JATS exports share: writing the recorded article text into XML, the
editors' Markdown (notes, register descriptions) as a tree, ids, and serialising.

Both exports are built with xml.etree from records: every value from a source file
reaches the document as element text or an attribute value, which the serialiser
escapes; nothing is concatenated into markup. The walk over a recorded paragraph
(edition/text/article_text.py) is shared; what each mention, emendation or emphasis becomes
is the format's own (`InlineWriter`'s methods, overridden in tei.py and jats.py).
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pybtex.database import Entry

from edition.apparatus.state import BuildState
from edition.core.latex import plain_text
from edition.core.memo import KEPT, Memo
from edition.inputs.reference_style import format_reference_text
from edition.text.article_text import unstash
from edition.text.mentions import PLACEHOLDER_TAG, Mention
from edition.text.records import TextEmendation

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
EDITORIAL_CITATION = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
_CITED_KEY = re.compile(r"(?<![\w.])@([\w:.-]+)")
_NOT_NAME = re.compile(r"[^A-Za-z0-9.-]")


def xml_id(prefix: str, raw: str) -> str:
    """An XML name (NCName) from `prefix` and any text: each character an id may not hold
    is written as _hex_, so that two different texts never give the same id."""
    return prefix + _NOT_NAME.sub(lambda match: f"_{ord(match[0]):x}_", raw)


def editorial_id(key: str) -> str:
    """The id of an entry of bib/editorial.bib in both exports."""
    return xml_id("ed-", key)


def plain_reference(entry: Entry) -> str:
    try:
        return format_reference_text(entry)
    except Exception:  # noqa: BLE001 (an entry the house style cannot set is listed by its title)
        return plain_text(entry.fields.get("title", entry.key))


def short_reference(entry: Entry) -> str:
    """An editors' source in a few words, the text of a pointer to it: the authors'
    surnames and the year, or, for a work with no author, its title (and year)."""
    surnames = [plain_text(" ".join(p.prelast_names + p.last_names)) for p in entry.persons.get("author", [])]
    year = entry.fields.get("year") or entry.fields.get("date", "")[:4]
    if surnames:
        who = surnames[0] if len(surnames) == 1 else (" and ".join(surnames) if len(surnames) == 2
                                                       else f"{surnames[0]} et al.")
        return f"{who} {year}".strip()
    title = plain_text(entry.fields.get("title", entry.key))
    return f"{title}, {year}" if year else title


def add_text(parent: etree.Element, text: str | None) -> None:
    """Append `text` after the last child of `parent` (or as its text)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def child(parent: etree.Element, tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    element = etree.SubElement(parent, tag, {name.replace("_", "-"): value for name, value in attributes.items()})
    element.text = text
    return element


def keyword_groups(parent: etree.Element, keywords: dict[str, list[str]], group: str, item: str) -> None:
    """One `group` element per language (with xml:lang) holding an `item` per key word:
    TEI keywords/term, JATS kwd-group/kwd."""
    for lang, words in keywords.items():
        if words:
            element = child(parent, group, **{XML_LANG: lang})
            for word in words:
                child(element, item, word)


def serialize(root: etree.Element, containers: frozenset[str], doctype: str = "") -> bytes:
    """The document as UTF-8 bytes with an XML declaration (and a DOCTYPE line), the
    children of `containers` (elements that hold no text) on lines of their own."""
    _indent(root, containers, 0)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (doctype + "\n" if doctype else "")
    return head.encode() + etree.tostring(root, encoding="unicode").encode() + b"\n"


def _indent(element: etree.Element, containers: frozenset[str], depth: int) -> None:
    """Indent only where whitespace means nothing: inside an element of `containers`
    whose text and children's tails are empty (never inside a paragraph's text)."""
    if not isinstance(element.tag, str):  # a comment
        return
    name = element.tag.rsplit("}", 1)[-1]
    if not len(element) or name not in containers or (element.text or "").strip() \
            or any((node.tail or "").strip() for node in element):
        return
    element.text = "\n" + " " * (depth + 1)
    for node in element:
        node.tail = "\n" + " " * (depth + 1)
        _indent(node, containers, depth + 1)
    element[-1].tail = "\n" + " " * depth


class _Capture(Treeprocessor):
    """Keeps the tree of the last conversion (Python-Markdown returns only the HTML)."""

    root: etree.Element

    def run(self, root: etree.Element) -> None:
        self.root = root


def markdown_tree(text: str) -> etree.Element:
    """The editors' Markdown (a note, a description) parsed into a tree of HTML-like
    elements (p, em, a, code ...), placeholders resolved. A copy, which the caller may
    change: the same text is parsed once (per process, so also across serve rebuilds)."""
    return _PARSED.get(text, lambda: _parsed(text))


def _parsed(text: str) -> etree.Element:
    md = _MARKDOWN.reset()
    md.convert(text)
    root = _CAPTURE.root
    for node in root.iter():
        node.text = unstash(node.text, md)
        node.tail = unstash(node.tail, md)
    return root


# Each text parsed once (per process, so also across serve rebuilds); a tree is mutable,
# so each caller gets its own copy.
_PARSED: Memo[etree.Element] = KEPT.memo("edition.outputs.xml.common parsed Markdown", 4096, copy=copy.deepcopy)
# One converter for every text (making one loads its extensions; reset() clears its state).
_MARKDOWN = Markdown()
_CAPTURE = _Capture(_MARKDOWN)
_MARKDOWN.treeprocessors.register(_CAPTURE, "edition_capture", -10)


class InlineWriter:
    """Writes recorded text (a paragraph, a note) into an element of the export.

    The base class knows the shapes of the recorded text; a format says what each
    becomes by overriding `mention`, `emendation`, `styled`, `link`, `code` and
    `editorial_citation`."""

    def __init__(self, state: BuildState) -> None:
        self.state = state
        self.mentions = {mention.id: mention for mention in state.records.index.mentions}
        self.emendations = {(emendation.page, emendation.element_id): emendation
                            for emendation in state.records.emendations}
        self.editorial_keys = {key.lower(): key for key in state.editorial.entries}
        self.page = ""
        self.prefix = ""

    def at_page(self, path: str) -> None:
        """Write the recorded text of the article page `path` next."""
        self.page = path
        self.prefix = id_prefix(self.state, path)

    def write(self, source: etree.Element, target: etree.Element, cites: bool = False) -> None:
        """Append the content of `source` (not the element itself) to `target`; with
        `cites`, ``[@key]`` in the text becomes a citation of the editors' sources."""
        self.text(target, source.text, cites)
        for node in source:
            self.node(node, target, cites)
            self.text(target, node.tail, cites)

    def text(self, target: etree.Element, text: str | None, cites: bool) -> None:
        if not text:
            return
        if not cites:
            add_text(target, text)
            return
        cursor = 0
        for block in EDITORIAL_CITATION.finditer(text):
            keys = [self.editorial_keys[key[1].lower()] for key in _CITED_KEY.finditer(block[1])
                    if key[1].lower() in self.editorial_keys]
            if not keys:
                continue
            add_text(target, text[cursor:block.start()])
            self.editorial_citation(target, keys)
            cursor = block.end()
        add_text(target, text[cursor:])

    def node(self, node: etree.Element, target: etree.Element, cites: bool) -> None:
        classes = node.get("class", "").split()
        if node.get("data-edition-apparatus") is not None:
            return
        if node.tag == PLACEHOLDER_TAG:
            self.placeholder(node, target, cites)
        elif "edition-emendation" in classes and (self.page, node.get("id", "")) in self.emendations:
            sic = next((item for item in node if "edition-sic" in item.get("class", "").split()), node)
            self.emendation(self.emendations[(self.page, node.get("id", ""))], sic, target)
        elif node.tag in ("em", "i"):
            self.styled("italic", node, target, cites)
        elif node.tag in ("strong", "b"):
            self.styled("bold", node, target, cites)
        elif node.tag == "a" and re.match(r"https?://", href := node.get("href", "")):
            self.link(href, node, target, cites)
        elif node.tag == "code":
            # Python-Markdown escapes a code span's text itself (&lt;): undo, the serialiser escapes.
            self.code(html.unescape("".join(node.itertext())), target)
        else:
            self.write(node, target, cites)

    def placeholder(self, node: etree.Element, target: etree.Element, cites: bool) -> None:
        """One mention, or names joined by hyphens into one ("Mazar-e-Sharif-Kabul-Peshawar"):
        each name then is a mention of its own, the hyphens between them plain text."""
        ids = [int(ident) for ident in node.get("data-mention", "").split() if ident.isdigit()]
        mentions = [self.mentions[ident] for ident in ids if ident in self.mentions]
        if not mentions or len(mentions) != len(ids):
            self.write(node, target, cites)
        elif len(mentions) == 1 or "-".join(m.text for m in mentions) != "".join(node.itertext()):
            self.mention(mentions[0], node, target)
        else:
            for index, mention in enumerate(mentions):
                add_text(target, "-" if index else None)
                name = etree.Element(PLACEHOLDER_TAG)
                name.text = mention.text
                self.mention(mention, name, target)

    # What each shape becomes: plain text unless a format says otherwise.
    def mention(self, mention: Mention, node: etree.Element, target: etree.Element) -> None:
        self.write(node, target)

    def emendation(self, emendation: TextEmendation, sic: etree.Element, target: etree.Element) -> None:
        self.write(sic, target)

    def styled(self, style: str, node: etree.Element, target: etree.Element, cites: bool) -> None:
        self.write(node, target, cites)

    def link(self, href: str, node: etree.Element, target: etree.Element, cites: bool) -> None:
        self.write(node, target, cites)

    def code(self, text: str, target: etree.Element) -> None:
        add_text(target, text)

    def editorial_citation(self, target: etree.Element, keys: list[str]) -> None:
        add_text(target, "(" + "; ".join(keys) + ")")


def article_pages(state: BuildState) -> list[str]:
    """The article's pages with recorded text, in reading order."""
    pages = state.records.pages
    return sorted(state.records.blocks, key=lambda path: pages[path].order if path in pages else 0)


def id_prefix(state: BuildState, path: str) -> str:
    """What the ids of a page's paragraphs, citations and emendations start with in the
    exports: nothing on the article's first page (so ``p7`` is ¶ 7, as on the site); on
    a further page (``edition_article: part``), whose numbering starts again, its path."""
    pages = article_pages(state)
    if not pages or path == pages[0]:
        return ""
    return xml_id("", path.removesuffix(".md").replace("/", ".")) + "-"
