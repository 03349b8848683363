"""The live engine: a segmenter thread and an inference worker thread, and their controls."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from copilot.audio.capture import AudioBlock
from copilot.errors import CopilotError
from copilot.events import EngineState, Utterance
from copilot.live.jobs import AddText, Controls, JobQueue, RunAction
from copilot.live.options import LiveOptions, SourceFactory, default_sources
from copilot.live.segmenter import Segmenter
from copilot.live.worker import InferenceWorker

Listener = Callable[[dict[str, Any]], None]


class LiveEngine:
    """Runs a live session until ``stop()``.

    Args:
        db_path: the session database.
        options: live settings.
        understander_factory: builds the understanding pipeline (in the worker).
        sources: makes the audio sources for a queue; devices by default.
        stop_when_sources_end: stop by itself once every replay source has ended.
        allow_no_audio: run without sources (text fed with ``feed_text``, for replays).
    """

    def __init__(
        self,
        db_path: Path,
        options: LiveOptions | None = None,
        understander_factory: Callable[[Any], Any] | None = None,
        sources: SourceFactory | None = None,
        stop_when_sources_end: bool = False,
        allow_no_audio: bool = False,
    ):
        self.db_path = db_path
        self.options = options or LiveOptions()
        self._listeners: list[Listener] = []
        self._audio: queue.Queue[AudioBlock] = queue.Queue(self.options.audio_queue_blocks)
        self._jobs = JobQueue(self.options.pending_utterances)
        self._controls = Controls(status=self._status, emit=self._emit)
        self.segmenter = Segmenter(
            self.options,
            sources or default_sources(self.options),
            self._audio,
            self._jobs,
            self._controls,
            stop_when_sources_end,
            allow_no_audio,
        )
        self.worker = InferenceWorker(
            db_path, self.options, understander_factory, self._jobs, self._controls
        )
        self._threads = (
            threading.Thread(target=self.worker.run, name="live-inference"),
            threading.Thread(target=self.segmenter.run, name="live-segmenter"),
        )

    # ------------------------------------------------------------------ public

    def subscribe(self, listener: Listener) -> None:
        """Receive every event dict (called from engine threads)."""
        self._listeners.append(listener)

    def start(self) -> None:
        """Load the models (in the worker), then open the sources."""
        self._status(EngineState.LOADING)
        for thread in self._threads:
            thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the session is done; True when it is."""
        return self._controls.done.wait(timeout)

    def stop(self) -> None:
        """Stop capture, finish pending utterances, close the session; waits for the threads."""
        self._controls.stopping.set()
        for thread in self._threads:
            if thread.is_alive() and thread is not threading.current_thread():
                thread.join()

    def pause(self, paused: bool = True) -> None:
        """Stop (or resume) listening without ending the session: audio is dropped."""
        if paused:
            self._controls.paused.set()
        else:
            self._controls.paused.clear()
        self._status(EngineState.PAUSED if paused else EngineState.LISTENING)

    def feed_text(
        self, party: str, text: str, start: float | None = None, end: float | None = None
    ) -> None:
        """Add a finished utterance as text (a replayed transcript), skipping recognition."""
        self._jobs.put(AddText(Utterance(party, text, start=start, end=end)))

    def change_commitment(self, commitment_id: int, **changes: Any) -> None:
        """Log, edit, dismiss or complete a commitment, in the worker that owns the session."""

        def apply(session: Any) -> None:
            from copilot.commitments import change_commitment

            try:
                commitment, _synced = change_commitment(session.store, commitment_id, **changes)
            except CopilotError as exc:
                self._status(EngineState.ERROR, message=str(exc))
                return
            self._emit({"type": "commitment", **commitment.public()})
            if session.coach is not None:
                session.record_flags(session.coach.commitment_changed(commitment))

        self._jobs.put(RunAction(apply))

    def dismiss_flag(self, flag_id: int, dismissed: bool = True) -> None:
        """The user dismissed a flag (or took that back): resolved in the worker that owns
        the session, so the coach does not raise it again and the store and listeners hear
        of it."""

        def apply(session: Any) -> None:
            if session.dismiss_flag(flag_id, dismissed) is None:
                self._status(EngineState.ERROR, message=f"no flag {flag_id} in this session")

        self._jobs.put(RunAction(apply))

    @property
    def done(self) -> bool:
        """Whether the session has ended."""
        return self._controls.done.is_set()

    @property
    def error(self) -> str | None:
        """The message of the error that ended (or would end) the session."""
        return self._controls.error

    @property
    def session_id(self) -> int | None:
        """The session row, once the worker has made it."""
        return self.worker.session_id

    @property
    def model_label(self) -> str | None:
        """The speech model in use, once loaded."""
        return self.worker.model_label

    @property
    def early_finals(self) -> int:
        """Finals whose text was ready from their closing pause."""
        return self.worker.early_finals

    # ------------------------------------------------------------------ events

    def _emit(self, event: dict[str, Any]) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _status(self, state: EngineState, **extra: Any) -> None:
        self._emit({"type": "status", "state": state, **extra})
