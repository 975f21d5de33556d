"""Every extractor on 100 KB of digits, dates, figures and punctuation (with long runs of digits, dots and
numbers that make careless patterns backtrack): it finishes and finds what the text holds, in proportion
to its length. Speed itself is measured by tests/benchmarks/bench_extract.py (time per KB), not here."""
from __future__ import annotations

import pytest

from stress import CHUNKS, adversarial_text, run_extractors


@pytest.mark.parametrize("code", ["fr", "en"])
def test_extractors_on_100_kb(code):
    chunk = CHUNKS[code]
    small = run_extractors(chunk * 10, code)
    repeats = 100_000 // len(chunk)
    plain = run_extractors(chunk * repeats, code)
    hostile = run_extractors(adversarial_text(code, 100_000), code)
    for name, count in small.items():
        assert count > 0, f"{name}: the stress text should exercise every extractor"
        assert plain[name] == count // 10 * repeats or abs(plain[name] - count / 10 * repeats) <= repeats, (name, plain[name])
        assert hostile[name] >= 0.9 * plain[name], (name, hostile[name], plain[name])
