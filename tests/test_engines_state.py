"""What --jobs workers start from: forked ones inherit the parent's compiled rules, spawned ones (Windows,
macOS) rebuild them from the rules; either way the findings are those of a run in one process."""
from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

import pytest

from checker import engines, facts
from checker.pipeline import Settings, process, state_of
from checker.workers import fork_context

ROOT = Path(__file__).resolve().parent.parent


def _jobs_and_state():
    settings = Settings(rule_paths=(ROOT / "rules",), jobs=2)
    base, errors = facts.load_factbase([ROOT / "rules"])
    assert not errors
    seeds = sorted((ROOT / "seeds").iterdir())
    jobs = [(path, True) for path in seeds * 4]     # enough for workers (engines.MIN_PARALLEL)
    assert len(jobs) >= engines.MIN_PARALLEL
    return jobs, state_of(base, settings, True), settings


def _findings(parts) -> list:
    return [(p.findings, p.records) for p in parts]


def test_forked_workers_inherit_the_rules_instead_of_rebuilding_them(monkeypatch):
    if fork_context() is None:
        pytest.skip("processes cannot be forked here")
    jobs, state, settings = _jobs_and_state()
    alone = _findings(process(job, state) for job in jobs)

    def rebuilt(given):
        raise AssertionError("a forked worker rebuilt the rules")
    monkeypatch.setattr(engines, "_local_state", rebuilt)   # inherited by the forked workers
    assert _findings(engines.run(jobs, state, settings)) == alone
    assert any(findings for findings, _ in alone)


def test_spawned_workers_rebuild_the_rules_and_find_the_same(monkeypatch):
    jobs, state, settings = _jobs_and_state()
    alone = _findings(process(job, state) for job in jobs)
    monkeypatch.setattr(engines, "process_context", lambda: multiprocessing.get_context("spawn"))
    assert _findings(engines.run(jobs, state, settings)) == alone


def test_forked_runs_check_their_first_articles_here_and_leave_the_collector_on(tmp_path):
    """The first articles, to the first of a second language and at most WARM_UP, are checked in this process
    before the workers fork (what the checks build on meeting a language is then inherited); the results keep
    their order, and the collector, paused while the results come back, is on again after."""
    if fork_context() is None:
        pytest.skip("processes cannot be forked here")
    french, state, settings = _jobs_and_state()
    english = tmp_path / "english.md"
    english.write_text("The minister said on Tuesday that the new bridge would open in March.\n", encoding="utf-8")
    for jobs, warmed in ((french, engines.WARM_UP), ([french[0], (english, True), *french[1:]], 2)):
        alone = [process(job, state) for job in jobs]
        _CHECKED_HERE.clear()
        assert _findings(engines.run(jobs, state, settings, function=_checked_here)) == _findings(alone)
        assert _CHECKED_HERE == jobs[:warmed]   # the workers append to their own copy
        assert gc.isenabled()


_CHECKED_HERE: list = []


def _checked_here(job, state):
    _CHECKED_HERE.append(job)
    return process(job, state)


def test_the_cross_article_phase_of_one_process_pauses_the_collector_and_leaves_it_as_it_found_it(monkeypatch,
                                                                                                    tmp_path):
    """With --jobs 1 the articles are compared with the collector paused (what the phase makes has no cycles);
    on or off before the run, it is the same after, and so are the findings."""
    from checker import runner
    seen = []
    compare = runner.check_collection

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return compare(*args, **kwargs)
    monkeypatch.setattr(runner, "check_collection", watched)
    for name, amount in (("a.md", "2 milliards d'euros"), ("b.md", "1,2 milliard d'euros")):
        (tmp_path / name).write_text(f"---\ndate: 2025-03-04\n---\nLe gouvernement a annoncé une aide de {amount} "
                                     "à l'Ukraine.\n", encoding="utf-8")
    settings = Settings(rule_paths=(ROOT / "rules",), jobs=1)
    reports = []
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            reports.append(runner.run([tmp_path], settings).findings)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
    assert seen == [False, False]
    assert reports[0] == reports[1] and any(f.rule == "contradiction" for f in reports[0])


def test_articles_checked_in_this_process_are_checked_with_the_collector_paused_and_passes_over_the_young(monkeypatch):
    """With --jobs 1 the collector is paused while the articles are checked (an article's work leaves no cycles), a
    pass over the objects made since the last one every COLLECT_EVERY articles frees what cycles it may still leave;
    the collector is as it was found after the run, and the findings are the same."""
    french, state, _ = _jobs_and_state()
    settings = Settings(rule_paths=(ROOT / "rules",), jobs=1)
    monkeypatch.setattr(engines, "COLLECT_EVERY", 2)
    seen, passes = [], []

    def watched(job, state):
        seen.append(gc.isenabled())
        return process(job, state)
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda generation=2: passes.append(generation) or real_collect(generation))
    alone = [process(job, state) for job in french]
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            assert _findings(engines.run(french, state, settings, function=watched)) == _findings(alone)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
    assert seen == [False] * 2 * len(french) and passes == [0] * 2 * (len(french) // 2)


def test_a_worker_works_on_a_chunk_with_the_collector_paused_then_passes_over_the_young_and_restores_it(monkeypatch):
    """A worker pauses the collector while it works on a chunk (as --jobs 1 does), passes once over the young objects
    after it, and leaves the collector as it found it, an error included; a collector that was off stays off,
    with no pass."""
    from checker import workers
    monkeypatch.setattr(workers, "_given", "the state", raising=False)
    real_collect = gc.collect
    passes = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: passes.append(generation) or real_collect(generation))

    def failing(item, state):
        raise ValueError(item)
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            passes.clear()
            done = workers._with_state(lambda item, state: (item, state, gc.isenabled()), [1, 2])
            assert done == [(1, "the state", False), (2, "the state", False)]
            assert gc.isenabled() is enabled and passes == ([0] if enabled else [])
            with pytest.raises(ValueError):
                workers._with_state(failing, [3])
            assert gc.isenabled() is enabled
    finally:
        gc.enable()
