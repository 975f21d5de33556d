"""Rule files: the shipped packs are valid data; bad rule files give one line naming file, line and key."""
from __future__ import annotations

import re

import pytest
import yaml

from checker import facts
from checker.importers.us_executive import convert
from conftest import RULES, cli, shared_dir


def _errors(tmp_path, text: str, name: str = "bad.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, errors = facts.load_factbase([path], use_cache=False)
    assert errors
    return [str(e) for e in errors]


def test_shipped_rules_are_valid_and_sourced():
    base, errors = facts.load_factbase([RULES], use_cache=False)
    assert not errors, errors
    rules = base.rules
    for section in (rules.offices, rules.people, rules.organisations, rules.events, rules.facts):
        for entry in section.values():
            assert entry.source.strip(), f"{entry.where}: no source"
    for periods in rules.rates.values():
        assert all(p.source for p in periods)
    assert len(rules.people) > 80 and "olaf-scholz" in rules.people and "donald-trump" in rules.people


def test_shipped_rule_ids_are_unique_across_files():
    seen = {}
    for path in sorted(RULES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section, entries in doc.items():
            if isinstance(entries, dict) and section != "rates":
                for key in entries:
                    assert (section, key) not in seen, f"{key} in {path.name} and {seen[(section, key)]}"
                    seen[(section, key)] = path.name


def test_us_executive_pack_is_generated_from_the_data():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/data not found")
    assert convert(shared / "data" / "us-congress" / "executive.yaml") == (RULES / "us-executive.yaml").read_text(encoding="utf-8")


def test_trump_terms_are_not_consecutive():
    base, _ = facts.load_factbase([RULES], use_cache=False)
    terms = [(t.start.isoformat(), t.end.isoformat()) for t in base.rules.people["donald-trump"].terms]
    assert terms == [("2017-01-20", "2021-01-20"), ("2025-01-20", "2029-01-20")]


@pytest.mark.parametrize("text, expected", [
    ("people:\n  x:\n    name: X\n    gendre: m\n    source: s\n", "bad.yaml:4: people.x.gendre: unknown key 'gendre' (did you mean 'gender'?)"),
    ("people:\n  x: [\n", "bad.yaml:3: invalid YAML"),
    ("people:\n  x:\n    name: X\n", "bad.yaml:2: people.x: missing required key 'source'"),
    ("events:\n  e:\n    names: {fr: [a]}\n    from: 2025-06-25\n    to: 2025-06-24\n    source: s\n",
     "bad.yaml:5: events.e.to: event ends (2025-06-24) before it starts (2025-06-25)"),
    ("events:\n  e:\n    names: {fr: [a]}\n    from: 2025-02-30\n    source: s\n", "bad.yaml:4: events.e.from: expected a date"),
    ("people:\n  x:\n    name: X\n    gender: male\n    source: s\n", "bad.yaml:4: people.x.gender: expected m, f or x"),
    ("people:\n  x:\n    name: X\n    source: s\n  x:\n    name: Y\n    source: s\n", "bad.yaml:5: duplicate key 'x'"),
    ("", "bad.yaml:1: empty rule file"),
    ("peeple: {}\n", "bad.yaml:1: peeple: unknown section 'peeple' (did you mean 'people'?)"),
    ("people:\n  x:\n    name: X\n    held: [{office: nowhere, from: 2020-01-01}]\n    source: s\n",
     "bad.yaml:4: people.x.held.office: unknown office 'nowhere'"),
])
def test_bad_rule_file_errors(tmp_path, text, expected):
    errors = _errors(tmp_path, text)
    assert any(e.startswith(expected) or expected in e for e in errors), errors
    assert all("\n" not in e for e in errors)


def test_overlapping_terms_of_a_single_holder_office(tmp_path):
    text = ("offices:\n  o:\n    titles: {fr: {m: [chef]}}\n    source: s\n"
            "people:\n  a:\n    name: A\n    held: [{office: o, from: 2020-01-01, to: 2022-01-01}]\n    source: s\n"
            "  b:\n    name: B\n    held: [{office: o, from: 2021-01-01}]\n    source: s\n")
    errors = _errors(tmp_path, text)
    assert any("bad.yaml:12" in e and "one holder at a time" in e for e in errors), errors


def test_include_cycle(tmp_path):
    (tmp_path / "a.yaml").write_text("include: [b.yaml]\n")
    (tmp_path / "b.yaml").write_text("include: [a.yaml]\n")
    _, errors = facts.load_factbase([tmp_path / "a.yaml"], use_cache=False)
    assert any("include cycle" in str(e) for e in errors)


def test_validate_cli_exit_codes(tmp_path):
    code, out, _ = cli("rules", "validate", RULES)
    assert code == 0 and "valid" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  x:\n    nam: X\n    source: s\n")
    code, out, err = cli("rules", "validate", bad)
    assert code == 2
    lines = [l for l in err.splitlines() if l]
    assert lines and all(l.startswith("factlint: error: ") and "bad.yaml:" in l for l in lines)
    assert "Traceback" not in err


def test_cache_returns_the_same_facts(tmp_path):
    first, _ = facts.load_factbase([RULES])
    second, _ = facts.load_factbase([RULES])
    assert sorted(first.rules.people) == sorted(second.rules.people)
    text = "le chancelier allemand"
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", text)]
    assert second.find("title", "fr", text, tokens) == [(3, 22)]


def test_import_command_writes_the_pack(tmp_path):
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/data not found")
    out = tmp_path / "us.yaml"
    code, stdout, _ = cli("rules", "import", "us-executive", shared / "data" / "us-congress" / "executive.yaml", "-o", out)
    assert code == 0 and out.read_text(encoding="utf-8") == (RULES / "us-executive.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: {first: X}\n  terms: []\n", encoding="utf-8")
    code, _, err = cli("rules", "import", "us-executive", bad, "-o", tmp_path / "x.yaml")
    assert code == 2 and "bad.yaml: entry 1" in err and "Traceback" not in err


def test_a_rule_file_too_large_is_refused(tmp_path, monkeypatch):
    import checker.facts as rules_loader
    monkeypatch.setattr(rules_loader, "MAX_RULE_BYTES", 100)
    path = tmp_path / "huge.yaml"
    path.write_text("people:\n" + "  # padding\n" * 50, encoding="utf-8")
    _, errors = facts.load_factbase([path], use_cache=False)
    assert len(errors) == 1 and "huge.yaml" in str(errors[0]) and "refused" in str(errors[0])
