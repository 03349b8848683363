"""Reading a recording's channels: two parties, or one mix stored twice."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.audio.decode import SAME_CHANNELS, channel_similarity, decode_tracks


@pytest.fixture(scope="module")
def two_voices(espeak):
    from copilot.audio.synth import speak

    you = speak("We can go to forty dollars if you sign for three years.", "en-us")
    them = speak("That is too high for us, the budget is fixed this year.", "en-gb+f3")
    n = min(len(you), len(them))
    return you[:n], them[:n]


def test_one_mix_twice_is_the_same_even_shifted_and_two_voices_are_not(two_voices):
    you, them = two_voices
    assert channel_similarity(you, you.copy()) == pytest.approx(1.0)
    shifted = np.concatenate([np.zeros(80, np.float32), you[:-80]])  # 5 ms later
    assert channel_similarity(you, shifted) >= SAME_CHANNELS
    assert channel_similarity(you, 0.5 * you) == pytest.approx(1.0)  # one side quieter
    assert channel_similarity(you, them) < 0.5
    assert channel_similarity(you, np.zeros_like(you)) == 0.0


def test_identical_channel_stereo_is_read_as_mono_and_said_once(jfk_flac):
    said = []
    [track] = decode_tracks(jfk_flac, notice=said.append)
    assert track.party == "unknown" and 10 < track.duration < 12
    assert len(said) == 1 and "read as mono" in said[0] and "--channels you,them" in said[0]
    forced = decode_tracks(jfk_flac, "you,them", notice=said.append)
    assert [t.party for t in forced] == ["you", "them"] and len(said) == 1


def test_two_party_stereo_stays_two_parties(two_voices, tmp_path):
    from copilot.audio.synth import write_wav

    said = []
    path = write_wav(tmp_path / "call.wav", *two_voices)
    tracks = decode_tracks(path, notice=said.append)
    assert [t.party for t in tracks] == ["you", "them"] and said == []
