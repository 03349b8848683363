"""The voice encoder: CAM++ as converted ONNX, run with onnxruntime and Kaldi filter banks."""

from __future__ import annotations

import numpy as np
import pytest

from models.campplus_encoder import FOLDER, CamPlusEncoder, filter_banks
from models.errors import ModelError


@pytest.mark.parametrize("suffix", ["", "_short"], ids=["traced length", "other length"])
def test_onnxruntime_gives_what_torch_gave_for_the_probe(suffix):
    """probe.npz was scored by the original network when it was converted: at the length
    the export traced (150 frames, two windows) and at another (61 frames)."""
    with np.load(FOLDER / "probe.npz") as probe:
        banks, expected = probe["fbank" + suffix], probe["embedding" + suffix]
    found = CamPlusEncoder().embed_banks(banks)
    wanted = expected / np.linalg.norm(expected, axis=1, keepdims=True)
    assert found.shape == (len(banks), 192)
    assert np.abs(found - wanted).max() < 1e-4


def test_filter_banks_are_kaldi_frames_less_their_mean():
    rng = np.random.default_rng(0)
    samples = (0.1 * rng.standard_normal(16000)).astype(np.float32)
    banks = filter_banks(samples)
    assert banks.shape == (98, 80)  # 25 ms frames every 10 ms, edges snipped
    assert np.allclose(banks.mean(axis=0), 0.0, atol=1e-4)
    louder = filter_banks(samples * 4)  # the level is a constant per bin, removed
    assert np.allclose(banks, louder, atol=1e-3)


def test_a_missing_graph_is_one_clear_error(tmp_path):
    with pytest.raises(ModelError, match="voice encoder is missing"):
        CamPlusEncoder(tmp_path)


def test_two_similar_voices_are_told_apart(espeak):
    """espeak-ng's en-us+m1 and en-us+m3, which Resemblyzer hears as one voice (0.95)."""
    from copilot.audio.synth import speak

    encoder = CamPlusEncoder()
    lines = [
        "We can go to forty dollars if you sign for three years.",
        "Then we would need a longer payment term, say sixty days.",
        "That is too high for us, the budget is fixed this year.",
        "What matters most to us is the start date in March.",
    ]

    def mean_voice(voice: str, said: list[str]) -> np.ndarray:
        clip = np.concatenate([speak(text, voice) for text in said])
        starts = list(range(0, len(clip) - 24000, 12000))
        mean = encoder.embed_windows(clip, starts, 24000).mean(axis=0)
        return mean / np.linalg.norm(mean)

    first = mean_voice("en-us+m1", lines[:2])
    again = mean_voice("en-us+m1", lines[2:])
    other = mean_voice("en-us+m3", lines[2:])
    same, different = float(first @ again), float(first @ other)
    assert same > 0.9 and different < 0.85, (same, different)


def test_a_window_too_short_for_a_voice_is_one_clear_error():
    with pytest.raises(ModelError, match="too short"):
        CamPlusEncoder().embed_windows(np.zeros(16000, np.float32), [0], 400)
