"""The inference worker thread: jobs → Whisper → the session (spaCy, SQLite, coach) → events."""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from copilot.asr.vad_stream import SpeechChunk
from copilot.audio.capture import SAMPLE_RATE
from copilot.audio.voice_profile import Heard
from copilot.errors import CopilotError
from copilot.events import (
    CommitmentFound,
    EngineState,
    FlagChanged,
    Party,
    SessionEvent,
    Utterance,
    UtteranceAdded,
)
from copilot.live.jobs import AddText, Controls, FinishWork, JobQueue, RunAction, Transcribe
from copilot.live.options import LiveOptions


class InferenceWorker:
    """Owns the Whisper model, the spaCy pipeline, its own SQLite connection and the
    ``Session``: finals always go first, interims only when it is idle.

    Args:
        db_path: the session database.
        options: live settings.
        understander_factory: builds the understanding pipeline (here, on this thread).
        jobs: the queue the segmenter and the engine's commands fill.
        controls: what the engine's threads share.
    """

    def __init__(
        self,
        db_path: Path,
        options: LiveOptions,
        understander_factory: Callable[[Any], Any] | None,
        jobs: JobQueue,
        controls: Controls,
    ):
        self.db_path = db_path
        self.options = options
        self._understander_factory = understander_factory
        self._jobs = jobs
        self._controls = controls
        self._status = controls.status
        self._emit = controls.emit
        self._behind = False
        self._finalised: dict[str, int] = {}
        # Per channel: the utterance transcribed during its closing pause, for the final.
        self._ending: dict[str, tuple[SpeechChunk, Any]] = {}
        self.early_finals = 0  # finals whose text was ready from their closing pause
        self.session_id: int | None = None
        self.model_label: str | None = None
        self._room: RoomVoices | None = None
        self._call_speech = CallSpeech() if self._learns_voice() else None

    def run(self) -> None:
        """The thread's body: load, open the session, serve jobs until the finish."""
        from copilot.coach.engine import FlagEngine
        from copilot.session import Session
        from copilot.store import Store

        controls = self._controls
        try:
            transcribe, understander = self._load_models()
            store = Store(self.db_path)
        except CopilotError as exc:
            controls.fail(str(exc))
            controls.ready.set()
            controls.done.set()
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
        controls.ready.set()
        try:
            self._serve(session, transcribe)
        except sqlite3.Error as exc:
            # Disk full, a read-only file: stop capturing; what was stored stays stored.
            controls.fail(f"cannot write the database {self.db_path}: {exc}")
            controls.stopping.set()
            self._drain()
        finally:
            with contextlib.suppress(sqlite3.Error):
                session.finish("done" if not controls.error else "interrupted")
            store.close()
            if self._call_speech is not None:
                self._learn_voice(self._call_speech)
            self._status(EngineState.DONE, session_id=self.session_id)
            controls.done.set()

    def _learns_voice(self) -> bool:
        options = self.options
        return bool(options.voice_profile and options.learn_voice and not options.one_room)

    def _learn_voice(self, speech: CallSpeech) -> None:
        """Your microphone's speech into your voice profile (a problem is said, not raised:
        the session is stored already). Without headphones the microphone also hears the
        other side: an utterance of yours said while they spoke, in their voice, is their
        echo, and is left out (``without_echo``)."""
        from copilot.audio.diarize import embed_speech
        from copilot.audio.voice_profile import MIN_SPEECH_S, learn_profile, without_echo
        from models.campplus_encoder import CamPlusEncoder

        if not speech.mine:
            return
        assert self.options.voice_profile is not None
        try:
            encoder = CamPlusEncoder()
            mine = without_echo(speech.mine, speech.theirs, encoder.embed_windows)
            kept = sum(len(part.samples) for part in mine) / SAMPLE_RATE
            echoed = sum(len(part.samples) for part in speech.mine) / SAMPLE_RATE - kept
            if echoed > kept and kept < MIN_SPEECH_S:
                self._status(
                    EngineState.ERROR,
                    message="voice profile not updated: your microphone mostly heard the "
                    "other side's voice (their echo: use headphones)",
                )
                return
            samples = np.concatenate([part.samples for part in mine])
            embedding, seconds = embed_speech(samples, encoder.embed_windows)
            if embedding is not None:
                learn_profile(self.options.voice_profile, embedding, seconds)
        except (CopilotError, OSError) as exc:
            self._status(EngineState.ERROR, message=f"voice profile not updated: {exc}")

    def _drain(self) -> None:
        """Discard queued work until the segmenter's finish (it may wait on a full queue)."""
        while not isinstance(self._jobs.get(), FinishWork):
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
        if self.options.one_room:
            self._room = RoomVoices.load(self.options.voice_profile)
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
            if isinstance(job, FinishWork):
                return
            if isinstance(job, RunAction):
                job.action(session)
            elif isinstance(job, AddText):
                self._add(session, job.utterance, None)
            elif isinstance(job, Transcribe):
                self._recognise(session, transcribe, job)
            self._tick(session)

    def _recognise(self, session: Any, transcribe: Any, job: Transcribe) -> None:
        self._check_backlog(job)
        chunk = job.chunk
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
            party = chunk.channel if self._room is None else self._room.party(chunk.samples)
            if self._call_speech is not None:
                self._call_speech.add(party, Heard(chunk.start, chunk.end, chunk.samples))
            heard = Utterance(
                party, result.text, start=start, end=end, avg_logprob=result.avg_logprob
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
        started_at = self._controls.started_at
        if started_at:
            session.tick(time.monotonic() - started_at)

    def _check_backlog(self, job: Transcribe) -> None:
        waited = time.monotonic() - job.queued_at
        behind = job.chunk.final and waited > self.options.falling_behind_s
        if behind != self._behind:
            self._behind = behind
            state = EngineState.FALLING_BEHIND if behind else EngineState.LISTENING
            self._status(state, waited=round(waited, 2))

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


class CallSpeech:
    """Each side's finished utterances, up to its first minute, for the voice profile:
    yours to learn from, theirs to recognise their voice when your microphone echoes it."""

    LIMIT_S = 60.0

    def __init__(self) -> None:
        self.mine: list[Heard] = []
        self.theirs: list[Heard] = []

    def add(self, party: Party, heard: Heard) -> None:
        kept = self.mine if party == Party.YOU else self.theirs
        if sum(part.end - part.start for part in kept) < self.LIMIT_S:
            kept.append(heard)


class RoomVoices:
    """Who spoke, in a room one microphone hears: you when the voice matches your profile.

    Args:
        profile: your voice profile; None when there is none (every party is unknown).
        encoder: the voice encoder (needed with a profile).
    """

    def __init__(self, profile: Any, encoder: Any):
        self._profile, self._encoder = profile, encoder

    @classmethod
    def load(cls, path: Path | None) -> RoomVoices:
        """From the profile's file (none, or a missing file: parties stay unknown)."""
        from copilot.audio.voice_profile import load_profile

        profile = load_profile(path) if path is not None else None
        if profile is None:
            return cls(None, None)
        from models.campplus_encoder import CamPlusEncoder

        return cls(profile, CamPlusEncoder())

    def party(self, samples: np.ndarray) -> Party:
        """You when the utterance's voice matches your profile (``UTTERANCE_MATCH``), else
        them."""
        from copilot.audio.voice_profile import sounds_like

        if self._profile is None:
            return Party.UNKNOWN
        mine = sounds_like(self._encoder.embed_windows, samples, self._profile.embedding)
        return Party.YOU if mine else Party.THEM
