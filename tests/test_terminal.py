"""Terminal conventions: --color and NO_COLOR, progress in both phases, --option as the configuration,
run errors in the JSON report, evidence from the shipped packs named by the pack, not by site-packages."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from conftest import EDITABLE, ROOT, cli
from test_formats import _validator

RULES = ROOT / "rules"
ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"
STALE = "Il a reçu le nouveau Premier ministre britannique Keir Starmer.\n"   # a warning on 2025-06-10
RED = "\033[31m"


def _on_terminal(args, cwd, env=None, stream="stdout") -> tuple[int, str, str]:
    """Run the installed command with stdout (or stderr) on a pseudo-terminal; (code, terminal, other)."""
    master, slave = pty.openpty()
    env = {**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, **(env or {})}
    pipes = {"stdout": slave, "stderr": subprocess.PIPE} if stream == "stdout" else {"stdout": subprocess.PIPE,
                                                                                     "stderr": slave}
    proc = subprocess.Popen([sys.executable, "-m", "checker", *map(str, args)], cwd=cwd, env=env, **pipes)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    other = (proc.stderr if stream == "stdout" else proc.stdout).read()
    proc.wait(timeout=120)
    os.close(master)
    return proc.returncode, seen.decode("utf-8", "replace"), other.decode("utf-8", "replace")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ERROR, encoding="utf-8")
    return path


def test_color_follows_the_option_and_no_color(article):
    args = ["check", article.name, "--rules", RULES, "--date", "2024-10-15"]
    _, shown, _ = _on_terminal(args, article.parent)
    assert RED in shown                                   # auto, on a terminal
    _, shown, _ = _on_terminal(args, article.parent, {"NO_COLOR": "1"})
    assert RED not in shown and "error [year-typo]" in shown
    _, shown, _ = _on_terminal(args + ["--color", "never"], article.parent)
    assert RED not in shown
    _, shown, _ = _on_terminal(args + ["--color", "always"], article.parent, {"NO_COLOR": "1"})
    assert RED in shown                                   # asked for explicitly
    code, out, _ = cli(*args, "--color", "always", cwd=article.parent)
    assert code == 1 and RED in out                       # not a terminal, but asked for
    assert RED not in cli(*args, cwd=article.parent)[1]   # auto, not a terminal
    assert RED not in cli(*args, "--color", "always", "--format", "json", cwd=article.parent)[1]


def test_progress_is_shown_while_the_articles_are_compared(tmp_path):
    for i in range(25):
        (tmp_path / f"a{i:02}.md").write_text("Le gouvernement a annoncé une aide de 2 milliards d'euros.\n",
                                               encoding="utf-8")
    code, stderr, _ = _on_terminal(["check", ".", "--rules", RULES, "--date", "2024-10-15"], tmp_path,
                                   stream="stderr")
    assert code == 0 and "25/25 articles" in stderr
    assert "comparing the articles: contradiction (1/3)" in stderr and "name-variant (3/3)" in stderr


@pytest.mark.parametrize("option, message", [
    ("stale-qualifier.max_dayz=3", "unknown setting 'max_dayz' of stale-qualifier (did you mean 'max_days'?)"),
    ("stale-qualifer.max_days=3", "unknown check 'stale-qualifer' (did you mean 'stale-qualifier'?)"),
    ("stale-qualifier.severity=fatal", "expected one of error, warning, info, got 'fatal'"),
    ("stale-qualifier.severity=eror", "(did you mean 'error'?)"),
    ("stale-qualifier.enabled=maybe", "expected true or false, got 'maybe'"),
    ("stale-qualifier.max_days=ninety", "expected int, got 'ninety'"),
    ("stale-qualifier", "expected CHECK.KEY=VALUE"),
])
def test_option_errors_are_the_configurations(article, option, message):
    code, _, err = cli("check", article, "--rules", RULES, "--option", option)
    assert code == 2 and message in err, err


def test_option_sets_severity_and_enabled_as_the_configuration_does(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text(STALE, encoding="utf-8")
    args = ("check", path, "--rules", RULES, "--date", "2025-06-10", "--format", "json")
    findings = json.loads(cli(*args)[1])["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("stale-qualifier", "warning")]
    code, out, _ = cli(*args, "--option", "stale-qualifier.severity=error")
    assert code == 1 and [f["severity"] for f in json.loads(out)["findings"]] == ["error"]
    code, out, _ = cli(*args, "--option", "stale-qualifier.enabled=false", "--fail-on", "info")
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _ = cli(*args, "--option", "stale-qualifier.max_days=500", "--option", 'stale-qualifier.severity="info"')
    assert json.loads(out)["findings"] == []


def test_the_json_report_carries_run_errors_and_warnings(tmp_path, article):
    (tmp_path / "broken.md").write_text("---\ndate: [unclosed\n---\nTexte.\n", encoding="utf-8")
    code, out, err = cli("check", article.name, "broken.md", "missing.md", "--rules", RULES, "--date", "2024-10-15",
                         "--format", "json", cwd=tmp_path)
    report = json.loads(out)
    assert code == 2
    assert report["run_errors"] == [{"path": "missing.md", "line": None, "message": "no such file or directory"}]
    assert [(w["path"], w["line"]) for w in report["run_warnings"]] == [("broken.md", 3)]
    assert "front matter is not valid YAML" in report["run_warnings"][0]["message"]
    assert list(report)[:4] == ["version", "articles", "findings", "summary"]   # the documented keys first
    clean = json.loads(cli("check", article.name, "--rules", RULES, "--format", "json", cwd=tmp_path)[1])
    assert clean["run_errors"] == [] and clean["run_warnings"] == []


def test_evidence_from_the_shipped_packs_is_named_by_the_pack(tmp_path):
    if EDITABLE:
        pytest.skip("development mode: the shipped packs are the repository's rules/, shown as such")
    (tmp_path / "a.txt").write_text("Le chancelier allemand Olaf Scholtz a reçu son homologue à Berlin.\n",
                                    encoding="utf-8")
    args = ("check", "a.txt", "--date", "2023-03-01", "--fail-on", "never")
    sources = [e["source"] for f in json.loads(cli(*args, "--format", "json", cwd=tmp_path)[1])["findings"]
               for e in f["evidence"]]
    assert sources and all(s.startswith("factlint:rules/people.yaml:") for s in sources), sources
    for fmt in ("text", "markdown"):
        out = cli(*args, "--format", fmt, cwd=tmp_path)[1]
        assert sources[0] in out and "site-packages" not in out
    sarif = json.loads(cli(*args, "--format", "sarif", cwd=tmp_path)[1])
    assert not list(_validator().iter_errors(sarif))
    related = sarif["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
    assert related == {"uri": "people.yaml", "uriBaseId": "FACTLINT_RULES"}
    assert "site-packages" not in json.dumps(sarif)
