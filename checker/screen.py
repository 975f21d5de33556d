"""What a cross-article check may tell a large run about its judge, so that the run does not ask it what it
already knows (blocks.py)."""
from __future__ import annotations

from typing import Callable, Hashable, NamedTuple


class Screen(NamedTuple):
    """A test that refuses most pairs of a block before they are judged, asked once per two values of `key` met in
    a set of keys rather than once per pair of items: `judge` must give None to any pair (a, b) whose keys fail
    `passes` either way round, unless together(a) and together(b) share a value at one place. `key` and
    `together` are given the prepared items, `passes` two keys; the verdicts are those of judging every pair."""
    key: Callable[[object], Hashable]
    passes: Callable[[Hashable, Hashable], bool]
    together: Callable[[object], tuple]
