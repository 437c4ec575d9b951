"""The style and layout work of loading the article page, for comparing builds:
``python -m bench.first_layout SITE [SITE ...] [--runs 5]``.

Lighthouse's performance score on this page is lost to Total Blocking Time, and its
main-thread work is mostly style and layout. Lighthouse's score also moves with
whatever else the machine is doing; this measures the one thing a stylesheet or a
font change affects. Each site is loaded in turn (interleaved, so that a busy machine
slows every site alike) in Chromium at Lighthouse's phone size (412 x 823) with the
CPU slowed fourfold, as Lighthouse simulates it, and the main thread is traced from
navigation until 2.5 s after the load event. Printed per site, median and range over
the runs: the milliseconds of Layout and of style recalculation (UpdateLayoutTree),
the longest single layout, and how many font files the page loaded.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.sidenote_offsets import ARGS, CHROMIUM, _Quiet

VIEWPORT = {"width": 412, "height": 823}
CATEGORIES = "devtools.timeline,blink,loading"


def trace_once(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    events: list[dict] = []
    done = threading.Event()
    cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    cdp.on("Tracing.tracingComplete", lambda message: done.set())
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(2500)
    cdp.send("Tracing.end")
    while not done.is_set():
        page.wait_for_timeout(50)
    fonts = page.evaluate(
        "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('.woff2')).length")
    context.close()
    durations: dict[str, list[float]] = {"Layout": [], "UpdateLayoutTree": []}
    for event in events:
        if event.get("name") in durations and event.get("dur"):
            durations[event["name"]].append(event["dur"] / 1000)
    return {"layout": sum(durations["Layout"]), "style": sum(durations["UpdateLayoutTree"]),
            "longest layout": max(durations["Layout"], default=0.0), "font files": fonts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    servers = []
    for site in args.sites:
        handler = functools.partial(_Quiet, directory=str(site.resolve()))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    results: list[list[dict[str, float]]] = [[] for _ in args.sites]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(args.runs):
                for index, server in enumerate(servers):
                    url = f"http://127.0.0.1:{server.server_address[1]}/article/"
                    results[index].append(trace_once(browser, url))
            browser.close()
    finally:
        for server in servers:
            server.shutdown()
    print("| site | layout, ms | style, ms | longest layout, ms | font files |")
    print("|---|---|---|---|---|")
    for site, runs in zip(args.sites, results, strict=True):
        cells = []
        for key in ("layout", "style", "longest layout", "font files"):
            values = [run[key] for run in runs]
            cells.append(f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f},"
                         f" n={len(values)})")
        print(f"| {site} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
