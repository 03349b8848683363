"""The voice profile: averaged, matched only when one voice is clearly yours, forgotten."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.audio.voice_profile import (
    DIMENSIONS,
    ENCODER,
    VoiceProfile,
    forget_profile,
    is_outdated,
    load_profile,
    save_profile,
)
from copilot.errors import InputError


def _unit(seed: int) -> np.ndarray:
    vector = np.abs(np.random.default_rng(seed).standard_normal(DIMENSIONS)).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_round_trip_and_weighted_update(tmp_path):
    path = tmp_path / "voice-profile.json"
    assert load_profile(path) is None
    first = VoiceProfile(_unit(1), 10.0)
    save_profile(path, first)
    loaded = load_profile(path)
    assert loaded is not None and loaded.seconds == 10.0
    assert np.allclose(loaded.embedding, first.embedding, atol=1e-5)
    more = loaded.updated_with(_unit(2), 30.0)
    assert more.seconds == 40.0 and np.linalg.norm(more.embedding) == pytest.approx(1.0)
    assert more.embedding @ _unit(2) > more.embedding @ _unit(1)  # weighted by seconds
    assert forget_profile(path) and not path.exists() and not forget_profile(path)


def test_a_voice_is_yours_only_when_it_alone_is_close(tmp_path):
    me = _unit(1)
    profile = VoiceProfile(me, 60.0)
    other = _unit(5)
    assert profile.closest([other, me * 0.98 + other * 0.02]) == 1
    assert profile.closest([other]) is None  # nobody close enough
    assert profile.closest([me, me]) is None  # two alike: no guess
    assert profile.closest([]) is None


def test_a_broken_profile_is_one_line_not_a_crash(tmp_path):
    path = tmp_path / "voice-profile.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="is not a voice profile"):
        load_profile(path)


def test_a_profile_of_an_earlier_encoder_is_set_aside_and_replaced(tmp_path):
    """Resemblyzer's 256-d profiles (no "encoder" field) cannot be compared with CAM++'s:
    they read as no profile, say so, and the next learning writes a new one."""
    import json

    from copilot.audio.voice_profile import learn_profile
    from models.campplus_encoder import DIMENSIONS as ENCODER_DIMENSIONS
    from models.campplus_encoder import NAME

    assert NAME == ENCODER  # the profile names the encoder the app embeds with
    assert ENCODER_DIMENSIONS == DIMENSIONS
    path = tmp_path / "voice-profile.json"
    old = np.abs(np.random.default_rng(0).standard_normal(256))
    path.write_text(json.dumps({"embedding": old.tolist(), "seconds": 40.0}), encoding="utf-8")
    assert is_outdated(path) and load_profile(path) is None
    learnt = learn_profile(path, _unit(3), 12.0)
    assert learnt is not None and learnt.seconds == 12.0  # not averaged with the old one
    assert not is_outdated(path) and load_profile(path).seconds == 12.0
