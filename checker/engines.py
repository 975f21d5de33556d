"""Where the per-article phase runs: in this process, in worker processes of this machine (`--jobs N`),
or on a Dask cluster (`--engine dask [--scheduler ADDRESS]`).

Every engine runs the same function (`runner.process`) on the same jobs and hands the results back in
the order of the jobs, so the findings are identical, in identical order, whatever the engine and N.
Workers rebuild the compiled rules themselves: from the rules cache on this machine, from the rule
files' contents (sent once) on a cluster, whose workers cannot read this machine's files.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

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


def _processes(jobs, state, settings):
    import multiprocessing   # only runs that use processes pay for the import
    from concurrent.futures import ProcessPoolExecutor
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(settings.jobs, mp_context=context, initializer=_init_local,
                             initargs=(state.settings, state.records)) as pool:
        yield from pool.map(_work, jobs, chunksize=max(1, min(CHUNK, len(jobs) // (settings.jobs * 4) or 1)))


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
_CLUSTER_STATES: dict = {}


def _dask(jobs, state, settings):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the dask engine needs dask.distributed: pip install 'factlint[dask]'") from None
    from . import facts
    files, _ = facts.rule_files(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()))
    contents, _ = facts._read_all(files)
    rules = [(facts.display_path(path), data) for path, data in contents]
    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, settings.jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        shipped = [(_payload(item), target) for item, target in jobs]
        rules_future = client.scatter(rules, broadcast=True)
        chunks = [shipped[i:i + CHUNK] for i in range(0, len(shipped), CHUNK)]
        futures = client.map(_dask_chunk, chunks, rules=rules_future, settings=state.settings,
                             records=state.records, pure=False)
        for future in futures:   # in the order of the jobs
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _payload(item):
    """What a remote worker can use: the article's bytes (or why it cannot be read), not a path of this machine."""
    from .articles import display_path, is_markdown, read_article_bytes
    if not isinstance(item, Path):
        return item
    raw = read_article_bytes(item)
    return raw if not isinstance(raw, bytes) else (display_path(item), raw, is_markdown(item))


def _dask_chunk(chunk, rules, settings, records):
    from .runner import process
    key = hashlib.sha256(b"".join(name.encode() + b"\0" + data for name, data in rules) + repr(settings).encode()
                         + bytes([records])).hexdigest()
    state = _CLUSTER_STATES.get(key)
    if state is None:
        state = _CLUSTER_STATES[key] = _cluster_state(rules, settings, records)
    return [process(job, state) for job in chunk]


def _cluster_state(rules, settings, records):
    from . import facts
    from .facts.index import FactBase
    from .runner import State, enabled_checks
    parsed, _ = facts.parse_rules([(Path(name), data) for name, data in rules])
    checks = tuple((m, o) for m, o in enabled_checks(settings) if hasattr(m, "check"))
    return State(FactBase(parsed), checks, settings, records)
