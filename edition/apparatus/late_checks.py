"""The whole-build checks of the late pass: pure functions from the build's state (and
the rendered pages' links) to Problems. What only the whole build can show: a citation
number with no entry, a reference never cited, the reference list's marker, targets never
mentioned, notes not placed, timeline quotes not found, unknown keys in the apparatus."""

from __future__ import annotations

from edition.apparatus.links import REFERENCES_MARKER, Links
from edition.apparatus.state import BuildState
from edition.core.problems import Problem
from edition.core.project import CANDIDATES_FILE, NOTES_FILE, REFERENCES_BIB, TIMELINE_FILE
from edition.inputs.editorial import check_editorial_citations, merge_unknown_keys
from edition.inputs.sources import TimelineEvent


def build_problems(state: BuildState, links: Links) -> tuple[list[Problem], dict[int, str]]:
    """Every problem of the build, in file and line order, and the problem shown on each
    citation that cannot be resolved (by mention id)."""
    problems, unresolved = citation_problems(state)
    problems += references_marker_problems(links)
    problems += annotation_problems(state)
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
