"""The reference style of this article's list, as a pybtex formatting style.

The printed list mixes conventions; this style reproduces its common shape and
nothing more: "Surname, Initials (Year). *Title*. Place: *Publisher*." for books,
the journal form for articles, and for web items the transliterated title followed
by the English translation in brackets, the site, "[Electronic resource] URL: ..."
and the access date. Titles are never case-changed (transliterated and Cyrillic
titles must not be lowercased). Two backends render it: HTML (URLs as links, only
http/https) and plain text (for previews' accessible text and snippets).
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import unquote

from pybtex.backends.html import Backend as _HtmlBackend
from pybtex.backends.plaintext import Backend as _TextBackend
from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels.number import LabelStyle
from pybtex.style.names.plain import NameStyle
from pybtex.style.sorting.none import SortingStyle
from pybtex.style.template import FieldIsMissing, first_of, href, join, node, optional, sentence, tag

from edition.core.emendations import render_html, split_fields
from edition.core.latex import latex_text, plain_text
from edition.core.memo import KEPT, PER_ENTRY, Memo


class HtmlBackend(_HtmlBackend):
    """pybtex's HTML backend with escaped attributes, plain protected text and safe links."""

    def __init__(self, links: bool = True) -> None:
        super().__init__()
        self.links = links

    def format_protected(self, text: str) -> str:
        return text

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        if not self.links or not re.match(r"https?://", url):
            return text
        return f'<a href="{escape(url, quote=True)}">{text}</a>' if text else ""


class TextBackend(_TextBackend):
    """Plain text; links become their text."""


@node
def person_names(children, context, role: str, inverted: bool = True):
    """Names as printed: 'Walt, S.M.' (inverted) or 'Khakimov O.' (as in the bracketed translations)."""
    entry = context["entry"]
    persons: list[Person] = list(entry.persons.get(role, []))
    if not persons and role in entry.fields:
        # Roles pybtex does not know (translatedauthor) arrive as plain "Surname, X." strings.
        persons = [Person(name) for name in entry.fields[role].split(" and ")]
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    separator = ", " if inverted else " "
    return Text(" & ".join(_person(person, separator) for person in persons))


@node
def field(children, context, name: str, raw: bool = False):
    """pybtex's ``field`` node, with the value decoded through ``latex_text`` (once per
    distinct value, not once per entry and output)."""
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    return value if raw else latex_text(value)


@node
def printed_date(children, context, name: str):
    """An ISO date field as the list prints dates: 01.02.2022."""
    value = context["entry"].fields.get(name)
    if value is None:
        raise FieldIsMissing(name, context["entry"])
    year, month, day = value.split("-")
    return Text(f"{day}.{month}.{year}")


def _person(person: Person, separator: str) -> str:
    # Braces protect a corporate name ({GRATA International}); they are not printed.
    surname = plain_text(" ".join(person.prelast_names + person.last_names))
    given = plain_text(" ".join(person.first_names + person.middle_names))
    return f"{surname}{separator}{given}" if given else surname


_year = first_of[field("year"), printed_date("date")]
_title = tag("em")[field("title")]
_author_year = join[person_names("author"), " (", _year, ")."]
class EditionStyle(BaseStyle):
    """Formats the article's reference list; one template per entry type used in bib/."""

    # The plugin classes themselves, not their names: a name makes pybtex scan the
    # entry points of every installed distribution (about 60 ms a lookup).
    default_name_style = NameStyle
    default_label_style = LabelStyle
    default_sorting_style = SortingStyle

    def get_book_template(self, e: Entry):
        return join(sep=" ")[
            _author_year,
            sentence(sep=" ")[_title],
            sentence(sep=": ")[optional_field_text("address"), tag("em")[field("publisher")]],
        ]

    def get_article_template(self, e: Entry):
        return join(sep=" ")[
            _author_year,
            sentence[field("title")],
            sentence(sep=", ")[
                tag("em")[field("journal")],
                optional[join[field("volume"), optional["(", field("number"), ")"]]],
                optional[join["pp. ", field("pages")]],
            ],
            # A journal article the editors cite by its DOI alone (a review without known
            # volume or pages): the DOI, linked at its resolver.
            optional[join["DOI: ", href(join["https://doi.org/", field("doi", raw=True)])[field("doi", raw=True)]]],
        ]

    def get_misc_template(self, e: Entry):
        # A work the editors know by its author, title, year and DOI alone (a review whose
        # journal no page they read names): the DOI, linked at its resolver.
        return join(sep=" ")[
            _author_year,
            sentence[field("title")],
            optional[join["DOI: ", href(join["https://doi.org/", field("doi", raw=True)])[field("doi", raw=True)]]],
        ]

    def get_online_template(self, e: Entry):
        # The parts are closed by full stops, as the printed list closes them where it
        # punctuates ("(1948). *Title*. Place: *Publisher*."; "*Administratsiya ...,
        # 2020*. [Electronic resource]"): "Author (Year). *Title* [Translation]. *Site*.
        # [Electronic resource] URL: ..., date (access date: ...)".
        has_author = "author" in e.persons
        translation = join["[", optional[person_names("translatedauthor", inverted=False), " "],
                           field("translatedtitle"), "]"]
        return join(sep=" ")[
            optional[sentence(sep=" ")[person_names("author"), optional[join["(", field("year"), ")"]]]],
            sentence(sep=" ")[_title, optional[translation]],
            sentence(sep=", ")[optional[tag("em")[field("organization")]],
                               optional[field("year")] if not has_author else ""],
            "[Electronic resource] URL:",
            join(sep=", ")[href(field("url", raw=True))[readable_url("url")],
                           optional[printed_date("date")]],
            join["(access date: ", printed_date("urldate"), ")"],
        ]


@node
def readable_url(children, context, name: str):
    """A URL as link text, percent-escapes decoded so that Cyrillic reads as letters
    (the href keeps the address as written); left as written if it does not decode."""
    value = context["entry"].fields[name]
    try:
        return Text(unquote(value, errors="strict"))
    except UnicodeDecodeError:
        return Text(value)


@node
def optional_field_text(children, context, name: str):
    """A field's text, or nothing (lets sentence() drop a missing place of publication)."""
    value = context["entry"].fields.get(name)
    return latex_text(value) if value else Text()


def format_reference(entry: Entry, links: bool = True) -> str:
    """The entry as HTML (escaped; only http/https URLs become links); emendations in
    its fields are shown as printed reading plus marked correction."""
    return _rendered(entry, ("html", links), lambda: HtmlBackend(links=links), render_html)


def format_reference_text(entry: Entry) -> str:
    """The entry as plain text, with each emendation resolved to its correction."""
    return _rendered(entry, ("text",), TextBackend, lambda sic, corr: corr or sic)


def _rendered(entry: Entry, kind: tuple, backend, emendation) -> str:
    """The entry rendered by `backend()`, each emendation token replaced by
    `emendation(sic, corr)`; once per content and kind (the same reference stands in
    several lists, previews and exports)."""
    key = (content_key(entry), kind)

    def render() -> str:
        text, tokens = _formatted(entry, key[0])
        out = text.render(backend())
        for token, (sic, corr) in tokens:
            out = out.replace(token, emendation(sic, corr))
        return out
    return _RENDERED.get(key, render)


def _formatted(entry: Entry, key: tuple | None = None) -> tuple[Text, tuple[tuple[str, tuple[str, str]], ...]]:
    """The entry formatted once (LaTeX decoding is the slow part), with its emendations
    as tokens; every output format renders from this, kept by the entry's content so
    that it is valid across pages and `mkdocs serve` rebuilds."""
    def formatted() -> tuple[Text, tuple[tuple[str, tuple[str, str]], ...]]:
        plain, tokens = split_fields(entry)
        return _format(plain), tuple(tokens.items())
    return _FORMATTED.get(key or content_key(entry), formatted)


def content_key(entry: Entry) -> tuple:
    """What formatting depends on."""
    persons = tuple((role, tuple(str(person) for person in people)) for role, people in entry.persons.items())
    return (entry.type, tuple(entry.fields.items()), persons)


_FORMATTED: Memo[tuple[Text, tuple[tuple[str, tuple[str, str]], ...]]] = KEPT.memo(
    "edition.inputs.reference_style formatted entries", PER_ENTRY)
_RENDERED: Memo[str] = KEPT.memo("edition.inputs.reference_style rendered entries", PER_ENTRY)
_STYLE = EditionStyle()
# The entry types the style has a form for (its get_<type>_template methods).
SET_TYPES = tuple(sorted(name[len("get_"):-len("_template")] for name in dir(EditionStyle)
                         if name.startswith("get_") and name.endswith("_template")))


def _format(entry: Entry) -> Text:
    return _STYLE.format_entry("", entry).text
