"""The measurements, one function per section of bench/RESULTS.md. Each returns plain
data (lists of samples, sizes) that report.py summarises; nothing here formats."""

from __future__ import annotations

import gzip
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from bench import corpus, figures, floor, lighthouse, reader, serveloop
from bench.builds import BuildTiming, profile_build, run_build, top_cumulative

CLOCKS = ("wall", "cpu", "reported")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "unknown")
    versions = {name: _version(name) for name in ("mkdocs", "mkdocs-material", "Markdown",
                                                  "pymdown-extensions", "mkdocs-bibtex", "pybtex")}
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "nproc": os.cpu_count(), "usable cores": len(os.sched_getaffinity(0)), "cpu": cpu,
            "memory": memory, "python": platform.python_version(), "versions": versions,
            "chromium": _tool_version([lighthouse.CHROME, "--version"]),
            "node": _tool_version(["node", "--version"]), "load at start": os.getloadavg(),
            "bytecode": "PYTHONDONTWRITEBYTECODE" in os.environ}


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _tool_version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def _record(samples: dict[str, list[float]], timing: BuildTiming) -> None:
    for clock in CLOCKS:
        samples.setdefault(clock, []).append(getattr(timing, clock))


def overhead(scratch: Path, runs: int, warmup: bool) -> tuple[dict, Path]:
    """Interleaved builds of the edition with hooks (without the disk cache, and with it
    filled by the build before), and without hooks. Returns the samples and the site
    built with hooks (for the reader-side figures)."""
    projects = {"hooks": corpus.copy_edition(scratch / "project-hooks"),
                "no hooks": corpus.copy_edition(scratch / "project-nohooks", hooks=False),
                figures.WARM: corpus.copy_edition(scratch / "project-hooks-cached")}
    sites = {name: scratch / f"site-{name.replace(' ', '').replace(',', '-')}" for name in projects}
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in projects}
    # The cached project's first build fills its cache, warm-up or not.
    for name, project in projects.items():
        if warmup or name == figures.WARM:
            run_build(project, sites[name], cache=name == figures.WARM)
    for run in range(runs):
        log(f"hook overhead: run {run + 1}/{runs}")
        for name, project in projects.items():
            _record(samples[name], run_build(project, sites[name], cache=name == figures.WARM))
    return samples, sites["hooks"]


def scale(scratch: Path, sizes: list[int], runs: int, warmup: bool) -> dict:
    """Interleaved builds of the synthetic corpora, with and without hooks; sizes from
    ``figures.SINGLE_RUN_FROM`` on are built once each way, without warm-up."""
    projects = {}
    for size in sizes:
        for hooks in (True, False):
            name = f"{size}-{'hooks' if hooks else 'nohooks'}"
            projects[(size, hooks)] = corpus.make_corpus(scratch / f"corpus-{name}", size, hooks=hooks)
    sites = {key: scratch / f"site-corpus-{key[0]}-{key[1]}" for key in projects}
    samples: dict[str, dict[int, dict[str, list[float]]]] = {"hooks": {}, "no hooks": {}}
    repeated = set(figures.repeated_sizes(sizes))
    if warmup:
        for key, project in projects.items():
            if key[0] in repeated:
                log(f"scale: warm-up build of {key[0]} article(s), hooks={key[1]}")
                run_build(project, sites[key])
    for run in range(runs):
        for (size, hooks), project in projects.items():
            if run and size not in repeated:  # the largest corpora are built once each way
                continue
            log(f"scale: run {run + 1}/{runs}, {size} article(s), hooks={hooks}")
            _record(samples["hooks" if hooks else "no hooks"].setdefault(size, {}),
                    run_build(project, sites[(size, hooks)]))
    output = {f"{size}-{'hooks' if hooks else 'no hooks'}": _site_sizes(site)
              for (size, hooks), site in sites.items()}
    return {"sizes": sizes, "samples": samples, "output": output, "projects": {
        f"{size}-{hooks}": str(project) for (size, hooks), project in projects.items()}}


def _site_sizes(site: Path) -> dict[str, int]:
    """Bytes of the whole site (HTML only, and all files) and of article 1's page."""
    files = [file for file in site.rglob("*") if file.is_file()]
    article = site / "articles" / "a1" / "index.html"
    raw = article.read_bytes()
    exports = site / "exports"
    return {"all files": sum(file.stat().st_size for file in files),
            "exports": sum(file.stat().st_size for file in files if exports in file.parents),
            "html": sum(file.stat().st_size for file in files if file.suffix == ".html"),
            "article 1 page": len(raw), "article 1 page gzip": len(gzip.compress(raw, 6, mtime=0))}


def edit_loop(scratch: Path, edits: int) -> dict:
    log(f"edit loop: mkdocs serve with and without hooks side by side, {edits} edit(s) each")
    projects = {name: corpus.copy_edition(scratch / f"serve-{name.replace(' ', '')}", hooks=name == "hooks")
                for name in ("hooks", "no hooks")}
    timings = serveloop.measure_edits(projects, edits)
    return {name: {"latency": [t.latency for t in runs], "rebuild": [t.rebuild for t in runs],
                   "cpu": [t.cpu for t in runs]} for name, runs in timings.items()}


def markdown_floor(scratch: Path, runs: int) -> dict:
    project = corpus.copy_edition(scratch / "floor", hooks=False)
    pages = floor.load_pages(project)
    extensions, configs = floor.extension_config(project)
    floor.convert_all(pages, extensions, configs)  # warm-up: imports, regex compilation
    totals, article = [], []
    for _ in range(runs):
        times = floor.convert_all(pages, extensions, configs)
        totals.append(sum(times.values()))
        article.append(times.get("article.md", 0.0))
    names = [getattr(e, "__module__", str(e)) if not isinstance(e, str) else e for e in extensions]
    return {"total": totals, "article": article, "pages": len(pages), "extensions": names,
            "markdown bytes": sum(len(text.encode()) for text in pages.values())}


def reader_side(site: Path) -> dict:
    pages = {name: {kind: {"raw": size.raw, "gzip": size.gzip, "files": size.files}
                    for kind, size in sizes.items()}
             for name, sizes in reader.reader_bytes(site).items()}
    search = {name: {"raw": size.raw, "gzip": size.gzip, "files": size.files}
              for name, size in reader.search_on_use(site).items()}
    return {"pages": pages, "search": search, "font faces": reader.font_faces(site)}


def lighthouse_runs(site: Path, runs: int) -> dict:
    version = lighthouse.ensure_installed()
    reports: dict[str, list[dict]] = {name: [] for name in lighthouse.PAGES}
    errors: list[str] = []
    with lighthouse.SiteServer(site) as server:
        for run in range(runs):
            for name, path in lighthouse.PAGES.items():
                log(f"lighthouse: run {run + 1}/{runs}, {name} page")
                try:
                    reports[name].append(vars(lighthouse.run_lighthouse(server.base + path)))
                except RuntimeError as error:  # reported with the results, not fatal to the run
                    log(str(error))
                    errors.append(f"{name} page, run {run + 1}: {error}"[:500])
    return {"version": version, "reports": reports, "errors": errors}


def build_profile(project: Path, scratch: Path, name: str) -> dict:
    """cProfile of one strict build: top-20 cumulative overall and of our own code."""
    stats = profile_build(project, scratch / f"site-profile-{name}", scratch / f"{name}.prof")
    return {"overall": top_cumulative(stats), "ours": top_cumulative(stats, only=("/edition/", "/hooks/"))}
