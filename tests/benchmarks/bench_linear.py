"""Benchmark: time per KB of one article from 1 KB to 10 MB must stay flat (no super-linear work).

    python -m tests.benchmarks.bench_linear [--max-mb 10]

Three kinds of text: the seed articles repeated, adversarial runs (digits, capitals, quotation marks,
apostrophes, dates), and names with titles. Each row is one in-process run of every check.
"""
from __future__ import annotations

import argparse
import sys
import datetime as dt
import time

from tabulate import tabulate

from checker import facts
from checker.articles import parse_article
from checker.checks import REGISTRY, options_for
from checker.context import ArticleContext

from .generate import ROOT

ADVERSARIAL = ("1234567890 " * 3 + "AAAA BBBB CCCC " + "« “ \" ' ’ " + "l'l'l' " + "12/02/2026 16:1212/02/2026 " +
               "le 24-25 juin 2025, " + "le président élu Donald Trump, ")


def _seeds() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def _run(base, text: str) -> float:
    start = time.perf_counter()
    ctx = ArticleContext(parse_article(text, "a.txt", False), base, dt.date(2025, 6, 10))
    for module in (m for m in REGISTRY.values() if hasattr(m, "check")):
        list(module.check(ctx, options_for(module)))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-mb", type=float, default=10)
    options = parser.parse_args()
    base, _ = facts.load_factbase([ROOT / "rules"])
    sizes = [1024 * 4 ** i for i in range(20) if 1024 * 4 ** i <= options.max_mb * 1024 * 1024]
    rows = []
    for name, unit in (("seeds", _seeds()), ("adversarial", ADVERSARIAL)):
        _run(base, unit[:2000])   # warm the compiled patterns
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            seconds = _run(base, text)
            rows.append((name, f"{size / 1024:,.0f}", f"{seconds:.3f}", f"{seconds * 1000 / (size / 1024):.3f}"))
            print(*rows[-1], sep="\t", file=sys.stderr, flush=True)
    print(tabulate(rows, headers=["text", "KB", "seconds", "ms per KB"], tablefmt="github"))


if __name__ == "__main__":
    main()
