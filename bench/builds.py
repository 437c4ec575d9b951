"""One `mkdocs build --strict` of a project copy, timed three ways, and its profile.

Each build runs in a fresh interpreter, as an editor or CI runs it, so the time
includes importing MkDocs, Material, the plugins and (with hooks) the edition
package. Three clocks:

- wall: what the person waiting sees; inflated by anything else on the machine;
- cpu: user + system time of the build process (from the kernel's rusage), much
  less sensitive to other processes sharing the cores;
- reported: MkDocs' own "Documentation built in X seconds" (from on_config to the
  last page written; no interpreter start-up, no imports).
"""

from __future__ import annotations

import io
import os
import pstats
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


@dataclass(frozen=True)
class BuildTiming:
    wall: float
    cpu: float
    reported: float


def mkdocs_env(cache: bool = False) -> dict[str, str]:
    """The builds' environment: Python's default bytecode caching, as on an editor's
    machine (a PYTHONDONTWRITEBYTECODE in ours would make every build with hooks compile
    edition/ from source, while MkDocs and Material come precompiled by pip). Without the
    edition's disk cache (EDITION_CACHE=off, edition/build/disk_cache.py) unless `cache`:
    every build pays for reading, checking and formatting its inputs, as a first build does;
    with it, a build after one that filled it is an editor's next build."""
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONDONTWRITEBYTECODE", "EDITION_CACHE"}}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **({} if cache else {"EDITION_CACHE": "off"})}


def run_build(project: Path, site: Path, cache: bool = False) -> BuildTiming:
    """Build `project` strictly into `site` (with the edition's disk cache if `cache`);
    fail loudly (with MkDocs' log) if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env=mkdocs_env(cache), check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"strict build of {project} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    reported = BUILT_IN.search(result.stderr)
    if reported is None:
        raise RuntimeError(f"no 'Documentation built in' line in the log of {project}:\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildTiming(wall, cpu, float(reported[1]))


def profile_build(project: Path, site: Path, out: Path) -> Path:
    """Profile one strict build of `project` with cProfile; the stats go to `out`.
    cProfile times are wall-clock and inflated by the profiling itself: they show where
    the time goes, not how much there is (CPU-time profiling costs 3-4x more here)."""
    result = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build",
                             "--strict", "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env=mkdocs_env(), check=False)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"profiled build of {project} failed:\n{result.stderr[-4000:]}")
    return out


def profile_rebuild(project: Path, site: Path, out: Path) -> Path:
    """cProfile of a rebuild as `mkdocs serve` makes it on a save (bench/rebuild.py)."""
    script = Path(__file__).with_name("rebuild.py")
    result = subprocess.run([sys.executable, str(script), str(project), str(site), str(out)],
                            cwd=project, capture_output=True, text=True, env=mkdocs_env(), check=False)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"profiled rebuild of {project} failed:\n{result.stderr[-4000:]}")
    return out


_WRAPPERS = re.compile(r"builtins\.exec|<frozen runpy>|<string>:1|click/core\.py|mkdocs/__main__\.py"
                       r"|<frozen importlib|method 'join' of 'str'|cProfile")


def wrapper_frame(name: str) -> bool:
    """Interpreter, import machinery, CLI and str.join frames: they wrap everything
    and say nothing about where the time goes."""
    return bool(_WRAPPERS.search(name))


def top_cumulative(stats_file: Path, limit: int = 20, only: tuple[str, ...] = ()) -> str:
    """pstats' top-`limit` by cumulative time, without the wrapper frames (imports are
    counted where they happen); optionally only functions whose file path contains one of
    `only` (e.g. '/edition/'). Site-packages paths are shortened."""
    buffer = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=buffer)
    stats.sort_stats("cumulative")
    if only:
        stats.print_stats("|".join(re.escape(part) for part in only), limit)
    else:
        stats.print_stats(limit + 40)
    lines = buffer.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    header = [line.strip() for line in lines[:start] if "function calls" in line]
    rows = [_shorten(line) for line in lines[start + 1:] if line.strip()]
    rows = [row for row in rows if not wrapper_frame(row)][:limit]
    return "\n".join(header + [_shorten(lines[start])] + rows)


def function_times(stats_file: Path) -> dict[str, float]:
    """Cumulative seconds per function ('file:line(name)', paths shortened)."""
    stats = pstats.Stats(str(stats_file))
    # The ignore: typeshed's Stats lacks `stats`, the (undocumented) table of raw timings by
    # (file, line, name); get_stats_profile() keys by name alone, which merges functions.
    return {_shorten(f"{file}:{line}({name})"): values[3]
            for (file, line, name), values in stats.stats.items()}  # type: ignore[attr-defined]


def _shorten(text: str) -> str:
    text = re.sub(r"\S*/site-packages/", "", text)
    text = re.sub(r"\S*/lib/python3\.[0-9]+/", "", text)
    text = re.sub(r"/\S*/bench-[^/\s]+/[^/\s]+/", "", text)  # the scratch copy of the project
    return re.sub(r"/\S*/(edition|hooks)/", r"\1/", text)
