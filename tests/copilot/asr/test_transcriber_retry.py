"""A track whose speech Whisper calls silence is asked once more without that check."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from copilot.asr.transcriber import AsrOptions, transcribe_track


class _Whisper:
    """Answers like faster-whisper: (segments, info). A stand-in, because the real model
    drops the speech only with some seeds of its temperature fallback's sampling, which
    differ from machine to machine; the real-model path is tested below with several."""

    def __init__(self, heard_s: float):
        self.calls: list[dict] = []
        self.heard_s = heard_s

    def transcribe(self, samples, **kwargs):
        self.calls.append(kwargs)
        info = SimpleNamespace(duration_after_vad=self.heard_s)
        if kwargs.get("no_speech_threshold", 0.6) is not None:
            return iter([]), info
        segment = SimpleNamespace(start=0.0, end=2.0, text=" Forty dollars.", avg_logprob=-0.3,
                                  words=None)  # fmt: skip
        return iter([segment]), info


def test_speech_called_silence_is_asked_again_without_the_no_speech_check():
    model = _Whisper(heard_s=20.0)
    options = AsrOptions(split_gap=None)
    segments = list(transcribe_track(model, np.zeros(16000, np.float32), options))
    assert [s.text for s in segments] == ["Forty dollars."]
    assert [c.get("no_speech_threshold", "default") for c in model.calls] == ["default", None]
    assert model.calls[1]["temperature"] == 0.0  # the beam search alone: no random draw


def test_speech_mostly_called_silence_is_asked_again_and_the_fuller_pass_kept():
    # The VAD heard 20 s; the first pass kept one 2 s sentence, the second hears it all.
    class _MostlyDropped(_Whisper):
        def transcribe(self, samples, **kwargs):
            self.calls.append(kwargs)
            info = SimpleNamespace(duration_after_vad=self.heard_s)
            said = 1 if kwargs.get("no_speech_threshold", 0.6) is not None else 8
            return iter(
                SimpleNamespace(
                    start=2.5 * i,
                    end=2.5 * i + 2.0,
                    text=f" Line {i}.",
                    avg_logprob=-0.3,
                    words=None,
                )  # fmt: skip
                for i in range(said)
            ), info

    model = _MostlyDropped(heard_s=20.0)
    segments = list(
        transcribe_track(model, np.zeros(16000, np.float32), AsrOptions(split_gap=None))
    )
    assert len(segments) == 8 and len(model.calls) == 2
    # A pass that heard the speech is not asked again.
    model = _MostlyDropped(heard_s=2.0)
    assert len(list(transcribe_track(model, np.zeros(16000, np.float32), AsrOptions()))) == 1
    assert len(model.calls) == 1


def test_real_silence_is_not_asked_twice():
    model = _Whisper(heard_s=0.0)
    assert list(transcribe_track(model, np.zeros(16000, np.float32), AsrOptions())) == []
    assert len(model.calls) == 1


@pytest.fixture(scope="module")
def two_voices_one_track(espeak):
    """Eight turns on one mono track, two espeak-ng voices: on this audio the beam search
    fails Whisper's checks, so the temperature fallback samples."""
    from copilot.audio.synth import SAMPLE_RATE, speak

    said = [
        ("en-us+f3", "This is our final offer, take it or leave it."),
        ("en-us", "Fine, we'll waive the setup fee."),
        ("en-us+f3", "Someone should check the security review with legal."),
        ("en-us", "I'll send the revised order form by Friday."),
    ] * 2
    pause = np.zeros(SAMPLE_RATE // 2, np.float32)
    return np.concatenate([x for voice, text in said for x in (speak(text, voice), pause)])


def test_one_track_gives_the_same_words_each_time(whisper_model, two_voices_one_track):
    first, again = (
        [(s.start, s.text) for s in transcribe_track(whisper_model, track, AsrOptions())]
        for track in (two_voices_one_track, two_voices_one_track.copy())
    )
    assert first == again


@pytest.mark.parametrize("seed", [0, 1])
def test_whatever_the_draw_the_speech_is_heard(whisper_model, two_voices_one_track, seed):
    # With seeds 0 and 1 on the machine this was written on, the first pass kept nothing.
    segments = list(transcribe_track(whisper_model, two_voices_one_track, AsrOptions(seed=seed)))
    spoken = sum(s.end - s.start for s in segments)
    assert spoken > 0.7 * len(two_voices_one_track) / 16000, [s.text for s in segments]
    assert any("final offer" in s.text for s in segments[4:]), [s.text for s in segments]
