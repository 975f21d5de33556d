"""Injection closed: file names and article text reach stderr, the text report, GitHub workflow
commands and SARIF escaped for each (a newline cannot start a line of its own, so no `::error`,
`::add-mask::` or `::stop-commands::` of an article's choosing; no terminal escape or bidirectional
override is shown raw); `include:` reads only regular files of the pack's folders, and never
shows what it refused."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


TYPO = "Le chancelier Oprav Scholz a parlé le 3 mars 2023.\n"
# names a newsroom would never use, and an attacker would: each tries to start a line of its own
HOSTILE_NAMES = ["a\n::error file=x::forged.md", "b\r::add-mask::secret.md", "::stop-commands::tok.md",
                 "  ::warning::lead.md", "c\x1b[2Jclear.md", "d\u202efdp.md", "e\u2028sep.md", "##vso[task.setvariable]x.md"]
# our own annotations: `::LEVEL file=…,line=N…::…`; anything else starting with :: is injected
OWN_COMMAND = re.compile(r"^::(error|warning|notice) file=[^,\n]*,line=\d+[^\n]*::")
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cwd.parent / "cache")}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def hostile_folder(tmp_path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    for i, name in enumerate(HOSTILE_NAMES):
        path = folder / name
        if i % 2:
            path.write_bytes(b"caf\xe9 " + TYPO.encode())   # not UTF-8: a run error naming the file
        else:
            path.write_text(TYPO + "Un texte \x1b]0;titre\x07 et \u202edroite.\n", encoding="utf-8")
    return folder


def _github_property(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def _assert_safe_lines(text: str, fmt: str, channel: str) -> None:
    for line in text.split("\n"):
        if fmt == "github" and channel == "stdout" and OWN_COMMAND.match(line):
            # the file property must be the file's exact name for GitHub to attach the annotation (it
            # decodes only %25 %0D %0A %3A %2C): what follows it is checked as any line
            line = line.split(",line=", 1)[1]
        assert not line.lstrip().startswith("::"), (fmt, channel, line)
        assert "##vso[" not in line.lower() and "##[" not in line, (fmt, channel, line)
        assert not UNSAFE.search(line), (fmt, channel, line)
        assert "\r" not in line, (fmt, channel, line)


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "json"])
def test_file_names_and_text_cannot_inject_lines_or_commands(hostile_folder, fmt):
    result = _run(hostile_folder, "check", ".", "--format", fmt, "--date", "2023-03-03")
    assert result.returncode == 2, result.stderr        # the files that are not UTF-8 break the run
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith("factlint: "), line
    _assert_safe_lines(result.stderr, fmt, "stderr")
    assert len(result.stderr.splitlines()) == len(HOSTILE_NAMES) // 2   # one line per broken file
    if fmt in ("text", "github"):
        _assert_safe_lines(result.stdout, fmt, "stdout")
    if fmt == "github":   # every file that has a finding gets its annotation, attached to the right file
        commands = [line for line in result.stdout.split("\n") if line.startswith("::")]   # the runner splits lines at LF only
        assert all(OWN_COMMAND.match(c) for c in commands)
        annotated = {_github_property(c.split(" file=", 1)[1].split(",line=")[0]) for c in commands if "name-typo" in c}
        # (click drops terminal escape sequences from what it prints when stdout is not a terminal)
        assert annotated == {name for name in HOSTILE_NAMES[::2] if "\x1b" not in name} | {"cclear.md"}
    if fmt == "sarif":
        run = json.loads(result.stdout)["runs"][0]
        texts = [r["message"]["text"] for r in run["results"]]
        texts += [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
        assert texts and not any(UNSAFE.search(t) or "\n" in t for t in texts)
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
        assert not any(UNSAFE.search(u) or "\n" in u or "\r" in u for u in uris)
    if fmt == "json":   # the interface for tools keeps the exact names, JSON-escaped
        report = json.loads(result.stdout)
        assert {a["path"].removeprefix("./") for a in report["articles"]} == set(HOSTILE_NAMES[::2])


def test_a_shown_name_says_what_the_file_is_called(hostile_folder):
    result = _run(hostile_folder, "check", ".", "--date", "2023-03-03")
    assert "./::stop-commands::tok.md:1:15: warning [name-typo]" in result.stdout
    assert "c\\x1b[2Jclear.md:1:15:" in result.stdout
    assert "factlint: error: b\\r::add-mask::secret.md:1: not valid UTF-8" in result.stderr


# -- include: ------------------------------------------------------------------------------------------
SECRET = "SECRET-TOKEN-4242"


def _pack(tmp_path: Path) -> Path:
    """A pack in tmp/pack/, a private file beside it (outside the pack) that must never be read."""
    pack = tmp_path / "pack"
    (pack / "more").mkdir(parents=True)
    (tmp_path / "private.yaml").write_text(f"{SECRET}: [x]\nroot:{SECRET}:0:0\n", encoding="utf-8")
    (pack / "more" / "org.yaml").write_text(
        "organisations:\n  agence-exemple:\n    name: Agence Exemple\n    acronyms: [AGEX]\n"
        "    source: an invented organisation for a test\n", encoding="utf-8")
    return pack


def _validate(pack: Path, main: str, *extra: str) -> subprocess.CompletedProcess:
    (pack / "main.yaml").write_text(main, encoding="utf-8")
    return _run(pack, "rules", "validate", str(pack / "main.yaml"), *extra)


def test_includes_inside_the_pack_are_read_also_when_written_as_one_text(tmp_path):
    pack = _pack(tmp_path)
    for main in ("include: [more/org.yaml]\n", "include: more/org.yaml\n"):
        result = _validate(pack, main)
        assert result.returncode == 0, result.stderr
        assert "1 organisations" in result.stdout


@pytest.mark.parametrize("target", ["../private.yaml", "{tmp}/private.yaml", "/etc/passwd", "/proc/self/environ",
                                    "link.yaml", "more/../../private.yaml"])
def test_an_include_outside_the_pack_is_refused_unread(tmp_path, target):
    pack = _pack(tmp_path)
    (pack / "link.yaml").symlink_to(tmp_path / "private.yaml")   # inside by name, outside in fact
    result = _validate(pack, f"include: ['{target.format(tmp=tmp_path)}']\n")
    assert result.returncode == 2
    assert SECRET not in result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("factlint: error: main.yaml: include: ") and "outside the folder of this file" in line


def test_an_include_inside_the_configured_rule_folder_is_allowed(tmp_path):
    pack = _pack(tmp_path)
    (pack / "sub").mkdir()
    (pack / "sub" / "main.yaml").write_text("include: [../more/org.yaml]\n", encoding="utf-8")
    inside_root = _run(pack, "rules", "validate", str(pack))          # the rule folder is the pack
    assert inside_root.returncode == 0, inside_root.stderr
    alone = _run(pack, "rules", "validate", str(pack / "sub" / "main.yaml"))   # the root is sub/
    assert alone.returncode == 2 and "outside the folder of this file" in alone.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_an_include_that_is_a_pipe_or_too_large_is_refused_without_waiting(tmp_path):
    pack = _pack(tmp_path)
    os.mkfifo(pack / "pipe.yaml")   # opening it to read would wait for a writer forever
    with open(pack / "huge.yaml", "wb") as fh:
        fh.truncate(49 * 1024 ** 2)  # sparse: refused by its size, never read
    result = _validate(pack, "include: [pipe.yaml, huge.yaml]\n")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert any("pipe.yaml" in line and "not a regular file" in line for line in lines), lines
    assert any("huge.yaml" in line and "49 MB: rule files over 48 MB are refused" in line for line in lines), lines
