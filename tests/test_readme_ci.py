"""The README's integration section can be followed as written: its CI files are the ones in docs/ci,
their factlint commands work in a throwaway repository with an origin, its configuration example is valid."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from checker import config
from conftest import ROOT
from test_inputs import GIT_ENV, git

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = ROOT / "docs" / "ci"
ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", README, re.M | re.S)


def test_readme_shows_the_ci_files_verbatim():
    blocks = _blocks("yaml")
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        assert (CI / name).read_text(encoding="utf-8") in blocks, f"README and docs/ci/{name} differ"


def test_readme_configuration_example_is_valid(tmp_path):
    example = next(b for b in _blocks("toml") if "[checks." in b)
    path = tmp_path / "factlint.toml"
    path.write_text(example, encoding="utf-8")
    loaded = config.load(path)
    assert loaded.get("fail-on") == "warning" and loaded.check_value("stale-qualifier", "max_days") == 90


def test_readme_pre_commit_config_names_the_shipped_hook():
    block = next(b for b in _blocks("yaml") if "pre-commit" not in b and "hooks:" in b and "rev:" in b)
    hook_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert yaml.safe_load(block)["repos"][0]["hooks"][0]["id"] in hook_ids


def _factlint_commands() -> list[tuple[str, str]]:
    github = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    commands = [("github", step["run"]) for step in github["jobs"]["factlint"]["steps"]
                if "factlint check" in step.get("run", "")]
    gitlab = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    commands += [("gitlab", line) for line in gitlab["factlint"]["script"] if "factlint check" in line]
    return commands


def _pull_request(tmp_path) -> Path:
    origin = tmp_path / "origin"
    (origin / "articles").mkdir(parents=True)
    (origin / "articles" / "old.md").write_text(ERROR, encoding="utf-8")   # an old error: not this PR's
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "archive")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "checkout", "-qb", "pr")
    (work / "articles" / "new.md").write_text("---\ndate: 2024-10-15\n---\n" + ERROR, encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-qm", "new article")
    return work


def test_the_ci_commands_run_as_written(tmp_path):
    work = _pull_request(tmp_path)
    shim = tmp_path / "bin" / "factlint"   # `factlint` on PATH is this working copy, whatever pip installed
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, **GIT_ENV, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
           "GITHUB_BASE_REF": "main", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r",
           "HEAD_SHA": "abc123", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
           "CI_PROJECT_URL": "https://gitlab.example/o/r", "CI_COMMIT_SHA": "abc123"}
    commands = _factlint_commands()
    assert [kind for kind, _ in commands] == ["github", "github", "gitlab", "gitlab"]
    for kind, command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=120)
        report = work / "factlint-report.md"
        if "-o factlint-report.md" in command:
            assert done.returncode == 0, done.stderr
            text = report.read_text(encoding="utf-8")
            base = "https://github.com/o/r/blob/abc123/" if kind == "github" else "https://gitlab.example/o/r/-/blob/abc123/"
            assert f"[4]({base}articles/new.md?plain=1#L4)" in text and "old.md" not in text
            report.unlink()
        else:   # the gate: this pull request's error fails the job, the archive's does not appear
            assert done.returncode == 1, done.stderr
            assert "articles/new.md" in done.stdout and "old.md" not in done.stdout
            if kind == "github":
                assert done.stdout.startswith("::error file=articles/new.md,line=4,")
