"""factlint index --engine dask [--scheduler ADDRESS] builds the same index as the local engine."""
from __future__ import annotations

import socket
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from checker import engines, indexing
from conftest import ROOT, build_base, cli, shared_dir

MISSING = "factlint: error: the dask engine needs dask.distributed: pip install 'factlint[dask]'\n"


def _corpus() -> Path:
    shared = shared_dir()
    if shared is None or not (shared / "corpora" / "wikinews-fr").is_dir():
        pytest.skip("shared/corpora/wikinews-fr not found")
    return shared / "corpora" / "wikinews-fr"


def _index(db: Path, *extra) -> str:
    code, out, err = cli("index", _corpus(), ROOT / "seeds", "--db", db, *extra, cwd=ROOT)
    assert code == 0, err
    return out


def _content(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (ids included), ordered by all their columns."""
    conn = sqlite3.connect(str(db))
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        content = {}
        for table in tables:
            width = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            content[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
        return content
    finally:
        conn.close()


@pytest.fixture(scope="module")
def local_index(tmp_path_factory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    assert "57 article(s) indexed: 57 added" in _index(db, "--jobs", "1")
    content = _content(db)
    assert len(content["articles"]) == 57 and content["items"] and content["names"]
    return content


@pytest.fixture
def clients(monkeypatch) -> list[list]:
    """Each Dask client the run opens: [scheduler, jobs, closed]."""
    pytest.importorskip("dask.distributed")
    opened: list[list] = []
    real = engines.dask_client

    @contextmanager
    def recorded(scheduler, jobs):
        entry = [scheduler, jobs, False]
        opened.append(entry)
        try:
            with real(scheduler, jobs) as client:
                yield client
        finally:
            entry[2] = True

    monkeypatch.setattr(engines, "dask_client", recorded)
    return opened


def test_a_local_cluster_builds_the_same_index(tmp_path, local_index, clients):
    db = tmp_path / "dask.db"
    _index(db, "--engine", "dask", "--jobs", "2")
    assert clients == [[None, 2, True]]   # one LocalCluster of 2 workers for the run, closed at the end
    assert _content(db) == local_index
    assert "0 added, 0 updated, 57 unchanged" in _index(db, "--engine", "dask")
    assert len(clients) == 1              # nothing changed: no cluster started


def test_a_running_scheduler_builds_the_same_index(tmp_path, local_index, clients):
    from dask.distributed import LocalCluster
    db = tmp_path / "scheduler.db"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        _index(db, "--engine", "dask", "--scheduler", cluster.scheduler_address)
        assert cluster.status.name == "running"   # the run closed its client, not the cluster
    assert clients == [[cluster.scheduler_address, clients[0][1], True]]
    assert _content(db) == local_index


def test_the_client_is_closed_on_error(tmp_path, monkeypatch, clients):
    def broken(conn, results, known, stats):
        next(iter(results))
        raise OSError("disk full")
    monkeypatch.setattr(indexing, "_store", broken)
    rules = engines.rule_contents([ROOT / "rules"])
    with pytest.raises(OSError, match="disk full"):
        indexing.update_index([ROOT / "seeds"], tmp_path / "x.db", build_base(), "rules", workers=1,
                              engine="dask", rules=rules)
    assert clients == [[None, 1, True]]


@pytest.mark.parametrize("command", ["index", "check"])
def test_without_dask_one_line_and_exit_2(tmp_path, monkeypatch, command):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)   # as if factlint[dask] were not installed
    extra = ["--db", tmp_path / "x.db"] if command == "index" else []
    code, out, err = cli(command, ROOT / "seeds", *extra, "--engine", "dask", cwd=ROOT)
    assert (code, out, err) == (2, "", MISSING)
    assert not (tmp_path / "x.db").exists()


def test_an_unreachable_scheduler_one_line_and_exit_2(tmp_path):
    pytest.importorskip("dask.distributed")
    import dask
    with socket.socket() as sock:   # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, out, err = cli("index", ROOT / "seeds", "--db", tmp_path / "x.db", "--engine", "dask",
                             "--scheduler", address, cwd=ROOT)
    assert code == 2
    assert err.startswith(f"factlint: error: cannot connect to the Dask scheduler {address}: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_scheduler_needs_the_dask_engine(tmp_path):
    code, _, err = cli("index", ROOT / "seeds", "--db", tmp_path / "x.db", "--scheduler", "tcp://127.0.0.1:8786",
                       cwd=ROOT)
    assert code == 2 and "--scheduler needs --engine dask" in err
    assert not (tmp_path / "x.db").exists()
