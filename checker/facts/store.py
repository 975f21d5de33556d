"""The compiled-rules cache: one SQLite file per content hash, read lazily.

A registry of 100,000 people must not be unpickled whole to check one article: the small parts
(offices, organisations, events, facts, title patterns) are one pickled row, and the people-scale
indexes (people, spellings, tokens, one-letter deletions, holders of each office) are tables read
key by key as the checks ask.
"""
from __future__ import annotations

import copy
import os
import pickle
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .index import FactBase

LARGE = ("spellings", "tokens", "near_index", "holders", "exact_spellings")
_TABLES = {
    "people": "people(key TEXT PRIMARY KEY, value BLOB)",
    "spellings": "spellings(key TEXT PRIMARY KEY, value BLOB)",
    "tokens": "tokens(key TEXT PRIMARY KEY, value BLOB)",
    "near_index": "near_index(key TEXT PRIMARY KEY, value BLOB)",
    "holders": "holders(key TEXT PRIMARY KEY, value BLOB)",
    "exact_spellings": "exact_spellings(key TEXT PRIMARY KEY, value BLOB)",
}


_MISSING = object()   # no such key
_UNREAD = object()    # not looked up yet


class _Table(Mapping):
    """A read-only mapping over one table; values are unpickled on access and kept."""

    def __init__(self, db: sqlite3.Connection, table: str, decode=None, path: Path | None = None) -> None:
        self._connection, self._table, self._decode, self._path = db, table, decode, path
        self._pid = os.getpid()
        self._seen: dict = {}
        self._any: bool | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        # a connection must not cross a fork: a worker process opens its own
        if os.getpid() != self._pid and self._path is not None:
            self._connection = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._seen.get(key, _UNREAD)
        if value is _UNREAD:
            value = self._seen[key] = self._fetch(key)
        return default if value is _MISSING else value

    def _fetch(self, key):
        row = self._db.execute(f"SELECT value FROM {self._table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            return _MISSING
        value = pickle.loads(row[0]) if row[0] is not None else None
        return self._decode(value) if self._decode else value

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self):
        for (key,) in self._db.execute(f"SELECT key FROM {self._table}"):
            yield key

    def __len__(self) -> int:
        return self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]

    def __bool__(self) -> bool:
        if self._any is None:   # asked for every article ("no people in the rules?"): once is enough
            self._any = self._db.execute(f"SELECT 1 FROM {self._table} LIMIT 1").fetchone() is not None
        return self._any

    def __getstate__(self):
        raise TypeError("a lazily read rules cache cannot be pickled")


def write(path: Path, base: FactBase) -> None:
    """Write the cache atomically: a reader sees the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".sqlite")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB)")
        for ddl in _TABLES.values():
            db.execute(f"CREATE TABLE {ddl}")
        small = copy.copy(base)
        small.rules = copy.copy(base.rules)
        small.rules.people = {}
        for name in LARGE:
            setattr(small, name, None)
        small._memo = {}
        db.execute("INSERT INTO meta VALUES ('base', ?)", (pickle.dumps(small, pickle.HIGHEST_PROTOCOL),))
        rows = {
            "people": ((k, pickle.dumps(v)) for k, v in base.rules.people.items()),
            "spellings": ((k, pickle.dumps(v)) for k, v in base.spellings.items()),
            "tokens": ((k, None) for k in base.tokens),
            "near_index": ((k, pickle.dumps(v)) for k, v in base.near_index.items()),
            "holders": ((k, pickle.dumps([(t, p.id) for t, p in v])) for k, v in base.holders.items()),
            "exact_spellings": ((k, None) for k in base.exact_spellings),
        }
        for table, values in rows.items():
            db.executemany(f"INSERT INTO {table} VALUES (?, ?)", values)
        db.commit()
        db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: Path) -> FactBase:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    base: FactBase = pickle.loads(db.execute("SELECT value FROM meta WHERE key = 'base'").fetchone()[0])
    people = _Table(db, "people", path=path)
    base.rules.people = people
    base.spellings = _Table(db, "spellings", path=path)
    base.tokens = _Table(db, "tokens", path=path)
    base.near_index = _Table(db, "near_index", path=path)
    base.holders = _Table(db, "holders", lambda pairs: [(term, people[pid]) for term, pid in pairs], path=path)
    base.exact_spellings = _Table(db, "exact_spellings", path=path)
    return base
