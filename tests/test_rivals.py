"""checks/_rivals.py: the conflicts of contradiction and quote-drift, kept as a few numbers per item in memory
with the rest on disk. Its files are closed when judging fails in the middle (an error in a worker, Ctrl-C),
not left open until the garbage collector happens to run; what it reports does not depend on how many items
it holds in memory at a time."""
from __future__ import annotations

import gc
import os
import random
import sqlite3
import sys
import tempfile
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.checks import _rivals
from checker.checks._rivals import Rivals, reported


@dataclass(frozen=True)
class _Item:
    path: str
    line: int

    def order(self) -> tuple:
        return (self.path, self.line, 1)


def _side(item) -> tuple:
    return item.path, item.line, 1, item.line, 9


def _conflicts(count: int, fail_at: int | None = None):
    for n in range(count):
        if n == fail_at:
            raise KeyboardInterrupt
        yield _Item("a.md", n), _Item("b.md", n + 1), 90.0 - n, 0, n % 2 == 0


class _Checked:
    """A collection whose every article is checked except those named."""

    def __init__(self, archived=()):
        self.archived = set(archived)

    def is_checked(self, path: str) -> bool:
        return path not in self.archived


def test_filled_rivals_count_and_rank_their_conflicts():
    with Rivals(_side, 2).fill(_conflicts(5)) as rivals:
        assert len(rivals) == 10
        assert rivals.count(("a.md", 0, 1)) == 1 and rivals.count(("b.md", 1, 1)) == 1
        assert rivals.count(("c.md", 0, 1)) == 0
        assert not rivals._pairs.closed


def test_a_failure_in_the_middle_closes_the_files():
    rivals = Rivals(_side, 2)
    with pytest.raises(KeyboardInterrupt):
        rivals.fill(_conflicts(5, fail_at=3))
    assert rivals._pairs.closed
    with pytest.raises(sqlite3.ProgrammingError):   # the database is closed (and so removed) too
        rivals._db.execute("SELECT 1")


# paths that sort differently as strings and as careless bytes: a prefix, accents, a name that is not UTF-8
PATHS = ["a.md", "a.md.bak", "a/b.md", "é.md", "z.md", "\udcff.md", "\U0001f600.md", "e.md"]


def _random_conflicts(seed: int, count: int) -> list[tuple]:
    rng = random.Random(seed)
    items = [_Item(path, line) for path in PATHS for line in range(1, 9)]
    conflicts = []
    for _ in range(count):
        a, b = rng.sample(items, 2)
        # few scores and tiers: ties, which the place of the rival and then the order of arrival break
        conflicts.append((a, b, rng.choice([60.0, 75.5, 100.0]), rng.randrange(2), rng.random() < 0.8))
    return conflicts


def _expected(conflicts: list[tuple], keep: int, checked) -> list[tuple]:
    """What reported() gives, worked out from every conflict at once."""
    rivals: dict[tuple, list] = {}
    flags: dict[tuple, bool] = {}
    for arrival, (a, b, score, tier, flag) in enumerate(conflicts):
        for one, other in ((a, b), (b, a)):
            rivals.setdefault(one.order(), []).append((tier, -score, other.order(), arrival))
            flags[one.order()] = flags.get(one.order(), True) and flag
    degree = {place: len(each) for place, each in rivals.items()}
    out = []
    for place in sorted(rivals):
        if not checked(place[0]):
            continue
        best = sorted(rivals[place])[:keep]
        least = min(degree[other] for _, _, other, _ in rivals[place])
        out.append((place, [(tier, -score, other) for tier, score, other, _ in best], degree[place], flags[place],
                    least > degree[place], degree[best[0][2]]))
    return out


def _got(rivals: Rivals, collection) -> list[tuple]:
    out = []
    for item in reported(rivals, collection, around=None):
        place = tuple(rivals.side(item.n)[:3])
        best = [(tier, score, tuple(rivals.side(m)[:3])) for tier, score, m in item.best]
        assert tuple(item.side[:3]) == place
        out.append((place, best, rivals.counts[item.n], bool(rivals.flags[item.n]), item.majority, item.rival_degree))
    return out


@pytest.mark.parametrize("active, buffered", [(2, 1 << 16), (7, 4), (1 << 12, 6), (1 << 12, 1 << 16)])
def test_what_is_reported_does_not_depend_on_the_items_held_in_memory(monkeypatch, active, buffered):
    monkeypatch.setattr(_rivals, "ACTIVE", active)   # 2: the best rivals of nearly every item stored and read back
    monkeypatch.setattr(_rivals, "PAIRS_BUFFERED", buffered)   # 4, 6: the pairs written and read back in many pieces
    for seed in range(3):
        conflicts = _random_conflicts(seed, 400)
        collection = _Checked(archived={"z.md"})
        with Rivals(_side, 3).fill(conflicts) as rivals:
            assert _got(rivals, collection) == _expected(conflicts, 3, collection.is_checked)


def _held(count: int) -> int:
    """The bytes (traced) a Rivals holds once `count` items, each in conflict with the next three, are added."""
    items = [_Item(f"archive/{n // 4:06d}.md", n % 4 + 1) for n in range(count)]
    conflicts = [(items[n], items[(n + k) % count], 80.0 - k, 0, True) for n in range(count) for k in (1, 2, 3)]
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        rivals = Rivals(_side, 5).fill(conflicts)
        held = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    rivals.close()
    return held


def test_what_an_item_costs_in_memory_beyond_the_active_ones(monkeypatch):
    monkeypatch.setattr(_rivals, "ACTIVE", 64)
    monkeypatch.setattr(_rivals, "PAIRS_BUFFERED", 1024)
    small, large = _held(2_000), _held(20_000)
    per_item = (large - small) / 18_000
    assert per_item < 16, f"{per_item:.1f} bytes held per item in conflict"   # its count and flag: 5 bytes


def _open_file_size(name: str) -> int:
    """The size of the file this process holds open under `name` (Linux), 0 if none."""
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == name:
                return os.stat(f"/proc/self/fd/{fd}").st_size
        except OSError:   # the descriptor of the listing itself, closed since
            pass
    return 0


def test_the_database_is_a_file_on_disk_whatever_the_sqlite_build(monkeypatch, tmp_path):
    """SQLite keeps its temporary database (the name "") in memory where it was built with SQLITE_TEMP_STORE 2 or
    3: the items' rows go to a named file instead, removed as soon as it is open (POSIX) or when closed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    items = [_Item(f"archive/{n:05d}.md", 1) for n in range(6_000)]
    rivals = Rivals(lambda item: (*_side(item), "x" * 1_000), 3)   # about 6 MB of sides: three times the cache
    try:
        [(_, _, file)] = rivals._db.execute("PRAGMA database_list").fetchall()
        assert file and Path(file).parent == tmp_path   # "" for SQLite's own temporary database
        if os.name == "posix":
            assert not list(tmp_path.iterdir())   # removed at once, still written and read
        rivals.fill((items[n], items[n + 1], 80.0, 0, True) for n in range(0, len(items), 2))
        assert rivals.count(items[4_000].order()) == 1 and rivals.count(items[4_001].order()) == 1
        if sys.platform.startswith("linux"):   # the pages are in the file, not in memory
            assert _open_file_size(f"{file} (deleted)") > 4_000_000
    finally:
        rivals.close()
    assert not list(tmp_path.iterdir())
