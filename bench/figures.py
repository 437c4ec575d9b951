"""Derived figures: the ratios and per-article costs the targets are judged on.

Ratios are taken per interleaved run (run r of the build with hooks against run r
of the build without, made seconds apart) and then summarised, so that a burst of
load from another process affects both sides of a ratio alike.
"""

from __future__ import annotations

from bench.stats import Summary

TARGET_OVERHEAD = 25.0          # % of the build with hooks
TARGET_SCALE = 1.3              # per-article cost at the largest size / at the smallest
TARGET_PERFORMANCE = 98
TARGET_OTHER_SCORES = 100
TARGET_ARTICLE_BYTES = 100_000  # 100 KB, transferred (gzip)


def overhead_ratios(hooks: list[float], without: list[float]) -> list[float]:
    """Hook overhead per run, as % of the build with hooks."""
    return [100.0 * (h - w) / h for h, w in zip(hooks, without)]


def fixed_part(sizes: list[int], times: dict[int, float]) -> float | None:
    """The build time of everything but the articles, extrapolated to 0 articles from
    the two smallest sizes (it cannot be built alone with hooks: their checks need every
    reference cited, every glossary term mentioned, every timeline quote found, every
    editorial note placed)."""
    if len(sizes) < 2:
        return None
    a, b = sorted(sizes)[:2]
    slope = (times[b] - times[a]) / (b - a)
    return times[a] - a * slope


def per_article(sizes: list[int], samples: dict[int, list[float]]) -> dict[str, dict[int, list[float]]]:
    """Per run: time/k, and (time − fixed part)/k with the fixed part of that run."""
    runs = min(len(samples[size]) for size in sizes)
    simple = {size: [samples[size][r] / size for r in range(runs)] for size in sizes}
    marginal: dict[int, list[float]] = {size: [] for size in sizes}
    for run in range(runs):
        times = {size: samples[size][run] for size in sizes}
        fixed = fixed_part(sizes, times)
        if fixed is None:
            continue
        for size in sizes:
            marginal[size].append((times[size] - fixed) / size)
    return {"time/k": simple, "(time − fixed)/k": marginal if any(marginal.values()) else {}}


def scale_ratios(sizes: list[int], samples: dict[int, list[float]]) -> dict[str, list[float]]:
    """Per run: per-article cost at the largest size over that at the smallest, both ways,
    and the marginal slope between the two largest sizes over that between the two smallest."""
    if len(sizes) < 2:
        return {}
    ordered = sorted(sizes)
    small, large = ordered[0], ordered[-1]
    costs = per_article(sizes, samples)
    out = {name: [hi / lo for hi, lo in zip(values[large], values[small])]
           for name, values in costs.items() if values}
    if len(ordered) >= 3:
        a, b, c = ordered[0], ordered[1], ordered[-1]
        runs = min(len(samples[size]) for size in sizes)
        out["marginal slope, largest step / first step"] = [
            ((samples[c][r] - samples[ordered[-2]][r]) / (c - ordered[-2]))
            / ((samples[b][r] - samples[a][r]) / (b - a)) for r in range(runs)]
    return out


def overhead_of_medians(hooks: list[float], without: list[float]) -> float:
    """Hook overhead from the two medians, as % of the median build with hooks."""
    return overhead_ratios([Summary.of(hooks).median], [Summary.of(without).median])[0]


def scale_of_medians(sizes: list[int], samples: dict[int, list[float]]) -> float | None:
    """The (time − fixed)/k ratio, largest over smallest size, from the medians."""
    medians = {size: [Summary.of(values).median] for size, values in samples.items()}
    ratios = scale_ratios(sizes, medians).get("(time − fixed)/k")
    return ratios[0] if ratios else None


def verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "**missed**")


def summary_or_none(samples: list[float]) -> Summary | None:
    return Summary.of(samples) if samples else None
