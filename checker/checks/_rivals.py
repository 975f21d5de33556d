"""Who disagrees with whom, for the cross-article checks whose findings cite their rivals (contradiction,
quote-drift): a few bytes of memory per item in conflict, the rest in a temporary database and file.

An archive can hold hundreds of thousands of items in conflict (these checks report each one) and tens of
millions of pairs of them. Each item in conflict gets a number, in the order it is first met; held in memory
per number are only how many rivals it has and whether all its conflicts were flagged (5 bytes), and two
arrays of 4 bytes while its findings are made. Its place (path, line, column), what a finding shows of it
(its `side`: a tuple of strings and numbers) and its best `keep` rivals (by tier, then score, highest first,
then place: the order a finding cites them in) are rows of a private SQLite database on disk, which sorts
the items in report order. The best rivals of the items met last (ACTIVE of them) are held in memory, keyed
by place: an item's conflicts come close together (the pairs of one unit of blocking keys at a time), so
nearly every item is written once and read back once. Every pair goes to a temporary file, read back once to
find, for each item, how many conflicts its least contested rival has (`least_rival_degree`: an item is the
majority's when every rival has more than it). The files are removed as soon as they are open, so the system
removes them however the run ends (where it cannot, as on Windows, the database is removed when closed).
"""
from __future__ import annotations

import functools
import marshal
import os
import sqlite3
import tempfile
from array import array
from bisect import insort
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import Callable, Iterator, NamedTuple

from ..finding import Location, Place

PAIRS_BUFFERED = 1 << 16    # pair numbers held before they are written
ACTIVE = 1 << 12            # items whose best rivals are held in memory (the others' are read back when met): twice
                            # the items a unit of the store holds at most (store.UNIT_ROWS), whose pairs come together

_SCHEMA = """
CREATE TABLE item (n INTEGER PRIMARY KEY, path BLOB, line INTEGER, col INTEGER, side BLOB, best BLOB);
CREATE UNIQUE INDEX place ON item (path, line, col);
"""
_rank = itemgetter(0)


def _path_key(path: str) -> bytes:
    """A path as the database sorts it: UTF-8 bytes compare as the strings do (by code point), and a file name
    that is not UTF-8 (lone surrogates) is kept too."""
    return path.encode("utf-8", "surrogatepass")


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


def _private_database() -> tuple[sqlite3.Connection, str | None]:
    """A database on disk that only this process sees, and its file's name while the file still has one (see close).
    Not SQLite's temporary database (the name ""): a build with SQLITE_TEMP_STORE 2 or 3, which some systems ship,
    keeps that one in memory, pragma or not, and the items in conflict would be held in memory again. A named
    file in the temporary folder instead, removed as soon as SQLite has it open where the system allows it."""
    fd, path = tempfile.mkstemp(prefix="factlint-rivals-", suffix=".sqlite")
    os.close(fd)
    try:
        db = sqlite3.connect(path, isolation_level=None)
    except BaseException:
        os.remove(path)
        raise
    try:
        os.remove(path)
    except OSError:   # an open file cannot be removed (Windows): removed by close()
        return db, path
    return db, None


class Rivals:
    """The conflicts of items that have an order() (records): fill() with the pairs that conflict, then read."""

    def __init__(self, side: Callable[[object], tuple], keep: int, held: Callable[[object], bool] | None = None):
        self._side_of = side
        self.keep = keep
        self._held = held
        self.counts = array("i")                 # number → how many rivals
        self.flags = bytearray()                 # number → whether all its conflicts were flagged (add)
        self.records: dict[tuple, object] = {}   # place → the record itself, for the items `held` admits
        # place → (number, best rivals, the place): best rivals as ((tier, -score, rival's place), rival's number),
        # best first, the places those of the active items' (one tuple and path string per item, not per rival)
        self._active: dict[tuple, tuple[int, list, tuple]] = {}
        self._db, self._path = _private_database()
        # one transaction, never committed: pages beyond the cache (2 MB) go to the file, none is synced. Without a
        # journal SQLite never needs the file's name (it refuses to write to a removed file only to keep a rollback
        # journal named after it)
        self._db.executescript("PRAGMA cache_size = -2000; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                               + _SCHEMA + "BEGIN;")
        self._pairs = tempfile.TemporaryFile(prefix="factlint-pairs-")
        self._buffer = array("i")
        self.side = functools.lru_cache(maxsize=4096)(self._read_side)   # best rivals are cited again and again

    def __len__(self) -> int:
        return len(self.counts)

    def close(self) -> None:
        self._db.close()
        self._pairs.close()
        if self._path is not None:
            os.remove(self._path)
            self._path = None

    def __enter__(self) -> "Rivals":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # complex by design (C901): one loop does what a call per conflict would, for hundreds of thousands of them
    def fill(self, conflicts) -> "Rivals":  # noqa: C901
        """Each (a, b, score, tier, flag) of `conflicts`: the conflict of items a and b, of `score` (the higher,
        the better a rival it is) and `tier` (a lower tier is cited first); `flag` false clears both items' flags
        (`flags`: set while all their conflicts have it). Judging runs in other processes and an error or a
        Ctrl-C can come in the middle: the files are then closed here, not left to the garbage collector (the
        cache of sides holds a cycle).

        Each item is offered to the other's best rivals, after those that rank before it or with it (the order
        the conflicts came in); the last drops out when `keep` are kept already. An item has dozens of rivals
        in an archive that repeats its figures, and keeps `keep`: most are refused by one comparison with its
        last kept. One loop, no call per conflict: hundreds of thousands of conflicts come through here."""
        active, met, counts, flags, keep = self._active, self._met, self.counts, self.flags, self.keep
        state_at = active.get
        buffer = self._buffer
        append = buffer.append
        last = None   # the item a of the conflict before: a unit's conflicts come item by item, its rivals in turn
        try:
            for a, b, score, tier, flag in conflicts:
                if a is not last:
                    # the active items are stored only here, while no item's state is held: storing a's would
                    # lose what follows (so they may pass ACTIVE by the rivals of one item)
                    if len(active) >= ACTIVE:
                        self._store(ACTIVE // 2)
                    last = a
                    na, best_a, place_a = state_at(a.order()) or met(a)
                    full_a = len(best_a) >= keep   # only a's own conflicts change its best rivals
                nb, best_b, place_b = state_at(b.order()) or met(b)
                score = -score
                if not full_a:
                    insort(best_a, ((tier, score, place_b), nb), key=_rank)
                    full_a = len(best_a) >= keep
                elif (tier, score, place_b) < best_a[-1][0]:
                    best_a.pop()
                    insort(best_a, ((tier, score, place_b), nb), key=_rank)
                if len(best_b) < keep:
                    insort(best_b, ((tier, score, place_a), na), key=_rank)
                elif (tier, score, place_a) < best_b[-1][0]:
                    best_b.pop()
                    insort(best_b, ((tier, score, place_a), na), key=_rank)
                counts[na] += 1
                counts[nb] += 1
                if not flag:
                    flags[na] = flags[nb] = 0
                append(na)
                append(nb)
                if len(buffer) >= PAIRS_BUFFERED:
                    self._flush()
                    buffer = self._buffer
                    append = buffer.append
        except BaseException:
            self.close()
            raise
        return self

    def _met(self, item) -> tuple[int, list, tuple]:
        """The state of an item not among the active ones: numbered now (its side written), or read back (met
        before: rare, see ACTIVE)."""
        place = item.order()
        key = (_path_key(place[0]), place[1], place[2])
        if self._db.execute("INSERT OR IGNORE INTO item (n, path, line, col, side) VALUES (?, ?, ?, ?, ?)",
                            (len(self.counts), *key, marshal.dumps(self._side_of(item)))).rowcount:
            state = len(self.counts), [], place
            self.counts.append(0)
            self.flags.append(1)
            if self._held is not None and self._held(item):
                self.records[place] = item
        else:
            [[n, best]] = self._db.execute("SELECT n, best FROM item WHERE path = ? AND line = ? AND col = ?", key)
            state = n, [((tier, score, (path, line, column)), m) for tier, score, path, line, column, m in
                        marshal.loads(best)], place
        self._active[place] = state
        return state

    def _store(self, count: int) -> None:
        """The best rivals of the `count` items met first among the active ones, written and let go."""
        gone = list(islice(self._active.items(), count))
        self._db.executemany("UPDATE item SET best = ? WHERE n = ?", (
            (marshal.dumps([(tier, score, *place, m) for (tier, score, place), m in best]), n)
            for _, (n, best, _) in gone))
        for place, _ in gone:
            del self._active[place]

    def number(self, place: tuple) -> int | None:
        """The number of the item at `place` (None: not in conflict)."""
        row = self._db.execute("SELECT n FROM item WHERE path = ? AND line = ? AND col = ?",
                               (_path_key(place[0]), place[1], place[2])).fetchone()
        return None if row is None else row[0]

    def count(self, place: tuple) -> int:
        """How many rivals the item at `place` has (0: none)."""
        n = self.number(place)
        return 0 if n is None else self.counts[n]

    def reported(self, wanted: Callable[[str], bool], degree) -> Iterator[Reported]:
        """The items whose path is wanted, in the order of their places (path, line, column); degree: the
        conflicts of every number, for the majority test."""
        if self._active:
            self._store(len(self._active))
        least = self.least_rival_degree(degree)
        for n, path, side, best in self._db.execute("SELECT n, path, side, best FROM item ORDER BY path, line, col"):
            if wanted(path.decode("utf-8", "surrogatepass")):
                best = [(tier, -score, m) for tier, score, _, _, _, m in marshal.loads(best)]
                yield Reported(n, marshal.loads(side), best, least[n] > self.counts[n], degree[best[0][2]])

    def _read_side(self, n: int) -> tuple:
        [[data]] = self._db.execute("SELECT side FROM item WHERE n = ?", (n,))
        return marshal.loads(data)

    def _flush(self) -> None:
        self._pairs.seek(0, 2)
        self._buffer.tofile(self._pairs)
        self._buffer = array("i")

    def least_rival_degree(self, degree) -> array:
        """For each number, the least degree[rival] of its rivals (degree: by number)."""
        self._flush()
        least = array("i", [2**31 - 1]) * len(self.counts)
        self._pairs.seek(0)
        while chunk := self._pairs.read(4 * PAIRS_BUFFERED):
            pairs = iter(array("i", chunk))
            for a, b in zip(pairs, pairs):
                if degree[b] < least[a]:
                    least[a] = degree[b]
                if degree[a] < least[b]:
                    least[b] = degree[a]
        return least


class Reported(NamedTuple):
    """An item in conflict, as its finding needs it."""
    n: int
    side: tuple
    best: list[tuple[int, float, int]]   # its best rivals, best first: (tier, score, rival's number)
    majority: bool                       # every rival has more conflicts than it
    rival_degree: int                    # the conflicts of its best rival


def reported(rivals: Rivals, collection, around: Callable[[list], Rivals]) -> Iterator[Reported]:
    """The checked items in conflict, in report order. An archived rival's conflicts are counted over the whole
    archive: around(records) gives the conflicts of the archived items met (every pair has a checked side, so
    each of them is a rival of an item reported)."""
    degree = array("i", rivals.counts)
    if rivals.records:
        with around(list(rivals.records.values())) as archived:
            for place in rivals.records:
                degree[rivals.number(place)] = archived.count(place)
    return rivals.reported(collection.is_checked, degree)
