"""The Markdown report: the committed report of the seeds is current, and article text cannot inject."""
from __future__ import annotations

from checker.render.escape import cell
from conftest import ROOT, cli

REPORT_COMMAND = ("check", "seeds", "--format", "markdown", "--fail-on", "never")


def test_committed_seed_report_is_current():
    code, out, err = cli(*REPORT_COMMAND, cwd=ROOT)
    assert code == 0, err
    committed = (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")
    assert out == committed, ("reports/seeds.md is stale: regenerate it with "
                              "`factlint check seeds --format markdown --fail-on never -o reports/seeds.md`")


def test_report_structure():
    _, out, _ = cli(*REPORT_COMMAND, cwd=ROOT)
    assert out.startswith("# factlint report")
    assert "| rule" in out and "`year-typo`" in out
    assert "### seeds/004\\_d43b0a7554921edd.txt" in out
    assert "Date: **2024-10-15**, confidence medium (inferred" in out
    assert "rules/people.yaml:" in out


def test_cell_escapes_markdown_and_html():
    hostile = "a | b <script>alert(1)</script> `code` [lien](http://x) ![img](y) <details>\nnext"
    escaped = cell(hostile)
    assert "|" not in escaped.replace("\\|", "")
    assert "<" not in escaped and ">" not in escaped
    assert "\n" not in escaped
    assert "\\[lien\\]" in escaped and "\\`code\\`" in escaped


def test_hostile_article_renders_inert(tmp_path):
    article = tmp_path / "x.txt"
    article.write_text("Le chef <script>x</script> | de la mission (NSatu) a parlé.\n", encoding="utf-8")
    code, out, _ = cli("check", article, "--rules", ROOT / "rules", "--format", "markdown", "--fail-on", "never")
    assert code == 0
    assert "<script>" not in out
    table_rows = [l for l in out.splitlines() if l.startswith("| ") and "NSatu" in l]
    assert table_rows and all(l.count(" | ") == 5 for l in table_rows)
