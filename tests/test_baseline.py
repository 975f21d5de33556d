"""Baselines through the real CLI: record, survive line moves, report only new findings, gate on them."""
from __future__ import annotations

import json

from conftest import ROOT, cli

ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace."
OTHER_ERROR = "Berlin recevra des chars à partir de 207, selon le ministère."
RULES = ROOT / "rules"


def _run(cwd, *args):
    code, out, err = cli("check", "archive", "--rules", RULES, "--date", "2024-10-15", "--format", "json", *args, cwd=cwd)
    return code, json.loads(out)["findings"] if out else [], err


def _archive(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "old.md").write_text(f"Titre\n\n{ERROR}\n", encoding="utf-8")
    return archive


def test_write_then_use_a_baseline(tmp_path):
    archive = _archive(tmp_path)
    code, findings, err = _run(tmp_path, "--write-baseline", "factlint-baseline.json")
    assert code == 1 and len(findings) == 1 and "wrote 1 finding(s) to the baseline" in err
    doc = json.loads((tmp_path / "factlint-baseline.json").read_text(encoding="utf-8"))
    assert doc["version"] == 2
    assert [(e["path"], e["rule"], e["line"]) for e in doc["findings"]] == [("archive/old.md", "year-typo", 3)]
    # the old finding is known: nothing new, exit 0
    code, findings, err = _run(tmp_path, "--baseline", "factlint-baseline.json")
    assert code == 0 and findings == [] and "1 finding(s) in the baseline were not reported" in err
    # a paragraph inserted above does not make it new
    (archive / "old.md").write_text(f"Titre\n\nUn paragraphe ajouté.\n\nUn autre.\n\n{ERROR}\n", encoding="utf-8")
    assert _run(tmp_path, "--baseline", "factlint-baseline.json")[:2] == (0, [])
    # a new error is reported and fails the build
    (archive / "new.md").write_text(f"{OTHER_ERROR}\n", encoding="utf-8")
    code, findings, _ = _run(tmp_path, "--baseline", "factlint-baseline.json")
    assert code == 1 and [(f["path"], f["rule"]) for f in findings] == [("archive/new.md", "year-typo")]


def test_a_second_identical_finding_is_new(tmp_path):
    archive = _archive(tmp_path)
    _run(tmp_path, "--write-baseline", "base.json")
    (archive / "old.md").write_text(f"Titre\n\n{ERROR}\n\n{ERROR}\n", encoding="utf-8")
    code, findings, _ = _run(tmp_path, "--baseline", "base.json")
    assert code == 1 and len(findings) == 1


def test_editing_the_sentence_makes_the_finding_new(tmp_path):
    archive = _archive(tmp_path)
    _run(tmp_path, "--write-baseline", "base.json")
    (archive / "old.md").write_text(f"Titre\n\n{ERROR.replace('Washington', 'Le Pentagone')}\n", encoding="utf-8")
    assert _run(tmp_path, "--baseline", "base.json")[0] == 1


def test_baseline_from_config_and_from_another_directory(tmp_path):
    _archive(tmp_path)
    _run(tmp_path, "--write-baseline", "ci/base.json")
    (tmp_path / "factlint.toml").write_text(f'rules = ["{RULES}"]\nbaseline = "ci/base.json"\n', encoding="utf-8")
    code, out, err = cli("check", "old.md", "--date", "2024-10-15", cwd=tmp_path / "archive")
    assert code == 0, (out, err)   # paths in the baseline are relative to the baseline file


def test_a_broken_baseline_is_one_line_and_exit_2(tmp_path):
    _archive(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    code, _, err = _run(tmp_path, "--baseline", "bad.json")
    assert code == 2 and "bad.json: not a factlint baseline" in err and "Traceback" not in err
    code, _, err = _run(tmp_path, "--baseline", "missing.json")
    assert code == 2 and "missing.json: cannot read the baseline" in err


def test_no_baseline_is_written_when_the_run_is_broken(tmp_path):
    _archive(tmp_path)
    code, _, err = cli("check", "archive", "nope.md", "--rules", RULES, "--write-baseline", "b.json", cwd=tmp_path)
    assert code == 2 and not (tmp_path / "b.json").exists() and "was not written" in err


def test_editing_another_sentence_of_the_paragraph_keeps_the_finding_baselined(tmp_path):
    """A news paragraph is one line: the fingerprint is the finding's sentence, not its line."""
    archive = _archive(tmp_path)
    (archive / "old.md").write_text(f"Titre\n\nLe ministère a parlé mardi. {ERROR} Le débat continue.\n",
                                    encoding="utf-8")
    _run(tmp_path, "--write-baseline", "base.json")
    (archive / "old.md").write_text(f"Titre\n\nLe ministère a longuement parlé mardi soir. {ERROR} Le débat "
                                    "continue au Parlement.\n", encoding="utf-8")
    assert _run(tmp_path, "--baseline", "base.json")[:2] == (0, [])
    # the trap: its own sentence edited, it is new
    (archive / "old.md").write_text(f"Titre\n\nLe ministère a parlé mardi. {ERROR.replace('menace', 'Russie')} "
                                    "Le débat continue.\n", encoding="utf-8")
    assert _run(tmp_path, "--baseline", "base.json")[0] == 1


def test_a_baseline_of_the_older_format_says_to_write_it_again(tmp_path):
    _archive(tmp_path)
    (tmp_path / "old.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    code, _, err = _run(tmp_path, "--baseline", "old.json")
    assert code == 2 and "write it again with --write-baseline" in err
