"""Integration: the pre-commit hook in a throwaway git repository, `factlint init`, the progress bar,
`factlint rules test`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml

from conftest import ROOT, cli
from test_inputs import GIT_ENV, git

BAD = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"
GOOD = "Washington déploiera des missiles à partir de 2026, afin de contrer la menace.\n"


def test_pre_commit_hooks_file_describes_the_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["factlint"]
    # the exclusions (README, LICENSE, exclude globs) apply to the staged files the hook names
    assert hook["entry"].split("#")[0].split() == ["factlint", "check", "--force-exclude"] and hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "plain-text"} and hook["require_serial"] is True


def _hook_repo(tmp_path) -> tuple[str, str]:
    """A git repository holding this working copy of factlint, as pre-commit would clone it."""
    repo = tmp_path / "factlint-hook"
    repo.mkdir()
    for name in ("checker", "factlint", "rules"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "factlint")
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
    return str(repo), sha


def test_pre_commit_hook_blocks_a_commit_with_an_error(tmp_path):
    hook_repo, sha = _hook_repo(tmp_path)
    news = tmp_path / "newsroom"
    news.mkdir()
    git(news, "init", "-q")
    (news / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {sha}\n    hooks:\n      - id: factlint\n"
        f"        args: [--date, '2024-10-15']\n", encoding="utf-8")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=news, env=env, check=True, capture_output=True)
    (news / "article.md").write_text(BAD, encoding="utf-8")
    (news / "notes.json").write_text("{}", encoding="utf-8")   # not an article: never passed to the hook
    (news / "README.md").write_text(BAD, encoding="utf-8")     # the repository's own document: excluded
    git(news, "add", "-A")
    blocked = subprocess.run(["git", "commit", "-m", "article"], cwd=news, env=env, capture_output=True, text=True,
                             timeout=600)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "article.md:1:47: error [year-typo]" in output and "notes.json" not in output
    assert "README.md" not in output
    log = subprocess.run(["git", "log", "--oneline"], cwd=news, capture_output=True, text=True, env=env)
    assert log.stdout == ""   # nothing was committed
    (news / "article.md").write_text(GOOD, encoding="utf-8")
    git(news, "add", "-A")
    passed = subprocess.run(["git", "commit", "-m", "article"], cwd=news, env=env, capture_output=True, text=True,
                            timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "factlint" in passed.stdout + passed.stderr and "Passed" in passed.stdout + passed.stderr


def test_init_writes_a_configuration_and_a_rule_file_that_work(tmp_path):
    code, out, err = cli("init", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "factlint.toml").is_file() and (tmp_path / "rules" / "house.yaml").is_file()
    assert "[checks.stale-qualifier]" in (tmp_path / "factlint.toml").read_text(encoding="utf-8")
    # the starter files are valid as written
    assert cli("config", cwd=tmp_path)[0] == 0
    assert cli("rules", "validate", "rules", cwd=tmp_path)[0] == 0
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    code, out, err = cli("check", "a.md", "--date", "2024-10-15", cwd=tmp_path)
    assert code == 1 and "year-typo" in out, err   # "@shipped" and rules/ are both used
    # the commented templates are valid rules once uncommented
    house = (tmp_path / "rules" / "house.yaml").read_text(encoding="utf-8")
    templates = house.split("\nnote:", 1)[1].split("\n", 1)[1]
    uncommented = "\n".join(line[2:] if line.startswith("# ") else "" for line in templates.splitlines())
    (tmp_path / "rules" / "house.yaml").write_text(uncommented, encoding="utf-8")
    code, out, err = cli("rules", "validate", "rules", cwd=tmp_path)
    assert code == 0, err
    code, out, err = cli("rules", "test", "rules", cwd=tmp_path)
    assert code == 0 and "2 rule example(s): 2 as expected, 0 not" in out, out
    # never overwrite
    code, _, err = cli("init", cwd=tmp_path)
    assert code == 2 and "already exist" in err
    assert cli("init", "--force", cwd=tmp_path)[0] == 0


def _run_with_terminal_stderr(args, cwd):
    from test_terminal import _on_terminal
    code, stderr, _ = _on_terminal(args, cwd, stream="stderr")
    return code, stderr


def test_progress_bar_only_on_a_terminal(tmp_path):
    for i in range(25):
        (tmp_path / f"a{i:02}.md").write_text("Texte.\n", encoding="utf-8")
    code, stderr = _run_with_terminal_stderr(["check", ".", "--date", "2024-10-15"], tmp_path)
    assert code == 0 and "25/25 articles" in stderr and "[####" in stderr
    code, _, err = cli("check", ".", "--date", "2024-10-15", cwd=tmp_path)   # stderr is not a terminal
    assert code == 0 and "articles" not in err and err == ""
    for i in range(20):
        (tmp_path / f"a{i:02}.md").unlink()
    code, stderr = _run_with_terminal_stderr(["check", ".", "--date", "2024-10-15"], tmp_path)
    assert code == 0 and "articles" not in stderr   # a short run needs no bar


def test_rules_test_runs_the_shipped_examples():
    code, out, err = cli("rules", "test", "-v", cwd=ROOT)
    assert code == 0, out + err
    assert out.count("ok   ") >= 10 and "FAIL" not in out
    assert "pass example" in out and "fail example" in out


def test_rules_test_reports_examples_that_do_not_hold(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "extra.yaml").write_text("""organisations:
  test-org:
    name: Test Organisation
    acronyms: [TORG]
    source: a test
    examples:
      - fail: "La Test Organisation a parlé."
        rule: name-typo
      - pass: "Le groupe (TOrg) a parlé."
        rule: name-typo
      - fail: "Le groupe (TOrg) a parlé."
        rule: name-typo
        suggestion: TORGX
      - fail: "Le groupe (TOrg) a parlé."
        rule: name-typoo
""", encoding="utf-8")
    code, out, _ = cli("rules", "test", cwd=tmp_path)
    assert code == 1
    assert "extra.yaml:7: organisations.test-org: fail example 'La Test Organisation a parlé.': expected a name-typo finding, got none" in out
    assert "extra.yaml:9:" in out and "expected no finding, got name-typo" in out
    assert "expected the suggestion 'TORGX', got 'TORG'" in out
    assert "unknown check 'name-typoo' (did you mean 'name-typo'?)" in out
    assert out.strip().endswith("4 not")


def test_malformed_examples_are_rule_file_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations:\n  x:\n    name: X\n    source: s\n    examples:\n      - pass: a\n        fail: b\n"
                   "      - fail: c\n      - pass: d\n        dat: 2024-01-01\n", encoding="utf-8")
    code, _, err = cli("rules", "validate", bad)
    assert code == 2
    assert "bad.yaml:6: organisations.x.examples[0]: an example has exactly one of `pass`" in err
    assert "organisations.x.examples[1].rule: expected a non-empty text" in err
    assert "organisations.x.examples[2].dat: unknown key 'dat' (did you mean 'date'?)" in err
