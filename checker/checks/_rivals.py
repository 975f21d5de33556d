"""Who disagrees with whom, for the cross-article checks whose findings cite their rivals (contradiction,
quote-drift), kept as numbers, with the rest on disk: the memory of a run grows by some 300 bytes per item in
conflict, not by its record, nor by every pair.

An archive can hold hundreds of thousands of items in conflict (these checks report each one) and tens of
millions of pairs of them. Each item in conflict gets a number, in the order it is first met; per number
are kept its place (path, line, column), how many rivals it has and its best `keep` rivals (by tier, then
score, highest first, then place: the order a finding cites them in). What a finding shows of an item (its
`side`: a tuple of strings and numbers) is written to a temporary file when the item is first met and read
back when it is reported; every pair goes to another, read back once to find, for each item, how many
conflicts its least contested rival has (`least_rival_degree`: an item is the majority's when every rival
has more than it). The files are anonymous: the system removes them however the run ends.
"""
from __future__ import annotations

import functools
import marshal
import tempfile
from array import array
from dataclasses import dataclass
from typing import Callable, Iterator

from ..finding import Location, Place

PAIRS_BUFFERED = 1 << 16    # pair numbers held before they are written


@dataclass(frozen=True, slots=True)
class Side:
    """Where an item of a conflict stands, as its finding and its rivals' show it; each check adds what else
    they show (its side() tuple: these five first)."""
    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def place(self) -> Place:
        return Place(self.path, self.line, self.column)

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column, self.end_line, self.end_column)


class Rivals:
    """The conflicts of items that have an order() (records): add() each pair that conflicts, then read."""

    def __init__(self, side: Callable[[object], tuple], keep: int, held: Callable[[object], bool] | None = None):
        self._side_of = side
        self.keep = keep
        self._held = held
        self.numbers: dict[tuple, int] = {}      # place → number
        self.places: list[tuple] = []            # number → place
        self.counts = array("i")                 # number → how many rivals
        self.flags = bytearray()                 # number → whether all its conflicts were flagged (add)
        self.records: dict[tuple, object] = {}   # place → the record itself, for the items `held` admits
        # best rivals: `keep` slots per number, best first (rival -1: an empty slot)
        self._tiers = bytearray()
        self._scores = array("d")
        self._rivals = array("i")
        self._sides = tempfile.TemporaryFile(prefix="factlint-sides-")
        self._ends = array("q", [0])             # number → where its side ends in the file (starts at the last)
        self._pairs = tempfile.TemporaryFile(prefix="factlint-pairs-")
        self._buffer = array("i")
        self.side = functools.lru_cache(maxsize=4096)(self._read_side)   # best rivals are cited again and again

    def close(self) -> None:
        self._sides.close()
        self._pairs.close()

    def __enter__(self) -> "Rivals":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _new(self, item) -> int:
        place = item.order()
        n = self.numbers[place] = len(self.places)
        self.places.append(place)
        self.counts.append(0)
        self.flags.append(1)
        self._tiers.extend(bytes(self.keep))
        self._scores.extend([0.0] * self.keep)
        self._rivals.extend([-1] * self.keep)
        data = marshal.dumps(self._side_of(item))
        self._sides.seek(self._ends[-1])
        self._sides.write(data)
        self._ends.append(self._ends[-1] + len(data))
        if self._held is not None and self._held(item):
            self.records[place] = item
        return n

    def fill(self, conflicts) -> "Rivals":
        """add() each (a, b, score, tier, flag) of `conflicts`. Judging runs in other processes and an error or
        a Ctrl-C can come in the middle: the files are then closed here, not left to the garbage collector
        (the cache of sides holds a cycle)."""
        try:
            for a, b, score, tier, flag in conflicts:
                self.add(a, b, score, tier, flag)
        except BaseException:
            self.close()
            raise
        return self

    def add(self, a, b, score: float, tier: int = 0, flag: bool = True) -> None:
        """The conflict of items a and b, of `score` (the higher, the better a rival it is) and `tier` (a lower
        tier is cited first); `flag` false clears both items' flags (`flags`: set while all their conflicts
        have it)."""
        get = self.numbers.get
        na = get(a.order())
        if na is None:
            na = self._new(a)
        nb = get(b.order())
        if nb is None:
            nb = self._new(b)
        counts = self.counts
        # an item has dozens of rivals in an archive that repeats its figures, and keeps `keep`: most are refused
        # by a comparison with its last kept, field by field, before any tuple is made
        if counts[na] < self.keep or self._before_last(na, nb, score, tier):
            self._insert(na, nb, score, tier)
        counts[na] += 1
        if counts[nb] < self.keep or self._before_last(nb, na, score, tier):
            self._insert(nb, na, score, tier)
        counts[nb] += 1
        if not flag:
            self.flags[na] = self.flags[nb] = 0
        buffer = self._buffer
        buffer.append(na)
        buffer.append(nb)
        if len(buffer) >= PAIRS_BUFFERED:
            self._flush()

    def _before_last(self, n: int, other: int, score: float, tier: int) -> bool:
        """Whether other ranks before n's last kept rival (n keeps `keep`)."""
        last = (n + 1) * self.keep - 1
        kept_tier = self._tiers[last]
        if tier != kept_tier:
            return tier < kept_tier
        kept_score = self._scores[last]
        if score != kept_score:
            return score > kept_score
        return self.places[other] < self.places[self._rivals[last]]

    def _rank(self, slot: int) -> tuple:
        return self._tiers[slot], -self._scores[slot], self.places[self._rivals[slot]]

    def _insert(self, n: int, other: int, score: float, tier: int) -> None:
        """Other among n's best rivals, after those that rank before it or with it (the order the conflicts came
        in); the last drops out when `keep` are kept already."""
        first, filled = n * self.keep, min(self.counts[n], self.keep)
        rank = (tier, -score, self.places[other])
        at = next((k for k in range(filled) if rank < self._rank(first + k)), filled)
        for k in range(min(filled, self.keep - 1), at, -1):   # the later ones move down a slot, the last drops
            slot = first + k
            self._tiers[slot], self._scores[slot], self._rivals[slot] = \
                self._tiers[slot - 1], self._scores[slot - 1], self._rivals[slot - 1]
        slot = first + at
        self._tiers[slot], self._scores[slot], self._rivals[slot] = tier, score, other

    def best(self, n: int) -> list[tuple[int, float, int]]:
        """n's best rivals, best first: (tier, score, rival's number)."""
        first = n * self.keep
        return [(self._tiers[s], self._scores[s], self._rivals[s])
                for s in range(first, first + min(self.counts[n], self.keep))]

    def count(self, place: tuple) -> int:
        """How many rivals the item at `place` has (0: none)."""
        n = self.numbers.get(place)
        return 0 if n is None else self.counts[n]

    def _read_side(self, n: int) -> tuple:
        self._sides.seek(self._ends[n])
        return marshal.loads(self._sides.read(self._ends[n + 1] - self._ends[n]))

    def _flush(self) -> None:
        self._pairs.seek(0, 2)
        self._buffer.tofile(self._pairs)
        self._buffer = array("i")

    def least_rival_degree(self, degree) -> array:
        """For each number, the least degree[rival] of its rivals (degree: by number)."""
        self._flush()
        least = array("i", [2**31 - 1]) * len(self.places)
        self._pairs.seek(0)
        while chunk := self._pairs.read(4 * PAIRS_BUFFERED):
            pairs = iter(array("i", chunk))
            for a, b in zip(pairs, pairs):
                if degree[b] < least[a]:
                    least[a] = degree[b]
                if degree[a] < least[b]:
                    least[b] = degree[a]
        return least


def reported(rivals: Rivals, collection, around: Callable[[list], Rivals]) -> Iterator[tuple[int, bool, array]]:
    """The numbers of the checked items in conflict, in report order, each with whether it is the majority's
    (every rival has more conflicts than it) and the conflicts of every number (`degree`). An archived
    rival's are counted over the whole archive: around(records) gives the conflicts of the archived items
    met (every pair has a checked side, so each of them is a rival of an item reported)."""
    places = sorted(place for place in rivals.numbers if collection.is_checked(place[0]))
    degree = array("i", rivals.counts)
    if rivals.records:
        with around(list(rivals.records.values())) as archived:
            for place in rivals.records:
                degree[rivals.numbers[place]] = archived.count(place)
    least = rivals.least_rival_degree(degree)
    for place in places:
        n = rivals.numbers[place]
        yield n, least[n] > rivals.counts[n], degree
