"""Temporary copies of the project that the benchmark builds.

Three kinds, all written to a scratch folder, never into the project:

- ``copy_edition``: the edition as it is (docs/, bib/, data/, overrides/, hooks/,
  mkdocs.yml), optionally with the ``hooks:`` key removed. Without hooks the
  markers stay HTML comments and citations stay text: that is the floor of
  MkDocs + Material (+ the search and bibtex plugins) on the same sources.
- ``make_corpus``: k copies of the article as one project (docs/articles/a1..ak.md),
  copies 2..k marked ``edition_article: part`` (parts of one article), each with its own
  19 references (renumbered citations, ``shorthand`` k*19 entries
  in one bib/references.bib) and one references page; everything else as it is.
  The articles are reached from a contents page (docs/articles/index.md, in the nav
  where the article was) and kept out of the sidebar (`not_in_nav`), as a journal
  lists its articles on a contents page: Material's sidebar would otherwise list
  every article on every page, so each page would grow with the corpus and the
  output with its square, with or without the hooks.

The hooks check that each timeline quote stands in exactly one article paragraph.
Copies 2..k therefore carry each such quote with one space made a no-break space
(same length, same look), so the timeline stays tied to article 1 and the checks
pass; every citation, term and note is still found in every copy.
"""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("docs", "bib", "data", "overrides", "hooks", "mkdocs.yml")
REFERENCES_PER_ARTICLE = 19
NO_BREAK_SPACE = "\u00a0"

_HOOKS_KEY = re.compile(r"^hooks:\n(?:[ \t]+-[^\n]*\n)+", re.MULTILINE)
_NAV_ARTICLE = re.compile(r"^(?P<indent>[ \t]*)- Article: article\.md[ \t]*\n", re.MULTILINE)
_CANDIDATE = re.compile(r"\[([0-9][^\[\]\n]{0,199})\]")
# A citation's item numbers: at the bracket's start or after a ';' or ',' separator.
_ITEM_NUMBER = re.compile(r"(^|[;,]\s?)([0-9]+)(?![0-9])")
_ENTRY_START = re.compile(r"^@\s*(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
_FRONT_BLOCK = re.compile(r'^<header class="edition-article-front"[^>]*>\n.*?^</header>\n', re.MULTILINE | re.DOTALL)
_SHORTHAND = re.compile(r"(shorthand\s*=\s*\{)([0-9]+)(\})")


def copy_edition(target: Path, *, hooks: bool = True) -> Path:
    """A copy of the project in `target`; without `hooks`, mkdocs.yml has no hooks key."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    if not hooks:
        remove_hooks(target / "mkdocs.yml")
    return target


def remove_hooks(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    stripped, count = _HOOKS_KEY.subn("", text)
    if count != 1:
        raise RuntimeError(f"{config}: expected one 'hooks:' list to remove, found {count}")
    config.write_text(stripped, encoding="utf-8")


def renumber_citations(markdown: str, offset: int) -> str:
    """``[n...]`` → ``[offset+n...]`` for every item number of every citation."""
    def bracket(match: re.Match[str]) -> str:
        inner = _ITEM_NUMBER.sub(lambda m: f"{m[1]}{int(m[2]) + offset}", match[1])
        return f"[{inner}]"
    return _CANDIDATE.sub(bracket, markdown)


def timeline_quotes(root: Path = ROOT) -> list[str]:
    events = yaml.safe_load((root / "data" / "timeline.yml").read_text(encoding="utf-8")) or []
    return [str(e["quote"]) for e in events
            if isinstance(e, dict) and e.get("quote") and not str(e["quote"]).startswith("abstract: ")]


def detach_quotes(markdown: str, quotes: list[str]) -> str:
    """Each quote with its last plain space made a no-break space (see module comment)."""
    for quote in quotes:
        if " " in quote:
            cut = quote.rfind(" ")
            markdown = markdown.replace(quote, quote[:cut] + NO_BREAK_SPACE + quote[cut + 1:])
    return markdown


def article_copy(source: str, index: int, quotes: list[str]) -> str:
    """Article `index` (from 1) of a corpus: its own title, renumbered citations."""
    text = source.replace("\ntitle: Article\n", f"\ntitle: Article {index}\n", 1)
    if "\nedition_article: true\n" not in text:
        raise RuntimeError("docs/article.md has no 'edition_article: true' front matter")
    text = renumber_citations(text, (index - 1) * REFERENCES_PER_ARTICLE)
    if index == 1:
        return text
    # One article in k parts (one record, one reference list, one numbering): the edition
    # refuses a second `edition_article: true`, and a part carries no front (title block
    # and abstracts: the record's, set once on the first part).
    text = text.replace("\nedition_article: true\n", "\nedition_article: part\n", 1)
    text, fronts = _FRONT_BLOCK.subn("", text, count=1)
    if fronts != 1:
        raise RuntimeError("docs/article.md has no <header class=\"edition-article-front\"> block")
    return detach_quotes(text, quotes)


def bib_entries(text: str) -> tuple[str, list[str]]:
    """(the text before the first entry, each entry's text) of a BibTeX file."""
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    if not starts:
        return text, []
    return text[:starts[0]], [text[a:b] for a, b in pairwise(starts + [len(text)])]


def bib_copy(entry: str, index: int) -> str:
    """One entry for article `index`: a new key and shorthand, the same fields."""
    if index == 1:
        return entry
    offset = (index - 1) * REFERENCES_PER_ARTICLE
    entry = _ENTRY_START.sub(lambda m: f"@{m[1]}{{{m[2]}-a{index},", entry, count=1)
    entry, count = _SHORTHAND.subn(lambda m: f"{m[1]}{int(m[2]) + offset}{m[3]}", entry, count=1)
    if count != 1:
        raise RuntimeError(f"entry without shorthand: {entry[:60]!r}")
    return entry


def make_corpus(target: Path, articles: int, *, hooks: bool = True) -> Path:
    """Corpus of `articles` copies of the article as one project in `target`."""
    copy_edition(target, hooks=hooks)
    article = (target / "docs" / "article.md").read_text(encoding="utf-8")
    (target / "docs" / "article.md").unlink()
    folder = target / "docs" / "articles"
    folder.mkdir()
    quotes = timeline_quotes(target)
    for index in range(1, articles + 1):
        (folder / f"a{index}.md").write_text(article_copy(article, index, quotes), encoding="utf-8")

    bib = target / "bib" / "references.bib"
    head, entries = bib_entries(bib.read_text(encoding="utf-8"))
    if len(entries) != REFERENCES_PER_ARTICLE:
        raise RuntimeError(f"bib/references.bib has {len(entries)} entries, expected {REFERENCES_PER_ARTICLE}")
    copies = [bib_copy(entry, index) for index in range(1, articles + 1) for entry in entries]
    bib.write_text(head + "".join(e if e.endswith("\n") else e + "\n" for e in copies), encoding="utf-8")

    (folder / "index.md").write_text(contents_page(articles), encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(corpus_nav(config.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def contents_page(articles: int) -> str:
    """The corpus's table of contents: one link per article, as a journal issue lists them."""
    lines = [f"- [Article {i}](a{i}.md)\n" for i in range(1, articles + 1)]
    return "# Articles\n\n" + "".join(lines)


def corpus_nav(text: str) -> str:
    """mkdocs.yml with the article's nav entry replaced by the contents page, and the
    articles themselves declared `not_in_nav` (see the module comment)."""
    match = _NAV_ARTICLE.search(text)
    if match is None:
        raise RuntimeError("mkdocs.yml nav has no '- Article: article.md' line to replace")
    if re.search(r"^not_in_nav:", text, re.MULTILINE):
        raise RuntimeError("mkdocs.yml already has a not_in_nav key; the corpus cannot add its own")
    entry = f"{match['indent']}- Articles: articles/index.md\n"
    return (text[:match.start()] + entry + text[match.end():]
            + "\nnot_in_nav: |\n  /articles/a*.md\n")
