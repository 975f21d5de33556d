"""Where the per-article phase runs: in this process, in worker processes of this machine (`--jobs N`),
or on a Dask cluster (`--engine dask [--scheduler ADDRESS]`).

Every engine runs the same function (`runner.process`) on the same jobs and hands the results back in
the order of the jobs, so the findings are identical, in identical order, whatever the engine and N.
Workers rebuild the compiled rules themselves: from the rules cache on this machine, from the rule
files' contents (sent once) on a cluster, whose workers cannot read this machine's files.
`factlint index --engine dask` uses the same client, chunks and per-worker rules (indexing.py).
"""
from __future__ import annotations

import hashlib
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

MIN_PARALLEL = 16     # fewer articles than this are checked in this process: starting workers costs more
CHUNK = 32            # articles per task


def run(jobs: list[tuple], state, settings) -> Iterator:
    from .runner import process
    if settings.engine == "dask":
        yield from _dask(jobs, state, settings)
    elif settings.jobs > 1 and len(jobs) >= MIN_PARALLEL:
        yield from _processes(jobs, state, settings)
    else:
        for job in jobs:
            yield process(job, state)


# -- worker processes of this machine ---------------------------------------------------------------
_STATE = None


def fork_context():
    """The multiprocessing context that forks (workers inherit this process's data), or None where
    processes cannot be forked. Imported on demand: only runs that use processes pay for it."""
    import multiprocessing
    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def _processes(jobs, state, settings):
    import multiprocessing
    from .workers import capped, pool as worker_pool
    context = fork_context() or multiprocessing.get_context("spawn")
    count = capped(settings.jobs)
    with worker_pool(count, context, _init_local, (state.settings, state.records)) as pool:
        yield from pool.map(_work, jobs, chunksize=max(1, min(CHUNK, len(jobs) // (count * 4) or 1)))


def _init_local(settings, records: bool) -> None:
    from . import facts
    from .runner import State, enabled_checks
    base, _ = facts.load_factbase(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()),
                                  use_cache=settings.use_cache)
    global _STATE
    _STATE = State(base, tuple((m, o) for m, o in enabled_checks(settings) if hasattr(m, "check")), settings, records)


def _work(job):
    from .runner import process
    return process(job, _STATE)


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
        from .workers import capped
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
    from . import facts
    files, _ = facts.rule_files(rule_paths)
    contents, _ = facts._read_all(files, facts.rule_roots(rule_paths))
    return [(facts.display_path(path), data) for path, data in contents]


def map_chunks(client, function, items: list, **kwargs) -> Iterator:
    """function(chunk, **kwargs) on the cluster for every CHUNK items; the results in the order of the items.
    A chunk's result is let go once read, so the cluster holds only those not read yet."""
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    pending = deque(client.map(function, chunks, pure=False, **kwargs))
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
    from . import facts
    from .facts.index import FactBase
    parsed, _ = facts.parse_rules([(Path(name), data) for name, data in rules])
    return FactBase(parsed)


def _dask(jobs, state, settings):
    from . import facts
    with dask_client(settings.scheduler, settings.jobs) as client:
        rules = rule_contents(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()))
        rules_future = client.scatter(rules, broadcast=True)
        shipped = [(_payload(item), target) for item, target in jobs]
        yield from map_chunks(client, _dask_chunk, shipped, rules=rules_future, settings=state.settings,
                              records=state.records)


def _payload(item):
    """What a remote worker can use: the article's bytes (or why it cannot be read), not a path of this machine."""
    from .articles import display_path, is_markdown, read_article_bytes
    if not isinstance(item, Path):
        return item
    raw = read_article_bytes(item)
    return raw if not isinstance(raw, bytes) else (display_path(item), raw, is_markdown(item))


def _dask_chunk(chunk, rules, settings, records):
    from .runner import process
    state = worker_cached("check", rules, repr(settings).encode() + bytes([records]),
                          lambda: _cluster_state(rules, settings, records))
    return [process(job, state) for job in chunk]


def _cluster_state(rules, settings, records):
    from .runner import State, enabled_checks
    checks = tuple((m, o) for m, o in enabled_checks(settings) if hasattr(m, "check"))
    return State(factbase_of(rules), checks, settings, records)
