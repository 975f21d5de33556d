"""Where the per-article phase runs: in this process, in worker processes of this machine (`--jobs N`),
or on a Dask cluster (`--engine dask [--scheduler ADDRESS]`).

Every engine runs the same function (`pipeline.process`) on the same jobs and hands the results back in
the order of the jobs, so the findings are identical, in identical order, whatever the engine and N.
Forked workers of this machine inherit the compiled rules; spawned ones rebuild them from the rules cache,
and a cluster's workers from the rule files' contents (sent once), since they cannot read this machine's files.
`factlint index --engine dask` uses the same client, chunks and per-worker rules (indexing.py).
"""
from __future__ import annotations

import gc
import hashlib
from collections import deque
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from . import facts, interrupt, patterns
from .articles import display_path, is_markdown, read_article_bytes
from .pipeline import State, process, state_of
from .workers import capped, map_with_state, pool as worker_pool, process_context

MIN_PARALLEL = 16     # fewer articles than this are checked in this process: starting workers costs more
CHUNK = 32            # articles per task
WARM_UP = 4           # articles checked in this process before forking workers, at most (see _warm_up)


def run(jobs: list[tuple], state: State, settings, client=None, function: Callable = process) -> Iterator:
    """function(job, state) (pipeline.process, or a function wrapping it) for the jobs ((article or path, is
    a target)), in the order of the jobs; with the dask engine on `client` (else on a cluster of its own)."""
    for result in _run(jobs, state, settings, client, function):
        interrupt.check()      # a Ctrl-C that a finaliser swallowed stops the run at the next article
        yield result


def _run(jobs: list[tuple], state: State, settings, client, function: Callable) -> Iterator:
    if settings.engine == "dask":
        if client is None:
            with dask_client(settings.scheduler, settings.jobs) as client:
                yield from _dask(jobs, state, settings, client, function)
        else:
            yield from _dask(jobs, state, settings, client, function)
    elif settings.jobs > 1 and len(jobs) >= MIN_PARALLEL:
        yield from _processes(jobs, state, settings, function)
    else:
        yield from _serial(jobs, state, function)


COLLECT_EVERY = 100   # articles checked in this process between two passes of the collector over its young objects


def _serial(jobs, state: State, function: Callable) -> Iterator:
    """The jobs checked one after another in this process, the collector paused (collector_paused): an article's
    work makes and frees many objects, without cycles (over the 1,000 articles of the benchmark archive, a pass
    every 100 articles found none to free after the first, which frees the start's), and the collector's
    automatic passes, set off by the count of objects made, cost about 0.4 % of an article's instructions. A pass
    over the objects made since the last one, every COLLECT_EVERY articles, frees what cycles a finished article
    may still leave (one still alive at a pass, as the result being read then, is left to the end of the loop)."""
    with collector_paused():
        for done, job in enumerate(jobs, 1):
            yield function(job, state)
            if done % COLLECT_EVERY == 0:
                gc.collect(0)


# -- worker processes of this machine ---------------------------------------------------------------
def _processes(jobs, state: State, settings, function: Callable):
    context = process_context()
    count = capped(settings.jobs)
    left, rest = len(jobs), iter(jobs)   # the jobs are walked, not copied: a run's list of them is its largest
    if context.get_start_method() == "fork":
        # forked workers inherit the compiled rules and the pattern table: loaded once, here, not once a worker
        patterns.load()
        given, build = state, None
        warmed = _warm_up(jobs, state, function)
        yield from warmed
        left, rest = left - len(warmed), islice(jobs, len(warmed), None)
    else:
        # a spawned worker rebuilds the rules from the cache: cheaper than pickling them to it
        given, build = (state.settings, state.records), _local_state
    with worker_pool(count, context, given, build) as pool, collector_paused():
        yield from map_with_state(pool, function, rest, chunksize=max(1, min(CHUNK, left // (count * 4) or 1)))


@contextmanager
def collector_paused():
    """No garbage collection in this process while it only receives the workers' results (entered once they
    are started: they inherit the setting). The results are findings and records, values without cycles, all
    kept: the collector found nothing to free in them (0 objects over 1,000 articles), but walked every one
    of them again and again as they piled up, a tenth of this process's time. The collector is left as it
    was found (runner.py pauses it for a cross-article phase run in this process too)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _warm_up(jobs, state: State, function: Callable) -> list:
    """The results of the first jobs, checked in this process before the workers fork: up to the first article
    of a second language, at most WARM_UP. What the checks build when they first meet an article of a language
    (the rules' word indexes, the language's patterns, the YAML reader of front matter: some eight articles'
    work) is then built once, here, and inherited, instead of once in every worker."""
    done: list = []
    languages: set[str] = set()
    for job in jobs[:WARM_UP]:
        part = function(job, state)
        done.append(part)
        languages.update(summary.language for summary in part.articles)
        if len(languages) > 1:
            break
    return done


def _local_state(given) -> State:
    """In a worker of this machine: the State of these settings, the rules read from the cache."""
    settings, records = given
    base, _ = facts.load_factbase(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()),
                                  use_cache=settings.use_cache)
    return state_of(base, settings, records)


# -- a Dask cluster -----------------------------------------------------------------------------------
DASK_MISSING = "the dask engine needs dask.distributed: pip install 'factlint[dask]'"
_CLUSTER_STATES: dict = {}


class EngineError(RuntimeError):
    """The dask engine cannot run: dask.distributed is not installed, or the scheduler cannot be reached."""


def require_dask() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise EngineError(DASK_MISSING) from None


@contextmanager
def dask_client(scheduler: str | None, jobs: int):
    """A client of the cluster at `scheduler`, else of a LocalCluster of `jobs` single-threaded worker
    processes; closed on leaving (the LocalCluster too), also on error."""
    require_dask()
    from dask.distributed import Client, LocalCluster
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, ValueError) as exc:   # refused, unknown host, timed out, not an address
            raise EngineError(f"cannot connect to the Dask scheduler {scheduler}: {exc}") from None
    else:
        cluster = LocalCluster(n_workers=capped(jobs), threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            client = Client(cluster)
        except BaseException:
            cluster.close()
            raise
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def rule_contents(rule_paths: list[Path]) -> list[tuple[str, bytes]]:
    """The rule files' names and contents, includes resolved: what cluster workers build the rules from."""
    files, _ = facts.rule_files(rule_paths)
    contents, _ = facts._read_all(files, facts.rule_roots(rule_paths))
    return [(facts.display_path(path), data) for path, data in contents]


def map_chunks(client, function, items, window: int = 0, **kwargs) -> Iterator:
    """function(chunk, **kwargs) on the cluster for every CHUNK items (any iterable, read as it goes); the
    results in the order of the items. At most `window` chunks (default: four per worker thread) are in
    flight, and a chunk's result is let go once read: neither this process nor the cluster holds more."""
    window = window or 4 * max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            pending.append(client.submit(function, chunk, pure=False, **kwargs))
            chunk = []
            if len(pending) >= window:
                yield from pending.popleft().result()
    if chunk:
        pending.append(client.submit(function, chunk, pure=False, **kwargs))
    while pending:
        yield from pending.popleft().result()


def worker_cached(kind: str, rules: list[tuple[str, bytes]], extra: bytes, build: Callable):
    """On a cluster worker: build() once for these rules (and `extra`), kept for the next tasks and runs."""
    key = hashlib.sha256(kind.encode() + b"\0" + b"".join(name.encode() + b"\0" + data for name, data in rules)
                         + extra).hexdigest()
    value = _CLUSTER_STATES.get(key)
    if value is None:
        value = _CLUSTER_STATES[key] = build()
    return value


def factbase_of(rules: list[tuple[str, bytes]]):
    """The compiled rules of the shipped contents (a worker cannot read this machine's rule files)."""
    parsed, _ = facts.parse_rules([(Path(name), data) for name, data in rules])
    return facts.FactBase(parsed)


def _dask(jobs, state: State, settings, client, function: Callable):
    rules = rule_contents(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()))
    rules_future = client.scatter(rules, broadcast=True)
    shipped = ((_payload(item), target) for item, target in jobs)   # read as the chunks are sent
    yield from map_chunks(client, _dask_chunk, shipped, rules=rules_future, settings=state.settings,
                          records=state.records, step=function)


def _payload(item):
    """What a remote worker can use: the article's bytes (or why it cannot be read), not a path of this machine."""
    if not isinstance(item, Path):
        return item
    raw = read_article_bytes(item)
    return raw if not isinstance(raw, bytes) else (display_path(item), raw, is_markdown(item))


def _dask_chunk(chunk, rules, settings, records, step=process):
    state = worker_cached("check", rules, repr(settings).encode() + bytes([records]),
                          lambda: _cluster_state(rules, settings, records))
    return [step(job, state) for job in chunk]


def _cluster_state(rules, settings, records) -> State:
    return state_of(factbase_of(rules), settings, records)
