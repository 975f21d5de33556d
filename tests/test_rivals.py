"""checks/_rivals.py: the conflicts of contradiction and quote-drift, kept as numbers with their sides on
disk. Its files are closed when judging fails in the middle (an error in a worker, Ctrl-C), not left open
until the garbage collector happens to run."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from checker.checks._rivals import Rivals


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


def test_filled_rivals_count_and_rank_their_conflicts():
    with Rivals(_side, 2).fill(_conflicts(5)) as rivals:
        assert len(rivals.numbers) == 10
        assert rivals.count(("a.md", 0, 1)) == 1 and rivals.count(("b.md", 1, 1)) == 1
        assert not rivals._sides.closed


def test_a_failure_in_the_middle_closes_the_files():
    rivals = Rivals(_side, 2)
    with pytest.raises(KeyboardInterrupt):
        rivals.fill(_conflicts(5, fail_at=3))
    assert rivals._sides.closed and rivals._pairs.closed
