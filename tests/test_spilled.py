"""The findings of a large run kept on disk (checker/spilled.py): read back in exactly the order a sorted
list gives (equal keys in the order they came), with their fingerprints; and every report format, the
baseline written and a baseline applied are the same whether a run keeps its findings in memory or on disk."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import factlint
from checker import spilled, store
from checker.baseline import dump
from checker.finding import Evidence, Finding, Location, Severity
from conftest import ROOT
from benchmarks.archive_gen import generate


@pytest.fixture
def small_runs(monkeypatch):
    """Runs of a few findings, batches of fewer, merged three at a time: every path of the code taken."""
    monkeypatch.setattr(spilled, "BUFFER", 7)
    monkeypatch.setattr(spilled, "BATCH", 3)
    monkeypatch.setattr(spilled, "MAX_RUNS", 3)


def _finding(rng: random.Random, n: int) -> Finding:
    # few paths, lines and rules: many equal sort keys, told apart only by the suggestion (their order)
    where = Location(f"a{rng.randrange(3)}.md", rng.randrange(1, 4), rng.randrange(1, 3), 1, 2)
    return Finding(rng.choice(["year-typo", "contradiction"]), "m", where, Severity.WARNING, "t", str(n),
                   (Evidence("rules/x.yaml:3", "e"),))


@pytest.mark.parametrize("seed", range(12))
def test_read_back_as_a_stable_sort_gives(small_runs, seed):
    rng = random.Random(seed)
    findings = [_finding(rng, n) for n in range(rng.randrange(0, 120))]
    prints = {f: f"fp{f.suggestion}" for f in findings if rng.random() < 0.8}
    kept = spilled.SpilledFindings(findings, prints)
    expected = sorted(findings, key=Finding.sort_key)
    assert len(kept) == len(findings) and bool(kept) == bool(findings)
    assert list(kept) == expected
    assert list(kept) == expected, "read twice, the same"
    assert [(f, p) for f, p in kept.pairs()] == [(f, prints.get(f)) for f in expected]
    for index in (0, 5, -1, len(findings) - 1):
        if -len(findings) <= index < len(findings):
            assert kept[index] == expected[index]
    assert kept[2:9] == expected[2:9] and kept[-3:] == expected[-3:] and kept[::-2] == expected[::-2]
    with pytest.raises(IndexError):
        kept[len(findings)]
    odd = kept.filtered(lambda f: int(f.suggestion) % 2)
    assert list(odd) == [f for f in expected if int(f.suggestion) % 2]
    kept.sort(key=Finding.sort_key)   # already in that order
    with pytest.raises(ValueError):
        kept.sort(key=lambda f: f.rule)


def test_a_reader_holds_a_batch_of_few_runs(small_runs):
    rng = random.Random(1)
    kept = spilled.SpilledFindings(_finding(rng, n) for n in range(500))
    assert len(kept._runs) < 3 * 4, "merged as they are written: a few runs per level, not one per BUFFER"
    assert sum(len(batches) for _, batches in kept._runs) * 3 >= 500 - len(kept._buffer)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spill")
    generate(out, 24, seed=3, error_rate=0.3)
    # a suppression comment on a cross-article finding and on an article's own one: applied alike
    (out / "suppressed-1.md").write_text("---\ndate: 2025-03-01\nlang: fr\n---\n\nLe gouvernement a annoncé une "
                                         "aide de 2 milliards d'euros à l'Ukraine. <!-- factlint-disable-line "
                                         "contradiction -->\n\nLe ministre a visité Kiev en 206.\n", encoding="utf-8")
    (out / "suppressed-2.md").write_text("---\ndate: 2025-03-02\nlang: fr\n---\n\nMardi, le gouvernement a annoncé "
                                         "une aide de 1,2 milliard d'euros à l'Ukraine.\n", encoding="utf-8")
    return out


def _outputs(folder: Path, tmp: Path, name: str) -> dict[str, str]:
    """Every format of one run, the baseline it writes, and a run with the memory mode's baseline."""
    report = factlint.Linter(root=ROOT, baseline=False).check_paths([folder])
    out = {fmt: report.render(fmt) for fmt in ("json", "text", "sarif", "gitlab", "github", "markdown")}
    out["baseline"] = dump(report.fingerprinted(), tmp / "baseline.json")
    if name == "memory":
        (tmp / "baseline.json").write_text(out["baseline"], encoding="utf-8")
    after = factlint.Linter(root=ROOT, baseline=tmp / "baseline.json").check_paths([folder])
    out["after baseline"] = after.render("json")
    return out


def test_every_format_the_same_with_findings_on_disk(folder, tmp_path, monkeypatch, small_runs):
    in_memory = _outputs(folder, tmp_path, "memory")
    assert '"contradiction"' in in_memory["json"] and '"year-typo"' in in_memory["json"]
    places = {(Path(f["path"]).name, f["rule"]) for f in json.loads(in_memory["json"])["findings"]}
    assert ("suppressed-2.md", "contradiction") in places and ("suppressed-1.md", "contradiction") not in places
    assert '"findings": []' in in_memory["after baseline"], "the baseline holds every finding"
    monkeypatch.setattr(store, "SPILL", 0)   # a large run: records and findings on disk
    on_disk = _outputs(folder, tmp_path, "disk")
    for fmt, text in in_memory.items():
        assert on_disk[fmt] == text, fmt


def test_digests_on_disk_are_a_mapping_as_a_dict_is():
    kept = spilled.SpilledDigests()
    given: dict[str, str] = {}
    for n in range(300):   # batches of BATCH written as they fill, the last one still in memory
        part = {f"a{n % 250}.md": f"{n:064x}"}
        kept.update(part)
        given.update(part)
    kept["b.md"] = given["b.md"] = "f" * 64
    assert len(kept) == len(given) == 251
    assert dict(kept) == given and kept["a3.md"] == f"{253:064x}"   # the last given for a path, as dict.update
    assert kept.get("missing.md") is None and "b.md" in kept


def test_fix_the_same_with_digests_on_disk(tmp_path, monkeypatch):
    from checker import fix
    from checker.runner import Settings, run
    text = "Le Premier ministre britannique Keir Stramer a parlé le 15 octobre 2024.\n"
    for n in range(3):
        (tmp_path / f"a{n}.md").write_text(text, encoding="utf-8")
    settings = Settings(rule_paths=(ROOT / "rules",))

    def planned():
        report = run([tmp_path], settings)
        (tmp_path / "a1.md").write_text(text + "Changé.\n", encoding="utf-8")   # refused: not the text checked
        plans, errors = fix.plan(report.findings, report.digests)
        (tmp_path / "a1.md").write_text(text, encoding="utf-8")
        return report, [(p.path, p.fixed) for p in plans], [str(e) for e in errors]
    in_memory = planned()
    monkeypatch.setattr(store, "SPILL", 0)   # a large run: digests on disk
    on_disk = planned()
    assert isinstance(on_disk[0].digests, spilled.SpilledDigests) and isinstance(in_memory[0].digests, dict)
    assert on_disk[1:] == in_memory[1:]
    assert len(in_memory[1]) == 2 and "Keir Starmer" in in_memory[1][0][1]
    assert len(in_memory[2]) == 1 and "changed since it was checked" in in_memory[2][0]
