"""The store's own process: the panel's only way into the SQLite file.

In one process, closing any descriptor of a file drops every POSIX lock the process holds
on it (SQLite's "How To Corrupt" notes, 2.2). A file dialog of the panel that opened and
closed ``sessions.db`` or its ``-wal`` while the user browsed the folder silently broke
the panel's own connections' locks, and "database disk image is malformed" followed. So
the panel's process opens no SQLite connection at all: its reads, offline changes and
analyses are ``StoreJob``s run in this child, each on a thread with its own connection,
and the answers come back through a queue. (A live session's engine child keeps its own
connection: another process, with locks of its own.)
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import pickle
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.errors import CopilotError

log = logging.getLogger(__name__)

Report = Callable[[str, Any], None]


@dataclass(frozen=True)
class StoreJob:
    """``function(store, *args, **kwargs)``, run in the store process.

    ``function`` travels by name, so it must be a module-level function (or a ``Store``
    method). With ``reports`` it also gets a last argument, ``report(kind, value)``, which
    sends messages back while it runs (an analysis's progress and notes).
    """

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    reports: bool = False


class StoreJobError(CopilotError):
    """A job failed in the store process (its message is one line for the window)."""


@dataclass
class _Call:
    on_report: Report | None
    finished: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: str | None = None


class StoreProcess:
    """Runs ``StoreJob``s in a child process that owns every connection to ``db_path``.

    ``run`` blocks its caller (a worker thread) until the job is done. The child starts on
    the first job and again after it died; ``close`` ends it for good.
    """

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._waiting: dict[int, _Call] = {}
        self._process: Any = None
        self._requests: Any = None
        self._replies: Any = None
        self._reader: threading.Thread | None = None
        self.closed = False

    def run(self, job: StoreJob, on_report: Report | None = None) -> Any:
        """The job's result.

        Raises:
            StoreJobError: the job raised, or the store process stopped under it.
        """
        call = _Call(on_report)
        with self._lock:
            if self.closed:
                raise StoreJobError("the store is closed")
            self._start_if_needed()
            number = next(self._numbers)
            self._waiting[number] = call
            self._requests.put((number, job))
        call.finished.wait()
        if call.error is not None:
            raise StoreJobError(call.error)
        return call.result

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        with self._lock:
            return None if self._process is None else self._process.pid

    def close(self, timeout: float = 30.0) -> None:
        """Let running jobs finish, then end the child; no job runs after."""
        with self._lock:
            self.closed = True
            process, requests, reader = self._process, self._requests, self._reader
        if process is None:
            return
        requests.put(None)
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
        if reader is not None:
            reader.join(timeout)

    def _start_if_needed(self) -> None:
        if self._process is not None:
            return
        context = multiprocessing.get_context("spawn")  # fork would copy Qt's threads' state
        self._requests, self._replies = context.Queue(), context.Queue()
        self._process = context.Process(
            target=_serve,
            args=(self.db_path, self._requests, self._replies),
            name="copilot-store",
            daemon=True,
        )
        self._process.start()
        self._reader = threading.Thread(
            target=self._read, args=(self._process, self._replies), name="store-replies"
        )
        self._reader.daemon = True
        self._reader.start()

    def _read(self, process: Any, replies: Any) -> None:
        while True:
            try:
                reply = replies.get(timeout=0.5)
            except queue.Empty:
                if process.exitcode is None:
                    continue
                self._lost(f"the store process stopped (exit status {process.exitcode})")
                return
            except (EOFError, OSError):
                self._lost("the store process stopped")
                return
            if reply is None:  # the child's last word after close
                self._lost("the store process was closed")
                return
            kind, number, *rest = reply
            with self._lock:
                call = self._waiting.get(number)
            if call is None:
                continue
            if kind == "report":
                if call.on_report is not None:
                    call.on_report(*rest)
                continue
            ok, payload = rest
            call.result, call.error = (pickle.loads(payload), None) if ok else (None, payload)
            with self._lock:
                self._waiting.pop(number, None)
            call.finished.set()

    def _lost(self, message: str) -> None:
        """The child is gone: every waiting job fails; the next one starts a new child."""
        with self._lock:
            waiting, self._waiting = self._waiting, {}
            self._process = self._requests = self._replies = self._reader = None
        for call in waiting.values():
            call.error = message
            call.finished.set()


def _serve(db_path: Path, requests: Any, replies: Any) -> None:
    """The child: each job on its own thread, with its own connection, until told to end."""
    parent = multiprocessing.parent_process()
    workers: list[threading.Thread] = []
    while True:
        try:
            request = requests.get(timeout=0.5)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                break  # the panel was killed: never run orphaned
            continue
        if request is None:
            break
        worker = threading.Thread(target=_run_job, args=(db_path, *request, replies))
        worker.start()
        workers = [w for w in workers if w.is_alive()] + [worker]
    for worker in workers:
        worker.join()
    replies.put(None)
    replies.close()
    replies.join_thread()


def _run_job(db_path: Path, number: int, job: StoreJob, replies: Any) -> None:
    from copilot.store import Store

    def report(kind: str, value: Any) -> None:
        replies.put(("report", number, kind, value))

    try:
        store = Store(db_path)
        try:
            extra = (report,) if job.reports else ()
            result = job.function(store, *job.args, *extra, **job.kwargs)
        finally:
            store.close()
        # Pickled here, not in the queue's feeder thread: a result that cannot travel
        # must fail this job, not leave its caller waiting.
        payload = pickle.dumps(result)
    except CopilotError as exc:  # expected: bad input, a locked database…
        replies.put(("done", number, False, str(exc)))
    except Exception as exc:  # a bug: keep the traceback, tell the window in one line
        log.error("store job failed:\n%s", traceback.format_exc())
        replies.put(("done", number, False, f"{type(exc).__name__}: {exc}"))
    else:
        replies.put(("done", number, True, payload))
