"""A large run's memory does not grow with its articles: run as one (records and findings on disk, store.SPILL
lowered), an archive four times larger leaves this process holding about as much once its articles are read,
and contradiction holds a few hundred bytes per claim in conflict, not its evidence nor its every rival."""
from __future__ import annotations

import functools
import gc
import tracemalloc
from pathlib import Path

import pytest

from checker import runner, spilled, store
from checker.checks import _rivals, contradiction
from checker.pipeline import Settings
from benchmarks.generate import archive

SMALL, LARGE = 40, 320
PER_ARTICLE = 400        # bytes held per article read: about 210, the text of its path (as Path objects, summaries and
                         # hashes: 885)
PER_CONFLICT = 800       # bytes the run holds after contradiction's conflicts are added, per claim in conflict (about
                         # 300, all but a few of them the judging's, not checks/_rivals.py's: see tests/test_rivals.py;
                         # its evidence and rivals once held: 1,660)
# what contradiction holds, made (quote-drift's judge keeps caches of its own in this process, bounded but larger
# than these archives: what it holds per item is not told apart from them here)
CHECKS = {contradiction: contradiction._conflicts}
READ = runner.check_collection


def _measure(folder: Path, monkeypatch) -> dict:
    """What this process holds once the articles are read, and what each cross-article check holds once every
    pair is judged (above what it started with), with how many items are in conflict."""
    held = {}

    def after_reading(*args, **kwargs):
        gc.collect()   # what is held, not garbage the paused collector has yet to free (engines.py)
        held["read"] = tracemalloc.get_traced_memory()[0]
        return READ(*args, **kwargs)
    monkeypatch.setattr(runner, "check_collection", after_reading)
    for module, conflicts in CHECKS.items():
        def measured(verdicts, collection, module=module, conflicts=conflicts):
            start = tracemalloc.get_traced_memory()[0]
            rivals = conflicts(verdicts, collection)
            held[module.ID] = (tracemalloc.get_traced_memory()[0] - start, len(rivals))
            return rivals
        monkeypatch.setattr(module, conflicts.__name__, measured)
    rules = _rules()
    tracemalloc.start()
    try:
        report = runner.run([folder], SETTINGS, loaded=rules)
    finally:
        tracemalloc.stop()
    assert len(report.articles) == len(list(folder.rglob("*.md")))
    return held


SETTINGS = Settings(jobs=2)      # this process reads no article: it holds what it is sent


@functools.lru_cache(maxsize=None)
def _rules():
    """The rules, read once: the same objects in every run, not counted as what a run holds."""
    return runner.load_rules(SETTINGS)


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> tuple[Path, Path]:
    out = []
    for count in (SMALL, LARGE):
        folder = tmp_path_factory.mktemp(f"archive{count}")
        archive(count, folder)   # the benchmark's archives: conflicting figures and quotations in most articles
        out.append(folder)
    return out[0], out[1]


def test_a_large_run_holds_nothing_per_article(archives, monkeypatch):
    monkeypatch.setattr(store, "SPILL", 0)          # records in the store, findings and summaries on disk
    monkeypatch.setattr(store, "UNIT_ROWS", 40)
    monkeypatch.setattr(spilled, "BUFFER", 16)
    monkeypatch.setattr(spilled, "BATCH", 8)
    monkeypatch.setattr(_rivals, "ACTIVE", 16)      # these archives' items in conflict, not all held at once
    _measure(archives[0], monkeypatch)              # caches of the first articles of each language
    small = _measure(archives[0], monkeypatch)
    large = _measure(archives[1], monkeypatch)
    grown = (large["read"] - small["read"]) / (LARGE - SMALL)
    assert grown < PER_ARTICLE, f"{grown:.0f} bytes held per article read"
    for check in (contradiction.ID,):
        (small_held, small_items), (large_held, large_items) = small[check], large[check]
        assert large_items > small_items + 20, f"{check}: the larger archive has more conflicts to hold"
        per_item = (large_held - small_held) / (large_items - small_items)
        assert per_item < PER_CONFLICT, f"{check}: {per_item:.0f} bytes held per item in conflict"
