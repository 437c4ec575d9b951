"""Where the time goes: cProfile of whole builds, compared two ways, and Lighthouse's
own diagnostics. Each function returns {title: text or list of lines} for report.py.

Cumulative times of nested functions include their callees, so a slow leaf shows up
again in every caller above it; read the tables from the bottom of a call chain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from bench.builds import function_times, profile_build, profile_rebuild, top_cumulative, wrapper_frame

OURS = ("/edition/", "/hooks/")
PROFILED_RUNS = 3
_HOOK_EVENT = re.compile(r"^hooks/edition_hooks\.py:[0-9]+\((on_[a-z_]+)\)$")
_EXTENSION_RUN = re.compile(r"^edition/(?:[a-z_]+/)*[a-z_]+\.py:[0-9]+\(run\)$")


def phases(with_hooks: dict[str, float], without: dict[str, float]) -> dict:
    """The hook overhead of one profiled build pair, split: each hook event's cumulative
    time; the edition's Markdown processors (run by Markdown inside MkDocs' page render,
    outside any event); and the rest of the difference, which is MkDocs, Markdown,
    Jinja and Material doing more work on the pages the hooks made bigger."""
    total = _build_total(with_hooks) - _build_total(without)
    events = {match[1]: seconds for name, seconds in with_hooks.items()
              if (match := _HOOK_EVENT.match(name))}
    extension = sum(seconds for name, seconds in with_hooks.items() if _EXTENSION_RUN.match(name))
    return {"build with hooks": _build_total(with_hooks), "build without": _build_total(without),
            "difference": total, "events": dict(sorted(events.items(), key=lambda e: -e[1])),
            "markdown extension": extension, "rest": total - sum(events.values()) - extension}


def phase_table(split: dict) -> str:
    rows = [(f"hook event {name}", seconds) for name, seconds in split["events"].items() if seconds >= 0.0005]
    rows += [("the edition's Markdown processors (page render)", split["markdown extension"]),
             ("MkDocs, Markdown, Jinja, Material: more work on bigger pages (the rest)", split["rest"])]
    body = [(name, f"{seconds:.3f}", f"{100 * seconds / split['difference']:.0f}%") for name, seconds in rows]
    body.append(("difference: with hooks − without", f"{split['difference']:.3f}", "100%"))
    return _table(("part of the overhead", "seconds", "share"), body)


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(str(cell).rjust(width) if i else str(cell).ljust(width)
                       for i, (cell, width) in enumerate(zip(row, widths, strict=True))) for row in [header, *rows]]
    return "\n".join(lines)


def edition_profiles(hooks_project: Path, plain_project: Path, scratch: Path,
                     runs: int = PROFILED_RUNS) -> tuple[dict, dict]:
    """The edition built with and without hooks: the overhead by part, top-20, our code,
    and the difference. Also returns the split, for the report."""
    with_hooks, without = _profiled_pair(profile_build, hooks_project, plain_project, scratch, "profile", runs)
    a, b = least_times(with_hooks), least_times(without)
    rows = sorted(((a[name] - b.get(name, 0.0), name) for name in a if not wrapper_frame(name)), reverse=True)
    table = _table(("function", "with hooks, s", "without, s", "difference, s"),
                   [(name, f"{a[name]:.3f}", f"{b.get(name, 0.0):.3f}", f"{diff:+.3f}") for diff, name in rows[:25]])
    split = phases(a, b)
    return {
        f"Hook overhead by part (least of {runs} profiled builds each way, per function; cProfile "
        "inflates times, the shares are what counts)": phase_table(split),
        "Edition build with hooks: top-20 by cumulative time (cProfile)": top_cumulative(with_hooks[0]),
        "Edition build with hooks, our code only (edition/, hooks/): top-20 by cumulative time":
            top_cumulative(with_hooks[0], only=OURS),
        f"Where the hook overhead goes: cumulative time with hooks minus without, top 25 (least of "
        f"{runs} profiled builds each way; includes MkDocs and Material doing more work on bigger "
        "pages)": table,
    }, split


def _profiled_pair(profile: Callable[[Path, Path, Path], Path], hooks_project: Path, plain_project: Path,
                   scratch: Path, name: str, runs: int) -> tuple[list[Path], list[Path]]:
    """`runs` profiles (`profile(project, site, out)`) of each project: with hooks, without."""
    with_hooks, without = ([profile(project, scratch / f"site-{name}-{side}", scratch / f"{name}-{side}-{i}.prof")
                            for i in range(runs)]
                           for side, project in (("hooks", hooks_project), ("nohooks", plain_project)))
    return with_hooks, without


def least_times(stats_files: list[Path]) -> dict[str, float]:
    """Per function, the least cumulative time over several profiled runs: load from other
    processes only ever adds time, so the least is the steadiest estimate."""
    runs = [function_times(stats_file) for stats_file in stats_files]
    return {name: min(run.get(name, seconds) for run in runs) for name, seconds in runs[0].items()}


def rebuild_profiles(hooks_project: Path, plain_project: Path, scratch: Path,
                     runs: int = PROFILED_RUNS) -> tuple[dict, dict]:
    """A rebuild as `mkdocs serve` makes it on a save, with and without hooks: the
    overhead by part and our code's top-20. Also returns the split, for the report."""
    with_hooks, without = _profiled_pair(profile_rebuild, hooks_project, plain_project, scratch, "rebuild", runs)
    split = phases(least_times(with_hooks), least_times(without))
    return {
        "Rebuild under `mkdocs serve` (a save of docs/article.md; bench/rebuild.py): hook overhead by part "
        f"(least of {runs} profiled rebuilds each way, per function)": phase_table(split),
        "Rebuild under `mkdocs serve`, our code only: top-20 by cumulative time":
            top_cumulative(with_hooks[0], only=OURS),
    }, split


def scale_profiles(small_project: Path, large_project: Path, small: int, large: int, scratch: Path) -> dict:
    """Corpora of `small` and `large` articles: top-20 at `large`, and the cost per added
    article. Shares of the whole build are compared rather than seconds, because the two
    profiled builds may meet different loads: a function whose share grows with the
    corpus scales worse than the build as a whole."""
    stats = {size: profile_build(project, scratch / f"site-profile-{size}", scratch / f"corpus-{size}.prof")
             for size, project in ((small, small_project), (large, large_project))}
    a, b = function_times(stats[small]), function_times(stats[large])
    total_a, total_b = _build_total(a), _build_total(b)
    rows = []
    for name, seconds in b.items():
        if wrapper_frame(name):
            continue
        before = a.get(name, 0.0)
        rows.append(((seconds - before) / (large - small), name, before, seconds))
    rows.sort(reverse=True)
    table = _table(("function", f"at {small}, s", "share", f"at {large}, s", "share", "per added article, ms"),
                   [(name, f"{s_small:.2f}", f"{100 * s_small / total_a:.1f}%", f"{s_large:.2f}",
                     f"{100 * s_large / total_b:.1f}%", f"{per * 1000:.1f}")
                    for per, name, s_small, s_large in rows[:25]])
    return {
        f"Corpus of {large} articles with hooks: top-20 by cumulative time (cProfile)": top_cumulative(stats[large]),
        f"Corpus of {large} articles, our code only: top-20 by cumulative time":
            top_cumulative(stats[large], only=OURS),
        f"Cost per added article, corpora of {small} and {large} articles with hooks (cumulative time and its "
        "share of MkDocs' build(); a share that grows with the corpus means worse than linear)": table,
    }


def _build_total(times: dict[str, float]) -> float:
    return next((seconds for name, seconds in times.items() if name.endswith("build.py:249(build)")
                 or (name.startswith("mkdocs/commands/build.py") and name.endswith("(build)"))),
                max(times.values()))


def lighthouse_diagnostics(lighthouse: dict) -> dict:
    """Per page, from the run with the median performance score: failing audits,
    opportunities, and where the main thread spent its time."""
    out: dict = {}
    for page, reports in lighthouse["reports"].items():
        if not reports:
            continue
        run = sorted(reports, key=lambda r: r["scores"]["performance"])[len(reports) // 2]
        out[f"Lighthouse, {page} page (the run with the median performance score)"] = (
            [f"failing: {item}" for item in run["failing"]]
            + [f"opportunity: {item}" for item in run["opportunities"]]
            + [f"diagnostic: {item}" for item in run.get("diagnostics", [])])
    return out
