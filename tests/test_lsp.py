"""`factlint lsp` with a real client: the server runs as a subprocess and the test speaks JSON-RPC to it
over pipes (tests/lspclient.py), as an editor does. Every wait is bounded."""
from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server's extra is not installed: pip install '.[lsp]'")

from conftest import ROOT, cli  # noqa: E402
from lspclient import LspClient  # noqa: E402

SEED = ROOT / "seeds" / "004_d43b0a7554921edd.txt"
SERVER = [sys.executable, "-m", "checker", "lsp"]
AID_A = "Le gouvernement a annoncé une aide de 2 milliards d'euros à l'Ukraine.\n"
AID_B = "Mardi, le gouvernement a annoncé une aide de 1,2 milliard d'euros à l'Ukraine.\n"
STRAMER = "Le Premier ministre britannique Keir Stramer a parlé à Londres mardi.\n"


def _article(date: str, body: str) -> str:
    return f"---\ndate: {date}\nlang: fr\n---\n{body}"


def _units(text: str, encoding: str) -> int:
    return {"utf-8": len(text.encode("utf-8")), "utf-16": len(text.encode("utf-16-le")) // 2,
            "utf-32": len(text)}[encoding]


def _slice(text: str, rng: dict, encoding: str = "utf-16") -> str:
    """The text an LSP range covers (one line), by counting the encoding's units."""
    line = text.splitlines()[rng["start"]["line"]]
    start = next(i for i in range(len(line) + 1) if _units(line[:i], encoding) >= rng["start"]["character"])
    end = next(i for i in range(len(line) + 1) if _units(line[:i], encoding) >= rng["end"]["character"])
    return line[start:end]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """Three projects: seeds without configuration, one with an archive index, one with a broken rule file."""
    root = tmp_path_factory.mktemp("lsp-workspace")
    (root / "plain").mkdir()
    shutil.copy(SEED, root / "plain" / SEED.name)
    newsroom = root / "newsroom"
    (newsroom / "archive" / "2025").mkdir(parents=True)
    (newsroom / "drafts").mkdir()
    (newsroom / "factlint.toml").write_text('against = "archive.db"\n', encoding="utf-8")
    (newsroom / "archive" / "2025" / "aid.md").write_text(_article("2025-03-04", AID_A), encoding="utf-8")
    code, out, err = cli("index", "archive", "--db", "archive.db", cwd=newsroom)
    assert code == 0, err
    broken = root / "broken"
    (broken / "rules").mkdir(parents=True)
    (broken / "factlint.toml").write_text('rules = ["@shipped", "rules/"]\n', encoding="utf-8")
    (broken / "rules" / "house.yaml").write_text("people:\n  jane-doe:\n    name: Jane Doe\n    gendre: f\n"
                                                 "    source: Newsroom style guide, 2025\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(workspace):
    with LspClient(SERVER, cwd=workspace) as lsp:
        result = lsp.initialize(workspace)
        assert result["capabilities"]["positionEncoding"] == "utf-16"
        assert result["serverInfo"]["name"] == "factlint"
        yield lsp
        assert lsp.shutdown() == 0


def test_seed_diagnostics_are_the_api_findings(client, workspace, monkeypatch):
    import factlint
    path = workspace / "plain" / SEED.name
    text = path.read_text(encoding="utf-8")
    client.open(path.as_uri(), text, language="plaintext")
    diagnostics = client.diagnostics(path.as_uri(), version=1)
    monkeypatch.chdir(workspace)
    expected = factlint.Linter(root=workspace).check_text(text, str(path.relative_to(workspace))).findings
    assert [(d["code"], d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics] == \
           [(f.rule, f.location.line, f.message) for f in expected]
    found = {(d["code"], d["range"]["start"]["line"] + 1): d for d in diagnostics}
    assert {("year-typo", 15), ("name-typo", 7), ("name-typo", 17), ("title-gender", 17)} <= set(found)
    year = found[("year-typo", 15)]
    assert (year["severity"], year["source"], _slice(text, year["range"])) == (1, "factlint", "206")
    assert year["range"]["start"]["character"] == 162        # column 163 of the command line, 0-based
    title = found[("title-gender", 17)]
    assert _slice(text, title["range"]) == "Chancelière"
    evidence = title["relatedInformation"][0]["location"]     # the rule file and line, as a file URI
    rule_file = Path(evidence["uri"].removeprefix("file://"))
    assert rule_file.name == "people.yaml" and "german-chancellor" in \
        rule_file.read_text(encoding="utf-8").splitlines()[evidence["range"]["start"]["line"]]   # Scholz's term


def test_quick_fix_for_a_safe_name_typo_only(client, workspace):
    path = workspace / "plain" / SEED.name
    text = path.read_text(encoding="utf-8")
    diagnostics = client.diagnostics(path.as_uri(), version=1)
    nsatu = next(d for d in diagnostics if d["code"] == "name-typo" and _slice(text, d["range"]) == "NSatu")
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()}, "range": nsatu["range"],
                                                         "context": {"diagnostics": [nsatu]}}, timeout=10)
    assert len(actions) == 1 and actions[0]["kind"] == "quickfix"
    change = actions[0]["edit"]["documentChanges"][0]
    assert change["textDocument"] == {"uri": path.as_uri(), "version": 1}
    assert [(e["range"], e["newText"]) for e in change["edits"]] == [(nsatu["range"], "NSATU")]
    for only, count in ((["quickfix"], 1), (["refactor"], 0), (["source.fixAll"], 0)):
        assert len(client.request("textDocument/codeAction", {
            "textDocument": {"uri": path.as_uri()}, "range": nsatu["range"],
            "context": {"diagnostics": [nsatu], "only": only}}, timeout=10)) == count, only
    # "Oprav Scholz" carries a suggestion for a person to confirm, not a safe fix: no action
    oprav = next(d for d in diagnostics if d["code"] == "name-typo" and _slice(text, d["range"]) == "Oprav Scholz")
    assert client.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()}, "range": oprav["range"],
                                                      "context": {"diagnostics": [oprav]}}, timeout=10) == []


def test_hover_shows_the_rule_documentation(client, workspace):
    path = workspace / "plain" / SEED.name
    diagnostics = client.diagnostics(path.as_uri(), version=1)
    year = next(d for d in diagnostics if d["code"] == "year-typo")
    inside = {"line": year["range"]["start"]["line"], "character": year["range"]["start"]["character"] + 1}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": inside}, timeout=10)
    assert hover["contents"]["kind"] == "markdown"
    assert "# year-typo (default severity: error)" in hover["contents"]["value"]
    assert "Suggestion: 2026" in hover["contents"]["value"]
    assert hover["range"] == year["range"]
    outside = {"line": year["range"]["start"]["line"], "character": 0}
    assert client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": outside},
                          timeout=10) is None


def test_changes_are_debounced_and_only_the_newest_version_is_published(client, workspace):
    path = workspace / "plain" / "draft.md"
    uri = path.as_uri()
    start = len(client.notifications)
    client.open(uri, _article("2024-10-15", STRAMER))
    assert [d["code"] for d in client.diagnostics(uri, version=1, start=start)] == ["name-typo"]
    start = len(client.notifications)
    for version in range(2, 6):          # typing: each change supersedes the one before
        body = STRAMER if version < 5 else STRAMER.replace("Stramer", "Starmer")
        client.change(uri, _article("2024-10-15", body), version)
    assert client.diagnostics(uri, version=5, start=start) == []           # the fixed text has nothing
    client.save(uri)
    client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    published = [m["params"].get("version") for m in client.notifications[start:]
                 if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert set(published) == {5}, published


def test_the_archive_index_of_the_configuration_is_behind_the_editor(client, workspace):
    newsroom = workspace / "newsroom"
    draft = newsroom / "drafts" / "aid.md"
    client.open(draft.as_uri(), _article("2025-03-05", AID_B))
    diagnostics = client.diagnostics(draft.as_uri(), version=1)
    assert [d["code"] for d in diagnostics] == ["contradiction"]
    assert _slice(_article("2025-03-05", AID_B), diagnostics[0]["range"]) == "1,2 milliard d'euros"
    assert "archive/2025/aid.md:5" in diagnostics[0]["message"]
    related = diagnostics[0]["relatedInformation"][0]["location"]
    assert related["uri"] == (newsroom / "archive" / "2025" / "aid.md").as_uri()
    assert related["range"]["start"]["line"] == 4
    # traps: the same figure agrees with the archive; an archived article being corrected is not
    # compared with its own indexed version
    client.change(draft.as_uri(), _article("2025-03-05", AID_B.replace("1,2 milliard", "2 milliards")), 2)
    assert client.diagnostics(draft.as_uri(), version=2) == []
    archived = newsroom / "archive" / "2025" / "aid.md"
    client.open(archived.as_uri(), _article("2025-03-04", AID_A.replace("2 milliards", "2,5 milliards")))
    assert client.diagnostics(archived.as_uri(), version=1) == []


def test_a_broken_rule_file_is_one_diagnostic_on_it_and_the_rest_still_checks(client, workspace):
    broken = workspace / "broken"
    rule_file = broken / "rules" / "house.yaml"
    draft = broken / "draft.md"
    client.open(draft.as_uri(), _article("2024-10-15", STRAMER))
    assert [d["code"] for d in client.diagnostics(draft.as_uri(), version=1)] == ["name-typo"]   # shipped rules
    on_rule_file = client.diagnostics(rule_file.as_uri())
    assert len(on_rule_file) == 1 and on_rule_file[0]["range"]["start"]["line"] == 3       # gendre: f
    assert "gendre" in on_rule_file[0]["message"] and on_rule_file[0]["severity"] == 1
    assert any("house.yaml:4" in line for line in client.logs())
    start = len(client.notifications)
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace("gendre", "gender"), encoding="utf-8")
    client.change(draft.as_uri(), _article("2024-10-15", STRAMER + "\n"), 2)
    assert client.diagnostics(rule_file.as_uri(), start=start) == []       # fixed: cleared
    assert [d["code"] for d in client.diagnostics(draft.as_uri(), version=2)] == ["name-typo"]


def test_a_broken_configuration_says_so_on_the_document(client, workspace):
    project = workspace / "misconfigured"
    project.mkdir()
    (project / "factlint.toml").write_text('fail-on = "warning"\nrulez = ["rules/"]\n', encoding="utf-8")
    draft = project / "draft.txt"
    client.open(draft.as_uri(), STRAMER, language="plaintext")
    diagnostics = client.diagnostics(draft.as_uri(), version=1)
    assert len(diagnostics) == 1 and "rulez" in diagnostics[0]["message"] and diagnostics[0]["severity"] == 1
    on_config = client.diagnostics((project / "factlint.toml").as_uri())
    assert [d["range"]["start"]["line"] for d in on_config] == [1]


def _worker_pids(server_pid: int) -> list[int]:
    pids = []
    for children in Path(f"/proc/{server_pid}/task").glob("*/children"):
        pids += [int(p) for p in children.read_text().split()]
    return pids


def test_a_long_document_never_blocks_the_server(client, workspace):
    seed = SEED.read_text(encoding="utf-8")
    big = workspace / "plain" / "big.txt"
    uri = big.as_uri()
    text = (seed * (1_000_000 // len(seed) + 1))[:1_000_000]
    start = len(client.notifications)
    client.open(uri, text, language="plaintext")
    time.sleep(1.0)        # its check is under way in the lane of long documents
    small = workspace / "plain" / "small.md"
    began = time.monotonic()
    client.open(small.as_uri(), _article("2024-10-15", STRAMER))
    assert [d["code"] for d in client.diagnostics(small.as_uri(), version=1, timeout=30)] == ["name-typo"]
    hover = client.request("textDocument/hover", {"textDocument": {"uri": small.as_uri()},
                                                  "position": {"line": 4, "character": 35}}, timeout=10)
    assert "name-typo" in hover["contents"]["value"]
    assert time.monotonic() - began < 30
    client.change(uri, text + "x", 2)      # supersedes (and stops) the check of version 1
    client.close_document(uri)
    client.request("textDocument/hover", {"textDocument": {"uri": small.as_uri()}, "position": {"line": 0, "character": 0}},
                   timeout=10)
    published = [m["params"] for m in client.notifications[start:]
                 if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert all(p["diagnostics"] == [] for p in published)    # only the clearing on close: no stale version
    assert not any("ended unexpectedly" in line for line in client.logs())


def test_a_document_over_10_mb_is_one_diagnostic_not_a_check(client, workspace):
    uri = (workspace / "plain" / "huge.txt").as_uri()
    client.open(uri, ("Le Premier ministre britannique Keir Stramer a parlé.\n" * 200_000), language="plaintext")
    (note,) = client.diagnostics(uri, version=1, timeout=60)
    assert "over 10 MB" in note["message"] and note["range"]["start"]["line"] == 0 and "code" not in note
    client.close_document(uri)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker process through /proc")
def test_a_worker_that_dies_is_logged_and_the_server_keeps_serving(client, workspace):
    path = workspace / "plain" / "dies.md"
    uri = path.as_uri()
    client.open(uri, _article("2024-10-15", STRAMER))
    client.diagnostics(uri, version=1)
    before = set(_worker_pids(client.process.pid))
    assert before
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    client.change(uri, _article("2024-10-15", STRAMER * 2), 2)
    assert [d["code"] for d in client.diagnostics(uri, version=2)] == ["name-typo"] * 2
    assert any("process had ended" in line for line in client.logs())
    assert not set(_worker_pids(client.process.pid)) & before


PLANTED_BUG = """\
import checker.checks.year_typo as module
_check = module.check
def check(ctx, options):
    if "Boomtown" in ctx.article.text:
        raise RuntimeError("a planted bug")
    return _check(ctx, options)
module.check = check
"""


def test_an_internal_error_in_a_check_is_logged_and_the_server_keeps_serving(workspace, tmp_path):
    # a bug planted in one check, in the server and its worker alike (Python imports sitecustomize at start)
    (tmp_path / "sitecustomize.py").write_text(PLANTED_BUG, encoding="utf-8")
    uri = (workspace / "plain" / "odd.txt").as_uri()
    with LspClient(SERVER, cwd=workspace, env={"PYTHONPATH": str(tmp_path)}) as lsp:
        lsp.initialize(workspace)
        start = len(lsp.notifications)
        lsp.open(uri, "Boomtown: " + STRAMER, language="plaintext")
        assert [d["code"] for d in lsp.diagnostics(uri, version=1)] == ["unknown-date", "name-typo"]   # the others ran
        logged = lsp.wait_for(lambda m: m.get("method") == "window/logMessage"
                              and "internal error in check year-typo" in m["params"]["message"], timeout=60, start=start)
        assert "a planted bug" in logged["params"]["message"]
        lsp.change(uri, STRAMER, 2)
        assert [d["code"] for d in lsp.diagnostics(uri, version=2)] == ["unknown-date", "name-typo"]   # .txt: no date
        assert lsp.shutdown() == 0


def test_a_lone_surrogate_is_said_in_the_log_and_the_server_keeps_serving(client, workspace):
    uri = (workspace / "plain" / "odd.txt").as_uri()
    start = len(client.notifications)
    client.open(uri, "Keir Stramer \ud800 a parlé.", language="plaintext")   # no editor sends one
    logged = client.wait_for(lambda m: m.get("method") == "window/logMessage" and uri.rsplit("/", 1)[1] in str(m["params"]),
                             timeout=60, start=start)
    assert "internal error" not in logged["params"]["message"], logged
    client.change(uri, STRAMER, 2)
    assert [d["code"] for d in client.diagnostics(uri, version=2)] == ["unknown-date", "name-typo"]   # .txt: no date


def test_position_encodings_negotiated_with_the_factlint_entry_point(tmp_path):
    script = Path(sys.executable).parent / "factlint"
    if not script.exists():
        pytest.skip("no factlint script beside this Python")
    text = "😀 é " + STRAMER
    draft = tmp_path / "draft.txt"
    with LspClient([str(script), "lsp", "--stdio"], cwd=tmp_path) as lsp:
        assert lsp.initialize(tmp_path, encodings=["utf-8", "utf-16"])["capabilities"]["positionEncoding"] == "utf-8"
        lsp.open(draft.as_uri(), text, language="plaintext")
        (typo,) = [d for d in lsp.diagnostics(draft.as_uri(), version=1) if d["code"] == "name-typo"]
        assert typo["range"]["start"]["character"] == len(text[:text.index("Keir")].encode("utf-8"))
        assert _slice(text, typo["range"], "utf-8") == "Keir Stramer"
        assert lsp.shutdown() == 0


def test_lines_count_the_negotiated_units():
    from checker.lsp.convert import Lines
    text = "a\r\nb😀é\rc\n😀😀x"
    for encoding, start_of_x, after_e in (("utf-16", 4, 4), ("utf-8", 8, 7), ("utf-32", 2, 3)):
        lines = Lines(text, encoding)
        assert (lines.position(4, 3).line, lines.position(4, 3).character) == (3, start_of_x)
        assert lines.position(2, 4).character == after_e
        offset = text.index("x")
        assert (lines.at_offset(offset).line, lines.at_offset(offset).character) == (3, start_of_x)
    position = Lines("a\u2028b\x0cc").position(1, 5)
    assert (position.line, position.character) == (0, 4)    # only CR, LF and CRLF end lines, as in LSP


def test_without_pygls_the_command_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)
    code, out, err = cli("lsp")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "pip install 'factlint[lsp]'" in err


def test_the_editor_set_ups_start_this_server():
    """docs/editors.md's set-ups parse, and run `factlint lsp` for Markdown and text; the README points there."""
    import json
    import re
    import tomllib
    assert "factlint lsp" in (ROOT / "README.md").read_text(encoding="utf-8")
    for text in ((ROOT / "docs" / "editors.md").read_text(encoding="utf-8"),):
        blocks = dict(re.findall(r"```(json|lua)\n(.*?)```", text, re.S))   # one of each
        vscode = json.loads(blocks["json"])
        assert (vscode["glspc.server.command"], vscode["glspc.server.commandArguments"]) == ("factlint", ["lsp"])
        assert set(vscode["glspc.server.languageId"]) == {"markdown", "plaintext"}
        assert 'cmd = { "factlint", "lsp" }' in blocks["lua"] and 'pattern = { "markdown", "text" }' in blocks["lua"]
        helix = next(tomllib.loads(body) for body in re.findall(r"```toml\n(.*?)```", text, re.S)
                     if "language-server" in body)
        assert helix["language-server"]["factlint"] == {"command": "factlint", "args": ["lsp"]}
        assert "factlint" in helix["language"][0]["language-servers"]
