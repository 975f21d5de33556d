"""Benchmark: time per KB of a whole check of one article, from 10 KB to several MB, must stay flat.

    python -m tests.benchmarks.bench_linear [--max-mb 4]

The kinds of text are those of tests/test_linear_time.py (date-, quotation-, figure-, name- and
markup-dense text, and everything on one long line) plus the seed articles repeated. Each cell is one
in-process run of `runner.run` on the file: reading, masking, every check, the records and the
cross-article checks, as `factlint check FILE` does after starting Python. CPU time of this process.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from stress import ARTICLE_KINDS, adversarial_article  # noqa: E402

from .generate import ROOT  # noqa: E402


def _seeds(size: int) -> str:
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (unit * (size // len(unit) + 1))[:size]


def ms_per_kb(folder: Path, kind: str, size: int) -> float:
    from checker.runner import Settings, run
    path = folder / f"{kind}-{size}{'.md' if kind == 'markup-dense' else '.txt'}"
    path.write_text(_seeds(size) if kind == "seeds" else adversarial_article(kind, size), encoding="utf-8")
    started = time.process_time()
    run([path], Settings(rule_paths=(ROOT / "rules",), date=dt.date(2025, 6, 10)))
    return (time.process_time() - started) * 1000 / (size / 1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-mb", type=float, default=4)
    options = parser.parse_args()
    sizes = [size for size in (10 * 1024, 100 * 1024, 1024 ** 2, 4 * 1024 ** 2, 10 * 1024 ** 2)
             if size <= options.max_mb * 1024 ** 2]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ["seeds", *ARTICLE_KINDS, "long-line"]:
            ms_per_kb(Path(tmp), kind, sizes[0])   # compiled patterns and language data first
            rows.append([kind] + [f"{ms_per_kb(Path(tmp), kind, size):.2f}" for size in sizes])
            print(*rows[-1], sep="\t", file=sys.stderr, flush=True)
    headers = ["text, ms per KB"] + [f"{size / 1024:,.0f} KB" if size < 1024 ** 2 else f"{size // 1024 ** 2} MB"
                                     for size in sizes]
    print(tabulate(rows, headers=headers, tablefmt="github"))


if __name__ == "__main__":
    main()
