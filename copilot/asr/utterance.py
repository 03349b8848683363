"""One VAD-cut utterance to text, fast: a short encoder window instead of Whisper's 30 s.

Whisper pads every input to 30 s, so on two cores most of a short utterance's cost is the
encoder working on silence. CTranslate2 encodes shorter windows too; below ~10 s the
greedy decoder starts to repeat itself, so the window is max(``min_window_s``, the
utterance), the output length is bounded by the duration and n-grams may not repeat.
``window="full"`` keeps Whisper's 30 s window, for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

SAMPLE_RATE = 16000
FRAMES_PER_SECOND = 100


@dataclass
class UtteranceAsrOptions:
    """How one utterance is decoded.

    Attributes:
        window: "short" (max(min_window_s, utterance)) or "full" (Whisper's 30 s).
        min_window_s: the shortest encoder window.
        tokens_per_second: with ``extra_tokens``, bounds the output length.
        extra_tokens: added to the length bound.
        no_repeat_ngram_size: n-grams that may not repeat (stops decoder loops).
        hotwords: words to bias toward (the prep sheet's issue names).
    """

    window: str = "short"
    min_window_s: float = 10.0
    tokens_per_second: float = 8.0
    extra_tokens: int = 12
    no_repeat_ngram_size: int = 4
    hotwords: str | None = None


@dataclass
class Transcript:
    """Text of one utterance and the decoder's mean log-probability."""

    text: str
    avg_logprob: float


class UtteranceTranscriber:
    """Transcribes single utterances with a loaded faster-whisper model.

    Args:
        model: the faster-whisper model (owned by the inference worker).
        options: decoding options.
    """

    def __init__(self, model: WhisperModel, options: UtteranceAsrOptions | None = None):
        from faster_whisper.tokenizer import Tokenizer

        self.model = model
        self.options = options or UtteranceAsrOptions()
        self.tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
        )
        self._prompt = model.get_prompt(
            self.tokenizer, [], without_timestamps=True, hotwords=self.options.hotwords
        )
        self._suppress = _suppressed_tokens(self.tokenizer)

    def __call__(self, samples: np.ndarray) -> Transcript:
        """Transcribe 16 kHz mono float32 samples."""
        duration = len(samples) / SAMPLE_RATE
        if self.options.window == "full":
            window = self.model.feature_extractor.chunk_length
        else:
            window = max(self.options.min_window_s, duration)
        window_samples = int(window * SAMPLE_RATE)
        padded = np.zeros(window_samples, dtype=np.float32)
        padded[: min(len(samples), window_samples)] = samples[:window_samples]
        features = self.model.feature_extractor(padded)[:, : int(window * FRAMES_PER_SECOND)]
        encoded = self.model.encode(features)
        max_length = int(duration * self.options.tokens_per_second + self.options.extra_tokens)
        max_length = min(max_length + len(self._prompt), self.model.max_length)
        result = self.model.model.generate(
            encoded,
            [self._prompt],
            beam_size=1,
            max_length=max_length,
            no_repeat_ngram_size=self.options.no_repeat_ngram_size,
            suppress_blank=True,
            suppress_tokens=self._suppress,
            return_scores=True,
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < self.tokenizer.eot]
        text = self.tokenizer.decode(tokens).strip()
        score = result.scores[0] if result.scores else 0.0
        return Transcript(text, float(score))


def _suppressed_tokens(tokenizer) -> list[int]:
    from faster_whisper.transcribe import get_suppressed_tokens

    return list(get_suppressed_tokens(tokenizer, [-1]))
