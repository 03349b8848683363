"""A live session's settings, and the device sources they describe."""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.asr.utterance import UtteranceAsrOptions
from copilot.asr.vad_stream import StreamVadOptions
from copilot.audio.capture import DeviceSource
from copilot.coach.engine import CoachOptions
from copilot.coach.prep import PrepSheet
from copilot.understand.options import UnderstandingOptions
from models.whisper import WhisperSettings

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
        voice_profile: your voice profile's file. With no call audio (``loopback`` is
            "none": one microphone hears the whole room) each utterance is "you" when it
            matches the profile and "them" when not; without a profile, "unknown".
        learn_voice: with call audio, average the first minute of your microphone's
            speech into ``voice_profile`` when the session ends (not for a replayed
            recording: its "you" side may be anyone).
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
    voice_profile: Path | None = None
    learn_voice: bool = True

    @property
    def one_room(self) -> bool:
        """One microphone hears both sides: no call audio, so the voice tells the party."""
        no_call = (self.loopback or "").lower() == "none"
        return no_call and (self.mic or "").lower() != "none"


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
