"""The article as a paged PDF, set by WeasyPrint (CSS Paged Media) in every ``mkdocs build``.

The print document is the article page's own rendered HTML (the late pass's output, with
its print-only colophon), made fit for paper by edition/outputs/paper.py, in the
template paged_article.html, which gives WeasyPrint the PDF's metadata.
edition/outputs/paged.css sets it: page numbers, running heads, the reading face embedded.

The editorial notes are endnotes: a raised number in the text links to its note after the
text, which names its ¶ and links back. Footnotes (``float: footnote``) were measured
and read worse with WeasyPrint 70 and these fifteen notes, several of ten lines or more:
with ``footnote-policy: auto`` (14 pages) no note stood on its marker's page, the last
seven piling up on six pages after the text; with ``line`` (31 pages) pages held one to
four lines of text; ``block`` stopped WeasyPrint with an AssertionError.

A PDF is kept in ``.cache/pdf/`` beside mkdocs.yml under a key that is the hash of
everything the print document is made from (``PrintSource``: the article page's rendered
HTML, the record, the page's and the site's addresses, the build date, the stylesheet and
font bytes) and of WeasyPrint's and the edition's versions and code, so a build whose
article did not change reuses it without making the print document again.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.structure.files import Files

from edition.apparatus.state import BuildState
from edition.core.memo import KEPT
from edition.inputs.record import ArticleRecord
from edition.outputs import paper
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

FACE = "Source Serif 4"  # the reading face, as typography.css and paged.css name it
_SUBSET = re.compile(r"source-serif-4-([a-z-]+)-[0-9]{3}-(?:normal|italic)\.woff2")


@dataclass(frozen=True)
class PrintInput:
    """Everything WeasyPrint is given."""

    html: str
    css: str
    fonts: tuple[tuple[str, bytes], ...]
    base_url: str


@dataclass(frozen=True)
class PrintSource:
    """What the print document is made from, and the key its PDF is kept by. `code` names
    the edition's code (edition/build/disk_cache.py's ``version_key``): the document is
    made by this module, paper.py and what they call, which may change without the
    package's version."""

    content: str
    record: ArticleRecord
    site_url: str | None
    page_url: str
    css: str
    fonts: tuple[tuple[str, bytes], ...]
    base_url: str
    code: str

    @property
    def key(self) -> str:
        digest = hashlib.sha256()
        for part in (self.content, repr(self.record), repr(self.site_url), self.page_url, build_date().isoformat(),
                     self.css, self.base_url, self.code, version("weasyprint"),
                     version("zhailin-shamsieva-edition"), repr(sorted(PDF_OPTIONS.items()))):
            digest.update(part.encode("utf-8") + b"\0")
        for name, data in self.fonts:
            digest.update(name.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()

    def made(self) -> PrintInput:
        """The print document and what goes with it, as WeasyPrint is given them."""
        return PrintInput(print_document(self.content, self.record, self.site_url, self.page_url),
                          self.css, self.fonts, self.base_url)


def print_source(content: str, record: ArticleRecord, docs_dir: Path, site_url: str | None,
                 page_url: str, code: str) -> PrintSource:
    """What the print document of the article page whose rendered HTML is `content` (at
    the site-relative `page_url`) is made from, with its stylesheet and the reading
    face's files."""
    fonts = tuple((path.name, path.read_bytes()) for path in sorted((docs_dir / FONTS).glob("*.woff2")))
    return PrintSource(content, record, site_url, page_url, paged_css(docs_dir) + running_heads_css(record),
                       fonts, (docs_dir / "assets" / "stylesheets").resolve().as_uri() + "/", code)


def print_document(content: str, record: ArticleRecord, site_url: str | None, page_url: str) -> str:
    """The whole HTML document WeasyPrint sets: the PDF's metadata in its head (title,
    authors, the English abstract as its subject, the key words, the language); the text,
    the editorial notes as endnotes, then the References and the editors' sources."""
    made = paper.paper_html(content, site_url, page_url)
    return render("paged_article.html", record=record, text=Markup(made.text), notes=made.notes,
                  back=Markup(made.back), authors=[author.name for author in record.authors],
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
    return _paged_css(typography.read_text(encoding="utf-8") if typography.is_file() else "",
                      STYLESHEET.read_text(encoding="utf-8"))


@KEPT.memoized(4)
def _paged_css(typography: str, stylesheet: str) -> str:
    import tinycss2  # only when the stylesheets changed: most builds find the result kept

    rules = tinycss2.parse_stylesheet(typography, skip_comments=True, skip_whitespace=True)
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
        stylesheet.replace(f'"{FACE}"', families)


def make_pdf(source: PrintInput) -> bytes:
    """Set the print document with WeasyPrint."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except OSError as error:  # WeasyPrint loads Pango when imported
        raise RuntimeError(f"WeasyPrint cannot load the Pango library it sets text with ({error}) — install it "
                           "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)") from error

    warnings = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(warnings)
    try:
        fonts = FontConfiguration()  # what makes WeasyPrint load the @font-face rules' files
        stylesheet = CSS(string=source.css, base_url=source.base_url, font_config=fonts)
        pdf = HTML(string=source.html, base_url=source.base_url).write_pdf(
            stylesheets=[stylesheet], font_config=fonts, **PDF_OPTIONS)
    finally:
        logger.removeHandler(warnings)
    # A warning is a defect of the PDF (a glyph no font has, a rule WeasyPrint ignored),
    # never shown to anyone if left in WeasyPrint's log: the build stops on it.
    if warnings.messages:
        raise RuntimeError(f"WeasyPrint: {'; '.join(sorted(set(warnings.messages)))}")
    if pdf is None:  # write_pdf returns the bytes when given no target
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf


class _Warnings(logging.Handler):
    """WeasyPrint's warnings while it sets one PDF."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def cached_pdf(source: PrintSource, root: Path) -> bytes:
    """The PDF of `source`, from the cache under `root` when it holds one for its key."""
    path = root / CACHE / f"{source.key}.pdf"
    if path.is_file():
        return path.read_bytes()
    pdf = make_pdf(source.made())
    path.parent.mkdir(parents=True, exist_ok=True)
    # The few latest kept (a build with the public address set prints it: another key).
    for old in sorted(path.parent.glob("*.pdf"), key=lambda kept: kept.stat().st_mtime)[:-(_KEPT_PDFS - 1)]:
        old.unlink()
    partial = path.with_suffix(".part")
    partial.write_bytes(pdf)
    partial.replace(path)
    return pdf


def fill_article_pdf(state: BuildState, files: Files, hidden: Mapping[str, tuple[str, str]], code: str) -> None:
    """Set the PDF announced by edition/outputs/export_files.py from the article page as
    the late pass rendered it (`hidden`: the print-only parts kept apart from the page;
    `code`: the key of the edition's code, ``PrintSource``)."""
    record = state.record
    target = files.get_file_from_path(PDF_TARGET)
    article = files.get_file_from_path(record.page) if record is not None else None
    if record is None or target is None or article is None or article.page is None or article.page.content is None:
        return
    before, after = hidden.get(article.src_uri, ("", ""))
    docs_dir = state.inputs.root / state.inputs.docs_prefix
    source = print_source(before + article.page.content + after, record, docs_dir, state.site_url,
                          article.page.url, code)
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
