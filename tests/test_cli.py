"""The command line: exit codes, bad input among good input, output files, explain."""
from __future__ import annotations

import json
import os

import pytest

from checker.checks import DOC_SECTIONS, REGISTRY
from conftest import ROOT, cli

ERROR_ARTICLE = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"
WARNING_ARTICLE = "Il a reçu le nouveau Premier ministre britannique Keir Starmer.\n"


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_exit_codes_follow_fail_on(tmp_path):
    path = _write(tmp_path, "a.txt", ERROR_ARTICLE)
    assert cli("check", path, "--date", "2024-10-15", "--rules", ROOT / "rules")[0] == 1
    assert cli("check", path, "--date", "2024-10-15", "--rules", ROOT / "rules", "--fail-on", "never")[0] == 0
    warn = _write(tmp_path, "w.txt", WARNING_ARTICLE)
    assert cli("check", warn, "--date", "2025-06-10", "--rules", ROOT / "rules")[0] == 0
    assert cli("check", warn, "--date", "2025-06-10", "--rules", ROOT / "rules", "--fail-on", "warning")[0] == 1


def test_bad_articles_do_not_stop_the_others(tmp_path):
    _write(tmp_path, "a_latin1.txt", "Le président était là.\n", encoding="latin-1")
    unreadable = _write(tmp_path, "b_locked.txt", "texte\n")
    _write(tmp_path, "c_good.txt", ERROR_ARTICLE)
    os.chmod(unreadable, 0)
    locked = not os.access(unreadable, os.R_OK)   # root reads anything: test_unreadable.py runs as a user
    try:
        code, out, err = cli("check", tmp_path, "--date", "2024-10-15", "--rules", ROOT / "rules", "--format", "json")
    finally:
        os.chmod(unreadable, 0o644)
    assert code == 2
    errors = [l for l in err.splitlines() if l.startswith("factlint: error:")]
    assert any("a_latin1.txt:1:" in l and "UTF-8" in l for l in errors)
    assert any("b_locked.txt" in l and "cannot read" in l for l in errors) or not locked
    report = json.loads(out)
    assert [f["rule"] for f in report["findings"]] == ["year-typo"]


def test_non_utf8_and_good_article_as_root(tmp_path):
    _write(tmp_path, "a_latin1.txt", "Le président était là.\n", encoding="latin-1")
    _write(tmp_path, "c_good.txt", ERROR_ARTICLE)
    code, out, err = cli("check", tmp_path, "--date", "2024-10-15", "--rules", ROOT / "rules", "--format", "json")
    assert code == 2 and "a_latin1.txt:1: not valid UTF-8" in err and "Traceback" not in err
    assert json.loads(out)["findings"][0]["rule"] == "year-typo"


def test_bad_rules_break_the_run_with_one_line(tmp_path):
    rules = _write(tmp_path, "rules.yaml", "people:\n  x:\n    name: X\n    sourse: s\n")
    article = _write(tmp_path, "a.txt", ERROR_ARTICLE)
    code, out, err = cli("check", article, "--rules", rules)
    assert code == 2
    assert "rules.yaml:4: people.x.sourse: unknown key 'sourse' (did you mean 'source'?)" in err
    assert "Traceback" not in err


def test_a_bad_rule_file_does_not_stop_the_good_ones(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    for name in ("offices.yaml", "heads-offices.yaml", "people.yaml"):
        (rules / name).write_bytes((ROOT / "rules" / name).read_bytes())
    (rules / "broken.yaml").write_text("events:\n  e: [\n", encoding="utf-8")
    article = _write(tmp_path, "a.txt", "Un débat au sein du parti du chancelier Oprav Scholz.\n")
    code, out, err = cli("check", article, "--rules", rules, "--date", "2024-10-15", "--format", "json")
    assert code == 2 and "broken.yaml:3: invalid YAML" in err
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["name-typo"]


def test_output_file_and_exit_code(tmp_path):
    article = _write(tmp_path, "a.txt", ERROR_ARTICLE)
    report = tmp_path / "out" / "report.md"
    code, out, _ = cli("check", article, "--date", "2024-10-15", "--rules", ROOT / "rules", "--format", "markdown",
                       "--output", report)
    assert code == 1 and out == ""
    assert "year-typo" in report.read_text(encoding="utf-8")


def test_missing_path_is_an_error(tmp_path):
    code, _, err = cli("check", tmp_path / "nope.md", "--rules", ROOT / "rules")
    assert code == 2 and "nope.md: no such file or directory" in err


def test_select_and_ignore(tmp_path):
    article = _write(tmp_path, "a.txt", ERROR_ARTICLE)
    assert cli("check", article, "--date", "2024-10-15", "--rules", ROOT / "rules", "--ignore", "year-typo")[0] == 0
    code, _, err = cli("check", article, "--select", "year-typoo")
    assert code == 2 and "did you mean 'year-typo'" in err


def test_option_changes_a_check(tmp_path):
    article = _write(tmp_path, "a.txt", WARNING_ARTICLE)
    args = ("check", article, "--date", "2024-09-05", "--rules", ROOT / "rules", "--fail-on", "warning")
    assert cli(*args)[0] == 0
    assert cli(*args, "--option", "stale-qualifier.max_days=30")[0] == 1


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_every_check_is_documented(check_id):
    module = REGISTRY[check_id]
    for heading in DOC_SECTIONS:
        assert heading in module.__doc__, f"{check_id}: missing {heading}"
    code, out, _ = cli("explain", check_id)
    assert code == 0 and out.startswith(f"# {check_id}") and "## Fails" in out


def test_explain_unknown_rule():
    code, _, err = cli("explain", "year-typpo")
    assert code == 2 and "did you mean 'year-typo'" in err


def test_python_dash_m(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "checker", "explain"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "year-typo" in result.stdout


def test_a_misspelt_known_name_is_a_name_typo_not_also_a_name_variant(tmp_path):
    for i, name in enumerate(["Keir Starmer", "Keir Starmer", "Keir Starmer", "Keir Stramer"]):
        _write(tmp_path, f"{i}.txt", f"Selon {name}, le plan est prêt.\n")
    code, out, _ = cli("check", tmp_path, "--rules", ROOT / "rules", "--date", "2025-03-01", "--format", "json",
                       "--fail-on", "never")
    rules = [(f["path"].split("/")[-1], f["rule"]) for f in json.loads(out)["findings"]]
    assert rules == [("3.txt", "name-typo")]


def test_output_to_a_pipe_or_through_a_link_keeps_them(tmp_path):
    import stat
    import threading
    article = _write(tmp_path, "a.txt", ERROR_ARTICLE)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    code, _, _ = cli("check", article, "--date", "2024-10-15", "--rules", ROOT / "rules", "-o", pipe)
    reader.join(timeout=30)
    assert code == 1 and "year-typo" in received[0]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    target = tmp_path / "reports" / "real.txt"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.txt"
    link.symlink_to(target)
    cli("check", article, "--date", "2024-10-15", "--rules", ROOT / "rules", "-o", link)
    assert link.is_symlink() and "year-typo" in target.read_text(encoding="utf-8")
