"""How factlint and two peer tools installed locally score on the peer cases of tests/fixtures/peers/.

Measuring only: the peers are never dependencies. Grammalecte from Debian (apt-get install
python3-grammalecte), textlint with textlint-rule-date-weekday-mismatch from npm in a directory given
with --textlint DIR (npm install textlint textlint-rule-date-weekday-mismatch). A peer that is not
installed is skipped. Cases with an article date are left out for the peers (they have no such input).

    python tests/benchmarks/compare_peers.py [--textlint /tmp/peer-textlint]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import build_base, run_check  # noqa: E402

CHECKS = ("invalid-date", "weekday-mismatch", "date-format")


def factlint(case, base) -> bool:
    date = dt.date.fromisoformat(str(case["date"])) if case.get("date") else None
    return any(run_check(c, case["text"], base, date, case.get("lang", "fr")) for c in CHECKS)


def grammalecte_checker():
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import grammalecte
    except ImportError:
        return None
    checker = grammalecte.GrammarChecker("fr")
    return lambda case: any(e.get("sType") == "date" for e in checker.gce.parse(case["text"]))


def textlint_checker(directory: str | None):
    if not directory or not (Path(directory) / "node_modules" / ".bin" / "textlint").exists():
        return None

    def run(case) -> bool:
        config = Path(directory) / ".textlintrc.json"
        config.write_text(json.dumps({"rules": {"date-weekday-mismatch": {"lang": case.get("lang", "fr")}}}))
        with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=directory, delete=False) as fh:
            fh.write(case["text"] + "\n")
        try:
            out = subprocess.run([str(Path(directory) / "node_modules" / ".bin" / "textlint"), "--format", "json", fh.name],
                                 capture_output=True, text=True, cwd=directory, check=False)
            return bool(json.loads(out.stdout)[0]["messages"])
        finally:
            os.unlink(fh.name)
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--textlint", help="directory where textlint and the rule are installed with npm")
    args = parser.parse_args()
    base = build_base()
    peers = {"Grammalecte": (grammalecte_checker(), lambda c: c.get("lang", "fr") == "fr" and not c.get("date")),
             "textlint": (textlint_checker(args.textlint), lambda c: not c.get("date"))}
    for path in sorted((ROOT / "tests" / "fixtures" / "peers").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = doc["cases"]
        ours = sum(factlint(c, base) == c["flags"] for c in cases)
        print(f"{doc['tool']} cases: factlint {ours}/{len(cases)}")
        for name, (run, usable) in peers.items():
            if run is None:
                print(f"  {name}: not installed")
                continue
            subset = [c for c in cases if usable(c)]
            theirs = sum(run(c) == c["flags"] for c in subset)
            mine = sum(factlint(c, base) == c["flags"] for c in subset)
            print(f"  on the {len(subset)} cases {name} can read: {name} {theirs}, factlint {mine}")


if __name__ == "__main__":
    main()
