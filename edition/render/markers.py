"""The late pass for the annotated edition: the HTML of each marker a page holds (mention
lists, glossary index, the Emendations page, the notes list, the timeline), rendered
where the marker stands. The checks that belong to them are in edition/apparatus/late_checks.py."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape
from pybtex.database import BibliographyData

from edition.apparatus.late_checks import placed_events
from edition.apparatus.links import Links, PageInfo
from edition.core.emendations import Emendation, bib_emendations
from edition.core.project import (
    EMENDATIONS_MARKER,
    GLOSSARY_MARKER,
    NOTES_MARKER,
    REFERENCES_BIB,
    REJECTED_MARKER,
    TIMELINE_MARKER,
)
from edition.inputs.editorial import cite_editorial
from edition.inputs.reference_style import format_reference
from edition.render.templates import render
from edition.text.mentions import Mention

_MENTIONS = re.compile(r"<!-- edition:mentions ([a-z-]+:[^ ]+) -->")
_WHERE = re.compile(r"¶\s*(?P<paragraph>[0-9]+)|(?P<word>[Rr]eferences?)\s+(?P<references>[0-9]+(?:,\s*[0-9]+)*)"
                    r"|(?P<front>title page|abstract)")
_PARAGRAPH = re.compile(r"¶\s?([0-9]+)(?![0-9]*</a>)")


def render_markers(links: Links, path: str, html: str) -> str:
    """Replace the annotation markers of one page with their generated HTML."""
    page = links.pages[path]
    html = _MENTIONS.sub(lambda m: mention_list(links, page, links.state.records.index.of_target(m[1])), html)
    replacements = {
        "<!-- edition:glossary-references -->": lambda: _glossary_references(links, page, path),
        GLOSSARY_MARKER: lambda: _glossary_index(links, page),
        EMENDATIONS_MARKER: lambda: render("emendations.html", accepted=_accepted(links, page)),
        REJECTED_MARKER: lambda: render("rejected.html", rejected=_rejected(links, page)),
        NOTES_MARKER: lambda: _notes(links, page),
        TIMELINE_MARKER: lambda: render("timeline.html", events=_timeline(links, page)),
    }
    for marker, make in replacements.items():
        if marker in html:
            html = html.replace(marker, make())
    return html


def _glossary_references(links: Links, page: PageInfo, path: str) -> str:
    target = links.state.targets.targets.get(f"glossary:{path}")
    items = []
    for key in target.references if target else ():
        for number, reference in sorted(links.state.bibliography.by_number.items()):
            if reference.key == key:
                items.append({"label": f"[{number}]", "href": links.reference_href(page, number),
                              "html": Markup(format_reference(reference.entry))})
    return render("link_list.html", items=items, css_class="edition-glossary-references",
                  empty="No work in the article's reference list.")


def _glossary_index(links: Links, page: PageInfo) -> str:
    groups = {"theorist": ("theorists", "Theorists"), "concept": ("concepts", "Concepts")}
    entries: dict[str, list[dict]] = {key: [] for key in groups}
    for target in links.state.targets.targets.values():
        if target.register or target.page not in links.pages:
            continue
        kind = links.state.inputs.targets.kinds.get(target.id, "concept")
        entries[kind].append({"label": target.label, "summary": target.summary,
                              "href": links.href_to(page, target.page),
                              "count": len(links.state.records.index.of_target(target.id))})
    listed: list[dict[str, object]] = [
        {"id": ident, "title": title, "entries": sorted(entries[kind], key=lambda e: e["label"])}
        for kind, (ident, title) in groups.items() if entries[kind]]
    return render("glossary_index.html", groups=listed)


def _accepted(links: Links, page: PageInfo) -> list[dict]:
    state = links.state
    link = _paragraph_linker(links, page)
    rows = []
    for emendation in sorted(state.records.emendations, key=lambda e: (state.records.pages[e.page].order,
                                                                      e.element_id)):
        where = f"¶\u00a0{emendation.paragraph}" if emendation.paragraph else links.pages[emendation.page].title
        href = (_paragraph_href(links, page, emendation.paragraph) if emendation.paragraph
                else links.href_to(page, emendation.page, emendation.element_id))
        rows.append(_row(emendation, where, href, state.editorial, link))
    for number, reference in sorted(state.bibliography.by_number.items()):
        for correction in bib_emendations(reference.entry, number, REFERENCES_BIB, reference.line):
            rows.append(_row(correction, f"Reference\u00a0{number}", links.reference_href(page, number) or "",
                             state.editorial, link))
    return rows


def _row(emendation: Emendation, where: str, href: str, editorial: BibliographyData,
         link: Callable[[str], Markup]) -> dict:
    return {"where": where, "href": href, "sic": emendation.sic, "corr": emendation.corr,
            "note": link(cite_editorial(emendation.note, editorial))}


def _paragraph_linker(links: Links, page: PageInfo) -> Callable[[str], Markup]:
    """Editorial text with every "¶12" or "¶ 12" written "¶ 12" (no-break space) and
    linked to the paragraph, as the Emendations page's places are."""
    def link(text: str) -> Markup:
        html = str(escape(text))

        def replace(match: re.Match[str]) -> str:
            href = _paragraph_href(links, page, int(match[1]))
            shown = f"¶\u00a0{match[1]}"
            return f'<a href="{escape(href)}">{shown}</a>' if href else shown
        return Markup(_PARAGRAPH.sub(replace, html))
    return link


def _paragraph_href(links: Links, page: PageInfo, number: int) -> str:
    found = [path for path, paragraphs in links.state.records.paragraphs.items() if number in paragraphs]
    return links.href_to(page, found[0], f"p{number}") if found and found[0] in links.pages else ""


def _rejected(links: Links, page: PageInfo) -> list[dict]:
    link = _paragraph_linker(links, page)
    return [{"where": _where_parts(links, page, candidate.where), "printed": link(candidate.printed),
             "proposed": link(candidate.proposed),
             "reason": link(cite_editorial(candidate.reason, links.state.editorial))}
            for candidate in links.state.inputs.sources.candidates]


def _where_parts(links: Links, page: PageInfo, where: str) -> list[dict]:
    """A candidate's place ("¶11, ¶12", "references 1, 8", "abstract; ¶14") as text and
    links, written as the accepted emendations are: "¶ 11", "reference 8"."""
    parts: list[dict] = []
    position = 0
    for match in _WHERE.finditer(where):
        parts.append({"text": where[position:match.start()], "href": ""})
        position = match.end()
        if match["paragraph"]:
            number = int(match["paragraph"])
            parts.append({"text": f"¶\u00a0{number}", "href": _paragraph_href(links, page, number)})
        elif match["references"]:
            parts.append({"text": match["word"].capitalize() + "\u00a0", "href": ""})
            for piece in re.split(r"(,\s*)", match["references"]):
                href = links.reference_href(page, int(piece)) if piece.isdigit() else None
                parts.append({"text": piece, "href": href or ""})
        else:
            # The article page's front holds the title page's matter: title, byline, abstracts.
            front = links.state.record.page if links.state.record else None
            anchor = "abstract-en" if match["front"] == "abstract" else "title"
            href = links.href_to(page, front, anchor) if front in links.pages else ""
            parts.append({"text": match["front"], "href": href})
    parts.append({"text": where[position:], "href": ""})
    return [part for part in parts if part["text"]]


def _notes(links: Links, page: PageInfo) -> str:
    state = links.state
    items = [{"label": note.title, "href": links.href_to(page, state.records.placed_notes[note.id], f"note-{note.id}")}
             for note in state.inputs.sources.notes if note.id in state.records.placed_notes]
    return render("link_list.html", items=items, css_class="edition-notes-list", empty="No editorial notes.")


def mention_list(links: Links, page: PageInfo, mentions: list[Mention]) -> str:
    """Mentions grouped by paragraph: ¶ number, count, first snippet, linked. When they
    stand on more than one page (an article in parts, or a corpus), one line per page
    lists its paragraphs without snippets, so that the list grows by a few words per
    page, not by a quotation per paragraph."""
    groups: dict[object, dict] = {}
    for mention in links.reading_order(mentions):
        key = (mention.page, mention.paragraph or mention.element_id)
        if key in groups:
            groups[key]["count"] += 1
            continue
        groups[key] = {"href": links.href_to(page, mention.page, mention.element_id), "label": links.label(mention),
                       "snippet": mention.snippet, "count": 1, "page": mention.page}
    pages: dict[str, dict] = {}
    for group in groups.values():
        part = pages.setdefault(group["page"], {"title": links.pages[group["page"]].title, "groups": []})
        part["groups"].append(group)
    if len(pages) > 1:
        return render("mention_list.html", pages=list(pages.values()))
    return render("mention_list.html", groups=list(groups.values()))


def _timeline(links: Links, page: PageInfo) -> list[dict]:
    events = []
    for event, path, number in placed_events(links.state)[0]:
        href = links.href_to(page, path, f"p{number}") if path in links.pages else ""
        events.append({"datetime": event.date.split("/")[0], "display": event.display, "label": event.label,
                       "note": event.note, "href": href, "where": f"¶\u00a0{number}", "sort": event.date})
    return sorted(events, key=lambda event: event["sort"])
