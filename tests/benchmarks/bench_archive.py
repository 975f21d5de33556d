"""Benchmark: index a synthetic archive of N articles, re-index it unchanged, check a new article against
the index, and check it together with the whole archive; the findings on the new article must be equal.

    python tests/benchmarks/bench_archive.py [--count 10000] [--dir /tmp/factlint-bench]

Not collected by pytest (bench_*.py). Deterministic: the same archive and findings for the same seed."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_gen import generate, new_article  # noqa: E402

FACTLINT = [sys.executable, "-m", "checker"]


def timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(FACTLINT + args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"factlint {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return elapsed, done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/factlint-bench"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = args.dir.resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    t0 = time.perf_counter()
    generate(work / "archive", args.count)
    (work / "new.md").write_text(new_article(), encoding="utf-8")
    print(f"generated {args.count} articles in {time.perf_counter() - t0:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")

    seconds, done = timed(["index", "archive", "--db", "archive.db"], work)
    print(f"index (fresh):            {seconds:6.2f} s  {done.stdout.strip()}")
    seconds, done = timed(["index", "archive", "--db", "archive.db"], work)
    print(f"index (unchanged):        {seconds:6.2f} s  {done.stdout.strip()}")
    print(f"index size:               {(work / 'archive.db').stat().st_size / 1e6:6.1f} MB")

    select = ["--select", "contradiction,quote-drift", "--format", "json", "--fail-on", "never"]
    times = []
    for _ in range(args.runs):
        seconds, done = timed(["check", "new.md", "--against", "archive.db", *select], work)
        times.append(seconds)
    against = json.loads(done.stdout)["findings"]
    print(f"check new.md --against:   {statistics.median(times):6.2f} s  (median of {args.runs}, process start "
          f"included; {len(against)} findings)")
    seconds, done = timed(["check", "new.md", "archive", *select], work)
    together = json.loads(done.stdout)
    on_new = [f for f in together["findings"] if f["path"] == "new.md"]
    print(f"check new.md + archive:   {seconds:6.2f} s  ({len(together['articles'])} articles, "
          f"{len(together['findings'])} findings in all: {together['summary']})")
    same = [json.dumps(f, sort_keys=True) for f in against] == [json.dumps(f, sort_keys=True) for f in on_new]
    print(f"findings on new.md equal: {same} (load average {os.getloadavg()[0]:.1f})")
    for f in against:
        print(f"  {f['line']}:{f['column']} {f['severity']} [{f['rule']}] {f['message']}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
