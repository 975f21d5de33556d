"""python tools/same_findings.py save|compare DIR: the findings of the seeds, the shared corpora (the
real-text gate) and the planted-error benchmark, saved to DIR or compared with what DIR holds.

A change that only reshapes the code (moves, renames, splits) must leave every finding as it was: run
`save` before it and `compare` after it. Exit status 1 when anything differs, with the first lines of
the difference."""
from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = {
    "seeds": ["factlint", "check", "seeds/", "--format", "json", "--no-cache"],
    "realtext": [sys.executable, "-m", "tests.realtext", "--json"],
    "planted": [sys.executable, "-m", "tests.benchmarks.planted", "--quick", "--json", "--jobs", "1"],
}
VARYING = {"package", "elapsed", "seconds", "duration"}   # where the run happened, how long it took


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VARYING}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    if isinstance(value, str):   # the planted benchmark writes its copies to a temporary folder
        return re.sub(r"(?:\.\./)*(?:[\w.-]+/)*factlint-planted-[\w-]+", "factlint-planted-TMP", value)
    return value


def collect(name: str) -> str:
    done = subprocess.run(RUNS[name], cwd=ROOT, capture_output=True, text=True)
    if not done.stdout.strip():
        raise SystemExit(f"{name}: no output (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return json.dumps(_stable(json.loads(done.stdout)), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    differ = False
    for name in RUNS:
        now = collect(name)
        saved = folder / f"{name}.json"
        if argv[0] == "save":
            saved.write_text(now, encoding="utf-8")
            print(f"{name}: saved")
            continue
        before = saved.read_text(encoding="utf-8")
        if before == now:
            print(f"{name}: identical")
            continue
        differ = True
        diff = list(difflib.unified_diff(before.splitlines(), now.splitlines(), "before", "after", lineterm=""))
        print(f"{name}: DIFFERENT\n" + "\n".join(diff[:40]))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
