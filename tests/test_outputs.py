"""Nothing factlint writes replaces an article it checks: a report or baseline path that is one of the
checked articles, a link to one or another name of the same file is refused in one line, before the run."""
from __future__ import annotations

import os

import pytest

from conftest import ROOT, cli
from test_inputs import factlint

RULES = ROOT / "rules"
TEXT = "Washington déploiera des missiles à partir de 206, afin de contrer la menace.\n"


@pytest.fixture
def newsroom(tmp_path):
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    os.symlink(article, tmp_path / "link.md")
    os.link(article, tmp_path / "hard.md")
    return tmp_path


@pytest.mark.parametrize("args", [
    ["articles/a.md", "-o", "articles/a.md"],                     # the article named, and the report
    ["articles", "-o", "articles/a.md"],                          # found by walking the folder
    ["articles", "-o", "link.md"],                                # a link to it
    ["articles", "-o", "hard.md"],                                # another name of the same file
    ["articles", "--format", "markdown", "--output", "./articles/../articles/a.md"],
    ["articles", "--write-baseline", "articles/a.md"],
    ["link.md", "--write-baseline", "articles/a.md"],             # the article reached through a link
])
def test_a_report_or_baseline_over_an_article_is_refused(newsroom, args):
    code, out, err = cli("check", *args, "--rules", RULES, "--date", "2024-10-15", cwd=newsroom)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "being checked: refusing to write over it" in lines[0], err
    assert (newsroom / "articles" / "a.md").read_text(encoding="utf-8") == TEXT


def test_the_report_named_by_the_configuration_is_refused_too(newsroom):
    (newsroom / "factlint.toml").write_text(f'rules = ["{RULES}"]\noutput = "articles/a.md"\n', encoding="utf-8")
    code, _, err = cli("check", "articles", cwd=newsroom)
    assert code == 2 and "the report articles/a.md is the article articles/a.md" in err
    assert (newsroom / "articles" / "a.md").read_text(encoding="utf-8") == TEXT


def test_standard_input_named_after_an_existing_file_is_not_overwritten(newsroom):
    code, _, err = factlint("check", "-", "--stdin-filename", "articles/a.md", "-o", "articles/a.md",
                            "--rules", RULES, stdin=TEXT, cwd=newsroom)
    assert code == 2 and "refusing to write over it" in err
    assert (newsroom / "articles" / "a.md").read_text(encoding="utf-8") == TEXT


def test_a_report_beside_the_articles_is_written(newsroom):
    """The trap: a report outside the checked set, even in the same folder tree, is written as before."""
    code, _, err = cli("check", "articles", "-o", "report.md", "--format", "markdown", "--rules", RULES,
                       "--date", "2024-10-15", "--write-baseline", "baseline.json", cwd=newsroom)
    assert code == 1, err
    assert (newsroom / "report.md").read_text(encoding="utf-8").startswith("# factlint report")
    assert (newsroom / "baseline.json").is_file()
    assert (newsroom / "articles" / "a.md").read_text(encoding="utf-8") == TEXT
