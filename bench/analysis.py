"""For each missed target of this run: why it is missed (from this run's figures and
profiles) and the design change that would meet it.

The why is computed; the design change is the team's engineering judgement, written
here once and printed only while its target is missed.
"""

from __future__ import annotations

from bench import figures
from bench.stats import Summary

DESIGN = {
    "hook cost": (
        "The overhead is spread over loading and checking every input, the exports and the pages the "
        "apparatus enlarges, so no single cut meets 1.15×. Two changes together would: (1) a content-keyed "
        "cache on disk (e.g. `.cache/edition/`, keyed on the bytes of bib/, data/, docs/ and the edition "
        "code's version) holding the validated records, formatted references and the export files, so a "
        "build whose inputs did not change loads them instead of parsing, validating, formatting and "
        "serialising again; (2) the downloads (BibTeX, RIS, CSL-JSON, TEI, JATS) written by their own "
        "command in CI and the Pages job instead of by every `mkdocs build`. What is left is MkDocs and "
        "Material working on pages that carry the apparatus (previews, notes, ¶ anchors), which only less "
        "markup per page would reduce."),
    "edit loop": (
        "A save rebuilds the whole site (MkDocs has no incremental build), and the hooks redo every page's "
        "apparatus and the exports on each rebuild. Meeting 1.15× needs the hooks to redo only what the "
        "saved file feeds: keep each page's resolved markup and each export in memory keyed on its inputs, "
        "and under `mkdocs serve` write the TEI and JATS exports only when they are requested or when the "
        "editor asks for them (they are downloads, not pages)."),
    "scale": (
        "Per added article the hooks cost several times what MkDocs alone costs, because every article "
        "brings 19 references to check and format, its apparatus markup for Markdown, Jinja and "
        "Material's search to parse (the largest single share, though search no longer reads the hidden "
        "previews and print-only parts), and its share of the corpus-wide exports (TEI, JATS, BibTeX, "
        "RIS, CSL-JSON, the Cite & export page) and indexes. The design change: per-article work kept "
        "between builds keyed on the article's own bytes (a disk cache as for the hook cost), and the "
        "corpus-wide exports written once by a separate command rather than by every site build."),
    "linear": (
        "Some page lists the whole corpus on every page. The usual cause is the sidebar: an edition of many "
        "articles lists them on a contents page and keeps them out of the navigation (`not_in_nav`), "
        "as the benchmark's corpus does."),
    "page growth": (
        "Some part of an article page is corpus-wide rather than the article's own (head metadata, "
        "previews): it has to be limited to what the page cites."),
    "performance": (
        "The bytes are no longer the problem (the page is under its weight target and loads no search "
        "index); the score is lost to Total Blocking Time: Material's bundle starting up forces the first "
        "style and layout pass over the whole article, every paragraph with its apparatus, on a CPU "
        "slowed fourfold. The change that would meet it is less of the page to style and lay out at "
        "load: `content-visibility: auto` on the article's sections, so the browser skips the text "
        "below the fold until it is scrolled to. That clips whatever overflows a section, so it needs "
        "the side notes set in a grid column of their section instead of floated out of the paragraph "
        "into the margin, and the jump targets (¶ links, backlinks) checked again. Material's "
        "`navigation.prune` was tried: it removes about 80 of the page's 1,300 elements, too few to "
        "matter."),
    "weight": (
        "What is left is the page's own HTML and Material's bundle and stylesheet (see the request list "
        "under Reader side); the next cut is the article HTML: its head carries each reference twice "
        "(citation_reference tags and the JSON-LD), which reference managers read."),
}


def _key(target: str) -> str:
    for prefix, key in (("hook cost", "hook cost"), ("edit loop", "edit loop"), ("total HTML", "linear"),
                        ("article 1's page", "page growth"), ("at ", "scale"),
                        ("article page ≤", "weight")):
        if target.startswith(prefix):
            return key
    return "performance" if "performance" in target else ""


def _split_line(split: dict, what: str) -> str:
    events = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in split["events"].items() if seconds >= 0.005)
    return (f"In the profiled {what} (cProfile: inflated times, read the shares) the hooks add "
            f"{split['difference']:.2f} s: their events {sum(split['events'].values()):.2f} s ({events}); "
            f"the edition's Markdown processors {split['markdown extension']:.2f} s; MkDocs, Markdown, Jinja "
            f"and Material doing more on the bigger pages {split['rest']:.2f} s.")


def _why(key: str, results: dict, row: dict) -> str:
    phases = results.get("phases", {})
    if key == "hook cost":
        data = results["overhead"]
        hooks, without = Summary.of(data["hooks"]["cpu"]).median, Summary.of(data["no hooks"]["cpu"]).median
        budget = (figures.TARGET_HOOK_RATIO - 1) * without
        line = (f"The target allows the hooks {budget:.2f} s of CPU over the {without:.2f} s of the build "
                f"without them; they take {hooks - without:.2f} s.")
        return line + (" " + _split_line(phases["build"], "build pair") if "build" in phases else "")
    if key == "edit loop":
        data = results["edit loop"]
        hooks, without = Summary.of(data["hooks"]["cpu"]).median, Summary.of(data["no hooks"]["cpu"]).median
        line = (f"A save costs {hooks:.2f} s of CPU with hooks against {without:.2f} s without; the target "
                f"allows {figures.TARGET_EDIT_RATIO * without:.2f} s.")
        return line + (" " + _split_line(phases["rebuild"], "rebuild pair") if "rebuild" in phases else "")
    if key == "performance":
        return _lighthouse_why(results, row["target"].split(" page:")[0])
    if key == "scale":
        samples, size = results["scale"]["samples"], figures.SCALE_RATIO_SIZE
        small = min(results["scale"]["sizes"])
        if size not in samples["hooks"] or size == small:
            return ""
        per = {side: (Summary.of(samples[side][size]["cpu"]).median
                      - Summary.of(samples[side][small]["cpu"]).median) / (size - small)
               for side in ("hooks", "no hooks")}
        return (f"Each article added from {small} to {size} costs {1000 * per['hooks']:.0f} ms of CPU with "
                f"hooks and {1000 * per['no hooks']:.0f} ms without; see the per-article profile under "
                "Profiles for where it goes.")
    return ""


def _lighthouse_why(results: dict, page: str) -> str:
    reports = (results.get("lighthouse") or {}).get("reports", {}).get(page) or []
    if not reports:
        return ""
    median = sorted(reports, key=lambda r: r["scores"]["performance"])[len(reports) // 2]
    failing = "; ".join(item.removeprefix("performance: ") for item in median["failing"]
                        if item.startswith("performance: "))
    tasks = [item.removeprefix("long task: ") for item in median.get("diagnostics", [])
             if item.startswith("long task: ")][:2]
    work = next((item.split(": ", 1)[1] for item in median.get("diagnostics", [])
                 if item.startswith("main-thread work")), "")
    return (f"In the run with the median score the metrics below a full score are: {failing}. "
            f"Main-thread work: {work}. Longest tasks: {', '.join(tasks)}.")


def missed(results: dict) -> list[str]:
    rows = [row for row in results["targets"] if row["met"] is False]
    if not rows:
        return []
    lines = ["## Missed targets: why, and what would meet them", ""]
    for row in rows:
        key = _key(row["target"])
        why = _why(key, results, row)
        lines += [f"### {row['target']}", "", f"Measured: {row['measured']}.", ""]
        if why:
            lines += [f"Why: {why}", ""]
        if key in DESIGN:
            lines += [f"Design change that would meet it: {DESIGN[key]}", ""]
    return lines
