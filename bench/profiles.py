"""Where the time goes: cProfile of whole builds, compared two ways, and Lighthouse's
own diagnostics. Each function returns {title: text or list of lines} for report.py.

Cumulative times of nested functions include their callees, so a slow leaf shows up
again in every caller above it; read the tables from the bottom of a call chain.
"""

from __future__ import annotations

from pathlib import Path

from bench.builds import function_times, profile_build, top_cumulative, wrapper_frame

OURS = ("/edition/", "/hooks/")


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    lines = ["  ".join(str(cell).rjust(width) if i else str(cell).ljust(width)
                       for i, (cell, width) in enumerate(zip(row, widths))) for row in [header, *rows]]
    return "\n".join(lines)


def edition_profiles(hooks_project: Path, plain_project: Path, scratch: Path) -> dict:
    """The edition built with and without hooks: top-20, our code, and the difference."""
    with_hooks = profile_build(hooks_project, scratch / "site-profile-hooks", scratch / "hooks.prof")
    without = profile_build(plain_project, scratch / "site-profile-nohooks", scratch / "nohooks.prof")
    a, b = function_times(with_hooks), function_times(without)
    rows = sorted(((a[name] - b.get(name, 0.0), name) for name in a if not wrapper_frame(name)), reverse=True)
    table = _table(("function", "with hooks, s", "without, s", "difference, s"),
                   [(name, f"{a[name]:.3f}", f"{b.get(name, 0.0):.3f}", f"{diff:+.3f}") for diff, name in rows[:25]])
    return {
        "Edition build with hooks: top-20 by cumulative time (cProfile)": top_cumulative(with_hooks),
        "Edition build with hooks, our code only (edition/, hooks/): top-20 by cumulative time":
            top_cumulative(with_hooks, only=OURS),
        "Where the hook overhead goes: cumulative time with hooks minus without, top 25 (one profiled "
        "build each; includes MkDocs and Material doing more work on bigger pages)": table,
    }


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
