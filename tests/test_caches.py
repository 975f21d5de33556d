"""The caches between runs: compiled patterns and parsed data files. They only ever save time:
a damaged, foreign or unwritable cache changes nothing in the findings."""
from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import regex

from checker import cachedir, patterns

ROOT = Path(__file__).resolve().parent.parent
# 25 June 2025 was a Wednesday: one finding that every cache state must reproduce.
SEED_LIKE = ("Le sommet de l'OTAN s'est tenu le mardi 25 juin 2025 à La Haye. "
             "Le président Donald Trump y a assisté.\n")


def _run(cache: Path, article: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "checker", "check", str(article), "--format", "json", *extra],
                          capture_output=True, text=True, env=env, cwd=ROOT)


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


def test_a_damaged_or_hostile_pattern_file_is_ignored(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    reference = _run(tmp_path / "clean", article)
    cache = tmp_path / "cache"
    cache.mkdir()
    target = cache / patterns.cache_file().name   # the file the checked run reads
    marker = tmp_path / "executed"

    class Hostile:   # unpickling this would run a command: the loader must refuse it
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for content in (b"not a pickle", pickle.dumps({("x", 0): Hostile()}), pickle.dumps(["a list"])):
        target.write_bytes(content)
        result = _run(cache, article)
        assert result.stdout == reference.stdout
        assert result.stderr == reference.stderr
        assert not marker.exists()
        assert target.read_bytes() != content   # the run read this very file, and wrote a good one over it
        assert patterns._Unpickler(io.BytesIO(target.read_bytes())).load()


def test_no_cache_reads_and_writes_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    cache = tmp_path / "cache"
    result = _run(cache, article, "--no-cache")
    assert result.returncode == 1, result.stderr
    assert not cache.exists() or not any(cache.iterdir())


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

    assert cachedir.parsed("test", b"a b c", parse) == {"words": ["a", "b", "c"], "n": 5}
    assert cachedir.parsed("test", b"a b c", parse) == {"words": ["a", "b", "c"], "n": 5}
    assert calls == [b"a b c"]                       # the second came from the file
    assert cachedir.parsed("test", b"a b", parse)["n"] == 3   # other content, parsed again
    assert len(calls) == 2


def test_parsed_values_marshal_cannot_store_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    calls = []

    def parse(data: bytes):
        calls.append(data)
        return {"a set of objects": object()}

    cachedir.parsed("odd", b"x", parse)
    cachedir.parsed("odd", b"x", parse)
    assert len(calls) == 2
    assert not list(tmp_path.glob("odd-*"))


def test_a_damaged_data_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path))
    cachedir.parsed("test", b"1 2", lambda d: d.decode().split())
    for file in tmp_path.glob("test-*"):
        file.write_bytes(b"\x00garbage")
    assert cachedir.parsed("test", b"1 2", lambda d: ["fresh"]) == ["fresh"]


def test_patterns_compile_returns_working_patterns_with_their_flags():
    pattern = patterns.compile(r"(?<!\w)président(?!\w)", regex.IGNORECASE)
    assert pattern.search("Le PRÉSIDENT a parlé")
    assert not patterns.compile(r"(?<!\w)président(?!\w)").search("Le PRÉSIDENT a parlé")
