"""A run stopped by Ctrl-C (or an error) while its workers are at work stops them and ends: workers.pool terminates
them and leaves, even when one of them was stopped in the middle of writing its result to the parent, which then
waited for the rest of it for ever (the executor's own thread reading it, and the shutdown joining that thread)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from checker import workers

SCENARIO = """
import os, struct, sys, time
from checker import workers

def half_a_result(fd):
    # what a worker stopped in the middle of writing its result leaves in the pipe: the length of a result of
    # 1 MB, then 100 bytes of it
    os.write(fd, struct.pack("!i", 1 << 20) + b"\\x80" * 100)
    time.sleep(60)

if __name__ == "__main__":
    try:
        with workers.pool(2, workers.fork_context()) as executor:
            executor.submit(half_a_result, executor._result_queue._writer.fileno())
            time.sleep(1)   # the executor's thread has begun reading the result
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("stopped")
"""


@pytest.mark.skipif(workers.fork_context() is None, reason="needs processes that fork (Linux)")
def test_a_pool_stopped_while_a_worker_was_writing_its_result_ends():
    try:
        done = subprocess.run([sys.executable, "-c", SCENARIO], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the pool was stopped but the run never ended")
    assert (done.returncode, done.stdout, done.stderr) == (0, "stopped\n", "")
