"""One microphone in a room (no call audio): your voice profile tells the parties apart."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.audio.capture import ReplaySource
from copilot.live import LiveEngine, LiveOptions

TURNS = [
    ("you", "Thanks for coming in. What matters most to you in this lease?"),
    ("them", "We need the rent fixed for three years, that is our main concern."),
    ("you", "We can fix it for three years if you sign for five."),
    ("them", "Five years is too long for us, we could do four."),
    ("you", "Four works if you take the second floor as well."),
    ("them", "Fine, I will send the signed lease by Friday."),
]
VOICES = {"you": "en-us", "them": "en-us+f3"}


@pytest.fixture(scope="module")
def room(espeak):
    """The turns on one track, with pauses long enough to end each utterance."""
    from copilot.audio.synth import SAMPLE_RATE, speak

    pause = np.zeros(SAMPLE_RATE, np.float32)
    parts = [pause]
    for party, text in TURNS:
        parts += [speak(text, VOICES[party]), pause]
    return np.concatenate(parts)


def _parties(db_path, room, profile):
    engine = LiveEngine(
        db_path,
        LiveOptions(loopback="none", voice_profile=profile),
        sources=lambda sink: [ReplaySource("you", room, sink, speed=3.0)],
        stop_when_sources_end=True,
    )
    finals = []
    engine.subscribe(
        lambda e: finals.append(e) if e["type"] == "utterance" and not e.get("interim") else None
    )
    engine.start()
    assert engine.wait(timeout=180)
    engine.stop()
    return [e["party"] for e in finals]


def test_your_voice_is_you_and_the_other_voice_them(room, db_path, tmp_path):
    from copilot.audio.diarize import embed_speech
    from copilot.audio.synth import speak
    from copilot.audio.voice_profile import VoiceProfile, save_profile
    from models.campplus_encoder import CamPlusEncoder

    yours = np.concatenate(
        [speak(t, VOICES["you"]) for t in ("I will look at the numbers tonight.",
                                             "Could you send me the floor plan first?",
                                             "Our budget for the office is fixed this year.")]
    )  # fmt: skip
    embedding, seconds = embed_speech(yours, CamPlusEncoder().embed_windows)
    profile = tmp_path / "voice-profile.json"
    save_profile(profile, VoiceProfile(embedding, seconds))
    assert _parties(db_path, room, profile) == [party for party, _text in TURNS]


def test_without_a_profile_the_parties_stay_unknown(room, db_path, tmp_path):
    parties = _parties(db_path, room, tmp_path / "none.json")
    assert parties and set(parties) == {"unknown"}


def test_a_call_teaches_your_voice_and_the_room_then_knows_it(room, db_path, tmp_path):
    """Your microphone's side of a live call becomes your voice profile when the session
    ends; a later one-microphone session tells the parties apart by it."""
    from copilot.audio.synth import SAMPLE_RATE, speak

    pause = np.zeros(SAMPLE_RATE, np.float32)
    said = [
        "I will look at the numbers tonight and call you back.",
        "Could you send me the floor plan before Friday?",
        "Our budget for the office is fixed for this year.",
        "We would like to move in by the first of March.",
    ]
    mine = np.concatenate([pause] + [x for text in said for x in (speak(text, "en-us"), pause)])
    theirs = np.zeros_like(mine)
    profile = tmp_path / "voice-profile.json"
    assert not _call(tmp_path, mine, theirs, profile)
    assert profile.is_file(), "the call's microphone side taught no profile"
    assert _parties(db_path, room, profile) == [party for party, _text in TURNS]


def test_a_replayed_recording_teaches_no_voice(jfk_flac, tmp_path):
    """The demo or a replayed file: its "you" side may be anyone."""
    from copilot.engine_process import EngineSpec

    options = LiveOptions(voice_profile=tmp_path / "voice-profile.json")
    assert options.learn_voice
    engine = EngineSpec(tmp_path / "s.db", options, replay=jfk_flac).build()
    assert not engine.options.learn_voice


def _call(tmp_path, mine, theirs, profile):
    """A live call replayed from two tracks; the messages of its error statuses."""
    engine = LiveEngine(
        tmp_path / "call.db",
        LiveOptions(voice_profile=profile),
        sources=lambda sink: [
            ReplaySource("you", mine, sink, speed=3.0),
            ReplaySource("them", theirs, sink, speed=3.0),
        ],
        stop_when_sources_end=True,
    )
    statuses = []
    engine.subscribe(lambda e: statuses.append(e) if e["type"] == "status" else None)
    engine.start()
    assert engine.wait(timeout=180)
    engine.stop()
    return [e.get("message", "") for e in statuses if e["state"] == "error"]


def test_their_voice_echoed_by_your_microphone_is_not_learnt_as_yours(espeak, tmp_path):
    """Without headphones the microphone hears the other side too, while they speak: those
    utterances match their voice on the call's other channel and are left out."""
    from copilot.audio.synth import Turn, synthesise_dialogue
    from copilot.audio.voice_profile import load_profile
    from tests.conftest import assert_learnt_without_echo

    script = [
        ("you", "I will look at the numbers tonight and call you back."),
        ("them", "The rent is fixed for three years, that is our offer."),
        ("you", "Could you send me the floor plan before Friday?"),
        ("them", "We need the deposit paid before you move in."),
        ("you", "Our budget for the office is fixed for this year."),
        ("them", "The second floor is free from April onwards."),
        ("you", "We would like to move in by the first of March."),
    ]
    turns = [Turn(party, text) for party, text in script]
    you, them = synthesise_dialogue(turns, gap=1.0, voices=VOICES)
    profile = tmp_path / "voice-profile.json"
    errors = _call(tmp_path, you + 0.5 * them, them, profile)  # their echo, as they speak
    assert not errors, errors
    assert_learnt_without_echo(load_profile(profile), you, them)

    # A microphone that heard only their echo teaches nothing, and says why.
    other = tmp_path / "echo-profile.json"
    errors = _call(tmp_path, 0.5 * them, them, other)
    assert not other.exists()
    assert any("headphones" in message for message in errors), errors
