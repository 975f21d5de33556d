"""Measuring one whole process for the scale benchmark: wall time, CPU time of its process tree, the
CPU time of the process itself and of its workers, peak memory, and what the rest of the machine did
meanwhile (Linux: /proc; elsewhere the figures that need it are left empty).

CPU time is user + system time of the process and of every descendant it waited for (os.wait4): on a
shared machine it moves far less with the load than wall time does, which is why ratios are taken on it.
"""
from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Measure:
    wall: float            # seconds
    cpu: float             # user + sys of the process tree, seconds
    own_cpu: float         # of the main process alone (the parent of the workers)
    rss_mb: float          # peak resident set of the largest process of the tree
    own_rss_mb: float      # peak resident set of the main process
    others_cpu: float      # CPU seconds the rest of the machine used during the run (None: unknown)
    returncode: int


def _machine_busy() -> float | None:
    """Seconds of CPU used by the whole machine since boot (every core), from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / TICK


class _Watch(threading.Thread):
    """Reads the main process's own CPU time and peak memory from /proc until it ends."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.cpu, self.hwm, self.done = pid, 0.0, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                stat = Path(f"/proc/{self.pid}/stat").read_text()
                fields = stat.rsplit(")", 1)[1].split()
                self.cpu = (int(fields[11]) + int(fields[12])) / TICK
                for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        self.hwm = max(self.hwm, int(line.split()[1]) / 1024)
            except (OSError, IndexError, ValueError):
                pass
            self.done.wait(0.05)


def run(args: list[str], env: dict | None = None, cwd: Path | None = None) -> Measure:
    """Run one command to its end (its output thrown away) and measure it."""
    before = _machine_busy()
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watch = _Watch(process.pid)
    watch.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    watch.done.set()
    watch.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.stderr.close()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args[:4])} … failed ({process.returncode}):\n{stderr[-2000:]}")
    after = _machine_busy()
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, after - before - cpu) if before is not None and after is not None else None
    return Measure(wall, cpu, watch.cpu, usage.ru_maxrss / 1024, watch.hwm, others, process.returncode)


def instructions(args: list[str], env: dict | None = None, cwd: Path | None = None) -> int:
    """Machine instructions one whole command executes, counted by valgrind (callgrind): a figure that
    does not move with the machine's load. The program must be a real executable, not a wrapper script."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args], env=env,
                          cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [line for line in done.stderr.splitlines() if "Collected" in line]
    if not lines or done.returncode not in (0, 1):   # 1: findings
        raise SystemExit(f"valgrind failed on {' '.join(args[:4])} … ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(lines[-1].split()[-1])


def machine() -> dict[str, str]:
    """The machine a run was taken on: cores, CPU model, Python, operating system."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
        memory = f"{kb / 1024 ** 2:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    return {"cores": f"{os.cpu_count()} ({usable} usable)", "CPU": model or "unknown", "memory": memory,
            "Python": f"{platform.python_implementation()} {platform.python_version()}",
            "system": f"{platform.system()} {platform.release()}"}


def load() -> str:
    """The load averages over 1, 5 and 15 minutes."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
