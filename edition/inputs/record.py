"""The article's own record: what the article page's front matter and abstracts state.

The page whose front matter has ``edition:`` (docs/article.md) is the article's one
canonical page. Its record is the one source for the head metadata, the title page's
block, the "How to cite" block, the article's exports and the cite-this-paragraph
citations. Only facts a source states are here. The source text names no journal; the
venue (``journal:``) is what the publisher's own pages state, cited on the Editorial
principles page, and each of its parts (volume, issue, pages, ISSN) is optional: a part
no source states is left out, and every output then leaves it out too.
Each author's name is kept in every language a byline prints it in (the Kazakh and
Russian title blocks print their own), with the contact e-mail the article's footnote
gives, so that the exports can carry every line of the printed title block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data

from edition.core.problems import Problem
from edition.core.project import LANGUAGE_ALTERNATIVES
from edition.inputs.schema import markup_problem

_DOI = re.compile(r"10\.[0-9]{4,9}/\S+")
_ISSN = re.compile(r"[0-9]{4}-[0-9]{3}[0-9X]")
_PAGES = re.compile(r"([0-9]+)(?:-([0-9]+))?")
_JOURNAL_FIELDS = ("title", "volume", "issue", "pages", "issn", "source")
_EMAIL = re.compile(r"[^@\s<>\":]+@[^@\s<>\"]+\.[^@\s<>\".]+")
_ABSTRACT = re.compile(r"\{ #abstract-(" + LANGUAGE_ALTERNATIVES + r") \}\n(.*?)\n<!-- edition:keywords \1 -->",
                       re.DOTALL)


@dataclass(frozen=True)
class Author:
    given: str
    family: str
    name: str
    institution: str
    affiliation: str
    place: str
    names: dict[str, str] = field(default_factory=dict)  # the name as printed in each language's byline
    email: str | None = None  # the contact address the article prints in its footnote


@dataclass(frozen=True)
class Journal:
    """Where the article appeared, as the publisher's pages state it (`source`: the page
    that says so). Parts no source states are None."""

    title: str
    source: str
    volume: str | None = None
    issue: str | None = None
    first_page: str | None = None
    last_page: str | None = None
    issn: str | None = None

    @property
    def pages(self) -> str | None:
        """"first-last" (or the one page), None when no page is recorded."""
        if self.first_page is None:
            return None
        return f"{self.first_page}-{self.last_page}" if self.last_page else self.first_page


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
    keyword_labels: dict[str, str] = field(default_factory=dict)  # "Key words:" as each language prints it
    journal: Journal | None = None  # the venue, from the publisher's pages; None when no source names it
    abstract_paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # each abstract's paragraphs

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}"

    def byline(self, lang: str) -> list[str] | None:
        """The authors' names as the byline of language `lang` prints them, in order; None
        when some author has no name recorded in that language (a partial byline would
        misstate the print)."""
        names = [name for author in self.authors if (name := author.names.get(lang)) is not None]
        return names if len(names) == len(self.authors) else None

    def citation(self) -> str:
        """The article cited in the edition's house form (APA-like): the journal with the
        volume, issue and pages the record has, and nothing for what it lacks."""
        names = [f"{a.family}, {a.given[0]}." for a in self.authors]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
        return f"{joined} ({self.year}). {self.title}. {self._venue()}{self.doi_url}"

    def _venue(self) -> str:
        journal = self.journal
        if journal is None:
            return ""
        venue = journal.title
        if journal.volume:
            venue += f", {journal.volume}"
        if journal.issue:
            venue += f"({journal.issue})" if journal.volume else f", No. {journal.issue}"
        if journal.pages:
            venue += f", {journal.pages.replace('-', '–')}"
        return venue + ". "

    def paragraph_citation(self) -> str:
        """The citation with a paragraph locator after the work it locates in (the title,
        or the journal with its parts), before the DOI; ``{paragraph}`` stands for its number."""
        cited, _, _ = self.citation().rpartition(f". {self.doi_url}")
        return f"{cited}, ¶ {{paragraph}}. {self.doi_url}"


def find_record_page(docs_dir: Path) -> tuple[str, dict, str, str] | None:
    """(src_uri, front matter, body, source) of the page whose front matter has ``edition:``."""
    for file in sorted(docs_dir.rglob("*.md")):
        source = file.read_text(encoding="utf-8", errors="replace")
        body, meta = get_data(source)
        if isinstance(meta, dict) and "edition" in meta:
            return file.relative_to(docs_dir).as_posix(), meta["edition"], body, source
    return None


def load_record(docs_dir: Path, docs_prefix: str = "docs") -> tuple[ArticleRecord | None, list[Problem]]:
    """The record from its page's front matter (None when no page has one, or it is wrong)."""
    found = find_record_page(docs_dir)
    if found is None:
        return None, []
    src_uri, data, body, source = found
    display = f"{docs_prefix}/{src_uri}"
    problems = [Problem(display, _line_of(source, where), message) for where, message in _record_problems(data)]
    if problems:
        return None, problems
    authors = tuple(
        Author(given=a["given"]["en"], family=a["family"]["en"], name=a["name"]["en"],
               institution=a["institution"], affiliation=a["affiliation"], place=a["place"],
               names=dict(a["name"]), email=a.get("email"))
        for a in data["authors"])
    paragraphs = {lang: tuple(part.strip() for part in text.strip().split("\n\n") if part.strip())
                  for lang, text in _ABSTRACT.findall(body)}
    abstracts = {lang: " ".join(parts) for lang, parts in paragraphs.items()}
    return ArticleRecord(title=data["titles"]["en"], titles=dict(data["titles"]), authors=authors,
                         doi=str(data["doi"]), year=str(data["year"]), keywords=dict(data["keywords"]),
                         abstracts=abstracts, page=src_uri, keyword_labels=dict(data.get("keyword_labels", {})),
                         journal=_journal(data.get("journal")), abstract_paragraphs=paragraphs), []


def _journal(data: dict | None) -> Journal | None:
    if data is None:
        return None
    pages = _PAGES.fullmatch(str(data.get("pages", "")))  # checked by _journal_problems
    first, last = pages.groups() if pages else (None, None)
    optional = {key: str(data[key]) for key in ("volume", "issue", "issn") if key in data}
    return Journal(title=str(data["title"]), source=str(data["source"]), first_page=first, last_page=last,
                   **optional)


def _journal_problems(data: object) -> list[tuple[str, str]]:
    """What is wrong with ``journal:``: a mapping with title and source (the publisher's
    page that states it), and optionally volume, issue, pages and issn."""
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) and data[key].strip()
                                             for key in ("title", "source")):
        return [("journal", "journal must be a mapping with title and source (the address of the publisher's "
                 "page that states it), and optionally volume, issue, pages and issn")]
    problems = [("journal", f"journal has an unknown field '{key}' — the fields are: {', '.join(_JOURNAL_FIELDS)}")
                for key in data if key not in _JOURNAL_FIELDS]
    if not re.fullmatch(r"https?://\S+", data["source"]):
        problems.append(("source", f"journal source '{data['source']}' is not an http(s) address — give the "
                         "address of the publisher's page that states the venue"))
    for key in ("volume", "issue"):
        if key in data and not (isinstance(data[key], (str, int)) and not isinstance(data[key], bool)
                                and str(data[key]).strip()):
            problems.append((key, f"journal {key} '{data[key]}' — write it as printed, e.g. {key}: \"2\""))
    if "pages" in data and not _PAGES.fullmatch(str(data["pages"])):
        problems.append(("pages", f"journal pages '{data['pages']}' — write the first and last page as "
                         "digits joined by a hyphen, e.g. pages: \"45-61\""))
    if "issn" in data and not _ISSN.fullmatch(str(data["issn"])):
        problems.append(("issn", f"journal issn '{data['issn']}' is not an ISSN — write it as NNNN-NNNN"))
    return problems


def _record_problems(data: object) -> list[tuple[str, str]]:
    """(key to find the line by, message) for each thing wrong with ``edition:``."""
    if not isinstance(data, dict):
        return [("edition", "front matter 'edition' must be a mapping with doi, year, titles, authors "
                 "and keywords")]
    problems = []
    for key in ("doi", "year", "titles", "authors", "keywords"):
        if key not in data:
            problems.append(("edition", f"the front matter 'edition' has no '{key}' — add it"))
    if not _DOI.fullmatch(str(data.get("doi", "10.0/x"))):
        problems.append(("doi", f"doi '{data.get('doi')}' is not a DOI — write it as 10.NNNN/..., without https://doi.org/"))
    if not re.fullmatch(r"[0-9]{4}", str(data.get("year", "2000"))):
        problems.append(("year", f"year '{data.get('year')}' — write the year of publication as four digits"))
    if not isinstance(data.get("titles", {}), dict) or "en" not in data.get("titles", {"en": ""}):
        problems.append(("titles", "titles must be a mapping of language to title, with at least en: ..."))
    if not isinstance(data.get("keywords", {}), dict):
        problems.append(("keywords", "keywords must be a mapping of language to a list of key words"))
    labels = data.get("keyword_labels", {})
    if not isinstance(labels, dict) or not all(isinstance(label, str) for label in labels.values()):
        problems.append(("keyword_labels", "keyword_labels must be a mapping of language to the label printed "
                         "before the key words, e.g. en: \"Key words:\""))
    authors = data.get("authors", [])
    if not isinstance(authors, list) or not all(_is_author(author) for author in authors):
        problems.append(("authors", "each author needs name, family and given (each a mapping of language "
                         "to text, with en: ...), institution, affiliation and place"))
    for author in authors if isinstance(authors, list) else ():
        email = author.get("email") if isinstance(author, dict) else None
        if email is not None and not (isinstance(email, str) and _EMAIL.fullmatch(email)):
            problems.append(("email", f"email '{email}' is not an e-mail address — write it as printed, "
                             "name@host, without mailto:"))
    if "journal" in data:
        problems += _journal_problems(data["journal"])
    for value in _strings(data):
        message = markup_problem("edition", value)
        if message:
            problems.append((value, message))
    return problems


def _is_author(author: object) -> bool:
    return (isinstance(author, dict)
            and all(isinstance(author.get(key), dict) and "en" in author[key]
                    and all(isinstance(lang, str) and isinstance(text, str) and text.strip()
                            for lang, text in author[key].items())
                    for key in ("name", "family", "given"))
            and all(isinstance(author.get(key), str) for key in ("institution", "affiliation", "place")))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _line_of(source: str, needle: str) -> int:
    """Line of the front matter key `needle` (or of the text `needle`) in the page."""
    match = re.search(rf"^\s*{re.escape(needle)}\s*:", source, re.MULTILINE) or re.search(re.escape(needle), source)
    return 1 + source.count("\n", 0, match.start()) if match else 1
