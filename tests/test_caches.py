"""The caches between runs: compiled patterns and parsed data files. They only ever save time:
a damaged, foreign or unwritable cache changes nothing in the findings."""
from __future__ import annotations

import hashlib
import io
import json
import marshal
import os
import pickle
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import regex

import userrun
from userrun import open_tmp  # noqa: F401 - a fixture
from checker import cachedir, patterns

ROOT = Path(__file__).resolve().parent.parent
# 25 June 2025 was a Wednesday: one finding that every cache state must reproduce.
SEED_LIKE = ("Le sommet de l'OTAN s'est tenu le mardi 25 juin 2025 à La Haye. "
             "Le président Donald Trump y a assisté.\n")


def _run(cache: Path, article: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "checker", "check", str(article), "--format", "json", *extra],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_a_second_process_reads_the_compiled_patterns_and_finds_the_same(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _run(cache, article)
    files = sorted(p.name for p in cache.iterdir())
    assert any(name.startswith("patterns-regex-") for name in files), files
    second = _run(cache, article)
    assert first.returncode == second.returncode == 1, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert "weekday-mismatch" in first.stdout


def _table_keys(cache: Path) -> set:
    return set(patterns._Unpickler(io.BytesIO((cache / patterns.cache_name()).read_bytes())).load())


def test_patterns_compiled_in_worker_processes_are_kept_for_the_next_run(tmp_path):
    # workers end without running atexit handlers: what only they compiled (the extractors' patterns) was lost
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(20):   # enough articles for --jobs to start workers (engines.MIN_PARALLEL)
        (folder / f"{n:02}.txt").write_text(SEED_LIKE, encoding="utf-8")
    alone, workers = tmp_path / "alone", tmp_path / "workers"
    first = _run(alone, folder, "--jobs", "1")
    second = _run(workers, folder, "--jobs", "2")
    assert first.stdout == second.stdout and "weekday-mismatch" in first.stdout, first.stderr + second.stderr
    assert _table_keys(workers) >= _table_keys(alone)


def _poisoned_table(cache: Path) -> bytes:
    """The run's own pattern table with every pattern replaced by one that matches nothing: a well-formed
    file of the right classes that changes what factlint finds, if it is ever loaded."""
    table = patterns._Unpickler(io.BytesIO((cache / patterns.cache_name()).read_bytes())).load()
    never = regex.compile(r"(?!)")
    return pickle.dumps({key: never for key in table})


def test_a_pattern_table_is_loaded_only_with_its_digest_from_a_private_folder(tmp_path):
    """The regex module trusts compiled code (a flipped bit can crash or hang the interpreter), so the
    table must be verified before it is unpickled: digest written beside it, folder and file private."""
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    reference = _run(cache, article)
    assert "weekday-mismatch" in reference.stdout
    poisoned = _poisoned_table(cache)
    digest = hashlib.sha256(poisoned).hexdigest().encode()
    (cache / patterns.cache_name()).write_bytes(poisoned)
    os.chmod(cache / patterns.cache_name(), 0o644)
    assert _run(cache, article).stdout == reference.stdout          # no digest, or the old one: not loaded
    for mode in (0o777, 0o720):                                    # a folder others can write to: not loaded
        (cache / patterns.cache_name()).write_bytes(poisoned)
        (cache / patterns.digest_name()).write_bytes(digest)
        os.chmod(cache, mode)
        assert _run(cache, article).stdout == reference.stdout, oct(mode)
    os.chmod(cache, 0o700)
    (cache / patterns.cache_name()).write_bytes(poisoned)
    (cache / patterns.digest_name()).write_bytes(digest)
    os.chmod(cache / patterns.cache_name(), 0o666)                  # a file others can write to: not loaded
    assert _run(cache, article).stdout == reference.stdout
    os.chmod(cache / patterns.cache_name(), 0o644)
    (cache / patterns.cache_name()).write_bytes(poisoned)
    (cache / patterns.digest_name()).write_bytes(digest)
    # the control: the same file, verified and private, is loaded (so the cases above prove something)
    assert "weekday-mismatch" not in _run(cache, article).stdout


def test_a_pattern_table_owned_by_another_user_is_not_loaded(tmp_path):
    if not userrun.is_root():
        pytest.skip("giving a file to another user needs root")
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    reference = _run(cache, article)
    poisoned = _poisoned_table(cache)
    (cache / patterns.cache_name()).write_bytes(poisoned)
    (cache / patterns.digest_name()).write_bytes(hashlib.sha256(poisoned).hexdigest().encode())
    os.chown(cache / patterns.cache_name(), 65534, 65534)
    assert _run(cache, article).stdout == reference.stdout


def test_bit_flips_in_the_pattern_table_never_reach_the_regex_module(tmp_path):
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    reference = _run(cache, article)
    original = (cache / patterns.cache_name()).read_bytes()
    rng = random.Random(15)
    for _ in range(3):
        flipped = bytearray(original)
        for _ in range(8):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        (cache / patterns.cache_name()).write_bytes(bytes(flipped))
        result = _run(cache, article)   # an interpreter crash is exit -11, a hang the timeout
        assert (result.returncode, result.stdout, result.stderr) == (reference.returncode, reference.stdout, reference.stderr)


def test_a_planted_rules_cache_runs_nothing(tmp_path):
    """Every value of the rules cache replaced by a pickle that would run a command: plain data is read,
    the file is found wrong and rebuilt, the findings are the same and nothing runs."""
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    reference = _run(cache, article)
    marker = tmp_path / "executed"

    class Hostile:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(Hostile())
    (rules_cache,) = cache.glob("rules-*.sqlite")
    db = sqlite3.connect(rules_cache)
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        db.execute(f"UPDATE {table} SET value = ?", (payload,))
    db.commit()
    db.close()
    result = _run(cache, article)
    assert not marker.exists()
    assert (result.returncode, result.stdout, result.stderr) == (reference.returncode, reference.stdout, reference.stderr)


GENDERED = """\
offices:
  german-chancellor:
    titles: {fr: {m: [chancelier], f: [chancelière]}}
    source: Grundgesetz
people:
  olaf-scholz:
    name: Olaf Scholz
    gender: m
    held: [{office: german-chancellor, from: 2021-12-08, to: 2025-05-06}]
    source: Bundestag
"""


def _forged_rules_cache(cache: Path) -> None:
    """The run's own rules cache with Olaf Scholz made a woman: plain values of the right types, which no
    check of shape can tell from the real ones, and which silence the title-gender finding if read."""
    (rules_cache,) = cache.glob("rules-*.sqlite")
    db = sqlite3.connect(rules_cache)
    [(value,)] = db.execute("SELECT value FROM people WHERE key = 'olaf-scholz'").fetchall()
    db.execute("UPDATE people SET value = ? WHERE key = 'olaf-scholz'", (value.replace('"m"', '"f"', 1),))
    db.commit()
    db.close()


@pytest.mark.parametrize("written_by", ["a folder others can write to", "a file others can write to", "another user"])
def test_a_rules_cache_others_could_have_written_is_not_read(tmp_path, written_by):
    """A rules cache is facts: one that someone else could have written (a shared or world-writable cache
    folder, a file others can write to, another user's file) is not read, or it could drop findings."""
    if written_by == "another user" and not userrun.is_root():
        pytest.skip("giving a file to another user needs root")
    article = tmp_path / "a.txt"
    article.write_text("La chancelière Olaf Scholz a reçu son homologue à Berlin.\n", encoding="utf-8")
    rules = tmp_path / "people.yaml"
    rules.write_text(GENDERED, encoding="utf-8")
    cache = tmp_path / "cache"
    reference = _run(cache, article, "--rules", str(rules), "--date", "2023-03-01")
    assert "title-gender" in reference.stdout
    _forged_rules_cache(cache)
    # the control: the forged file, private, is read (so that the cases below prove something)
    assert "title-gender" not in _run(cache, article, "--rules", str(rules), "--date", "2023-03-01").stdout
    (rules_cache,) = cache.glob("rules-*.sqlite")
    if written_by == "a folder others can write to":
        os.chmod(cache, 0o777)
    elif written_by == "a file others can write to":
        os.chmod(rules_cache, 0o666)
    else:
        os.chown(rules_cache, 65534, 65534)
    result = _run(cache, article, "--rules", str(rules), "--date", "2023-03-01")
    assert (result.returncode, result.stdout, result.stderr) == (reference.returncode, reference.stdout, reference.stderr)


@pytest.mark.parametrize("damage", ["garbage rows", "wrong shapes", "a missing table", "not sqlite"])
def test_a_damaged_rules_cache_only_costs_time(tmp_path, damage):
    """Damage found in the middle of a run (the people-scale tables are read as the checks ask) is
    answered by rules compiled afresh, and the file is rewritten by the next run."""
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE + "Le chancelier Olaf Scholtz et la NSatu.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    reference = _run(cache, article, "--date", "2024-10-15")
    assert "name-typo" in reference.stdout
    (rules_cache,) = cache.glob("rules-*.sqlite")
    if damage == "not sqlite":
        rules_cache.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    else:
        db = sqlite3.connect(rules_cache)
        if damage == "garbage rows":
            for table in ("people", "spellings", "near_index", "holders"):
                db.execute(f"UPDATE {table} SET value = '{{not json'")
        elif damage == "wrong shapes":
            db.execute("UPDATE people SET value = '[1, 2, 3]'")
            db.execute("UPDATE spellings SET value = '{\"a\": 1}'")
            db.execute("UPDATE holders SET value = '[[[\"x\", \"2020-02-30\", null, \"w\"], \"p\"]]'")
            db.execute("UPDATE near_index SET value = '[1]'")
        else:
            db.execute("DROP TABLE holders")
        db.commit()
        db.close()
    result = _run(cache, article, "--date", "2024-10-15")
    assert (result.returncode, result.stdout, result.stderr) == (reference.returncode, reference.stdout, reference.stderr)
    again = _run(cache, article, "--date", "2024-10-15")
    assert again.stdout == reference.stdout
    (rules_cache,) = cache.glob("rules-*.sqlite")
    db = sqlite3.connect(rules_cache)
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] > 0   # rewritten whole
    assert all(json.loads(v) for v, in db.execute("SELECT value FROM people"))


def test_a_language_cache_of_the_wrong_shape_is_parsed_again(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    reference = _run(cache, article)
    for file in cache.glob("lang-*.marshal"):
        payload = marshal.dumps(["a list, not the language's mapping"])
        file.write_bytes(b"factlint-marshal-1\n" + hashlib.sha256(payload).digest() + payload)
    for file in cache.glob("units-*.marshal"):
        file.write_bytes(marshal.dumps({"length": 3}))   # an older file: no digest
    result = _run(cache, article)
    assert (result.returncode, result.stdout, result.stderr) == (reference.returncode, reference.stdout, reference.stderr)


def test_a_cache_folder_left_by_another_user_only_costs_time(open_tmp):
    """After one `sudo factlint`, ~/.cache/factlint belongs to root (folder 0700, files 0600 or 0644):
    the user's next runs must work as if there were no cache."""
    if not userrun.is_root():
        pytest.skip("a folder of another user needs root to make")
    article = open_tmp / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    os.chmod(article, 0o644)
    cache = open_tmp / "cache"
    as_root = _run(cache, article)
    assert {p.name.split("-")[0] for p in cache.iterdir()} >= {"lang", "patterns", "rules"}
    own = userrun.factlint("check", article, "--format", "json", cwd=open_tmp,
                           env={"FACTLINT_CACHE_DIR": str(open_tmp / "own")})
    assert own.returncode == as_root.returncode == 1, own.stderr
    for mode in (0o700, 0o755):
        os.chmod(cache, mode)
        result = userrun.factlint("check", article, "--format", "json", cwd=open_tmp, env={"FACTLINT_CACHE_DIR": str(cache)})
        assert (result.returncode, result.stdout, result.stderr) == (own.returncode, own.stdout, own.stderr), oct(mode)


def test_no_cache_reads_and_writes_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    result = _run(cache, article, "--no-cache")
    assert result.returncode == 1, result.stderr
    assert not cache.exists() or not any(cache.iterdir())
    # a verified table that changes the findings, present: --no-cache must not read it, also with
    # --select and --ignore (whose checking imports the checks, and so their patterns, early)
    selections = ((), ("--select", "weekday-mismatch"), ("--ignore", "year-typo"))
    references = {extra: _run(cache, article, *extra).stdout for extra in selections}
    assert all("weekday-mismatch" in out for out in references.values())
    poisoned = _poisoned_table(cache)
    (cache / patterns.cache_name()).write_bytes(poisoned)
    (cache / patterns.digest_name()).write_bytes(hashlib.sha256(poisoned).hexdigest().encode())
    assert "weekday-mismatch" not in _run(cache, article).stdout   # loaded without --no-cache
    for extra in selections:
        assert _run(cache, article, "--no-cache", *extra).stdout == references[extra], extra


def test_an_unwritable_cache_directory_is_only_slower(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("", encoding="utf-8")
    reference = _run(tmp_path / "clean", article)
    result = _run(blocker / "cache", article)
    assert result.stdout == reference.stdout
    assert result.stderr == reference.stderr


def test_parsed_data_is_kept_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    calls = []

    def parse(data: bytes):
        calls.append(data)
        return {"words": data.decode().split(), "n": len(data)}

    assert cachedir.parsed("test", b"a b c", parse, cachedir.is_mapping) == {"words": ["a", "b", "c"], "n": 5}
    assert cachedir.parsed("test", b"a b c", parse, cachedir.is_mapping) == {"words": ["a", "b", "c"], "n": 5}
    assert calls == [b"a b c"]                       # the second came from the file
    assert cachedir.parsed("test", b"a b", parse, cachedir.is_mapping)["n"] == 3   # other content, parsed again
    assert len(calls) == 2


def test_parsed_values_marshal_cannot_store_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    calls = []

    def parse(data: bytes):
        calls.append(data)
        return {"a set of objects": object()}

    cachedir.parsed("odd", b"x", parse, cachedir.is_mapping)
    cachedir.parsed("odd", b"x", parse, cachedir.is_mapping)
    assert len(calls) == 2
    assert not list(tmp_path.glob("odd-*"))


def test_a_damaged_data_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    is_list = lambda value: isinstance(value, list)   # noqa: E731
    cachedir.parsed("test", b"1 2", lambda d: d.decode().split(), is_list)
    assert cachedir.parsed("test", b"1 2", lambda d: ["not read"], is_list) == ["1", "2"]
    (file,) = tmp_path.glob("test-*")
    for damaged in (b"\x00garbage", file.read_bytes()[:-1] + b"3", file.read_bytes()[:20]):
        file.write_bytes(damaged)
        assert cachedir.parsed("test", b"1 2", lambda d: ["fresh"], is_list) == ["fresh"]
        file.write_bytes(damaged)


def test_patterns_compile_returns_working_patterns_with_their_flags():
    pattern = patterns.compile(r"(?<!\w)président(?!\w)", regex.IGNORECASE)
    assert pattern.search("Le PRÉSIDENT a parlé")
    assert not patterns.compile(r"(?<!\w)président(?!\w)").search("Le PRÉSIDENT a parlé")
