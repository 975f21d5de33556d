"""The archive index: checking against it finds what checking the articles together finds; it updates
incrementally (an unchanged article costs a hash), drops deleted articles, and refuses or rebuilds an
index of another schema version."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml

from checker.archive import open_archive
from checker.finding import RunError
from checker.fold import fold_name
from conftest import ROOT, cli

FIXTURES = ROOT / "tests" / "fixtures" / "checks"
COLLECTION_CHECKS = "contradiction,quote-drift"


def _write_case(tmp: Path, case: dict) -> list[str]:
    paths = []
    for item in case.get("articles", []):
        lang = item.get("lang") or case.get("lang") or "fr"
        head = f"---\ndate: {item['date']}\nlang: {lang}\n---\n" if item.get("date") else f"---\nlang: {lang}\n---\n"
        (tmp / item["path"]).write_text(head + item["text"], encoding="utf-8")
        paths.append(item["path"])
    return paths


def _multi_article_cases():
    for name in ("contradiction.yaml", "quote-drift.yaml"):
        doc = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
        for case in doc["cases"]:
            if len(case.get("articles", [])) >= 2:
                yield pytest.param(case, id=f"{doc['check']}::{case['name']}")


def _findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


@pytest.mark.parametrize("case", list(_multi_article_cases()))
def test_against_the_index_equals_checking_together(tmp_path, case):
    paths = _write_case(tmp_path, case)
    code, out, err = cli("check", *paths, "--select", COLLECTION_CHECKS, "--format", "json", "--fail-on", "never",
                         cwd=tmp_path)
    assert code == 0, err
    together = _findings(out)
    for new in paths:
        archive = tmp_path / "archive"
        archive.mkdir(exist_ok=True)
        for other in paths:
            target = archive / other
            if other != new:
                target.write_bytes((tmp_path / other).read_bytes())
            else:
                target.unlink(missing_ok=True)
        code, _, err = cli("index", "archive", "--db", "archive.db", cwd=tmp_path)
        assert code == 0, err
        code, out, err = cli("check", new, "--against", "archive.db", "--select", COLLECTION_CHECKS,
                             "--format", "json", "--fail-on", "never", cwd=tmp_path)
        assert code == 0, err
        against = _findings(out)
        expected = [f for f in together if f["path"] == new]
        for f in expected:       # the other side is cited under its archive path
            f["evidence"] = [{**e, "source": "archive/" + e["source"]} for e in f["evidence"]]
        assert [(f["line"], f["column"], f["rule"], f["severity"], f["suggestion"], f["evidence"]) for f in against] == \
               [(f["line"], f["column"], f["rule"], f["severity"], f["suggestion"], f["evidence"]) for f in expected]
    assert (bool(together)) == bool(case.get("expect"))


def _archive(tmp_path: Path, count: int = 3) -> Path:
    root = tmp_path / "arch"
    root.mkdir()
    for i in range(count):
        (root / f"a{i}.md").write_text(f"---\ndate: 2025-03-0{i + 1}\n---\nLe gouvernement a annoncé une aide de "
                                       f"{i + 2} milliards d'euros à l'Ukraine, selon Olaf Scholz.\n", encoding="utf-8")
    return root


def test_incremental_update_costs_a_hash_for_unchanged_articles(tmp_path, monkeypatch):
    root = _archive(tmp_path)
    db = tmp_path / "a.db"
    assert cli("index", root, "--db", db)[1].strip().endswith("3 added, 0 updated, 0 unchanged, 0 deleted")
    import checker.indexing as indexing
    calls = []
    real = indexing.record_of
    monkeypatch.setattr(indexing, "record_of", lambda ctx: calls.append(ctx.article.path) or real(ctx))
    assert "0 added, 0 updated, 3 unchanged, 0 deleted" in cli("index", root, "--db", db)[1]
    assert calls == []                      # nothing was read beyond its hash
    (root / "a1.md").write_text("---\ndate: 2025-03-02\n---\nUne aide de 9 milliards d'euros.\n", encoding="utf-8")
    (root / "a2.md").unlink()
    out = cli("index", root, "--db", db)[1]
    assert "0 added, 1 updated, 1 unchanged, 1 deleted" in out
    assert len(calls) == 1 and calls[0].endswith("a1.md")
    with sqlite3.connect(db) as conn:
        assert sorted(Path(p).name for (p,) in conn.execute("SELECT path FROM articles")) == ["a0.md", "a1.md"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # no rows left behind by the deleted and the updated article
        ids = {i for (i,) in conn.execute("SELECT id FROM articles")}
        for table in ("items", "item_keys", "names", "name_tokens"):
            assert {i for (i,) in conn.execute(f"SELECT DISTINCT article_id FROM {table}")} <= ids


def test_a_missing_path_drops_nothing_and_an_archived_article_is_not_its_own_rival(tmp_path):
    root = _archive(tmp_path)
    db = tmp_path / "a.db"
    cli("index", root, "--db", db)
    code, out, err = cli("index", root, tmp_path / "typo", "--db", db)
    assert code == 2 and "no such file" in err and "0 deleted" in out and "3 unchanged" in out
    # a0 says 2 billion, a1 3 billion, a2 4 billion: a0 checked again against the index meets a1 and a2, not itself
    code, out, _ = cli("check", root / "a0.md", "--against", db, "--format", "json", "--fail-on", "never",
                       "--select", "contradiction")
    findings = json.loads(out)["findings"]
    assert len(findings) == 1
    assert sorted(Path(e["source"]).name for e in findings[0]["evidence"]) == ["a1.md:4", "a2.md:4"]


def test_another_schema_version_is_refused_by_check_and_rebuilt_by_index(tmp_path):
    root = _archive(tmp_path, 1)
    db = tmp_path / "a.db"
    cli("index", root, "--db", db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    new = tmp_path / "new.md"
    new.write_text("Une aide de 2 milliards d'euros.\n", encoding="utf-8")
    code, _, err = cli("check", new, "--against", db)
    assert code == 2 and "schema version 0" in err and "factlint index" in err and "Traceback" not in err
    code, out, err = cli("index", root, "--db", db)
    assert code == 0 and "rebuilt" in err and "1 added" in out
    assert cli("check", new, "--against", db, "--fail-on", "never")[0] == 0


def test_a_file_that_is_not_an_index_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all " * 100)
    new = tmp_path / "new.md"
    new.write_text("Une aide de 2 milliards d'euros.\n", encoding="utf-8")
    code, _, err = cli("check", new, "--against", bad)
    assert code == 2 and "bad.db" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("index", tmp_path, "--db", bad)
    assert code == 2 and "not a factlint index" in err and "Traceback" not in err
    code, _, err = cli("check", new, "--against", tmp_path / "missing.db")
    assert code == 2 and "no such index" in err


def test_name_spellings_are_stored_for_name_variant(tmp_path):
    root = _archive(tmp_path, 2)
    db = tmp_path / "a.db"
    cli("index", root, "--db", db)
    archive = open_archive(db)
    try:
        spellings = list(archive.name_spellings())
        assert [(Path(s.path).name, s.line, s.text) for s in spellings if s.folded == "olaf scholz"] == \
               [("a0.md", 4, "Olaf Scholz"), ("a1.md", 4, "Olaf Scholz")]
        near = archive.names_with_tokens(fold_name("Oprav Scholz").split())
        assert {s.text for s in near} == {"Olaf Scholz"}
        assert archive.names_with_tokens(["scholz"], exclude={str(Path(spellings[0].path))})[0].path.endswith("a1.md")
    finally:
        archive.close()


def _dump(db: Path) -> list:
    with sqlite3.connect(db) as conn:
        return [conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("articles", "items", "item_keys", "names", "name_tokens")]


def test_parallel_extraction_builds_the_same_index(tmp_path, monkeypatch, base):
    import checker.indexing as indexing
    root = _archive(tmp_path, 6)
    (root / "q.md").write_text("« Nous ferons tout ce qui est nécessaire », a déclaré Mark Rutte.\n", encoding="utf-8")
    monkeypatch.setattr(indexing, "PARALLEL_MIN", 1)
    stats = indexing.update_index([root], tmp_path / "one.db", base, "rules", workers=1)
    assert stats.added == 7 and not stats.errors
    indexing.update_index([root], tmp_path / "two.db", base, "rules", workers=2)
    assert _dump(tmp_path / "one.db") == _dump(tmp_path / "two.db")


def test_findings_come_in_the_same_order_every_time(tmp_path):
    case = next(p.values[0] for p in _multi_article_cases() if "aid of 2 billion" in p.values[0]["name"])
    paths = _write_case(tmp_path, case)
    runs = {cli("check", *paths, "--format", "json", "--fail-on", "never", cwd=tmp_path)[1] for _ in range(3)}
    assert len(runs) == 1


NEW_AGAINST_SEEDS = """---
date: 2024-10-16
lang: fr
---
L'armée de l'OTAN est estimée à une capacité totale d'environ 7 000 personnes.

« Si quelqu'un tente d'attaquer cette alliance défensive… notre réponse sera létale », a averti Mark Rutte.

Les alliés se sont engagés à porter leurs dépenses de défense à 5 % du PIB d'ici 2035.

Rutte a rappelé que « Poutine ne comprend que la force ».
"""


def test_a_new_article_against_an_index_of_the_seeds(tmp_path):
    """A figure and a quotation of the seeds, restated: one figure changed, one word of a quotation changed."""
    (tmp_path / "seeds").mkdir()
    for seed in sorted((ROOT / "seeds").iterdir()):
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "new.md").write_text(NEW_AGAINST_SEEDS, encoding="utf-8")
    assert cli("index", "seeds", "--db", "seeds.db", cwd=tmp_path)[0] == 0
    code, out, err = cli("check", "new.md", "--against", "seeds.db", "--format", "json", cwd=tmp_path)
    found = [(f["line"], f["rule"], f["suggestion"], [e["source"] for e in f["evidence"]]) for f in _findings(out)
             if f["rule"] in ("contradiction", "quote-drift")]
    assert found == [
        (5, "contradiction", "700 personnes", ["seeds/004_d43b0a7554921edd.txt:13"]),
        (7, "quote-drift", "Si quelqu’un tente d’attaquer cette alliance défensive… notre réaction sera létale",
         ["seeds/002_da5e0195480586fa.txt:5"]),
    ]


def test_an_index_killed_while_it_is_built_leaves_the_previous_one_usable(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    small = tmp_path / "small"
    small.mkdir()
    for i in range(3):
        (small / f"a{i}.md").write_text(f"---\ndate: 2025-03-0{i + 1}\n---\nL'alliance compte {30 + i} membres.\n",
                                        encoding="utf-8")
    db = tmp_path / "index.db"
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "checker", "index", str(small), "--db", str(db), "--rules", str(ROOT / "rules")]
    assert subprocess.run(run, env=env, capture_output=True).returncode == 0
    big = tmp_path / "big"
    big.mkdir()
    for i in range(400):
        (big / f"b{i:03d}.md").write_text(f"---\ndate: 2025-03-01\n---\nLe gouvernement a annoncé une aide de {i} "
                                          f"millions d'euros, selon Mark Rutte.\n", encoding="utf-8")
    process = subprocess.Popen(run[:4] + [str(big)] + run[5:], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    archive = open_archive(db)
    assert not isinstance(archive, RunError), archive
    try:
        assert archive.article_count() in (3, 400)   # the old index, whole, or the new one, whole
    finally:
        archive.close()


def test_a_failure_while_indexing_is_one_line_and_keeps_the_index(tmp_path, monkeypatch):
    from checker import indexing
    db = tmp_path / "archive.db"
    code, out, err = cli("index", ROOT / "seeds", "--db", db, cwd=ROOT)
    assert code == 0, err
    before = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]

    def broken(conn, results, known, stats):
        raise OSError("a worker died")
    monkeypatch.setattr(indexing, "_store", broken)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "new.txt").write_text("Le 3 mars 2025, le ministre a parlé.\n", encoding="utf-8")
    code, out, err = cli("index", ROOT / "seeds", tmp_path / "more", "--db", db, cwd=ROOT)
    assert code == 2
    assert err.strip().splitlines() == ["factlint: internal error: OSError: a worker died (run with --debug for details)"]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == before


def test_a_failed_first_build_leaves_no_file(tmp_path, monkeypatch):
    from checker import indexing

    def broken(conn, results, known, stats):
        raise OSError("a worker died")
    monkeypatch.setattr(indexing, "_store", broken)
    db = tmp_path / "new.db"
    code, out, err = cli("index", ROOT / "seeds", "--db", db, cwd=ROOT)
    assert code == 2 and "internal error" in err
    assert list(tmp_path.iterdir()) == []
