"""The benchmark suite of the README: every scenario with its floor, measured in one run.

    python -m tests.benchmarks.bench_suite [--sizes 1000,10000] [--runs 3] [--jobs 2] [--dir /tmp/factlint-bench]

Scenarios (each a median of --runs whole processes, process start included):
- one article against the shipped rules, and against them plus 100,000 synthetic people;
- N synthetic articles (two in three French) with every check, cross-article ones included;
- one new article against an archive index of the largest N.
The floor, measured in the same run, reads the same files and runs one compiled regular expression
of every name of the rules over them: no checker can be faster. Peak RSS is the largest resident set of
any process of the scenario (/usr/bin/time). Deterministic: the same seeds give the same archives.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

from .generate import ROOT, archive, registry

FLOOR = r"""
import re, sys, yaml
from pathlib import Path
names = set()
for f in Path(sys.argv[2]).glob("*.yaml"):
    doc = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
    for person in (doc.get("people") or {}).values():
        names.update([person["name"], *person.get("aliases", [])])
pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
count = 0
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    count += len(pattern.findall(path.read_text(encoding="utf-8")))
print(count)
"""


def _run(args: list[str], env: dict, runs: int) -> tuple[float, float]:
    """(median seconds, largest peak RSS in MB) of whole processes."""
    times, rss = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *args], cwd=ROOT, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        try:
            rss = max(rss, int(done.stderr.strip().splitlines()[-1]) / 1024)
        except (ValueError, IndexError):
            pass
    return statistics.median(times), rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "factlint-bench")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    options.dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(options.dir / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # measure as installed: with the bytecode Python keeps
    py = [sys.executable, "-m", "checker"]
    article = ROOT / "seeds" / "004_d43b0a7554921edd.txt"
    big = options.dir / "registry-100000.yaml"
    if not big.exists():
        big.write_text(registry(100_000), encoding="utf-8")
    rows = []

    def row(name, seconds, rss, count=None, mb=None, floor=None):
        rate = f"{count / seconds:,.0f}" if count else ""
        speed = f"{mb / seconds:.2f}" if mb else ""
        rows.append((name, f"{seconds:.3f}", rate, speed, f"{rss:.0f}", f"{seconds / floor:.1f}" if floor else ""))
        print(*rows[-1], sep="\t", file=sys.stderr, flush=True)

    single = py + ["check", str(article), "--fail-on", "never", "--rules", str(ROOT / "rules")]
    _run(single, env, 1)                                   # compile and cache the rules
    floor_one, _ = _run([sys.executable, "-c", "pass"], env, options.runs)
    row("python start (floor of one article)", floor_one, 0)
    # the machine's speed at the time of the run: the same pure-Python work every time (on a shared
    # machine it varies by tens of per cent from one hour to the next)
    loop, _ = _run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], env, options.runs)
    row("machine speed: a fixed pure-Python loop", loop, 0)
    row("one article, shipped rules", *_run(single, env, options.runs), count=1, floor=floor_one)
    with_registry = single + ["--rules", str(big)]
    _run(with_registry, env, 1)
    row("one article, +100,000 people", *_run(with_registry, env, options.runs), count=1, floor=floor_one)
    for size in sizes:
        folder = options.dir / f"archive-{size}"
        if not folder.exists():
            archive(size, folder)
        megabytes = sum(p.stat().st_size for p in folder.rglob("*.md")) / 1024 ** 2
        floor, _ = _run([sys.executable, "-c", FLOOR, str(folder), str(ROOT / "rules")], env, options.runs)
        row(f"{size:,} articles: read + one regex of all names (floor)", floor, 0, size, megabytes)
        every = py + ["check", str(folder), "--fail-on", "never", "--format", "json", "-o", str(options.dir / "report.json"),
                      "--jobs", str(options.jobs)]
        runs = options.runs if size <= 10_000 else 1
        row(f"{size:,} articles, every check, --jobs {options.jobs}", *_run(every, env, runs), size, megabytes, floor)
    largest = options.dir / f"archive-{max(sizes)}"
    db = options.dir / f"index-{max(sizes)}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    build = py + ["index", str(largest), "--db", str(db)]
    row(f"index {max(sizes):,} articles from scratch (factlint index)", *_run(build, env, 1))
    row(f"index {max(sizes):,} articles again, nothing changed", *_run(build, env, options.runs))
    new = options.dir / "new.md"
    new.write_text("---\ndate: 2025-06-10\nlang: fr\n---\n\nLe gouvernement a annoncé une aide de 3 milliards "
                   "d'euros à l'Ukraine, selon Mark Rutte.\n", encoding="utf-8")
    against = py + ["check", str(new), "--against", str(db), "--fail-on", "never"]
    row(f"one new article --against the index of {max(sizes):,}", *_run(against, env, options.runs), 1, floor=floor_one)
    print(tabulate(rows, headers=["scenario", "median s", "articles/s", "MB/s", "peak RSS MB", "× floor"],
                   tablefmt="github"))


if __name__ == "__main__":
    main()
