"""The Python API (`import factlint`): what docs/api.md promises, in-process, on the installed package."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

import factlint
from checker import facts
from conftest import ROOT, cli

RULES = ROOT / "rules"
TYPO = "Le chancelier allemand Olaf Scholtz a reçu son homologue à Berlin.\n"
RIGHT = "Le chancelier allemand Olaf Scholz a reçu son homologue à Berlin.\n"
YEAR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"


def test_the_documented_names_are_exported_and_nothing_is_missing():
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- exports -->\n(.*?)<!-- /exports -->", doc, re.S).group(1)
    documented = set(re.findall(r"`(\w+)`", listed))
    assert documented == set(factlint.__all__)
    assert all(hasattr(factlint, name) for name in factlint.__all__)
    from checker import api
    assert factlint.Linter is api.Linter and factlint.__version__ == api.__version__


def test_check_text_finds_a_typo_and_passes_the_right_spelling():
    report = factlint.check_text(TYPO, path="draft.txt", date="2023-03-01", rules=[RULES])
    typos = [f for f in report.findings if f.rule == "name-typo"]
    assert [(f.location.path, f.location.line, f.location.column, f.text) for f in typos] == \
        [("draft.txt", 1, 24, "Olaf Scholtz")]
    assert typos[0].suggestion == "Olaf Scholz" and typos[0].severity is factlint.Severity.WARNING
    assert typos[0].evidence and isinstance(typos[0].evidence[0], factlint.Evidence)
    assert report.exit_code("warning") == 1 and report.exit_code() == 0
    clean = factlint.check_text(RIGHT, path="draft.txt", date="2023-03-01", rules=[RULES])
    assert [f for f in clean.findings if f.severity >= factlint.Severity.WARNING] == []
    assert clean.articles[0] == factlint.ArticleSummary("draft.txt", "2023-03-01", "option", clean.articles[0].date_how, "fr",
                                                         "high")


def test_a_linter_loads_the_rules_once_for_many_texts(monkeypatch):
    calls = []
    real = facts.load_factbase

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(facts, "load_factbase", counting)
    linter = factlint.Linter(rules=[RULES])
    results = [linter.check_text(text, path="a.txt", date=dt.date(2024, 10, 15)) for text in (YEAR, RIGHT, YEAR)]
    assert len(calls) == 1
    assert [[f.rule for f in r.findings] for r in results] == [["year-typo"], [], ["year-typo"]]


def test_configuration_as_a_mapping_and_per_check_settings(tmp_path):
    linter = factlint.Linter({"rules": [str(RULES)], "checks": {"name-typo": {"severity": "error"}}}, root=tmp_path)
    report = linter.check_text(TYPO, date="2023-03-01")
    assert [f.severity for f in report.findings if f.rule == "name-typo"] == [factlint.Severity.ERROR]
    assert report.exit_code() == 1
    off = factlint.Linter(rules=[RULES], checks={"name-typo": {"enabled": False}})
    assert [f for f in off.check_text(TYPO, date="2023-03-01").findings if f.rule == "name-typo"] == []


def test_bad_settings_raise_one_config_error_with_every_problem(tmp_path):
    with pytest.raises(factlint.ConfigError) as caught:
        factlint.Linter({"fail-on": "warnings", "checks": {"stale-qualifier": {"max_dayz": 9}}}, root=tmp_path)
    problems = caught.value.problems
    assert any("fail-on" in p and "did you mean 'warning'" in p for p in problems)
    assert any("max_dayz" in p and "did you mean 'max_days'" in p for p in problems)
    with pytest.raises(factlint.ConfigError, match="did you mean 'year-typo'"):
        factlint.Linter(rules=[RULES], select=["year-typoo"])
    with pytest.raises(factlint.ConfigError, match="expected int"):
        factlint.Linter(rules=[RULES], checks={"stale-qualifier": {"max_days": "ninety"}})
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        factlint.Linter(rules=[RULES]).check_text(YEAR, date="15/10/2024")


def test_configuration_file_found_above_the_paths(tmp_path):
    (tmp_path / "factlint.toml").write_text(f'rules = ["{RULES}"]\n[checks.year-typo]\nenabled = false\n',
                                            encoding="utf-8")
    (tmp_path / "desk").mkdir()
    article = tmp_path / "desk" / "a.txt"
    article.write_text(YEAR + TYPO, encoding="utf-8")
    report = factlint.check_paths([article], date="2023-03-01")
    assert [f.rule for f in report.findings] == ["name-typo"]   # year-typo disabled by the file
    draft = factlint.check_text(YEAR, path=str(tmp_path / "desk" / "new" / "draft.md"), date="2024-10-15")
    assert draft.findings == []   # the folder of a draft need not exist; the configuration is found above it


def test_markdown_texts_and_language():
    text = "<!-- factlint-disable-next-line year-typo -->\n" + YEAR
    linter = factlint.Linter(rules=[RULES])
    assert [f.rule for f in linter.check_text(text, path="a.md", date="2024-10-15").findings] == []
    assert [f.rule for f in linter.check_text(text, path="a.txt", date="2024-10-15").findings] == ["year-typo"]
    english = linter.check_text("The minister spoke on Friday.\n", path="a.txt", language="en")
    assert english.articles[0].language == "en"
    with pytest.raises(ValueError, match="language"):
        linter.check_text("x", language="de")


def test_texts_and_files_are_compared_with_each_other(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2025-03-04\n---\nLe gouvernement a annoncé une aide de 2 milliards "
                                   "d'euros à l'Ukraine.\n", encoding="utf-8")
    linter = factlint.Linter(rules=[RULES])
    draft = "---\ndate: 2025-03-05\n---\nMardi, le gouvernement a annoncé une aide de 1,2 milliard d'euros à l'Ukraine.\n"
    report = linter.check([tmp_path], {"draft.md": draft})
    assert {(f.rule, f.location.path.rsplit("/", 1)[-1]) for f in report.findings} == \
        {("contradiction", "draft.md"), ("contradiction", "a.md")}
    only = linter.check([tmp_path], {"draft.md": draft}, only=[])   # the files are the archive, the text is checked
    assert [(f.rule, f.location.path) for f in only.findings] == [("contradiction", "draft.md")]


def test_report_renderers_and_run_errors(tmp_path):
    linter = factlint.Linter(rules=[RULES])
    report = linter.check([tmp_path / "missing.md"], {"a.txt": YEAR}, date="2024-10-15")
    assert len(report.errors) == 1 and report.errors[0].path.endswith("missing.md")
    assert report.errors[0].message == "no such file or directory"
    assert report.exit_code("never") == 2
    data = json.loads(report.to_json())
    assert data["version"] == 1 and data["findings"][0]["rule"] == "year-typo"
    assert report.to_markdown().startswith("# factlint report")
    assert json.loads(report.to_sarif())["version"] == "2.1.0"
    assert report.to_github().startswith("::error file=a.txt,line=1")
    assert json.loads(report.to_gitlab())[0]["check_name"] == "year-typo"
    assert "a.txt:1:" in report.to_text() and report.summary() == {"error": 1, "warning": 0, "info": 0}
    with pytest.raises(ValueError):
        report.exit_code("warnings")


def test_the_command_line_gives_what_the_api_gives(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(YEAR + TYPO, encoding="utf-8")
    code, out, _ = cli("check", "a.txt", "--rules", RULES, "--date", "2024-10-15", "--format", "json", cwd=tmp_path)
    import os
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        report = factlint.Linter(rules=[RULES]).check_paths(["a.txt"], date="2024-10-15")
    finally:
        os.chdir(old)
    assert out == report.to_json() and code == report.exit_code() == 1


def test_explain():
    assert factlint.explain("year-typo").startswith("# year-typo (default severity: error)")
    with pytest.raises(KeyError):
        factlint.explain("year-typoo")


def test_which_files_are_articles(tmp_path):
    for name in ("a.txt", "b.txt", "README.md", "drafts/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(YEAR, encoding="utf-8")
    linter = factlint.Linter(rules=[RULES], exclude=["drafts/"])
    checked = sorted(a.path.rsplit("/", 1)[-1] for a in linter.check_paths([tmp_path], date="2024-10-15").articles)
    assert checked == ["a.txt", "b.txt"]   # README is the folder's own document, drafts/ excluded


def test_a_text_with_a_lone_surrogate_is_one_run_error_and_the_others_are_checked():
    import factlint
    linter = factlint.Linter(config={})
    report = linter.check(texts={"broken.md": "Première ligne.\nLe chancelier \ud800 a parlé.\n",
                                 "ok.md": "Washington déploiera des missiles à partir de 206.\n"},
                          date="2024-10-15")
    assert [(e.path, e.line) for e in report.errors] == [("broken.md", 2)]
    assert "lone surrogate" in report.errors[0].message
    assert [f.rule for f in report.findings if f.location.path == "ok.md"] == ["year-typo"]
    assert report.exit_code() == 2


def test_fingerprints_are_given_unless_declined(tmp_path):
    """Fingerprints (baselines, SARIF, GitLab) cost a second pass over every article with findings: a caller
    whose report shows none declines them, and the findings are the same."""
    (tmp_path / "a.md").write_text("Le chancelier Oprav Scholz a parlé.\n", encoding="utf-8")
    given = factlint.Linter(rules=[RULES]).check([tmp_path], date="2024-10-15")
    declined = factlint.Linter(rules=[RULES], fingerprints=False).check([tmp_path], date="2024-10-15")
    assert list(given.findings) == list(declined.findings) and given.findings
    assert all(fingerprint for _, fingerprint in given.fingerprinted())
    assert all(fingerprint is None for _, fingerprint in declined.fingerprinted())
