"""Time per KB of every extractor on adversarial text (digits, dates, figures, punctuation), at growing sizes:
the time per KB stays flat when extraction is linear in the text.

    python tests/benchmarks/bench_extract.py [--sizes 25 50 100 200]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stress import adversarial_text, run_extractors  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100, 200], help="sizes in KB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run_extractors(adversarial_text("fr", 5000), "fr")   # compile the patterns once
    run_extractors(adversarial_text("en", 5000), "en")
    print(f"{'lang':<5}{'KB':>6}{'ms':>10}{'ms/KB':>9}")
    for code in ("fr", "en"):
        for kb in args.sizes:
            text = adversarial_text(code, kb * 1000)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                run_extractors(text, code)
                times.append(time.perf_counter() - start)
            ms = statistics.median(times) * 1000
            print(f"{code:<5}{kb:>6}{ms:>10.1f}{ms / kb:>9.2f}")


if __name__ == "__main__":
    main()
