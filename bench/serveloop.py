"""The edit loop: `mkdocs serve` on project copies, one page saved, the change served.

For each edit the article gets a new closing paragraph with a unique token; the
latency runs from just before the file is written until `GET /article/` returns a
page containing the token (polled every 50 ms). That includes MkDocs' file watcher
(it polls every 0.5 s) and its 0.1 s debounce, as an editor experiences it; the
rebuild alone is MkDocs' "Documentation built in X seconds" line for that build, and
its CPU time is the serve process's user + system time over the edit (from /proc).

The servers with and without hooks run side by side and are edited in turn, so that
a burst of load from other work falls on both alike.

MkDocs drops a log message it has logged before (its DuplicateFilter), so a rebuild
taking exactly as long as an earlier one would leave no line; it skips that filter
when Python runs with a -W option, hence ``-W ignore::DeprecationWarning``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bench.builds import BUILT_IN, mkdocs_env

_T = TypeVar("_T")
POLL = 0.05
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class EditTiming:
    latency: float
    rebuild: float
    cpu: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


class ServedProject:
    """`mkdocs serve` of one project copy, for a `with` block."""

    def __init__(self, project: Path, page: str = "article.md", url: str = "article/",
                 timeout: float = 180.0) -> None:
        self.project, self.timeout = project, timeout
        self.source = project / "docs" / page
        self.original = self.source.read_text(encoding="utf-8")
        self.log = project / "serve.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{url}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "ServedProject":
        self._stream = self.log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "mkdocs", "serve",
             "-a", f"127.0.0.1:{self.port}"],
            cwd=self.project, stdout=self._stream, stderr=subprocess.STDOUT, env=mkdocs_env())
        return self

    def wait_until_served(self) -> None:
        self._wait(lambda: "Serving on" in self._log_text() and fetch(self.url), "the first build")

    def edit(self) -> EditTiming:
        """Save the page with a new token; time until it is served and rebuilt."""
        known = len(BUILT_IN.findall(self._log_text()))
        token = f"bench-edit-{uuid.uuid4().hex}"
        cpu_before = self._cpu()
        start = time.perf_counter()
        self.source.write_text(self.original.rstrip("\n") + f"\n\nEdited for the benchmark: {token}.\n",
                               encoding="utf-8")
        self._wait(lambda: token in (fetch(self.url) or ""), f"{token} to be served")
        latency = time.perf_counter() - start
        built = self._wait(lambda: [float(v) for v in BUILT_IN.findall(self._log_text())][known:],
                           "the build log line")
        return EditTiming(latency, built[0], self._cpu() - cpu_before)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._stream.close()
        self.source.write_text(self.original, encoding="utf-8")

    def _cpu(self) -> float:
        if self.process is None:
            raise RuntimeError("mkdocs serve is not running: use the project in a with block")
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime

    def _log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def _wait(self, condition: Callable[[], _T], what: str) -> _T:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(POLL)
        raise RuntimeError(f"timed out after {self.timeout:.0f} s waiting for {what} in {self.project}; "
                           f"serve log:\n{self._log_text()[-3000:]}")


def measure_edits(projects: dict[str, Path], edits: int) -> dict[str, list[EditTiming]]:
    """Serve every project at once; edit them in turn, `edits` times each."""
    served = {name: ServedProject(project) for name, project in projects.items()}
    timings: dict[str, list[EditTiming]] = {name: [] for name in projects}
    entered = []
    try:
        for server in served.values():
            entered.append(server.__enter__())
        for server in served.values():
            server.wait_until_served()
        for _ in range(edits):
            for name, server in served.items():
                timings[name].append(server.edit())
                time.sleep(0.3)
    finally:
        for server in entered:
            server.__exit__(None, None, None)
    return timings
