"""End to end: the CLI on seeds/ finds every seed error, and nothing else it reports is wrong."""
from __future__ import annotations

import json

from conftest import ROOT, cli

# Every warning and error factlint reports on the seeds, with why it is right.
EXPECTED = {
    ("001_2261a6fc945c081f.txt", 7, "anachronistic-title"):
        "“l’ancien président américain Donald Trump”: the article speaks about 10 June 2025 (two weeks before "
        "the Hague summit of 24-25 June); Trump has been in office again since 20 January 2025",
    ("001_2261a6fc945c081f.txt", 11, "stale-qualifier"):
        "“le nouveau Premier ministre britannique Keir Starmer”: he took office on 5 July 2024, 11 months earlier",
    ("003_75772e1944b8c898.txt", 4, "date-format"): "“16:1212/02/2026”: time 16:12 glued to the date 12/02/2026",
    ("003_75772e1944b8c898.txt", 15, "unit-conversion"):
        "“500 millions de livres sterling (environ 630 millions de dollars)” on 12 February 2026: the ECB cross rate "
        "of that day (rules/rates.yaml, GBP/USD 1.3631) makes £500m about $682m; $630m is £462m",
    ("004_d43b0a7554921edd.txt", 5, "name-typo"): "“Hessunder Pura Kun” for Hessischer Rundfunk (hr), the German "
                                                 "public broadcaster that interviewed Rutte with Reuters in Wiesbaden",
    ("004_d43b0a7554921edd.txt", 7, "name-typo"): "“NSatu” for NSATU, whose acronym is all capitals",
    ("004_d43b0a7554921edd.txt", 15, "year-typo"): "“à partir de 206”: the US deployment in Germany is from 2026",
    ("004_d43b0a7554921edd.txt", 17, "title-gender"): "“la Chancelière” for Olaf Scholz, a man",
    ("004_d43b0a7554921edd.txt", 17, "name-typo"): "“Oprav Scholz” for Olaf Scholz, chancellor in October 2024",
}
SUGGESTIONS = {
    ("004_d43b0a7554921edd.txt", 15, "year-typo"): "2026",
    ("004_d43b0a7554921edd.txt", 17, "name-typo"): "Olaf Scholz",
    ("004_d43b0a7554921edd.txt", 7, "name-typo"): "NSATU",
    ("004_d43b0a7554921edd.txt", 5, "name-typo"): "Hessischer Rundfunk",
    ("004_d43b0a7554921edd.txt", 17, "title-gender"): "Chancelier",
    ("003_75772e1944b8c898.txt", 4, "date-format"): "16:12, 12/02/2026",
    ("003_75772e1944b8c898.txt", 15, "unit-conversion"): "680 millions de dollars",
}


def _report():
    code, out, err = cli("check", "seeds", "--format", "json", cwd=ROOT)
    return code, json.loads(out), err


def test_every_seed_error_and_nothing_else():
    code, report, err = _report()
    assert code == 1, err
    found = {(f["path"].split("/")[-1], f["line"], f["rule"]): f for f in report["findings"]
             if f["severity"] in ("error", "warning")}
    assert set(found) == set(EXPECTED), {k: found[k]["message"] for k in set(found) ^ set(EXPECTED) if k in found}
    for key, suggestion in SUGGESTIONS.items():
        assert found[key]["suggestion"] == suggestion
    for finding in found.values():
        assert finding["message"] and finding["suggestion"]
    assert found[("004_d43b0a7554921edd.txt", 15, "year-typo")]["column"] == 163


def test_seed_dates_and_their_provenance():
    _, report, _ = _report()
    dates = {a["path"].split("/")[-1]: (a["date"], a["date_source"], a["language"]) for a in report["articles"]}
    assert dates["001_2261a6fc945c081f.txt"] == ("2025-06-10", "inferred", "fr")
    assert dates["003_75772e1944b8c898.txt"] == ("2026-02-12", "dateline", "fr")
    assert dates["004_d43b0a7554921edd.txt"] == ("2024-10-15", "inferred", "fr")
    confidence = {a["path"].split("/")[-1]: a["date_confidence"] for a in report["articles"]}
    assert (confidence["001_2261a6fc945c081f.txt"], confidence["003_75772e1944b8c898.txt"],
            confidence["004_d43b0a7554921edd.txt"], confidence["000_8b7ca68e5ceeea9f.txt"]) == ("medium", "high", "medium", None)
    # 000 is only bounded (before the Hague summit) and 002 has no date: both say so as info
    assert dates["000_8b7ca68e5ceeea9f.txt"][:2] == (None, "unknown")
    assert dates["002_da5e0195480586fa.txt"][:2] == (None, "unknown")
    infos = {(f["path"].split("/")[-1], f["rule"]) for f in report["findings"] if f["severity"] == "info"}
    assert infos == {("000_8b7ca68e5ceeea9f.txt", "unknown-date"), ("002_da5e0195480586fa.txt", "unknown-date")}


def test_json_follows_the_contract():
    _, report, _ = _report()
    assert set(report) == {"version", "articles", "findings", "summary", "run_errors", "run_warnings"}
    assert report["run_errors"] == [] and report["run_warnings"] == []
    assert report["version"] == 1
    for article in report["articles"]:
        # the contract's keys, and how sure the date is (an addition: tools that read the contract still work)
        assert set(article) == {"path", "date", "date_source", "language", "date_confidence"}
        assert article["date_confidence"] in (("high", "medium", "low") if article["date"] else (None,))
    for finding in report["findings"]:
        assert set(finding) == {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
                                "suggestion", "evidence"}
        for evidence in finding["evidence"]:
            assert set(evidence) == {"source", "text"}
    assert set(report["summary"]) == {"error", "warning", "info"}
    assert sum(report["summary"].values()) == len(report["findings"])


def test_evidence_points_at_rule_lines():
    _, report, _ = _report()
    for finding in report["findings"]:
        if finding["rule"] in ("anachronistic-title", "stale-qualifier", "title-gender", "name-typo"):
            assert finding["evidence"], finding
            for evidence in finding["evidence"]:
                path, _, line = evidence["source"].rpartition(":")
                assert path.startswith("rules/") and line.isdigit()
                assert (ROOT / path).is_file()
