"""The targets of issue 7 and whether this run meets them.

A timing target counts as met only if both summaries agree: the median of the
per-run ratios and the ratio of the medians (with n = 5 and a loaded machine they can
differ, and the benchmark should not pick the kinder one). Verdicts use CPU time;
the wall-clock verdict is given beside it.
"""

from __future__ import annotations

from bench import figures
from bench.stats import Summary

SCORES = ("performance", "accessibility", "best-practices", "seo")


def targets(results: dict) -> list[dict]:
    return _overhead(results["overhead"]) + _scale(results["scale"]) + _lighthouse(results)


def _overhead(data: dict) -> list[dict]:
    goal = figures.TARGET_OVERHEAD
    shown, met = [], {}
    for clock in ("cpu", "wall"):
        runs = Summary.of(figures.overhead_ratios(data["hooks"][clock], data["no hooks"][clock]))
        medians = figures.overhead_of_medians(data["hooks"][clock], data["no hooks"][clock])
        shown.append(f"{clock.upper() if clock == 'cpu' else clock}: per run {runs.show('%', 1)}, "
                     f"of the medians {medians:.1f}%")
        met[clock] = runs.median <= goal and medians <= goal
    return [{"target": f"hook overhead ≤ {goal:.0f} % of the build with hooks", "measured": "; ".join(shown),
             "met": met["cpu"], "met wall": met["wall"]}]


def _scale(data: dict) -> list[dict]:
    sizes, goal = data["sizes"], figures.TARGET_SCALE
    if len(sizes) < 2:
        return [{"target": f"per-article cost at the largest size ≤ {goal}× that at the smallest",
                 "measured": "needs two sizes or more", "met": None}]
    shown, met = [], {}
    for clock in ("cpu", "wall"):
        samples = {k: v[clock] for k, v in data["samples"]["hooks"].items()}
        runs = Summary.of(figures.scale_ratios(sizes, samples)["(time − fixed)/k"])
        medians = figures.scale_of_medians(sizes, samples)
        shown.append(f"{clock.upper() if clock == 'cpu' else clock}: per run {runs.show('×')}, "
                     f"of the medians {medians:.2f}×")
        met[clock] = runs.median <= goal and medians <= goal
    return [{"target": f"per-article cost ((time − fixed)/k) at {sizes[-1]} articles ≤ {goal}× that at "
             f"{sizes[0]}", "measured": "; ".join(shown), "met": met["cpu"], "met wall": met["wall"]}]


def _lighthouse(results: dict) -> list[dict]:
    rows = []
    lh = results.get("lighthouse")
    for page in ("title", "article", "references"):
        reports = lh["reports"][page] if lh else []
        scores = {c: Summary.of([r["scores"][c] for r in reports]) for c in SCORES} if reports else {}
        rows.append({"target": f"{page} page: Lighthouse performance ≥ {figures.TARGET_PERFORMANCE}",
                     "measured": scores["performance"].show("", 0) if scores else "not run",
                     "met": scores["performance"].median >= figures.TARGET_PERFORMANCE if scores else None})
        rows.append({"target": f"{page} page: accessibility, best practices, SEO = 100",
                     "measured": "; ".join(f"{c} {scores[c].show('', 0)}" for c in SCORES[1:]) if scores
                     else "not run",
                     "met": all(scores[c].median >= figures.TARGET_OTHER_SCORES for c in SCORES[1:])
                     if scores else None})
    limit = figures.TARGET_ARTICLE_BYTES
    label = f"article page ≤ {limit // 1000} KB transferred"
    weights = [r["total_bytes"] for r in lh["reports"]["article"]] if lh else []
    if weights:
        weight = Summary.of(weights)
        rows.append({"target": f"{label} (Lighthouse total-byte-weight: everything the page loads)",
                     "measured": f"{weight.median:,.0f} B ({weight.low:,.0f}–{weight.high:,.0f}, n={weight.n})",
                     "met": weight.median <= limit})
    else:
        rows.append({"target": f"{label} (Lighthouse total-byte-weight)", "measured": "not run", "met": None})
    article = results["reader"]["pages"]["article"]
    own = sum(article[k]["gzip"] for k in ("html", "css", "js"))
    rows.append({"target": f"{label} (own sum of HTML + CSS + JS, gzip)",
                 "measured": f"{own:,} B (one build: sizes do not vary)", "met": own <= limit})
    return rows
