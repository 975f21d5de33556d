"""The cross-article phase of a very large archive on a Dask LocalCluster, with the memory of each worker.

    python -m tests.benchmarks.bench_dask_phase --articles 1000000 [--workers 2] [--memory-limit 1GiB] [--dir DIR]

An archive of a million articles would take hours of the per-article phase on two cores, and that phase
is not what is measured here (it runs article by article on any engine). So the records of the phase are
simulated: the records of a few hundred generated articles (tests/benchmarks/generate.py, through the
real pipeline) are copied, each copy its own article, in groups of ten copies of one article whose claims,
quotations and names share a word of their own, so blocks stay small; one claim in 500 has another value (a contradiction),
one quotation in 100 a word changed (a drift), one name in 200 a letter doubled (a variant). They are
written to a record store (store.py) as a run would, and the collection checks run on it with the dask
engine: units of blocking keys read here, judged on the workers, a few units in flight.

Printed: the machine, the store's size, the wall time of each step, the findings per check, the peak
memory of this process and of each worker (resident set, from the workers themselves), and the
workers' memory limit. With --check-small N, the same simulated archive of N articles is also run in
this process and the findings are compared.
"""
from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from checker import store
from checker.blocks import StoreCollection
from checker.checks import REGISTRY, options_for
from checker.pipeline import Settings
from checker.runner import load_rules

from . import measure
from .generate import archive

GROUP = 10


def _templates(folder: Path, count: int) -> list:
    """The records of `count` generated articles, through the real pipeline."""
    from checker.context import ArticleContext
    from checker.articles import read_article
    from checker.records import record_of
    archive(count, folder)
    base, _ = load_rules(Settings())
    out = []
    for path in sorted(folder.rglob("*.md")):
        record = record_of(ArticleContext(read_article(path), base, None))
        if record.claims or record.quotes:
            out.append(record)
    return out


def _tag(text: str, group: str) -> str:
    """Every word of a name or clause made the group's own ("Brest" → "Brestg12"): copies of one template
    in other groups share no blocking key with these."""
    return "+".join(" ".join(w + group for w in part.split()) for part in text.split("+"))


def _copy(record, number: int):
    """Copy `number` of a template: its own path; its group's words in its claims, quotations and names."""
    group = f"g{number // GROUP}"
    path = f"sim/{number:07d}.md"
    factor = 1.5 if number % 500 == 7 else 1.0    # claims are compared by their bounds: both move with the value
    claims = [replace(c, path=path, subject=c.subject and _tag(c.subject, group), article_key=c.article_key + group,
                      places=tuple(_tag(p, group) for p in c.places), words=tuple(w + group for w in c.words),
                      value=c.value * factor, low=c.low * factor, high=c.high * factor)
              for c in record.claims]
    quotes = []
    for q in record.quotes:
        words = [w + group for w in q.norm.split()]
        if number % 100 == 3 and len(words) > 3:
            words[1] += "x"
        quotes.append(replace(q, path=path, norm=" ".join(words)))
    names = [replace(n, path=path, text=f"{n.text} {group.capitalize()}", folded=f"{n.folded} {group}")
             for n in record.names[:2]]
    if number % 200 == 11 and names:
        n = names[0]
        names[0] = replace(n, text=n.text + "n", folded=n.folded + "n")
    return replace(record, path=path, claims=claims, quotes=quotes, names=names)


def build(templates: list, count: int) -> store.RecordStore:
    kept = store.RecordStore()
    for number in range(count):
        kept.add(store.rows_of(_copy(templates[(number // GROUP) % len(templates)], number)))
    kept.finish()
    return kept


def findings(kept: store.RecordStore, client=None) -> dict[str, tuple[int, str]]:
    """The number of findings of each collection check and a digest of their sort keys in the order given:
    a million articles' findings are not kept here, so this process's memory is the phase's own."""
    out = {}
    for check in ("contradiction", "quote-drift", "name-variant"):
        module = REGISTRY[check]
        collection = StoreCollection(kept, 1, client)
        digest, count = hashlib.sha256(), 0
        for finding in module.check_collection(collection, options_for(module, None)):
            digest.update(repr(finding.sort_key()).encode())
            count += 1
        out[check] = (count, digest.hexdigest())
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="1GiB")
    parser.add_argument("--templates", type=int, default=300)
    parser.add_argument("--check-small", type=int, default=0)
    parser.add_argument("--dir", type=Path, default=None)
    options = parser.parse_args()
    from dask.distributed import Client, LocalCluster

    print(measure.machine(), "load", measure.load(), flush=True)
    folder = options.dir or Path(tempfile.mkdtemp(prefix="factlint-dask-phase-"))
    start = time.perf_counter()
    templates = _templates(folder / "templates", options.templates)
    print(f"templates: {len(templates)} records, {time.perf_counter() - start:.1f} s", flush=True)
    with LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=options.memory_limit) as cluster, Client(cluster) as client:
        print(f"peak memory of this process before the runs: {_rss_mb():.0f} MB", flush=True)
        if options.check_small:
            with build(templates, options.check_small) as kept:
                same = findings(kept) == findings(kept, client)
            print(f"{options.check_small:,} articles: findings on the cluster identical to this process: {same}; "
                  f"peak memory of this process {_rss_mb():.0f} MB", flush=True)
            if not same:
                sys.exit(1)
        start = time.perf_counter()
        with build(templates, options.articles) as kept:
            size = kept.path.stat().st_size / 1024 ** 2
            print(f"store of {options.articles:,} articles: {size:,.0f} MB, {time.perf_counter() - start:.0f} s; "
                  f"peak memory of this process {_rss_mb():.0f} MB", flush=True)
            start = time.perf_counter()
            found = findings(kept, client)
            took = time.perf_counter() - start
        workers = client.run(_rss_mb)
    print(f"cross-article phase on {options.workers} workers: {took:.0f} s; findings: "
          + ", ".join(f"{k} {count:,}" for k, (count, _) in found.items()))
    print(f"peak memory: this process {_rss_mb():.0f} MB; workers "
          + ", ".join(f"{v:.0f} MB" for v in workers.values()) + f" (limit {options.memory_limit} each)")
    print("load", measure.load())


if __name__ == "__main__":
    main()
