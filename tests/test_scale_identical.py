"""The findings of an archive are the same, in the same order, whether it is checked in one process,
in two worker processes (pairs of statements judged by forked workers too), or on Dask (a LocalCluster
of two workers, or a scheduler that is already running): a synthetic archive with contradictions,
drifted quotations and name variants to find."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import collection as collection_module
from checker import store
from conftest import ROOT, cli
from benchmarks.archive_gen import generate

EXPECTED = {"contradiction", "quote-drift", "name-variant"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scale")
    generate(out, 90, seed=3, error_rate=0.1)
    # one name, written twice one way and once with two letters swapped: a name variant to find
    for i, name in enumerate(["Klara Lindqvist", "Klara Lindqvist", "Klara Lindvqist"]):
        (out / f"variant-{i}.md").write_text(f"---\ndate: 2025-03-0{i + 1}\nlang: fr\n---\n\n{name} a présenté "
                                             f"le projet du port d'Esbjerg mardi.\n", encoding="utf-8")
    return out


def _report(folder: Path, *extra) -> dict:
    code, out, err = cli("check", folder, "--format", "json", "--fail-on", "never", *extra, cwd=ROOT)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def alone(folder) -> dict:
    report = _report(folder, "--jobs", "1")
    assert EXPECTED <= {f["rule"] for f in report["findings"]}, "the archive has each kind of finding to compare"
    assert len(report["articles"]) == 93
    return report


def test_two_workers_find_the_same(folder, alone, monkeypatch):
    monkeypatch.setattr(collection_module, "PARALLEL_PAIRS", 1)   # pairs judged in forked workers too
    assert _report(folder, "--jobs", "2") == alone


def test_a_dask_local_cluster_finds_the_same(folder, alone):
    pytest.importorskip("dask.distributed")
    assert _report(folder, "--engine", "dask", "--jobs", "2") == alone


def test_a_running_scheduler_finds_the_same(folder, alone):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert _report(folder, "--engine", "dask", "--scheduler", cluster.scheduler_address) == alone


@pytest.fixture
def on_disk(monkeypatch):
    """Records kept on disk as in a large run, cut into units small enough that pairs cross units."""
    monkeypatch.setattr(store, "SPILL", 0)
    monkeypatch.setattr(store, "UNIT_ROWS", 40)


def test_records_on_disk_find_the_same(folder, alone, on_disk):
    assert _report(folder, "--jobs", "1") == alone


def test_records_on_disk_two_workers_find_the_same(folder, alone, on_disk):
    assert _report(folder, "--jobs", "2") == alone


def test_records_on_disk_dask_local_cluster_finds_the_same(folder, alone, on_disk):
    pytest.importorskip("dask.distributed")
    assert _report(folder, "--engine", "dask", "--jobs", "2") == alone


def test_records_on_disk_running_scheduler_finds_the_same(folder, alone, on_disk):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert _report(folder, "--engine", "dask", "--scheduler", cluster.scheduler_address) == alone
