"""Nothing silently skipped: a file or folder that cannot be read, named on the command line or met
while walking, is one line naming it and makes the run exit 2, and the other articles are checked.
Run as an ordinary user (root reads everything), with real permissions."""
from __future__ import annotations

import json
import os


import userrun
from userrun import open_tmp  # noqa: F401 - a fixture

TYPO = "Le chancelier Oprav Scholz a parlé le 3 mars 2023.\n"


def _tree(folder):
    (folder / "archive" / "locked").mkdir(parents=True)
    (folder / "archive" / "open").mkdir()
    for path in ("archive/a.md", "archive/locked/b.md", "archive/open/c.md", "archive/open/d.md", "e.md"):
        (folder / path).write_text(TYPO, encoding="utf-8")
    for path in folder.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    os.chmod(folder / "archive" / "locked", 0o000)        # a folder nobody may list
    os.chmod(folder / "archive" / "open" / "d.md", 0o000)  # a file nobody may read
    os.chmod(folder / "e.md", 0o000)


def _check(folder, *paths):
    result = userrun.factlint("check", *paths, "--format", "json", "--date", "2023-03-03", cwd=folder,
                              env={"FACTLINT_CACHE_DIR": str(folder / ".cache")})
    assert "Traceback" not in result.stderr
    return result, json.loads(result.stdout)


def test_an_unreadable_folder_or_file_met_while_walking_breaks_the_run_in_one_line_each(open_tmp):
    userrun.require()
    _tree(open_tmp)
    result, report = _check(open_tmp, "archive")
    assert result.returncode == 2
    assert sorted(result.stderr.splitlines()) == [
        "factlint: error: archive/locked: cannot read the folder: Permission denied (its articles are not checked)",
        "factlint: error: archive/open/d.md: cannot read: Permission denied"]
    assert [a["path"] for a in report["articles"]] == ["archive/a.md", "archive/open/c.md"]
    assert {f["path"] for f in report["findings"]} == {"archive/a.md", "archive/open/c.md"}


def test_an_unreadable_file_named_on_the_command_line_is_one_line_and_the_others_are_checked(open_tmp):
    userrun.require()
    _tree(open_tmp)
    result, report = _check(open_tmp, "e.md", "archive/a.md", "archive/locked/b.md")
    assert result.returncode == 2
    assert sorted(result.stderr.splitlines()) == [
        "factlint: error: archive/locked/b.md: cannot read: Permission denied",
        "factlint: error: e.md: cannot read: Permission denied"]
    assert [a["path"] for a in report["articles"]] == ["archive/a.md"]


def test_an_unreadable_article_keeps_its_entry_in_the_index(open_tmp):
    userrun.require()
    _tree(open_tmp)
    os.chmod(open_tmp / "archive" / "open" / "d.md", 0o644)
    env = {"FACTLINT_CACHE_DIR": str(open_tmp / ".cache")}
    first = userrun.factlint("index", "archive/open", "--db", "index.db", cwd=open_tmp, env=env)
    assert first.returncode == 0 and "2 added" in first.stdout, first.stderr
    os.chmod(open_tmp / "archive" / "open" / "d.md", 0o000)
    second = userrun.factlint("index", "archive/open", "--db", "index.db", cwd=open_tmp, env=env)
    assert second.returncode == 2
    assert second.stderr.splitlines() == ["factlint: error: archive/open/d.md: cannot read: Permission denied"]
    assert "0 deleted" in second.stdout   # not dropped from the index: it is unreadable, not gone
