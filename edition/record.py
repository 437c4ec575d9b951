"""The article's own record: what the article page's front matter and abstracts state.

The page whose front matter has ``edition:`` (docs/article.md) is the article's one
canonical page. Its record is the one source for the head metadata, the title page's
block, the "How to cite" block, the article's exports and the cite-this-paragraph
citations. Only facts the source states are
here: the journal's name, volume and pages are not in the source, so they are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

LANGUAGES = ("en", "kk", "ru")
_ABSTRACT = re.compile(r"\{ #abstract-(en|kk|ru) \}\n(.*?)\n<!-- edition:keywords \1 -->", re.DOTALL)


@dataclass(frozen=True)
class Author:
    given: str
    family: str
    name: str
    institution: str
    affiliation: str
    place: str


@dataclass(frozen=True)
class ArticleRecord:
    """Title, authors, DOI, year, key words and abstracts of the edited article."""

    title: str
    titles: dict[str, str]
    authors: tuple[Author, ...]
    doi: str
    year: str
    keywords: dict[str, list[str]]
    abstracts: dict[str, str]
    page: str  # src path of the canonical page, the one that carries the record

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}"

    def citation(self) -> str:
        """The article cited in the edition's house form (APA-like; no journal, which the
        source does not name)."""
        names = [f"{a.family}, {a.given[0]}." for a in self.authors]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
        return f"{joined} ({self.year}). {self.title}. {self.doi_url}"

    def paragraph_citation(self) -> str:
        """The citation with a paragraph locator; ``{paragraph}`` stands for its number."""
        return self.citation().replace(f"{self.title}.", f"{self.title}, ¶ {{paragraph}}.", 1)


def find_record_page(docs_dir: Path) -> tuple[str, dict, str] | None:
    """(src_uri, front matter, body) of the page whose front matter has ``edition:``."""
    for file in sorted(docs_dir.rglob("*.md")):
        body, meta = get_data(file.read_text(encoding="utf-8"))
        if isinstance(meta, dict) and isinstance(meta.get("edition"), dict):
            return file.relative_to(docs_dir).as_posix(), meta["edition"], body
    return None


def load_record(docs_dir: Path) -> ArticleRecord | None:
    """The record from its page's front matter, or None when no page has one."""
    found = find_record_page(docs_dir)
    if found is None:
        return None
    src_uri, data, body = found
    authors = tuple(
        Author(given=a["given"]["en"], family=a["family"]["en"], name=a["name"]["en"],
               institution=a["institution"], affiliation=a["affiliation"], place=a["place"])
        for a in data["authors"])
    abstracts = {lang: " ".join(part.strip() for part in text.strip().split("\n\n") if part.strip())
                 for lang, text in _ABSTRACT.findall(body)}
    return ArticleRecord(title=data["titles"]["en"], titles=dict(data["titles"]), authors=authors,
                         doi=str(data["doi"]), year=str(data["year"]), keywords=dict(data["keywords"]),
                         abstracts=abstracts, page=src_uri)
