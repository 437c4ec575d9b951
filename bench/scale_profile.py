"""Where the cost of an added article goes, by a sampling profiler:
``python -m bench.scale_profile [--sizes 100,1000] [--rate 20] [--write]``.

The full benchmark's scale profile (bench/profiles.py) uses cProfile, whose cost per
function call inflates code made of many small calls: Python's HTML parser under
Material's search plugin looked like the step that grows fastest, at 12 times its
unprofiled share. py-spy (pinned in the test extras) samples the stack instead, at
`--rate` samples a second, and costs the profiled build almost nothing.

For two corpora (bench/corpus.py, with hooks, without the disk cache) it builds each
once under py-spy and prints, per function (inclusive: the function and what it
calls), its share of the samples at each size and the milliseconds it adds per added
article; a share that grows from the smaller corpus to the larger means worse than
linear. With ``--write`` the table replaces the section "Scale profile (py-spy)" of
bench/RESULTS.md. Not part of ``--smoke``: a corpus of 1,000 articles takes minutes.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus import make_corpus
from bench.pdf_cost import RESULTS
from bench.sections import put_section

HEADING = "## Scale profile (py-spy)"
_FRAME = re.compile(r"^(?P<name>.*?) \((?P<file>[^:()]*)(?::\d+)?\)$")


def frame_name(frame: str) -> str:
    """'Page.render (mkdocs/structure/pages.py:263)' -> 'Page.render mkdocs/structure/pages.py'."""
    match = _FRAME.match(frame)
    if not match:
        return frame
    path = match["file"].split("site-packages/")[-1]
    for root in (str(Path(__file__).resolve().parents[1]) + "/", str(Path(tempfile.gettempdir())) + "/"):
        path = path.replace(root, "")
    return f"{match['name']} {re.sub(r'^[^/]*corpus-[0-9]+/', '', path)}"


def inclusive_samples(raw: str) -> tuple[collections.Counter[str], int]:
    """py-spy's raw output (one 'frame;frame;... count' line per stack) as samples per
    function, each counted once per stack it appears in, and the total."""
    counts: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, number = line.rpartition(" ")
        if not number.isdigit():
            continue
        total += int(number)
        for name in {frame_name(frame) for frame in stack.split(";")}:
            counts[name] += int(number)
    return counts, total


def profile(size: int, scratch: Path, rate: int) -> tuple[collections.Counter[str], int]:
    project = make_corpus(scratch / f"corpus-{size}", size)
    output = scratch / f"spy-{size}.txt"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDITION_CACHE": "off"}
    spy = Path(sys.executable).with_name("py-spy")
    subprocess.run([str(spy), "record", "-r", str(rate), "-f", "raw", "-o", str(output), "--",
                    sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(scratch / f"site-{size}")],
                   cwd=project, env=env, check=True, capture_output=True)
    return inclusive_samples(output.read_text(encoding="utf-8"))


def table(small: int, large: int, a: collections.Counter[str], total_a: int, b: collections.Counter[str],
          total_b: int, rate: int, rows: int = 30) -> str:
    per_article = {name: (b[name] - a.get(name, 0)) / rate / (large - small) * 1000 for name in b}
    lines = [f"| function (inclusive) | share at {small} | share at {large} | ms per added article |",
             "|---|---|---|---|"]
    for name in sorted(per_article, key=lambda n: -per_article[n])[:rows]:
        lines.append(f"| `{name}` | {100 * a.get(name, 0) / total_a:.1f}% | {100 * b[name] / total_b:.1f}% "
                     f"| {per_article[name]:.1f} |")
    return "\n".join(lines)


def section(small: int, large: int, rate: int, scratch: Path) -> str:
    load = os.getloadavg()
    a, total_a = profile(small, scratch, rate)
    b, total_b = profile(large, scratch, rate)
    after = os.getloadavg()
    return "\n".join([
        HEADING, "",
        f"One strict build each of corpora of {small} and {large} articles, with hooks and without the disk cache, "
        f"under py-spy at {rate} samples a second (`python -m bench.scale_profile --sizes {small},{large} --write`). "
        f"Samples: {total_a:,} and {total_b:,} ({total_a / rate:.0f} s and {total_b / rate:.0f} s of the build's "
        "time). Each function's share counts its own time and what it calls; a share that grows from the smaller "
        "corpus to the larger grows faster than the corpus.", "",
        table(small, large, a, total_a, b, total_b, rate), "",
        f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs; "
        f"load average (1 min) {load[0]:.2f} at the start, {after[0]:.2f} at the end.", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--rate", type=int, default=20)
    parser.add_argument("--write", action="store_true", help="write the section into bench/RESULTS.md")
    args = parser.parse_args()
    small, large = (int(size) for size in args.sizes.split(","))
    scratch = Path(tempfile.mkdtemp(prefix="bench-scale-profile-"))
    try:
        text = section(small, large, args.rate, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.write:
        put_section(HEADING, text, RESULTS)
    print(text)


if __name__ == "__main__":
    main()
