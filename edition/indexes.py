"""The late pass for the annotated edition: mention lists, glossary index, the
Emendations page, the notes list and the timeline, each rendered where its marker
stands, and the whole-build checks that belong to them."""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from edition.annotations import check_editorial_citations, cite_editorial
from edition.datafiles import load_list
from edition.emendations import Emendation, bib_emendations
from edition.problems import Problem
from edition.state import REFERENCES_BIB
from edition.style import format_reference
from edition.templates import render

if TYPE_CHECKING:
    from edition.resolve import PageInfo, Resolver

TIMELINE_FILE = "data/timeline.yml"
CANDIDATES_FILE = "data/emendation-candidates.yml"
_MENTIONS = re.compile(r"<!-- edition:mentions ([a-z-]+:[^ ]+) -->")
_WHERE = re.compile(r"¶\s*(?P<paragraph>[0-9]+)|(?P<word>[Rr]eferences?)\s+(?P<references>[0-9]+(?:,\s*[0-9]+)*)"
                    r"|(?P<front>title page|abstract)")
_PARAGRAPH = re.compile(r"¶\s?([0-9]+)(?![0-9]*</a>)")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")


def render_markers(resolver: "Resolver", path: str, html: str) -> str:
    """Replace the annotation markers of one page with their generated HTML."""
    page = resolver.pages[path]
    html = _MENTIONS.sub(lambda m: resolver.mention_list(page, resolver.state.index.of_target(m[1])), html)
    replacements = {
        "<!-- edition:glossary-references -->": lambda: _glossary_references(resolver, page, path),
        "<!-- edition:glossary -->": lambda: _glossary_index(resolver, page),
        "<!-- edition:emendations -->": lambda: render("emendations.html", accepted=_accepted(resolver, page)),
        "<!-- edition:rejected-emendations -->": lambda: render("rejected.html", rejected=_rejected(resolver, page)),
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
    for target in state.targets.targets.values():
        if not state.index.of_target(target.id):
            problems.append(Problem(target.source, target.line,
                                    f"'{target.label}' is never mentioned in the article — check its "
                                    "aliases against the text (exact, case-sensitive) or remove it"))
        for key in target.references:
            if not state.bibliography.has_key(key):
                problems.append(Problem(target.source, target.line,
                                        f"glossary references: '{key}' is not a key in {REFERENCES_BIB}"))
    for note in state.notes:
        if note.id not in state.placed_notes:
            problems.append(Problem("data/notes.yml", note.line,
                                    f"note '{note.id}': no paragraph starts with \"{note.after[:60]}\" — "
                                    "copy the first words of the paragraph exactly"))
    problems += _timeline(resolver, None)[1]
    problems += candidate_problems(state.root)
    for item, line in load_list(state.root / CANDIDATES_FILE, CANDIDATES_FILE)[0]:
        problems += check_editorial_citations(str(item.get("reason", "")), state.editorial_keys,
                                              CANDIDATES_FILE, line)
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
    link = _paragraph_linker(resolver, page)
    rows = []
    for emendation in sorted(state.emendations, key=lambda e: (state.pages[e.page].order, e.element_id)):
        where = f"¶\u00a0{emendation.paragraph}" if emendation.paragraph else resolver.pages[emendation.page].title
        href = (_paragraph_href(resolver, page, emendation.paragraph) if emendation.paragraph
                else resolver.href_to(page, emendation.page, emendation.element_id))
        rows.append(_row(emendation, where, href, state.editorial, link))
    for number, reference in sorted(state.bibliography.by_number.items()):
        for emendation in bib_emendations(reference.entry, number, REFERENCES_BIB, reference.line):
            href = (resolver.href_to(page, resolver.references_page, f"ref-{number}")
                    if resolver.references_page else "")
            rows.append(_row(emendation, f"Reference {number}", href, state.editorial, link))
    return rows


def _row(emendation: Emendation, where: str, href: str, editorial, link) -> dict:
    return {"where": where, "href": href, "sic": emendation.sic, "corr": emendation.corr,
            "note": link(cite_editorial(emendation.note, editorial))}


def _paragraph_linker(resolver: "Resolver", page: "PageInfo"):
    """Editorial text with every "¶12" or "¶ 12" written "¶ 12" (no-break space) and
    linked to the paragraph, as the Emendations page's places are."""
    def link(text) -> Markup:
        html = str(escape(text))
        def replace(match: re.Match[str]) -> str:
            href = _paragraph_href(resolver, page, int(match[1]))
            shown = f"¶\u00a0{match[1]}"
            return f'<a href="{escape(href)}">{shown}</a>' if href else shown
        return Markup(_PARAGRAPH.sub(replace, html))
    return link


def _paragraph_href(resolver: "Resolver", page: "PageInfo", number: int) -> str:
    found = [path for path, paragraphs in resolver.state.paragraphs.items() if number in paragraphs]
    return resolver.href_to(page, found[0], f"p{number}") if found and found[0] in resolver.pages else ""


def _rejected(resolver: "Resolver", page: "PageInfo") -> list[dict]:
    items, _ = load_list(resolver.state.root / CANDIDATES_FILE, CANDIDATES_FILE)
    link = _paragraph_linker(resolver, page)
    return [{**item, "where": _where_parts(resolver, page, str(item.get("where", ""))),
             "printed": link(str(item.get("printed", ""))), "proposed": link(str(item.get("proposed", ""))),
             "reason": link(cite_editorial(str(item.get("reason", "")), resolver.state.editorial))}
            for item, _line in items if item.get("decision") == "reject"]


def _where_parts(resolver: "Resolver", page: "PageInfo", where: str) -> list[dict]:
    """A candidate's place ("¶11, ¶12", "references 1, 8", "abstract; ¶14") as text and
    links, written as the accepted emendations are: "¶ 11", "reference 8"."""
    state = resolver.state
    parts: list[dict] = []
    position = 0
    for match in _WHERE.finditer(where):
        parts.append({"text": where[position:match.start()], "href": ""})
        position = match.end()
        if match["paragraph"]:
            number = int(match["paragraph"])
            href = _paragraph_href(resolver, page, number)
            parts.append({"text": f"¶\u00a0{number}", "href": href})
        elif match["references"]:
            parts.append({"text": match["word"].capitalize() + "\u00a0", "href": ""})
            numbers = re.split(r"(,\s*)", match["references"])
            for piece in numbers:
                if piece.isdigit() and int(piece) in state.bibliography.by_number and resolver.references_page:
                    parts.append({"text": piece, "href": resolver.href_to(page, resolver.references_page,
                                                                         f"ref-{piece}")})
                else:
                    parts.append({"text": piece, "href": ""})
        else:
            # The article page's front holds the title page's matter: title, byline, abstracts.
            front = state.record.page if state.record else None
            anchor = "abstract-en" if match["front"] == "abstract" else "title"
            href = resolver.href_to(page, front, anchor) if front in resolver.pages else ""
            parts.append({"text": match["front"], "href": href})
    parts.append({"text": where[position:], "href": ""})
    return [part for part in parts if part["text"]]


def candidate_problems(root) -> list[Problem]:
    """The candidates file holds only rejected readings: accepted ones live in the text."""
    items, problems = load_list(root / CANDIDATES_FILE, CANDIDATES_FILE)
    for item, line in items:
        if item.get("decision") != "reject":
            problems.append(Problem(CANDIDATES_FILE, line, f"candidate '{item.get('printed')}' has decision "
                                    f"'{item.get('decision')}' — write an accepted emendation in the text as "
                                    "{sic: ... | corr: ...} and keep only rejected candidates here"))
        for key in ("where", "printed", "reason"):
            if not item.get(key):
                problems.append(Problem(CANDIDATES_FILE, line, f"candidate has no '{key}'"))
    return problems


def _notes(resolver: "Resolver", page: "PageInfo") -> str:
    state = resolver.state
    items = [{"label": note.title, "href": resolver.href_to(page, state.placed_notes[note.id], f"note-{note.id}")}
             for note in state.notes if note.id in state.placed_notes]
    return render("link_list.html", items=items, css_class="edition-notes-list", empty="No editorial notes.")


def _timeline(resolver: "Resolver", page: "PageInfo | None") -> tuple[list[dict], list[Problem]]:
    state = resolver.state
    items, problems = load_list(state.root / TIMELINE_FILE, TIMELINE_FILE)
    events = []
    for item, line in items:
        date, label, quote = str(item.get("date", "")), item.get("label"), str(item.get("quote", ""))
        display = _display_date(date)
        if display is None or not label:
            problems.append(Problem(TIMELINE_FILE, line, f"event needs a date (YYYY, YYYY-MM, YYYY-MM-DD or "
                                    f"a range A/B) and a label; got date '{date}'"))
            continue
        found = [(path, number) for path, paragraphs in state.paragraphs.items()
                 for number, text in paragraphs.items() if quote and quote in text]
        if len(found) != 1:
            problems.append(Problem(TIMELINE_FILE, line, f"the quote \"{quote[:60]}\" must occur in exactly "
                                    f"one paragraph of the article (found in {len(found)})"))
            continue
        path, number = found[0]
        href = resolver.href_to(page, path, f"p{number}") if page is not None and path in resolver.pages else ""
        events.append({"datetime": date.split("/")[0], "display": display, "label": label,
                       "note": item.get("note"), "href": href, "where": f"¶\u00a0{number}",
                       "sort": date})
    events.sort(key=lambda event: event["sort"])
    return events, problems


def _display_date(date: str) -> str | None:
    parts = date.split("/")
    shown = []
    for part in parts:
        match = _DATE.fullmatch(part)
        if match is None:
            return None
        year, month, day = match.groups()
        text = year
        if month:
            text = f"{calendar.month_name[int(month)]} {year}"
        if day:
            text = f"{int(day)} {text}"
        shown.append(text)
    return "–".join(shown) if len(parts) <= 2 else None
