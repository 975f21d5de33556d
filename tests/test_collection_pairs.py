"""The candidate pairs of the cross-article phase are exactly those of their definition: two items that
share at least `min_keys` blocking keys, each key held by at most `max_block` items, not of the same group,
and (with a focus) one of them in the focus; in the order of the items. Compared with a direct reading of
that definition on random collections where blocks are large, groups repeat and keys are shared often,
alone and against an archive (one side of every pair is then this run's)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations
from types import SimpleNamespace

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


class Archive:
    """The two questions the pairing asks an archive index, answered from a list of items."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items

    def key_counts(self, kind, keys, exclude=()):
        return {k: n for k in keys if (n := sum(k in item.keys for item in self.items))}

    def items_with_keys(self, kind, keys, exclude=(), min_keys=1):
        return [(k, item) for item in self.items if len(set(item.keys) & set(keys)) >= min_keys
                for k in item.keys if k in keys]


def _items(rng: random.Random, count: int, folder: str = "a") -> list[Item]:
    keys = [f"k{i}" for i in range(rng.randint(3, 30))]
    return [Item(f"{folder}{rng.randint(0, count // 3)}.md", n, tuple(rng.sample(keys, rng.randint(0, min(4, len(keys))))),
                 rng.randint(0, rng.choice([1, 3, 50]))) for n in range(count)]


def _reference(items: list[Item], max_block: int, min_keys: int, focus: list[Item] | None,
               archived: list[Item] = ()) -> list[tuple[Item, Item]]:
    wanted = {k for item in (items if focus is None else focus) for k in item.keys}
    size = {}
    for item in [*items, *archived]:
        for key in item.keys:
            size[key] = size.get(key, 0) + 1
    usable = {k for k, n in size.items() if 2 <= n <= max_block and k in wanted}
    pairs = []
    for a, b in combinations(sorted([*items, *archived], key=Item.order), 2):
        if a.group == b.group or len(set(a.keys) & set(b.keys) & usable) < min_keys:
            continue
        ours = items if focus is None else focus
        if (focus is not None or archived) and a not in ours and b not in ours:
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


@pytest.mark.parametrize("seed", range(20))
def test_pairs_against_an_archive_are_those_of_the_definition(seed):
    rng = random.Random(seed)
    items, archived = _items(rng, rng.randint(0, 60)), _items(rng, rng.randint(1, 80), folder="z")
    # max_block above the number of items: a key that the archive's items make too common still pairs this
    # run's items with each other (they are counted apart), which the definition above does not model
    max_block, min_keys = 400, rng.choice([1, 2])
    focus = rng.sample(items, rng.randint(0, len(items))) if rng.random() < 0.3 else None
    checked = [SimpleNamespace(path=path) for path in sorted({item.path for item in items})]   # this run's articles
    collection = Collection(checked, archive=Archive(archived))
    found = collection._pairs("statement", items, lambda i: list(i.keys), max_block, min_keys, lambda i: i.group, focus)
    assert found == _reference(items, max_block, min_keys, focus, archived)
