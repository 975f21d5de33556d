"""Findings kept on disk as plain values (checker/spilled.py: _flat, _rebuilt) come back as the plain form, a
stable sort of the list, gives them: equal, of the same types all the way down, with the same hash and the same
fingerprints; findings of any other shape (a subclass, a field of another type) are kept as objects. Compared on
generated findings of every shape and on the findings of the seeds and of a generated archive."""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

import factlint
from checker import spilled
from checker.finding import DEFAULT, Evidence, Finding, Fix, Location, Place, Severity, pickled_by_fields
from conftest import ROOT
from benchmarks.archive_gen import generate


@pytest.fixture
def small_runs(monkeypatch):
    """Runs of a few findings, batches of fewer, merged three at a time: every path of the code taken."""
    monkeypatch.setattr(spilled, "BUFFER", 7)
    monkeypatch.setattr(spilled, "BATCH", 3)
    monkeypatch.setattr(spilled, "MAX_RUNS", 3)


@pickled_by_fields
@dataclasses.dataclass(slots=True, unsafe_hash=True)
class NotedFinding(Finding):
    """A finding of another class, with a field of its own."""
    note: str = ""


@pickled_by_fields
@dataclasses.dataclass(slots=True, unsafe_hash=True)
class Spot(Place):
    """A place of another class."""


class Marked(str):
    """A string of another type."""


class Pieces(tuple):
    """A tuple of another type."""


def _shape(value):
    """The value's type and content all the way down: dataclasses by their fields, tuples and lists by items."""
    if dataclasses.is_dataclass(value):
        return type(value), tuple((f.name, _shape(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return type(value), tuple(_shape(item) for item in value)
    return type(value), value


_TEXTS = ["", "a", "Keir Starmer", "l’ancien président « Trump »", "1,2 milliard d'€", "名前 🙂 x\u00a0y",
          "lone \udcff surrogate", "e\u0301", "x" * 300]
_PATHS = ["a.md", "dir/é.md", "../../tmp/archive/000/article-000001.md", "bad-\udce9.md", "🙂/b.txt"]


def _evidence(rng: random.Random) -> Evidence:
    kind = rng.randrange(4)
    if kind == 0:   # a rule's position as text: the place read from it
        return Evidence(f"rules/{rng.choice(['people', 'événements'])}.yaml:{rng.randrange(1, 999)}", rng.choice(_TEXTS))
    if kind == 1:   # a source without a line: a place without one
        return Evidence(rng.choice(["data/rates.csv", "ECB", ""]), rng.choice(_TEXTS))
    if kind == 2:   # another article's line and column
        return Evidence.at(Place(rng.choice(_PATHS), rng.randrange(1, 10**6), rng.randrange(1, 300)), rng.choice(_TEXTS))
    return Evidence.at(Place(rng.choice(_PATHS), rng.choice([None, 3])), rng.choice(_TEXTS))


def _generated(rng: random.Random, n: int) -> Finding:
    # few paths, lines and rules: equal sort keys, told apart only by their order
    where = Location(rng.choice(_PATHS[:3]), rng.randrange(1, 4), rng.randrange(1, 3), rng.randrange(1, 2**40),
                     rng.randrange(0, 200))
    fix = rng.choice([None, Fix(rng.randrange(100), rng.randrange(100, 200), rng.choice(_TEXTS), rng.random() < 0.5)])
    return Finding(rng.choice(["year-typo", "contradiction", "name-typo"]), rng.choice(_TEXTS) + str(n), where,
                   rng.choice(list(Severity)), rng.choice(_TEXTS), rng.choice([None, "", str(n), "2026 🙂"]),
                   tuple(_evidence(rng) for _ in range(rng.choice([0, 1, 2, 5]))), fix,
                   rng.choice([DEFAULT, "bare-title", "majority"]))


def _odd(rng: random.Random, n: int) -> Finding:
    """A finding of another shape than _flat writes."""
    finding = _generated(rng, n)
    kind = n % 7
    if kind == 0:
        return NotedFinding(*(getattr(finding, f.name) for f in dataclasses.fields(Finding)), note=f"note {n}")
    if kind == 1:
        return dataclasses.replace(finding, message=Marked(finding.message))
    if kind == 2:
        return dataclasses.replace(finding, evidence=Pieces(finding.evidence))
    if kind == 3:
        return dataclasses.replace(finding, severity=int(finding.severity))
    if kind == 4:
        return dataclasses.replace(finding, evidence=(Evidence.at(Spot("b.md", 4, 1), "e"), *finding.evidence))
    if kind == 5:
        return dataclasses.replace(finding, location=Location(finding.location.path, 2.5, 1, 1, 1))
    return dataclasses.replace(finding, suggestion=("a", "tuple"))


def _assert_read_back_as_the_plain_form_gives(pairs: list[tuple[Finding, str | None]]):
    kept = spilled.SpilledFindings()
    for finding, fingerprint in pairs:
        kept.append(finding, fingerprint)
    expected = sorted(pairs, key=lambda pair: pair[0].sort_key())   # the plain form: a stable sort of the list
    for _ in range(2):   # read twice, the same
        back = list(kept.pairs())
        assert back == expected
        assert [_shape(p) for p in back] == [_shape(p) for p in expected]
        assert [hash(f) for f, _ in back] == [hash(f) for f, _ in expected]
    rules = {"name-typo", "contradiction"}
    assert sorted(kept.places(rules)) == sorted((f.rule, f.location.path, f.location.line, f.location.column)
                                                for f, _ in pairs if f.rule in rules)
    half = kept.filtered(lambda f: hash(f) % 2)
    assert [_shape(p) for p in half.pairs()] == [_shape(p) for p in expected if hash(p[0]) % 2]


@pytest.mark.parametrize("seed", range(8))
def test_generated_findings_read_back_as_they_were(small_runs, seed):
    rng = random.Random(seed)
    findings = [_generated(rng, n) for n in range(rng.randrange(0, 150))]
    _assert_read_back_as_the_plain_form_gives([(f, rng.choice([None, f"fp{n}", "é🙂\udcff"]))
                                               for n, f in enumerate(findings)])


@pytest.mark.parametrize("seed", range(4))
def test_findings_of_another_shape_are_kept_as_objects(small_runs, seed):
    rng = random.Random(seed)
    findings = [_odd(rng, n) if rng.random() < 0.2 else _generated(rng, n) for n in range(120)]
    assert {type(f) for f in findings} == {Finding, NotedFinding}
    _assert_read_back_as_the_plain_form_gives([(f, None) for f in findings])
    assert _forms(spilled.SpilledFindings(findings)) == {"plain", "objects"}


def _forms(kept: spilled.SpilledFindings) -> set[str]:
    """How the findings written are kept: as plain values, or as objects."""
    return {"objects" if len(rest) == 2 else "plain" for _, batches in kept._runs for _, rest in kept._read(batches)}


def test_findings_of_the_usual_shape_are_written_as_plain_values(monkeypatch):
    """The fields _flat and _rebuilt know are all there are: a field added to a class must be added to them (a
    finding rebuilt without it fails the tests above)."""
    known = {Finding: ["rule", "message", "location", "severity", "text", "suggestion", "evidence", "fix", "level"],
             Location: ["path", "line", "column", "end_line", "end_column"], Place: ["path", "line", "column"],
             Evidence: ["source", "text", "place"], Fix: ["start", "end", "replacement", "safe"]}
    for cls, names in known.items():
        assert [f.name for f in dataclasses.fields(cls)] == names, cls
    monkeypatch.setattr(spilled, "BUFFER", 4)
    rng = random.Random(2)
    kept = spilled.SpilledFindings(_generated(rng, n) for n in range(9))
    assert len(kept._runs) == 2 and _forms(kept) == {"plain"}


def test_real_findings_read_back_as_they_were(small_runs, tmp_path):
    generate(tmp_path, 24, seed=3, error_rate=0.3)
    report = factlint.Linter(root=ROOT, baseline=False).check_paths([tmp_path, ROOT / "seeds"])
    findings = list(report.findings)
    assert {"contradiction", "year-typo", "name-typo"} <= {f.rule for f in findings}
    assert any(f.fix for f in findings) and any(len(f.evidence) > 1 for f in findings)
    _assert_read_back_as_the_plain_form_gives([(f, report.fingerprints.get(f) or f"fp{n}")
                                               for n, f in enumerate(findings)])



def test_a_deferring_check_is_left_out_where_the_other_reported_with_findings_on_disk(small_runs, tmp_path,
                                                                                    monkeypatch):
    """name-variant defers to name-typo at the same place: the places of the articles' findings read from disk
    (SpilledFindings.places) leave it out as the findings in memory do."""
    from checker import store
    from checker.checks import name_variant
    article = "---\ndate: 2024-03-0{day}\nlang: fr\n---\n\nLe chancelier allemand Olaf {name} a parlé à Berlin.\n"
    for day in range(1, 4):
        (tmp_path / f"a{day}.md").write_text(article.format(day=day, name="Scholz"), encoding="utf-8")
    (tmp_path / "b.md").write_text(article.format(day=5, name="Scholtz"), encoding="utf-8")
    for n in range(12):   # findings enough to be written to disk (BUFFER): each article's date unknown
        (tmp_path / f"c{n}.md").write_text("Le conseil s'est réuni.\n", encoding="utf-8")

    def found() -> list[tuple[str, str]]:
        report = factlint.Linter(root=ROOT, baseline=False).check_paths([tmp_path])
        return [(f.rule, Path(f.location.path).name) for f in report.findings if f.rule != "unknown-date"]
    in_memory = found()
    monkeypatch.setattr(store, "SPILL", 0)
    assert found() == in_memory == [("name-typo", "b.md")]
    monkeypatch.setattr(name_variant, "DEFERS_TO", ())
    assert found() == [("name-typo", "b.md"), ("name-variant", "b.md")]
