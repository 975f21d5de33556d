"""A Ctrl-C raised inside a finaliser is not lost: it stops the run at the next article."""
from __future__ import annotations

import gc
import sys

import pytest

from checker import engines, interrupt
from checker.pipeline import Settings


class _SwallowsCtrlC:
    """An object whose finaliser is where the interrupt lands: Python reports it as unraisable and goes on."""

    def __del__(self):
        raise KeyboardInterrupt


@pytest.fixture
def hook(monkeypatch):
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    monkeypatch.setattr(interrupt, "_swallowed", [])
    monkeypatch.setattr(interrupt, "_previous", [None])
    interrupt.install()


def test_an_interrupt_swallowed_by_a_finaliser_is_raised_again(hook, capsys):
    _SwallowsCtrlC()
    gc.collect()
    assert capsys.readouterr().err == ""          # noted, not printed as "Exception ignored"
    with pytest.raises(KeyboardInterrupt):
        interrupt.check()
    interrupt.check()                             # once: a second check has nothing to raise


def test_other_unraisable_errors_still_reach_the_previous_hook(monkeypatch):
    seen = []
    monkeypatch.setattr(interrupt, "_swallowed", [])
    monkeypatch.setattr(interrupt, "_previous", [None])
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: seen.append(unraisable.exc_type))
    interrupt.install()

    class _Fails:
        def __del__(self):
            raise ValueError("not an interrupt")

    _Fails()
    gc.collect()
    assert seen == [ValueError]
    interrupt.check()                             # nothing to raise


def test_the_run_stops_at_the_article_after_a_swallowed_interrupt(hook):
    done = []

    def check_one(job, state):
        done.append(job)
        if job == 2:
            _SwallowsCtrlC()
        return job

    results = engines.run(list(range(10)), None, Settings(jobs=1), function=check_one)
    with pytest.raises(KeyboardInterrupt):
        list(results)
    assert done == [0, 1, 2]
