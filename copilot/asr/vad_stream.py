"""Streaming utterance cutting with faster-whisper's Silero VAD, one instance per channel.

Audio arrives in blocks of any size; speech probability is computed per 32 ms window
(512 samples with 64 samples of context, as faster-whisper runs the model). An utterance
ends after ``min_silence_ms`` of silence or is cut at ``max_utterance_s``; while one is in
progress, a snapshot is offered every ``interim_every_s`` for interim text.

After ``early_final_ms`` of silence (long enough to hold the final's trailing pad) the
utterance is offered once as it will be cut if the silence holds (``ending``): its audio is
exactly the final's, so the transcriber can start on it while the VAD still waits out
``min_silence_ms``, and the final reuses the text. A pause that turns out to be mid-sentence
only costs one wasted transcription.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16000
WINDOW = 512
CONTEXT = 64


@dataclass
class StreamVadOptions:
    """Streaming VAD settings.

    Attributes:
        threshold: speech probability that starts or continues speech.
        neg_threshold: below this a window counts as silence.
        min_silence_ms: silence that ends an utterance.
        min_speech_ms: shorter bursts are dropped (coughs, clicks).
        pad_ms: audio kept before the first and after the last speech window.
        max_utterance_s: an utterance this long is cut.
        interim_every_s: offer a snapshot for interim text this often during speech.
        early_final_ms: silence after which the utterance is offered as it would end
            (``SpeechChunk.ending``); 0 turns this off. Below ``pad_ms`` it is raised to it,
            so the offered audio is the final's.
    """

    threshold: float = 0.5
    neg_threshold: float = 0.35
    min_silence_ms: int = 500
    min_speech_ms: int = 250
    pad_ms: int = 200
    max_utterance_s: float = 15.0
    interim_every_s: float = 0.6
    early_final_ms: int = 250


@dataclass
class SpeechChunk:
    """A cut utterance (``final``) or a snapshot of one in progress.

    Attributes:
        channel: the party whose channel it came from.
        samples: 16 kHz mono float32 audio (padded).
        start, end: seconds of speech from the start of the channel's stream.
        speech_end_at: ``time.monotonic()`` when the last speech window was received.
        speech_start_at: ``time.monotonic()`` when the first speech window was received.
        final: a finished utterance, not a snapshot.
        utterance_no: counts utterances per channel, shared by its snapshots.
        ending: a snapshot taken in a pause, holding exactly the audio the final will have
            if the pause lasts (same ``utterance_no`` and ``end``).
    """

    channel: str
    samples: np.ndarray
    start: float
    end: float
    speech_end_at: float
    speech_start_at: float
    final: bool
    utterance_no: int
    ending: bool = False


@dataclass
class _State:
    buffer: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    context: np.ndarray = field(default_factory=lambda: np.zeros(CONTEXT, dtype=np.float32))
    history: list[np.ndarray] = field(default_factory=list)
    samples_seen: int = 0
    in_speech: bool = False
    speech_start: int = 0
    last_speech_end: int = 0
    silence: int = 0
    start_at: float = 0.0
    last_speech_at: float = 0.0
    last_snapshot: int = 0
    utterance_no: int = 0
    ending_offered: bool = False


class StreamingVad:
    """Cuts one channel's audio into utterances as it arrives.

    Args:
        channel: the party of this channel.
        options: VAD settings.
    """

    def __init__(self, channel: str, options: StreamVadOptions | None = None):
        from faster_whisper.vad import get_vad_model

        self.channel = channel
        self.options = options or StreamVadOptions()
        self._model = get_vad_model()
        self._state = _State()
        self._h = np.zeros((1, 1, 128), dtype="float32")
        self._c = np.zeros((1, 1, 128), dtype="float32")
        self._pad = int(self.options.pad_ms * SAMPLE_RATE / 1000)
        early = self.options.early_final_ms
        self._early = max(early, self.options.pad_ms) * SAMPLE_RATE // 1000 if early else 0
        self._keep = self._pad + int(self.options.max_utterance_s * SAMPLE_RATE) + WINDOW

    @property
    def in_speech(self) -> bool:
        """Whether an utterance is in progress."""
        return self._state.in_speech

    def feed(self, samples: np.ndarray, received_at: float) -> list[SpeechChunk]:
        """Add audio; returns the chunks (finals and snapshots) it completes."""
        state = self._state
        state.buffer = np.concatenate([state.buffer, samples.astype(np.float32, copy=False)])
        usable = len(state.buffer) // WINDOW * WINDOW
        if usable == 0:
            return []
        windows, state.buffer = state.buffer[:usable], state.buffer[usable:]
        probs = self._probabilities(windows)
        out: list[SpeechChunk] = []
        for index, prob in enumerate(probs):
            window = windows[index * WINDOW : (index + 1) * WINDOW]
            out += self._step(float(prob), window, received_at)
        return out

    def flush(self, received_at: float) -> list[SpeechChunk]:
        """End the stream: an utterance in progress becomes final."""
        if not self._state.in_speech:
            return []
        return self._cut(received_at)

    def _probabilities(self, windows: np.ndarray) -> np.ndarray:
        batch = windows.reshape(-1, WINDOW)
        contexts = np.vstack([self._state.context[None, :], batch[:-1, -CONTEXT:]])
        self._state.context = batch[-1, -CONTEXT:].copy()
        stacked = np.concatenate([contexts, batch], axis=1).astype(np.float32)
        # The model runs a batch as a sequence, carrying its LSTM state from window to
        # window; carrying it across calls too makes the cuts independent of block size.
        inputs = {"input": stacked, "h": self._h, "c": self._c}
        output, self._h, self._c = self._model.session.run(None, inputs)
        return np.asarray(output).reshape(-1)

    def _step(self, prob: float, window: np.ndarray, received_at: float) -> list[SpeechChunk]:
        state, options = self._state, self.options
        state.history.append(window)
        position = state.samples_seen
        state.samples_seen += WINDOW
        if len(state.history) * WINDOW > self._keep:
            state.history.pop(0)
        if not state.in_speech:
            if prob >= options.threshold:
                state.in_speech = True
                state.speech_start = position
                state.last_speech_end = position + WINDOW
                state.silence = 0
                state.start_at = received_at
                state.last_speech_at = received_at
                state.last_snapshot = position
            return []
        if prob >= options.neg_threshold:
            if prob >= options.threshold or state.silence == 0:
                state.last_speech_end = position + WINDOW
                state.last_speech_at = received_at
            if prob >= options.threshold:
                state.silence = 0
                state.ending_offered = False  # speech resumed: the pause was mid-sentence
            else:
                state.silence += WINDOW
        else:
            state.silence += WINDOW
        length = state.last_speech_end - state.speech_start
        if state.silence >= options.min_silence_ms * SAMPLE_RATE / 1000:
            return self._cut(received_at)
        if length >= options.max_utterance_s * SAMPLE_RATE:
            return self._cut(received_at)
        if self._early and state.silence >= self._early and not state.ending_offered:
            state.ending_offered = True
            if length * 1000 < options.min_speech_ms * SAMPLE_RATE:
                return []  # too short to be kept as a final either
            chunk = self._chunk(final=True)
            chunk.final, chunk.ending = False, True
            return [chunk]
        if position + WINDOW - state.last_snapshot >= options.interim_every_s * SAMPLE_RATE:
            state.last_snapshot = position + WINDOW
            return [self._chunk(final=False)]
        return []

    def _audio(self, begin: int, end: int) -> np.ndarray:
        state = self._state
        first = state.samples_seen - len(state.history) * WINDOW
        joined = np.concatenate(state.history) if state.history else np.zeros(0, np.float32)
        return joined[max(0, begin - first) : max(0, end - first)]

    def _chunk(self, final: bool) -> SpeechChunk:
        state = self._state
        begin = max(0, state.speech_start - self._pad)
        end = (
            min(state.samples_seen, state.last_speech_end + self._pad)
            if final
            else state.samples_seen
        )
        return SpeechChunk(
            self.channel,
            self._audio(begin, end),
            state.speech_start / SAMPLE_RATE,
            (state.last_speech_end if final else state.samples_seen) / SAMPLE_RATE,
            state.last_speech_at,
            state.start_at,
            final,
            state.utterance_no,
        )

    def _cut(self, received_at: float) -> list[SpeechChunk]:
        state = self._state
        state.in_speech = False
        length_ms = (state.last_speech_end - state.speech_start) * 1000 / SAMPLE_RATE
        chunk = self._chunk(final=True)
        state.utterance_no += 1
        state.silence = 0
        state.ending_offered = False
        if length_ms < self.options.min_speech_ms:
            return []
        return [chunk]
