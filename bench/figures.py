"""Derived figures: the ratios and per-article costs the targets are judged on.

Ratios are taken per interleaved run (run r of the build with hooks against run r
of the build without, made seconds apart) and then summarised, so that a burst of
load from another process affects both sides of a ratio alike.
"""

from __future__ import annotations

from bench.stats import Summary

TARGET_HOOK_RATIO = 1.15        # CPU time of the build with hooks / without hooks (cold, and warm cache)
TARGET_MARGINAL_GROWTH = 1.2    # CPU per added article, largest step of the corpus sizes / first step
TARGET_PER_ARTICLE = 3.0        # CPU per article (time − fixed)/k, with hooks / without, at 100 and 1000
TARGET_LARGE_RATIO = 3.0        # the whole build with hooks / without, at LARGE_SIZE articles
TARGET_OUTPUT_RATIO = 1.5       # bytes per article at LARGE_SIZE, exports left out, with hooks / without
LARGE_SIZE = 1000
TARGET_EDIT_RATIO = 1.15        # a rebuild under `mkdocs serve`, with hooks / without hooks
TARGET_PAGE_GROWTH = 1.1        # article 1's page bytes at the largest size / at the smallest
TARGET_LINEAR = 1.1             # HTML bytes per added article, largest step / first step
TARGET_SCALE_RATIO = 2.0        # with hooks / without hooks at SCALE_RATIO_SIZE articles
SCALE_RATIO_SIZE = 100
SINGLE_RUN_FROM = 1000          # corpus sizes from here on are built once (each side)
WARM = "hooks, warm cache"      # the overhead's builds with the edition's disk cache filled
TARGET_PERFORMANCE = 98
TARGET_OTHER_SCORES = 100
TARGET_ARTICLE_BYTES = 110_000  # 110 KB, transferred (Lighthouse total-byte-weight)


def overhead_ratios(hooks: list[float], without: list[float]) -> list[float]:
    """Hook overhead per run, as % of the build with hooks."""
    return [100.0 * (h - w) / h for h, w in zip(hooks, without, strict=True)]


def cost_ratios(hooks: list[float], without: list[float]) -> list[float]:
    """With hooks over without, per interleaved run."""
    return [h / w for h, w in zip(hooks, without, strict=True)]


def ratio_of_medians(hooks: list[float], without: list[float]) -> float:
    return Summary.of(hooks).median / Summary.of(without).median


def repeated_sizes(sizes: list[int]) -> list[int]:
    """The corpus sizes built as many times as the other figures (the rest once)."""
    return [size for size in sizes if size < SINGLE_RUN_FROM]


def marginal_bytes(output: dict[int, int]) -> dict[str, float] | None:
    """HTML bytes per added article over the first step and over the largest step of the
    corpus sizes, and their ratio: 1.0 for output that grows linearly with the corpus."""
    sizes = sorted(output)
    if len(sizes) < 3:
        return None
    a, b, y, z = sizes[0], sizes[1], sizes[-2], sizes[-1]
    first = (output[b] - output[a]) / (b - a)
    last = (output[z] - output[y]) / (z - y)
    return {"first step": first, "largest step": last, "ratio": last / first}


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
    out = {name: [hi / lo for hi, lo in zip(values[large], values[small], strict=True)]
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
