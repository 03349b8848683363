"""The segmenter thread: audio blocks → recording, levels, lag check, VAD → jobs."""

from __future__ import annotations

import queue
import time
from typing import Any

import numpy as np

from copilot.asr.vad_stream import SpeechChunk, StreamingVad
from copilot.audio.capture import SAMPLE_RATE, AudioBlock
from copilot.audio.clock import CaptureClock
from copilot.audio.recorder import StereoRecorder
from copilot.errors import CopilotError
from copilot.events import EngineState
from copilot.live.jobs import INTERIM, LAST, Controls, FinishWork, JobQueue, Transcribe
from copilot.live.options import LiveOptions, SourceFactory


class Segmenter:
    """Opens the sources, cuts each channel into utterances (Silero VAD), writes the
    optional recording, watches and reopens lost devices, and queues transcription jobs.

    Args:
        options: live settings.
        make_sources: makes the audio sources for the audio queue.
        audio: the queue the sources push blocks into.
        jobs: the inference worker's queue.
        controls: what the engine's threads share.
        stop_when_sources_end: stop once every (replay) source has ended.
        allow_no_audio: run without sources (text fed to the worker).
    """

    def __init__(
        self,
        options: LiveOptions,
        make_sources: SourceFactory,
        audio: queue.Queue[AudioBlock],
        jobs: JobQueue,
        controls: Controls,
        stop_when_sources_end: bool = False,
        allow_no_audio: bool = False,
    ):
        self.options = options
        self._make_sources = make_sources
        self._audio = audio
        self._jobs = jobs
        self._controls = controls
        self._stop_when_sources_end = stop_when_sources_end
        self._allow_no_audio = allow_no_audio
        self._status = controls.status
        self.sources: list[Any] = []
        self._last_level: dict[str, float] = {}
        self._clocks: dict[str, CaptureClock] = {}
        # Per device lagging now: the seconds of old audio skipped since it started lagging.
        self._skipped: dict[str, float] = {}
        self._heard: dict[str, float] = {}
        self._restoring: set[str] = set()  # reopened, its audio not flowing yet

    def run(self) -> None:
        """The thread's body: until stopped (or every replay source has ended)."""
        controls, recorder = self._controls, None
        try:
            self.sources = self._make_sources(self._audio)
            if not self.sources and not self._allow_no_audio:
                raise CopilotError("no audio source: both --mic and --loopback are 'none'")
            self._prime_devices()
            if controls.error:
                return
            for source in self.sources:
                if not getattr(source, "starts_cold", False):
                    source.start()
            if self.options.record:
                recorder = StereoRecorder(self.options.record, {s.party for s in self.sources})
            controls.started_at = time.monotonic()
            self._status(EngineState.LISTENING, sources=[s.party for s in self.sources])
            self._pump(recorder)
        except CopilotError as exc:
            controls.fail(str(exc))
        finally:
            for source in self.sources:
                source.stop()
            if recorder is not None:
                recorder.close()
            self._jobs.put(FinishWork(), LAST)  # tells the worker to finish

    def _prime_devices(self) -> None:
        """Open the devices while the models load, and wait until each delivers audio.

        A PulseAudio monitor starts delivering up to two seconds after it is opened, and
        a call whose audio starts within that window is rendered that much late for as long
        as it plays (seen with parec as well as PortAudio, and not cleared by reopening the
        stream; README, "Live capture"). Opening the devices first and saying "listening"
        only once audio flows keeps that window before "listening", whenever the call
        starts. What is heard before then is dropped: nobody is listening yet.
        """
        cold = [s for s in self.sources if getattr(s, "starts_cold", False)]
        for source in cold:
            source.start()
        waiting = {s.party for s in cold}
        give_up = time.monotonic() + self.options.prime_timeout_s
        controls = self._controls
        while not controls.ready.is_set() or (waiting and time.monotonic() < give_up):
            if controls.stopping.is_set():
                return
            try:
                block = self._audio.get(timeout=0.05)
            except queue.Empty:
                continue
            if not block.event:
                waiting.discard(block.party)

    def _pump(self, recorder: StereoRecorder | None) -> None:
        vads = {s.party: StreamingVad(s.party, self.options.vad) for s in self.sources}
        ended: set[str] = set()
        last_reopen = time.monotonic()
        self._heard = {s.party: time.monotonic() for s in self.sources}
        # Devices only: a replay may run faster than real time on purpose.
        self._clocks = {
            s.party: CaptureClock(self.options.max_capture_lag_s)
            for s in self.sources
            if getattr(s, "starts_cold", False)
        }
        controls = self._controls
        while not controls.stopping.is_set():
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
                elif not controls.paused.is_set():
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
        self._controls.emit({"type": "level", "party": block.party, "rms": round(rms, 4)})

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
        for source in self.sources:
            quiet = now - self._heard.get(source.party, now)
            if source.party in self._restoring:
                # A reopened monitor takes up to 2 s to deliver: allow what priming allows.
                quiet -= self.options.prime_timeout_s - self.options.stall_after_s
            if not source.lost and source.party not in ended and quiet > self.options.stall_after_s:
                source.lost = True
                self._status(EngineState.DEVICE_LOST, party=source.party)

    def _reopen_lost(self) -> None:
        for source in self.sources:
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
        job = Transcribe(chunk, time.monotonic())
        if chunk.final:
            self._jobs.put(job)
        elif chunk.ending:
            self._jobs.offer(job)  # queued like a final: its text is the final's if the pause holds
        elif self.options.interim and self._jobs.empty():
            self._jobs.offer(job, INTERIM)  # only when the worker is idle: never ahead of a final
