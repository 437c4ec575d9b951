"""Lighthouse (pinned in bench/package.json) on pages of the built site, served with
gzip and caching headers by bench/gzip_server.py on 127.0.0.1.

Mobile form factor with Lighthouse's simulated throttling (its default): scores
depend on this machine's CPU and on whatever else runs on it, hence medians.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"title": "", "article": "article/", "references": "references/"}


@dataclass
class Report:
    """What one Lighthouse run found for one page."""

    scores: dict[str, int]
    total_bytes: int
    requests: list[tuple[str, int]]  # (url path, transferred bytes)
    opportunities: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    diagnostics: list[str] = field(default_factory=list)


def ensure_installed() -> str:
    """Install bench/node_modules from the lock file if needed; Lighthouse's version."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True,
                       stdout=subprocess.DEVNULL)
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True,
                          check=True).stdout.strip()


class SiteServer:
    """bench/gzip_server.py on a free port, as a child process, for the `with` block."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.process: subprocess.Popen | None = None
        self.base = ""

    def __enter__(self) -> "SiteServer":
        self.process = subprocess.Popen([sys.executable, "-m", "bench.gzip_server", str(self.site),
                                         "--port", "0"], cwd=BENCH.parent, stdout=subprocess.PIPE,
                                        text=True)
        output = self.process.stdout
        line = output.readline() if output is not None else ""  # "serving SITE on http://127.0.0.1:PORT/"
        if "http://" not in line:
            raise RuntimeError(f"the gzip server did not start: {line!r}")
        self.base = line.strip().split(" on ")[-1]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base, timeout=5).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the gzip server at {self.base} does not answer")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def run_lighthouse(url: str, attempts: int = 3) -> Report:
    """One Lighthouse run; a run Lighthouse itself reports as broken (a runtime error or
    no performance score, which happens when Chromium stalls under load) is repeated."""
    error = ""
    for _ in range(attempts):
        try:
            return _run_once(url)
        except (RuntimeError, KeyError, ValueError) as exc:
            error = str(exc)
    raise RuntimeError(f"lighthouse gave no usable report for {url} in {attempts} attempts: {error}")


def _run_once(url: str) -> Report:
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as folder:
        output = Path(folder) / "report.json"
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME}, check=False)
        if result.returncode != 0 or not output.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
        return parse_report(json.loads(output.read_text(encoding="utf-8")))


def parse_report(data: dict) -> Report:
    if data.get("runtimeError") or any(data["categories"][name]["score"] is None for name in CATEGORIES):
        raise RuntimeError(f"broken report: {data.get('runtimeError') or 'a category has no score'}")
    audits = data["audits"]
    scores = {name: round(100 * data["categories"][name]["score"]) for name in CATEGORIES}
    requests = [(item["url"].split("/", 3)[-1] if item["url"].startswith("http") else item["url"][:40],
                 int(item.get("transferSize") or 0))
                for item in audits["network-requests"]["details"]["items"]]
    opportunities = []
    for audit in audits.values():
        details = audit.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        saved_bytes = details.get("overallSavingsBytes") or 0
        if details.get("type") == "opportunity" and (saving > 0 or saved_bytes > 0):
            opportunities.append(f"{audit['title']}: {saving:.0f} ms, {saved_bytes / 1024:.1f} KiB")
    failing = []
    for name in CATEGORIES:
        for ref in data["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                failing.append(f"{name}: {audit['title']} — score {audit['score']:.2f}{shown}"
                               + _failing_items(audit))
    metrics = {key: audits[key]["numericValue"] for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index") if "numericValue" in audits.get(key, {})}
    return Report(scores, int(audits["total-byte-weight"]["numericValue"]), requests,
                  opportunities, failing, metrics, _diagnostics(audits))


def _diagnostics(audits: dict) -> list[str]:
    """Main-thread time by kind, the long tasks, and JavaScript execution per script."""
    out = []
    work = (audits.get("mainthread-work-breakdown", {}).get("details") or {}).get("items") or []
    if work:
        out.append("main-thread work (simulated): " + ", ".join(
            f"{item['groupLabel']} {item['duration']:.0f} ms" for item in work[:5]))
    tasks = (audits.get("long-tasks", {}).get("details") or {}).get("items") or []
    for task in tasks[:3]:
        out.append(f"long task: {task['duration']:.0f} ms at {task['startTime']:.0f} ms, "
                   f"{str(task.get('url', '')).split('/', 3)[-1] or 'page'}")
    boot = (audits.get("bootup-time", {}).get("details") or {}).get("items") or []
    for item in boot[:3]:
        out.append(f"script: {str(item['url']).split('/', 3)[-1] or 'page'}: {item['total']:.0f} ms total, "
                   f"{item['scripting']:.0f} ms scripting")
    return out


def _failing_items(audit: dict, limit: int = 4) -> str:
    """A few of the elements an accessibility or SEO audit flags (selector or snippet)."""
    items = (audit.get("details") or {}).get("items") or []
    shown = []
    for item in items[:limit]:
        node = item.get("node") or {}
        label = node.get("selector") or node.get("snippet") or item.get("url") or ""
        if label:
            shown.append(f"`{str(label)[:90]}`")
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return f"; e.g. {', '.join(shown)}{more}" if shown else ""
