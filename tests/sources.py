"""What the tests expect of the edition, counted from its sources, never typed in.

A test that pins "28 citations" or "11 glossary terms" breaks when an editor adds a
valid term, and passes when the edition loses one that the sources still hold. The
counts here are read from the files an editor edits, with readers of their own
(pybtex, PyYAML, regular expressions), never with the edition's code:

* the printed article: the copy text, tests/fixtures/article.txt (its citations, as
  printed, in order);
* the article page: docs/article.md (its body paragraphs and section headings, its
  front matter: authors, keywords);
* bib/references.bib (the numbered references);
* the glossary folder: docs/glossary/*.md pages whose front matter has ``glossary:``;
* data/notes.yml (the editorial notes);
* the accepted emendations: every ``{sic: ... | corr: ...}`` in docs/ and in the fields
  of bib/references.bib.

Every function takes the project's folder, so that a test can count a changed copy of
the project the same way.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pybtex.database import Entry, parse_file

ROOT = Path(__file__).resolve().parent.parent
COPY_TEXT = ROOT / "tests" / "fixtures" / "article.txt"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_PRINTED_CITATION = re.compile(r"\[\d[^\]]*\]")
_EMENDATION = re.compile(r"\{sic:")
_EMENDATION_AS_PRINTED = re.compile(r"\{sic:\s*([^|{}]+?)\s*(?:\|[^{}]*)?\}")


# --- the printed article (the copy text) -----------------------------------------


def printed_body(text: str | None = None) -> str:
    """The copy text's body: from the heading "Introduction" to "REFERENCES:"."""
    text = COPY_TEXT.read_text(encoding="utf-8") if text is None else text
    return text[text.index("\nIntroduction\n"):text.index("REFERENCES:")]


def printed_citations(text: str | None = None) -> list[str]:
    """The body's numbered citations as printed, in reading order ("[1]", "[2, p.137]")."""
    return _PRINTED_CITATION.findall(printed_body(text))


def cited_numbers(citation: str) -> list[int]:
    """The reference numbers a printed citation cites: "[7; 8]" -> [7, 8], "[2, p.137]" -> [2]."""
    return [int(number) for number in re.findall(r"(?:\[|[;,]\s?)(\d+)(?=\s*(?:[;,\]]))", citation)]


PRINTED_CITATIONS = printed_citations()


def printed_reference_numbers(text: str | None = None) -> list[int]:
    """The numbers of the copy text's reference list ("1. Morgenthau, ..."), in printed order."""
    text = COPY_TEXT.read_text(encoding="utf-8") if text is None else text
    return [int(number) for number in re.findall(r"(?m)^\s*(\d+)\.\s", text[text.index("REFERENCES:"):])]


def citations_of(number: int) -> int:
    """How many printed citations cite reference `number`."""
    return sum(cited_numbers(citation).count(number) for citation in PRINTED_CITATIONS)


def as_printed(text: str) -> str:
    """A source text as the article prints it: each emendation {sic: X | corr: Y | ...} read as X."""
    return _EMENDATION_AS_PRINTED.sub(lambda match: match[1], text)


# --- the article page (docs/article.md) ------------------------------------------


def _article_source(root: Path) -> str:
    return (root / "docs" / "article.md").read_text(encoding="utf-8")


@cache
def article_front(root: Path = ROOT) -> dict:
    """The ``edition:`` record of the article page's front matter."""
    return yaml.safe_load(_FRONT_MATTER.match(_article_source(root))[1])["edition"]


def abstract_paragraphs(lang: str, root: Path = ROOT) -> list[str]:
    """The paragraphs of the article page's abstract in `lang`, as its source gives them."""
    body = _article_source(root)
    block = re.search(rf"\{{ #abstract-{lang} \}}\n(.*?)\n<!-- edition:keywords {lang} -->", body, re.DOTALL)[1]
    return [part.strip() for part in block.strip().split("\n\n") if part.strip()]


def _article_blocks(root: Path) -> list[str]:
    """The blank-line separated blocks of the article's body: after the front (the
    ``</header>`` that closes it), before the reference list's marker."""
    source = _article_source(root)
    body = source[source.index("</header>") + len("</header>"):source.index("<!-- edition:article-references -->")]
    return [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]


@cache
def article_paragraphs(root: Path = ROOT) -> tuple[str, ...]:
    """The body paragraphs of docs/article.md (each is one numbered paragraph, ¶ n):
    every block that is not a heading, an HTML tag or an HTML comment."""
    return tuple(block for block in _article_blocks(root) if not block.startswith(("#", "<")))


@cache
def article_headings(root: Path = ROOT) -> tuple[str, ...]:
    """The section headings of the article's body, as written ("Introduction", ...)."""
    return tuple(re.sub(r"\s*\{[^}]*\}\s*$", "", block.lstrip("#").strip())
                 for block in _article_blocks(root) if re.match(r"##\s", block))


# --- bib/references.bib ----------------------------------------------------------


@cache
def references(root: Path = ROOT) -> tuple[Entry, ...]:
    """The entries of bib/references.bib in the order of their numbers (``shorthand``)."""
    entries = parse_file(str(root / "bib" / "references.bib"), "bibtex").entries.values()
    return tuple(sorted(entries, key=lambda entry: int(entry.fields["shorthand"])))


def reference_numbers(root: Path = ROOT) -> list[int]:
    """The references' numbers, in order (1, 2, ... n)."""
    return [int(entry.fields["shorthand"]) for entry in references(root)]


def references_with_url(root: Path = ROOT) -> list[Entry]:
    return [entry for entry in references(root) if entry.fields.get("url")]


def web_references_naming_their_site(root: Path = ROOT) -> list[Entry]:
    """The web references (``@online``) whose site the article names (``organization``)."""
    return [entry for entry in references(root) if entry.type == "online" and "organization" in entry.fields]


# --- the apparatus: glossary, notes, emendations ----------------------------------


@cache
def glossary_pages(root: Path = ROOT) -> tuple[Path, ...]:
    """The glossary's term pages: docs/glossary/*.md whose front matter holds a
    ``glossary:`` mapping (the glossary's own index page has none)."""
    pages = []
    for page in sorted((root / "docs" / "glossary").glob("*.md")):
        front = _FRONT_MATTER.match(page.read_text(encoding="utf-8"))
        meta = yaml.safe_load(front[1]) if front else None
        if isinstance(meta, dict) and isinstance(meta.get("glossary"), dict):
            pages.append(page)
    return tuple(pages)


@cache
def notes(root: Path = ROOT) -> tuple[dict, ...]:
    """The editorial notes of data/notes.yml."""
    return tuple(yaml.safe_load((root / "data" / "notes.yml").read_text(encoding="utf-8")))


@cache
def page_emendations(root: Path = ROOT) -> int:
    """Accepted emendations written in the pages of docs/."""
    return sum(len(_EMENDATION.findall(page.read_text(encoding="utf-8")))
               for page in sorted((root / "docs").rglob("*.md")))


@cache
def bib_emendations(root: Path = ROOT) -> int:
    """Accepted emendations written in the fields of bib/references.bib (a comment that
    shows the syntax is not one)."""
    return sum(len(_EMENDATION.findall(value)) for entry in references(root) for value in entry.fields.values())


@cache
def editorial_keys(root: Path = ROOT) -> tuple[str, ...]:
    """The keys of bib/editorial.bib, in the file's order."""
    return tuple(parse_file(str(root / "bib" / "editorial.bib"), "bibtex").entries)
