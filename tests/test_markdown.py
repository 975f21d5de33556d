"""The Markdown report in a pull request: line links that open the source, compact tables, factlint's
own code marks kept, a size cap with the summary first, and no @mention or #123 from an article."""
from __future__ import annotations

import re

from checker.render.escape import WORD_JOINER, cell
from checker.render.markdown import MARKER, message_cell
from conftest import ROOT, cli

RULES = ROOT / "rules"
ERROR = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"


def _markdown(tmp_path, *args):
    code, out, err = cli("check", ".", "--rules", RULES, "--date", "2024-10-15", "--format", "markdown", *args,
                         cwd=tmp_path)
    return code, out, err


def test_links_to_markdown_articles_open_their_source(tmp_path):
    (tmp_path / "a.md").write_text("Titre\n\n" + ERROR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ERROR, encoding="utf-8")
    _, out, _ = _markdown(tmp_path, "--link-base", "https://github.com/o/r/blob/abc/")
    assert "[3](https://github.com/o/r/blob/abc/a.md?plain=1#L3)" in out
    assert "[1](https://github.com/o/r/blob/abc/b.txt#L1)" in out   # a text file is shown as source anyway


def test_tables_are_compact():
    _, out, _ = cli("check", "seeds", "--format", "markdown", "--fail-on", "never", cwd=ROOT)
    tables = [line for line in out.splitlines() if line.startswith("|")]
    separators = [line for line in tables if set(line) <= set("|-")]
    assert separators and all(re.fullmatch(r"(\|---)+\|", line) for line in separators)
    rows = [line for line in tables if line not in separators]
    assert all(not re.search(r"[^\s|] {2,}\|", row) for row in rows)   # no padding after a cell's text
    assert "| `year-typo` | error | 1 |" in out


def test_factlints_own_code_marks_are_not_escaped():
    _, out, _ = cli("check", "seeds", "--format", "markdown", "--fail-on", "never", cwd=ROOT)
    assert "add `date:` to the front matter" in out and "\\`date:\\`" not in out
    assert message_cell("expected “a|b <i>” or `--date`") == "expected “a\\|b &lt;i&gt;” or `--date`"
    assert message_cell("“`x | y`”") == "“\\`x \\| y\\`”"   # article text with a pipe: escaped, not code


def test_mentions_and_references_from_articles_notify_no_one(tmp_path):
    (tmp_path / "@bob #7.md").write_text("---\ndate: 2025-03-04\n---\nLe gouvernement a annoncé une aide de 2 "
                                         "milliards d'euros à l'Ukraine, selon @alice et @org/team (#123, GH-4).\n",
                                         encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2025-03-05\n---\nMardi, le gouvernement a annoncé une aide de 1,2 "
                                   "milliard d'euros à l'Ukraine.\n", encoding="utf-8")
    code, out, _ = cli("check", ".", "--rules", RULES, "--format", "markdown", cwd=tmp_path)
    assert "contradiction" in out and "alice" in out
    for reference in ("@alice", "@org/team", "#123", "GH-4", "@bob", "#7"):
        assert not re.search(rf"(?<![\w@]){re.escape(reference)}", out.replace("@bob%20%237", "")), reference
    assert f"@{WORD_JOINER}alice" in out and f"#{WORD_JOINER}123" in out
    # the trap: an address and a hashtag are left as written
    assert cell("jean@lemonde.fr, C#, #Paris2024") == "jean@lemonde.fr, C#, #Paris2024"


def test_a_long_report_is_cut_after_its_summary(tmp_path):
    for i in range(40):
        (tmp_path / f"a{i:02}.md").write_text(f"Article {i}.\n\n" + ERROR, encoding="utf-8")
    (tmp_path / "clean.md").write_text("Texte sans histoire.\n", encoding="utf-8")
    whole = _markdown(tmp_path, "--max-chars", "0")[1]
    assert len(whole) > 6000 and "report is cut" not in whole
    code, out, _ = _markdown(tmp_path, "--max-chars", "6000", "--full-report", "https://ci.example/run/1 (artifacts)",
                             "--full-output", "../full.md")
    assert code == 1 and len(out) <= 6000
    assert out.startswith("# factlint report\n\n41 article(s) checked: **40 error(s)**")
    assert out.index("## Summary") < out.index("**This report is cut**") < out.index("## Articles")
    shown = out.count("### ")
    assert 0 < shown < 40
    assert f"{40 - shown} of 40 article(s) with findings ({40 - shown} finding(s)) are not shown" in out
    assert "[the full report](https://ci.example/run/1%20%28artifacts%29)" in out
    assert out.rstrip().endswith(MARKER)
    assert (tmp_path.parent / "full.md").read_text(encoding="utf-8") == whole
    default = _markdown(tmp_path)[1]
    assert default == whole   # under the default cap, nothing is cut
