"""Resemblyzer's speaker encoder (the benchmark's "before"), read and run without torch."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from benchmarks.resemblyzer_encoder import (
    SpeakerEncoder,
    mel_filters,
    read_legacy_checkpoint,
    resemblyzer_weights,
)
from models.errors import ModelError


def test_the_checkpoint_holds_the_three_layer_lstm_and_its_projection():
    state = read_legacy_checkpoint(resemblyzer_weights())["model_state"]
    assert state["lstm.weight_ih_l0"].shape == (1024, 40)
    assert state["lstm.weight_hh_l2"].shape == (1024, 256)
    assert state["linear.weight"].shape == (256, 256)
    parameters = sum(v.size for k, v in state.items() if k.startswith(("lstm", "linear")))
    assert 1_300_000 < parameters < 1_500_000
    assert all(np.isfinite(v).all() for v in state.values())


def test_a_weights_file_cannot_run_code(tmp_path):
    evil = tmp_path / "evil.pt"
    with evil.open("wb") as out:
        for header in (1, 1001, {}):
            pickle.dump(header, out)
        pickle.dump(print, out)  # any callable but the three a checkpoint uses
    with pytest.raises(ModelError, match="unexpected builtins.print"):
        read_legacy_checkpoint(evil)


def test_mel_filters_cover_the_band_with_slaney_areas():
    filters = mel_filters()
    assert filters.shape == (40, 201)
    assert (filters >= 0).all() and (filters.sum(axis=1) > 0).all()
    assert np.argmax(filters[0]) < np.argmax(filters[-1])


def test_one_voice_is_closer_to_itself_than_to_another(espeak):
    from copilot.audio.synth import speak

    encoder = SpeakerEncoder()
    clips = [
        speak("We can go to forty dollars if you sign for three years.", "en-us"),
        speak("Then we would need a longer payment term, say sixty days.", "en-us"),
        speak("That is too high for us, the budget is fixed this year.", "en-us+f3"),
    ]
    length = min(len(c) for c in clips)
    embeddings = np.stack([encoder.embed_windows(c, [0], length)[0] for c in clips])
    assert np.allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    same, other = embeddings[0] @ embeddings[1], embeddings[0] @ embeddings[2]
    assert same > other + 0.1, (same, other)
