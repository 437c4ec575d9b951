"""The benchmark's account of missed targets: the overhead split by part, and the
why/design section printed only for targets this run missed."""

from __future__ import annotations

import sys

from conftest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import analysis, profiles  # noqa: E402
from bench.profiles import phases  # noqa: E402

BUILD = "mkdocs/commands/build.py:249(build)"


def test_phases_split_the_difference_into_events_extension_and_rest() -> None:
    with_hooks = {BUILD: 1.0, "hooks/edition_hooks.py:76(on_config)": 0.2,
                  "hooks/edition_hooks.py:109(on_env)": 0.1, "edition/text/markdown_ext.py:66(run)": 0.05,
                  "edition/build/pipeline.py:42(start_build)": 0.19}
    split = phases(with_hooks, {BUILD: 0.5})
    assert split["events"] == {"on_config": 0.2, "on_env": 0.1}
    assert split["markdown extension"] == 0.05
    assert round(split["rest"], 6) == 0.15
    assert split["difference"] == 0.5


def test_least_times_takes_each_functions_fastest_run(monkeypatch, tmp_path) -> None:
    runs = {"a.prof": {"f": 0.3, "g": 0.1}, "b.prof": {"f": 0.2, "g": 0.4}, "c.prof": {"f": 0.5}}
    monkeypatch.setattr(profiles, "function_times", lambda path: runs[path.name])
    assert profiles.least_times([tmp_path / name for name in runs]) == {"f": 0.2, "g": 0.1}


def _results(hooks_cpu: float, met: bool) -> dict:
    return {"targets": [{"target": "hook cost: build with hooks ≤ 1.15× the build without",
                         "measured": "CPU: per run 1.5×", "met": met},
                        {"target": "title page: Lighthouse performance ≥ 98", "measured": "99", "met": True}],
            "overhead": {"hooks": {"cpu": [hooks_cpu] * 3}, "no hooks": {"cpu": [1.0] * 3}},
            "phases": {"build": {"difference": 0.5, "events": {"on_config": 0.3}, "markdown extension": 0.1,
                                 "rest": 0.1}}}


def test_missed_targets_get_their_why_and_design_change() -> None:
    text = "\n".join(analysis.missed(_results(1.5, met=False)))
    assert "### hook cost: build with hooks ≤ 1.15× the build without" in text
    assert "allows the hooks 0.15 s of CPU over the 1.00 s" in text and "they take 0.50 s" in text
    assert "on_config 0.30 s" in text
    assert "Design change that would meet it:" in text
    assert "title page" not in text


def test_no_section_when_every_target_is_met() -> None:
    assert analysis.missed(_results(1.1, met=True)) == []


def test_a_missed_lighthouse_score_is_explained_by_its_median_run() -> None:
    def run(score: int, blocking: int) -> dict:
        return {"scores": {"performance": score},
                "failing": [f"performance: Total Blocking Time — score 0.9 ({blocking} ms)"],
                "diagnostics": ["main-thread work (simulated): Style & Layout 400 ms",
                                f"long task: {blocking + 50} ms at 1700 ms, bundle.js"]}
    results = {"targets": [{"target": "article page: Lighthouse performance ≥ 98", "measured": "97",
                            "met": False}],
               "lighthouse": {"reports": {"article": [run(99, 10), run(97, 170), run(92, 300)]}}}
    text = "\n".join(analysis.missed(results))
    assert "Total Blocking Time — score 0.9 (170 ms)" in text
    assert "Style & Layout 400 ms" in text and "220 ms at 1700 ms" in text
    assert "(300 ms)" not in text and "content-visibility" in text
