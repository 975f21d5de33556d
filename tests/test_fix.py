"""Safe fixes: --fix writes only safe ones, atomically, never over a file changed since it was read; --diff writes nothing."""
from __future__ import annotations

import json
import os
import stat

import pytest

from checker import fix
from checker.runner import Settings, run
from conftest import ROOT, cli
from test_inputs import factlint

TEXT = ("Le Premier ministre britannique Keir Stramer a reçu la mission (NSatu) le 15 octobre 2024.\n"
        "Le chancelier Oprav Scholz a parlé.\n")
FIXED = ("Le Premier ministre britannique Keir Starmer a reçu la mission (NSATU) le 15 octobre 2024.\n"
         "Le chancelier Oprav Scholz a parlé.\n")
RULES = ROOT / "rules"


def _article(tmp_path, text=TEXT, name="a.md", newline="\n", bom=False):
    path = tmp_path / name
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_fix_applies_only_safe_fixes_and_reports_the_rest(tmp_path):
    path = _article(tmp_path)
    os.chmod(path, 0o640)
    code, out, err = cli("check", path, "--rules", RULES, "--fix", "--format", "json", "--fail-on", "warning",
                         "--date", "2024-10-15")
    assert path.read_text(encoding="utf-8") == FIXED
    assert "fixed 2 finding(s) in 1 file(s)" in err
    remaining = json.loads(out)["findings"]
    assert [(f["rule"], f["line"]) for f in remaining] == [("name-typo", 2)]   # "Oprav": a person must decide
    assert code == 1
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    # nothing left to fix: a second run changes nothing
    before = path.read_bytes()
    code, _, err = cli("check", path, "--rules", RULES, "--fix")
    assert path.read_bytes() == before and "fixed" not in err and code == 0


def test_fix_keeps_bom_and_line_endings(tmp_path):
    path = _article(tmp_path, newline="\r\n", bom=True)
    cli("check", path, "--rules", RULES, "--fix")
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path):
    path = _article(tmp_path)
    code, out, _ = cli("check", "a.md", "--rules", RULES, "--diff", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == TEXT
    assert out.startswith("--- a/a.md\n+++ b/a.md\n")
    assert "-Le Premier ministre britannique Keir Stramer" in out and "+Le Premier ministre britannique Keir Starmer" in out
    assert "Olaf" not in out   # the unsafe fix (Oprav → Olaf Scholz) is not in the diff
    assert code == 0


def test_fix_from_standard_input_prints_the_fixed_article():
    code, out, err = factlint("check", "-", "--stdin-filename", "a.md", "--rules", RULES, "--fix", stdin=TEXT)
    assert out == FIXED and code == 0 and "fixed 2 finding(s)" in err


def test_a_file_changed_since_it_was_checked_is_refused(tmp_path):
    path = _article(tmp_path)
    report = run([path], Settings(rule_paths=(RULES,)))
    path.write_text(TEXT + "Une ligne ajoutée entre-temps.\n", encoding="utf-8")
    plans, errors = fix.plan(report.findings, report.digests)
    assert plans == [] and "changed since it was checked" in str(errors[0])
    assert path.read_text(encoding="utf-8").endswith("entre-temps.\n")


def test_a_file_changed_between_plan_and_write_is_refused(tmp_path):
    path = _article(tmp_path)
    report = run([path], Settings(rule_paths=(RULES,)))
    plans, errors = fix.plan(report.findings, report.digests)
    assert len(plans) == 1 and not errors
    path.write_text("Réécrit par quelqu'un d'autre.\n", encoding="utf-8")
    error = fix.write(plans[0])
    assert error is not None and "changed while it was being fixed" in str(error)
    assert path.read_text(encoding="utf-8") == "Réécrit par quelqu'un d'autre.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]   # no temporary file left behind


def test_overlapping_fixes_apply_once():
    from dataclasses import replace
    from checker.finding import Finding, Fix, Location, Severity
    loc = Location("a.md", 1, 1, 1, 6)
    a = Finding("name-typo", "m", loc, Severity.WARNING, "NSatu", "NSATU", fix=Fix(0, 5, "NSATU", True))
    b = replace(a, fix=Fix(0, 5, "NSATO", True), message="n")
    text, applied = fix.apply_fixes("NSatu x", [a, b])
    assert text in ("NSATU x", "NSATO x") and len(applied) == 1


def test_text_report_says_what_fix_would_do(tmp_path):
    path = _article(tmp_path)
    _, out, _ = cli("check", path, "--rules", RULES)
    assert out.rstrip().endswith("2 of them can be fixed safely with --fix (--diff shows how)")


SPLIT = ("# Le Premier ministre britannique Keir\nStramer à Berlin\n\nLe Premier ministre britannique Keir\n\n"
         "Stramer a parlé. Il a reçu Keir Stramer le 15 octobre 2024.\n")


def test_a_name_split_over_a_line_end_is_never_joined(tmp_path):
    """A heading and the next paragraph, or two paragraphs, stay apart: a fix across a line end is not safe."""
    path = _article(tmp_path, text=SPLIT)
    code, out, _ = cli("check", path, "--rules", RULES, "--diff")
    assert out.count("\n-") == 1 and "+Stramer a parlé. Il a reçu Keir Starmer le 15 octobre 2024." in out
    cli("check", path, "--rules", RULES, "--fix")
    assert path.read_text(encoding="utf-8") == SPLIT.replace("reçu Keir Stramer", "reçu Keir Starmer")
    sarif = json.loads(cli("check", path, "--rules", RULES, "--format", "sarif")[1])
    assert [r for r in sarif["runs"][0]["results"] if "fixes" in r] == []   # the one left spans a line end


POSSESSIVES = ("---\nlang: en\ndate: 2024-08-01\n---\nKamala Harris' aide said the vice-president would travel.\n"
               "Kamala Harris’ aide confirmed it.\n")


def test_english_possessives_are_never_damaged(tmp_path):
    path = _article(tmp_path, text=POSSESSIVES)
    code, out, _ = cli("check", path, "--rules", RULES, "--diff")
    assert out == ""
    cli("check", path, "--rules", RULES, "--fix")
    assert path.read_text(encoding="utf-8") == POSSESSIVES
    report = json.loads(cli("check", path, "--rules", RULES, "--format", "sarif")[1])
    assert [r for r in report["runs"][0]["results"] if "fixes" in r] == []


@pytest.mark.parametrize("written, replacement, safe", [
    ("Keir Stramer", "Keir Starmer", True),          # two letters swapped in one word
    ("NSatu", "NSATU", True),                        # case of an acronym
    ("Olaf Scholtz", "Olaf Scholz", True),           # a letter too many
    ("Kamala Harris'", "Kamala Harris", False),      # an apostrophe removed: a possessive
    ("Harris’", "Harris", False),
    ("Jean-Yves Le Drian", "Jean Yves Le Drian", False),   # a hyphen
    ("Keir\nStramer", "Keir Starmer", False),        # across a line end
    ("Keir Stramer", "Keir\nStarmer", False),
    ("Keir Stramer", "Kier Starmer", False),         # two words changed
    ("Stramer", "Keir Starmer", False),              # a word added
    ("", "x", False),
])
def test_only_fixes_that_cannot_change_meaning_are_safe(written, replacement, safe):
    assert fix.cannot_change_meaning(written, replacement) is safe


def test_a_fix_is_applied_only_at_its_findings_position():
    from checker.finding import Finding, Fix, Location, Severity
    text = "NSatu et NSatu.\n"
    right = Finding("name-typo", "m", Location("a.md", 1, 10, 1, 15), Severity.WARNING, "NSatu", "NSATU",
                    fix=Fix(9, 14, "NSATU", True))
    elsewhere = Finding("name-typo", "m", Location("a.md", 1, 10, 1, 15), Severity.WARNING, "NSatu", "NSATU",
                        fix=Fix(0, 5, "NSATU", True))   # offsets that point at another occurrence
    assert fix.apply_fixes(text, [right])[0] == "NSatu et NSATU.\n"
    assert fix.apply_fixes(text, [elsewhere]) == (text, [])
