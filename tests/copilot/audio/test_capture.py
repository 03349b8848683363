"""The capture path's resampling from device rates to the speech model's 16 kHz."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.audio.capture import SAMPLE_RATE, _Resampler


def _blocks(samples: np.ndarray, rate: int, seconds: float = 0.02):
    size = int(rate * seconds)
    return [samples[i : i + size] for i in range(0, len(samples), size)]


@pytest.mark.parametrize("rate", [44100, 48000])
def test_a_tone_above_8_khz_does_not_fold_into_the_speech_band(rate):
    """Linear interpolation aliased a 12 kHz tone to 4 kHz at nearly full level."""
    t = np.arange(rate * 2) / rate
    tone = (0.5 * np.sin(2 * np.pi * 12000 * t)).astype(np.float32)
    resample = _Resampler(rate)
    out = np.concatenate([resample(block) for block in _blocks(tone, rate)])
    steady = out[SAMPLE_RATE // 2 :]
    assert np.sqrt(np.mean(steady**2)) < 0.005


@pytest.mark.parametrize("rate", [44100, 48000])
def test_speech_band_passes_in_step_across_blocks(rate):
    """A 1 kHz tone keeps its level, and blocks of any size give the same samples."""
    t = np.arange(rate * 2) / rate
    tone = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    small_blocks, large_blocks = _Resampler(rate), _Resampler(rate)
    small = np.concatenate([small_blocks(b) for b in _blocks(tone, rate, 0.01)])
    large = np.concatenate([large_blocks(b) for b in _blocks(tone, rate, 0.1)])
    n = min(len(small), len(large))
    assert n > 1.9 * SAMPLE_RATE
    np.testing.assert_allclose(small[:n], large[:n], atol=1e-5)
    steady = small[SAMPLE_RATE // 2 : n]
    assert np.sqrt(np.mean(steady**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.02)


def test_sixteen_khz_passes_untouched():
    block = np.random.default_rng(1).standard_normal(320).astype(np.float32)
    assert _Resampler(SAMPLE_RATE)(block) is block
