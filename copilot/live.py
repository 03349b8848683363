"""Live listening: capture → VAD → one inference worker → session → listeners.

Three kinds of threads, each owning its own things:

- the sources (PortAudio callbacks or replay threads) only push audio blocks to a queue;
- the segmenter cuts each channel into utterances (Silero VAD), writes the optional
  recording, reopens lost devices, and queues transcription jobs;
- the inference worker owns the Whisper model, the spaCy pipeline, its own SQLite
  connection and the ``Session``: finals always go first, interims only when it is idle.

Listeners receive plain dicts in the documented ``listen --json`` schema, from the worker
or segmenter thread; the panel's bridge turns them into queued Qt signals.
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from copilot.asr.utterance import UtteranceAsrOptions
from copilot.asr.vad_stream import SpeechChunk, StreamingVad, StreamVadOptions
from copilot.audio.capture import SAMPLE_RATE, AudioBlock, DeviceSource
from copilot.audio.clock import CaptureClock
from copilot.audio.recorder import StereoRecorder
from copilot.coach.engine import CoachOptions
from copilot.coach.prep import PrepSheet
from copilot.errors import CopilotError
from copilot.events import (
    CommitmentFound,
    EngineState,
    FlagChanged,
    SessionEvent,
    Utterance,
    UtteranceAdded,
)
from copilot.understand.options import UnderstandingOptions
from models.whisper import WhisperSettings

Listener = Callable[[dict[str, Any]], None]
SourceFactory = Callable[[queue.Queue], list[Any]]


@dataclass
class LiveOptions:
    """A live session's settings.

    Attributes:
        mic: your input device (None: the default input; "none": no microphone).
        loopback: the call's audio (None: the default sink's monitor; "none": none).
        record: write a stereo WAV (left you, right them) here; off when None.
        interim: publish interim text.
        meeting_date: ISO date for relative due dates (today when None).
        whisper: the speech model.
        asr: per-utterance decoding options.
        vad: utterance cutting.
        coach: flag thresholds and delays.
        prep: the prep sheet.
        understanding: the understanding pipeline's settings.
        audio_queue_blocks: bound of the capture queue (20 ms blocks).
        pending_utterances: bound of the transcription queue.
        falling_behind_s: finals waiting longer than this mean the machine is behind.
        reopen_every_s: how often a lost device is tried again.
        stall_after_s: a device that delivers nothing this long counts as lost.
        prime_timeout_s: how long after opening the devices to wait for each one's first
            audio before saying "listening" anyway (the models' loading usually takes longer).
        max_capture_lag_s: a device's audio that arrives this much ahead of real time is
            old (held back by the sound server or a stall) and is skipped, said once as a
            ``capture_lag`` status (``copilot.audio.clock``).
    """

    mic: str | None = None
    loopback: str | None = None
    record: Path | None = None
    interim: bool = False
    meeting_date: str | None = None
    whisper: WhisperSettings = field(default_factory=WhisperSettings)
    asr: UtteranceAsrOptions = field(default_factory=UtteranceAsrOptions)
    vad: StreamVadOptions = field(default_factory=StreamVadOptions)
    coach: CoachOptions = field(default_factory=CoachOptions)
    prep: PrepSheet | None = None
    understanding: UnderstandingOptions = field(default_factory=UnderstandingOptions)
    audio_queue_blocks: int = 3000
    pending_utterances: int = 64
    falling_behind_s: float = 3.0
    reopen_every_s: float = 2.0
    stall_after_s: float = 2.0
    prime_timeout_s: float = 3.0
    max_capture_lag_s: float = 0.5


def default_sources(options: LiveOptions) -> SourceFactory:
    """Device sources for the mic and loopback choices ("none" leaves one out)."""

    def make(sink: queue.Queue) -> list[Any]:
        sources = []
        if (options.mic or "").lower() != "none":
            sources.append(DeviceSource("you", options.mic, sink))
        if (options.loopback or "").lower() != "none":
            sources.append(DeviceSource("them", options.loopback or "@DEFAULT_MONITOR@", sink))
        return sources

    return make


@dataclass(order=True)
class _Job:
    priority: int
    sequence: int
    chunk: SpeechChunk | None = field(compare=False, default=None)
    queued_at: float = field(compare=False, default=0.0)
    utterance: Utterance | None = field(compare=False, default=None)  # a replayed line
    action: Callable[[Any], None] | None = field(compare=False, default=None)

    @property
    def is_stop(self) -> bool:
        return self.chunk is None and self.utterance is None and self.action is None


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
        self._understander_factory = understander_factory
        self._make_sources = sources or default_sources(self.options)
        self._stop_when_sources_end = stop_when_sources_end
        self._listeners: list[Listener] = []
        self._audio: queue.Queue[AudioBlock] = queue.Queue(self.options.audio_queue_blocks)
        # Bounded: faster-than-real-time replays wait here instead of piling up audio.
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue(self.options.pending_utterances)
        self._sequence = itertools.count()
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._done = threading.Event()
        self._segmenter = threading.Thread(target=self._segment_loop, name="live-segmenter")
        self._worker = threading.Thread(target=self._work_loop, name="live-inference")
        self._sources: list[Any] = []
        self._started_at = 0.0
        self._behind = False
        self._allow_no_audio = allow_no_audio
        self._paused = threading.Event()
        self._last_level: dict[str, float] = {}
        self._finalised: dict[str, int] = {}
        self._clocks: dict[str, CaptureClock] = {}
        # Per device lagging now: the seconds of old audio skipped since it started lagging.
        self._skipped: dict[str, float] = {}
        # Per channel: the utterance transcribed during its closing pause, for the final.
        self._ending: dict[str, tuple[SpeechChunk, Any]] = {}
        self.early_finals = 0  # finals whose text was ready from their closing pause
        self.session_id: int | None = None
        self.error: str | None = None
        self.model_label: str | None = None

    # ------------------------------------------------------------------ public

    def subscribe(self, listener: Listener) -> None:
        """Receive every event dict (called from engine threads)."""
        self._listeners.append(listener)

    def start(self) -> None:
        """Load the models (in the worker), then open the sources."""
        self._status(EngineState.LOADING)
        self._worker.start()
        self._segmenter.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the session is done; True when it is."""
        return self._done.wait(timeout)

    def stop(self) -> None:
        """Stop capture, finish pending utterances, close the session; waits for the threads."""
        self._stopping.set()
        for thread in (self._segmenter, self._worker):
            if thread.is_alive() and thread is not threading.current_thread():
                thread.join()

    def pause(self, paused: bool = True) -> None:
        """Stop (or resume) listening without ending the session: audio is dropped."""
        if paused:
            self._paused.set()
        else:
            self._paused.clear()
        self._status(EngineState.PAUSED if paused else EngineState.LISTENING)

    def feed_text(
        self, party: str, text: str, start: float | None = None, end: float | None = None
    ) -> None:
        """Add a finished utterance as text (a replayed transcript), skipping recognition."""
        line = Utterance(party, text, start=start, end=end)
        job = _Job(0, next(self._sequence), queued_at=time.monotonic(), utterance=line)
        self._jobs.put(job)

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

        self._jobs.put(_Job(0, next(self._sequence), queued_at=time.monotonic(), action=apply))

    def dismiss_flag(self, flag_id: int) -> None:
        """The user dismissed a flag: resolved in the worker that owns the session, so the
        coach does not raise it again and the store and listeners hear of it."""

        def apply(session: Any) -> None:
            if session.dismiss_flag(flag_id) is None:
                self._status(EngineState.ERROR, message=f"no flag {flag_id} in this session")

        self._jobs.put(_Job(0, next(self._sequence), queued_at=time.monotonic(), action=apply))

    @property
    def done(self) -> bool:
        """Whether the session has ended."""
        return self._done.is_set()

    # ------------------------------------------------------------------ events

    def _emit(self, event: dict[str, Any]) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _status(self, state: EngineState, **extra: Any) -> None:
        self._emit({"type": "status", "state": state, **extra})

    # ------------------------------------------------------------------ segmenter thread

    def _segment_loop(self) -> None:
        recorder = None
        try:
            self._sources = self._make_sources(self._audio)
            if not self._sources and not self._allow_no_audio:
                raise CopilotError("no audio source: both --mic and --loopback are 'none'")
            self._prime_devices()
            if self.error:
                return
            for source in self._sources:
                if not getattr(source, "starts_cold", False):
                    source.start()
            if self.options.record:
                recorder = StereoRecorder(self.options.record, {s.party for s in self._sources})
            self._started_at = time.monotonic()
            self._status(EngineState.LISTENING, sources=[s.party for s in self._sources])
            self._pump(recorder)
        except CopilotError as exc:
            self.error = str(exc)
            self._status(EngineState.ERROR, message=str(exc))
        finally:
            for source in self._sources:
                source.stop()
            if recorder is not None:
                recorder.close()
            self._jobs.put(_Job(9, next(self._sequence)))  # tells the worker to finish

    def _prime_devices(self) -> None:
        """Open the devices while the models load, and wait until each delivers audio.

        A PulseAudio monitor starts delivering up to two seconds after it is opened, and
        a call whose audio starts within that window is rendered that much late for as long
        as it plays (seen with parec as well as PortAudio, and not cleared by reopening the
        stream; README, "Live capture"). Opening the devices first and saying "listening"
        only once audio flows keeps that window before "listening", whenever the call
        starts. What is heard before then is dropped: nobody is listening yet.
        """
        cold = [s for s in self._sources if getattr(s, "starts_cold", False)]
        for source in cold:
            source.start()
        waiting = {s.party for s in cold}
        give_up = time.monotonic() + self.options.prime_timeout_s
        while not self._ready.is_set() or (waiting and time.monotonic() < give_up):
            if self._stopping.is_set():
                return
            try:
                block = self._audio.get(timeout=0.05)
            except queue.Empty:
                continue
            if not block.event:
                waiting.discard(block.party)

    def _pump(self, recorder: StereoRecorder | None) -> None:
        vads = {s.party: StreamingVad(s.party, self.options.vad) for s in self._sources}
        ended: set[str] = set()
        last_reopen = time.monotonic()
        self._heard = {s.party: time.monotonic() for s in self._sources}
        self._restoring: set[str] = set()  # reopened, its audio not flowing yet
        # Devices only: a replay may run faster than real time on purpose.
        self._clocks = {
            s.party: CaptureClock(self.options.max_capture_lag_s)
            for s in self._sources
            if getattr(s, "starts_cold", False)
        }
        while not self._stopping.is_set():
            try:
                block = self._audio.get(timeout=0.1)
            except queue.Empty:
                block = None
            if block is not None:
                self._heard[block.party] = time.monotonic()
                if not block.event and block.party in self._restoring:
                    self._restoring.discard(block.party)
                    # Back once its audio flows, not when it opens (see _prime_devices).
                    self._status(EngineState.LISTENING, party=block.party, restored=True)
                if block.event:
                    ended |= self._source_event(block)
                elif not self._paused.is_set():
                    if recorder is not None:
                        recorder.write(block.party, block.samples)  # the recording keeps all
                    self._level(block)
                    if not self._stale(block):
                        for chunk in vads[block.party].feed(block.samples, block.received_at):
                            self._queue_chunk(chunk)
            self._watch(ended)
            if time.monotonic() - last_reopen >= self.options.reopen_every_s:
                last_reopen = time.monotonic()
                self._reopen_lost()
            if self._stop_when_sources_end and ended >= set(vads):
                break
        now = time.monotonic()
        for vad in vads.values():
            for chunk in vad.flush(now):
                self._queue_chunk(chunk)

    def _stale(self, block: AudioBlock) -> bool:
        """Whether a device's block is too old to transcribe (``CaptureClock``); the first
        of a run says ``capture_lag``, the end of it how much was skipped."""
        clock = self._clocks.get(block.party)
        if clock is None:
            return False
        stale = clock.stale(len(block.samples), block.received_at)
        party = block.party
        if stale:
            if party not in self._skipped:
                self._status(EngineState.CAPTURE_LAG, party=party)
            self._skipped[party] = self._skipped.get(party, 0.0) + len(block.samples) / SAMPLE_RATE
        elif party in self._skipped:
            skipped = round(self._skipped.pop(party), 2)
            self._status(EngineState.LISTENING, party=party, skipped_s=skipped)
        return stale

    def _level(self, block: AudioBlock) -> None:
        """An input level event per party, ten times a second at most (for the meters)."""
        if block.received_at - self._last_level.get(block.party, 0.0) < 0.1 or not len(
            block.samples
        ):
            return
        self._last_level[block.party] = block.received_at
        rms = float(np.sqrt(np.mean(np.square(block.samples))))
        self._emit({"type": "level", "party": block.party, "rms": round(rms, 4)})

    def _source_event(self, block: AudioBlock) -> set[str]:
        if block.event == "ended":
            return {block.party}
        if block.event == "lost":
            self._status(EngineState.DEVICE_LOST, party=block.party)
        elif block.event == "overflow":
            self._status(EngineState.OVERFLOW, party=block.party)
        return set()

    def _watch(self, ended: set[str]) -> None:
        """A source that went silent (no blocks at all, not even zeros) is lost."""
        now = time.monotonic()
        for source in self._sources:
            quiet = now - self._heard.get(source.party, now)
            if source.party in self._restoring:
                # A reopened monitor takes up to 2 s to deliver: allow what priming allows.
                quiet -= self.options.prime_timeout_s - self.options.stall_after_s
            if not source.lost and source.party not in ended and quiet > self.options.stall_after_s:
                source.lost = True
                self._status(EngineState.DEVICE_LOST, party=source.party)

    def _reopen_lost(self) -> None:
        for source in self._sources:
            if not getattr(source, "lost", False) and getattr(source, "gone", lambda: False)():
                # Its PulseAudio source was removed: stop before the stream is moved onto
                # another source (it would capture the wrong side), and try it again later.
                source.stop()
                source.lost = True
                self._status(EngineState.DEVICE_LOST, party=source.party)
                continue
            if getattr(source, "lost", False):
                try:
                    source.stop()
                    source.start()
                except CopilotError:
                    continue
                source.lost = False
                self._heard[source.party] = time.monotonic()
                self._restoring.add(source.party)
                if source.party in self._clocks:
                    self._clocks[source.party].restart()

    def _queue_chunk(self, chunk: SpeechChunk) -> None:
        if chunk.final:
            self._jobs.put(_Job(0, next(self._sequence), chunk, time.monotonic()))
        elif chunk.ending:
            # Queued like a final: its text is the final's if the pause holds.
            with contextlib.suppress(queue.Full):
                self._jobs.put_nowait(_Job(0, next(self._sequence), chunk, time.monotonic()))
        elif self.options.interim and self._jobs.empty():
            # Interims only when the worker is idle: never ahead of a final.
            with contextlib.suppress(queue.Full):
                self._jobs.put_nowait(_Job(1, next(self._sequence), chunk, time.monotonic()))

    # ------------------------------------------------------------------ inference worker

    def _work_loop(self) -> None:
        from copilot.coach.engine import FlagEngine
        from copilot.session import Session
        from copilot.store import Store

        try:
            transcribe, understander = self._load_models()
            store = Store(self.db_path)
        except CopilotError as exc:
            self.error = str(exc)
            self._status(EngineState.ERROR, message=str(exc))
            self._ready.set()
            self._done.set()
            return
        prep = self.options.prep
        self.session_id = store.create_session(
            mode="live",
            source="live",
            meeting_date=self.options.meeting_date,
            prep=prep.to_dict() if prep else None,
            counterpart=prep.counterpart if prep else None,
            recording=str(self.options.record) if self.options.record else None,
        )
        coach = FlagEngine(self.options.coach, prep, live=True)
        session = Session(
            store, self.session_id, understander, coach, self.options.meeting_date, prep
        )
        session.subscribe(self._publish)
        self._status(EngineState.LOADED, model=self.model_label, session_id=self.session_id)
        self._ready.set()
        try:
            self._serve(session, transcribe)
        except sqlite3.Error as exc:
            # Disk full, a read-only file: stop capturing; what was stored stays stored.
            self.error = f"cannot write the database {self.db_path}: {exc}"
            self._status(EngineState.ERROR, message=self.error)
            self._stopping.set()
            self._drain()
        finally:
            with contextlib.suppress(sqlite3.Error):
                session.finish("done" if not self.error else "interrupted")
            store.close()
            self._status(EngineState.DONE, session_id=self.session_id)
            self._done.set()

    def _drain(self) -> None:
        """Discard queued work until the segmenter's stop (it may be waiting on a full queue)."""
        while not self._jobs.get().is_stop:
            pass

    def _load_models(self) -> tuple[Any, Any]:
        from copilot.asr.utterance import UtteranceTranscriber
        from models.whisper import load_whisper

        model, resolved = load_whisper(self.options.whisper)
        self.model_label = resolved.label
        asr = self.options.asr
        if self.options.prep and self.options.prep.hotwords() and not asr.hotwords:
            from dataclasses import replace

            asr = replace(asr, hotwords=self.options.prep.hotwords())
        understander = (
            self._understander_factory(self.options.understanding)
            if self._understander_factory
            else None
        )
        transcriber = UtteranceTranscriber(model, asr)
        # One pass of each before "listening": the first real utterance should not pay for
        # lazy initialisation (onnxruntime sessions, CTranslate2 buffers, spaCy's vectors).
        transcriber(np.zeros(SAMPLE_RATE, dtype=np.float32))
        if understander is not None:
            understander.understand("Thanks, that works.", "you", understander.new_context())
        return transcriber, understander

    def _serve(self, session: Any, transcribe: Any) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=0.5)
            except queue.Empty:
                self._tick(session)
                continue
            if job.is_stop:
                return
            if job.action is not None:
                job.action(session)
            elif job.utterance is not None:
                self._add(session, job.utterance, None)
            elif job.chunk is not None:
                self._recognise(session, transcribe, job)
            self._tick(session)

    def _recognise(self, session: Any, transcribe: Any, job: _Job) -> None:
        self._check_backlog(job)
        chunk = job.chunk
        assert chunk is not None
        finalised = chunk.utterance_no <= self._finalised.get(chunk.channel, -1)
        if not chunk.final and (finalised or (not chunk.ending and not self._jobs.empty())):
            return  # stale: a final is waiting, or this utterance is already final
        result = self._early_result(chunk) if chunk.final else None
        if result is None:
            result = transcribe(chunk.samples)
        if chunk.ending:
            self._ending[chunk.channel] = (chunk, result)
        if not result.text or (chunk.ending and not self.options.interim):
            return  # an ending is shown as interim text only when interims are asked for
        if chunk.final:
            self._finalised[chunk.channel] = chunk.utterance_no
            start, end = round(chunk.start, 2), round(chunk.end, 2)
            heard = Utterance(
                chunk.channel, result.text, start=start, end=end, avg_logprob=result.avg_logprob
            )
            self._add(session, heard, chunk)
            return
        self._emit(
            {
                "type": "utterance",
                "interim": True,
                "party": chunk.channel,
                "utterance_no": chunk.utterance_no,
                "text": result.text,
                "start": round(chunk.start, 2),
                "speech_start": chunk.speech_start_at,
                "emitted": time.monotonic(),
            }
        )

    def _early_result(self, final: SpeechChunk) -> Any:
        """The text found for ``final`` during its closing pause, if the audio is the same."""
        ending, result = self._ending.pop(final.channel, (None, None))
        if (
            ending is None
            or ending.utterance_no != final.utterance_no
            or not np.array_equal(ending.samples, final.samples)
        ):
            return None
        self.early_finals += 1
        return result

    def _add(self, session: Any, heard: Utterance, chunk: SpeechChunk | None) -> None:
        session.add_utterance(heard, source=chunk)
        if session.coach is not None:
            self._emit({"type": "metrics", **session.coach.report()})

    def _tick(self, session: Any) -> None:
        if self._started_at:
            session.tick(time.monotonic() - self._started_at)

    def _check_backlog(self, job: _Job) -> None:
        waited = time.monotonic() - job.queued_at if job.chunk else 0.0
        behind = (
            job.chunk is not None and job.chunk.final and waited > self.options.falling_behind_s
        )
        if behind != self._behind:
            self._behind = behind
            self._status(
                EngineState.FALLING_BEHIND if behind else EngineState.LISTENING,
                waited=round(waited, 2),
            )

    def _publish(self, event: SessionEvent) -> None:
        """Session events → the documented JSON dicts."""
        if isinstance(event, UtteranceAdded):
            data = {"type": "utterance", **event.utterance.public()}
            chunk = event.source
            if isinstance(chunk, SpeechChunk):
                data["utterance_no"] = chunk.utterance_no
                data["speech_end"] = chunk.speech_end_at
            data["emitted"] = time.monotonic()
            self._emit(data)
        elif isinstance(event, FlagChanged):
            self._emit({"type": "flag", **event.flag.public(), "emitted": time.monotonic()})
        elif isinstance(event, CommitmentFound):
            self._emit({"type": "commitment", **event.commitment.public()})
