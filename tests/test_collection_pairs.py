"""The candidate pairs of the cross-article phase are exactly those of their definition: two items that
share at least `min_keys` blocking keys, each key held by at most `max_block` items, not of the same group,
and (with a focus) one of them in the focus; in the order of the items. Compared with a direct reading of
that definition on random collections where blocks are large, groups repeat and keys are shared often."""
from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations

import pytest

from checker.collection import Collection


@dataclass(frozen=True)
class Item:
    path: str
    line: int
    keys: tuple[str, ...]
    group: int

    def order(self):
        return (self.path, self.line, 0)


def _items(rng: random.Random, count: int) -> list[Item]:
    keys = [f"k{i}" for i in range(rng.randint(3, 30))]
    return [Item(f"a{rng.randint(0, count // 3)}.md", n, tuple(rng.sample(keys, rng.randint(0, min(4, len(keys))))),
                 rng.randint(0, rng.choice([1, 3, 50]))) for n in range(count)]


def _reference(items: list[Item], max_block: int, min_keys: int, focus: list[Item] | None) -> list[tuple[Item, Item]]:
    wanted = None if focus is None else {k for item in focus for k in item.keys}
    size = {}
    for item in items:
        for key in item.keys:
            size[key] = size.get(key, 0) + 1
    usable = {k for k, n in size.items() if 2 <= n <= max_block and (wanted is None or k in wanted)}
    pairs = []
    for a, b in combinations(sorted(items, key=Item.order), 2):
        if a.group == b.group or len(set(a.keys) & set(b.keys) & usable) < min_keys:
            continue
        if focus is not None and a not in focus and b not in focus:
            continue
        pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("seed", range(40))
def test_pairs_are_those_of_the_definition(seed):
    rng = random.Random(seed)
    items = _items(rng, rng.randint(0, 120))
    max_block, min_keys = rng.choice([2, 5, 40, 400]), rng.choice([1, 1, 2, 3])
    focus = rng.sample(items, rng.randint(0, len(items))) if rng.random() < 0.4 else None
    found = Collection([])._pairs("statement", items, lambda i: list(i.keys), max_block, min_keys,
                                  lambda i: i.group, focus)
    assert found == _reference(items, max_block, min_keys, focus)
