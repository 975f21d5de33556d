"""The archive index survives anything: real processes killed in the middle of a rebuild (the rules
changed) or of a first build, readers during a rebuild, two writers at once (two first builds too, or
one failing beside the other), and files that are damaged, of another program, of a newer factlint,
empty or in a read-only folder, each refused in one line that names the index and says what to do."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import userrun
from checker.archive import open_archive
from checker.finding import RunError
from conftest import ROOT
from userrun import open_tmp  # noqa: F401 - a fixture

ARTICLE = "---\ndate: 2025-03-0{day}\n---\nLe gouvernement a annoncé une aide de {n} millions d'euros, selon Mark Rutte.\n"


def _archive(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"a{i:03d}.md").write_text(ARTICLE.format(day=1 + i % 9, n=i + 2), encoding="utf-8")
    return folder


def _rules(tmp: Path, extra: str | None) -> Path:
    """A copy of the shipped rules; with `extra`, one more rule file: other rules, so a rebuild."""
    target = tmp / ("rules-b" if extra else "rules-a")
    shutil.copytree(ROOT / "rules", target)
    if extra:
        (target / "extra.yaml").write_text(extra, encoding="utf-8")
    return target


EXTRA = ("organisations:\n  example-agency:\n    name: Agence Exemple\n    acronyms: [AGEX]\n"
         "    source: an invented organisation for a test\n")


def _index(tmp: Path, articles: Path, db: Path, rules: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "checker", "index", str(articles), "--db", str(db), "--rules", str(rules),
            "--jobs", "1", *extra]


def _env(tmp: Path) -> dict:
    return {**os.environ, "FACTLINT_CACHE_DIR": str(tmp / "cache")}


def _count(db: Path) -> int:
    archive = open_archive(db)
    assert not isinstance(archive, RunError), archive   # never refused
    try:
        return archive.article_count()
    finally:
        archive.close()


def _restore(backup: Path, db: Path) -> None:
    for suffix in ("-wal", "-shm"):   # a write-ahead log left by a killed writer belongs to the old file
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, db)


def _rules_of(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()[0]
    finally:
        conn.close()


def _locked(db: Path) -> bool:
    conn = sqlite3.connect(db, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def _together(commands: list[list[str]], env: dict) -> tuple[list[tuple[int, str, str]], str]:
    """Start the commands at once and wait for all: (exit code, stdout, stderr) of each, and a text giving each
    one's whole output and when it ended, for an assertion's message (pytest would cut a repr short)."""
    started = time.monotonic()
    writers = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for command in commands]
    ended: dict[int, float] = {}
    while len(ended) < len(writers):
        assert time.monotonic() - started < 300, "the writers never ended"
        ended.update((i, time.monotonic() - started) for i, w in enumerate(writers) if i not in ended and w.poll() is not None)
        time.sleep(0.01)
    results = [(w.returncode, *w.communicate()) for w in writers]
    text = "\n".join(f"writer {i} ({' '.join(commands[i][3:])}): exit {code} after {ended[i]:.1f} s\n"
                     f"  stdout: {out!r}\n  stderr: {err!r}" for i, (code, out, err) in enumerate(results))
    return results, text


def _wait_for(condition, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the writer finished before the moment to test"
        assert time.monotonic() < deadline, "the writer never got there"
        time.sleep(0.005)


def test_a_rebuild_killed_at_any_moment_keeps_the_previous_index_and_readers_go_on(tmp_path):
    small, big = _archive(tmp_path / "small", 3), _archive(tmp_path / "big", 300)
    db = tmp_path / "index.db"
    rules_a, rules_b = _rules(tmp_path, None), _rules(tmp_path, EXTRA)
    env = _env(tmp_path)
    assert subprocess.run(_index(tmp_path, small, db, rules_a), env=env, capture_output=True).returncode == 0
    subprocess.run(_index(tmp_path, small, tmp_path / "warm.db", rules_b), env=env, capture_output=True)  # caches
    backup = tmp_path / "backup.db"
    shutil.copy(db, backup)
    # a whole rebuild, read all along by this process: always the old index or the new one, never refused
    process = subprocess.Popen(_index(tmp_path, big, db, rules_b), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: _locked(db), process)
    started = time.monotonic()
    seen = set()
    while process.poll() is None:
        seen.add(_count(db))
        time.sleep(0.01)
    duration = time.monotonic() - started   # of the write transaction
    assert process.returncode == 0, process.stderr.read()
    seen.add(_count(db))
    assert seen == {3, 300}
    copy = tmp_path / "rebuilt.db"
    shutil.copy(db, copy)
    # killed at moments spread over the write transaction of a rebuild: the previous index, whole (a kill
    # late enough may find the new one committed: then the new one, whole)
    for fraction in (0.0, 0.3, 0.6, 0.9):
        _restore(backup, db)
        process = subprocess.Popen(_index(tmp_path, big, db, rules_b), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _wait_for(lambda: _locked(db), process)
        time.sleep(duration * fraction)
        process.kill()
        process.wait()
        count = _count(db)
        assert count == 3 if fraction == 0 else count in (3, 300), fraction
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rules = conn.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()[0]
        conn.close()
        assert rules == _rules_of(backup if count == 3 else copy), fraction   # no mixture of the two
    _restore(backup, db)
    done = subprocess.run(_index(tmp_path, big, db, rules_b), env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "rebuilt" in done.stderr and "300 added" in done.stdout
    assert _count(db) == 300


def test_two_writers_at_once_both_succeed(tmp_path):
    small, big = _archive(tmp_path / "small", 30), _archive(tmp_path / "big", 300)
    db = tmp_path / "index.db"
    rules_a, rules_b = _rules(tmp_path, None), _rules(tmp_path, EXTRA)
    env = _env(tmp_path)
    for rules in (rules_a, rules_b):   # the caches, so that both writers start at once
        subprocess.run(_index(tmp_path, small, tmp_path / f"warm-{rules.name}.db", rules), env=env, capture_output=True)
    # the same archive twice on a new index: both build it, each in its own file; the second to finish finds
    # the index published and updates it, every article unchanged
    results, text = _together([_index(tmp_path, big, db, rules_a)] * 2, env)
    assert [code for code, _, _ in results] == [0, 0], text
    assert sorted(out.split(": ", 1)[1] for _, out, _ in results) == [
        "300 article(s) indexed: 0 added, 0 updated, 300 unchanged, 0 deleted\n",
        "300 article(s) indexed: 300 added, 0 updated, 0 unchanged, 0 deleted\n"], text
    # an index that exists, other rules and other articles: the one that waits rebuilds the index with its own
    results, text = _together([_index(tmp_path, big, db, rules_b), _index(tmp_path, small, db, rules_a)], env)
    assert [code for code, _, _ in results] == [0, 0], text
    count = _count(db)
    assert count in (30, 300)
    assert _rules_of(db) == _rules_of(tmp_path / f"warm-{(rules_a if count == 30 else rules_b).name}.db")
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_writer_waits_for_the_lock_or_fails_in_one_line(tmp_path):
    small = _archive(tmp_path / "small", 3)
    db = tmp_path / "index.db"
    env = _env(tmp_path)
    assert subprocess.run(_index(tmp_path, small, db, ROOT / "rules"), env=env, capture_output=True).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")   # another writer at work
    try:
        impatient = subprocess.run(_index(tmp_path, small, db, ROOT / "rules", "--wait", "0.5"), env=env,
                                   capture_output=True, text=True)
        assert impatient.returncode == 2
        assert impatient.stderr.splitlines() == [
            f"factlint: error: {db}: another factlint index is writing this index (waited 0.5 s); run again when "
            "it has finished, or wait longer with --wait SECONDS"]
        patient = subprocess.Popen(_index(tmp_path, small, db, ROOT / "rules"), env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert patient.poll() is None   # still waiting
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = patient.communicate(timeout=120)
    assert patient.returncode == 0, err
    assert "3 unchanged" in out


def test_a_first_build_that_finds_the_index_published_and_locked_gives_up_and_leaves_it(tmp_path, monkeypatch):
    """A run that found no file builds its first index in a private file; meanwhile another run publishes the
    index and a third holds its write lock. Its publication fails (the name is taken), so it updates the
    published index as any second writer would: it waits --wait, gives up in one line, and the published index
    is left as it was, with no file of this run beside it."""
    from checker import indexing
    from conftest import cli
    theirs, mine = _archive(tmp_path / "theirs", 2), _archive(tmp_path / "mine", 3)
    published = tmp_path / "published.db"
    code, out, err = cli("index", theirs, "--db", published, "--rules", ROOT / "rules")
    assert code == 0, err
    folder = tmp_path / "indexes"
    folder.mkdir()
    db = folder / "new.db"
    real = indexing._publish
    holder = None

    def published_and_locked_meanwhile(private, target):
        nonlocal holder
        shutil.copy(published, db)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")   # a third run, updating it
        return real(private, target)
    monkeypatch.setattr(indexing, "_publish", published_and_locked_meanwhile)
    code, out, err = cli("index", mine, "--db", db, "--rules", ROOT / "rules", "--wait", "0.2")
    try:
        assert code == 2 and out == "" and err.splitlines() == [
            f"factlint: error: {db}: another factlint index is writing this index (waited 0.2 s); run again when "
            "it has finished, or wait longer with --wait SECONDS"], (out, err)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]
    assert _count(db) == 2


# A new index is built in a private file beside it and published whole (os.link): the tests below run writers
# as forked processes of this one (quick to start, and each can be given a fault with a plain setattr).

def _forked(tmp: Path, name: str, args: list, fault=None):
    """`factlint ARGS` in a forked process, `fault()` run in it first; its (exit code, stdout, stderr) are read
    back with _result(tmp, name) once it has ended."""
    import json
    import multiprocessing
    from conftest import cli

    def child():
        if fault:
            fault()
        code, out, err = cli(*args)
        (tmp / f"{name}.result").write_text(json.dumps([code, out, err]), encoding="utf-8")
    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    return process


def _result(tmp: Path, name: str, process) -> tuple[int, str, str]:
    import json
    process.join(60)
    assert process.exitcode == 0, f"{name} ended with {process.exitcode}"
    return tuple(json.loads((tmp / f"{name}.result").read_text(encoding="utf-8")))


def _stored_then(after: int, action) -> None:
    """In a forked writer: store `after` articles, then `action()` (an exception or a kill ends the build there)."""
    import itertools
    from checker import indexing
    real = indexing._store
    done = []

    def store(conn, results, known, stats):   # once: a second writer's later update stores as usual
        if done:
            return real(conn, results, known, stats)
        done.append(True)
        results = iter(results)
        real(conn, itertools.islice(results, after), known, stats)
        action()
        real(conn, results, known, stats)
    indexing._store = store


def _index_args(articles: Path, db: Path, *extra) -> list:
    return ["index", articles, "--db", db, "--rules", ROOT / "rules", *extra]


def _whole(db: Path, count: int) -> None:
    """db is a complete index of `count` articles, which factlint check --against reads."""
    from conftest import cli
    assert _count(db) == count
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    new = db.parent.parent / "new.md"
    new.write_text("Une aide de 5 millions d'euros, selon Mark Rutte.\n", encoding="utf-8")
    code, out, err = cli("check", new, "--against", db, "--select", "contradiction", "--date", "2025-03-05")
    assert code in (0, 1) and "error" not in err, err


def _folder(tmp: Path) -> tuple[Path, Path]:
    """A folder for the index alone (so that a stray file shows) and the index's path in it."""
    folder = tmp / "indexes"
    folder.mkdir()
    return folder, folder / "new.db"


def test_a_first_build_that_fails_while_another_run_builds_takes_nothing_from_it(tmp_path):
    """Run A builds a new index and fails (here an exception after two articles) while run B, started during A's
    build, completes. A once made the file, B waited on it, A removed it on failing, and B built in the removed
    file, said it had indexed, and left an empty file. Now each builds in its own file: B's index is published
    whole and A's failure takes nothing from it."""
    import multiprocessing
    folder, db = _folder(tmp_path)
    mine, theirs = _archive(tmp_path / "a", 6), _archive(tmp_path / "b", 3)
    context = multiprocessing.get_context("fork")
    building, fail = context.Event(), context.Event()

    def stored_then_failed():
        building.set()
        fail.wait(30)
        raise RuntimeError("the build failed")
    a = _forked(tmp_path, "a", _index_args(mine, db, "--jobs", "1"), lambda: _stored_then(2, stored_then_failed))
    assert building.wait(30)
    b = _forked(tmp_path, "b", _index_args(theirs, db, "--jobs", "1", "--wait", "30"))
    b.join(1.5)   # B was waiting on A's file here
    fail.set()
    code, out, err = _result(tmp_path, "a", a)
    assert code == 2 and out == "" and "RuntimeError: the build failed" in err, err
    code, out, err = _result(tmp_path, "b", b)
    assert code == 0 and out == f"{db}: 3 article(s) indexed: 3 added, 0 updated, 0 unchanged, 0 deleted\n", err
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]
    _whole(db, 3)


@pytest.mark.parametrize("fault", ["sqlite error at the start", "disk full after two articles",
                                   "exception after two articles", "Ctrl-C after two articles"])
def test_a_failed_first_build_leaves_no_file(tmp_path, monkeypatch, fault):
    """No index file, and no private file either: the next run starts afresh. The file once made before the
    build stayed empty when SQLite failed at the start (an error before the first build's clean-up)."""
    import itertools
    from checker import indexing
    from conftest import cli
    folder, db = _folder(tmp_path)
    articles = _archive(tmp_path / "articles", 4)
    if fault == "sqlite error at the start":
        def broken(*args):
            raise sqlite3.OperationalError("disk I/O error")
        monkeypatch.setattr(indexing, "_fresh", broken)
    else:
        error = {"disk": sqlite3.OperationalError("database or disk is full"), "exception": RuntimeError("bug"),
                 "Ctrl-C": KeyboardInterrupt()}[fault.split()[0]]
        real = indexing._store

        def stored_two_then_broken(conn, results, known, stats):
            real(conn, itertools.islice(results, 2), known, stats)
            raise error
        monkeypatch.setattr(indexing, "_store", stored_two_then_broken)
    code, out, err = cli(*_index_args(articles, db))
    assert code == (130 if fault.startswith("Ctrl-C") else 2) and out == "" and len(err.splitlines()) == 1, err
    if "sqlite" in fault or "disk" in fault:
        assert err.startswith(f"factlint: error: {db}: ") and err.rstrip().endswith("no index was written"), err
    assert list(folder.iterdir()) == []
    monkeypatch.undo()
    code, out, err = cli(*_index_args(articles, db))
    assert code == 0 and "4 added" in out, err
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]


@pytest.mark.parametrize("archives", ["the same articles", "other articles"])
def test_two_first_builds_at_once_both_succeed_and_leave_one_index(tmp_path, archives):
    """Both runs build at once (each waits for the other to be building), both publish: the first to do so gives
    the index its name, the other finds the name taken and updates that index, as a run that waited would
    have: it finds its articles unchanged (the same articles) or replaces the others (other articles). Both
    exit 0; the warnings about the articles are said by both."""
    import multiprocessing
    folder, db = _folder(tmp_path)
    first = _archive(tmp_path / "a", 4)
    (first / "bad.md").write_text("---\ndate: [2025\n---\nUne aide de 9 millions d'euros.\n", encoding="utf-8")
    second = first if archives == "the same articles" else _archive(tmp_path / "b", 2)
    both_building = multiprocessing.get_context("fork").Barrier(2, timeout=10)
    writers = {name: _forked(tmp_path, name, _index_args(articles, db, "--jobs", "1", "--wait", "30"),
                             lambda: _stored_then(1, both_building.wait))
               for name, articles in (("a", first), ("b", second))}
    results = {name: _result(tmp_path, name, process) for name, process in writers.items()}
    assert [code for code, _, _ in results.values()] == [0, 0], results
    assert all("front matter is not valid YAML" in results[name][2]
               for name in (["a", "b"] if second == first else ["a"])), results
    said = sorted(out.split(": ", 1)[1] for _, out, _ in results.values())
    if archives == "the same articles":
        assert said == ["5 article(s) indexed: 0 added, 0 updated, 5 unchanged, 0 deleted\n",
                        "5 article(s) indexed: 5 added, 0 updated, 0 unchanged, 0 deleted\n"], results
    else:
        assert said in (["2 article(s) indexed: 2 added, 0 updated, 0 unchanged, 0 deleted\n",
                         "5 article(s) indexed: 5 added, 0 updated, 0 unchanged, 2 deleted\n"],
                        ["2 article(s) indexed: 2 added, 0 updated, 0 unchanged, 5 deleted\n",
                         "5 article(s) indexed: 5 added, 0 updated, 0 unchanged, 0 deleted\n"]), results
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]
    _whole(db, 2 if "5 deleted" in said[0] else 5)   # the second to publish replaced the first one's articles


@pytest.mark.parametrize("killed", ["while building", "right after publishing"])
def test_a_first_build_killed_leaves_a_whole_index_or_none_and_a_named_private_file(tmp_path, killed):
    """kill -9 runs no clean-up: the only leftover is the private file, whose name says what it is; the path of
    the index names a complete index or nothing."""
    import signal
    folder, db = _folder(tmp_path)
    articles = _archive(tmp_path / "articles", 4)

    def kill():
        os.kill(os.getpid(), signal.SIGKILL)

    def fault():
        from checker import indexing
        if killed == "while building":
            _stored_then(2, kill)
        else:
            real = indexing._publish
            indexing._publish = lambda private, target: (real(private, target), kill())
    process = _forked(tmp_path, "killed", _index_args(articles, db), fault)
    process.join(60)
    assert process.exitcode == -signal.SIGKILL
    left = sorted(p.name for p in folder.iterdir() if p.name != "new.db")
    assert left and all(name.startswith(".new.db.") and ".building" in name for name in left), left
    if killed == "while building":
        assert not db.exists()
    else:
        _whole(db, 4)


def test_ctrl_c_right_after_publishing_leaves_the_whole_index_and_nothing_else(tmp_path, monkeypatch):
    from checker import indexing
    from conftest import cli
    folder, db = _folder(tmp_path)
    articles = _archive(tmp_path / "articles", 3)
    real = indexing._publish

    def interrupted(private, target):
        real(private, target)
        raise KeyboardInterrupt
    monkeypatch.setattr(indexing, "_publish", interrupted)
    code, out, err = cli(*_index_args(articles, db))
    assert code == 130 and err == "factlint: interrupted\n", err
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]
    _whole(db, 3)


def test_without_hard_links_a_new_index_is_renamed_into_place_and_never_over_another(tmp_path, monkeypatch):
    """A filesystem without hard links (FAT, some network shares): os.link fails with another error than
    "exists", and the private file is renamed to db while db is still missing. When another run has published
    db meanwhile, its index is kept and updated, never replaced."""
    import errno
    from conftest import cli
    articles = _archive(tmp_path / "articles", 3)
    published_meanwhile: list[Path] = []   # the index another run publishes while this one tries to link
    inodes = []

    def no_link(source, target):
        for published in published_meanwhile:
            shutil.copy(published, target)
            inodes.append(os.stat(target).st_ino)
        raise PermissionError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr(os, "link", no_link)
    folder, db = _folder(tmp_path)
    code, out, err = cli(*_index_args(articles, db))
    assert code == 0 and "3 added" in out, err
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]
    _whole(db, 3)
    for name in ("new.db", "new.db-wal", "new.db-shm"):   # the reader's log: the published index, moved aside
        if (folder / name).exists():
            (folder / name).rename(tmp_path / name.replace("new", "published"))
    published_meanwhile.append(tmp_path / "published.db")
    code, out, err = cli(*_index_args(articles, db))
    assert code == 0 and out == f"{db}: 3 article(s) indexed: 0 added, 0 updated, 3 unchanged, 0 deleted\n", err
    assert inodes and os.stat(db).st_ino == inodes[0]   # the file another run published, updated in place
    assert not [p for p in folder.iterdir() if p.name.endswith(".building")]


def test_an_empty_file_made_by_hand_is_built_in_place_and_kept_when_its_build_fails(tmp_path, monkeypatch):
    from checker import indexing
    from conftest import cli
    folder, db = _folder(tmp_path)
    articles = _archive(tmp_path / "articles", 2)
    db.touch()
    inode = os.stat(db).st_ino

    def broken(conn, results, known, stats):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(indexing, "_store", broken)
    code, out, err = cli(*_index_args(articles, db))
    assert code == 2 and err.rstrip().endswith("the index was not changed"), err
    assert os.stat(db).st_ino == inode   # the user's file: not removed, and still without a table
    assert sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall() == []
    monkeypatch.undo()
    code, out, err = cli(*_index_args(articles, db))
    assert code == 0 and "2 added" in out, err
    assert os.stat(db).st_ino == inode
    _whole(db, 2)


def test_a_new_index_in_a_missing_folder_is_one_line(tmp_path):
    from conftest import cli
    db = tmp_path / "no such folder" / "new.db"
    code, out, err = cli(*_index_args(_archive(tmp_path / "articles", 1), db))
    assert code == 2 and err.splitlines() == [
        f"factlint: error: {db}: cannot write the index in {db.parent} (No such file or directory); choose a "
        "writable --db"], err


def test_a_writer_told_busy_at_once_tries_again_until_its_wait_is_over(tmp_path, monkeypatch):
    """SQLite answers "database is locked" at once, without waiting, where its busy handler is not called (a
    writer changing the journal mode, a WAL being recovered): the run tries again until --wait is over, rather
    than giving up at once while saying it waited. Traps: busy for a moment, the run indexes; busy for good, it
    gives up only once the wait is over, in one line. The index exists: a new one is built in a private file,
    where no other writer can be."""
    import time
    from checker import indexing
    from conftest import cli
    small = _archive(tmp_path / "small", 3)
    db = tmp_path / "index.db"
    code, out, err = cli("index", small, "--db", db, "--rules", ROOT / "rules")
    assert code == 0, err
    real = indexing.kind_of
    busy_until = [0.0]

    def busy_at_once(conn):
        if time.monotonic() < busy_until[0]:
            raise sqlite3.OperationalError("database is locked")
        return real(conn)
    monkeypatch.setattr(indexing, "kind_of", busy_at_once)
    busy_until[0] = time.monotonic() + 0.5
    code, out, err = cli("index", small, "--db", db, "--rules", ROOT / "rules", "--wait", "30")
    assert code == 0 and "3 unchanged" in out, (out, err)
    busy_until[0] = time.monotonic() + 3600
    began = time.monotonic()
    code, out, err = cli("index", small, "--db", db, "--rules", ROOT / "rules", "--wait", "0.6")
    assert time.monotonic() - began >= 0.6
    assert code == 2 and err.splitlines() == [
        f"factlint: error: {db}: another factlint index is writing this index (waited 0.6 s); run "
        "again when it has finished, or wait longer with --wait SECONDS"], err


def _check_against(db: Path, tmp: Path, checks: str = "contradiction", *, user: bool = False
                   ) -> subprocess.CompletedProcess:
    new = tmp / "new.md"
    new.write_text("Une aide de 5 millions d'euros, selon Mark Rutte.\n", encoding="utf-8")
    os.chmod(new, 0o644)
    args = ["check", str(new), "--against", str(db), "--select", checks, "--date", "2025-03-05"]
    if user:
        return userrun.factlint(*args, cwd=tmp, env={"FACTLINT_CACHE_DIR": str(tmp / "user-cache")})
    return subprocess.run([sys.executable, "-m", "checker", *args], env=_env(tmp), capture_output=True, text=True)


def _one_line(result: subprocess.CompletedProcess, db: Path, *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"factlint: error: {db}: "), lines
    assert all(word in lines[0] for word in words), lines
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr


def _built(tmp: Path) -> Path:
    db = tmp / "index.db"
    articles = _archive(tmp / "articles", 40)
    done = subprocess.run(_index(tmp, articles, db, ROOT / "rules"), env=_env(tmp), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return db


def test_a_damaged_index_is_one_line_naming_it_for_readers_and_writers(tmp_path):
    db = _built(tmp_path)
    data = bytearray(db.read_bytes())
    assert len(data) > 16 * 4096
    for offset in range(len(data) // 2, len(data), 97):   # the second half: tables of records, not the schema
        data[offset] = 0xA5
    db.write_bytes(bytes(data))
    reader = _check_against(db, tmp_path, "contradiction,name-variant,quote-drift")
    _one_line(reader, db, "damaged", "factlint index")
    done = subprocess.run(_index(tmp_path, tmp_path / "articles", db, ROOT / "rules"), env=_env(tmp_path),
                          capture_output=True, text=True)
    _one_line(done, db, "damaged", "remove it")


@pytest.mark.parametrize("body", ["null", "[]", "a text for a line", "a number for a path", "a list in a list"])
def test_an_index_record_of_the_wrong_shape_is_one_line_naming_the_index(tmp_path, body):
    """A record that decodes but is not a record (JSON null, a list) or has a field of another type failed in the
    middle of a check, as an internal error naming the articles checked: the index is what is damaged."""
    db = _built(tmp_path)
    conn = sqlite3.connect(db)
    for item_id, stored in conn.execute("SELECT id, body FROM items").fetchall():
        record = json.loads(stored)
        if body == "a text for a line":
            record["line"] = "17"
        elif body == "a number for a path":
            record["path"] = 17
        elif body == "a list in a list":
            record["date"] = [["2025-03-01"], "2025-03-01"]
        else:
            record = json.loads(body)
        conn.execute("UPDATE items SET body = ? WHERE id = ?", (json.dumps(record), item_id))
    conn.commit()
    conn.close()
    new = tmp_path / "new.md"
    new.write_text(ARTICLE.format(day=1, n=99), encoding="utf-8")   # contradicts every article of the index
    done = subprocess.run([sys.executable, "-m", "checker", "check", str(new), "--against", str(db)],
                          env=_env(tmp_path), capture_output=True, text=True)
    _one_line(done, db, "damaged", "factlint index PATHS --db")


def test_a_file_of_another_program_is_never_written(tmp_path):
    db = tmp_path / "notes.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE meta(key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '3')")   # a common table name, not ours
    conn.execute("CREATE TABLE notes(body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    articles = _archive(tmp_path / "articles", 2)
    done = subprocess.run(_index(tmp_path, articles, db, ROOT / "rules"), env=_env(tmp_path), capture_output=True,
                          text=True)
    _one_line(done, db, "not a factlint index", "nothing was written")
    assert db.read_bytes() == before
    assert sqlite3.connect(db).execute("SELECT body FROM notes").fetchall() == [("keep me",)]
    _one_line(_check_against(db, tmp_path), db, "not a factlint index")


@pytest.mark.parametrize("altered", ["a view that never ends", "a trigger"])
def test_an_index_with_views_or_triggers_is_refused_in_one_line_and_kept(tmp_path, altered):
    """factlint writes no view and no trigger: a file that has one is not an index of ours, whatever its marks
    say. A view in place of a table could answer something else than what was indexed, or never answer (a
    recursive one: `check --against` waited for ever)."""
    db = _built(tmp_path)
    conn = sqlite3.connect(db)
    if altered == "a trigger":
        conn.execute("CREATE TRIGGER noted AFTER INSERT ON articles BEGIN DELETE FROM items; END")
    else:
        conn.execute("ALTER TABLE item_keys RENAME TO stored_keys")
        conn.execute("CREATE VIEW item_keys AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                     "SELECT k.* FROM stored_keys k, n")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    new = tmp_path / "new.md"
    new.write_text("Une aide de 5 millions d'euros, selon Mark Rutte.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "checker", "check", str(new), "--against", str(db), "--select",
                           "contradiction", "--date", "2025-03-05"], env=_env(tmp_path), capture_output=True,
                          text=True, timeout=60)
    _one_line(done, db, "not a factlint index")
    done = subprocess.run(_index(tmp_path, _archive(tmp_path / "more", 2), db, ROOT / "rules"), env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    _one_line(done, db, "not a factlint index", "nothing was written")
    assert db.read_bytes() == before


def test_an_index_of_a_newer_factlint_is_refused_and_kept(tmp_path):
    db = _built(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    _one_line(_check_against(db, tmp_path), db, "newer factlint", "schema 99")
    done = subprocess.run(_index(tmp_path, tmp_path / "articles", db, ROOT / "rules"), env=_env(tmp_path),
                          capture_output=True, text=True)
    _one_line(done, db, "newer factlint", "nothing was written")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == before


def test_an_empty_index_left_by_a_killed_first_build_is_built_and_named(tmp_path):
    db = tmp_path / "index.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")   # what a first build killed before its commit leaves
    conn.close()
    _one_line(_check_against(db, tmp_path), db, "empty", "factlint index")
    articles = _archive(tmp_path / "articles", 2)
    done = subprocess.run(_index(tmp_path, articles, db, ROOT / "rules"), env=_env(tmp_path), capture_output=True,
                          text=True)
    assert done.returncode == 0 and "2 added" in done.stdout, done.stderr


def test_an_index_in_a_read_only_folder_is_read_and_its_update_refused_in_one_line(open_tmp):
    userrun.require()
    folder = open_tmp / "published"
    folder.mkdir()
    db = _built(folder)
    assert not Path(f"{db}-wal").exists()   # everything is in the file itself: a copy is the whole index
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    os.chmod(folder, 0o555)
    if not userrun.is_root():
        os.chmod(db, 0o444)
    readable = _check_against(db, open_tmp, user=True)
    assert readable.returncode in (0, 1), readable.stderr
    assert "factlint: error" not in readable.stderr
    update = userrun.factlint("index", folder / "articles", "--db", db, "--rules", ROOT / "rules", cwd=open_tmp,
                              env={"FACTLINT_CACHE_DIR": str(open_tmp / "user-cache")})
    _one_line(update, db, "read-only", "choose a writable --db")
    new = userrun.factlint("index", folder / "articles", "--db", folder / "new.db", "--rules", ROOT / "rules",
                           cwd=open_tmp, env={"FACTLINT_CACHE_DIR": str(open_tmp / "user-cache")})
    _one_line(new, folder / "new.db", f"cannot write the index in {folder} (Permission denied)", "choose a writable")
    assert not (folder / "new.db").exists()
