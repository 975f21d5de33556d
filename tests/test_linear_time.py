"""Linear time on any text: a whole check of one article (reading, masking, every check, the records
and the cross-article checks) timed on 10 KB, 100 KB and 1 MB of each kind of adversarial text, in one
run. Work that grows with the square of the text (every number against every date, every quotation
against every name, every finding against its whole line) shows as a time per KB that grows with the
size; the test fails when it more than doubles from 10 KB to 1 MB. CPU time of the process that checks,
not wall time, divided by the CPU time of a fixed piece of pure Python run just before and after (on a
machine shared with other jobs the same work costs twice the CPU time from one minute to the next);
two kinds are measured at a time, in two processes. The figures are in docs/linear-time.md."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from conftest import RULES
from stress import ARTICLE_KINDS, adversarial_article

KINDS = [*ARTICLE_KINDS, "long-line"]
SIZES = (10 * 1024, 100 * 1024, 1024 * 1024)


def _ms_per_kb(folder: Path, kind: str, size: int) -> float:
    from checker.runner import Settings, run
    path = folder / f"{kind}-{size}{'.md' if kind == 'markup-dense' else '.txt'}"
    path.write_text(adversarial_article(kind, size), encoding="utf-8")
    settings = Settings(rule_paths=(RULES,), date=dt.date(2025, 6, 10))
    speed = _machine()
    started = time.process_time()
    report = run([path], settings)
    seconds = time.process_time() - started
    speed = (speed + _machine()) / 2
    assert not report.errors, report.errors
    return seconds * 1000 / (size / 1024) * (REFERENCE / speed)


REFERENCE = 0.02   # seconds the fixed loop takes on an idle core of the machine the figures were taken on


def _machine() -> float:
    """CPU seconds of a fixed piece of pure Python: the machine's speed at this moment (median of three)."""
    times = []
    for _ in range(3):
        started = time.process_time()
        total = 0
        for i in range(200_000):
            total += i * i % 7
        times.append(time.process_time() - started)
    return statistics.median(times)


def measure(kind: str) -> list[float]:
    """ms per KB of a whole check at each of SIZES (at 10 KB, the median of three, after a first run that
    pays for the compiled patterns and the language data)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _ms_per_kb(folder, kind, SIZES[0])
        small = statistics.median(_ms_per_kb(folder, kind, SIZES[0]) for _ in range(3))
        middle = _ms_per_kb(folder, kind, SIZES[1])
        if middle > 4 * small:   # quadratic already: 1 MB would take hours, and the answer is known
            return [small, middle, float("inf")]
        return [small, middle, _ms_per_kb(folder, kind, SIZES[2])]


def test_time_per_kb_stays_flat_from_10_kb_to_1_mb():
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        results = dict(zip(KINDS, pool.map(measure, KINDS)))
    table = "\n".join(f"{kind:16} " + "  ".join(f"{ms:6.2f}" for ms in per_kb) for kind, per_kb in results.items())
    print(f"\nms per KB at 10 KB, 100 KB, 1 MB\n{table}")
    grown = {kind: per_kb for kind, per_kb in results.items() if per_kb[2] > 2 * per_kb[0]}
    assert not grown, f"time per KB more than doubled from 10 KB to 1 MB:\n{table}"
