"""A large run's cross-article phase, a unit of blocking keys at a time (blocks.py, store.py): every
candidate pair of the definition is judged exactly once, whichever way the keys are cut into units, and
the records on disk give the findings of the records in memory (tests/test_scale_identical.py compares
whole runs, in one process, two workers and on Dask)."""
from __future__ import annotations

import os
import random
import tempfile
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest

from checker import store
from checker.blocks import unit_rows, unit_verdicts
from checker.records import ArticleRecord, NameSpelling


@dataclass(frozen=True)
class Item:
    """What pairing reads of a claim (its order, its group: the value as written) or of a quotation."""
    path: str
    line: int
    keys: tuple[str, ...]
    value: float
    low: float = 0
    high: float = 0
    step: float = 0
    norm: str = ""
    speaker_key: str | None = None
    explicit: bool = False

    def order(self):
        return (self.path, self.line, 0)


def _items(rng: random.Random, kind: str, repeated: bool = False) -> list[Item]:
    """Random items; `repeated`: as an archive that repeats quotations, most carry one of a few sets of keys,
    often with the same words (group)."""
    keys = [f"k{i:02d}" for i in range(rng.randint(3, 40))]
    sets = [tuple(rng.sample(keys, rng.randint(0, min(6, len(keys))))) for _ in range(rng.randint(1, 6))]
    out = []
    for n in range(rng.randint(0, 150)):
        group = rng.randint(0, rng.choice([1, 3, 60]))
        held = tuple(rng.sample(keys, rng.randint(0, min(6, len(keys)))))
        if repeated and rng.random() < 0.8:
            number = rng.randrange(len(sets))
            held, group = sets[number], number if rng.random() < 0.7 else group
        out.append(Item(f"a{rng.randint(0, 40)}.md", n, held, group, norm=str(group) if kind == "quote" else ""))
    return out


def _reference(items: list[Item], max_block: int, min_keys: int) -> Counter:
    size = Counter(k for item in items for k in item.keys)
    usable = {k for k, n in size.items() if 2 <= n <= max_block}
    return Counter((a.order(), b.order()) for a, b in combinations(sorted(items, key=Item.order), 2)
                   if a.value != b.value and len(set(a.keys) & set(b.keys) & usable) >= min_keys)


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("kind", ["claim", "quote"])
@pytest.mark.parametrize("repeated", [False, True])
def test_units_judge_each_pair_once(seed, kind, repeated):
    rng = random.Random(seed)
    items = _items(rng, kind, repeated)
    max_block = rng.choice([2, 5, 40, 400])
    size = Counter(k for item in items for k in item.keys)
    usable = sorted(k for k, n in size.items() if 2 <= n <= max_block)
    cuts = sorted(rng.sample(range(1, len(usable)), rng.randint(0, max(0, len(usable) - 1)))) if usable else []
    ranges = [usable[a:b] for a, b in zip([0, *cuts], [*cuts, len(usable)])] if usable else []
    judged = Counter()
    for keys in ranges:
        lo, hi = keys[0], keys[-1]
        rows = [(item, tuple(k for k in item.keys if k in usable)) for item in items
                if any(lo <= k <= hi for k in item.keys if k in usable)]
        for a, b, verdict in unit_verdicts(kind, lo, hi, rows, lambda a, b, options: True, {}, max_block):
            judged[(a.order(), b.order())] += 1
    assert judged == _reference(items, max_block, 1 if kind == "claim" else 2)


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("kind", ["claim", "quote"])
@pytest.mark.parametrize("repeated", [False, True])
def test_units_read_from_the_store_judge_each_pair_once(monkeypatch, seed, kind, repeated):
    """unit_rows reads back only the items that pair in the unit: the pairs are still every pair, once."""
    rng = random.Random(seed)
    items = _items(rng, kind, repeated)
    max_block = rng.choice([2, 5, 40, 400])
    monkeypatch.setattr(store, "UNIT_ROWS", rng.choice([1, 7, 30, 2000]))
    min_keys = 1 if kind == "claim" else 2
    size = Counter(k for item in items for k in item.keys)
    usable = {k for k, n in size.items() if 2 <= n <= max_block}
    judged = Counter()
    with store.RecordStore() as kept:
        for path in sorted({item.path for item in items}):
            kept.add((path, "fr", None, [(kind, str(number), 0, list(item.keys))
                                         for number, item in enumerate(items) if item.path == path], []))
        kept.finish()
        table = kept.usable(kind, max_block, 0)
        for lo, hi in kept.unit_ranges(table):
            rows = [(int(body), keys) for body, keys in unit_rows(kept.conn, kind, table, 0, lo, hi, max_block)]
            # read back: the items sharing enough keys with another, the smallest in the unit (whatever their groups)
            shared = [set(a.keys) & set(b.keys) & usable for a, b in combinations(items, 2)]
            pairing = {n for (x, y), keys in zip(combinations(range(len(items)), 2), shared)
                       if len(keys) >= min_keys and lo <= min(keys) <= hi for n in (x, y)}
            assert sorted(n for n, _ in rows) == sorted(pairing)
            found = unit_verdicts(kind, lo, hi, [(items[n], keys) for n, keys in rows], lambda a, b, options: True,
                                  {}, max_block)
            judged.update((a.order(), b.order()) for a, b, _ in found)
    assert judged == _reference(items, max_block, min_keys)


def test_unit_ranges_never_cut_a_block_and_hold_at_most_unit_rows(monkeypatch):
    monkeypatch.setattr(store, "UNIT_ROWS", 10)
    with store.RecordStore() as kept:
        for n in range(30):
            items = [("claim", "{}", 0, [f"k{n % 7}", f"k{n % 3 + 10}", "common"])]
            kept.add((f"a{n}.md", "fr", None, items, []))
        kept.finish()
        table = kept.usable("claim", 12, 0)
        ranges = list(kept.unit_ranges(table))
        counts = dict(kept.conn.execute(f"SELECT key, n FROM {table}"))
    assert "common" not in counts, "30 items carry it: more than max_block"
    assert len(ranges) > 2
    covered = [k for lo, hi in ranges for k in sorted(counts) if lo <= k <= hi]
    assert covered == sorted(counts), "every usable key in exactly one range"
    assert all(sum(n for k, n in counts.items() if lo <= k <= hi) <= 10 for lo, hi in ranges)


def test_the_store_streams_name_spellings_in_order_and_leaves_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    records = [ArticleRecord("b.md", "fr", None, names=[NameSpelling("b.md", 2, 1, "Klara Lind", "klara lind", False)]),
               ArticleRecord("a.md", "en", ("2025-01-01", "2025-01-01"),
                             names=[NameSpelling("a.md", 1, 5, "Jo Lind", "jo lind", True),
                                    NameSpelling("a.md", 3, 1, "Klara Lind", "klara lind", False)])]
    with store.RecordStore() as kept:
        assert Path(kept.folder).parent == tmp_path
        for record in records:
            kept.add(store.rows_of(record))
        kept.finish()
        assert list(kept.name_spellings()) == sorted((n for r in records for n in r.names),
                                                     key=lambda n: (n.path, n.line, n.column))
        assert sorted(kept.name_forms()) == sorted((n.text, n.folded) for r in records for n in r.names)
    assert list(tmp_path.iterdir()) == [], "the store's folder is removed"


def test_a_store_left_by_a_killed_run_is_removed_by_the_next(monkeypatch, tmp_path):
    import subprocess
    import sys
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f"{store.PREFIX}{gone.stdout.strip()}-abc"
    live = tmp_path / f"{store.PREFIX}{os.getpid()}-def"     # a run of this process still at work
    other = tmp_path / "factlint-records-notapid"
    for folder in (left, live, other):
        folder.mkdir()
        (folder / "records.sqlite").write_bytes(b"")
    with store.RecordStore():
        assert not left.exists()
        assert live.exists() and other.exists()


def test_the_judge_sees_each_item_prepared_once_and_the_verdicts_name_the_items():
    from checker.collection import Collection
    rng = random.Random(5)
    items = _items(rng, "claim", repeated=True)
    usable = sorted({k for item in items for k in item.keys})
    rows = [(item, item.keys) for item in items if item.keys]
    made = Counter()

    def prepare(item, options):
        made[item.order()] += 1
        return ("prepared", item, options["mark"])

    def judge(a, b, options):
        assert a[0] == b[0] == "prepared" and a[2] == b[2] == options["mark"]
        return a[1].order() < b[1].order()

    found = unit_verdicts("claim", usable[0], usable[-1], rows, judge, {"mark": 7}, 400, prepare)
    assert found and all(isinstance(a, Item) and isinstance(b, Item) and verdict is True for a, b, verdict in found)
    assert set(made.values()) == {1}
    pairs = [(a, b) for a, b, _ in found]
    made.clear()
    again = list(Collection([]).verdicts(judge, pairs, {"mark": 7}, prepare=prepare))
    assert again == found
    assert set(made.values()) == {1} and len(made) == len({o for a, b in pairs for o in (a.order(), b.order())})


def _insert_one_by_one(conn, rows: tuple, digest: str) -> None:
    """The plain form of store.insert_rows: a statement per row, SQLite numbering each."""
    path, language, date, items, names = rows
    article_id = conn.execute("INSERT INTO articles(path, hash, language, earliest, latest) VALUES (?, ?, ?, ?, ?)",
                              (path, digest, language, *(date or (None, None)))).lastrowid
    for kind, body, size, item_keys in items:
        item_id = conn.execute("INSERT INTO items(article_id, kind, body) VALUES (?, ?, ?)",
                               (article_id, kind, body)).lastrowid
        conn.executemany("INSERT INTO item_keys(key, kind, size, item_id, article_id) VALUES (?, ?, ?, ?, ?)",
                         [(k, kind, size, item_id, article_id) for k in item_keys])
    for line, column, text, folded, initial in names:
        name_id = conn.execute("INSERT INTO names(article_id, line, col, text, folded, initial) "
                               "VALUES (?, ?, ?, ?, ?, ?)", (article_id, line, column, text, folded, initial)).lastrowid
        conn.executemany("INSERT INTO name_tokens(token, name_id, article_id) VALUES (?, ?, ?)",
                         [(t, name_id, article_id) for t in sorted(set(folded.split()))])


def test_rows_are_inserted_with_the_ids_and_rows_of_one_statement_a_row():
    """store.insert_rows numbers the rows of an article itself (a few statements, not one per row): the same
    tables as the plain form, ids included, after deletions too (an index updated in place); a store leaves
    out the words of the names."""
    import sqlite3
    from checker.archive import SCHEMA_INDEXES, SCHEMA_TABLES
    rng = random.Random(3)
    words = ["lind", "klara", "jo", "otan", "rutte", "mark"]
    articles = []
    for n in range(40):
        items = [(rng.choice(["claim", "quote"]), f"body {n} {i}".encode() if i % 2 else f"body {n} {i}",
                  rng.randrange(9), tuple(rng.sample(words, rng.randrange(4)))) for i in range(rng.randrange(5))]
        names = [(rng.randrange(1, 9), rng.randrange(1, 60), "Klara Lind", " ".join(rng.sample(words, rng.randrange(1, 4))),
                  rng.randrange(2)) for _ in range(rng.randrange(4))]
        articles.append((f"{n:02}.md", "fr", None if n % 3 else ("2025-01-01", "2025-01-02"), items, names))
    tables = ("articles", "items", "item_keys", "names", "name_tokens")

    def contents(insert, **options) -> dict:
        conn = sqlite3.connect(":memory:")
        conn.executescript(SCHEMA_TABLES + SCHEMA_INDEXES)
        for number, rows in enumerate(articles):
            insert(conn, rows, f"hash{number}", **options)
            if number % 7 == 6:   # an article removed, as an index does when it changes: the last one too
                gone = conn.execute("SELECT MAX(id) FROM articles").fetchone()[0] - (3 if number % 2 else 0)
                for table in ("item_keys", "items", "name_tokens", "names"):
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (gone,))
                conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
        return {t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in tables}

    plain = contents(_insert_one_by_one)
    assert len(plain["items"]) > 50 and len(plain["name_tokens"]) > 50
    assert contents(store.insert_rows) == plain
    assert contents(store.insert_rows, tokens=False) == {**plain, "name_tokens": []}
