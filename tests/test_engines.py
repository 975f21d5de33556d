"""--jobs and --engine dask give identical findings in identical order."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, cli, shared_dir


def _corpus():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpora not found")
    return shared / "corpora" / "wikinews-fr"


def _report(*extra):
    code, out, err = cli("check", _corpus(), ROOT / "seeds", "--format", "json", "--fail-on", "never", *extra, cwd=ROOT)
    assert code == 0, err
    return json.loads(out)


def test_worker_processes_change_nothing():
    one = _report("--jobs", "1")
    assert _report("--jobs", "2") == one == _report("--jobs", "3")
    assert len(one["articles"]) == 57


def test_a_dask_local_cluster_changes_nothing():
    pytest.importorskip("dask.distributed")
    assert _report("--engine", "dask", "--jobs", "2") == _report("--jobs", "1")
