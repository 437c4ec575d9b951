"""The whole-build checks of the late pass: pure functions from the build's state (and
the rendered pages' links) to Problems. What only the whole build can show: a citation
number with no entry, a reference never cited, the reference list's marker, targets never
mentioned, notes not placed, timeline quotes not found, unknown keys in the apparatus."""

from __future__ import annotations

from edition.apparatus.links import REFERENCES_MARKER, Links
from edition.apparatus.state import BuildState
from edition.core.emendations import bib_emendations
from edition.core.problems import Problem
from edition.core.project import (
    ARTICLE_REFERENCES_MARKER,
    CANDIDATES_FILE,
    EMENDATIONS_MARKER,
    GLOSSARY_MARKER,
    NOTES_FILE,
    NOTES_MARKER,
    REFERENCES_BIB,
    REJECTED_MARKER,
    TIMELINE_FILE,
    TIMELINE_MARKER,
)
from edition.inputs.editorial import check_editorial_citations, merge_unknown_keys
from edition.inputs.sources import TimelineEvent


def build_problems(state: BuildState, links: Links) -> tuple[list[Problem], dict[int, str]]:
    """Every problem of the build, in file and line order, and the problem shown on each
    citation that cannot be resolved (by mention id)."""
    problems, unresolved = citation_problems(state)
    problems += references_marker_problems(links)
    problems += annotation_problems(state)
    problems += listing_problems(state)
    return sorted(set(merge_unknown_keys(state.problems + problems))), unresolved


def citation_problems(state: BuildState) -> tuple[list[Problem], dict[int, str]]:
    """Citations of numbers without an entry, and references never cited."""
    problems: list[Problem] = []
    unresolved: dict[int, str] = {}
    bibliography = state.bibliography
    for mention in state.records.index.citations:
        for number in mention.cites.numbers:
            if number in bibliography.held:
                unresolved.setdefault(mention.id, f"reference {number}: {bibliography.held[number]}")
            elif not bibliography.accounts_for(number):
                problem = Problem(
                    state.records.pages[mention.page].display, mention.line,
                    f"citation {mention.cites.text} has no entry in {REFERENCES_BIB} "
                    f"(entries are {bibliography.numbers_label}) — check the number against "
                    "the printed reference list, or add the entry with that shorthand")
                problems.append(problem)
                unresolved[mention.id] = str(problem)
            elif number not in bibliography.by_number:
                unresolved.setdefault(mention.id, f"reference {number}: an entry of {REFERENCES_BIB} "
                                      "has no valid shorthand; see the problems listed for it")
    # A citation with a wrong number leaves its reference uncited: one mistake, one message.
    if unresolved or state.records.index.malformed > 0:
        return problems, unresolved
    for number, reference in sorted(bibliography.by_number.items()):
        if not state.records.index.citing(number):
            problems.append(Problem(
                REFERENCES_BIB, reference.line,
                f"reference {number} ('{reference.key}') is never cited in the text — "
                f"cite it as [{number}] where the article does, or remove the entry"))
    return problems, unresolved


def references_marker_problems(links: Links) -> list[Problem]:
    if len(links.holders) == 1:
        return []
    where = ", ".join(links.holders) or "no page"
    return [Problem("docs", 1, f"the marker {REFERENCES_MARKER} must stand on exactly one page "
                    f"(found on {where}) — it is where the reference list is rendered")]


def listing_problems(state: BuildState) -> list[Problem]:
    """A source with entries whose list no page shows: its marker was left out or deleted,
    and the build would drop the list without a word. Each is reported at the source's
    first entry; the article's References marker, which may stand on any page of the
    article, at the record's page (``references_marker_missing``)."""
    shown = {marker for page in state.records.pages.values()
             for marker in (TIMELINE_MARKER, NOTES_MARKER, REJECTED_MARKER, EMENDATIONS_MARKER, GLOSSARY_MARKER)
             if marker in page.markdown}
    sources = state.inputs.sources
    problems = []
    if state.references_marker_missing is not None and not any(
            page.article and ARTICLE_REFERENCES_MARKER in page.markdown for page in state.records.pages.values()):
        problems.append(state.references_marker_missing)
    if sources.timeline and TIMELINE_MARKER not in shown:
        problems.append(Problem(TIMELINE_FILE, sources.timeline[0].line,
                                f"the timeline's {len(sources.timeline)} event(s) are shown on no page: no page "
                                f"holds {TIMELINE_MARKER} — put it where the timeline should stand (the Timeline "
                                "page)"))
    if sources.notes and NOTES_MARKER not in shown:
        problems.append(Problem(NOTES_FILE, sources.notes[0].line,
                                f"the {len(sources.notes)} editorial note(s) are listed on no page: no page holds "
                                f"{NOTES_MARKER} — put it on the page that lists the notes"))
    if sources.candidates and REJECTED_MARKER not in shown:
        problems.append(Problem(CANDIDATES_FILE, sources.candidates[0].line,
                                f"the {len(sources.candidates)} emendation candidate(s) are listed on no page: no "
                                f"page holds {REJECTED_MARKER} — put it on the Emendations page, after "
                                f"{EMENDATIONS_MARKER}"))
    emendations = [(e.source, e.line) for e in state.records.emendations] + [
        (e.source, e.line) for number, reference in sorted(state.bibliography.by_number.items())
        for e in bib_emendations(reference.entry, number, REFERENCES_BIB, reference.line)]
    if emendations and EMENDATIONS_MARKER not in shown:
        source, line = min(emendations)
        problems.append(Problem(source, line,
                                f"the edition's {len(emendations)} emendation(s) are listed on no page: no page "
                                f"holds {EMENDATIONS_MARKER} — put it on the Emendations page: every change to "
                                "the source's wording must be listed there"))
    if sources.glossary and GLOSSARY_MARKER not in shown:
        first = sources.glossary[0]
        problems.append(Problem(first.display, first.line,
                                f"the glossary's {len(sources.glossary)} page(s) are listed on no index: no page "
                                f"holds {GLOSSARY_MARKER} — put it on the glossary's index page"))
    return problems


def annotation_problems(state: BuildState) -> list[Problem]:
    """Problems only the whole build can show: unmentioned targets, unplaced notes, a
    timeline event not found in the text, an unknown reference key on a glossary page."""
    problems = []
    article = bool(state.inputs.sources.article_pages)  # without one, nothing can be found in it (reported once)
    for target in state.targets.targets.values():
        if article and not state.records.index.of_target(target.id):
            problems.append(Problem(target.source, target.line,
                                    f"'{target.label}' is never mentioned in the article — check its "
                                    "aliases against the text (exact, case-sensitive) or remove it"))
        for key in target.references:
            if not state.bibliography.has_key(key):
                problems.append(Problem(target.source, target.line,
                                        f"glossary references: '{key}' is not a key in {REFERENCES_BIB}"))
    for note in state.inputs.sources.notes:
        if note.id not in state.records.placed_notes:
            problems.append(Problem(NOTES_FILE, note.after_line or note.line,
                                    f"note '{note.id}': no paragraph starts with \"{note.after[:60]}\" — "
                                    "copy the first words of the paragraph exactly"))
    problems += placed_events(state)[1] if article else []
    candidates = (state.inputs.root / CANDIDATES_FILE).read_text(encoding="utf-8", errors="replace") \
        if state.inputs.sources.candidates else ""
    for candidate in state.inputs.sources.candidates:
        problems += check_editorial_citations(candidate.reason, state.inputs.editorial_keys, CANDIDATES_FILE,
                                              candidate.line, candidates)
    for emendation in state.records.emendations:
        problems += check_editorial_citations(emendation.note, state.inputs.editorial_keys,
                                              emendation.source, emendation.line)
    return problems


def placed_events(state: BuildState) -> tuple[list[tuple[TimelineEvent, str, int]], list[Problem]]:
    """Each timeline event with the page and number of the one paragraph holding its quote."""
    placed, problems = [], []
    for event in state.inputs.sources.timeline:
        found = [(path, number) for path, paragraphs in state.records.paragraphs.items()
                 for number, text in paragraphs.items() if event.quote in text]
        if len(found) != 1:
            problems.append(Problem(TIMELINE_FILE, event.line, f"the quote \"{event.quote[:60]}\" must occur in "
                                    f"exactly one paragraph of the article (found in {len(found)})"))
            continue
        placed.append((event, *found[0]))
    return placed, problems
