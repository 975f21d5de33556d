"""Configuration through the real CLI: discovery, precedence, per-check settings, errors, `factlint config`."""
from __future__ import annotations

import json

from conftest import ROOT, cli

ERROR_ARTICLE = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"
STALE_ARTICLE = "Il a reçu le nouveau Premier ministre britannique Keir Starmer.\n"   # warning on 2025-06-10
RULES = str(ROOT / "rules")


def _tree(tmp_path, config: str, name: str = "factlint.toml"):
    (tmp_path / name).write_text(config, encoding="utf-8")
    articles = tmp_path / "desk" / "politique"
    articles.mkdir(parents=True)
    (articles / "a.txt").write_text(STALE_ARTICLE, encoding="utf-8")
    return articles / "a.txt"


def test_config_is_found_above_the_articles_and_sets_fail_on(tmp_path):
    article = _tree(tmp_path, f'rules = ["{RULES}"]\nfail-on = "warning"\n')
    code, out, err = cli("check", article, "--date", "2025-06-10", cwd=tmp_path / "desk")
    assert code == 1, err
    assert "stale-qualifier" in out
    # the command line wins over the file
    assert cli("check", article, "--date", "2025-06-10", "--fail-on", "error", cwd=tmp_path)[0] == 0


def test_pyproject_tool_table_and_a_pyproject_without_it(tmp_path):
    article = _tree(tmp_path, f'[project]\nname = "x"\n[tool.factlint]\nrules = ["{RULES}"]\nfail-on = "warning"\n',
                    name="pyproject.toml")
    assert cli("check", article, "--date", "2025-06-10", cwd=tmp_path)[0] == 1
    inner = tmp_path / "desk" / "pyproject.toml"
    inner.write_text('[project]\nname = "inner"\n', encoding="utf-8")   # no [tool.factlint]: keep walking up
    assert cli("check", article, "--date", "2025-06-10", cwd=tmp_path)[0] == 1


def test_explicit_config_overrides_discovery(tmp_path):
    article = _tree(tmp_path, f'rules = ["{RULES}"]\nfail-on = "warning"\n')
    other = tmp_path / "lenient.toml"
    other.write_text(f'rules = ["{RULES}"]\nfail-on = "never"\n', encoding="utf-8")
    assert cli("check", article, "--date", "2025-06-10", "--config", other)[0] == 0
    code, _, err = cli("check", article, "--config", tmp_path / "missing.toml")
    assert code == 2 and "missing.toml: no such configuration file" in err


def test_per_check_options_severity_and_enabled(tmp_path):
    config = (f'rules = ["{RULES}"]\n\n[checks.stale-qualifier]\nseverity = "error"\nmax_days = 400\n')
    article = _tree(tmp_path, config)
    code, out, _ = cli("check", article, "--date", "2025-06-10", "--format", "json", cwd=tmp_path)
    assert code == 0 and json.loads(out)["findings"] == []          # 337 days < 400
    (tmp_path / "factlint.toml").write_text(config.replace("400", "90"), encoding="utf-8")
    code, out, _ = cli("check", article, "--date", "2025-06-10", "--format", "json", cwd=tmp_path)
    findings = json.loads(out)["findings"]
    assert code == 1 and [(f["rule"], f["severity"]) for f in findings] == [("stale-qualifier", "error")]
    # --option on the command line wins over the file
    assert cli("check", article, "--date", "2025-06-10", "--option", "stale-qualifier.max_days=400", cwd=tmp_path)[0] == 0
    (tmp_path / "factlint.toml").write_text(f'rules = ["{RULES}"]\n[checks.stale-qualifier]\nenabled = false\n',
                                            encoding="utf-8")
    code, out, _ = cli("check", article, "--date", "2025-06-10", "--fail-on", "info", "--format", "json", cwd=tmp_path)
    assert code == 0 and json.loads(out)["findings"] == []


def test_rule_paths_are_relative_to_the_config_file(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    for name in ("offices.yaml", "heads-offices.yaml", "people.yaml"):
        (rules / name).write_bytes((ROOT / "rules" / name).read_bytes())
    article = _tree(tmp_path, 'rules = ["house"]\nfail-on = "warning"\n')
    # run from elsewhere: "house" still means the directory beside factlint.toml
    code, out, err = cli("check", article, "--date", "2025-06-10", cwd=tmp_path / "desk")
    assert code == 1, err
    (rules / "people.yaml").unlink()
    (tmp_path / "factlint.toml").write_text('rules = ["house/people.yaml"]\n', encoding="utf-8")
    code, _, err = cli("check", article, cwd=tmp_path / "desk")
    assert code == 2 and "people.yaml: no such rule file or directory" in err


def test_output_and_format_from_config_and_exit_code_when_writing_a_file(tmp_path):
    (tmp_path / "a.txt").write_text(ERROR_ARTICLE, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text(f'rules = ["{RULES}"]\nformat = "markdown"\noutput = "reports/out.md"\n',
                                            encoding="utf-8")
    code, out, _ = cli("check", tmp_path / "a.txt", "--date", "2024-10-15", cwd=ROOT)
    assert code == 1 and out == ""
    assert "`year-typo`" in (tmp_path / "reports" / "out.md").read_text(encoding="utf-8")


def test_unknown_keys_and_bad_values_are_errors_with_did_you_mean(tmp_path):
    article = _tree(tmp_path, "\n".join([
        'rulez = ["rules"]',
        'fail-on = "warnings"',
        "[checks.year-typoo]",
        "enabled = false",
        "[checks.stale-qualifier]",
        "max_dayz = 3",
        'severity = "fatal"',
        "[checks.name-typo]",
        'enabled = "no"',
    ]) + "\n")
    code, out, err = cli("check", article, cwd=tmp_path)
    assert code == 2 and out == ""
    assert "factlint.toml:1: rulez: unknown key 'rulez' (did you mean 'rules'?)" in err
    assert "factlint.toml:2: fail-on: expected one of error, warning, info, never, got 'warnings' (did you mean 'warning'?)" in err
    assert "factlint.toml:3: checks.year-typoo: unknown check 'year-typoo' (did you mean 'year-typo'?)" in err
    assert "factlint.toml:6: checks.stale-qualifier.max_dayz: unknown setting 'max_dayz' of stale-qualifier (did you mean 'max_days'?)" in err
    assert "factlint.toml:7: checks.stale-qualifier.severity: expected one of error, warning, info, got 'fatal'" in err
    assert "factlint.toml:9: checks.name-typo.enabled: expected true or false, got 'no'" in err
    assert "Traceback" not in err


def test_invalid_toml_is_one_line(tmp_path):
    article = _tree(tmp_path, 'fail-on = "warning\n')
    code, _, err = cli("check", article, cwd=tmp_path)
    assert code == 2 and "factlint.toml:1: invalid TOML" in err and len(err.strip().splitlines()) == 1


def test_option_of_the_wrong_type(tmp_path):
    article = _tree(tmp_path, '[checks.stale-qualifier]\nmax_days = "soon"\n')
    code, _, err = cli("check", article, cwd=tmp_path)
    assert code == 2 and "checks.stale-qualifier.max_days: expected int, got 'soon'" in err


def test_config_command_prints_values_and_their_sources(tmp_path):
    _tree(tmp_path, f'rules = ["{RULES}"]\nfail-on = "warning"\n\n[checks.stale-qualifier]\nmax_days = 90\n')
    code, out, err = cli("config", tmp_path / "desk", cwd=tmp_path)
    assert code == 0, err
    assert out.startswith("# factlint configuration: factlint.toml")
    lines = {line.split("#")[0].strip(): line.split("#")[-1].strip() for line in out.splitlines() if "=" in line}
    assert lines['fail-on = "warning"'] == "factlint.toml:2"
    assert lines['format = "text"'] == "default"
    assert lines["max_days = 90"] == "factlint.toml:5"
    assert lines['severity = "warning"'] == "default"
    assert "[checks.unused-suppression]" in out   # every registered check is listed


def test_config_command_without_a_file(tmp_path):
    code, out, _ = cli("config", cwd=tmp_path)
    assert code == 0 and "none found (defaults)" in out and 'fail-on = "error"' in out
    assert "default (rules/ beside the configuration when it exists, else the shipped packs)" in out


HOUSE = """people:
  patrick-shanahan:
    name: Patrick Shanahan
    gender: m
    aliases: [Shanahan]
    held:
      - {office: us-secretary-of-defense, from: 2019-01-01, to: 2019-06-24}   # a shipped office (acting)
    source: "US Department of Defense, Patrick M. Shanahan, Acting Secretary of Defense (Jan. 1 - June 23, 2019)"
    examples:
      - fail: "Patrick Shanahen a parlé devant le Congrès."
        rule: name-typo
        date: 2019-03-01
      - pass: "Patrick Shanahan a parlé devant le Congrès."
        date: 2019-03-01
"""
HOUSE_ARTICLE = "---\ndate: 2019-03-01\n---\nPatrick Shanahen a parlé devant le Congrès.\n"


def _house(tmp_path, config: str):
    (tmp_path / "factlint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.md").write_text(HOUSE_ARTICLE, encoding="utf-8")


def test_the_default_rules_folder_is_beside_the_configuration_from_any_subfolder(tmp_path):
    for name in ("offices.yaml", "heads-offices.yaml"):
        (tmp_path / name).write_bytes((ROOT / "rules" / name).read_bytes())
    _house(tmp_path, 'fail-on = "warning"\n')
    for name in ("offices.yaml", "heads-offices.yaml"):
        (tmp_path / name).rename(tmp_path / "rules" / name)
    for cwd in (tmp_path, tmp_path / "desk"):
        code, out, err = cli("check", tmp_path / "desk" / "a.md", "--format", "json", cwd=cwd)
        assert code == 1, err   # the house rules of ./rules beside factlint.toml, not of the working directory
        assert [f["rule"] for f in json.loads(out)["findings"]] == ["name-typo"]


def test_rules_validate_and_test_use_the_configurations_rule_set(tmp_path):
    """A house person who holds a shipped office is valid with the rules the configuration uses."""
    _house(tmp_path, 'rules = ["@shipped", "rules/"]\n')
    for cwd in (tmp_path, tmp_path / "desk"):
        code, out, err = cli("rules", "validate", cwd=cwd)
        assert code == 0, err
        code, out, err = cli("rules", "validate", tmp_path / "rules" / "house.yaml", cwd=cwd)
        assert code == 0 and out.startswith("1 rule file(s) valid (with the"), err
        code, out, err = cli("rules", "test", tmp_path / "rules", cwd=cwd)
        assert code == 0 and "2 rule example(s): 2 as expected, 0 not" in out, out + err
    code, out, _ = cli("rules", "test", cwd=tmp_path)   # every example of the rule set: the shipped ones too
    assert code == 0 and int(out.split()[-8]) > 2, out
    # the trap: without the configuration's shipped packs, the office is unknown
    (tmp_path / "factlint.toml").write_text('rules = ["rules/"]\n', encoding="utf-8")
    code, _, err = cli("rules", "validate", cwd=tmp_path / "desk")
    assert code == 2 and "unknown office 'us-secretary-of-defense'" in err


def test_errors_of_the_other_rule_files_are_not_the_subjects(tmp_path):
    _house(tmp_path, 'rules = ["@shipped", "rules/"]\n')
    (tmp_path / "rules" / "broken.yaml").write_text("people:\n  x:\n    nam: X\n", encoding="utf-8")
    code, _, err = cli("rules", "validate", tmp_path / "rules" / "house.yaml", cwd=tmp_path)
    assert code == 0 and "broken.yaml" not in err
    code, _, err = cli("rules", "validate", cwd=tmp_path)
    assert code == 2 and "broken.yaml:3: people.x.nam" in err
