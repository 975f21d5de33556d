"""Suppression comments and front matter, through the real CLI, with the exit codes they imply."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, cli

ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace."
TYPO = "Le chancelier Oprav Scholz a parlé."
RULES = ROOT / "rules"


def _check(tmp_path, text: str, *args, name: str = "a.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("check", path, "--rules", RULES, "--date", "2024-10-15", "--format", "json", *args)
    report = json.loads(out)
    return code, [(f["line"], f["rule"], f["severity"]) for f in report["findings"]], err


def test_disable_next_line_silences_one_line_only(tmp_path):
    text = f"<!-- factlint-disable-next-line year-typo -->\n{ERROR}\n\n{ERROR}\n"
    code, findings, _ = _check(tmp_path, text)
    assert code == 1 and findings == [(4, "year-typo", "error")]


def test_disable_enable_range_and_rule_lists(tmp_path):
    text = (f"<!-- factlint-disable year-typo, name-typo -->\n{ERROR}\n{TYPO}\n<!-- factlint-enable -->\n"
            f"{TYPO}\n")
    code, findings, _ = _check(tmp_path, text)
    assert code == 0 and findings == [(5, "name-typo", "warning")]


def test_enable_one_rule_keeps_the_others_disabled(tmp_path):
    text = (f"<!-- factlint-disable year-typo name-typo -->\n{ERROR}\n<!-- factlint-enable year-typo -->\n"
            f"{ERROR}\n{TYPO}\n")
    _, findings, _ = _check(tmp_path, text)
    assert findings == [(4, "year-typo", "error")]


def test_disable_without_rules_silences_everything_until_the_end(tmp_path):
    text = f"{TYPO}\n<!-- factlint-disable -->\n{ERROR}\n{TYPO}\n"
    code, findings, _ = _check(tmp_path, text)
    assert code == 0 and findings == [(1, "name-typo", "warning")]


def test_front_matter_disables_for_the_whole_article(tmp_path):
    text = f"---\ntitle: x\nfactlint: {{disable: [year-typo]}}\n---\n{ERROR}\n{TYPO}\n"
    code, findings, _ = _check(tmp_path, text)
    assert code == 0 and findings == [(6, "name-typo", "warning")]


def test_a_suppression_that_suppresses_nothing_is_info(tmp_path):
    text = f"<!-- factlint-disable-next-line name-typo -->\n{ERROR}\n"
    code, findings, _ = _check(tmp_path, text)
    assert code == 1 and findings == [(1, "unused-suppression", "info"), (2, "year-typo", "error")]
    code, findings, _ = _check(tmp_path, f"---\nfactlint: {{disable: [title-gender]}}\n---\n{TYPO}\n")
    assert findings == [(2, "unused-suppression", "info"), (4, "name-typo", "warning")]
    # info does not fail the build unless asked
    assert code == 0
    assert _check(tmp_path, "---\nfactlint: {disable: [title-gender]}\n---\nTexte.\n", "--fail-on", "info")[0] == 1


def test_one_rule_of_a_directive_unused(tmp_path):
    text = f"<!-- factlint-disable-next-line year-typo, title-gender -->\n{ERROR}\n"
    _, findings, _ = _check(tmp_path, text)
    assert findings == [(1, "unused-suppression", "info")]
    assert cli("check", tmp_path / "a.md", "--rules", RULES, "--format", "text", "--date", "2024-10-15")[1].count(
        "Suppression of title-gender suppresses nothing") == 1


def test_deselected_rules_never_make_a_suppression_unused(tmp_path):
    text = f"<!-- factlint-disable-next-line name-typo -->\n{TYPO}\n"
    _, findings, _ = _check(tmp_path, text, "--ignore", "name-typo")
    assert findings == []
    _, findings, _ = _check(tmp_path, text, "--select", "year-typo,unused-suppression")
    assert findings == []


def test_unknown_rule_and_misspelt_directive(tmp_path):
    text = f"<!-- factlint-disable-next-line year-typoo -->\n{ERROR}\n<!-- factlint-disabel -->\n"
    code, findings, _ = _check(tmp_path, text)
    assert findings == [(1, "unused-suppression", "info"), (2, "year-typo", "error"), (3, "unused-suppression", "info")]
    out = cli("check", tmp_path / "a.md", "--rules", RULES, "--date", "2024-10-15")[1]
    assert "Unknown rule “year-typoo” in a suppression (did you mean 'year-typo'?)" in out
    assert "Unknown directive “factlint-disabel” (did you mean 'factlint-disable'?)" in out


def test_comments_are_not_directives_in_plain_text_or_code(tmp_path):
    text = f"<!-- factlint-disable-next-line year-typo -->\n{ERROR}\n"
    _, findings, _ = _check(tmp_path, text, name="a.txt")
    assert findings == [(2, "year-typo", "error")]
    fenced = f"```\n<!-- factlint-disable -->\n```\n{ERROR}\n"
    _, findings, _ = _check(tmp_path, fenced)
    assert findings == [(4, "year-typo", "error")]


def test_a_directive_inside_inline_code_does_nothing(tmp_path):
    """Documentation of the directive, written in an article, silences nothing."""
    text = f"Écrivez `<!-- factlint-disable -->` pour tout taire.\n{ERROR}\n"
    _, findings, _ = _check(tmp_path, text)
    assert findings == [(2, "year-typo", "error")]
    text = f"Par exemple :\n\n    <!-- factlint-disable -->\n\n{ERROR}\n"   # an indented code block
    _, findings, _ = _check(tmp_path, text)
    assert findings == [(5, "year-typo", "error")]


def test_indented_code_blocks_are_not_prose(tmp_path):
    code = "    Washington déploiera des missiles à partir de 206, dit le code.\n"
    _, findings, _ = _check(tmp_path, f"Un exemple :\n\n{code}\nFin.\n")
    assert findings == []
    # traps: an indented line that continues a paragraph, or a paragraph of a list item, is prose
    _, findings, _ = _check(tmp_path, f"Début du paragraphe,\n{code}")
    assert findings == [(2, "year-typo", "error")]
    _, findings, _ = _check(tmp_path, f"- Un point :\n\n{code}")
    assert findings == [(3, "year-typo", "error")]
    _, findings, _ = _check(tmp_path, f"    {ERROR}\n", name="a.txt")   # plain text has no code blocks
    assert findings == [(1, "year-typo", "error")]


def test_disable_line_silences_the_line_it_stands_on(tmp_path):
    text = f"{ERROR} <!-- factlint-disable-line year-typo -->\n{ERROR}\n{TYPO} <!-- factlint-disable-line -->\n"
    code, findings, _ = _check(tmp_path, text)
    assert findings == [(2, "year-typo", "error")]
    text = f"Texte juste. <!-- factlint-disable-line year-typo -->\n{ERROR}\n"
    _, findings, _ = _check(tmp_path, text)   # it suppresses nothing on its own line: unused, and line 2 is reported
    assert findings == [(1, "unused-suppression", "info"), (2, "year-typo", "error")]


@pytest.mark.parametrize("comment", [
    "<!-- factlnt-disable-next-line year-typo -->",
    "<!-- fact-lint-disable-next-line year-typo -->",
    "<!-- factlint_disable-next-line year-typo -->",
    "<!-- facltint-disable-next-line -->",
    "<!--factlint-disable-nextline year-typo-->",
    "<!-- disable-next-line year-typo -->",
])
def test_a_misspelt_directive_is_reported(tmp_path, comment):
    _, findings, _ = _check(tmp_path, f"{comment}\n{ERROR}\n")
    assert findings == [(1, "unused-suppression", "info"), (2, "year-typo", "error")]


@pytest.mark.parametrize("comment", [
    "<!-- TODO: vérifier la date -->", "<!-- markdownlint-disable-next-line MD013 -->",
    "<!-- textlint-disable -->", "<!-- eslint-disable -->", "<!-- fact check: Jean -->",
    "<!-- disable-next-line -->", "<!-- factual -->",
])
def test_other_comments_are_not_misspelt_directives(tmp_path, comment):
    _, findings, _ = _check(tmp_path, f"{comment}\n{ERROR}\n")
    assert findings == [(2, "year-typo", "error")]


TROOPS = "---\ndate: 2025-06-01\n---\n\n{}The alliance will deploy {} troops to the eastern flank from 2030, officials said.\n"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_comments_silence_the_findings_of_checks_that_compare_articles(tmp_path, fmt):
    """A JSON report has no fingerprints, so only the articles that hold directives are read again for their
    cross-article findings; SARIF fingerprints every finding, reading each again: both suppress alike."""
    (tmp_path / "a.md").write_text(TROOPS.format("<!-- factlint-disable-next-line contradiction -->\n", 882))
    (tmp_path / "b.md").write_text(TROOPS.format("", 326))
    (tmp_path / "c.md").write_text(TROOPS.format("<!-- factlint-disable-next-line name-typo -->\n", 326))
    _, out, _ = cli("check", tmp_path, "--rules", RULES, "--format", fmt, "--fail-on", "never")
    report = json.loads(out)
    if fmt == "json":
        found = [(f["path"], f["line"], f["rule"]) for f in report["findings"]]
    else:
        found = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"])
                 for r in report["runs"][0]["results"]]
        assert all(r["partialFingerprints"] for r in report["runs"][0]["results"])
    assert sorted((Path(p).name, line, rule) for p, line, rule in found) == [
        ("b.md", 5, "contradiction"), ("c.md", 5, "unused-suppression"), ("c.md", 6, "contradiction")]
