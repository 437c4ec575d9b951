"""What the article's PDF costs a build (edition/outputs/paged.py): strict builds of a copy
of the project with the PDF cache (.cache/pdf/) emptied before each run ("cold": WeasyPrint
sets the PDF) and kept ("cached": the PDF is read back by its key), interleaved; and the
PDF's pages and bytes. Writes its section of bench/RESULTS.md ("The article's PDF"),
replacing the one there, or prints it with --print.

    .venv/bin/python -m bench.pdf_cost [--runs 5] [--print]
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import tempfile
from pathlib import Path

from pypdf import PdfReader

from bench.builds import run_build
from bench.corpus import ROOT, copy_edition
from bench.sections import put_section
from bench.stats import Summary

RESULTS = ROOT / "bench" / "RESULTS.md"
HEADING = "## The article's PDF"
PDF = Path("exports") / "zhailin-shamsieva-2022-edition.pdf"


def measure(runs: int) -> str:
    """The section, measured on a fresh copy of the project."""
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        project = copy_edition(Path(folder) / "project")
        site = Path(folder) / "site"
        run_build(project, site)  # warm-up: bytecode written, the cache filled
        cold, cached = [], []
        for _ in range(runs):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            cold.append(run_build(project, site))
            cached.append(run_build(project, site))
        reader = PdfReader(site / PDF)
        pages, size = len(reader.pages), (site / PDF).stat().st_size
    rows = [("cold (cache emptied)", cold), ("cached (same inputs)", cached)]
    lines = [HEADING, "",
             "Strict builds of a copy of the project (`mkdocs build --strict`), the PDF cache `.cache/pdf/` emptied "
             "before each cold run, interleaved with a run that finds it (bench/pdf_cost.py, part of the full run; "
             f"alone: `.venv/bin/python -m bench.pdf_cost --runs {runs}`). The difference of the medians is what "
             "WeasyPrint costs; a build whose article, stylesheet, fonts and versions did not change pays only "
             "for hashing them.", "",
             "| build | CPU time (user + sys) | wall clock |", "|---|---|---|"]
    lines += [f"| {label} | {Summary.of([t.cpu for t in timings]).show()} | "
              f"{Summary.of([t.wall for t in timings]).show()} |" for label, timings in rows]
    after = os.getloadavg()
    lines += ["", f"The PDF: {pages} A4 pages, {size / 1024:.0f} KiB. Measured "
              f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs; load "
              f"average (1 min) {load[0]:.2f} at the start, {after[0]:.2f} at the end: wall-clock times grow with "
              "other work on the machine, CPU time much less.", ""]
    return "\n".join(lines)


def write(section: str, results: Path = RESULTS) -> None:
    put_section(HEADING, section, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--print", action="store_true", help="print the section instead of writing it")
    args = parser.parse_args()
    section = measure(args.runs)
    if args.print:
        print(section)
    else:
        write(section)


if __name__ == "__main__":
    main()
