"""Worker processes never outlive the run: the parent killed with SIGTERM or SIGKILL (a cancelled CI
job, `timeout`, the OOM killer) takes its `--jobs` workers with it; `--jobs` is capped at the cores
this process may use; each worker has a bound on its memory. Real processes, real signals."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from test_hardening import _alive, _children

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux /proc to see processes")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workers")
    seed = (ROOT / "seeds" / "001_2261a6fc945c081f.txt").read_text(encoding="utf-8")
    (folder / "archive").mkdir()
    for i in range(400):
        (folder / "archive" / f"a{i:03d}.txt").write_text(seed, encoding="utf-8")
    return folder


def _start(folder, *args):
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(folder / ".cache")}
    return subprocess.Popen([sys.executable, "-m", "checker", *args], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _workers(process, count: int, timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = _children(process.pid)
        if len(children) >= count:
            time.sleep(0.5)          # all started and at work
            return _children(process.pid)
        assert process.poll() is None, "the run ended before its workers started"
        time.sleep(0.05)
    raise AssertionError("the workers never started")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("command", [("check", "archive", "--jobs", "2"),
                                     ("index", "archive", "--db", "index.db", "--jobs", "2")])
def test_workers_die_with_their_parent(archive, sig, command):
    (archive / "index.db").unlink(missing_ok=True)
    process = _start(archive, *command)
    workers = _workers(process, 2)
    assert len(workers) == 2
    process.send_signal(sig)
    process.wait(timeout=30)
    assert _alive(workers) == [], f"workers outlived their parent killed by {sig.name}"


def test_jobs_are_capped_at_the_cores_and_workers_have_a_memory_bound(archive):
    cores = len(os.sched_getaffinity(0))
    process = _start(archive, "check", "archive", "--jobs", "5000")
    try:
        workers = _workers(process, min(cores, 2))
        assert 1 <= len(workers) <= cores
        for pid in workers:
            with open(f"/proc/{pid}/limits") as fh:
                limit = next(line for line in fh if line.startswith("Max address space")).split()[3]
            assert limit != "unlimited" and int(limit) < 64 * 1024 ** 3
    finally:
        process.kill()
        process.wait()
