"""python -m tests.benchmarks.planted [--lang fr|en] [--kind K] [--seed N] [--reps N] [--quick] [--json]

See docs/planted.md. Exit status 0 whatever the scores (a measurement, not a gate); 2 when the
corpora are missing or the rules do not load."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from tabulate import tabulate

from .corpus import ROOT, load_hosts, shared_dir
from .generate import generate
from .kinds import KINDS
from .run import check_all
from .world import factbase


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.planted", description=__doc__.split("\n")[2])
    parser.add_argument("--lang", choices=("fr", "en"), action="append", help="a language (default: both)")
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), help="a kind (default: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=2, help="errors planted per sentence shape (default 2)")
    parser.add_argument("--quick", action="store_true", help="one error per shape, no unmutated articles")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--misses", type=int, default=12, help="misses listed per kind and language (default 12)")
    parser.add_argument("--json", action="store_true", help="every case and its findings, as JSON")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("the corpora are not there: set FACTLINT_SHARED to the folder that holds corpora/", file=sys.stderr)
        return 2
    langs = args.lang or ["fr", "en"]
    kinds = [KINDS[k] for k in (args.kind or KINDS)]
    reps = 1 if args.quick else args.reps
    started = time.perf_counter()
    pools = {lang: load_hosts(lang, shared) for lang in langs}
    hosts = {h.name: h for pool in pools.values() for h in pool}
    cases, skipped = generate(kinds, langs, pools, factbase(args.rules), args.seed, reps)
    originals = [] if args.quick else sorted(hosts)
    results, unmutated = check_all(cases, originals, hosts, args.rules, args.jobs)
    elapsed = time.perf_counter() - started
    reviewed, pending = _listed("true_positives"), _listed("pending")
    unmutated = [(n, s) for n, s in unmutated if (n, s.line, s.rule) not in reviewed]
    known = [(n, s) for n, s in unmutated if (n, s.line, s.rule) in pending]
    unmutated = [(n, s) for n, s in unmutated if (n, s.line, s.rule) not in pending]
    if args.json:
        print(json.dumps(_as_json(results, unmutated, skipped), ensure_ascii=False, indent=1))
        return 0
    print(_table(results, kinds, langs))
    print()
    _misses(results, args.misses)
    if skipped:
        print("\nShapes that no article's date could take:\n" + "\n".join(f"  {s}" for s in skipped))
    if not args.quick:
        if known:
            print(f"\nUnmutated articles: {len(known)} known false finding(s) of tests/realtext/pending.tsv, "
                  f"by rule: {dict(Counter(s.rule for _, s in known))}")
        mine = [(name, seen) for name, seen in unmutated if seen.rule in {k.id for k in kinds}]
        others = Counter(seen.rule for _, seen in unmutated if seen.rule not in {k.id for k in kinds})
        print(f"\nUnmutated articles ({len(originals)}, each checked alone): {len(mine)} warning(s) or error(s)"
              + (f" of the kinds measured; other rules: {dict(others)}" if others else ""))
        for name, seen in mine:
            print(f"  {name}:{seen.line}: {seen.rule} {seen.severity}: {seen.message[:140]}")
    print(f"\n{len(cases)} copies checked in {elapsed:.0f} s ({args.jobs} process(es)), seed {args.seed}")
    return 0


def _listed(name: str) -> set[tuple[str, int, str]]:
    """(host, line, rule) of a list of the real-text gate (tests/realtext/NAME.tsv): reviewed true
    positives, or known false findings being fixed."""
    path = ROOT / "tests" / "realtext" / f"{name}.tsv"
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4 or not fields[2].isdigit():
            continue
        out.add((f"{fields[0]}/{fields[1]}", int(fields[2]), fields[3]))
    return out


def _table(results, kinds, langs) -> str:
    rows = []
    totals = Counter()
    for kind in kinds:
        row = [kind.id]
        for lang in langs:
            mine = [r for r in results if r.case.kind == kind.id and r.case.lang == lang]
            planted = [r for r in mine if r.case.planted]
            traps = [r for r in mine if not r.case.planted]
            found = sum(r.found for r in planted)
            flagged = sum(r.flagged for r in traps)
            info = sum(r.info_only for r in planted)
            totals.update({f"{lang}-planted": len(planted), f"{lang}-found": found, f"{lang}-traps": len(traps),
                           f"{lang}-flagged": flagged})
            recall = f"{100 * found / len(planted):.0f} %" if planted else "-"
            row += [len(planted), found, recall, info or "", len(traps), flagged]
        rows.append(row)
    total = ["all"]
    for lang in langs:
        p, f = totals[f"{lang}-planted"], totals[f"{lang}-found"]
        total += [p, f, f"{100 * f / p:.0f} %" if p else "-", "", totals[f"{lang}-traps"], totals[f"{lang}-flagged"]]
    rows.append(total)
    headers = ["kind"] + [f"{lang} {h}" for lang in langs for h in ("planted", "found", "recall", "info", "traps", "flagged")]
    return tabulate(rows, headers, tablefmt="github")


def _misses(results, limit: int) -> None:
    for label, wanted in (("Missed", lambda r: r.case.planted and not r.found),
                          ("Traps flagged", lambda r: not r.case.planted and r.flagged)):
        groups: dict[tuple[str, str], list] = {}
        for r in results:
            if wanted(r):
                groups.setdefault((r.case.kind, r.case.lang), []).append(r)
        for (kind, lang), items in sorted(groups.items()):
            print(f"{label}: {kind} ({lang}), {len(items)}")
            for r in items[:limit]:
                seen = "; ".join(f"{s.rule} {s.severity}" for s in r.hits) or "nothing"
                print(f"  [{r.case.shape}] {r.case.sentence}  ({r.case.host}: {seen})")


def _as_json(results, unmutated, skipped) -> dict:
    return {
        "cases": [{"kind": r.case.kind, "lang": r.case.lang, "shape": r.case.shape, "planted": r.case.planted,
                   "host": r.case.host, "partner": r.case.partner, "sentence": r.case.sentence,
                   "expected": r.case.expected, "found": r.found if r.case.planted else None,
                   "flagged": None if r.case.planted else r.flagged,
                   "findings": [vars(s) for s in r.hits]} for r in results],
        "unmutated": [dict(vars(s), path=name) for name, s in unmutated],
        "skipped": skipped,
    }


if __name__ == "__main__":
    sys.exit(main())
