"""The compiled-rules cache: one SQLite file per content hash, read lazily, holding plain data only.

A registry of 100,000 people must not be decoded whole to check one article: the small part of the
rules (offices, organisations, events, facts, rates) is one row, and the people-scale indexes
(people, spellings, tokens, one-letter deletions, holders of each office) are tables read key by key
as the checks ask. Every value is JSON, decoded and checked against the model's types (plain.py): a
cache file runs no code, whoever wrote it. A value that does not decode, or a file SQLite cannot
read, is damage found in the middle of a run: the tables then answer from rules compiled afresh
(`rebuild`) and the file is removed, so that the next run writes a good one. Damage only costs time.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..safeio import replacing
from . import plain
from .factbase import Entity, FactBase
from .model import Person, Rules, Term

FORMAT = "factlint-rules-4"
# table → (the FactBase attribute it holds, the type of a row's value; None: only the keys matter)
_TABLES: dict[str, tuple[str, object]] = {
    "people": ("people", Person),
    "spellings": ("spellings", list[Entity]),
    "tokens": ("tokens", None),
    "near_index": ("near_index", list[str]),
    "holders": ("holders", list[tuple[Term, str]]),
    "exact_spellings": ("exact_spellings", None),
}


class _Fallback:
    """The rules compiled afresh, once, for every table of a damaged cache file."""

    def __init__(self, path: Path, rebuild: Callable[[], FactBase]) -> None:
        self.path, self._rebuild, self._base = path, rebuild, None

    def table(self, name: str):
        if self._base is None:
            self._base = self._rebuild() or FactBase(Rules())   # the rule files went away meanwhile
            try:
                self.path.unlink()
            except OSError:
                pass
        return self._base.rules.people if name == "people" else getattr(self._base, name)


class _Table(Mapping):
    """A read-only mapping over one table; values are decoded on access and kept."""

    def __init__(self, db: sqlite3.Connection, table: str, fallback: _Fallback, decode=None) -> None:
        self._connection, self._table, self._fallback, self._decode = db, table, fallback, decode
        self._kind = _TABLES[table][1]
        self._pid = os.getpid()
        self._seen: dict = {}
        self._any: bool | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        # a connection must not cross a fork: a worker process opens its own
        if os.getpid() != self._pid:
            self._connection = _connect(self._fallback.path)
            self._pid = os.getpid()
        return self._connection

    def _query(self, sql: str, args=()):
        """Rows of the query, or None when the file is damaged (the fallback answers instead)."""
        try:
            return self._db.execute(sql.format(table=self._table), args).fetchall()
        except sqlite3.Error:
            return None

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
        rows = self._query("SELECT value FROM {table} WHERE key = ?", (key,))
        try:
            if rows is None:
                raise plain.Invalid("unreadable")
            if not rows:
                return _MISSING
            if self._kind is None:
                return None
            value = plain.loads(rows[0][0], self._kind)
            return self._decode(value) if self._decode else value
        except (plain.Invalid, KeyError):
            return self._fallback.table(_TABLES[self._table][0]).get(key, _MISSING)

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self):
        rows = self._query("SELECT key FROM {table}")
        if rows is None or not all(isinstance(key, str) for key, in rows):
            yield from self._fallback.table(_TABLES[self._table][0])
            return
        for (key,) in rows:
            yield key

    def __len__(self) -> int:
        rows = self._query("SELECT count(*) FROM {table}")
        return rows[0][0] if rows else len(self._fallback.table(_TABLES[self._table][0]))

    def __bool__(self) -> bool:
        if self._any is None:   # asked for every article ("no people in the rules?"): once is enough
            rows = self._query("SELECT 1 FROM {table} LIMIT 1")
            self._any = bool(rows) if rows is not None else bool(self._fallback.table(_TABLES[self._table][0]))
        return self._any

    def __getstate__(self):
        raise TypeError("a lazily read rules cache cannot be pickled")


_MISSING = object()   # no such key
_UNREAD = object()    # not looked up yet


def _connect(path: Path) -> sqlite3.Connection:
    # immutable: a cache file is written whole under a new name (safeio.replacing) and never changed after, so
    # SQLite need not lock it and look for a journal at every query (a word of an article is a query: 3.4 -> 1.2 µs);
    # a cache file changed in place by another program while a run has it open would be read as it was
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def write(path: Path, base: FactBase) -> None:
    """Write the cache atomically: a reader sees the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with replacing(path, prefix=".rules-", suffix=".sqlite") as (fd, tmp):
        os.close(fd)
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        for table in _TABLES:
            db.execute(f"CREATE TABLE {table}(key TEXT PRIMARY KEY, value TEXT)")
        small = replace(base.rules, people={})
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("rules", plain.dumps(small))])
        rows = {
            "people": ((k, plain.dumps(v)) for k, v in base.rules.people.items()),
            "spellings": ((k, plain.dumps(v)) for k, v in base.spellings.items()),
            "tokens": ((k, None) for k in base.tokens),
            "near_index": ((k, plain.dumps(v)) for k, v in base.near_index.items()),
            "holders": ((k, plain.dumps([(t, p.id) for t, p in v])) for k, v in base.holders.items()),
            "exact_spellings": ((k, None) for k in base.exact_spellings),
        }
        for table, values in rows.items():
            db.executemany(f"INSERT INTO {table} VALUES (?, ?)", values)
        db.commit()
        db.close()


def read(path: Path, rebuild: Callable[[], FactBase]) -> FactBase:
    """The FactBase of a cache file; plain.Invalid or sqlite3.Error when its small part cannot be read
    (the caller rebuilds); damage found later in a table is answered by `rebuild()` (see the module)."""
    db = _connect(path)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT:
        raise plain.Invalid(f"cache format {meta.get('format')!r}")
    base = FactBase.__new__(FactBase)
    base.rules = plain.loads(meta.get("rules"), Rules)
    base._index_rules()
    fallback = _Fallback(path, rebuild)
    people = _Table(db, "people", fallback)
    base.rules.people = people
    base.spellings = _Table(db, "spellings", fallback)
    base.tokens = _Table(db, "tokens", fallback)
    base.near_index = _Table(db, "near_index", fallback)
    base.holders = _Table(db, "holders", fallback, lambda pairs: [(term, people[pid]) for term, pid in pairs])
    base.exact_spellings = _Table(db, "exact_spellings", fallback)
    return base
