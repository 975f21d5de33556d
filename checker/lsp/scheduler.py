"""When and where documents are checked: debounced, in worker processes, newest version first.

Two lanes, each a worker process that checks one document at a time: documents up to LONG_DOCUMENT
characters, and longer ones, so that a long document never delays the others. A change restarts the
document's debounce; a check whose document changed meanwhile is superseded (its result is dropped by
the server, which publishes only for the version it has), and in the lane of long documents it is
stopped at once by ending the worker process, which the next check starts again.
"""
from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from .worker import Outcome, Request, serve

LONG_DOCUMENT = 100_000     # characters; a news article is a few thousand
TIME_LIMIT = 300.0          # seconds: a check that takes longer is stopped and said in the log
STOPPED = "stopped"         # what a check that was stopped on purpose answers


class WorkerProcess:
    """The server's end of a worker process: one request at a time, answered in a thread of its own so
    that the event loop never waits; stop() ends the process and so the request under way."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._process = None
        self._conn = None
        self._stopping = False
        self.notes: list[str] = []    # what happened to the process between two checks, for the log
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=f"factlint-{name}")

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")   # not fork: the server has threads
        conn, child = context.Pipe()
        process = context.Process(target=serve, args=(child,), name=f"factlint-{self.name}", daemon=True)
        try:
            process.start()
        finally:
            child.close()
        self._conn, self._process, self._stopping = conn, process, False

    def _reap(self) -> None:
        if self._process is not None:
            self._process.join(5)
            self._conn.close()
        self._process = self._conn = None

    def _exchange(self, request: Request) -> Outcome | str | None:
        if self._process is not None and not self._process.is_alive():   # it ended between two checks
            if not self._stopping:
                self.notes.append(f"the {self.name} process had ended (exit code {self._process.exitcode}); "
                                  "started again")
            self._reap()
        if self._process is None:
            self._start()
        try:
            self._conn.send(request)
            return self._conn.recv()
        except (EOFError, OSError, ValueError):   # the process ended: stopped, killed or crashed
            stopped = self._stopping
            self._reap()
            return STOPPED if stopped else None

    async def ask(self, request: Request) -> Outcome | str | None:
        """The Outcome; a traceback's text for an internal error; STOPPED; None if the process died."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, self._exchange, request)

    def stop(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            self._stopping = True
            process.kill()

    def close(self) -> None:
        self.stop()
        self._thread.shutdown(wait=False, cancel_futures=True)


class Lane:
    def __init__(self, name: str, stop_superseded: bool) -> None:
        self.worker = WorkerProcess(name)
        self.stop_superseded = stop_superseded
        self.pending: dict[str, None] = {}      # documents waiting, oldest first
        self.running: str | None = None         # the document being checked
        self.wake = asyncio.Event()


Snapshot = Callable[[str], "tuple[int | None, str, Request] | None"]
Deliver = Callable[[str, "int | None", str, "Outcome | str | None"], None]
Log = Callable[[str], None]


class Scheduler:
    """snapshot(uri) gives (version, text, request) of an open document (None once closed); deliver(uri,
    version, text, answer) receives each answer with the version and text that were checked; log(message)
    what happened to a worker process."""

    def __init__(self, snapshot: Snapshot, deliver: Deliver, log: Log, debounce: float) -> None:
        self.snapshot, self.deliver, self.log, self.debounce = snapshot, deliver, log, debounce
        self.lanes = (Lane("worker", stop_superseded=False), Lane("long-documents", stop_superseded=True))
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._tasks: list[asyncio.Task] = []

    def _lane_for(self, text: str) -> Lane:
        return self.lanes[len(text) > LONG_DOCUMENT]

    def _ensure_started(self) -> None:
        if not self._tasks:
            self._tasks = [asyncio.get_running_loop().create_task(self._serve(lane)) for lane in self.lanes]

    def warm(self, request: Request) -> None:
        """Load a project's rules in the first lane before any document asks for them."""
        self._ensure_started()
        asyncio.get_running_loop().create_task(self.lanes[0].worker.ask(request))

    def changed(self, uri: str, delay: float | None = None) -> None:
        """A document was opened, changed or saved: check it after `delay` (default: the debounce)."""
        self._ensure_started()
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        for lane in self.lanes:
            if lane.stop_superseded and lane.running == uri:
                lane.worker.stop()
        delay = self.debounce if delay is None else delay
        self._timers[uri] = asyncio.get_running_loop().call_later(delay, self._enqueue, uri)

    def _enqueue(self, uri: str) -> None:
        self._timers.pop(uri, None)
        snapshot = self.snapshot(uri)
        if snapshot is None:
            return
        lane = self._lane_for(snapshot[1])
        for other in self.lanes:
            other.pending.pop(uri, None)
        lane.pending[uri] = None
        lane.wake.set()

    def closed(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        for lane in self.lanes:
            lane.pending.pop(uri, None)
            if lane.stop_superseded and lane.running == uri:
                lane.worker.stop()

    async def _serve(self, lane: Lane) -> None:
        while True:
            await lane.wake.wait()
            lane.wake.clear()
            while lane.pending:
                uri = next(iter(lane.pending))
                del lane.pending[uri]
                snapshot = self.snapshot(uri)
                if snapshot is None:
                    continue
                version, text, request = snapshot
                lane.running = uri
                try:
                    answer = await asyncio.wait_for(asyncio.shield(lane.worker.ask(request)), TIME_LIMIT)
                except asyncio.TimeoutError:
                    lane.worker.stop()
                    answer = f"the check took more than {TIME_LIMIT:.0f} s and was stopped"
                except Exception as exc:   # the worker process could not be started: said, and the lane goes on
                    answer = f"the {lane.worker.name} process cannot run: {exc!r}"
                lane.running = None
                while lane.worker.notes:
                    self.log(lane.worker.notes.pop(0))
                self.deliver(uri, version, text, answer)

    def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        for task in self._tasks:
            task.cancel()
        for lane in self.lanes:
            lane.worker.close()
