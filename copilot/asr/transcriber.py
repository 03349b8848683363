"""Whole-track transcription for recordings.

A recording's track is cut by faster-whisper's Silero VAD and transcribed in one call, so
analysing a file costs what bare faster-whisper costs; each recognised segment becomes an
utterance of that track's party.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from faster_whisper import WhisperModel


@dataclass
class VadSettings:
    """Silero VAD settings (faster-whisper's ``VadOptions`` fields).

    Attributes:
        threshold: speech probability above which a frame is speech.
        min_silence_duration_ms: silence that ends an utterance.
        speech_pad_ms: padding kept around each speech chunk.
        max_speech_duration_s: a longer chunk is cut.
    """

    threshold: float = 0.5
    min_silence_duration_ms: int = 500
    speech_pad_ms: int = 200
    max_speech_duration_s: float = 15.0


@dataclass
class AsrOptions:
    """Decoding options shared by the analyser and its benchmark baseline.

    Attributes:
        language: the spoken language (tiny.en knows only English).
        beam_size: 1 is greedy decoding, the fastest on two cores.
        condition_on_previous_text: off, so one misheard turn does not derail the next.
        hotwords: words to bias toward (issue names from the prep sheet).
        vad: the VAD settings.
    """

    language: str = "en"
    beam_size: int = 1
    condition_on_previous_text: bool = False
    hotwords: str | None = None
    vad: VadSettings = field(default_factory=VadSettings)

    def transcribe_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``WhisperModel.transcribe``."""
        return {
            "language": self.language,
            "beam_size": self.beam_size,
            "condition_on_previous_text": self.condition_on_previous_text,
            "hotwords": self.hotwords,
            "vad_filter": True,
            "vad_parameters": asdict(self.vad),
        }


@dataclass
class RecognisedSegment:
    """One utterance as recognised: times in seconds from the start of the track."""

    start: float
    end: float
    text: str
    avg_logprob: float


def transcribe_track(
    model: WhisperModel,
    samples: np.ndarray,
    options: AsrOptions,
    on_progress: Callable[[float], None] | None = None,
) -> Iterator[RecognisedSegment]:
    """Transcribe one party's track.

    Args:
        model: a loaded faster-whisper model.
        samples: 16 kHz mono float32 audio.
        options: decoding options.
        on_progress: called with the seconds of audio done so far.

    Yields:
        Segments with non-empty text, in time order.
    """
    segments, _info = model.transcribe(samples, **options.transcribe_kwargs())
    for segment in segments:
        if on_progress is not None:
            on_progress(segment.end)
        text = segment.text.strip()
        if text:
            yield RecognisedSegment(segment.start, segment.end, text, segment.avg_logprob)
