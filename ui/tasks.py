"""One small task runner for the panel's background work (as Picard does it).

Reading the store, listing devices, analysing a file and stopping the engine all run on a
private ``QThreadPool``; each task's result or error is posted back to the GUI thread and
handed to its callbacks there. An error nobody handles is announced by ``failed``, which
the window shows: background work never fails only on stderr.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from copilot.errors import CopilotError

log = logging.getLogger(__name__)


@dataclass
class _Callbacks:
    name: str
    done: Callable[[Any], None] | None
    failed: Callable[[str], None] | None


class _Task(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], post: Callable[..., None]):
        super().__init__()
        self._number, self._work, self._post = number, work, post

    def run(self) -> None:
        try:
            result = self._work()
        except CopilotError as exc:  # expected: bad input, a locked database…
            self._post(self._number, None, str(exc))
        except Exception as exc:  # a bug: keep the traceback, tell the window in one line
            log.error("background task failed:\n%s", traceback.format_exc())
            self._post(self._number, None, f"{type(exc).__name__}: {exc}")
        else:
            self._post(self._number, result, None)


class TaskRunner(QObject):
    """Runs callables off the GUI thread; their callbacks run on it.

    Args:
        parent: the owning QObject (it must live in the GUI thread).
        threads: how many tasks run at once.
    """

    failed = Signal(str, str)  # task name, message: for errors without their own handler
    _finished = Signal(int, object, object)  # task number, result, error message

    def __init__(self, parent: QObject | None = None, threads: int = 4):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._numbers = itertools.count(1)
        self._callbacks: dict[int, _Callbacks] = {}
        self._running: Counter[str] = Counter()
        # Emitted on a pool thread, received by this object in the GUI thread: queued.
        self._finished.connect(self._deliver)

    def run(
        self,
        name: str,
        work: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Start ``work()`` on a pool thread; then ``done(result)`` or ``failed(message)``
        (else the ``failed`` signal) on the GUI thread."""
        number = next(self._numbers)
        self._callbacks[number] = _Callbacks(name, done, failed)
        self._running[name] += 1
        self._pool.start(_Task(number, work, self._finished.emit))

    def busy(self, name: str) -> bool:
        """Whether a task of this name has not delivered its result yet."""
        return self._running[name] > 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started task has run (at shutdown); True when they have."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _deliver(self, number: int, result: Any, error: str | None) -> None:
        callbacks = self._callbacks.pop(number)
        self._running[callbacks.name] -= 1
        if error is None:
            if callbacks.done is not None:
                callbacks.done(result)
        elif callbacks.failed is not None:
            callbacks.failed(error)
        else:
            self.failed.emit(callbacks.name, error)
