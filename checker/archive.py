"""The archive index: one SQLite file (standard library, WAL) of the claims, quotations and name
spellings of an archive, so that a new article is compared with the whole archive without reading it.

`update_index` makes the index hold exactly the articles of the given paths: an unchanged article costs
its content hash, a changed one is extracted again, a deleted one is dropped. The schema is versioned;
an index of another version (or extracted with other language data) is rebuilt by `factlint index` and
refused by `factlint check --against` with a message saying how to rebuild it.

Name spellings are kept for name-variant: `ArchiveIndex.name_spellings()` lists them all and
`ArchiveIndex.names_with_tokens(tokens)` those sharing a folded word with the given ones (blocking).

An index survives anything: it is written in one transaction (a rebuild's DROP and CREATE included),
so a process killed at any moment leaves the previous index whole; readers keep reading the last
committed index while a writer works (WAL); a second writer waits for the first. A new index is built
in a private file and linked into place whole, so the path names a complete index or nothing, and two
first builds run side by side (indexing.py). An index that is damaged, of another program, of a newer
factlint or in a read-only folder gets one line naming the file and what to do, never an internal error."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
from pathlib import Path
from collections import Counter
from typing import Iterable, Iterator
from urllib.parse import quote

from . import lang
from .finding import RunError
from .records import ClaimRecord, NameSpelling, QuoteRecord, load_claim, load_quote

SCHEMA_VERSION = 1
EXTRACTION_VERSION = 2          # bump when extraction changes what it produces from the same text
MIN_QUOTE_WORDS = 2             # shorter quotations are not indexed (no quote-drift option goes below)

SCHEMA_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, hash TEXT NOT NULL,
                      language TEXT NOT NULL, earliest TEXT, latest TEXT);
CREATE TABLE items(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE item_keys(key TEXT NOT NULL, kind TEXT NOT NULL, size INTEGER NOT NULL, item_id INTEGER NOT NULL,
                       article_id INTEGER NOT NULL);
CREATE TABLE names(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, line INTEGER NOT NULL,
                   col INTEGER NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL, initial INTEGER NOT NULL);
CREATE TABLE name_tokens(token TEXT NOT NULL, name_id INTEGER NOT NULL, article_id INTEGER NOT NULL);
"""
SCHEMA_INDEXES = """
CREATE INDEX items_article ON items(article_id);
CREATE INDEX item_keys_key ON item_keys(kind, key);
CREATE INDEX item_keys_article ON item_keys(article_id);
CREATE INDEX names_article ON names(article_id);
CREATE INDEX name_tokens_token ON name_tokens(token);
CREATE INDEX name_tokens_article ON name_tokens(article_id);
"""
_SCHEMA = SCHEMA_TABLES + SCHEMA_INDEXES


def extraction_fingerprint() -> str:
    """What extraction depends on besides the text: its version, the records' fields and the language data."""
    fields = ",".join(f.name for cls in (ClaimRecord, QuoteRecord) for f in dataclasses.fields(cls))
    digest = hashlib.sha256(f"{SCHEMA_VERSION}:{EXTRACTION_VERSION}:{fields}".encode())
    lang_dir = lang.FOLDER
    for name in sorted(p.name for p in lang_dir.iterdir() if p.name.endswith(".yaml")):
        digest.update(name.encode() + lang_dir.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


class IndexError_(Exception):
    """The file is not an index this factlint can use; the message says what to do."""


APPLICATION_ID = 0x46434C54   # "FCLT" in the SQLite header: what marks a factlint index
_OWN_KEYS = {"schema_version", "extraction", "rules"}   # the meta keys of an index written before the mark


def kind_of(conn: sqlite3.Connection) -> tuple[str, dict[str, str]]:
    """("empty", {}) for a file with no table (a first build that was interrupted), ("factlint", meta) for
    an index of ours, ("foreign", {}) for a database of another program. sqlite3.DatabaseError when the
    file is not a database at all or is damaged. A file with views, triggers or virtual tables is not one of
    ours, whatever its marks say: factlint writes none, and a view in place of a table could make a query that
    never ends (a recursive one) or answer something else than what was indexed."""
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    if any(kind not in ("table", "index") or (sql or "").lstrip()[:14].upper() == "CREATE VIRTUAL"
           for kind, _, sql in schema):
        return "foreign", {}
    tables = {name for kind, name, _ in schema if kind == "table"}
    if not tables:
        return "empty", {}
    meta = {}
    if "meta" in tables:
        try:
            meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
        except sqlite3.OperationalError:   # a table of that name with other columns: not ours
            meta = {}
    marked = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    return ("factlint", meta) if marked or _OWN_KEYS <= set(meta) else ("foreign", {})


def newer_schema(meta: dict[str, str]) -> bool:
    version = meta.get("schema_version", "")
    return version.isdigit() and int(version) > SCHEMA_VERSION


def describe_error(exc: sqlite3.Error, path: Path) -> str:
    """What an SQLite error means for the index at path, and what to do, in one line."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "another process is writing this index; run again when it has finished"
    if "readonly" in text or "read-only" in text or not _writable(path):
        return f"cannot write the index (read-only file or folder: {text}); choose a writable --db"
    if "not a database" in text:
        return "not an SQLite file (not a factlint index): remove it or choose another --db"
    if "malformed" in text or "decode" in text or not isinstance(exc, sqlite3.OperationalError):
        return f"the index is damaged ({text}): remove it and build it again with factlint index PATHS --db {path}"
    return f"cannot use the index: {text}"


def _writable(path: Path) -> bool:
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


class ArchiveError(Exception):
    """The index could not be read in the middle of a run (damaged): one line naming it."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.run_error = RunError(str(path), None, message)


def _guarded(method):
    """An index query whose SQLite or decoding errors become one ArchiveError naming the index."""
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise ArchiveError(self.path, describe_error(exc, self.path)) from None
        except (ValueError, KeyError, TypeError) as exc:   # a stored record that does not decode
            raise ArchiveError(self.path, f"the index is damaged (a stored record does not read back: "
                                          f"{type(exc).__name__}): remove it and build it again with "
                                          f"factlint index PATHS --db {self.path}") from None
    guarded.__name__, guarded.__doc__ = method.__name__, method.__doc__
    return guarded


class ArchiveIndex:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    def _excluded_ids(self, exclude: Iterable[str]) -> list[int]:
        paths = sorted(exclude)
        ids = []
        for i in range(0, len(paths), 500):
            chunk = paths[i:i + 500]
            ids += [row[0] for row in self.conn.execute(
                f"SELECT id FROM articles WHERE path IN ({','.join('?' * len(chunk))})", chunk)]
        return ids

    def _where(self, kind: str, exclude: Iterable[str]) -> tuple[str, list]:
        ids = self._excluded_ids(exclude)
        not_in = f" AND k.article_id NOT IN ({','.join(map(str, ids))})" if ids else ""
        return f"k.kind = ? AND k.size >= ?{not_in}", [kind, MIN_QUOTE_WORDS if kind == "quote" else 0]

    @_guarded
    def key_counts(self, kind: str, keys: list[str], exclude: Iterable[str] = ()) -> dict[str, int]:
        """How many indexed items carry each key (the articles in `exclude` left out)."""
        where, args = self._where(kind, exclude)
        counts: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            counts.update(self.conn.execute(
                f"SELECT k.key, COUNT(*) FROM item_keys k WHERE {where} "
                f"AND k.key IN ({','.join('?' * len(chunk))}) GROUP BY k.key", [*args, *chunk]))
        return counts

    @_guarded
    def items_with_keys(self, kind: str, keys: list[str], exclude: Iterable[str] = (), min_keys: int = 1
                        ) -> list[tuple[str, object]]:
        """(key, record) for every indexed item carrying one of the keys, in a stable order; with `min_keys`,
        only the items carrying at least that many of them (the others cannot pair, and are not read)."""
        load = load_quote if kind == "quote" else load_claim
        where, args = self._where(kind, exclude)
        rows: list[tuple[str, int]] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows += self.conn.execute(
                f"SELECT k.key, k.item_id FROM item_keys k WHERE {where} "
                f"AND k.key IN ({','.join('?' * len(chunk))})", [*args, *chunk]).fetchall()
        carried = Counter(item_id for _, item_id in rows)
        wanted = sorted(item_id for item_id, n in carried.items() if n >= min_keys)
        bodies: dict[int, object] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for item_id, body in self.conn.execute(
                    f"SELECT id, body FROM items WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                bodies[item_id] = load(body)
        return [(key, bodies[item_id]) for key, item_id in sorted(rows) if item_id in bodies]

    def name_spellings(self, exclude: Iterable[str] = ()) -> Iterator[NameSpelling]:
        """Every indexed name spelling, by path and position."""
        return iter(self._name_spellings(exclude))

    @_guarded
    def _name_spellings(self, exclude: Iterable[str]) -> list[NameSpelling]:
        return list(self._each_name_spelling(exclude))

    def _each_name_spelling(self, exclude: Iterable[str]) -> Iterator[NameSpelling]:
        skip = set(exclude)
        for row in self.conn.execute("SELECT a.path, n.line, n.col, n.text, n.folded, n.initial FROM names n "
                                     "JOIN articles a ON a.id = n.article_id ORDER BY a.path, n.line, n.col"):
            if row[0] not in skip:
                yield NameSpelling(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    @_guarded
    def names_with_tokens(self, tokens: Iterable[str], exclude: Iterable[str] = ()) -> list[NameSpelling]:
        """The indexed spellings that share a folded word (fold_name, split) with the given tokens."""
        wanted = sorted(set(tokens))
        skip = set(exclude)
        out: dict[int, NameSpelling] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for row in self.conn.execute(
                    "SELECT n.id, a.path, n.line, n.col, n.text, n.folded, n.initial FROM name_tokens t "
                    "JOIN names n ON n.id = t.name_id JOIN articles a ON a.id = n.article_id "
                    f"WHERE t.token IN ({','.join('?' * len(chunk))})", chunk):
                if row[1] not in skip:
                    out[row[0]] = NameSpelling(row[1], row[2], row[3], row[4], row[5], bool(row[6]))
        return sorted(out.values(), key=lambda n: (n.path, n.line, n.column))

    @_guarded
    def article_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def open_archive(path: Path) -> ArchiveIndex | RunError:
    """Open an index for reading; a missing, empty, foreign, damaged or newer file, another schema or
    other language data is refused in one line. A writer at work is no obstacle: the last committed
    index is read. In a folder this user cannot write, the file is read as it is (immutable)."""
    shown = str(path)
    if not path.is_file():
        return RunError(shown, None, "not a regular file (a device, a pipe or a folder): not an index" if path.exists()
                        else "no such index: build it with factlint index PATHS --db FILE")
    conn = problem = None
    for uri in (f"file:{quote(str(path))}?mode=ro", f"file:{quote(str(path))}?immutable=1"):
        try:
            conn = sqlite3.connect(uri, uri=True)
            kind, meta = kind_of(conn)
            break
        except sqlite3.Error as exc:   # WAL in a read-only folder: no -shm file can be made; or damaged
            if conn is not None:
                conn.close()
            conn, problem = None, describe_error(exc, path)
            if _writable(path) or not isinstance(exc, sqlite3.OperationalError):
                break
    if conn is None:
        return RunError(shown, None, problem)
    problem = {"empty": "the index is empty (its first build did not finish): build it with factlint index "
                        f"PATHS --db {shown}",
               "foreign": "not a factlint index (a database of another program): choose another file"}.get(kind)
    if problem is None and newer_schema(meta):
        problem = (f"the index was built by a newer factlint (index schema {meta['schema_version']}, this one "
                   f"reads {SCHEMA_VERSION}): use that version, or build another index with this one")
    if problem is None:
        problem = _version_problem(meta)
        problem = problem and f"{problem}; rebuild it with factlint index PATHS --db {shown}"
    if problem:
        conn.close()
        return RunError(shown, None, problem)
    return ArchiveIndex(conn, path)


def _version_problem(meta: dict[str, str]) -> str | None:
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return f"index schema version {meta.get('schema_version', 'unknown')}, this factlint reads {SCHEMA_VERSION}"
    if meta.get("extraction") != extraction_fingerprint():
        return "index extracted by another version of factlint or its language data"
    return None
