"""Worker processes of this machine that never outlive the run (`--jobs`, index extraction, pair judging).

A pool's workers wait for work on a pipe that every one of them holds open, so when the parent is
killed (a CI job cancelled, `timeout`, the OOM killer) nothing tells them to stop: they stayed forever.
Here each worker watches its parent: a thread blocks on a pipe whose only writing end the parent
holds (each worker closes its inherited copy), and ends the worker the moment the read returns, that
is when the parent is gone, however it died. Where processes are spawned rather than forked, the
thread watches for the worker being handed to another parent instead.

Workers also ignore Ctrl-C (the terminal sends it to them too: the parent alone decides, and exits
130), are at most as many as the cores this process may use (`--jobs 5000` starts two on two cores),
and may each use at most WORKER_MEMORY bytes more than they inherited: past it, the article at hand
fails with a MemoryError (one line naming it) instead of the machine swapping. The regular expressions a
worker compiled are written to the cache as it ends (patterns.save), as the parent's are at exit.

What the work needs besides its item (the compiled rules, the pairs being judged) is given to the pool
once, as `state`, and handed to every call as an argument (`map_with_state`): the functions that do the
work take it as a parameter and read no global of their own. A worker keeps it in this module's one
per-process slot, since a pool's workers have nowhere else to hold what they were given.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import tempfile
import threading
import time
from collections import deque
from contextlib import contextmanager
from itertools import islice
from typing import Callable, Iterator

from . import patterns

PIECE = 4096   # items of a spilled result pickled together (map_with_state): pieces of a unit's verdicts repeat
               # its items (8,192: 1.3 × the bytes of the whole; 4,096: 1.6 ×), and smaller ones cost more to write
WORKER_MEMORY = int(os.environ.get("FACTLINT_WORKER_MEMORY_MB", 2048)) * 1024 ** 2
_given = None   # in a worker: the pool's state, after build() if there was one (see pool())


def cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def capped(jobs: int) -> int:
    return max(1, min(jobs, cores()))


def fork_context():
    """The multiprocessing context that forks (workers inherit this process's data), or None where
    processes cannot be forked."""
    import multiprocessing   # deferred: only runs that use processes pay for it
    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def process_context():
    """The context worker processes start in: forked where processes can be, else spawned."""
    import multiprocessing   # deferred: only runs that use processes pay for it
    return fork_context() or multiprocessing.get_context("spawn")


def map_with_state(executor, function: Callable, items, chunksize: int = 1, window: int = 0, spill: str | None = None):
    """function(item, state) for every item, in the workers of a pool(): the results in the order of the items.
    At most `window` chunks of `chunksize` items (default: four per core) are in the pool at a time. A result
    that finishes before the one due next waits in this process: with every chunk submitted at once, a
    consumer slower than the workers (the parent writing the record store, contradiction tallying conflicts)
    came to hold nearly all of them.

    With `spill` (a folder that is removed with everything in it once the run ends), each result, a list, waits
    on disk instead: the worker writes it there in pieces of PIECE items, and it is given here as an iterator
    that reads it back a piece at a time. This process then holds one piece, however large the results and
    however many of them wait: at 100,000 benchmark articles the units of blocks.py give up to 195,000 verdicts
    each, and six finished units waiting came to 614,000 verdicts (about 175 MB)."""
    from functools import partial
    call = partial(_with_state, function) if spill is None else partial(_spilled, function, spill)
    pending: deque = deque()
    try:
        items = iter(items)
        while chunk := list(islice(items, chunksize)):
            pending.append(executor.submit(call, chunk))
            if len(pending) >= (window or 4 * cores()):
                yield from _results(pending.popleft().result(), spill)
        while pending:
            yield from _results(pending.popleft().result(), spill)
    finally:
        for future in pending:   # left early (an error, the consumer stopped): what has not started never will
            future.cancel()


def _results(results: list, spill: str | None) -> Iterator:
    return iter(results) if spill is None else map(_read_back, results)


def _spilled(function: Callable, folder: str, chunk: list) -> list[str]:
    """In a worker: the result of each item of the chunk written to a file of its own in `folder`, in pickled pieces
    of PIECE items (each piece on its own: read back, it is let go before the next); the files' names."""
    names = []
    for item in chunk:
        result = function(item, _given)
        fd, name = tempfile.mkstemp(dir=folder, prefix="result-")
        with os.fdopen(fd, "wb") as out:
            for start in range(0, len(result), PIECE):
                pickle.dump(result[start:start + PIECE], out, pickle.HIGHEST_PROTOCOL)
        names.append(name)
    return names


def _read_back(name: str) -> Iterator:
    """The items of a result _spilled() wrote, a piece at a time; its file removed once read (or left to the
    folder's removal, if the reader stops early)."""
    with open(name, "rb") as data:
        while True:
            try:
                piece = pickle.load(data)
            except EOFError:
                break
            yield from piece
    os.remove(name)


def _with_state(function: Callable, chunk: list) -> list:
    """In a worker: function(item, state) of each item of the chunk, the collector paused while they are worked
    on and one pass over the young objects after them, as a run in one process does (engines._serial): an
    article's work makes and frees many objects without cycles, and the automatic passes set off by their count
    cost about 0.4 % of its instructions."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [function(item, _given) for item in chunk]
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


@contextmanager
def pool(jobs: int, context, state=None, build: Callable | None = None):
    """A ProcessPoolExecutor of at most `cores()` workers that die with this process; on leaving by an
    exception (Ctrl-C included), its workers are stopped at once instead of finishing the queued work.
    Each worker starts with `state` (inherited when forked, else pickled once), or with build(state) when
    it is cheaper to rebuild than to ship; map_with_state() hands it to every call."""
    from concurrent.futures import ProcessPoolExecutor
    forked = context.get_start_method() == "fork"
    read_end, write_end = os.pipe() if forked else (-1, -1)
    executor = ProcessPoolExecutor(capped(jobs), mp_context=context, initializer=_start,
                                   initargs=(read_end, write_end, os.getpid(), state, build))
    try:
        if forked:
            _fork_all(executor)
        yield executor
    except BaseException:
        _stop(executor)
        raise
    else:
        executor.shutdown(wait=True)
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)


def _fork_all(executor) -> None:
    """Fork every worker now, with Ctrl-C held back until they are all started: a KeyboardInterrupt raised
    in one of Python's after-fork hooks is printed and dropped, and the run would go on to its end.

    What the workers inherit (modules, the compiled rules, the records of the articles) is frozen out of
    the garbage collector while they fork: a worker's full collections would otherwise walk every one of
    those objects, writing to each, which also makes the kernel copy every page of them into the worker.
    The workers keep them frozen (they live as long as the worker); this process thaws them at once."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    gc.freeze()
    try:
        executor.submit(int).result()   # the first task forks all the workers (the fork start method)
    finally:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)   # a Ctrl-C held back is raised here


def _stop(executor) -> None:
    """Stop the workers at once, without finishing the queued work. The executor's own thread may fail
    while its workers are terminated under it (a pipe closed by one side first): that is the end being
    asked for, not an error, so it is not printed.

    A worker terminated in the middle of writing its result leaves part of it in the pipe, and the executor's
    thread, reading it, would wait for the rest for ever (the pipe's writing end is open here too), and the
    shutdown with it: once the workers are gone, this process's writing end is closed, so that the read ends."""
    manager = getattr(executor, "_executor_manager_thread", None)
    default = threading.excepthook
    threading.excepthook = lambda args: None if args.thread is manager else default(args)
    try:
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:
            process.join()
        writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)
        if writer is not None:
            writer.close()
        executor.shutdown(wait=True, cancel_futures=True)   # the workers are gone: this returns at once
    finally:
        threading.excepthook = default


def _start(read_end: int, write_end: int, parent: int, state, build) -> None:
    """In each worker, before any work: watch the parent, ignore Ctrl-C, bound the memory."""
    if write_end >= 0:
        os.close(write_end)   # the parent's copy must be the last one open
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(read_end, parent), daemon=True, name="factlint-parent-watch").start()
    _limit_memory()
    # a worker ends without running atexit handlers: the patterns it compiled are kept for the next run here
    from multiprocessing import util
    util.Finalize(None, patterns.save, exitpriority=0)
    global _given
    _given = build(state) if build is not None else state


def _watch(read_end: int, parent: int) -> None:
    if read_end >= 0:
        try:
            while os.read(read_end, 1):   # nothing is ever written: returns b"" when the parent is gone
                pass
        except OSError:
            pass
    else:
        while os.getppid() == parent:
            time.sleep(0.5)
    os._exit(1)


def _limit_memory() -> None:
    try:
        import resource
        with open("/proc/self/statm") as fh:   # the address space inherited, in pages
            inherited = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = inherited + WORKER_MEMORY
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or limit < soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):   # not Linux: no bound, as before
        pass
