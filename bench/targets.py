"""The targets of issues 13 (lean and fast) and 27 (cost that grows with the corpus), and
whether this run meets them.

A timing target counts as met only if both summaries agree: the median of the
per-run ratios and the ratio of the medians (on a loaded machine they can differ,
and the benchmark should not pick the kinder one). Verdicts use CPU time; the
wall-clock verdict is given beside it. Size targets are judged on one build: the
bytes of a build do not vary from run to run.
"""

from __future__ import annotations

from bench import figures
from bench.stats import Summary

SCORES = ("performance", "accessibility", "best-practices", "seo")


def targets(results: dict) -> list[dict]:
    return (_hook_cost(results["overhead"]) + _edit_loop(results["edit loop"]) + _scale(results["scale"])
            + _lighthouse(results))


def _ratio_row(target: str, hooks: dict[str, list[float]], without: dict[str, list[float]],
               goal: float, clocks: tuple[str, ...] = ("cpu", "wall")) -> dict:
    shown, met = [], {}
    for clock in clocks:
        runs = Summary.of(figures.cost_ratios(hooks[clock], without[clock]))
        medians = figures.ratio_of_medians(hooks[clock], without[clock])
        label = clock.upper() if clock == "cpu" else clock
        shown.append(f"{label}: per run {runs.show('×')}, of the medians {medians:.2f}×")
        met[clock] = runs.median <= goal and medians <= goal
    first, *rest = clocks
    return {"target": target, "measured": "; ".join(shown), "met": met[first],
            **({"met wall": met[rest[0]]} if rest else {})}


def _hook_cost(data: dict) -> list[dict]:
    goal = figures.TARGET_HOOK_RATIO
    rows = [_ratio_row(f"hook cost: build with hooks ≤ {goal}× the build without", data["hooks"],
                       data["no hooks"], goal)]
    if figures.WARM in data:
        rows.append(_ratio_row(f"warm build: with hooks and the disk cache filled by the build before ≤ {goal}× "
                               "the build without", data[figures.WARM], data["no hooks"], goal))
    return rows


def _edit_loop(data: dict) -> list[dict]:
    goal = figures.TARGET_EDIT_RATIO
    hooks = {"cpu": data["hooks"]["cpu"], "wall": data["hooks"]["rebuild"]}
    without = {"cpu": data["no hooks"]["cpu"], "wall": data["no hooks"]["rebuild"]}
    return [_ratio_row(f"edit loop: a rebuild under `mkdocs serve` with hooks ≤ {goal}× without "
                       "(CPU of the serve process; wall: MkDocs' \"built in\")", hooks, without, goal)]


def _scale(data: dict) -> list[dict]:
    sizes = data["sizes"]
    rows = []
    output = {side: {int(name.split("-")[0]): figures_ for name, figures_ in data["output"].items()
                     if name.split("-", 1)[1] == side} for side in ("hooks", "no hooks")}
    size = figures.SCALE_RATIO_SIZE
    pages = output["hooks"]
    small, large = min(pages), (size if size in pages else max(pages))
    growth = pages[large]["article 1 page"] / pages[small]["article 1 page"]
    rows.append({"target": f"article 1's page at {large} articles ≤ {figures.TARGET_PAGE_GROWTH}× its bytes "
                 f"at {small}", "measured": f"{pages[large]['article 1 page']:,} B / "
                 f"{pages[small]['article 1 page']:,} B = {growth:.3f}×",
                 "met": growth <= figures.TARGET_PAGE_GROWTH if large > small else None})
    linear = {side: figures.marginal_bytes({k: v["html"] for k, v in sizes.items()})
              for side, sizes in output.items()}
    shown = "; ".join(f"{side}: {line['largest step']:,.0f} B / {line['first step']:,.0f} B = {line['ratio']:.3f}×"
                      for side, line in linear.items() if line)
    rows.append({"target": f"total HTML grows linearly: bytes per added article, largest step ≤ "
                 f"{figures.TARGET_LINEAR}× first step (without hooks shown for comparison)",
                 "measured": shown or "needs three sizes or more",
                 "met": linear["hooks"]["ratio"] <= figures.TARGET_LINEAR if linear["hooks"] else None})
    goal = figures.TARGET_SCALE_RATIO
    target = f"at {size} articles the build with hooks ≤ {goal}× the build without"
    if size in sizes:
        rows.append(_ratio_row(target, data["samples"]["hooks"][size], data["samples"]["no hooks"][size], goal))
    else:
        rows.append({"target": target, "measured": f"{size} not among the sizes built", "met": None})
    return rows + _corpus_growth(data, output)


def _corpus_growth(data: dict, output: dict[str, dict[int, dict[str, int]]]) -> list[dict]:
    """Issue 27's targets, on the medians of each size's CPU time (the largest sizes are
    built once): the marginal cost of an article, the per-article cost against the build
    without hooks, the whole largest build, and its output per article."""
    medians = {side: {size: Summary.of(runs["cpu"]).median for size, runs in data["samples"][side].items()}
               for side in ("hooks", "no hooks")}
    sizes = sorted(medians["hooks"])
    rows = []
    if len(sizes) < 3:
        return [{"target": "cost per article (needs three corpus sizes or more)", "measured": "not run",
                 "met": None}]
    slope = figures.scale_ratios(sizes, {size: [value] for size, value in medians["hooks"].items()})
    growth = slope["marginal slope, largest step / first step"][0]
    rows.append({"target": f"linear growth: CPU per added article with hooks, step {sizes[-2]}→{sizes[-1]} ≤ "
                 f"{figures.TARGET_MARGINAL_GROWTH}× step {sizes[0]}→{sizes[1]}",
                 "measured": f"{growth:.2f}× (medians)", "met": growth <= figures.TARGET_MARGINAL_GROWTH})
    per_article = {side: figures.per_article(sizes, {size: [value] for size, value in values.items()})
                   ["(time − fixed)/k"] for side, values in medians.items()}
    for size in (s for s in (figures.SCALE_RATIO_SIZE, figures.LARGE_SIZE) if s in sizes):
        hooks, without = per_article["hooks"][size][0], per_article["no hooks"][size][0]
        rows.append({"target": f"at {size} articles, CPU per article (time − fixed)/k with hooks ≤ "
                     f"{figures.TARGET_PER_ARTICLE}× without",
                     "measured": f"{hooks * 1000:.0f} ms / {without * 1000:.0f} ms = {hooks / without:.1f}× (medians)",
                     "met": hooks / without <= figures.TARGET_PER_ARTICLE})
    large = figures.LARGE_SIZE
    if large in sizes:
        ratio = medians["hooks"][large] / medians["no hooks"][large]
        rows.append({"target": f"at {large} articles the whole build with hooks ≤ {figures.TARGET_LARGE_RATIO}× "
                     "without", "measured": f"CPU {medians['hooks'][large]:.1f} s / {medians['no hooks'][large]:.1f} s"
                     f" = {ratio:.2f}× (n={len(data['samples']['hooks'][large]['cpu'])})",
                     "met": ratio <= figures.TARGET_LARGE_RATIO})
        hooks_site, plain_site = output["hooks"][large], output["no hooks"][large]
        own = hooks_site["all files"] - hooks_site.get("exports", 0)
        ratio = own / plain_site["all files"]
        rows.append({"target": f"at {large} articles, output per article with hooks, exports left out, ≤ "
                     f"{figures.TARGET_OUTPUT_RATIO}× without",
                     "measured": f"{own / large / 1000:,.0f} KB / {plain_site['all files'] / large / 1000:,.0f} KB"
                     f" = {ratio:.2f}×",
                     "met": ratio <= figures.TARGET_OUTPUT_RATIO})
    return rows


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
