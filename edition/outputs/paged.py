"""The article as a paged PDF, set by WeasyPrint (CSS Paged Media) in every ``mkdocs build``.

The print document is the article page's own rendered HTML (the late pass's output, with
its print-only colophon), made fit for paper: web-only controls left out (¶ links'
icons, note buttons, previews, back arrows, the screen's endnotes), citations pointed at
the References on the same page, links to other pages of the site made absolute (when
the public address is known) or plain text, and addresses given break points after
/ . - ? & only. edition/outputs/paged.css sets it: page numbers, running heads, the
reading face embedded.

The editorial notes are endnotes: a raised number in the text links to its note after the
text, which names its ¶ and links back. Footnotes (``float: footnote``) were measured
and read worse with WeasyPrint 70 and these fifteen notes, several of ten lines or more:
with ``footnote-policy: auto`` (14 pages) no note stood on its marker's page, the last
seven piling up on six pages after the text; with ``line`` (31 pages) pages held one to
four lines of text; ``block`` stopped WeasyPrint with an AssertionError.

A PDF is kept in ``.cache/pdf/`` beside mkdocs.yml under a key that is the hash of the
exact HTML, CSS and font bytes given to WeasyPrint, of WeasyPrint's and the edition's
versions and of this module's code, so a build whose article did not change reuses it.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape as html_escape
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

import tinycss2
import tinyhtml5
from markupsafe import Markup
from mkdocs.structure.files import Files

from edition.apparatus.state import BuildState
from edition.inputs.record import ArticleRecord
from edition.outputs.export_files import PDF_TARGET, pdf_made
from edition.outputs.printing import build_date
from edition.render.templates import render

STYLESHEET = Path(__file__).with_name("paged.css")
FONTS = Path("assets") / "fonts"  # under docs/
TYPOGRAPHY = Path("stylesheets") / "typography.css"  # under docs/: the reading face's @font-face rules
CACHE = Path(".cache") / "pdf"  # beside mkdocs.yml
# What WeasyPrint is asked for: a tagged PDF of the PDF/UA-1 variant.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
_KEPT_PDFS = 4

# Elements of the web page that have no use on paper, by class (the screen's print-only
# endnotes too: the notes are set from the side notes themselves, see _take_notes).
_LEFT_OUT = {"headerlink", "edition-previews", "edition-sources__back", "edition-endnotes", "edition-cite-menu",
             "edition-copy", "md-button", "edition-pdf-link"}
_LEFT_OUT_TAGS = {"script", "style", "button", "template"}
_REFERENCE = re.compile(r"(?:^|/)references/#ref-([0-9]+)$")
_BREAK_AFTER = "/.-?&"
_NOTE_LABEL = "Editorial note: "  # a side note's title begins so on screen; the endnotes' heading says it once
FACE = "Source Serif 4"  # the reading face, as typography.css and paged.css name it
_SUBSET = re.compile(r"source-serif-4-([a-z-]+)-[0-9]{3}-(?:normal|italic)\.woff2")
_SHORTEST_PIECE = 3  # characters on either side of a break in an address: never a lone one
_LONGEST_PIECE = 30


@dataclass(frozen=True)
class PrintInput:
    """Everything WeasyPrint is given, and the key it is kept by."""

    html: str
    css: str
    fonts: tuple[tuple[str, bytes], ...]
    base_url: str

    @property
    def key(self) -> str:
        digest = hashlib.sha256()
        for part in (self.html, self.css, version("weasyprint"), version("zhailin-shamsieva-edition"),
                     repr(sorted(PDF_OPTIONS.items()))):
            digest.update(part.encode("utf-8") + b"\0")
        # This module's own code too: how the document is made and set may change without
        # the package's version.
        digest.update(Path(__file__).read_bytes() + b"\0")
        for name, data in self.fonts:
            digest.update(name.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()


def print_input(content: str, record: ArticleRecord, docs_dir: Path, site_url: str | None,
                page_url: str) -> PrintInput:
    """The print document of the article page whose rendered HTML is `content` (at the
    site-relative `page_url`), with its stylesheet and the reading face's files."""
    fonts = tuple((path.name, path.read_bytes()) for path in sorted((docs_dir / FONTS).glob("*.woff2")))
    return PrintInput(print_document(content, record, site_url, page_url),
                      paged_css(docs_dir) + running_heads_css(record), fonts,
                      (docs_dir / "assets" / "stylesheets").resolve().as_uri() + "/")


def print_document(content: str, record: ArticleRecord, site_url: str | None, page_url: str) -> str:
    """The whole HTML document WeasyPrint sets: the PDF's metadata in its head (title,
    authors, the English abstract as its subject, the key words, the language); the text,
    the editorial notes as endnotes, then the References and the editors' sources."""
    paper = paper_html(content, site_url, page_url)
    return render("paged_article.html", record=record, text=Markup(paper.text), notes=paper.notes,
                  back=Markup(paper.back), authors=[author.name for author in record.authors],
                  keywords=", ".join(record.keywords.get("en", [])), date=build_date())


def running_heads_css(record: ArticleRecord) -> str:
    """The running heads' strings: the authors, and the title up to its colon."""
    authors = ", ".join(author.name for author in record.authors)
    short_title = record.title.split(":", 1)[0].strip()
    return f"\nhtml {{ string-set: authors {css_string(authors)}, short-title {css_string(short_title)}; }}\n"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character that could end the string or the
    rule (quotes, backslash, line breaks, < >) written as a CSS escape."""
    return '"' + "".join(f"\\{ord(char):x} " if char in '"\\\n\r\f<>{};' else char for char in text) + '"'


def paged_css(docs_dir: Path) -> str:
    """edition/outputs/paged.css after the reading face's @font-face rules, taken from
    the site's own stylesheet (their url()s are relative to docs/assets/stylesheets/, where
    the site's bundle stands).

    Each subset file (Latin, Cyrillic, ...) becomes a family of its own, without its
    unicode-range, listed Latin first wherever paged.css names the face. WeasyPrint embeds
    the files of one family as one PDF font (the glyphs of one subset then print with
    another's outlines), and Pango trusts a declared range over the file: the Cyrillic
    Extended range holds U+04B1 (Kazakh ұ), which only the Cyrillic file has."""
    typography = docs_dir / TYPOGRAPHY  # a project without the reading face is set in the default serif
    rules = tinycss2.parse_stylesheet(typography.read_text(encoding="utf-8") if typography.is_file() else "",
                                      skip_comments=True, skip_whitespace=True)
    faces: dict[str, list[str]] = {}
    for rule in rules:
        if getattr(rule, "at_keyword", "") != "font-face":
            continue
        declarations = [d for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                    skip_whitespace=True)
                        if getattr(d, "name", "") != "unicode-range"]
        text = ";".join(d.serialize() for d in declarations)
        subset = _SUBSET.search(text)
        if subset is None or f'font-family: "{FACE}"' not in text:
            continue
        family = f"{FACE} {subset[1]}"
        faces.setdefault(family, []).append(
            "@font-face {" + text.replace(f'font-family: "{FACE}"', f'font-family: "{family}"') + "}")
    order = sorted(faces, key=lambda family: [script in family for script in ("cyrillic", "ext")])
    families = ", ".join(f'"{family}"' for family in order) or "serif"
    return "\n".join(face for family in order for face in faces[family]) + "\n" + \
        STYLESHEET.read_text(encoding="utf-8").replace(f'"{FACE}"', families)


@dataclass(frozen=True)
class Endnote:
    """An editorial note as the paper sets it after the text."""

    id: str  # the side note's id, which the marker in the text links to
    number: str
    paragraph: str  # "¶ 12", where its marker stands
    marker: str  # the marker's id, which the endnote links back to
    title: Markup
    html: Markup


@dataclass(frozen=True)
class Paper:
    """The article page made fit for paper: the text (front and body), the editorial
    notes taken out of it, and the back matter (References, the editors' sources)."""

    text: str
    notes: tuple[Endnote, ...]
    back: str


def paper_html(content: str, site_url: str | None, page_url: str) -> Paper:
    """The article page's HTML as paper needs it (see the module's docstring)."""
    root = tinyhtml5.parse(f"<!DOCTYPE html><html><body>{content}</body></html>", namespace_html_elements=False)
    body = root.find("body")
    if body is None:  # the parser always makes one; this keeps the type checker informed
        return Paper("", (), "")
    ids = {element.get("id") for element in body.iter() if element.get("id")}
    _leave_out(body)
    notes = _take_notes(body)
    for link in body.iter("a"):
        _repoint(link, ids, site_url, page_url)
        _break_address(link)
    _unwrap_marks(body)
    text, back = [body.text or ""], list[str]()
    for child in body:
        in_back = back or "edition-article-references" in (child.get("class") or "").split()
        (back if in_back else text).append(_serialise(child))
    return Paper("".join(text), tuple(notes), "".join(back))


def _serialise(element: etree.Element) -> str:
    return etree.tostring(element, encoding="unicode", method="html")


def _take_notes(body: etree.Element) -> list[Endnote]:
    """Take each side note out of its paragraph, leaving its marker there, linked to the
    endnote, which links back to the marker."""
    notes = []
    for paragraph in list(body.iter("p")):
        for note in [child for child in paragraph if "edition-note" in (child.get("class") or "").split()]:
            marker = next((link for link in paragraph.iter("a") if link.get("href") == f"#{note.get('id')}"), None)
            title = note.find("span[@class='edition-note__title']")
            if marker is None or title is None or not note.get("id"):
                continue
            number = title.find("span[@class='edition-note__number']")
            if number is not None:
                _remove_keeping_tail(title, number)  # the endnote's own number stands in the list
            text = "".join(_serialise(part) for part in note if part is not title)
            notes.append(Endnote(note.get("id", ""), marker.text or "", f"¶\u00a0{paragraph.get('id', '')[1:]}",
                                 marker.get("id", ""), Markup(html_escape(_plain(title).removeprefix(_NOTE_LABEL))),
                                 Markup(text)))
            _remove_keeping_tail(paragraph, note)
    return notes


def _unwrap_marks(parent: etree.Element) -> None:
    """Set the screen's marks of mentions (plain terms, and term links that lead nowhere on
    paper) as their bare text: WeasyPrint 70 breaks a line early before such an inline box
    when the words before it fill the line (¶ 40 printed "jointly" alone on a line)."""
    for child in list(parent):
        _unwrap_marks(child)
        classes = set((child.get("class") or "").split())
        if "edition-term" in classes or (child.tag == "a" and "edition-term__link" in classes
                                         and child.get("href") is None):
            _unwrap(parent, child)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Put `child`'s text and children in its place in `parent`."""
    children = list(parent)
    index = children.index(child)
    text = (child.text or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        children[index - 1].tail = (children[index - 1].tail or "") + text
    moved = list(child)
    for offset, grandchild in enumerate(moved):
        parent.insert(index + offset, grandchild)
    tail = child.tail or ""
    parent.remove(child)
    if tail:
        if moved:
            moved[-1].tail = (moved[-1].tail or "") + tail
        elif index == 0:
            parent.text = (parent.text or "") + tail
        else:
            children[index - 1].tail = (children[index - 1].tail or "") + tail


def _plain(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    children = list(parent)
    index = children.index(child)
    if child.tail:
        if index == 0:
            parent.text = (parent.text or "") + child.tail
        else:
            children[index - 1].tail = (children[index - 1].tail or "") + child.tail
    parent.remove(child)


def _leave_out(parent: etree.Element) -> None:
    """Drop the web-only elements under `parent`, keeping the text that follows each."""
    previous: etree.Element | None = None
    for child in list(parent):
        classes = set((child.get("class") or "").split())
        if classes & _LEFT_OUT or child.tag in _LEFT_OUT_TAGS:
            if child.tail:
                if previous is None:
                    parent.text = (parent.text or "") + child.tail
                else:
                    previous.tail = (previous.tail or "") + child.tail
            parent.remove(child)
            continue
        _leave_out(child)
        previous = child


def _repoint(link: etree.Element, ids: set[str | None], site_url: str | None, page_url: str) -> None:
    """A citation goes to the References of this document; a link within the page stays;
    a link to another page of the site goes to its public address, or is plain text."""
    href = link.get("href")
    if href is None or href.startswith(("#", "http://", "https://", "mailto:")):
        return
    cited = _REFERENCE.search(href)
    if cited and f"article-ref-{cited[1]}" in ids:
        link.set("href", f"#article-ref-{cited[1]}")
    elif site_url:
        link.set("href", urljoin(urljoin(site_url.rstrip("/") + "/", page_url), href))
    else:
        del link.attrib["href"]


def _break_address(link: etree.Element) -> None:
    """An address shown as a link's text may break only after / . - ? &, never leaving
    fewer than three characters on either side, nor inside "https://"."""
    text = link.text or ""
    if len(link) or not text.startswith(("http://", "https://")):
        return
    pieces = list(address_pieces(text))
    link.text = pieces[0]
    for piece in pieces[1:]:
        wbr = etree.SubElement(link, "wbr")
        wbr.tail = piece


def address_pieces(address: str) -> list[str]:
    """`address` cut after each character of / . - ? & where a line may break; a piece
    still longer than a third of a line is cut after its underscores too (reference 7's
    address has a 95-character stretch without any of the five)."""
    start = address.find("://") + 3 if "://" in address else 0
    pieces = []
    for piece in _cut_after(address, _BREAK_AFTER, start):
        pieces += _cut_after(piece, "_", 0) if len(piece) > _LONGEST_PIECE else [piece]
    return pieces


def _cut_after(text: str, characters: str, start: int) -> list[str]:
    """`text` cut after each of `characters` from `start` on, each piece but the first at
    least _SHORTEST_PIECE long and the last too, no cut inside a run of them ("//")."""
    pieces, last = [], 0
    for index in range(start, len(text) - _SHORTEST_PIECE):
        if text[index] in characters and index + 1 - last >= _SHORTEST_PIECE and text[index + 1] not in characters:
            pieces.append(text[last:index + 1])
            last = index + 1
    return pieces + [text[last:]]


def make_pdf(source: PrintInput) -> bytes:
    """Set the print document with WeasyPrint."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except OSError as error:  # WeasyPrint loads Pango when imported
        raise RuntimeError(f"WeasyPrint cannot load the Pango library it sets text with ({error}) — install it "
                           "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)") from error

    fonts = FontConfiguration()  # what makes WeasyPrint load the @font-face rules' files
    stylesheet = CSS(string=source.css, base_url=source.base_url, font_config=fonts)
    pdf = HTML(string=source.html, base_url=source.base_url).write_pdf(stylesheets=[stylesheet], font_config=fonts,
                                                                       **PDF_OPTIONS)
    if pdf is None:  # write_pdf returns the bytes when given no target
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf


def cached_pdf(source: PrintInput, root: Path) -> bytes:
    """The PDF of `source`, from the cache under `root` when it holds one for its key."""
    path = root / CACHE / f"{source.key}.pdf"
    if path.is_file():
        return path.read_bytes()
    pdf = make_pdf(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The few latest kept (a build with the public address set prints it: another key).
    for old in sorted(path.parent.glob("*.pdf"), key=lambda kept: kept.stat().st_mtime)[:-(_KEPT_PDFS - 1)]:
        old.unlink()
    partial = path.with_suffix(".part")
    partial.write_bytes(pdf)
    partial.replace(path)
    return pdf


def fill_article_pdf(state: BuildState, files: Files, hidden: Mapping[str, tuple[str, str]]) -> None:
    """Set the PDF announced by edition/outputs/export_files.py from the article page as
    the late pass rendered it (`hidden`: the print-only parts kept apart from the page)."""
    record = state.record
    target = files.get_file_from_path(PDF_TARGET)
    article = files.get_file_from_path(record.page) if record is not None else None
    if record is None or target is None or article is None or article.page is None or article.page.content is None:
        return
    before, after = hidden.get(article.src_uri, ("", ""))
    docs_dir = state.inputs.root / state.inputs.docs_prefix
    source = print_input(before + article.page.content + after, record, docs_dir, state.site_url, article.page.url)
    target.content_bytes = cached_pdf(source, state.inputs.root)


FRONT_MARKER = "<!-- edition:front en -->"


def pdf_link_markdown(state: BuildState, path: str, markdown: str) -> str:
    """The article page's Markdown with a link to its PDF under the English title block
    (left out of search and of the PDF itself)."""
    if not pdf_made(state) or FRONT_MARKER not in markdown:
        return markdown
    link = ('<p class="edition-pdf-link" data-search-exclude="" markdown="span">'
            f'[The article as a printed paper (PDF, A4)]({"../" * path.count("/")}{PDF_TARGET})</p>')
    return markdown.replace(FRONT_MARKER, f"{FRONT_MARKER}\n\n{link}\n", 1)


def pdf_url(state: BuildState, page_url: str) -> str | None:
    """The PDF's address as the page at `page_url` names it: absolute when the public
    address is known, else relative to that page; None when the build makes no PDF."""
    if not pdf_made(state):
        return None
    if state.site_url:
        return urljoin(state.site_url.rstrip("/") + "/", PDF_TARGET)
    return "../" * page_url.count("/") + PDF_TARGET
