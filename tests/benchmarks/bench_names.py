"""Benchmark: one article against the shipped rules, and against them plus 100,000 people.

    python -m tests.benchmarks.bench_names [--runs 5]

Each figure is the median wall time of whole `factlint check` processes (process start included),
with the compiled rules cached (warm) and without the cache (cold: the rules are parsed and compiled).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

from .generate import ROOT, registry

ARTICLE = ROOT / "seeds" / "004_d43b0a7554921edd.txt"


def _time(args: list[str], runs: int, env: dict) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import os
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=100_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "registry.yaml"
        big.write_text(registry(options.people), encoding="utf-8")
        env = {**os.environ, "FACTLINT_CACHE_DIR": str(Path(tmp) / "cache")}
        base = [sys.executable, "-m", "checker", "check", str(ARTICLE), "--fail-on", "never"]
        shipped = base + ["--rules", str(ROOT / "rules")]
        large = shipped + ["--rules", str(big)]
        floor = _time([sys.executable, "-c", "pass"], options.runs, env)
        rows = [
            ("python -c pass (floor)", floor),
            ("one article, shipped rules, cold", _time(shipped + ["--no-cache"], options.runs, env)),
            ("one article, shipped rules, warm", _time(shipped, options.runs, env) if _time(shipped, 1, env) else 0),
            (f"one article, +{options.people:,} people, cold", _time(large + ["--no-cache"], max(1, options.runs // 2), env)),
            (f"one article, +{options.people:,} people, warm", _time(large, options.runs, env) if _time(large, 1, env) else 0),
        ]
    print(tabulate([(name, f"{t:.3f}", f"{t / floor:.1f}") for name, t in rows],
                   headers=["scenario", "median s", "× floor"], tablefmt="github"))


if __name__ == "__main__":
    main()
