"""Streaming VAD and short-window utterance transcription on real speech."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.asr.utterance import UtteranceAsrOptions, UtteranceTranscriber
from copilot.asr.vad_stream import StreamingVad, StreamVadOptions
from tests.wer import word_error_rate

JFK = (
    "And so my fellow Americans, ask not what your country can do for you,"
    " ask what you can do for your country."
)


@pytest.fixture(scope="module")
def jfk_samples(jfk_flac):
    from faster_whisper.audio import decode_audio

    return decode_audio(str(jfk_flac))


def _stream(samples, options=None, block=320):
    vad = StreamingVad("them", options)
    chunks = []
    for offset in range(0, len(samples), block):
        chunks += vad.feed(samples[offset : offset + block], offset / 16000)
    return chunks + vad.flush(len(samples) / 16000)


def test_cuts_speech_at_pauses_with_interims_in_between(jfk_samples):
    chunks = _stream(jfk_samples)
    finals = [c for c in chunks if c.final]
    assert 2 <= len(finals) <= 6
    assert all(a.end <= b.start for a, b in zip(finals, finals[1:], strict=False))
    assert finals[0].start < 0.6 and finals[-1].end > 10.0
    interims = [c for c in chunks if not c.final]
    assert interims and all(not c.final for c in interims)
    # An interim belongs to the utterance that its final closes.
    assert {c.utterance_no for c in interims} <= {c.utterance_no for c in finals}


def test_block_size_does_not_change_the_cuts(jfk_samples):
    small = [(c.start, c.end) for c in _stream(jfk_samples, block=160) if c.final]
    large = [(c.start, c.end) for c in _stream(jfk_samples, block=4000) if c.final]
    assert small == large


def test_forced_cut_for_long_speech(jfk_samples):
    chunks = _stream(jfk_samples, StreamVadOptions(min_silence_ms=5000, max_utterance_s=4.0))
    finals = [c for c in chunks if c.final]
    assert all(c.end - c.start <= 4.0 + 0.05 for c in finals)
    assert len(finals) >= 3


def test_a_pause_offers_the_utterance_as_it_will_end(jfk_samples):
    padded = np.concatenate([jfk_samples, np.zeros(16000, np.float32)])
    chunks = _stream(padded)
    finals = [c for c in chunks if c.final]
    for final in finals:
        endings = [c for c in chunks if c.ending and c.utterance_no == final.utterance_no]
        assert endings, final.utterance_no
        assert endings[-1].end == final.end
        assert np.array_equal(endings[-1].samples, final.samples)
        order = [id(c) for c in chunks]
        assert order.index(id(endings[-1])) < order.index(id(final))


def test_a_pause_that_goes_on_speaking_is_offered_but_not_the_final(jfk_samples):
    # One long utterance: every pause is offered; only the last holds the final's audio.
    chunks = _stream(jfk_samples, StreamVadOptions(min_silence_ms=3000, max_utterance_s=30))
    finals = [c for c in chunks if c.final]
    assert len(finals) == 1
    *mid_sentence, last = [c for c in chunks if c.ending]
    assert len(mid_sentence) >= 2
    assert all(len(c.samples) < len(finals[0].samples) for c in mid_sentence)
    assert np.array_equal(last.samples, finals[0].samples)
    plain = _stream(jfk_samples, StreamVadOptions(early_final_ms=0))
    assert not any(c.ending for c in plain)


def test_silence_gives_nothing():
    assert _stream(np.zeros(16000 * 3, dtype=np.float32)) == []


def test_short_window_matches_the_full_window(whisper_model, jfk_samples):
    short = UtteranceTranscriber(whisper_model, UtteranceAsrOptions(window="short"))(jfk_samples)
    full = UtteranceTranscriber(whisper_model, UtteranceAsrOptions(window="full"))(jfk_samples)
    short_wer, full_wer = word_error_rate(JFK, short.text), word_error_rate(JFK, full.text)
    print(f"jfk WER short window {short_wer:.3f}, full window {full_wer:.3f}")
    assert short_wer <= full_wer + 0.05
    assert short.avg_logprob < 0
