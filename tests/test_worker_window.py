"""map_with_state keeps at most `window` chunks in the pool: a consumer slower than the workers (the parent
writing the record store, contradiction tallying conflicts) holds a bounded number of finished results,
not nearly all of them. Results come in the order of the items, whatever order the chunks finish in. With
`spill`, the finished results wait on disk and are read back a piece at a time."""
from __future__ import annotations

import pickle
import random
from concurrent.futures import Future

import pytest

from checker import workers


class _Recorder:
    """An executor whose work is done when its result is asked for, in any order: records how many chunks
    were in the pool at once."""

    def __init__(self):
        self.pending: list[Future] = []
        self.most = 0
        self.cancelled = 0

    def submit(self, call, chunk):
        future = Future()
        future.work = lambda: future.set_result(call(chunk))
        original = future.result

        def result(timeout=None):
            if not future.done():
                future.work()
            self.pending.remove(future)
            return original(timeout)

        def cancel():
            self.cancelled += 1
            self.pending.remove(future)
            return True

        future.result, future.cancel = result, cancel
        self.pending.append(future)
        self.most = max(self.most, len(self.pending))
        return future


@pytest.mark.parametrize("count,chunksize,window", [(0, 1, 3), (1, 4, 2), (37, 1, 4), (37, 5, 2), (100, 7, 8)])
def test_results_in_order_with_at_most_window_chunks_in_the_pool(count, chunksize, window):
    pool = _Recorder()
    items = list(range(count))
    out = list(workers.map_with_state(pool, lambda item, state: (item, item * item), items, chunksize, window))
    assert out == [(i, i * i) for i in items]
    chunks = -(-count // chunksize)
    assert pool.most == min(window, chunks)   # bounded, and filled: the workers are never left without work


def test_a_consumer_that_stops_early_cancels_what_has_not_started():
    pool = _Recorder()
    results = workers.map_with_state(pool, lambda item, state: item, range(50), 1, 6)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    results.close()
    assert pool.cancelled == 5 and not pool.pending   # the window less the one just handed out


def test_real_pool_gives_the_same_results_as_a_plain_map():
    items = [random.Random(n).randint(0, 1000) for n in range(200)]
    context = workers.process_context()
    with workers.pool(2, context) as executor:
        out = list(workers.map_with_state(executor, _square, items, 3, 2))
    assert out == [n * n for n in items]


def _square(item, state):
    return item * item


def _rows(item, state) -> list:
    """A result of `item` rows that share their objects, as a unit's verdicts share its items."""
    shared = ("an item", item)
    return [(shared, n, shared) for n in range(item)]


def test_spilled_results_are_read_back_a_piece_at_a_time(monkeypatch, tmp_path):
    monkeypatch.setattr(workers, "PIECE", 3)
    loads, load = [], pickle.load
    monkeypatch.setattr(pickle, "load", lambda data: loads.append(1) or load(data))
    pool = _Recorder()
    results = workers.map_with_state(pool, _rows, [0, 1, 3, 10, 4], 2, 2, spill=str(tmp_path))
    assert [list(result) for result in [next(results), next(results), next(results)]] == [[], _rows(1, None),
                                                                                         _rows(3, None)]
    loads.clear()
    ten = next(results)
    assert next(ten) == (("an item", 10), 0, ("an item", 10)) and len(loads) == 1   # only its first piece read
    assert list(ten) == _rows(10, None)[1:] and len(loads) == 5   # four pieces, then the end of the file
    assert [list(result) for result in results] == [_rows(4, None)]
    assert not list(tmp_path.iterdir()), "every file removed once read"


def test_real_pool_spilling_gives_the_same_results_as_a_plain_map(tmp_path):
    items = [random.Random(n).randint(0, 9_000) for n in range(20)]
    with workers.pool(2, workers.process_context()) as executor:
        out = [list(result) for result in workers.map_with_state(executor, _rows, items, 3, 2, spill=str(tmp_path))]
    assert out == [_rows(n, None) for n in items]
    assert not list(tmp_path.iterdir())
