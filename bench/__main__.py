"""The benchmark, one command: ``.venv/bin/python -m bench`` from the project root.

Measures on this machine: the hooks' overhead on a strict build, the build time per
article of synthetic corpora (1, 10, 100 articles, and 1,000 built once), the `mkdocs serve` edit loop, the
Python-Markdown floor, and the reader side (bytes per page type, Lighthouse), and
writes bench/RESULTS.md (and the raw samples as bench/RESULTS.json).

``--smoke`` (what CI runs): size 1 only, one run of everything, no Lighthouse, the
results in a temporary file; it proves every measurement path still works and
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import figures, measure, pdf_cost, profiles, report, search_forms
from bench.corpus import ROOT
from bench.targets import targets

DEFAULT_OUTPUT = ROOT / "bench" / "RESULTS.md"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true",
                        help="size 1, one run each, no Lighthouse, output to a temporary file")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument("--sizes", default="1,10,100,1000",
                        help="corpus sizes in articles (default 1,10,100,1000; sizes from "
                        f"{figures.SINGLE_RUN_FROM} on are built once each way)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--output", type=Path, help="results file (default bench/RESULTS.md; "
                        "with --smoke a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder of project copies")
    args = parser.parse_args(argv)
    if args.smoke:
        args.runs, args.sizes, args.no_lighthouse = 1, "1", True
        if args.output is None:
            args.output = Path(tempfile.mkdtemp(prefix="bench-smoke-")) / "RESULTS.md"
        if args.output.resolve() == DEFAULT_OUTPUT.resolve():
            parser.error("--smoke never writes bench/RESULTS.md; give another --output")
    args.output = args.output or DEFAULT_OUTPUT
    args.sizes = sorted({int(size) for size in args.sizes.split(",")})
    if args.runs < 1 or args.sizes[0] < 1:
        parser.error("--runs and --sizes must be positive")
    return args


def command_line(argv: list[str]) -> str:
    python = Path(sys.executable)
    try:
        python = python.relative_to(ROOT)
    except ValueError:
        python = Path(python.name)
    return shlex.join([str(python), "-m", "bench", *argv])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    os.chdir(ROOT)
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    measure.log(f"scratch folder {scratch}; results to {args.output}")
    warmup = not args.smoke
    try:
        results: dict = {"mode": "smoke" if args.smoke else "full", "command": command_line(argv),
                         "machine": measure.machine(), "runs": args.runs,
                         "warm-up": "one discarded build per project before the timed runs" if warmup
                         else "none (smoke: one run of each)"}
        # Pairs of builds of the edition are cheap: three times as many, for a steadier ratio.
        overhead, site = measure.overhead(scratch, args.runs * (1 if args.smoke else 3), warmup)
        results["overhead"] = overhead
        results["reader"] = measure.reader_side(site)
        results["search forms"] = search_forms.measure(site)
        # The article's PDF, cold and cached (bench/pdf_cost.py); not in the smoke run (a minute).
        results["pdf"] = None if args.smoke else pdf_cost.measure(args.runs)
        results["scale"] = measure.scale(scratch, args.sizes, args.runs, warmup)
        results["edit loop"] = measure.edit_loop(scratch, args.runs)
        results["floor"] = measure.markdown_floor(scratch, max(args.runs, 1))
        results["lighthouse"] = None if args.no_lighthouse else measure.lighthouse_runs(site, args.runs)
        results["targets"] = targets(results)
        results["profiles"], results["phases"] = all_profiles(results, scratch)
        results["load at end"] = os.getloadavg()
        results["duration"] = time.monotonic() - started
        write(results, args.output)
        measure.log(f"done in {results['duration'] / 60:.1f} min: {args.output}")
        print(args.output)
        return 0
    finally:
        if args.keep:
            measure.log(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def all_profiles(results: dict, scratch: Path) -> tuple[dict, dict]:
    """cProfile of the edition with and without hooks, and of a rebuild as `mkdocs serve`
    makes it (always); of the two largest corpora (full runs); Lighthouse's diagnostics
    (when it ran). Also the hook overhead by part of the build and of the rebuild."""
    measure.log("profile: the edition with and without hooks under cProfile")
    hooks, plain = scratch / "project-hooks", scratch / "project-nohooks"
    runs = 1 if results["mode"] == "smoke" else profiles.PROFILED_RUNS
    out, build_split = profiles.edition_profiles(hooks, plain, scratch, runs)
    measure.log("profile: a rebuild as mkdocs serve makes it, with and without hooks")
    rebuild, rebuild_split = profiles.rebuild_profiles(hooks, plain, scratch, runs)
    out.update(rebuild)
    sizes = figures.repeated_sizes(results["scale"]["sizes"])
    if results["mode"] == "full" and len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        measure.log(f"profile: corpora of {small} and {large} articles under cProfile")
        projects = results["scale"]["projects"]
        out.update(profiles.scale_profiles(Path(projects[f"{small}-True"]), Path(projects[f"{large}-True"]),
                                           small, large, scratch))
    if results.get("lighthouse"):
        out.update(profiles.lighthouse_diagnostics(results["lighthouse"]))
    return out, {"build": build_split, "rebuild": rebuild_split}


def write(results: dict, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.render(results), encoding="utf-8")
    raw = {key: value for key, value in results.items() if key != "profiles"}
    output.with_suffix(".json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
