"""The cross-article phase of a large run, a unit of blocking keys at a time, from the records on disk.

The pairs are those of collection.py: two items sharing at least `min_keys` usable keys (a key is
usable when 2 to `max_block` items carry it) and not of one group. Here the usable keys, in sorted
order, are cut into units (store.py); a unit reads back the items carrying one of its keys, with all
their usable keys, and forms the pairs of its blocks. A pair whose items share keys of several units
would be found by each: it belongs to the unit of the smallest key they share, and the others drop it.
So every pair is judged exactly once, by whichever process runs its unit, and the verdicts are those
of collection.Collection.judged (a test compares them, tests/test_blocks.py).

Units run in this process (`--jobs 1`), in forked workers that read the store themselves (`--jobs N`),
or on Dask workers (`--engine dask`), which cannot read this machine's files: the unit's rows are read
here and shipped, a few units at a time, so neither side holds more than a few units.
"""
from __future__ import annotations

import pickle
import sqlite3
from typing import Callable, Hashable, Iterator, NamedTuple

from .records import NameSpelling, unpack_claim, unpack_quote
from .screen import Screen
from .store import RecordStore, bodies, unit_keys
from .workers import capped, map_with_state, pool as worker_pool, process_context

MIN_KEYS = {"claim": 1, "quote": 2}   # keys two items must share to be paired (as collection.py)


def _group(kind: str, item) -> tuple:
    """Two items of one group are never paired (as collection.py): the same value as written; the same
    words from the same speaker (or from unnamed ones)."""
    if kind == "claim":
        return item.value, item.low, item.high, item.step
    return item.norm, item.speaker_key if item.explicit else None


class _Kin(NamedTuple):
    """The items of one set of keys whose screen key is one value: its number, the together() values of its items
    (tagged by place), and the items split by group (_by_group)."""
    number: int
    together: frozenset
    groups: list[tuple[int, list[int]]]


def unit_verdicts(kind: str, lo: str, hi: str, rows: list[tuple], judge: Callable, options: dict,
                  max_block: int, prepare: Callable | None = None, screen: Screen | None = None) -> list[tuple]:
    """(a, b, verdict) of the pairs of one unit: rows are (item or its body, records.pack, its usable keys); the unit's
    blocks are the keys from lo to hi; the judge is given each item as prepare(item, options), made once.
    A pair is judged in the block of the smallest usable key its items share, and skipped in the others:
    so no set of the unit's pairs is kept, only one block's at a time.

    Items that carry the same keys pair alike with every other item, so keys are compared once per two sets
    of keys, then their items are paired: an archive repeats quotations (wire copy, follow-ups), and the
    units of 4,000 articles hold 43,834 quotations with 945 sets of keys between them. With a `screen`, the
    items of a set are split further by its key, and two such parts that fail it are not paired at all (unless
    two of their items are together, Screen): at 16,000 benchmark articles, 41,326 claims have 2,485 values of
    whose they are, and half of their 2.36 M pairs are refused by it."""
    load = unpack_claim if kind == "claim" else unpack_quote
    items = sorted(((load(body) if isinstance(body, bytes) else body, keys) for body, keys in rows),
                   key=lambda row: row[0].order())
    groups: dict[tuple, int] = {}
    group_ids = [groups.setdefault(_group(kind, item), len(groups)) for item, _ in items]
    held, numbers = _key_sets(keys for _, keys in items)
    views = [item if prepare is None else prepare(item, options) for item, _ in items]
    kin, apart = _kinship(views, group_ids, numbers, screen)
    sizes = [len(each) for each in numbers]
    smallest = [min(keys) for keys in held]
    min_keys = MIN_KEYS[kind]
    count = len(items)
    out = []
    for key, sets in _judged_blocks(held, sizes, lo, hi, max_block):
        for pair in sorted(_block_pairs(key, sets, held, kin, apart, smallest, min_keys, count)):
            a, b = divmod(pair, count)
            verdict = judge(views[a], views[b], options)
            if verdict is not None:
                out.append((items[a][0], items[b][0], verdict))
    return out


def _kinship(views: list, group_ids: list[int], numbers: list[list[int]], screen: Screen | None
             ) -> tuple[list[list[_Kin]], Callable[[_Kin, _Kin], bool]]:
    """The items of each set of keys split by the screen's key (_Kin, in order of their first item; one part without
    a screen), and whether two parts are apart: the screen fails and no two of their items are together."""
    if screen is None:
        return [[_Kin(0, frozenset(), _by_group(each, group_ids))] for each in numbers], lambda p, q: False
    values: dict[Hashable, int] = {}
    classes = [values.setdefault(screen.key(view), len(values)) for view in views]
    keys = list(values)
    tags = [frozenset(enumerate(screen.together(view))) for view in views]
    kin = []
    for each in numbers:
        parts: dict[int, list[int]] = {}
        for number in each:
            parts.setdefault(classes[number], []).append(number)
        kin.append([_Kin(c, frozenset().union(*(tags[n] for n in part)), _by_group(part, group_ids))
                    for c, part in parts.items()])
    passing: dict[tuple[int, int], bool] = {}

    def apart(p: _Kin, q: _Kin) -> bool:
        both = p.number, q.number
        passes = passing.get(both)
        if passes is None:
            x, y = keys[p.number], keys[q.number]
            passes = passing[both] = screen.passes(x, y) or screen.passes(y, x)
        return not passes and p.together.isdisjoint(q.together)
    return kin, apart


def _key_sets(keys_of_items) -> tuple[list[frozenset], list[list[int]]]:
    """The distinct sets of keys the items carry (in order of their first item) and the numbers of the items
    carrying each (items without a key carry none)."""
    alike: dict[frozenset, list[int]] = {}
    for number, keys in enumerate(keys_of_items):
        if keys:
            alike.setdefault(frozenset(keys), []).append(number)
    return list(alike), list(alike.values())


def _block_pairs(key: str, sets: list[int], held, kin: list[list[_Kin]], apart: Callable, smallest, min_keys: int,
                 count: int) -> list[int]:
    """The pairs (a * count + b) judged in the block of `key` (_set_pairs), items of different groups, save those
    of two parts that are apart (_kinship)."""
    pairs: list[int] = []
    for s, t in _set_pairs(key, sets, held, smallest, min_keys):
        mine = kin[s]
        if t is None:
            combos = ((p, q) for x, p in enumerate(mine) for q in mine[x:])
        else:
            combos = ((p, q) for p in mine for q in kin[t])
        for p, q in combos:
            if not apart(p, q):
                pairs += _across(p.groups, None if p is q else q.groups, count)
    return pairs


def _set_pairs(key: str, sets: list[int], held, smallest, min_keys: int,
               known: set[int] | frozenset[int] = frozenset()) -> Iterator[tuple[int, int | None]]:
    """The sets of keys (numbers) holding `key` whose items pair in its block: (s, None) for two items of s,
    (s, t) for one of each; those whose smallest shared key it is, and which share at least `min_keys` keys.
    Pairs of two sets both in `known` are left out."""
    for x, s in enumerate(sets):
        mine = held[s]
        # one key in common is enough, and it is the smallest they share when it is either's smallest:
        # no need to intersect their keys
        first = min_keys == 1 and smallest[s] == key
        if len(mine) >= min_keys and smallest[s] == key:
            yield s, None
        for t in sets[x + 1:]:
            if t in known and s in known:
                continue
            if not (first or (min_keys == 1 and smallest[t] == key)):
                shared = mine & held[t]
                if len(shared) < min_keys or min(shared) != key:
                    continue   # too few keys in common, or judged in the block of a smaller key
            yield s, t


def unit_rows(conn: sqlite3.Connection, kind: str, table: str, min_size: int, lo: str, hi: str,
              max_block: int) -> list[tuple]:
    """The rows of the unit [lo, hi] for unit_verdicts, (body, usable keys), by item id: the items holding
    one of its keys that pair in one of its blocks, whatever their groups. An item's keys span many units (a
    quotation's dozen word pairs) but its pairs are judged in one or two: its body is read only there."""
    rows = unit_keys(conn, kind, table, min_size, lo, hi)
    held, numbers = _key_sets(keys for _, keys in rows)
    sizes = [len(each) for each in numbers]
    smallest = [min(keys) for keys in held]
    pairing: set[int] = set()
    for key, sets in _judged_blocks(held, sizes, lo, hi, max_block):
        # two sets both known to pair need not be tested (their keys intersected) again
        for s, t in _set_pairs(key, sets, held, smallest, MIN_KEYS[kind], pairing):
            if t is not None:
                pairing |= {s, t}
            elif sizes[s] > 1:
                pairing.add(s)
    wanted = sorted(rows[n][0] for s in pairing for n in numbers[s])
    found = bodies(conn, wanted)
    return [(found[item_id], keys) for item_id, keys in rows if item_id in found]


def _judged_blocks(held: list[frozenset], sizes: list[int], lo: str, hi: str, max_block: int
                  ) -> Iterator[tuple[str, list[int]]]:
    """The blocks of the unit (_blocks) whose items are judged: at most `max_block` of them. unit_rows reads back
    the items these pair, unit_verdicts judges them: one rule for both."""
    for key, sets in _blocks(held, lo, hi).items():
        if sum(sizes[s] for s in sets) <= max_block:
            yield key, sets


def _blocks(held: list[frozenset], lo: str, hi: str) -> dict[str, list[int]]:
    """The unit's blocks: each key from lo to hi, with the numbers of the sets of keys that hold it, in order."""
    blocks: dict[str, list[int]] = {}
    for number, keys in enumerate(held):
        for key in sorted(keys):
            if lo <= key <= hi:
                blocks.setdefault(key, []).append(number)
    return blocks


def _by_group(numbers: list[int], group_ids: list[int]) -> list[tuple[int, list[int]]]:
    """Item numbers (in order) split by group: (group, its numbers), in order of their first item."""
    by_group: dict[int, list[int]] = {}
    for number in numbers:
        by_group.setdefault(group_ids[number], []).append(number)
    return list(by_group.items())


def _across(first: list[tuple[int, list[int]]], second: list[tuple[int, list[int]]] | None, count: int) -> list[int]:
    """The pairs of items of different groups, as a * count + b (a < b): one of `first` and one of `second`, or
    two of `first` (both split by group, _by_group)."""
    if second is None:
        combos = [(one, two) for x, (_, one) in enumerate(first) for _, two in first[x + 1:]]
    else:
        combos = [(one, two) for group, one in first for other, two in second if group != other]
    return [a * count + b if a < b else b * count + a for one, two in combos for a in one for b in two]


class StoreCollection:
    """What the collection checks see in a large run: the records of the store (no archive: a run with
    `--against` holds its own records, collection.Collection). Every article of the store is checked."""

    def __init__(self, store: RecordStore, jobs: int = 1, client=None, window: int = 4) -> None:
        self.store = store
        self.jobs = jobs
        self.client = client            # a dask.distributed Client: units are judged on its workers
        self.window = window            # units in flight on the cluster
        self.archive = None
        store.finish()

    def is_checked(self, path: str) -> bool:
        return True

    def name_spellings(self) -> Iterator[NameSpelling]:
        return self.store.name_spellings()

    def name_forms(self) -> Iterator[tuple[str, str]]:
        return self.store.name_forms()

    def judged(self, kind: str, judge: Callable, options: dict, max_block: int, min_words: int = 0,
               prepare: Callable | None = None, screen: Screen | None = None) -> Iterator[tuple]:
        """(a, b, verdict) as collection.Collection.judged gives them (not in the same order)."""
        min_size = min_words if kind == "quote" else 0
        table = self.store.usable(kind, max_block, min_size)
        units = [(kind, table, min_size, lo, hi, judge, options, max_block, prepare, screen)
                 for lo, hi in self.store.unit_ranges(table)]
        if self.client is not None:
            yield from _on_cluster(self.client, self.store.conn, units, self.window)
        elif self.jobs > 1 and len(units) > 1:
            with worker_pool(min(capped(self.jobs), len(units)), process_context(), str(self.store.path), _open) as pool:
                for found in map_with_state(pool, _unit, units, spill=str(self.store.folder)):
                    yield from found
        else:
            for unit in units:
                yield from _unit(unit, self.store.conn)


def _open(path: str) -> sqlite3.Connection:
    """In a worker: its own connection to the store (a forked copy of the parent's is not to be used)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _unit(unit: tuple, conn: sqlite3.Connection) -> list[tuple]:
    kind, table, min_size, lo, hi, judge, options, max_block, prepare, screen = unit
    rows = unit_rows(conn, kind, table, min_size, lo, hi, max_block)
    return unit_verdicts(kind, lo, hi, rows, judge, options, max_block, prepare, screen)


def _on_cluster(client, conn: sqlite3.Connection, units: list[tuple], window: int) -> Iterator[tuple]:
    """Each unit's rows read here and judged on the cluster, at most `window` units in flight."""
    pending = []
    for kind, table, min_size, lo, hi, judge, options, max_block, prepare, screen in units:
        # sent to a worker as data of its own, not inside the task: the scheduler never holds the rows. One
        # pickled block: dask serialises a list item by item, and that, not the judging, held the phase back
        rows = pickle.dumps(unit_rows(conn, kind, table, min_size, lo, hi, max_block), pickle.HIGHEST_PROTOCOL)
        [rows] = client.scatter([rows], hash=False)
        pending.append(client.submit(_pickled_unit, kind, lo, hi, rows, judge, options, max_block, prepare, screen,
                                     pure=False))
        if len(pending) >= window:
            yield from pending.pop(0).result()
    for future in pending:
        yield from future.result()


def _pickled_unit(kind: str, lo: str, hi: str, rows: bytes, judge: Callable, options: dict, max_block: int,
                  prepare: Callable | None, screen: Screen | None) -> list[tuple]:
    """On a worker: the verdicts of a unit whose rows came as one pickled block (_on_cluster)."""
    return unit_verdicts(kind, lo, hi, pickle.loads(rows), judge, options, max_block, prepare, screen)
