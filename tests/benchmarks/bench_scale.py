"""Archive scale: factlint against textlint + textlint-rule-prh, and against fixed floors, in one run.

    python -m tests.benchmarks.bench_scale --textlint /tmp/peers [--runs 2] [--instructions] [--huge] [--dir DIR]

The peer is installed by hand outside the repository and is never a dependency:
    mkdir /tmp/peers && cd /tmp/peers && npm init -y && npm install textlint textlint-rule-prh
Without --textlint (or when it is not installed there) the peer's columns are left empty and say why.
The peer's dictionary is generated from rules/: one prh rule per name and alias of every person and
organisation (prh flags a spelling that differs in case or width, as a newsroom's dictionary does).

Figures, each a ratio to the peer (same articles, same run, runs taken pair by pair: A B A B …, the
ratio the median of the pairs' ratios) and to a floor measured in the same run:
- one article, process start included (wall); floor: `python -c pass`;
- 1,000 articles, CPU time (user + sys of the process tree) of factlint with every check, `--jobs 2`,
  and wall time of the same runs against one Node process; floor: reading the same files and running
  one compiled regular expression of every name of the rules over them. The peer's cost grows with
  the size of its dictionary (one regular expression per entry), factlint's does not: the CPU time is
  taken against both the dictionary of every name of rules/ and a small one (people.yaml and
  organisations.yaml, the names of one beat), and against the small one with `--jobs 1` too (per core:
  one process, as the peer's);
- growth: CPU and wall per article at 1,000, 4,000 and 16,000 articles (1.00 is linear), and the peak
  memory of the process that compares articles at each size, what it grows by per 1,000 articles, and
  where that line reaches at 100,000 (memory does not move with the load: these are firm figures);
- `--jobs 1` against `--jobs 2` on 10,000 articles: wall speed-up, with the CPU time of the parent and
  of the workers, and the CPU time the rest of the machine took meanwhile (a loaded machine cannot show
  a speed-up: this says how much of the two cores the run had), and the speed-up those CPU times allow
  on 2 idle cores (the parent's own work counted as serial): a figure that holds under load;
- peak memory of the process that runs the cross-article phase at 10,000 articles (and 100,000 with
  --huge; a long run).
- with --instructions: machine instructions per article (valgrind) of factlint and of the peer on the
  same articles, which do not move with the load (slow: the peer under valgrind takes minutes).
The machine (cores, CPU, Python) and the load average at the start and at the end are printed with the
table: timings taken while the one-minute load is over 1 say little about the code.
Archives come from tests/benchmarks/generate.py (seeded: the same every time) and are kept in --dir.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from tabulate import tabulate

from . import measure
from .bench_suite import FLOOR
from .generate import ROOT, archive

# the smaller dictionary a newsroom might keep by hand: the people and organisations of its own beat
SMALL = [ROOT / "rules" / "people.yaml", ROOT / "rules" / "organisations.yaml"]
PEER_MISSING = "textlint not measured: give --textlint DIR where `npm install textlint textlint-rule-prh` was run"


def prh_dictionary(files: list[Path]) -> tuple[str, int]:
    """A prh dictionary of the spellings of every person's and organisation's name in the rule files,
    and how many names it has."""
    names: set[str] = set()
    for path in files:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in ("people", "organisations"):
            for entry in (doc.get(kind) or {}).values():
                names.update(n for n in [entry.get("name"), *(entry.get("aliases") or [])] if n)
    rules_out = [{"expected": name, "options": {"wordBoundary": True}} for name in sorted(names)]
    return yaml.safe_dump({"version": 1, "rules": rules_out}, allow_unicode=True, sort_keys=False), len(names)


class Bench:
    def __init__(self, options):
        self.dir = options.dir
        self.runs = options.runs
        self.env = {**os.environ, "FACTLINT_CACHE_DIR": str(self.dir / "cache"), "PYTHONHASHSEED": "0"}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)   # measured as installed: with the bytecode Python keeps
        self.names: dict[str, int] = {}
        self.textlint = self._peer(options.textlint)
        self.rows: list[tuple] = []

    def _peer(self, directory: str | None) -> dict[str, list[str]] | None:
        if not directory:
            return None
        binary = Path(directory) / "node_modules" / "textlint" / "bin" / "textlint.js"
        if not binary.exists() or not (Path(directory) / "node_modules" / "textlint-rule-prh").exists():
            return None
        commands = {}
        for name, files in (("all", sorted((ROOT / "rules").glob("*.yaml"))), ("small", SMALL)):
            dictionary, self.names[name] = prh_dictionary(files)
            (self.dir / f"prh-{name}.yml").write_text(dictionary, encoding="utf-8")
            config = self.dir / f"textlintrc-{name}.json"
            config.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(self.dir / f"prh-{name}.yml")]}}}))
            commands[name] = ["node", str(binary), "--config", str(config), "--rules-base-directory",
                              str(Path(directory) / "node_modules"), "--format", "json"]
        return commands

    def archive(self, size: int) -> Path:
        folder = self.dir / f"archive-{size}"
        if not (folder / "done").exists():
            archive(size, folder)
            (folder / "done").write_text("")
        return folder

    def factlint(self, target: Path, jobs: int = 2) -> list[str]:
        return [sys.executable, "-m", "checker", "check", str(target), "--fail-on", "never", "--format", "json",
                "--rules", str(ROOT / "rules"), "--jobs", str(jobs)]

    def floor(self, folder: Path) -> list[str]:
        return [sys.executable, "-c", FLOOR, str(folder), str(ROOT / "rules")]

    def peer(self, target: Path, dictionary: str = "all") -> list[str] | None:
        return self.textlint and [*self.textlint[dictionary], str(target)]

    def measure(self, args: list[str]) -> measure.Measure:
        return measure.run(args, self.env, ROOT)

    def pairs(self, ours: list[str], theirs: list[str] | None, floor: list[str]):
        """runs × (factlint, peer, floor), interleaved: each a list of Measures."""
        mine, peer, base = [], [], []
        for _ in range(self.runs):
            mine.append(self.measure(ours))
            if theirs:
                peer.append(self.measure(theirs))
            base.append(self.measure(floor))
        return mine, peer, base

    def row(self, figure, ours, theirs=None, ratio=None, floor=None, target="", unit="s"):
        digits = {"s": 3, "M": 1}.get(unit, 0)
        if not isinstance(theirs, (int, float)):   # no peer measured: `peer and …` gave its empty list
            theirs = None
        text = (lambda v: "" if v is None else f"{v:,.{digits}f} {unit}")
        self.rows.append((figure, text(ours), text(theirs) if theirs is not None else "" if self.textlint else "—",
                          "" if ratio is None else ratio if isinstance(ratio, str) else f"{ratio:.2f}", "" if floor is None else f"{ours / floor:.1f}",
                          target))
        print(" | ".join(map(str, self.rows[-1])), file=sys.stderr, flush=True)


def _ratio(mine, peer, key) -> float | None:
    return statistics.median(key(a) / key(b) for a, b in zip(mine, peer)) if peer else None


def _median(measures, key) -> float:
    return statistics.median(key(m) for m in measures)


def one_article(bench: Bench) -> None:
    article = next(bench.archive(1000).rglob("*.md"))
    ours = bench.factlint(article, jobs=1)
    bench.measure(ours)   # fill the caches (compiled rules, patterns) as a previous run would have
    mine, peer, base = bench.pairs(ours, bench.peer(article), [sys.executable, "-c", "pass"])
    wall = lambda m: m.wall  # noqa: E731
    bench.row("one article, process start included, wall", _median(mine, wall), peer and _median(peer, wall),
              _ratio(mine, peer, wall), _median(base, wall), "< 1 s")


def thousand(bench: Bench) -> dict:
    folder = bench.archive(1000)
    mine, peer, base = bench.pairs(bench.factlint(folder), bench.peer(folder), bench.floor(folder))
    cpu, wall = (lambda m: m.cpu), (lambda m: m.wall)
    bench.row(f"1,000 articles, CPU time (user + sys, every process), prh with the {bench.names.get('all', 0)} names "
              "of rules/", _median(mine, cpu),
              peer and _median(peer, cpu), _ratio(mine, peer, cpu), _median(base, cpu), "ratio ≤ 1.0")
    bench.row("1,000 articles, wall, `--jobs 2` against one Node process", _median(mine, wall),
              peer and _median(peer, wall), _ratio(mine, peer, wall), _median(base, wall))
    if bench.textlint:   # the peer's cost grows with its dictionary, factlint's does not: both sizes
        mine, peer, _ = bench.pairs(bench.factlint(folder), bench.peer(folder, "small"), bench.floor(folder))
        bench.row(f"1,000 articles, CPU time, prh with the {bench.names['small']} names of people.yaml and "
                  "organisations.yaml", _median(mine, cpu), _median(peer, cpu), _ratio(mine, peer, cpu),
                  _median(base, cpu), "ratio ≤ 1.0")
        # per core: one process, as the peer's one Node process; the rows above add what two workers cost
        # (forking, records sent back to the parent)
        one, peer, base = bench.pairs(bench.factlint(folder, jobs=1), bench.peer(folder, "small"),
                                      bench.floor(folder))
        bench.row(f"1,000 articles, CPU time, `--jobs 1`, prh with the {bench.names['small']} names",
                  _median(one, cpu), _median(peer, cpu), _ratio(one, peer, cpu), _median(base, cpu), "ratio ≤ 1.0")
    return _summary(mine)


def _summary(runs: list[measure.Measure]) -> dict:
    return {"cpu": _median(runs, lambda m: m.cpu), "wall": _median(runs, lambda m: m.wall),
            "rss": max(m.own_rss_mb for m in runs)}


def growth(bench: Bench, sizes: list[int], first: dict) -> None:
    """CPU and wall per article at each size against the first, from runs of the two sizes taken in turn
    (first, size, size, first …), a ratio per pair: the machine's own speed moves by a third within an hour,
    so a base measured minutes earlier moves the figure by more than the 10 % it is judged against. Both with
    `--jobs 2` (the default) and `--jobs 1`: two workers sharing the machine's caches move CPU time by up to
    a tenth from run to run, one process far less."""
    base_folder = bench.archive(sizes[0])
    per = {sizes[0]: first}
    for size in sizes[1:]:
        folder = bench.archive(size)
        scale = size / sizes[0]
        for jobs in (2, 1):
            base, mine = [], []
            for run in range(bench.runs):   # A B B A …: neither size always goes first
                for which in ((base, base_folder), (mine, folder))[::1 if run % 2 == 0 else -1]:
                    which[0].append(bench.measure(bench.factlint(which[1], jobs=jobs)))
            if jobs == 2:
                per[size] = _summary(mine)
            for kind in ("cpu", "wall") if jobs == 2 else ("cpu",):
                key = (lambda m, kind=kind: getattr(m, kind))
                ratio = _ratio(mine, base, key) / scale
                bench.row(f"{size:,} articles, {kind}, `--jobs {jobs}`, per article against {sizes[0]:,} "
                          "(pairs)", _median(mine, key), ratio=f"{ratio:.2f} × linear",
                          target="within 10 % of linear (1.00)" if kind == "cpu" else "")
    # the memory of the process that compares articles, against the archive's size: what it holds per
    # article is the slope; the projection says where 100,000 articles would take it
    first, last = sizes[0], sizes[-1]
    slope = (per[last]["rss"] - per[first]["rss"]) / (last - first) * 1000
    projected = per[first]["rss"] + slope * (100_000 - first) / 1000
    for size in sizes:
        last_row = size == last
        bench.row(f"{size:,} articles, peak memory of the process that compares articles", per[size]["rss"],
                  unit="MB", ratio=f"{slope:.1f} MB per 1,000 more" if last_row else "",
                  target=f"< 1 GB at 100,000, flat beyond (projected: {projected:,.0f} MB)" if last_row else "")


def speedup(bench: Bench, size: int) -> list[measure.Measure]:
    folder = bench.archive(size)
    one, two = [], []
    for _ in range(bench.runs):
        one.append(bench.measure(bench.factlint(folder, jobs=1)))
        two.append(bench.measure(bench.factlint(folder, jobs=2)))
    wall = lambda m: m.wall  # noqa: E731
    ratio = statistics.median(a.wall / b.wall for a, b in zip(one, two))
    bench.row(f"{size:,} articles, wall, `--jobs 1`", _median(one, wall))
    bench.row(f"{size:,} articles, wall, `--jobs 2`", _median(two, wall), ratio=f"{ratio:.2f} × faster",
              target="≥ 1.7 × faster on 2 idle cores")
    allowed = statistics.median(allowed_speedup(a, b) for a, b in zip(one, two))
    bench.row(f"{size:,} articles, speed-up the CPU accounting allows on 2 idle cores", None,
              ratio=f"{allowed:.2f} × faster", target="≥ 1.7 (holds under load)")
    cpu_rows = []
    for name, runs in (("--jobs 1", one), ("--jobs 2", two)):
        for m in runs:
            cpu_rows.append((name, f"{m.wall:.1f}", f"{m.cpu:.1f}", f"{m.own_cpu:.1f}", f"{m.cpu - m.own_cpu:.1f}",
                             "" if m.others_cpu is None else f"{m.others_cpu:.1f}",
                             "" if m.others_cpu is None else f"{(m.cpu + m.others_cpu) / m.wall:.2f}"))
    bench.accounting = cpu_rows
    return two


def instructions(bench: Bench, few: int = 20, more: int = 60) -> None:
    """Machine instructions per article (valgrind) of a whole `factlint check --jobs 1` and of the peer
    on the same articles: the count of a run of `more` articles less that of `few`, over the difference,
    so that neither tool's start counts. Counts do not move with the machine's load; they are not time
    either (Node's compiled code and Python's interpreter do not run the same instructions per cycle),
    so the CPU-time ratios above remain the figure to meet."""
    import shutil
    import site
    if shutil.which("valgrind") is None:
        print("instructions not counted: valgrind is not installed", file=sys.stderr)
        return
    from concurrent.futures import ThreadPoolExecutor
    articles = sorted(bench.archive(1000).rglob("*.md"))[:more]
    folders = {}
    for n in (few, more):
        folders[n] = bench.dir / f"instructions-{n}"
        if not folders[n].exists():
            folders[n].mkdir()
            for i, path in enumerate(articles[:n]):
                shutil.copyfile(path, folders[n] / f"{i:03}-{path.name}")
    ours = lambda folder: [os.path.realpath(sys.executable), *bench.factlint(folder, jobs=1)[1:]]  # noqa: E731
    tools = {"factlint": ours} | ({f"prh {kind}": (lambda folder, kind=kind: bench.peer(folder, kind))
                                   for kind in ("all", "small")} if bench.textlint else {})
    # valgrind runs the real interpreter, which does not see a virtual environment's packages: named here
    env = {**bench.env, "PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()])}
    measure.run(ours(folders[few]), env, ROOT)   # warm the caches
    with ThreadPoolExecutor(2) as pool:
        counts = {(tool, n): pool.submit(measure.instructions, command(folders[n]), env, ROOT)
                  for tool, command in tools.items() for n in (few, more)}
        per = {tool: (counts[(tool, more)].result() - counts[(tool, few)].result()) / (more - few) for tool in tools}
    for kind in ("all", "small"):
        peer = per.get(f"prh {kind}")
        bench.row(f"instructions per article (millions), prh with the {bench.names.get(kind, 0)} names of "
                  f"{'rules/' if kind == 'all' else 'people.yaml and organisations.yaml'}", per["factlint"] / 1e6,
                  peer and peer / 1e6, peer and per["factlint"] / peer, unit="M")


def allowed_speedup(one: measure.Measure, two: measure.Measure, cores: int = 2) -> float:
    """The speed-up of the run `two` (its workers on `cores` cores) over the single-process run `one` on
    idle cores, from CPU times alone: the parent's own work (reading the results, the cross-article phase,
    the report) counted as serial, the workers' shared out over the cores. A busy machine stretches
    both runs' CPU time alike, so this figure holds where the wall-time speed-up cannot show; it is
    pessimistic by the part of the parent's work that overlaps the workers'."""
    return one.cpu / (two.own_cpu + (two.cpu - two.own_cpu) / cores)


def memory(bench: Bench, size: int, runs: list[measure.Measure] | None = None) -> None:
    if runs is None:
        runs = [bench.measure(bench.factlint(bench.archive(size)))]
    base = bench.measure(bench.floor(bench.archive(size)))
    bench.row(f"{size:,} articles, peak memory of the process that compares articles", max(m.own_rss_mb for m in runs),
              floor=base.rss_mb, target="< 1 GB at 100,000, flat beyond", unit="MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textlint", help="folder where textlint and textlint-rule-prh are installed with npm")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measure (pairs for the peer)")
    parser.add_argument("--growth", default="1000,4000,16000", help="archive sizes of the growth figures")
    parser.add_argument("--scaling", type=int, default=10_000, help="archive size of the --jobs speed-up")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per article with valgrind, factlint and the peer (slow)")
    parser.add_argument("--huge", action="store_true", help="also the peak memory at 100,000 articles")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "factlint-scale")
    options = parser.parse_args()
    options.dir.mkdir(parents=True, exist_ok=True)
    bench = Bench(options)
    start_load = measure.load()
    print(f"load average at start: {start_load}", file=sys.stderr)
    if bench.textlint is None:
        print(PEER_MISSING, file=sys.stderr)
    sizes = [int(s) for s in options.growth.split(",")]
    one_article(bench)
    first = thousand(bench)
    growth(bench, sizes, first)
    two = speedup(bench, options.scaling)
    memory(bench, options.scaling, two)
    if options.huge:
        memory(bench, 100_000)
    if options.instructions:
        instructions(bench)
    end_load = measure.load()
    print()
    for key, value in measure.machine().items():
        print(f"- {key}: {value}")
    print(f"- load average (1, 5, 15 min): {start_load} at the start, {end_load} at the end")
    articles = sorted(bench.archive(1000).rglob("*.md"))
    print(f"- archives: tests/benchmarks/generate.py, {sum(p.stat().st_size for p in articles) / len(articles) / 1024:.2f}"
          " KB an article on average, two in three French")
    print(f"- peer: {'textlint ' + _version(options.textlint) if bench.textlint else PEER_MISSING}\n")
    print(tabulate(bench.rows, headers=["figure", "factlint", "textlint + prh", "ratio", "× floor", "target"],
                   tablefmt="github"))
    print("\nCPU accounting of the speed-up runs (seconds; machine use = CPU of every process of the machine "
          "during the run / wall, 2.00 is both cores busy):\n")
    print(tabulate(bench.accounting, headers=["run", "wall", "CPU, all", "CPU, parent", "CPU, workers",
                                              "CPU, rest of the machine", "machine use"], tablefmt="github"))


def _version(directory: str) -> str:
    try:
        package = Path(directory) / "node_modules" / "{}" / "package.json"
        return (f"{json.loads(Path(str(package).format('textlint')).read_text())['version']}, textlint-rule-prh "
                f"{json.loads(Path(str(package).format('textlint-rule-prh')).read_text())['version']}")
    except (OSError, ValueError, KeyError):
        return "(version unknown)"


if __name__ == "__main__":
    main()
