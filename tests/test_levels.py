"""The framework owns severity: checks declare levels, the configuration sets them by level, and evidence
carries a typed place that every format reads."""
from __future__ import annotations

import datetime as dt
import json

import pytest

import factlint
from checker.checks import REGISTRY
from checker.finding import DEFAULT, Evidence, Finding, Location, Place, Severity, found, level_severity
from checker.postprocess import configured_severity

# an impossible date (the default level, error) and a 29 February whose year comes from the article's
# date (the level "context-year", warning)
TEXT = "Le 31 avril 2025, la réunion a eu lieu. Le 29 février, la séance a repris."
DATE = dt.date(2025, 5, 2)


def _levels(config) -> list[tuple[str, str]]:
    report = factlint.check_text(TEXT, path="a.txt", date=DATE, config=config)
    return sorted((f.level, f.severity.label) for f in report.findings if f.rule == "invalid-date")


def test_a_check_makes_findings_at_the_levels_it_declares():
    assert _levels({}) == [("context-year", "warning"), ("default", "error")]


def test_the_severity_of_a_check_sets_its_default_level_and_caps_the_others():
    assert _levels({"checks": {"invalid-date": {"severity": "info"}}}) == [("context-year", "info"), ("default", "info")]
    # turned down to warning: the warning level stays warning, it is not raised to the default's old error
    assert _levels({"checks": {"invalid-date": {"severity": "warning"}}}) == [("context-year", "warning"),
                                                                             ("default", "warning")]


def test_one_level_is_configured_alone():
    config = {"checks": {"invalid-date": {"severity-context-year": "info"}}}
    assert _levels(config) == [("context-year", "info"), ("default", "error")]
    config = {"checks": {"invalid-date": {"severity": "info", "severity-context-year": "error"}}}
    assert _levels(config) == [("context-year", "error"), ("default", "info")]


def test_a_level_a_check_does_not_declare_is_a_configuration_error():
    with pytest.raises(factlint.ConfigError, match="severity-majority"):
        factlint.Linter({"checks": {"invalid-date": {"severity-majority": "info"}}})


def _finding(rule: str, level: str, severity: Severity) -> Finding:
    return Finding(rule, "m", Location("a.md", 1, 1, 1, 2), severity, level=level)


def test_a_check_turned_up_keeps_its_quieter_levels():
    # contradiction set to error: its majority findings (info) stay info, its default ones become errors
    configured = {"contradiction": Severity.ERROR}
    assert configured_severity(_finding("contradiction", "majority", Severity.INFO), configured) is Severity.INFO
    assert configured_severity(_finding("contradiction", DEFAULT, Severity.WARNING), configured) is Severity.ERROR
    assert configured_severity(_finding("quote-drift", DEFAULT, Severity.WARNING), configured) is Severity.WARNING


def test_every_check_declares_its_levels_and_its_default_is_its_severity():
    for check_id, module in REGISTRY.items():
        if hasattr(module, "LEVELS"):
            assert module.LEVELS[DEFAULT] is module.SEVERITY, check_id
            assert all(level_severity(check_id, level) is s for level, s in module.LEVELS.items())


def test_an_undeclared_level_is_refused_when_the_finding_is_made():
    with pytest.raises(ValueError, match="no level 'loud'"):
        found("invalid-date", "m", Location("a.md", 1, 1, 1, 2), "loud")


def test_evidence_has_a_typed_place():
    assert Evidence("rules/people.yaml:12", "x").place == Place("rules/people.yaml", 12)
    assert Evidence("checker/lang/units.yaml", "x").place == Place("checker/lang/units.yaml")

    class Record:   # an article's record: path, line, column
        path, line, column = "archive/b.md", 4, 7
    evidence = Evidence.at(Record(), "text")
    assert evidence.source == "archive/b.md:4" and evidence.place == Place("archive/b.md", 4, 7)


def test_sarif_reads_the_place_not_the_text():
    place = Place("rules/people.yaml", 40)
    finding = Finding("name-typo", "m", Location("a.md", 1, 1, 1, 2), Severity.WARNING,
                      evidence=(Evidence("shown otherwise", "Olaf Scholz", place),))
    report = factlint.Report(findings=[finding])
    related = json.loads(report.render("sarif"))["runs"][0]["results"][0]["relatedLocations"][0]
    assert related["physicalLocation"]["region"]["startLine"] == 40
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("rules/people.yaml")
