"""The two whole-site checkers, LinkChecker and the Nu HTML checker, run as background
processes.

Both are slow and need nothing from the browser, so the `site` fixture starts them
as soon as the edition is served (when their tests are selected) and they run while
Chromium works; their tests, ordered last by conftest.py, collect the results.
Output goes to files, not pipes, so a process never stalls on a full pipe.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .helpers import VNU_JAR, missing, require_command, require_file

LINKCHECKER_CONFIG = Path(__file__).with_name("linkcheckerrc")


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str


class Background:
    """A command running in the background, its output kept in temporary files."""

    def __init__(self, args: list[str]) -> None:
        self.args = args
        self._stdout = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._stderr = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._process = subprocess.Popen(args, stdout=self._stdout, stderr=self._stderr,
                                         stdin=subprocess.DEVNULL, text=True)

    def wait(self, timeout: float = 600) -> Finished:
        returncode = self._process.wait(timeout=timeout)
        outputs = []
        for handle in (self._stdout, self._stderr):
            handle.seek(0)
            outputs.append(handle.read())
            handle.close()
        return Finished(returncode, *outputs)

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def linkchecker_executable() -> str:
    beside_python = Path(sys.executable).with_name("linkchecker")
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("linkchecker") or missing(
        "LinkChecker not installed (pip install -e '.[test]')")


def page_urls(base: str, root: Path) -> list[str]:
    """The URL of every HTML page of the folder served at BASE."""
    return [base + path.relative_to(root).as_posix().removesuffix("index.html")
            for path in sorted(root.rglob("*.html"))]


def start_linkchecker(base: str, root: Path) -> Background:
    """LinkChecker over every page of the site, one level deep, anchors checked.

    Every page is a start URL, so pages no menu links to are covered, and each link
    of each page is followed once (LinkChecker re-reads a page for every distinct
    #fragment pointing at it, so full recursion would read each page hundreds of
    times). LinkChecker drops root privileges to `nobody`: the config must be
    world-readable.
    """
    return Background([linkchecker_executable(), "--config", str(LINKCHECKER_CONFIG),
                       "--no-status", "--verbose", "--output", "csv",
                       "--recursion-level", "1", *page_urls(base, root)])


def start_vnu(root: Path) -> Background:
    """The Nu HTML checker over every HTML file under ROOT, one JVM for all."""
    java = require_command("java", "apt-get install default-jre-headless")
    jar = require_file(VNU_JAR, "run `npm ci` for vnu-jar")
    return Background([java, "-Xss1m", "-jar", str(jar), "--format", "json",
                       "--skip-non-html", "--exit-zero-always", str(root)])
