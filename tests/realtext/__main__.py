"""python -m tests.realtext [--corpus NAME]... [--json] [--quiet]: the real-text gate (see docs/realtext.md).

Exit code 0 when the gate is met (nothing beyond the reviewed true positives, nothing pending, no date
wrong by more than 30 days), 1 when it is not, 2 when the shared corpora cannot be found or a list is bad.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import ListError, as_json, as_text, installed_package, run, shared_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.realtext", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", metavar="NAME",
                        help="check only this corpus (wikinews-fr, timebank-en, timebank-en/undated, …); repeatable")
    parser.add_argument("--shared", type=Path, help="the shared folder (default: $FACTLINT_SHARED, else ../shared)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--quiet", action="store_true", help="tables only, without the list of findings")
    args = parser.parse_args(argv)
    shared = args.shared if args.shared else shared_dir()
    if shared is None or not (shared / "corpora").is_dir():
        print("realtext: error: no shared corpora: set FACTLINT_SHARED (or --shared) to the folder holding corpora/",
              file=sys.stderr)
        return 2
    try:
        package = installed_package()
    except ImportError:
        print("realtext: error: factlint is not installed: run  pip install '.[test]'  first", file=sys.stderr)
        return 2
    try:
        verdict = run(shared / "corpora", args.corpus)
    except ListError as exc:
        print(f"realtext: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"package": str(package), **as_json(verdict)}, ensure_ascii=False, indent=1))
    else:
        print(f"factlint under test: {package}\n")
        print(as_text(verdict, listing=not args.quiet), end="")
        if args.corpus:
            print("Only the corpora asked for were checked; the gate is judged on all of them (run without --corpus).")
    return 0 if verdict.met else 1


if __name__ == "__main__":
    sys.exit(main())
