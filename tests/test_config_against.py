"""The configuration's `against` key: the archive index every check compares with, as --against."""
from __future__ import annotations

import json

import pytest

from conftest import cli

AID_A = "---\ndate: 2025-03-04\nlang: fr\n---\nLe gouvernement a annoncé une aide de 2 milliards d'euros à l'Ukraine.\n"
AID_B = "---\ndate: 2025-03-05\nlang: fr\n---\nMardi, le gouvernement a annoncé une aide de 1,2 milliard d'euros à l'Ukraine.\n"


@pytest.fixture()
def newsroom(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "aid.md").write_text(AID_A, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "aid.md").write_text(AID_B, encoding="utf-8")
    code, _, err = cli("index", "archive", "--db", "archive.db", cwd=tmp_path)
    assert code == 0, err
    return tmp_path


def _findings(out: str) -> list[tuple[str, list[str]]]:
    return [(f["rule"], [e["source"] for e in f["evidence"]]) for f in json.loads(out)["findings"]]


def test_the_configured_index_is_compared_with_from_any_folder(newsroom):
    (newsroom / "factlint.toml").write_text('against = "archive.db"\n', encoding="utf-8")
    code, out, err = cli("check", "drafts/aid.md", "--format", "json", "--fail-on", "never", cwd=newsroom)
    assert code == 0, err
    assert _findings(out) == [("contradiction", ["archive/aid.md:5"])]
    # the path is relative to the configuration file, not to where factlint runs
    code, out, err = cli("check", "aid.md", "--format", "json", "--fail-on", "never", cwd=newsroom / "drafts")
    assert code == 0, err
    assert [rule for rule, _ in _findings(out)] == ["contradiction"]
    code, out, _ = cli("config", cwd=newsroom)
    assert "against = " in out and "factlint.toml:1" in out


def test_without_the_key_there_is_no_archive_and_the_option_wins(newsroom):
    code, out, _ = cli("check", "drafts/aid.md", "--format", "json", "--fail-on", "never", cwd=newsroom)
    assert _findings(out) == []
    (newsroom / "factlint.toml").write_text('against = "missing.db"\n', encoding="utf-8")
    code, out, err = cli("check", "drafts/aid.md", "--format", "json", "--fail-on", "never", cwd=newsroom)
    assert code == 2 and "missing.db" in err
    code, out, err = cli("check", "drafts/aid.md", "--against", "archive.db", "--format", "json", "--fail-on", "never",
                         cwd=newsroom)
    assert code == 0, err
    assert [rule for rule, _ in _findings(out)] == ["contradiction"]


def test_a_wrong_value_is_one_line_naming_the_file(newsroom):
    (newsroom / "factlint.toml").write_text("against = 3\n", encoding="utf-8")
    code, _, err = cli("check", "drafts/aid.md", cwd=newsroom)
    assert code == 2
    assert err.strip() == "factlint: error: factlint.toml:1: against: expected a text, got 3"


def test_the_api_uses_the_configured_index(newsroom, monkeypatch):
    import factlint
    (newsroom / "factlint.toml").write_text('against = "archive.db"\n', encoding="utf-8")
    monkeypatch.chdir(newsroom)
    report = factlint.Linter(root=newsroom).check_text(AID_B, "drafts/aid.md")
    assert [(f.rule, f.evidence[0].source) for f in report.findings] == [("contradiction", "archive/aid.md:5")]
    assert factlint.Linter(root=newsroom, against="elsewhere.db").check_text(AID_B, "drafts/aid.md").errors
