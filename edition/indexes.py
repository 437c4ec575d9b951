"""The late pass for the annotated edition: mention lists, glossary index, the
Emendations page, the notes list and the timeline, each rendered where its marker
stands, and the whole-build checks that belong to them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from edition.annotations import check_editorial_citations, cite_editorial
from edition.emendations import Emendation, bib_emendations
from edition.problems import Problem
from edition.sources import CANDIDATES_FILE, NOTES_FILE, TIMELINE_FILE
from edition.state import REFERENCES_BIB
from edition.style import format_reference
from edition.templates import render

if TYPE_CHECKING:
    from edition.resolve import PageInfo, Resolver

_MENTIONS = re.compile(r"<!-- edition:mentions ([a-z-]+:[^ ]+) -->")


def render_markers(resolver: "Resolver", path: str, html: str) -> str:
    """Replace the annotation markers of one page with their generated HTML."""
    page = resolver.pages[path]
    html = _MENTIONS.sub(lambda m: resolver.mention_list(page, resolver.state.index.of_target(m[1])), html)
    replacements = {
        "<!-- edition:glossary-references -->": lambda: _glossary_references(resolver, page, path),
        "<!-- edition:glossary -->": lambda: _glossary_index(resolver, page),
        "<!-- edition:emendations -->": lambda: render("emendations.html", accepted=_accepted(resolver, page)),
        "<!-- edition:rejected-emendations -->": lambda: render("rejected.html", rejected=_rejected(resolver)),
        "<!-- edition:notes -->": lambda: _notes(resolver, page),
        "<!-- edition:timeline -->": lambda: render("timeline.html", events=_timeline(resolver, page)[0]),
    }
    for marker, make in replacements.items():
        if marker in html:
            html = html.replace(marker, make())
    return html


def annotation_problems(resolver: "Resolver") -> list[Problem]:
    """Problems only the whole build can show: unmentioned targets, unplaced notes, a
    timeline event not found in the text, an unknown reference key on a glossary page."""
    state = resolver.state
    problems = []
    article = bool(state.sources.article_pages)  # without one, nothing can be found in it (reported once)
    for target in state.targets.targets.values():
        if article and not state.index.of_target(target.id):
            problems.append(Problem(target.source, target.line,
                                    f"'{target.label}' is never mentioned in the article — check its "
                                    "aliases against the text (exact, case-sensitive) or remove it"))
        for key in target.references:
            if not state.bibliography.has_key(key):
                problems.append(Problem(target.source, target.line,
                                        f"glossary references: '{key}' is not a key in {REFERENCES_BIB}"))
    for note in state.notes:
        if note.id not in state.placed_notes:
            problems.append(Problem(NOTES_FILE, note.line,
                                    f"note '{note.id}': no paragraph starts with \"{note.after[:60]}\" — "
                                    "copy the first words of the paragraph exactly"))
    problems += _timeline(resolver, None)[1] if article else []
    for candidate in state.sources.candidates:
        problems += check_editorial_citations(candidate.reason, state.editorial_keys, CANDIDATES_FILE,
                                              candidate.line)
    for emendation in state.emendations:
        problems += check_editorial_citations(emendation.note, state.editorial_keys,
                                              emendation.source, emendation.line)
    return problems


def _glossary_references(resolver: "Resolver", page: "PageInfo", path: str) -> str:
    target = resolver.state.targets.targets.get(f"glossary:{path}")
    items = []
    for key in target.references if target else ():
        for number, reference in sorted(resolver.state.bibliography.by_number.items()):
            if reference.key == key:
                items.append({"label": f"[{number}]", "href": resolver.href_to(page, resolver.references_page,
                                                                           f"ref-{number}")
                              if resolver.references_page else None,
                              "html": Markup(format_reference(reference.entry))})
    return render("link_list.html", items=items, css_class="edition-glossary-references",
                  empty="No work in the article's reference list.")


def _glossary_index(resolver: "Resolver", page: "PageInfo") -> str:
    groups = {"theorist": ("theorists", "Theorists"), "concept": ("concepts", "Concepts")}
    entries: dict[str, list[dict]] = {key: [] for key in groups}
    for target in resolver.state.targets.targets.values():
        if target.register or target.page not in resolver.pages:
            continue
        kind = resolver.state.glossary_kinds.get(target.id, "concept")
        entries[kind].append({"label": target.label, "summary": target.summary,
                              "href": resolver.href_to(page, target.page),
                              "count": len(resolver.state.index.of_target(target.id))})
    return render("glossary_index.html", groups=[
        {"id": ident, "title": title, "entries": sorted(entries[kind], key=lambda e: e["label"])}
        for kind, (ident, title) in groups.items() if entries[kind]])


def _accepted(resolver: "Resolver", page: "PageInfo") -> list[dict]:
    state = resolver.state
    rows = []
    for emendation in sorted(state.emendations, key=lambda e: (state.pages[e.page].order, e.element_id)):
        where = f"¶\u00a0{emendation.paragraph}" if emendation.paragraph else resolver.pages[emendation.page].title
        rows.append(_row(emendation, where, resolver.href_to(page, emendation.page, emendation.element_id),
                         state.editorial))
    for number, reference in sorted(state.bibliography.by_number.items()):
        for emendation in bib_emendations(reference.entry, number, REFERENCES_BIB, reference.line):
            href = (resolver.href_to(page, resolver.references_page, f"ref-{number}")
                    if resolver.references_page else "")
            rows.append(_row(emendation, f"Reference {number}", href, state.editorial))
    return rows


def _row(emendation: Emendation, where: str, href: str, editorial) -> dict:
    return {"where": where, "href": href, "sic": emendation.sic, "corr": emendation.corr,
            "note": cite_editorial(emendation.note, editorial)}


def _rejected(resolver: "Resolver") -> list[dict]:
    return [{"where": candidate.where, "printed": candidate.printed, "proposed": candidate.proposed,
             "reason": cite_editorial(candidate.reason, resolver.state.editorial)}
            for candidate in resolver.state.sources.candidates]


def _notes(resolver: "Resolver", page: "PageInfo") -> str:
    state = resolver.state
    items = [{"label": note.title, "href": resolver.href_to(page, state.placed_notes[note.id], f"note-{note.id}")}
             for note in state.notes if note.id in state.placed_notes]
    return render("link_list.html", items=items, css_class="edition-notes-list", empty="No editorial notes.")


def _timeline(resolver: "Resolver", page: "PageInfo | None") -> tuple[list[dict], list[Problem]]:
    state = resolver.state
    events, problems = [], []
    for event in state.sources.timeline:
        found = [(path, number) for path, paragraphs in state.paragraphs.items()
                 for number, text in paragraphs.items() if event.quote in text]
        if len(found) != 1:
            problems.append(Problem(TIMELINE_FILE, event.line, f"the quote \"{event.quote[:60]}\" must occur in "
                                    f"exactly one paragraph of the article (found in {len(found)})"))
            continue
        path, number = found[0]
        href = resolver.href_to(page, path, f"p{number}") if page is not None and path in resolver.pages else ""
        events.append({"datetime": event.date.split("/")[0], "display": event.display, "label": event.label,
                       "note": event.note, "href": href, "where": f"¶\u00a0{number}", "sort": event.date})
    events.sort(key=lambda event: event["sort"])
    return events, problems
