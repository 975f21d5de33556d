"""Instructions per article, counted by valgrind: a measure that does not move with the machine's load.

    python -m tests.benchmarks.bench_instructions                 # this tree
    python -m tests.benchmarks.bench_instructions HEAD~5 v0.1     # this tree against earlier revisions
    python -m tests.benchmarks.bench_instructions --one-article   # `factlint check` of one article, whole

Wall-clock figures on a shared machine vary by 10 % or more from one hour to the next, which hides the
effect of most changes; the count of machine instructions (valgrind --tool=callgrind) does not. Each
tree checks N articles of a synthetic archive in one process, after a warm-up that fills its caches;
the count of a run with no article is subtracted, so only the per-article work remains. Revisions are
checked out in temporary git worktrees. Needs valgrind (Debian: apt install valgrind).

--one-article counts instead the whole process of `python -m checker check` of one seed article (Python's
start included): with warm caches, and with the compiled patterns not cached (what a run costs when the
pattern table cannot be used: it is compiled, and written again).
"""
from __future__ import annotations

import argparse
import os
import shutil
import site
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .measure import instructions

ROOT = Path(__file__).resolve().parents[2]

WORKER = """
import sys
from pathlib import Path
from checker import facts
try:
    from checker.pipeline import Settings, process, state_of
except ImportError:   # a revision before the per-article pipeline had a module of its own
    from checker.runner import Settings, State, enabled_checks, process
    def state_of(base, settings, records):
        return State(base, tuple((m, o) for m, o in enabled_checks(settings) if hasattr(m, "check")), settings, records)
settings = Settings()
base, _ = facts.load_factbase([Path(sys.argv[2])])
state = state_of(base, settings, True)
files = sorted(Path(sys.argv[1]).rglob("*.md"))
n = int(sys.argv[3])
for f in files[:20]:
    process((f, True), state)
for f in files[100:100 + n]:
    process((f, True), state)
"""


def _python() -> str:
    return os.path.realpath(sys.executable)   # valgrind must run the interpreter, not a wrapper script


def _env(tree: Path, cache: Path) -> dict:
    # the real interpreter does not see a virtual environment's packages: name them after the tree
    path = os.pathsep.join([str(tree), *site.getsitepackages()])
    env = {**os.environ, "PYTHONPATH": path, "FACTLINT_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _callgrind(command: list[str], tree: Path, cache: Path) -> int:
    """The machine instructions the command executes, counted by valgrind."""
    return instructions(command, _env(tree, cache), tree)


def _count(tree: Path, cache: Path, archive: Path, n: int) -> int:
    return _callgrind([_python(), "-c", WORKER, str(archive), str(tree / "rules"), str(n)], tree, cache)


def _count_process(tree: Path, cache: Path) -> int:
    article = tree / "seeds" / "001_2261a6fc945c081f.txt"
    return _callgrind([_python(), "-m", "checker", "check", str(article), "--rules", str(tree / "rules")], tree, cache)


def _one_article(trees, work: Path) -> None:
    for i, (name, tree) in enumerate(trees):
        cache = work / f"one-{i}"
        subprocess.run([_python(), "-m", "checker", "check", str(tree / "seeds"), "--rules", str(tree / "rules")],
                       env=_env(tree, cache), cwd=tree, capture_output=True)   # warm caches
        warm = _count_process(tree, cache)
        for stale in cache.glob("patterns-*"):
            stale.unlink()
        compiled = _count_process(tree, cache)
        print(f"{name}\t{warm / 1e6:.0f} M instructions for one article, caches warm\t"
              f"{compiled / 1e6:.0f} M with the patterns compiled")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("revisions", nargs="*", help="git revisions to compare with the working tree")
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--one-article", action="store_true", help="count whole `factlint check` processes")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    from tests.benchmarks.generate import archive
    with tempfile.TemporaryDirectory(prefix="factlint-instructions-") as tmp:
        work = Path(tmp)
        corpus = work / "archive"
        archive(100 + options.articles, corpus)
        trees = [("working tree", ROOT)]
        for revision in options.revisions:
            path = work / f"rev-{len(trees)}"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(path), revision], cwd=ROOT, check=True)
            trees.append((revision, path))
        try:
            if options.one_article:
                _one_article(trees, work)
                return
            for i, (_, tree) in enumerate(trees):   # fill each tree's caches (rules, patterns) first
                subprocess.run([_python(), "-c", WORKER, str(corpus), str(tree / "rules"), str(options.articles)],
                               env=_env(tree, work / f"cache-{i}"), cwd=tree, check=True)
            with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                runs = {(i, n): pool.submit(_count, tree, work / f"cache-{i}", corpus, n)
                        for i, (_, tree) in enumerate(trees) for n in (0, options.articles)}
                counts = {key: future.result() for key, future in runs.items()}
            first = None
            for i, (name, _) in enumerate(trees):
                per = (counts[(i, options.articles)] - counts[(i, 0)]) / options.articles
                first = first or per
                print(f"{name}\t{per / 1e6:.2f} M instructions per article\t{per / first:.3f} × the working tree")
        finally:
            for _, tree in trees[1:]:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
