"""SARIF (validated against the OASIS schema), GitHub annotations and the pull-request Markdown report."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from checker.checks import REGISTRY
from conftest import ROOT, cli

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
HOSTILE = ("# Titre\n\nLe chef <script>alert(1)</script> | de la mission (NSatu) </details> `x` [lien](http://e) "
           "a parlé.\n\n::error file=x::injected\n")


def _validator():
    return jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _sarif(*args, cwd=ROOT):
    code, out, err = cli("check", *args, "--format", "sarif", cwd=cwd)
    return code, json.loads(out), err


def test_the_schema_catches_a_broken_log():
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "x"}]}]}
    assert list(_validator().iter_errors(broken))   # a result without a message is invalid


def test_seed_sarif_is_valid_and_complete():
    code, doc, err = _sarif("seeds")
    assert code == 1, err
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(doc)]
    assert errors == []
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:len(REGISTRY)] == list(REGISTRY)
    by_id = {r["id"]: r for r in rules}
    # descriptions come from the check's documentation
    assert by_id["year-typo"]["shortDescription"]["text"] == REGISTRY["year-typo"].__doc__.strip().splitlines()[0]
    assert "## Fails" in by_id["year-typo"]["help"]["markdown"]
    assert by_id["unknown-date"]["defaultConfiguration"]["level"] == "note"
    results = run["results"]
    assert len(results) == _seed_finding_count() and {r["level"] for r in results} == {"error", "warning", "note"}
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("seeds/") and "://" not in uri
        assert r["partialFingerprints"]
    typo = next(r for r in results if r["ruleId"] == "name-typo" and "Oprav" in r["message"]["text"])
    related = typo["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "rules/people.yaml" and related["region"]["startLine"] > 1
    region = typo["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["snippet"]["text"]) == (17, "Oprav Scholz")
    acronym = next(r for r in results if r["ruleId"] == "name-typo" and "NSatu" in r["message"]["text"])
    assert acronym["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "NSATU"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_of_a_broken_run_and_hostile_names_is_valid(tmp_path):
    odd = tmp_path / "un article (brouillon) #1.md"
    odd.write_text(HOSTILE, encoding="utf-8")
    code, doc, _ = _sarif(odd.name, "missing.md", "--rules", ROOT / "rules", cwd=tmp_path)
    assert code == 2
    assert list(_validator().iter_errors(doc)) == []
    run = doc["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "missing.md" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "un%20article%20%28brouillon%29%20%231.md"


def test_sarif_written_to_a_file_keeps_the_exit_code(tmp_path):
    out = tmp_path / "factlint.sarif"
    code, stdout, _ = cli("check", "seeds", "--format", "sarif", "-o", out, cwd=ROOT)
    assert code == 1 and stdout == "" and json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert cli("check", "seeds", "--format", "sarif", "-o", out, "--fail-on", "never", cwd=ROOT)[0] == 0


def test_github_annotations():
    code, out, _ = cli("check", "seeds", "--format", "github", cwd=ROOT)
    assert code == 1
    lines = out.splitlines()
    commands = [l for l in lines if l.startswith("::")]
    assert len(commands) == _seed_finding_count() and lines[-1].startswith("factlint: 5 article(s) checked")
    year = next(l for l in commands if "year-typo" in l)
    assert year.startswith("::error file=seeds/004_d43b0a7554921edd.txt,line=15,col=163,endLine=15,endColumn=166,"
                           "title=factlint year-typo::")
    assert any(l.startswith("::notice ") and "unknown-date" in l for l in commands)
    assert any(l.startswith("::warning ") and "%0Aevidence: rules/people.yaml:" in l for l in commands)


def test_github_annotations_cannot_be_injected(tmp_path):
    (tmp_path / "a,b:c.md").write_text(HOSTILE, encoding="utf-8")
    code, out, _ = cli("check", "a,b:c.md", "--rules", ROOT / "rules", "--format", "github", "--fail-on", "never",
                       cwd=tmp_path)
    assert code == 0
    commands = [l for l in out.splitlines() if l.startswith("::")]
    assert len(commands) == 2 and all("file=a%2Cb%3Ac.md," in c for c in commands)   # unknown-date, name-typo
    assert all("injected" not in l for l in out.splitlines() if l.startswith("::error"))


def test_markdown_report_for_pull_requests(tmp_path):
    code, out, _ = cli("check", "seeds", "--format", "markdown", "--link-base",
                       "https://github.com/o/r/blob/abc/", cwd=ROOT)
    assert code == 1
    lines = out.splitlines()
    assert lines[2].startswith("5 article(s) checked: **2 error(s)**")   # counts first
    assert "[17](https://github.com/o/r/blob/abc/seeds/004_d43b0a7554921edd.txt#L17)" in out
    assert "<details><summary>Evidence (" in out and "</details>" in out
    assert out.count("### ") == 5   # every seed has a finding (three of them info only)
    default = cli("check", "seeds", "--format", "markdown", cwd=ROOT)[1]
    assert "[17](/seeds/004_d43b0a7554921edd.txt#L17)" in default


def test_markdown_report_escapes_article_text(tmp_path):
    (tmp_path / "x|<b>y.md").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "clean.md").write_text("Texte sans histoire.\n", encoding="utf-8")
    code, out, _ = cli("check", tmp_path, "--rules", ROOT / "rules", "--format", "markdown", "--date", "2024-10-15")
    assert code == 0
    assert "<script>" not in out and "<b>" not in out
    assert re.search(r"^### .*x\\\|&lt;b&gt;y\.md$", out, re.M)
    assert out.count("<details>") == out.count("</details>") == 2   # evidence, and the clean articles
    rows = [l for l in out.splitlines() if l.startswith("| [")]
    assert rows and all(len(re.findall(r"(?<!\\)\|", l)) == 7 for l in rows)
    assert "x%7C%3Cb%3Ey.md?plain=1#L3" in out
    assert "1 article(s) without findings" in out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github"])
def test_every_format_exits_like_the_others(fmt, tmp_path):
    (tmp_path / "a.txt").write_text("Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n",
                                    encoding="utf-8")
    args = ("check", tmp_path / "a.txt", "--rules", ROOT / "rules", "--date", "2024-10-15", "--format", fmt)
    assert cli(*args)[0] == 1
    assert cli(*args, "--fail-on", "never")[0] == 0
    assert cli(*args, "-o", tmp_path / f"out.{fmt}")[0] == 1


def _seed_finding_count() -> int:
    """As many as the JSON report of the seeds has: every format reports every finding."""
    _, out, _ = cli("check", "seeds", "--format", "json", "--fail-on", "never", cwd=ROOT)
    return len(json.loads(out)["findings"])
