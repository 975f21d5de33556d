"""Inputs: standard input (with --stdin-filename) and --changed REF in a throwaway git repository."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, cli

ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"
OTHER_ERROR = "Berlin recevra des chars à partir de 207, selon le ministère.\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def factlint(*args, stdin: str | None = None, cwd=ROOT):
    # the installed package: PYTHONSAFEPATH (set by conftest) keeps the source tree off sys.path
    done = subprocess.run([sys.executable, "-m", "checker", *map(str, args)], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=120)
    return done.returncode, done.stdout, done.stderr


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def test_stdin_with_a_file_name():
    code, out, err = factlint("check", "-", "--stdin-filename", "desk/article.md", "--date", "2024-10-15",
                              "--format", "json", stdin=ERROR)
    assert code == 1, err
    report = json.loads(out)
    assert [(f["path"], f["line"], f["rule"]) for f in report["findings"]] == [("desk/article.md", 1, "year-typo")]
    assert report["articles"][0]["path"] == "desk/article.md"


def test_stdin_markdown_name_enables_suppressions_and_config_is_found_from_it(tmp_path):
    (tmp_path / "factlint.toml").write_text(f'rules = ["{ROOT / "rules"}"]\nfail-on = "never"\n', encoding="utf-8")
    text = "<!-- factlint-disable-next-line year-typo -->\n" + ERROR + OTHER_ERROR
    code, out, _ = factlint("check", "-", "--stdin-filename", "a.md", "--date", "2024-10-15", "--format", "json",
                            stdin=text, cwd=tmp_path)
    assert code == 0   # fail-on never, from the configuration found from the stdin name
    assert [f["line"] for f in json.loads(out)["findings"]] == [3]


def test_stdin_that_is_not_utf8_is_exit_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "checker", "check", "-"], input="é".encode("latin-1"),
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 2 and b"not valid UTF-8" in done.stderr and b"Traceback" not in done.stderr


def _repo(tmp_path):
    repo = tmp_path / "newsroom"
    (repo / "articles").mkdir(parents=True)
    (repo / "articles" / "old.md").write_text(ERROR, encoding="utf-8")
    (repo / "articles" / "edited.md").write_text("Texte.\n", encoding="utf-8")
    (repo / "factlint.toml").write_text(f'rules = ["{ROOT / "rules"}"]\n', encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "archive")
    git(repo, "checkout", "-qb", "pr")
    return repo


def test_changed_checks_only_the_articles_of_the_branch(tmp_path):
    repo = _repo(tmp_path)
    (repo / "articles" / "edited.md").write_text("Texte.\n" + OTHER_ERROR, encoding="utf-8")
    git(repo, "commit", "-qam", "edit")
    (repo / "articles" / "new.md").write_text(OTHER_ERROR, encoding="utf-8")   # untracked, not ignored
    code, out, err = cli("check", ".", "--changed", "main", "--date", "2024-10-15", "--format", "json", cwd=repo)
    assert code == 1, err
    report = json.loads(out)
    assert sorted(a["path"] for a in report["articles"]) == ["articles/edited.md", "articles/new.md"]
    assert sorted(f["path"] for f in report["findings"]) == ["articles/edited.md", "articles/new.md"]
    # without paths, --changed checks the repository from the current directory
    code, out, _ = cli("check", "--date", "2024-10-15", "--format", "json", "--changed", "main", cwd=repo)
    assert code == 1 and len(json.loads(out)["articles"]) == 2


def test_changed_since_head_is_the_working_tree(tmp_path):
    repo = _repo(tmp_path)
    code, out, _ = cli("check", ".", "--date", "2024-10-15", "--format", "json", "--changed", cwd=repo)
    assert code == 0 and json.loads(out)["articles"] == []          # nothing changed: old.md's error is not ours
    (repo / "articles" / "edited.md").write_text(OTHER_ERROR, encoding="utf-8")
    code, out, _ = cli("check", ".", "--date", "2024-10-15", "--format", "json", "--changed", cwd=repo)
    assert code == 1 and [a["path"] for a in json.loads(out)["articles"]] == ["articles/edited.md"]


def test_runner_keeps_the_rest_as_archive_context(tmp_path):
    from checker.runner import Settings, run
    repo = _repo(tmp_path)
    target = (repo / "articles" / "edited.md").resolve()
    report = run([repo / "articles"], Settings(rule_paths=(ROOT / "rules",), targets=frozenset({target})))
    assert [a.path.endswith("edited.md") for a in report.articles] == [True]
    assert [p.endswith("old.md") for p in report.archive] == [True]
    assert [f.rule for f in report.findings] == ["unknown-date"]   # of edited.md; old.md is never reported on


def test_changed_with_a_bad_ref_or_outside_git(tmp_path):
    repo = _repo(tmp_path)
    code, _, err = cli("check", ".", "--changed", "no-such-branch", cwd=repo)
    assert code == 2 and "unknown git ref 'no-such-branch'" in err
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text(ERROR, encoding="utf-8")
    code, _, err = cli("check", ".", "--changed", cwd=plain)
    assert code == 2 and err.startswith("factlint: error: --changed:") and "Traceback" not in err


def test_no_paths_without_changed_is_a_usage_error():
    code, _, err = cli("check")
    assert code == 2 and "give PATHS" in err


def test_stdin_filename_that_does_not_exist_finds_the_config_of_its_folder(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "factlint.toml").write_text(f'rules = ["{ROOT / "rules"}"]\nfail-on = "never"\n', encoding="utf-8")
    code, _, err = factlint("check", "-", "--stdin-filename", "desk/draft.md", "--date", "2024-10-15", stdin=ERROR,
                            cwd=tmp_path)
    assert code == 0, err
    code, _, _ = factlint("check", "-", "--stdin-filename", "draft.md", "--date", "2024-10-15", stdin=ERROR,
                          cwd=tmp_path)
    assert code == 1   # no configuration above tmp_path: default fail-on error
