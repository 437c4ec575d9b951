"""Emendations: a slip of the source kept as printed, with the correction beside it.

In Markdown and in bib/ field values an emendation is written where it is made::

    {sic: C.M. Walt | corr: S.M. Walt | note: the author of [5] and [6]}

The printed reading stays in the text; the correction is shown next to it, marked
as the edition's (and excluded from fidelity comparison as apparatus). Every
emendation is listed on the page holding ``<!-- edition:emendations -->``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markupsafe import Markup, escape
from pybtex.database import Entry

from edition.core.latex import plain_text

SYNTAX = re.compile(
    r"\{sic:\s*(?P<sic>[^|{}]+?)\s*(?:\|\s*corr:\s*(?P<corr>[^|{}]*?)\s*)?"
    r"(?:\|\s*note:\s*(?P<note>[^{}]*?)\s*)?\}"
)
MISSING_CORRECTION = ("emendation {{sic: {sic}}} has no correction — write "
                      "{{sic: {sic} | corr: <corrected reading>}}, or remove the marker")


@dataclass(frozen=True)
class Emendation:
    """One emendation at one place."""

    sic: str
    corr: str
    note: str
    source: str
    line: int
    page: str | None = None
    element_id: str | None = None
    paragraph: int | None = None
    reference: int | None = None


def build_element(sic: str, corr: str | None, note: str | None) -> etree.Element:
    """The inline element for Markdown: printed reading, then the marked correction."""
    wrapper = etree.Element("span", {"class": "edition-emendation"})
    printed = etree.SubElement(wrapper, "span", {"class": "edition-sic", "title": "as printed"})
    printed.text = sic
    if corr:
        correction = etree.SubElement(wrapper, "span", {
            "class": "edition-corr", "data-edition-apparatus": "",
            "title": f"Editorial correction{': ' + strip_note(note) if note else ''}",
        })
        # The marks are spans of their own, so the reading view can show the corrected
        # reading plainly (docs/stylesheets/reading.css).
        opening = etree.SubElement(correction, "span", {"class": "edition-corr__mark"})
        opening.text = "[corr. "
        opening.tail = corr
        closing = etree.SubElement(correction, "span", {"class": "edition-corr__mark"})
        closing.text = "]"
    wrapper.set("data-sic", sic)
    wrapper.set("data-corr", corr or "")
    wrapper.set("data-note", note or "")
    return wrapper


def protect_notes(markdown: str) -> str:
    """Hide the ``@`` of ``[@key]`` citations inside emendation notes from mkdocs-bibtex
    (which runs after our hooks and would turn them into footnotes); the inline
    processor restores them, and the Emendations page renders them as citations."""
    return SYNTAX.sub(lambda match: match[0].replace("@", "&#64;"), markdown)


def strip_note(note: str) -> str:
    """A note without its ``[@key]`` citations, for a title attribute."""
    return re.sub(r"\s*\[[^\[\]]*@[^\[\]]*\]", "", note)


def render_html(sic: str, corr: str) -> Markup:
    """The same shape for HTML made outside Markdown (bibliography entries)."""
    return Markup('<span class="edition-emendation"><span class="edition-sic" title="as printed">{}</span>'
                  ' <span class="edition-corr" data-edition-apparatus title="Editorial correction">'
                  '<span class="edition-corr__mark">[corr. </span>{}<span class="edition-corr__mark">]</span>'
                  "</span></span>").format(escape(sic), escape(corr))


def split_fields(entry: Entry) -> tuple[Entry, dict[str, tuple[str, str]]]:
    """A copy of `entry` with each emendation replaced by a private-use token, and the
    tokens' (sic, corr) pairs; the caller formats the copy and substitutes the tokens."""
    tokens: dict[str, tuple[str, str]] = {}
    fields = {}
    for name, value in entry.fields.items():
        def token(match: re.Match[str]) -> str:
            key = f"\ue000{len(tokens)}\ue001"
            tokens[key] = (plain_text(match["sic"]), plain_text(match["corr"] or ""))
            return key
        fields[name] = SYNTAX.sub(token, value)
    copy = Entry(entry.type, fields=fields, persons=entry.persons)
    copy.key = entry.key
    return copy, tokens


def corrected(value: str) -> str:
    """A field value with every emendation resolved to its correction (for exports)."""
    return SYNTAX.sub(lambda m: m["corr"] or m["sic"], value)


def bib_emendations(entry: Entry, number: int, source: str, line: int) -> list[Emendation]:
    """The emendations written in one bibliography entry's fields."""
    # Field values are LaTeX: the note is decoded like the readings ("Holmes \\& Meier"
    # reads "Holmes & Meier"); its [@key] citations pass through unchanged.
    return [Emendation(plain_text(m["sic"]), plain_text(m["corr"] or ""), plain_text(m["note"] or ""),
                       source, line, reference=number)
            for value in entry.fields.values() for m in SYNTAX.finditer(value)]


def printed_readings(fields: dict[str, str]) -> list[str]:
    """"As printed (field): reading" for each field of a bib entry that holds an emendation:
    the whole field in its printed reading, so that an export giving the corrected reading
    records the printed one beside it (every format says it in these same words)."""
    return [f"As printed ({name}): {plain_text(SYNTAX.sub(lambda match: match['sic'], value))}"
            for name, value in fields.items() if SYNTAX.search(value)]
