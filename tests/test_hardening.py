"""Every crash becomes one line naming the file, exit 2 where the run is broken, the other articles
still checked: front-matter values of any range and type, YAML bombs and deep nesting (rule files and
front matter), deep TOML and JSON, reports and standard output that cannot be written, Ctrl-C; and the
smaller promises: UTF-16 named as such, options out of range refused, reports with the usual file
modes, <script> and <style> not read as prose."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, cli

GOOD = "Le chancelier Olaf Scholz a parlé.\n"
TYPO = "Le chancelier Oprav Scholz a parlé le 3 mars 2023.\n"


def _factlint(cwd: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(cwd / ".cache")}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, **kwargs)


def _one_error(err: str, *words: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factlint: error: "), lines
    assert all(word in lines[0] for word in words), lines
    assert "Traceback" not in err and "internal error" not in err


# -- front matter -------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2025-02-30", "0000-00-00", "2025-13-01", "2025-06-10T25:00:00",
                                   "2025-06-10T10:00:00+99:00", "2025-06-10 10:61", "!!timestamp 2025-02-30",
                                   "12", "true", "[2025, 6, 10]", "{y: 2025}", "yesterday", "2025-06", "'20250610'"])
def test_a_front_matter_date_that_is_not_one_is_one_line_and_the_articles_are_checked(tmp_path, value):
    (tmp_path / "a.md").write_text(f"---\ndate: {value}\nlang: fr\n---\n{TYPO}", encoding="utf-8")
    (tmp_path / "b.md").write_text(TYPO, encoding="utf-8")
    code, out, err = cli("check", "a.md", "b.md", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert code == 0, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factlint: warning: a.md:2: front matter `date`"), lines
    report = json.loads(out)
    assert [a["path"] for a in report["articles"]] == ["a.md", "b.md"]
    assert report["articles"][0]["date_source"] != "front-matter"
    assert {f["path"] for f in report["findings"] if f["rule"] == "name-typo"} == {"a.md", "b.md"}


@pytest.mark.parametrize("value, day", [("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
                                        ("9999-12-31T23:59:59-01:00", "9999-12-31"), ("2025-6-9", "2025-06-09"),
                                        ("2025-06-10 08:00:00 +2", "2025-06-10"), ("2024-02-29T00:00Z", "2024-02-29")])
def test_dates_of_any_year_are_read_as_written(tmp_path, value, day):
    (tmp_path / "a.md").write_text(f"---\ndate: {value}\n---\n{TYPO}", encoding="utf-8")
    code, out, err = cli("check", "a.md", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert code == 0 and err == "", err
    article = json.loads(out)["articles"][0]
    assert (article["date"], article["date_source"]) == (day, "front-matter")


def _laughs(levels: int = 9) -> list[str]:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return lines


@pytest.mark.parametrize("block", ["\n".join(_laughs()) + "\nlang: *a9", "lang: &x [*x]", "title: &x {a: *x}",
                                   "title: " + "[" * 300 + "]" * 300])
def test_front_matter_bombs_are_one_line_and_the_article_is_checked(tmp_path, block):
    (tmp_path / "a.md").write_text(f"---\n{block}\n---\n{TYPO}", encoding="utf-8")
    started = time.monotonic()
    code, out, err = cli("check", "a.md", "--format", "json", "--fail-on", "never", "--date", "2023-03-03",
                         cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert code == 0, err
    (line,) = err.splitlines()
    assert line.startswith("factlint: warning: a.md:") and "front matter" in line
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["name-typo"]


# -- rule files, configuration, baseline -------------------------------------------------------------------
@pytest.mark.parametrize("doc, words", [
    ("\n".join(_laughs()) + "\nnote: *a9\n", ("bomb.yaml:", "YAML bomb")),
    ("offices: &o\n  x: *o\n", ("bomb.yaml:", "nested more than")),
    ("note: " + "[" * 500 + "]" * 500 + "\n", ("bomb.yaml:", "nested more than")),
    ("- " * 400 + "x\n", ("bomb.yaml:", "nested more than")),
])
def test_yaml_bombs_and_deep_nesting_in_rule_files_are_one_line(tmp_path, doc, words):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "bomb.yaml").write_text(doc, encoding="utf-8")
    (tmp_path / "a.md").write_text(TYPO, encoding="utf-8")
    started = time.monotonic()
    result = _factlint(tmp_path, "check", "a.md", "--rules", "rules", "--format", "json", "--date", "2023-03-03")
    assert time.monotonic() - started < 60
    assert result.returncode == 2
    _one_error(result.stderr, *words)
    # the other rule files are still used, and the article checked
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["name-typo"]


def test_deeply_nested_toml_and_json_are_one_line(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text("fail-on = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = _factlint(tmp_path, "check", "a.md")
    assert result.returncode == 2
    _one_error(result.stderr, "factlint.toml", "nested too deeply")
    (tmp_path / "factlint.toml").unlink()
    (tmp_path / "base.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = _factlint(tmp_path, "check", "a.md", "--baseline", "base.json")
    assert result.returncode == 2
    _one_error(result.stderr, "base.json", "nested too deeply")
    result = _factlint(tmp_path, "check", "a.md", "--option", "stale-qualifier.max_days=" + "[" * 5000)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("setting, words", [("max_days = -1", ("max_days", "from 0")),
                                            ("max_days = 10000000000", ("max_days", "from 0")),
                                            ("threshold = nan", ("threshold", "got nan")),
                                            ("threshold = inf", ("threshold", "got inf"))])
def test_options_out_of_range_are_refused_in_one_line(tmp_path, setting, words):
    check = "stale-qualifier" if "max_days" in setting else "quote-drift"
    (tmp_path / "factlint.toml").write_text(f"[checks.{check}]\n{setting}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    code, _, err = cli("check", "a.md", cwd=tmp_path)
    assert code == 2
    _one_error(err, "factlint.toml:2", *words)
    (tmp_path / "factlint.toml").unlink()
    code, _, err = cli("check", "a.md", "--option", f"{check}.{setting.replace(' ', '')}", cwd=tmp_path)
    assert code == 2 and words[0] in err


# -- outputs ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["a folder", "/dev/full"])
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, target):
    (tmp_path / "a.md").write_text(TYPO, encoding="utf-8")   # a finding: exit 1 would say "findings"
    if target == "a folder":
        (tmp_path / "out").mkdir()
        target = "out"
    for fmt in ("text", "json"):
        result = _factlint(tmp_path, "check", "a.md", "--format", fmt, "-o", target)
        assert result.returncode == 2
        _one_error(result.stderr, "cannot write the report", target)
    result = _factlint(tmp_path, "check", "a.md", "--write-baseline", "out" if target == "out" else target)
    assert result.returncode == 2 and "cannot write the baseline" in result.stderr


def test_standard_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.md").write_text(TYPO, encoding="utf-8")
    for args in (("check", "a.md"), ("check", "a.md", "--format", "sarif"), ("explain",), ("config",)):
        with open("/dev/full", "w") as full:
            env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / ".cache")}
            done = subprocess.run([sys.executable, "-m", "checker", *args], cwd=tmp_path, env=env, stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=120)
        assert done.returncode == 2, (args, done.stderr)
        _one_error(done.stderr, "cannot write to standard output")


@pytest.mark.parametrize("option", [("check", "--rules"), ("check", "--config"), ("check", "--against"),
                                    ("index", "--db")])
@pytest.mark.parametrize("special", ["a pipe", "/dev/null"])
def test_a_pipe_or_a_device_given_for_a_file_is_named_as_such(tmp_path, option, special):
    """A pipe or a device given as rule file, configuration or index is never opened, and the line says what it
    is: it said "no such rule file", "no such configuration file", "no such index" or "disk I/O error"."""
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    if special == "a pipe":
        os.mkfifo(tmp_path / "pipe")
        special = "pipe"
    command, flag = option
    result = _factlint(tmp_path, command, "a.md", flag, special)
    assert result.returncode == 2
    _one_error(result.stderr, "not a regular file")


def test_temporary_files_on_a_full_disk_are_one_line_naming_the_folder(tmp_path):
    """A large run keeps its records, findings and workers' results in the system's temporary folder: when that
    fills, one line names it and says what to do (it said "internal error: OperationalError: database or disk is
    full", or "OSError: [Errno 28]"), and nothing of the run is left in it."""
    from checker.store import SPILL
    full = tmp_path / "full"
    full.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)], capture_output=True).returncode != 0:
        pytest.skip("a small full filesystem needs root and mount")
    try:
        articles = tmp_path / "articles"
        articles.mkdir()
        for i in range(SPILL + 1):   # a large run: records in a store on disk
            (articles / f"a{i:04d}.md").write_text(f"Le chancelier Olaf Scholz a parlé le {1 + i % 28} mars 2023.\n",
                                                  encoding="utf-8")
        env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / ".cache"), "TMPDIR": str(full)}
        result = subprocess.run([sys.executable, "-m", "checker", "check", "articles", "--jobs", "2"], cwd=tmp_path,
                                env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 2
        _one_error(result.stderr, f"{full}: no space left", "TMPDIR")
        assert not any(full.iterdir())
    finally:
        subprocess.run(["umount", str(full)], check=True)


def test_reports_get_the_usual_modes(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    old = os.umask(0o027)
    try:
        code, _, _ = cli("check", "a.md", "-o", "new.md", cwd=tmp_path)
        assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640   # 0666 less the umask
        os.chmod(tmp_path / "new.md", 0o664)
        cli("check", "a.md", "-o", "new.md", cwd=tmp_path)
        assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o664   # a replaced file keeps its mode
    finally:
        os.umask(old)


def test_ctrl_c_exits_130_in_one_line_and_leaves_no_worker(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    seed = (ROOT / "seeds" / "001_2261a6fc945c081f.txt").read_text(encoding="utf-8")
    # distinct articles (identical ones could be read once), more than any machine checks in the wait below
    for i in range(1500):
        (archive / f"a{i:04d}.txt").write_text(f"{seed}\n\nLe comité {i} a reçu {i + 7} dossiers en {1990 + i % 30}.\n",
                                               encoding="utf-8")
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / ".cache")}
    # two jobs: Ctrl-C while the run is under way, and the moment the workers are being forked
    for jobs, settle in (("1", 0), ("2", 0.5), ("2", 0)):
        # a job started in the background of a shell inherits Ctrl-C ignored: give the command the default
        process = subprocess.Popen([sys.executable, "-m", "checker", "check", "archive", "--jobs", jobs],
                                   cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        # interrupt once the run is under way: after its workers started, or after two seconds with one job
        deadline = time.monotonic() + (20 if jobs == "2" else 2)
        children = []
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
            children = _children(process.pid)
            if jobs == "2" and children:
                time.sleep(settle)
                children = _children(process.pid)
                break
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert jobs == "1" or children, "two jobs run in worker processes"
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert err.splitlines() == ["factlint: interrupted"]
        assert _alive(children) == [], jobs


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _alive(pids: list[int], wait: float = 30.0) -> list[int]:
    """The processes still running after up to `wait` seconds (a zombie waiting for init is not running). A worker
    ends within milliseconds on an idle machine; the bound is generous, for a loaded one, and costs nothing when
    they end at once."""
    deadline = time.monotonic() + wait
    while True:
        alive = [pid for pid in pids if _state(pid) not in (None, "Z", "X")]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def _state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


# -- the smaller ones -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16 (little-endian)"), ("utf-16-be", "UTF-16 (big-endian)"),
                                            ("utf-32", "UTF-32 (little-endian)")])
def test_utf16_and_utf32_are_named_not_called_binary(tmp_path, encoding, name):
    (tmp_path / "a.md").write_bytes(("\ufeff" if encoding.endswith("be") else "") .encode(encoding) + TYPO.encode(encoding))
    (tmp_path / "b.md").write_text(TYPO, encoding="utf-8")
    code, out, err = cli("check", "a.md", "b.md", "--format", "json", cwd=tmp_path)
    assert code == 2
    _one_error(err, "a.md", name, "convert the file to UTF-8")
    assert [a["path"] for a in json.loads(out)["articles"]] == ["b.md"]
    (tmp_path / "c.md").write_bytes(bytes(range(256)) * 4)
    code, _, err = cli("check", "c.md", cwd=tmp_path)
    assert code == 2 and "binary file" in err


def test_script_and_style_blocks_are_not_prose(tmp_path):
    hidden = ("<script>\nvar s = \"Le chancelier Oprav Scholz a parlé.\";\n</script>\n"
              "<STYLE type=\"text/css\">\n/* Le chancelier Oprav Scholz */\n</STYLE>\n"
              "<script src=\"x.js\">Le chancelier Oprav Scholz</script>\n")
    (tmp_path / "a.md").write_text(hidden + "Un texte.\n", encoding="utf-8")
    code, out, _ = cli("check", "a.md", "--format", "json", "--date", "2023-03-03", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(out)["findings"]] == []
    (tmp_path / "b.md").write_text(hidden + "<scripted>\n" + TYPO, encoding="utf-8")   # not a script element
    code, out, _ = cli("check", "b.md", "--format", "json", "--date", "2023-03-03", cwd=tmp_path)
    assert [(f["line"], f["rule"]) for f in json.loads(out)["findings"]] == [(9, "name-typo")]
