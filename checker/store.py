"""Where a large run keeps what its articles say until they are compared: a temporary SQLite file of the
archive index's schema (archive.py), not the memory of the process.

A run of more than SPILL articles has its per-article workers turn each record into rows (`rows_of`: the
claims and quotations marshalled (records.pack) with their blocking keys, the name spellings), which the
runner adds to a RecordStore as they come back. The cross-article phase then reads the store in units
(blocks.py): the blocking keys in sorted order cut into ranges holding at most UNIT_ROWS items, each
range's items read back with all their usable keys, and the bodies of those that pair there. The process that compares articles holds one unit
at a time (with --jobs, one per worker), so its memory does not grow with the archive.

The file lives in a folder of its own (mode 0700) made for the run and removed at its end (an error and
Ctrl-C included); a run killed outright leaves it, and the next run removes it (the folder is named after
the process, which is then gone). It is written without a journal, since nothing outlives the run.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from .archive import MIN_QUOTE_WORDS, SCHEMA_TABLES
from .match import claim_keys
from .quotematch import quote_keys
from .pipeline import State, process
from .records import ArticleRecord, NameSpelling, dump, pack
from .report import Report

SPILL = 2000          # a run of more articles than this keeps its records in a store, not in memory
UNIT_ROWS = 2000      # item-key memberships read back at a time: bounds the memory of one unit, and small enough
                      # that --jobs workers share the units evenly (8,000: phase 2 of 10,000 articles 1.1 × faster on
                      # two workers; 2,000: 1.5 ×)
COMMIT_EVERY = 500    # articles added between commits
PREFIX = "factlint-records-"
# the one index a store's reads use (usable keys and their items: usable, unit_keys); items are read by id, names
# in full. An index's others (by article, names by their words) would cost their building and nothing else
STORE_INDEXES = "CREATE INDEX item_keys_key ON item_keys(kind, key);"


def rows_of(record: ArticleRecord, body: Callable[[object], str | bytes] = dump) -> tuple:
    """A record as the rows of an index or a store: (path, language, date, items, names), items as
    (kind, body, word count, keys), names as (line, column, text, folded, sentence initial). The body is the
    item's JSON (an index's), or what `body` makes of it (a store's: records.pack)."""
    items = [("claim", body(c), 0, claim_keys(c)) for c in record.claims]
    items += [("quote", body(q), len(q.norm.split()), quote_keys(q, MIN_QUOTE_WORDS)) for q in record.quotes]
    names = [(n.line, n.column, n.text, n.folded, int(n.sentence_initial)) for n in record.names]
    return record.path, record.language, record.date, items, names


def process_rows(job, state: State) -> Report:
    """pipeline.process, with the record already turned into rows (in the worker, not in the runner)."""
    part = process(job, state)
    part.records = [rows_of(r, pack) for r in part.records]
    return part


def insert_rows(conn: sqlite3.Connection, rows: tuple, digest: str, tokens: bool = True) -> None:
    """Add one article's rows (rows_of) to an index or a store; without `tokens`, not the words of its names (an
    index looks names up by them, a store never does).

    A few statements an article, not one per item and name: the rows are numbered as SQLite would number
    them (one more than the largest id of the table), so the ids are the same as if inserted one by one."""
    path, language, date, items, names = rows
    article_id = conn.execute("INSERT INTO articles(path, hash, language, earliest, latest) VALUES (?, ?, ?, ?, ?)",
                              (path, digest, language, *(date or (None, None)))).lastrowid
    if items:
        first = _next_id(conn, "items")
        conn.executemany("INSERT INTO items(id, article_id, kind, body) VALUES (?, ?, ?, ?)",
                         [(item_id, article_id, kind, body) for item_id, (kind, body, _, _) in enumerate(items, first)])
        conn.executemany("INSERT INTO item_keys(key, kind, size, item_id, article_id) VALUES (?, ?, ?, ?, ?)",
                         [(k, kind, size, item_id, article_id)
                          for item_id, (kind, _, size, item_keys) in enumerate(items, first) for k in item_keys])
    if names:
        first = _next_id(conn, "names")
        conn.executemany("INSERT INTO names(id, article_id, line, col, text, folded, initial) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(name_id, article_id, *name) for name_id, name in enumerate(names, first)])
        if tokens:
            conn.executemany("INSERT INTO name_tokens(token, name_id, article_id) VALUES (?, ?, ?)",
                             [(t, name_id, article_id) for name_id, (_, _, _, folded, _) in enumerate(names, first)
                              for t in sorted(set(folded.split()))])


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id SQLite gives the next row of `table` when none is said: one more than the largest."""
    [[largest]] = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
    return largest + 1


class RecordStore:
    """The records of one run on disk. add() while the articles are read, then finish(); close() removes it."""

    def __init__(self) -> None:
        _sweep()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        self.path = self.folder / "records.sqlite"
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.executescript(SCHEMA_TABLES)
        self.added = 0
        self.finished = False

    def add(self, rows: tuple) -> None:
        insert_rows(self.conn, rows, "", tokens=False)
        self.added += 1
        if self.added % COMMIT_EVERY == 0:
            self.conn.commit()

    def finish(self) -> None:
        """Index what was added (faster after than during the inserts); the store is read-only from here."""
        if not self.finished:
            self.conn.executescript(STORE_INDEXES)
            self.conn.commit()
            self.finished = True

    def close(self) -> None:
        self.conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "RecordStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def name_spellings(self) -> Iterator[NameSpelling]:
        """Every name spelling, in (path, line, column) order, streamed."""
        for row in self.conn.execute("SELECT a.path, n.line, n.col, n.text, n.folded, n.initial FROM names n "
                                     "JOIN articles a ON a.id = n.article_id ORDER BY a.path, n.line, n.col, n.id"):
            yield NameSpelling(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    def name_forms(self) -> Iterator[tuple[str, str]]:
        """(text, folded) of every name spelling, in no set order (no sort, no join), streamed."""
        return iter(self.conn.execute("SELECT text, folded FROM names"))

    def usable(self, kind: str, max_block: int, min_size: int) -> str:
        """The name of a table of the keys that `max_block` allows (2 to max_block items of at least
        `min_size` words), made once per kind and options; beside it, `<table>_sets` holds each item's usable
        keys in one row (unit_keys)."""
        table = f"usable_{kind}_{int(max_block)}_{int(min_size)}"
        exists = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        if not exists:
            self.conn.execute(f"CREATE TABLE {table}(key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
            self.conn.execute(f"INSERT INTO {table} SELECT key, COUNT(*) FROM item_keys WHERE kind = ? AND size >= ? "
                              f"GROUP BY key HAVING COUNT(*) BETWEEN 2 AND ?", (kind, min_size, max_block))
            # an item's keys span many units (a quotation's dozen word pairs): read in one row, not a row per key,
            # in each of them. CROSS JOIN: from the usable keys to their items, not every item's keys (20 × faster)
            self.conn.execute(f"CREATE TABLE {table}_sets(item_id INTEGER PRIMARY KEY, keys TEXT NOT NULL)")
            self.conn.execute(f"INSERT INTO {table}_sets SELECT k.item_id, group_concat(k.key, char(10)) "
                              f"FROM {table} u CROSS JOIN item_keys k ON k.kind = ? AND k.key = u.key "
                              f"WHERE k.size >= ? GROUP BY k.item_id", (kind, min_size))
            self.conn.commit()
        return table

    def unit_ranges(self, table: str) -> Iterator[tuple[str, str]]:
        """(first key, last key) of consecutive ranges of usable keys holding at most UNIT_ROWS items
        (a key's block is never cut)."""
        lo = hi = None
        held = 0
        for key, n in self.conn.execute(f"SELECT key, n FROM {table} ORDER BY key"):
            if lo is not None and held + n > UNIT_ROWS:
                yield lo, hi
                lo, held = None, 0
            if lo is None:
                lo = key
            hi, held = key, held + n
        if lo is not None:
            yield lo, hi


def _sweep() -> None:
    """Remove the stores that runs killed outright (SIGKILL, the machine's OOM killer) left behind: the
    folder names the process that made it, and a folder of a process that is gone is nobody's."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = folder.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:          # another user's process: alive, and not ours to touch
        return True
    return True


def unit_keys(conn: sqlite3.Connection, kind: str, table: str, min_size: int, lo: str, hi: str
              ) -> list[tuple[int, tuple[str, ...]]]:
    """The items holding a usable key in [lo, hi]: (item id, every usable key of the item, sorted), by item id."""
    parsed: dict[str, tuple[str, ...]] = {}   # an archive repeats its quotations, and their keys with them
    # from the usable keys of the range to their items (most keys in the range are not usable); "+u.key": so that
    # SQLite looks each one up, rather than scanning the whole range for each (it would carry the range over). The
    # items' ids are made distinct before their keys are read: an item holds several keys of a range (a quotation's
    # word pairs), and DISTINCT over (id, keys) compared its whole keys again for each (quotations of 4,000 articles:
    # 0.18 against 0.11 s)
    rows = conn.execute(
        f"SELECT s.item_id, s.keys FROM {table}_sets s WHERE s.item_id IN (SELECT k.item_id FROM {table} u "
        f"CROSS JOIN item_keys k ON k.kind = ? AND k.key = +u.key WHERE u.key BETWEEN ? AND ? AND k.size >= ?) "
        f"ORDER BY s.item_id", (kind, lo, hi, min_size))
    # keys are words and hashes joined by "|" and one space: never a line break (usable() joins them with one)
    return [(item_id, parsed.get(keys) or parsed.setdefault(keys, tuple(sorted(keys.split("\n")))))
            for item_id, keys in rows]


def bodies(conn: sqlite3.Connection, ids: list[int]) -> dict[int, bytes]:
    """The bodies (records.pack) of the items `ids`."""
    found: dict[int, bytes] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        found.update(conn.execute(f"SELECT id, body FROM items WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return found
