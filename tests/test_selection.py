"""Which files are articles: the repository's own documents, tool folders and what git ignores are not;
`exclude` globs (configuration, --exclude) and --no-gitignore; links to an article count once."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from checker.selection import Glob
from conftest import ROOT, cli
from test_inputs import git

RULES = ROOT / "rules"
TEXT = "Le chancelier allemand Olaf Scholtz a reçu son homologue à Berlin.\n"


def _files(base: Path, names: list[str]) -> None:
    for name in names:
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "newsroom"
    _files(repo, ["articles/a.md", "articles/b.txt", "articles/drafts/wip.md", "README.md", "LICENSE.txt",
                  "CHANGELOG.md", "docs/readme.md", "build/lib/copy.md", "node_modules/pkg/README.md",
                  "node_modules/pkg/notes.md", "articles/kept.tmp.md", ".github/PULL_REQUEST_TEMPLATE.md"])
    (repo / ".gitignore").write_text("articles/drafts/\n*.tmp.md\n", encoding="utf-8")
    (repo / "factlint.toml").write_text(f'rules = ["{RULES}"]\n', encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "add", "-f", "articles/kept.tmp.md")   # tracked although ignored: git keeps it, so do we
    git(repo, "commit", "-qm", "archive")
    return repo


def _checked(repo, *args, cwd=None) -> list[str]:
    code, out, err = cli("check", *args, "--format", "json", "--fail-on", "never", cwd=cwd or repo)
    assert code == 0, err
    return sorted(Path(a["path"]).as_posix() for a in json.loads(out)["articles"])


def test_a_repository_checks_its_articles_only(repo):
    assert _checked(repo, ".") == ["articles/a.md", "articles/b.txt", "articles/kept.tmp.md"]


def test_no_gitignore_checks_what_git_ignores(repo):
    assert _checked(repo, ".", "--no-gitignore") == ["articles/a.md", "articles/b.txt", "articles/drafts/wip.md",
                                                      "articles/kept.tmp.md"]
    (repo / "factlint.toml").write_text(f'rules = ["{RULES}"]\nrespect-gitignore = false\n', encoding="utf-8")
    assert "articles/drafts/wip.md" in _checked(repo, ".")


def test_exclude_in_the_configuration_is_relative_to_its_folder(repo):
    (repo / "factlint.toml").write_text(f'rules = ["{RULES}"]\nexclude = ["/articles/b.txt", "*.tmp.md"]\n',
                                        encoding="utf-8")
    assert _checked(repo, ".") == ["articles/a.md"]
    assert _checked(repo, ".", cwd=repo / "articles") == ["a.md"]   # from a subfolder: the same globs


def test_exclude_on_the_command_line(repo):
    assert _checked(repo, ".", "--exclude", "b.txt", "--exclude", "articles/kept*") == ["articles/a.md"]
    assert _checked(repo, ".", "--exclude", "articles/") == []


def test_files_named_are_checked_unless_force_exclude(repo):
    assert _checked(repo, "README.md", "articles/a.md") == ["README.md", "articles/a.md"]
    assert _checked(repo, "README.md", "articles/a.md", "--force-exclude") == ["articles/a.md"]
    assert _checked(repo, "node_modules/pkg/notes.md", "--force-exclude") == []   # excluded by its folder


def test_a_folder_named_is_walked_even_when_ignored(repo):
    assert _checked(repo, "articles/drafts") == ["articles/drafts/wip.md"]


def test_without_git_the_gitignore_is_not_read(repo):
    shutil.rmtree(repo / ".git")
    # the documented fallback: the default exclusions apply, .gitignore files are not read
    assert _checked(repo, ".") == ["articles/a.md", "articles/b.txt", "articles/drafts/wip.md",
                                   "articles/kept.tmp.md"]


def test_a_link_to_an_article_is_checked_once(tmp_path):
    _files(tmp_path, ["articles/a.md"])
    os.symlink(tmp_path / "articles" / "a.md", tmp_path / "articles" / "z-link.md")
    os.symlink(tmp_path / "articles", tmp_path / "mirror")
    code, out, _ = cli("check", ".", "articles/a.md", "--rules", RULES, "--format", "json", cwd=tmp_path)
    report = json.loads(out)
    assert [a["path"] for a in report["articles"]] == ["articles/a.md"]
    assert [f["path"] for f in report["findings"] if f["rule"] == "name-typo"] == ["articles/a.md"]   # not three


def test_fix_through_a_link_writes_the_article_and_keeps_the_link(tmp_path):
    _files(tmp_path, ["articles/a.md"])
    link = tmp_path / "link.md"
    os.symlink(tmp_path / "articles" / "a.md", link)
    code, _, err = cli("check", "link.md", "--rules", RULES, "--fix", cwd=tmp_path)
    assert "fixed 1 finding(s)" in err
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "articles" / "a.md")
    assert (tmp_path / "articles" / "a.md").read_text(encoding="utf-8") == TEXT.replace("Scholtz", "Scholz")


@pytest.mark.parametrize("pattern, path, is_dir, matches", [
    ("drafts/", "a/drafts", True, True),
    ("drafts/", "a/drafts", False, False),         # a file named drafts is not the folder
    ("*.tmp.md", "x/y/z.tmp.md", False, True),
    ("/archive", "archive", True, True),
    ("/archive", "old/archive", True, False),        # anchored to the base
    ("desk/**/notes.md", "desk/a/b/notes.md", False, True),
    ("desk/**/notes.md", "desk/notes.md", False, True),
    ("desk/*.md", "desk/a/b.md", False, False),     # * stays within one name
    ("[ab].md", "b.md", False, True),
    ("[!ab].md", "b.md", False, False),
    ("?.md", "ab.md", False, False),
    ("[a-c]x.md", "bx.md", False, True),
    ("[!a-c]x.md", "dx.md", False, True),
    ("a[!x]b", "a/b", False, False),                # a negated class never matches a slash
    ("[z-a].md", "m.md", False, False),             # a range written backwards matches nothing, as in git
    ("[z-a].md", "z.md", False, False),
    ("[[].md", "[.md", False, True),                # characters a regular expression reads as syntax are plain
    ("[a&&b].md", "&.md", False, True),
    ("[\\].md", "\\.md", False, True),
    ("[.-].md", "-.md", False, True),
])
def test_gitignore_style_globs(tmp_path, pattern, path, is_dir, matches):
    assert Glob(pattern, tmp_path).matches(tmp_path / path, is_dir) is matches


def test_the_starter_configurations_exclude_line_works_uncommented(tmp_path):
    assert cli("init", cwd=tmp_path)[0] == 0
    config = tmp_path / "factlint.toml"
    text = config.read_text(encoding="utf-8").replace("# exclude = [", "exclude = [")
    config.write_text(text, encoding="utf-8")
    _files(tmp_path, ["articles/a.md", "drafts/b.md", "articles/c.tmp.md"])
    assert _checked(tmp_path, ".") == ["articles/a.md"]



@pytest.mark.parametrize("key", ["exclude", "include"])
@pytest.mark.parametrize("glob", ["[z-a]", "docs/[z-a]", "[[:alpha:]]", "[a--b]", "[~~]"])
def test_any_glob_a_user_writes_is_read_without_an_error(tmp_path, key, glob):
    """A bracket expression that is not a valid class of a regular expression ("[z-a]") ended the run with a
    traceback; it is a glob like any other, on the command line or in the configuration."""
    _files(tmp_path, ["articles/a.md"])
    (tmp_path / "factlint.toml").write_text(f'rules = ["{RULES}"]\n{key} = ["{glob}"]\n', encoding="utf-8")
    for args in (("check", "."), ("check", ".", "--exclude", glob)):
        code, out, err = cli(*args, "--format", "json", cwd=tmp_path)
        assert "Traceback" not in err and "internal error" not in err, err
        if key == "exclude":   # a glob that names no file excludes nothing: the article is checked
            assert {f["path"] for f in json.loads(out)["findings"]} == {"articles/a.md"}
