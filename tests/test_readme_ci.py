"""The CI and workflow documentation can be followed as written: docs/ci.md shows the files of docs/ci,
they install factlint from its repository at a pinned tag, their shell steps run in a throwaway
repository with an origin (with stand-ins for gh and curl that record what would be posted), and its
configuration example is valid."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker import config
from conftest import ROOT
from test_inputs import GIT_ENV, git

DOCS = {name: (ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("ci.md", "workflow.md")}
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = ROOT / "docs" / "ci"
ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"


def _blocks(lang: str, text: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


def test_the_ci_page_shows_the_ci_files_verbatim():
    blocks = _blocks("yaml", DOCS["ci.md"])
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        assert (CI / name).read_text(encoding="utf-8") in blocks, f"docs/ci.md and docs/ci/{name} differ"


@pytest.mark.parametrize("text", [README, DOCS["workflow.md"]], ids=["README", "workflow.md"])
def test_configuration_examples_are_valid(tmp_path, text):
    example = next(b for b in _blocks("toml", text) if "[checks." in b)
    path = tmp_path / "factlint.toml"
    path.write_text(example, encoding="utf-8")
    loaded = config.load(path)
    assert loaded.get("fail-on") == "warning" and loaded.check_value("stale-qualifier", "max_days") == 90


def test_the_pre_commit_config_names_the_shipped_hook():
    block = next(b for b in _blocks("yaml", DOCS["workflow.md"]) if "pre-commit" not in b and "hooks:" in b and "rev:" in b)
    hook_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert yaml.safe_load(block)["repos"][0]["hooks"][0]["id"] in hook_ids


def _github_steps() -> list[dict]:
    return yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))["jobs"]["factlint"]["steps"]


def _gitlab_job() -> dict:
    return yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["factlint"]


PINNED = re.compile(r'pip install "git\+https://github\.com/OWNER/factlint@(v\d+\.\d+\.\d+|[0-9a-f]{40})"')


def test_the_templates_install_factlint_from_its_repository_at_a_pinned_ref(tmp_path):
    """There is no factlint on the package index: pip installs it from a tag (or commit) of its repository."""
    installs = [step["run"] for step in _github_steps() if "pip install" in step.get("run", "")]
    installs += [line for line in _gitlab_job()["script"] if "pip install" in line]
    assert len(installs) == 2 and all(PINNED.search(line) for line in installs), installs
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no repository to install from")
    clone = tmp_path / "factlint"
    git(tmp_path, "clone", "-q", str(ROOT), str(clone))
    git(clone, "tag", "v0.1.0")
    command = PINNED.search(installs[0]).group().replace("https://github.com/OWNER/factlint", f"file://{clone}")
    command = command.replace("pip install", f'"{sys.executable}" -m pip install -q --no-deps --no-build-isolation '
                                             f'--target "{tmp_path / "site"}"')
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "checker" / "cli.py").is_file() and (tmp_path / "site" / "factlint").is_dir()


def _pull_request(tmp_path, articles: int = 1, rules: bool = False) -> Path:
    origin = tmp_path / "origin"
    (origin / "articles").mkdir(parents=True)
    if rules:
        (origin / "rules").mkdir()
        for name in ("offices.yaml", "people.yaml", "heads-offices.yaml"):
            shutil.copy(ROOT / "rules" / name, origin / "rules" / name)
    (origin / "articles" / "old.md").write_text(ERROR, encoding="utf-8")   # an old error: not this PR's
    (origin / "README.md").write_text(ERROR, encoding="utf-8")             # not an article
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "archive")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "checkout", "-qb", "pr")
    for i in range(articles):
        name = "new.md" if i == 0 else f"new-{i:03}.md"
        (work / "articles" / name).write_text(f"---\ndate: 2024-10-15\n---\n{ERROR}", encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-qm", "new articles")
    return work


FAKE_GH = r"""#!/usr/bin/env python3
# A stand-in for the GitHub CLI: answers `gh api --paginate URL --jq FILTER` from the comments in
# $GH_COMMENTS (pages of a JSON array, the filter run by jq as gh runs it) and records every call.
import json, os, subprocess, sys
args = sys.argv[1:]
record = {"args": args}
for i, a in enumerate(args):
    if a.startswith("body=@"):
        record["body"] = open(a.removeprefix("body=@"), encoding="utf-8").read()
    elif a == "--body-file":
        record["body"] = open(args[i + 1], encoding="utf-8").read()
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(record) + "\n")
if args[:1] == ["api"] and "--jq" in args:
    comments = json.loads(open(os.environ["GH_COMMENTS"]).read())
    for page in (comments[:2], comments[2:]):   # two pages, as --paginate fetches them
        done = subprocess.run(["jq", "-r", args[args.index("--jq") + 1]], input=json.dumps(page),
                              capture_output=True, text=True, check=True)
        sys.stdout.write(done.stdout)
"""

FAKE_CURL = r"""#!/usr/bin/env python3
# A stand-in for curl against GitLab's notes API: GET lists $GITLAB_NOTES, the rest is recorded.
import json, os, sys
args = sys.argv[1:]
method = args[args.index("--request") + 1] if "--request" in args else "GET"
url = [a for a in args if a.startswith("http")][-1]
record = {"method": method, "url": url, "token": args[args.index("--header") + 1]}
if "--data-urlencode" in args:
    record["body"] = open(args[args.index("--data-urlencode") + 1].removeprefix("body@"), encoding="utf-8").read()
with open(os.environ["CURL_LOG"], "a") as log:
    log.write(json.dumps(record) + "\n")
if method == "GET":
    print(open(os.environ["GITLAB_NOTES"]).read())
else:
    print(json.dumps({"id": 1}))
"""


def _tools(tmp_path) -> dict:
    """PATH with the installed factlint first (never the source tree), and the gh and curl stand-ins."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "factlint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    for name, text in (("gh", FAKE_GH), ("curl", FAKE_CURL)):
        (bin_dir / name).write_text(text.replace("python3", sys.executable, 1), encoding="utf-8")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return {**env, **GIT_ENV, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GH_LOG": str(tmp_path / "gh.log"),
            "CURL_LOG": str(tmp_path / "curl.log")}


def _log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _github_env(tmp_path, comments: list[dict]) -> dict:
    (tmp_path / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    return {**_tools(tmp_path), "GITHUB_BASE_REF": "main", "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "77", "HEAD_SHA": "abc123", "PR": "5", "GH_TOKEN": "t",
            "GH_COMMENTS": str(tmp_path / "comments.json")}


def _run_steps(steps: list[dict], work: Path, env: dict) -> list[subprocess.CompletedProcess]:
    return [subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True,
                           timeout=300) for step in steps]


def _step(name_part: str) -> dict:
    return next(s for s in _github_steps() if name_part in s.get("name", ""))


needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="jq stands in for gh's --jq")


@needs_jq
def test_github_steps_edit_the_reports_own_comment_and_gate(tmp_path):
    work = _pull_request(tmp_path)
    ours = {"id": 11, "user": {"login": "github-actions[bot]"}, "body": "old report\n<!-- factlint-report -->\n"}
    other = {"id": 12, "user": {"login": "github-actions[bot]"}, "body": "coverage: 93 %"}   # the bot's last comment
    env = _github_env(tmp_path, [{"id": 10, "user": {"login": "alice"}, "body": "LGTM"}, ours, other])
    report, comment, gate = _run_steps([_step("Markdown report"), _step("Post the report"), _step("Gate")], work, env)
    assert report.returncode == 0, report.stderr
    text = (work / ".factlint/report.md").read_text(encoding="utf-8")
    assert "[4](https://github.com/o/r/blob/abc123/articles/new.md?plain=1#L4)" in text and "old.md" not in text
    assert "README" not in text
    assert comment.returncode == 0, comment.stderr
    calls = _log(tmp_path / "gh.log")
    assert calls[-1]["args"][:4] == ["api", "--method", "PATCH", "repos/o/r/issues/comments/11"]   # ours, not 12
    assert calls[-1]["body"] == text
    assert gate.returncode == 1 and gate.stdout.startswith("::error file=articles/new.md,line=4,")
    assert "old.md" not in gate.stdout


@needs_jq
def test_github_first_report_is_a_new_comment_and_a_long_one_is_cut(tmp_path):
    work = _pull_request(tmp_path, articles=170)
    env = _github_env(tmp_path, [{"id": 12, "user": {"login": "github-actions[bot]"}, "body": "coverage: 93 %"}])
    report, comment = _run_steps([_step("Markdown report"), _step("Post the report")], work, env)
    assert report.returncode == 0, report.stderr
    text = (work / ".factlint/report.md").read_text(encoding="utf-8")
    whole = (work / ".factlint/full-report.md").read_text(encoding="utf-8")
    assert len(whole) > 65_536 >= len(text) and text.count("### ") < whole.count("### ") == 170
    assert "**This report is cut**" in text and "(https://github.com/o/r/actions/runs/77)" in text
    assert comment.returncode == 0, comment.stderr
    assert _log(tmp_path / "gh.log")[-1]["args"] == ["pr", "comment", "5", "--body-file", ".factlint/report.md"]


def test_github_posting_can_fail_without_skipping_the_gate():
    """A fork's read-only token makes the comment fail; the step does not fail the job, and the gate and
    the upload of the full report run whatever happened before them."""
    assert _step("Post the report").get("continue-on-error") is True
    assert _step("Gate")["if"] == "${{ !cancelled() }}"
    upload = next(s for s in _github_steps() if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"] == "${{ !cancelled() }}" and upload["with"]["path"] == ".factlint/full-report.md"
    assert upload["with"]["include-hidden-files"] is True
    assert "--fail-on never" in _step("Markdown report")["run"]
    paths = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))[True]["pull_request"]["paths"]
    assert {"rules/**", "factlint.toml"} <= set(paths)   # a rule change runs the job (and checks every article)


def _gitlab_env(tmp_path, notes: list[dict]) -> dict:
    (tmp_path / "notes.json").write_text(json.dumps(notes), encoding="utf-8")
    return {**_tools(tmp_path), "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PROJECT_URL": "https://gitlab.example/o/r",
            "CI_COMMIT_SHA": "abc123", "CI_JOB_URL": "https://gitlab.example/o/r/-/jobs/9", "CI_API_V4_URL":
            "https://gitlab.example/api/v4", "CI_PROJECT_ID": "3", "CI_MERGE_REQUEST_IID": "8",
            "FACTLINT_API_TOKEN": "secret", "GITLAB_NOTES": str(tmp_path / "notes.json")}


def _gitlab_script(work: Path, env: dict) -> subprocess.CompletedProcess:
    """The job's script as the runner runs it: one bash, errexit and pipefail (pip install left out)."""
    lines = [line for line in _gitlab_job()["script"] if not line.startswith("pip install")]
    return subprocess.run(["bash", "-c", "set -eo pipefail\n" + "\n".join(lines)], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)


def test_gitlab_job_writes_code_quality_edits_its_note_and_gates(tmp_path):
    work = _pull_request(tmp_path)
    notes = [{"id": 31, "body": "a later note from someone else"}, {"id": 30, "body": "x\n<!-- factlint-report -->\n"}]
    done = _gitlab_script(work, _gitlab_env(tmp_path, notes))
    assert done.returncode == 1, done.stdout + done.stderr   # this merge request's error fails the job
    quality = json.loads((work / ".factlint/gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in quality] == \
        [("year-typo", "articles/new.md", 4)]
    calls = _log(tmp_path / "curl.log")
    assert [(c["method"], c["url"]) for c in calls] == [
        ("GET", "https://gitlab.example/api/v4/projects/3/merge_requests/8/notes?per_page=100&sort=desc&order_by=updated_at"),
        ("PUT", "https://gitlab.example/api/v4/projects/3/merge_requests/8/notes/30")]
    assert calls[-1]["token"] == "PRIVATE-TOKEN: secret"
    assert calls[-1]["body"] == (work / ".factlint/report.md").read_text(encoding="utf-8")
    assert "articles/new.md?plain=1#L4" in calls[-1]["body"]


def test_gitlab_first_note_is_posted_and_a_failed_post_does_not_skip_the_gate(tmp_path):
    work = _pull_request(tmp_path)
    env = _gitlab_env(tmp_path, [{"id": 31, "body": "a note"}])
    done = _gitlab_script(work, env)
    assert done.returncode == 1 and [c["method"] for c in _log(tmp_path / "curl.log")] == ["GET", "POST"]
    (work / ".factlint/gl-code-quality-report.json").unlink()
    env["GITLAB_NOTES"] = str(tmp_path / "missing.json")   # the API answers nothing readable
    done = _gitlab_script(work, env)
    assert done.returncode == 1 and "could not be posted" in done.stdout
    assert (work / ".factlint/gl-code-quality-report.json").is_file()


def test_gitlab_code_quality_has_the_documented_fields():
    """GitLab's Code Quality format: description, check_name, fingerprint (unique), severity (info, minor,
    major, critical, blocker), location.path (relative) and location.lines.begin."""
    from conftest import cli
    code, out, _ = cli("check", "seeds", "missing.md", "--format", "gitlab", cwd=ROOT)
    issues = json.loads(out)
    assert code == 2 and len(issues) > 5
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and isinstance(issue["fingerprint"], str)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert not issue["location"]["path"].startswith("/") and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_rule = {i["check_name"]: i["severity"] for i in issues}
    assert by_rule["year-typo"] == "major" and by_rule["name-typo"] == "minor" and by_rule["unknown-date"] == "info"
    assert by_rule["factlint-run-error"] == "critical"


def test_a_rule_change_checks_every_article(tmp_path):
    from conftest import cli
    work = _pull_request(tmp_path, rules=True)
    args = ("check", ".", "--changed", "origin/main", "--format", "json", "--date", "2024-10-15")
    code, out, err = cli(*args, cwd=work)
    assert code == 1 and {f["path"] for f in json.loads(out)["findings"]} == {"articles/new.md"}   # the trap
    people = work / "rules" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, out, err = cli(*args, cwd=work)
    assert "rules/people.yaml changed since origin/main: every article is checked" in err
    assert {f["path"] for f in json.loads(out)["findings"]} == {"articles/old.md", "articles/new.md"}
    people.write_text(people.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    (work / "factlint.toml").write_text('rules = ["rules/"]\n', encoding="utf-8")   # the configuration, new
    code, out, err = cli(*args, cwd=work)
    assert "factlint.toml changed" in err and len(json.loads(out)["findings"]) == 2
