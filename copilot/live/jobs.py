"""What the live threads hand each other: one job type per kind, and the shared controls."""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from copilot.asr.vad_stream import SpeechChunk
from copilot.events import EngineState, Utterance


@dataclass(frozen=True)
class Transcribe:
    """A cut of speech to transcribe: a final, its closing pause (``ending``) or an interim."""

    chunk: SpeechChunk
    queued_at: float


@dataclass(frozen=True)
class AddText:
    """A finished utterance given as text (a replayed transcript): no recognition."""

    utterance: Utterance


@dataclass(frozen=True)
class RunAction:
    """A change the user asked for, run on the session by the worker that owns it."""

    action: Callable[[Any], None]


@dataclass(frozen=True)
class FinishWork:
    """The segmenter has stopped: finish the session."""


Job = Transcribe | AddText | RunAction | FinishWork

# Finals, closing pauses, text and actions first, in order; interims only behind them;
# the finish after everything queued.
FIRST, INTERIM, LAST = 0, 1, 9


@dataclass(order=True)
class _Entry:
    priority: int
    sequence: int
    job: Job = field(compare=False)


class JobQueue:
    """The inference worker's queue, by priority then arrival. Bounded: faster-than-real-
    time replays wait here instead of piling up audio."""

    def __init__(self, bound: int):
        self._queue: queue.PriorityQueue[_Entry] = queue.PriorityQueue(bound)
        self._sequence = itertools.count()

    def put(self, job: Job, priority: int = FIRST) -> None:
        """Queue a job, waiting while the queue is full."""
        self._queue.put(_Entry(priority, next(self._sequence), job))

    def offer(self, job: Job, priority: int = FIRST) -> bool:
        """Queue a job unless the queue is full (then it is dropped); whether it was queued."""
        try:
            self._queue.put_nowait(_Entry(priority, next(self._sequence), job))
        except queue.Full:
            return False
        return True

    def get(self, timeout: float | None = None) -> Job:
        """The next job. Raises ``queue.Empty`` after ``timeout``."""
        return self._queue.get(timeout=timeout).job

    def empty(self) -> bool:
        """Whether nothing waits."""
        return self._queue.empty()

    def qsize(self) -> int:
        """How many jobs wait."""
        return self._queue.qsize()


@dataclass
class Controls:
    """What the engine, the segmenter and the worker share.

    Attributes:
        status: publishes a status event.
        emit: publishes any event dict.
        stopping: set by ``stop()`` (or a fatal error): the segmenter winds down.
        ready: the worker has loaded the models (or failed to).
        paused: audio is dropped while set.
        done: the session is closed.
        started_at: when listening began (monotonic), for time-based flags.
        error: the message of a fatal error.
    """

    status: Callable[..., None]
    emit: Callable[[dict[str, Any]], None]
    stopping: threading.Event = field(default_factory=threading.Event)
    ready: threading.Event = field(default_factory=threading.Event)
    paused: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    started_at: float = 0.0
    error: str | None = None

    def fail(self, message: str) -> None:
        """A fatal error: remember it and say it."""
        self.error = message
        self.status(EngineState.ERROR, message=message)
