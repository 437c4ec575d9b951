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
        "The overhead is spread over importing the edition (about 140 modules), loading and checking every "
        "input, the late pass over every page's apparatus, the exports and the pages the apparatus "
        "enlarges, so no single cut meets 1.15×. The disk cache (`.cache/edition/`) now keeps the checked "
        "entries, formatted references, notes, exports, search views, source alignments, rendered "
        "fragments and compiled templates, and the PDF is found by a key of its inputs without making its "
        "document; see the warm build's row. What is left in a warm build is the import, the late pass "
        "(each page's resolved markup depends on every page's mentions, so it is redone), the Markdown "
        "processors' scan, and MkDocs and Material working on pages that carry the apparatus (previews, "
        "notes, ¶ anchors). Meeting 1.15× would need each page's resolved markup kept by its own HTML and "
        "a digest of the corpus-wide link state, and less markup per page (one preview per reference "
        "rather than per citation)."),
    "edit loop": (
        "A save rebuilds the whole site (MkDocs has no incremental build). The kept values (formatted "
        "references, notes, search views, alignments, rendered fragments) now hit for everything the "
        "save did not change, but the hooks still read and check every input, resolve every page's "
        "mentions and write the TEI and JATS on each rebuild. Meeting 1.15× needs the hooks to redo only "
        "what the saved file feeds: inputs re-read only when their file changed, each page's resolved "
        "markup kept by its inputs, and under `mkdocs serve` the TEI and JATS written only when requested."),
    "scale": (
        "Per added article the hooks cost several times what MkDocs alone costs, because every article "
        "brings 19 references to check and format, its apparatus markup for Markdown, Jinja and "
        "Material's search to parse (the largest single share, though search no longer reads the hidden "
        "previews and print-only parts), and its share of the corpus-wide exports (TEI, JATS, BibTeX, "
        "RIS, CSL-JSON, the Cite & export page) and indexes. These figures are cold builds "
        "(`EDITION_CACHE=off`); the disk cache keeps per-entry and per-page work between builds, but the "
        "late pass and the Markdown scan are redone for every article. The design change: each "
        "article's resolved page kept by its own bytes and the corpus-wide link state, and the "
        "corpus-wide exports written once by a separate command rather than by every site build."),
    "growth": (
        "See the py-spy scale profile below: the shares that grow from 100 to 1000 articles are the late "
        "pass (`render_page`) and the Markdown scan. The cyclic garbage collector's passes over a heap "
        "that grows with the corpus were one cause (one-shot builds now collect less often, as mypy's "
        "do); what remains has not been traced to a single step."),
    "output": (
        "An article page with its apparatus is about 3.5× the plain page (previews of every cited "
        "reference and linked term, side notes and their print-only endnotes, ¶ anchors, the head's "
        "citation metadata), and the glossary, registers and Cite & export page list the corpus. "
        "1.5× would need the previews out of the page (one shared file per reference, fetched on "
        "first hover) and the print-only endnotes left to the PDF."),
    "linear": (
        "Some page lists the whole corpus on every page. The usual cause is the sidebar: an edition of many "
        "articles lists them on a contents page and keeps them out of the navigation (`not_in_nav`), "
        "as the benchmark's corpus does."),
    "page growth": (
        "Some part of an article page is corpus-wide rather than the article's own (head metadata, "
        "previews): it has to be limited to what the page cites."),
    "performance": (
        "Lighthouse's score is lost mostly to First Contentful Paint and Total Blocking Time. The reading "
        "face weighs on both: with its files removed from a copy of the built site the article page "
        "scored 98, 97 and 99 (FCP 1.6 s, CLS 0), because Lighthouse's simulation puts the 8 font files "
        "(about 120 KB on the article page) on the path to the first paint, and their swap relays the "
        "page out (CLS 0.041). Tried: `font-display: optional` (CLS 0, but FCP up to 2.5 s); subsetting "
        "the files to the glyphs the site uses (55% fewer font bytes; 97, 92, 95), not shipped: a subset "
        "made by the edition is a Modified Version under the OFL, which may not keep the Reserved Font "
        "Name 'Source'. Total Blocking Time is Material's bundle starting up (its first style and layout "
        "pass over the whole article on a CPU slowed fourfold), 110–290 ms from run to run. "
        "`content-visibility: auto` per section was tried and made CLS worse (0.112). What would meet "
        "98 in every run: a reading face whose licence allows a subset under its own name, preloaded, "
        "with a size-adjusted local fallback, and less of the page to lay out at load."),
    "weight": (
        "What is left is the page's own HTML, the reading face's files and Material's bundle and "
        "stylesheet (see the request list under Reader side); the next cuts are the font files (see the "
        "performance target) and the article HTML: its head carries each reference twice "
        "(citation_reference tags and the JSON-LD), which reference managers read."),
}


def _key(target: str) -> str:
    for prefix, key in (("hook cost", "hook cost"), ("warm build", "warm"), ("edit loop", "edit loop"),
                        ("total HTML", "linear"), ("linear growth", "growth"),
                        ("article 1's page", "page growth"), ("at ", "scale"),
                        ("article page ≤", "weight")):
        if key == "scale" and target.startswith(prefix) and "output per article" in target:
            return "output"
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
    if key in ("hook cost", "warm"):
        data = results["overhead"]
        side = "hooks" if key == "hook cost" else figures.WARM
        hooks, without = Summary.of(data[side]["cpu"]).median, Summary.of(data["no hooks"]["cpu"]).median
        budget = (figures.TARGET_HOOK_RATIO - 1) * without
        line = (f"The target allows the hooks {budget:.2f} s of CPU over the {without:.2f} s of the build "
                f"without them; they take {hooks - without:.2f} s.")
        if key == "warm":
            return line
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
        design = DESIGN.get("hook cost" if key == "warm" else key)
        if design:
            lines += [f"Design change that would meet it: {design}", ""]
    return lines
