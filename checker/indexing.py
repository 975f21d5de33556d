"""Build and update the archive index (`factlint index PATHS --db FILE`): see archive.py for the file.

Changed articles are extracted in this process, in forked processes of this machine, or on a Dask cluster
(engines.py); the records always come back in walk order and are stored here, so the index is the same."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import sqlite3
import time
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

from . import engines, facts
from .archive import (APPLICATION_ID, SCHEMA_VERSION, _SCHEMA, IndexError_, _version_problem,
                      describe_error, extraction_fingerprint, kind_of, newer_schema)
from .articles import _decode, display_path, parse_article, read_article_bytes, walk
from .context import ArticleContext
from .finding import RunError
from .records import ArticleRecord, record_of
from .store import insert_rows, rows_of
from .workers import fork_context, map_with_state, pool as worker_pool


@dataclass
class IndexStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rebuilt: str | None = None                   # why the index was rebuilt from scratch
    committed: bool = False                      # the transaction was committed: the index holds this run
    errors: list[RunError] = field(default_factory=list)
    problems: list[RunError] = field(default_factory=list)

    def line(self) -> str:
        total = self.added + self.updated + self.unchanged
        return (f"{total} article(s) indexed: {self.added} added, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.deleted} deleted")


def rules_fingerprint(paths: list[Path]) -> str:
    """The rule files' names and contents: they date the articles, so other rules mean a new index."""
    files, _ = facts.rule_files(paths)
    digest = hashlib.sha256()
    for path in sorted(files):
        try:
            digest.update(display_path(path).encode() + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()[:16]


def _fresh(conn: sqlite3.Connection, fingerprint: str, rules: str) -> None:
    """Drop every table and create the schema, inside the caller's transaction (no executescript, which
    would commit first): a kill before the commit leaves the previous index as it was."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                     [("schema_version", str(SCHEMA_VERSION)), ("extraction", fingerprint), ("rules", rules)])


def _private_file(db: Path) -> Path:
    """An empty file of this run only, beside db (the same filesystem, so that it can be linked as db), made as
    SQLite makes a database (0644 less the umask: the published index is as readable as one built in place).
    Its name says whose it is and what it was for, should a kill -9 leave it behind."""
    path = db.with_name(f".{db.name[:120]}.{os.getpid()}-{secrets.token_hex(4)}.building")
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    return path


def _remove(path: Path) -> None:
    for suffix in ("-journal", "-wal", "-shm", ""):
        with suppress(OSError):   # a file left behind is only untidy: the error that matters is the run's
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _publish(private: Path, db: Path) -> bool:
    """Give the complete index in `private` the name db, unless a file has that name by now (another run published
    first): False then. A hard link never replaces a file. Where the filesystem has none (FAT, some network
    shares), a rename, and only while db is still missing: a run that publishes in the instant between the look
    and the rename has its index replaced by this one, both complete."""
    try:
        os.link(private, db)
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(db):
            return False
        os.replace(private, db)
    return True


def _locked(db: Path, wait: float) -> tuple[sqlite3.Connection, str, dict[str, str]]:
    """A connection to db holding its write lock, waiting up to `wait` seconds for another writer, and what the
    file is (kind_of); a file of another program is only read. IndexError_ when it cannot be had."""
    deadline = time.monotonic() + wait
    while True:
        conn = None
        try:
            conn = sqlite3.connect(str(db), timeout=max(deadline - time.monotonic(), 0.0), isolation_level=None)
            if kind_of(conn)[0] in ("empty", "factlint"):   # a file of another program is not touched at all
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE")
            kind, meta = kind_of(conn)
            return conn, kind, meta
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            message = describe_error(exc, db)
            if "another process" not in message:
                raise IndexError_(message) from None
            left = deadline - time.monotonic()
            if left > 0:
                # SQLite says "busy" without waiting where its busy handler is not called (the other writer
                # changing the journal mode, or its WAL being recovered): the wait is this loop's
                time.sleep(min(RETRY_SECONDS, left))
                continue
            raise IndexError_(f"another factlint index is writing this index (waited {wait:g} s); run again when "
                              "it has finished, or wait longer with --wait SECONDS") from None


def _open_for_update(db: Path, rules: str, stats: IndexStats, wait: float) -> sqlite3.Connection:
    """A connection holding the write lock, in a transaction that the caller commits: a second writer
    waits up to `wait` seconds for it. A file that holds no index (empty, made by hand) is built in place.
    IndexError_ (one line: what to do) for a file that must not be written: another program's database, a
    newer factlint's index, a damaged or read-only file."""
    conn, kind, meta = _locked(db, wait)
    fingerprint = extraction_fingerprint()
    problem = {"foreign": "not a factlint index (a database of another program): nothing was written; "
                          "choose another --db"}.get(kind)
    if problem is None and newer_schema(meta):
        problem = (f"built by a newer factlint (index schema {meta['schema_version']}, this one writes "
                   f"{SCHEMA_VERSION}): nothing was written; use that version, or choose another --db")
    if problem:
        conn.close()
        raise IndexError_(problem)
    if kind == "empty":
        _fresh(conn, fingerprint, rules)
        return conn
    problem = _version_problem(meta)
    if problem is None and meta.get("rules") != rules:
        problem = "the rules changed (article dates may differ)"
    if problem:
        stats.rebuilt = problem
        _fresh(conn, fingerprint, rules)
    return conn


def _delete(conn: sqlite3.Connection, article_id: int) -> None:
    for table in ("item_keys", "items", "name_tokens", "names"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def _insert(conn: sqlite3.Connection, record: ArticleRecord, digest: str) -> None:
    insert_rows(conn, rows_of(record), digest)


PARALLEL_MIN = 200         # fewer changed articles than this are extracted in this process
BATCH = 2000               # articles read and extracted at a time: memory stays bounded


RETRY_SECONDS = 0.1        # between two tries of a writer that SQLite answered "busy" at once
WAIT_SECONDS = 60.0        # how long a second `factlint index` of the same file waits for the first


def update_index(paths: list[Path], db: Path, base, rules_fingerprint: str, date: dt.date | None = None,
                 workers: int | None = None, engine: str = "local", scheduler: str | None = None,
                 rules: list[tuple[str, bytes]] = (), wait: float = WAIT_SECONDS, selection=None) -> IndexStats:
    """Make the index at `db` hold exactly the articles under `paths` (those `selection` takes, as
    factlint check does); unchanged ones cost a hash.
    Changed articles are extracted by `workers` processes (default: one per core) when there are many;
    with engine "dask", on the cluster at `scheduler` (default: a LocalCluster of `workers` processes),
    whose workers build the rules from `rules`, the rule files' (name, contents) (engines.rule_contents).
    Everything is written in one transaction, committed at the end: see archive.py.
    Where db does not exist, the first index is built in a private file beside it and published complete
    (_first_build): a failed first build leaves no file, and two first builds run side by side; the one
    that publishes second updates the published index, which costs it a hash per article it shares."""
    if engine == "dask" and not rules:
        raise ValueError("the dask engine needs the rule files' contents")
    workers = workers or os.cpu_count() or 1
    key = rules_fingerprint + (f"@{date}" if date else "")

    def fill(conn: sqlite3.Connection, stats: IndexStats) -> None:
        _update(conn, db, paths, base, date, stats, workers, engine, scheduler, rules, selection)

    if os.path.lexists(db):
        return _update_in_place(db, key, fill, wait)
    first, published_by_another = _first_build(db, key, fill)
    if not published_by_another:
        return first
    stats = _update_in_place(db, key, fill, wait)
    # what this run found in its articles, though it no longer extracts those the published index has
    stats.problems = first.problems + [p for p in stats.problems if p not in first.problems]
    return stats


def _update_in_place(db: Path, rules: str, fill, wait: float) -> IndexStats:
    """Update the index file db under its write lock, waiting up to `wait` seconds for another writer."""
    stats = IndexStats()
    if os.path.exists(db) and not os.path.isfile(db):   # SQLite would answer "disk I/O error" for a pipe or a device
        stats.errors.append(RunError(str(db), None, "not a regular file (a device, a pipe or a folder): not an index; "
                                                    "choose another --db"))
        return stats
    try:
        conn = _open_for_update(db, rules, stats, wait)
    except IndexError_ as exc:
        stats.errors.append(RunError(str(db), None, str(exc)))
        return stats
    try:
        fill(conn, stats)
        conn.execute("COMMIT")
        stats.committed = True
    except sqlite3.Error as exc:   # disk full, damaged pages: the transaction is rolled back
        stats.errors.append(RunError(str(db), None, f"{describe_error(exc, db)}; the index was not changed"))
        return stats
    finally:
        conn.close()
    _checkpoint(db)
    return stats


def _first_build(db: Path, rules: str, fill) -> tuple[IndexStats, bool]:
    """Build a new index in a private file beside db and publish it as db (committed); and whether another run
    published db first (the caller then updates that one). The path db only ever names a complete index, so a
    build that fails (an error, Ctrl-C, a full disk) or a run killed at any moment leaves no index file; a kill -9
    leaves the private file (.NAME.PID-XXXXXXXX.building), which nothing reads: it may be removed."""
    stats = IndexStats()
    try:
        private = _private_file(db)
    except OSError as exc:
        stats.errors.append(RunError(str(db), None, f"cannot write the index in {db.parent} ({exc.strerror}); "
                                                    "choose a writable --db"))
        return stats, False
    try:
        try:
            _build_privately(private, rules, fill, stats)
        except sqlite3.Error as exc:   # a full disk: nothing was published
            stats.errors.append(RunError(str(db), None, f"{describe_error(exc, db)}; no index was written"))
            return stats, False
        try:
            stats.committed = _publish(private, db)
        except OSError as exc:   # the rename, where the filesystem has no hard links
            stats.errors.append(RunError(str(db), None, f"cannot write the index ({exc.strerror}); no index was "
                                                        "written"))
            return stats, False
        return stats, not stats.committed
    finally:
        _remove(private)


def _build_privately(private: Path, rules: str, fill, stats: IndexStats) -> None:
    """The first index, in a file no other process knows of (no lock to wait for). It is written with SQLite's
    rollback journal, gone at the commit: the file alone is then the whole index, with no log to move into it.
    Then it is marked WAL, as every index is, so that its readers and its next writer never wait for each other
    (the mark writes no log: the file stays whole)."""
    conn = sqlite3.connect(str(private), isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        _fresh(conn, extraction_fingerprint(), rules)
        fill(conn, stats)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _update(conn, db: Path, paths, base, date, stats: IndexStats, workers: int, engine: str, scheduler, rules,
            selection) -> None:
    known = {path: (aid, digest) for aid, path, digest in conn.execute("SELECT id, path, hash FROM articles")}
    seen: set[str] = set()
    missing = False
    batch: list[tuple[str, bytes, bool, str]] = []
    with ExitStack() as stack:
        cluster = _Cluster(stack, scheduler, workers, rules, date) if engine == "dask" else None
        for item in walk(paths, selection):
            if isinstance(item, RunError):
                stats.errors.append(item)
                missing = True
                continue
            todo = _changed(item, known, seen, stats)
            if todo:
                batch.append(todo)
            if len(batch) >= BATCH:
                _extract_and_store(conn, batch, base, date, known, stats, workers, cluster)
                batch = []
        _extract_and_store(conn, batch, base, date, known, stats, workers, cluster)
    if missing:         # a mistyped path must not empty the index
        stats.problems.append(RunError(str(db), None, "a path is missing: no article was dropped"))
        return
    for path in sorted(set(known) - seen):
        _delete(conn, known[path][0])
        stats.deleted += 1


def _checkpoint(db: Path) -> None:
    """Move the committed pages into the file itself, so that the file alone is the index (a copy, a read-only
    folder). Readers at work can delay it: it is only tidiness, never needed for correctness."""
    try:
        conn = sqlite3.connect(str(db), timeout=1)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass


def _changed(item: Path, known, seen, stats: IndexStats) -> tuple[str, bytes, bool, str] | None:
    """(path shown, bytes, markdown, hash) of an article to extract, None when unchanged or unreadable."""
    shown = display_path(item)
    seen.add(shown)   # an article that cannot be read now keeps what the index has of it
    raw = read_article_bytes(item)
    if isinstance(raw, RunError):
        stats.errors.append(raw)
        return None
    digest = hashlib.sha256(raw).hexdigest()
    previous = known.get(shown)
    if previous and previous[1] == digest:
        stats.unchanged += 1
        return None
    return shown, raw, item.suffix.lower() in (".md", ".markdown"), digest


def _extract(todo: tuple[str, bytes, bool, str], base, date: dt.date | None):
    """(path shown, hash, record or RunError, problems)."""
    shown, raw, markdown, digest = todo
    text = _decode(raw, shown)
    if isinstance(text, RunError):
        return shown, digest, text, []
    article = parse_article(text, shown, markdown)
    return shown, digest, record_of(ArticleContext(article, base, date)), article.problems


def _extract_one(todo, given):
    """In a worker: _extract with the rules and date the pool was given."""
    return _extract(todo, *given)


class _Cluster:
    """Extraction on a Dask cluster: the client is opened at the first changed article (an index where
    nothing changed starts no cluster), serves the whole run and is closed with `stack`."""

    def __init__(self, stack: ExitStack, scheduler: str | None, workers: int, rules, date: dt.date | None):
        self.stack, self.scheduler, self.workers, self.rules, self.date = stack, scheduler, workers, rules, date
        self.client = self.shipped_rules = None

    def extract(self, batch: list[tuple[str, bytes, bool, str]]):
        if self.client is None:
            self.client = self.stack.enter_context(engines.dask_client(self.scheduler, self.workers))
            self.shipped_rules = self.client.scatter(self.rules, broadcast=True)   # once per run
        return engines.map_chunks(self.client, _dask_extract, batch, rules=self.shipped_rules, date=self.date)


def _dask_extract(chunk, rules, date):
    """On a cluster worker: the records of a chunk of articles (bytes), with the rules built once per worker."""
    base = engines.worker_cached("index", rules, b"", lambda: engines.factbase_of(rules))
    return [_extract(todo, base, date) for todo in chunk]


def _extract_and_store(conn, batch, base, date, known, stats: IndexStats, workers: int,
                       cluster: _Cluster | None = None) -> None:
    if not batch:
        return
    if cluster is not None:
        _store(conn, cluster.extract(batch), known, stats)   # stored while the cluster extracts the rest
        return
    context = fork_context() if workers > 1 and len(batch) >= PARALLEL_MIN else None
    if context is not None:
        with worker_pool(workers, context, (base, date)) as pool:   # forked: the workers inherit the rules
            _store(conn, map_with_state(pool, _extract_one, batch, chunksize=32), known, stats)   # stored while others extract
    else:
        _store(conn, (_extract(todo, base, date) for todo in batch), known, stats)


def _store(conn, results, known, stats: IndexStats) -> None:
    for shown, digest, record, problems in results:      # in walk order: the same index every time
        stats.problems.extend(problems)
        if isinstance(record, RunError):
            stats.errors.append(record)
            continue
        previous = known.get(shown)
        if previous:
            _delete(conn, previous[0])
            stats.updated += 1
        else:
            stats.added += 1
        _insert(conn, record, digest)
