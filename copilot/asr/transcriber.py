"""Whole-track transcription for recordings.

A recording's track is cut by faster-whisper's Silero VAD and transcribed in one call, so
analysing a file costs about what bare faster-whisper costs. Whisper glues the VAD's speech
chunks together, so one segment can span two turns with the other party's speech between
them; word timestamps let such a segment be split where its words stop for longer than a
pause within a turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from faster_whisper import WhisperModel


# Less speech than this after the VAD is no reason to ask Whisper twice.
MIN_SPEECH_S = 0.5
# A pass whose segments span less than this share of the speech the VAD heard dropped most
# of it (``transcribe_track``); a pass that hears the speech spans about all of it.
MOST_DROPPED = 0.3


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
    """Offline decoding options (the live path has its own, ``UtteranceAsrOptions``).

    Offline nothing waits on latency, so decoding is faster-whisper's default (beam search
    of 5); ``fast()`` is greedy decoding for those who want speed over accuracy.

    Attributes:
        language: the spoken language (tiny.en knows only English).
        beam_size: 5 is faster-whisper's default; 1 is greedy decoding.
        condition_on_previous_text: off, so one misheard turn does not derail the next.
        hotwords: words to bias toward (issue names from the prep sheet).
        split_gap: a silence between two words longer than this (seconds) ends an
            utterance; it needs word timestamps (about 7% more time on tiny.en).
        vad: the VAD settings.
        seed: the seed of the temperature fallback's random sampling, set before each pass,
            so one file gives the same words every time it is analysed on one machine;
            None leaves CTranslate2's own (a new draw each run).
    """

    language: str = "en"
    beam_size: int = 5
    condition_on_previous_text: bool = False
    hotwords: str | None = None
    split_gap: float | None = 0.8
    vad: VadSettings = field(default_factory=VadSettings)
    seed: int | None = 0

    @classmethod
    def fast(cls) -> AsrOptions:
        """Greedy decoding (``analyze --fast``): about half the time, some accuracy lost."""
        return cls(beam_size=1)

    def transcribe_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``WhisperModel.transcribe``."""
        return {
            "language": self.language,
            "beam_size": self.beam_size,
            "condition_on_previous_text": self.condition_on_previous_text,
            "hotwords": self.hotwords,
            "vad_filter": True,
            "vad_parameters": asdict(self.vad),
            "word_timestamps": self.split_gap is not None,
        }


@dataclass
class RecognisedWord:
    """One word with its times (seconds from the start of the track)."""

    start: float
    end: float
    text: str


@dataclass
class RecognisedSegment:
    """One utterance as recognised: times in seconds from the start of the track, and its
    words when word timestamps were on."""

    start: float
    end: float
    text: str
    avg_logprob: float
    words: list[RecognisedWord] = field(default_factory=list)


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
    kwargs = options.transcribe_kwargs()
    _seed(options.seed)
    found, heard = _recognise(model, samples, kwargs, options.split_gap, on_progress)
    if heard >= MIN_SPEECH_S and _spoken(found) < MOST_DROPPED * heard:
        # The VAD heard speech, yet Whisper called most of it silence. When a 30 s window's
        # beam search fails the log-probability or compression check, the temperature
        # fallback samples at random, and the no-speech check (probability > 0.6 with a
        # low log-probability) can then drop the whole window. That dropped 24 s of clear
        # synthesised speech in most runs here, and with 2 of 12 seeds on this machine all
        # of a two-voice practice track whose plain beam search reads every sentence. The
        # VAD has already judged what is speech: ask once more with the beam search alone
        # (no sampling) and without that check, and keep whichever pass heard more.
        kwargs.update(temperature=0.0, no_speech_threshold=None)
        again, _heard = _recognise(model, samples, kwargs, options.split_gap, on_progress)
        if _spoken(again) > _spoken(found):
            found = again
    yield from found


def _seed(seed: int | None) -> None:
    if seed is not None:
        import ctranslate2  # faster-whisper's own dependency, loaded with the model

        ctranslate2.set_random_seed(seed)


def _spoken(segments: list[RecognisedSegment]) -> float:
    return sum(segment.end - segment.start for segment in segments)


def _recognise(
    model: WhisperModel,
    samples: np.ndarray,
    kwargs: dict[str, Any],
    split_gap: float | None,
    on_progress: Callable[[float], None] | None,
) -> tuple[list[RecognisedSegment], float]:
    """The track's segments, and the seconds of speech the VAD heard (0 when the model does
    not say: no second pass)."""
    segments, info = model.transcribe(samples, **kwargs)
    found: list[RecognisedSegment] = []
    for segment in segments:
        if on_progress is not None:
            on_progress(segment.end)
        if split_gap is None or not segment.words:
            pieces = list(_segment(segment.start, segment.end, segment.text, segment.avg_logprob))
        else:
            words = [RecognisedWord(float(w.start), float(w.end), w.word) for w in segment.words]
            pieces = [
                piece
                for group in split_words(words, split_gap)
                for piece in _segment(group[0].start, group[-1].end, "", segment.avg_logprob, group)
            ]
        found += pieces
    heard = getattr(info, "duration_after_vad", None)
    return found, 0.0 if heard is None else float(heard)


def split_words(words: list[RecognisedWord], gap: float) -> list[list[RecognisedWord]]:
    """Groups of consecutive words, split where a silence is longer than ``gap`` seconds."""
    groups: list[list[RecognisedWord]] = [[words[0]]] if words else []
    for word in words[1:]:
        if word.start - groups[-1][-1].end > gap:
            groups.append([])
        groups[-1].append(word)
    return groups


def _segment(
    start: float,
    end: float,
    text: str,
    avg_logprob: float,
    words: list[RecognisedWord] | None = None,
) -> Iterator[RecognisedSegment]:
    text = "".join(w.text for w in words) if words else text
    if text.strip():
        yield RecognisedSegment(start, end, text.strip(), avg_logprob, list(words or []))
