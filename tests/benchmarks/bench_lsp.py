"""Benchmark: how fast `factlint lsp` answers an editor, measured by speaking JSON-RPC to a server subprocess.

    python tests/benchmarks/bench_lsp.py [--rounds 20] [--size 10240] [--json] [--instructions]

A document of about 10 KB (the seed articles, joined) is opened, then changed `rounds` times, a new
version each time; each latency is from the notification sent to the diagnostics of that version
received. Changes are timed with the debounce off (initializationOptions {"debounce_ms": 0}: the
check itself, through the server) and saves with the default debounce (a save is not debounced).
The floor is the same check through the API in this process (`factlint.Linter.check_text`), taken in
the same run, round by round between the server's, so that the ratio holds whatever the machine's
load. Last, a 1 MB document is opened and, while the server checks it, a small document is changed and
hovered: those answers must not wait for the long one. With --instructions, the floor's check is also
counted in machine instructions (valgrind), a figure that does not move with the load.

Not collected by pytest (bench_*.py)."""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from lspclient import LspClient  # noqa: E402

SERVER = [sys.executable, "-m", "checker", "lsp"]
SMALL = "---\ndate: 2024-10-15\nlang: fr\n---\nLe Premier ministre britannique Keir Stramer a parlé à Londres.\n"


def document(size: int) -> str:
    """The seed articles joined, cut at the last line end before `size` bytes."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    while len(text.encode("utf-8")) < size:
        text += "\n" + text
    cut = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    return cut[:cut.rfind("\n") + 1]


def version_of(text: str, i: int) -> str:
    return text + f"Mise à jour numéro {i}.\n"     # a new version, as typing makes one


def stats(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median_ms": round(statistics.median(ordered) * 1000, 1),
            "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


def published(client: LspClient, uri: str, version: int, sent: float, timeout: float = 120) -> float:
    client.diagnostics(uri, version=version, timeout=timeout)
    return time.perf_counter() - sent


def run(rounds: int, size: int) -> dict:
    import factlint
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-lsp-")).resolve()
    os.chdir(work)       # no factlint.toml, no ./rules: the shipped packs, in the server and in the floor
    text = document(size)
    uri = (work / "article.txt").as_uri()
    out: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                 "document_bytes": len(text.encode("utf-8")), "rounds": rounds}
    with LspClient(SERVER, cwd=work) as client:
        started = time.perf_counter()
        client.initialize(work, options={"debounce_ms": 0})
        client.open(uri, text, language="plaintext")
        out["first_check_s"] = round(published(client, uri, 1, started), 2)   # process start and rules included
        floor = factlint.Linter(root=work)
        floor.check_text(text, "article.txt")
        server, direct = [], []
        for i in range(rounds):
            changed = version_of(text, i)
            sent = time.perf_counter()
            client.change(uri, changed, i + 2)
            server.append(published(client, uri, i + 2, sent))
            began = time.perf_counter()
            floor.check_text(changed, "article.txt")
            direct.append(time.perf_counter() - began)
        out["change_no_debounce"] = stats(server)
        out["floor_api_in_process"] = stats(direct)
        out["ratio_median"] = round(statistics.median(server) / statistics.median(direct), 2)
        out["ratio_note"] = "server latency / in-process API check of the same text, same run"
        out["long_document"] = long_document(client, work, text)
        client.shutdown()
    with LspClient(SERVER, cwd=work) as client:    # the default debounce, as an editor has it
        client.initialize(work)
        client.open(uri, text, language="plaintext")
        client.diagnostics(uri, version=1, timeout=120)
        saves = []
        for i in range(max(3, rounds // 4)):
            client.change(uri, version_of(text, i), i + 2)
            sent = time.perf_counter()
            client.save(uri)
            saves.append(published(client, uri, i + 2, sent))
        out["save_default_debounce"] = stats(saves)
        client.shutdown()
    return out


COUNTED = """
import sys, factlint
text, n = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2])
linter = factlint.Linter()
linter.check_text(text, "article.txt")
for i in range(n):
    linter.check_text(text + f"Mise à jour numéro {i}.\\n", "article.txt")
"""


def instructions(size: int, checks: int = 3) -> float:
    """Machine instructions of one check of the document through the API (callgrind; n checks minus none)."""
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-lsp-count-"))
    (work / "article.txt").write_text(document(size), encoding="utf-8")
    counts = []
    # valgrind runs the interpreter itself, not the virtual environment's wrapper: give it this one's paths
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
           "FACTLINT_CACHE_DIR": str(work / "cache")}
    subprocess.run([sys.executable, "-c", COUNTED, str(work / "article.txt"), "0"], cwd=work, env=env, check=True)
    for n in (0, checks):   # the caches (rules, patterns) filled above: both runs read them
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                               os.path.realpath(sys.executable), "-c", COUNTED, str(work / "article.txt"), str(n)],
                              cwd=work, capture_output=True, text=True, env=env)
        lines = [line for line in done.stderr.splitlines() if "Collected" in line]
        if not lines or "Traceback" in done.stderr:
            raise SystemExit(f"valgrind failed:\n{done.stderr[-2000:]}")
        counts.append(int(lines[-1].split()[-1]))
    return (counts[1] - counts[0]) / checks


def long_document(client: LspClient, work: Path, text: str) -> dict:
    """While a 1 MB document is checked, a small one is changed and hovered."""
    big = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    big_uri, small_uri = (work / "long.txt").as_uri(), (work / "small.md").as_uri()
    client.open(small_uri, SMALL)
    client.diagnostics(small_uri, version=1)
    client.open(big_uri, big, language="plaintext")
    time.sleep(0.5)
    sent = time.perf_counter()
    client.change(small_uri, SMALL + "\n", 2)
    change = published(client, small_uri, 2, sent)
    sent = time.perf_counter()
    client.request("textDocument/hover", {"textDocument": {"uri": small_uri}, "position": {"line": 4, "character": 35}})
    hover = time.perf_counter() - sent
    client.close_document(big_uri)
    return {"small_change_ms": round(change * 1000, 1), "hover_ms": round(hover * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--size", type=int, default=10 * 1024)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--instructions", action="store_true", help="also count the floor's instructions (valgrind)")
    args = parser.parse_args()
    result = run(args.rounds, args.size)
    if args.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("valgrind is not installed")
        result["floor_instructions_per_check"] = round(instructions(args.size))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"machine: {result['machine']}; document: {result['document_bytes']} bytes; {result['rounds']} rounds")
    print(f"first check (server start, rules loaded): {result['first_check_s']} s")
    for key in ("change_no_debounce", "save_default_debounce", "floor_api_in_process"):
        s = result[key]
        print(f"{key:24} median {s['median_ms']:7.1f} ms   p90 {s['p90_ms']:7.1f} ms   max {s['max_ms']:7.1f} ms")
    print(f"server / floor (median): {result['ratio_median']}")
    if "floor_instructions_per_check" in result:
        print(f"floor: {result['floor_instructions_per_check'] / 1e6:.0f} M instructions per check (valgrind)")
    long = result["long_document"]
    print(f"while a 1 MB document is checked: a small document's change {long['small_change_ms']} ms, "
          f"a hover {long['hover_ms']} ms")


if __name__ == "__main__":
    main()
