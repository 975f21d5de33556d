"""The archive index survives anything: real processes killed in the middle of a rebuild (the rules
changed), readers during a rebuild, two writers at once, and files that are damaged, of another
program, of a newer factlint, empty or in a read-only folder, each refused in one line that names
the index and says what to do."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


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


def test_two_writers_at_once_both_succeed_one_after_the_other(tmp_path):
    small, big = _archive(tmp_path / "small", 30), _archive(tmp_path / "big", 300)
    db = tmp_path / "index.db"
    rules_a, rules_b = _rules(tmp_path, None), _rules(tmp_path, EXTRA)
    env = _env(tmp_path)
    for rules in (rules_a, rules_b):   # the caches, so that both writers start at once
        subprocess.run(_index(tmp_path, small, tmp_path / f"warm-{rules.name}.db", rules), env=env, capture_output=True)
    # the same archive twice: the one that waits finds every article indexed
    results, text = _together([_index(tmp_path, big, db, rules_a)] * 2, env)
    assert [code for code, _, _ in results] == [0, 0], text
    assert sorted(out.split(": ", 1)[1] for _, out, _ in results) == [
        "300 article(s) indexed: 0 added, 0 updated, 300 unchanged, 0 deleted\n",
        "300 article(s) indexed: 300 added, 0 updated, 0 unchanged, 0 deleted\n"], text
    # other rules and other articles: the one that waits rebuilds the index with its own
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


def test_a_writer_that_gives_up_on_a_new_index_leaves_the_other_writers_file(tmp_path, monkeypatch):
    """Two runs on a new index: the second finds no file, the first makes it and builds in it, the second gives
    up waiting. The second removed the first one's files while it built, and the first then said it had
    indexed: an index nobody could open. The file made by another writer is never removed."""
    from checker import indexing
    from conftest import cli
    small = _archive(tmp_path / "small", 3)
    db = tmp_path / "new.db"
    real = indexing.update_index
    holder = None

    def another_writer_first(*args, **kwargs):   # after this run saw no file: another writer makes it, at work
        nonlocal holder
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("PRAGMA journal_mode=WAL")
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("CREATE TABLE theirs(x)")
        return real(*args, **kwargs)
    monkeypatch.setattr(indexing, "update_index", another_writer_first)
    code, out, err = cli("index", small, "--db", db, "--rules", ROOT / "rules", "--wait", "0.2")
    assert code == 2 and "another factlint index is writing this index (waited 0.2 s)" in err, err
    try:
        assert db.exists()
        holder.execute("COMMIT")
    finally:
        holder.close()
    assert sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall() == [("theirs",)]



def test_a_writer_told_busy_at_once_tries_again_until_its_wait_is_over(tmp_path, monkeypatch):
    """SQLite answers "database is locked" at once, without waiting, where its busy handler is not called (a
    writer changing the journal mode, a WAL being recovered): the run tries again until --wait is over, rather
    than giving up at once while saying it waited. Traps: busy for a moment, the run indexes; busy for good, it
    gives up only once the wait is over, in one line."""
    import time
    from checker import indexing
    from conftest import cli
    small = _archive(tmp_path / "small", 3)
    real = indexing.kind_of
    busy_until = [0.0]

    def busy_at_once(conn):
        if time.monotonic() < busy_until[0]:
            raise sqlite3.OperationalError("database is locked")
        return real(conn)
    monkeypatch.setattr(indexing, "kind_of", busy_at_once)
    busy_until[0] = time.monotonic() + 0.5
    code, out, err = cli("index", small, "--db", tmp_path / "a.db", "--rules", ROOT / "rules", "--wait", "30")
    assert code == 0 and "3 added" in out, (out, err)
    busy_until[0] = time.monotonic() + 3600
    began = time.monotonic()
    code, out, err = cli("index", small, "--db", tmp_path / "b.db", "--rules", ROOT / "rules", "--wait", "0.6")
    assert time.monotonic() - began >= 0.6
    assert code == 2 and err.splitlines() == [
        f"factlint: error: {tmp_path / 'b.db'}: another factlint index is writing this index (waited 0.6 s); run "
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
