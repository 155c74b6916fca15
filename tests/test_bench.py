"""The benchmark keeps the Lighthouse run with the median performance score, as it says it does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _run(bench, performance: int, benchmark: int):
    scores = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
    return bench.LighthouseRun(f"http://x/{performance}", scores, 1000, 0, [], {}, benchmark)


def test_median_of_three_is_the_middle_score_with_every_run_listed() -> None:
    bench = _bench()
    median = bench.median_of([_run(bench, 97, 1500), _run(bench, 100, 2100), _run(bench, 99, 1040)])
    assert median.scores["performance"] == 99
    assert median.url == "http://x/99"
    assert median.performance_runs == [97, 99, 100]
    assert median.benchmark_indexes == [1500, 1040, 2100]


def test_median_of_an_even_count_is_the_lower_middle() -> None:
    bench = _bench()
    median = bench.median_of([_run(bench, 100, 1), _run(bench, 90, 2), _run(bench, 95, 3), _run(bench, 98, 4)])
    assert median.scores["performance"] == 95
