"""The live engine fed by replayed audio through the same queue a device would fill."""

from __future__ import annotations

import sqlite3
import wave

from copilot.audio.capture import ReplaySource
from copilot.live import LiveEngine, LiveOptions
from copilot.understand.pipeline import build_understander


def test_replayed_dialogue_is_transcribed_understood_flagged_and_stored(
    renewal_dialogue, db_path, tmp_path
):
    from faster_whisper.audio import decode_audio

    path, turns = renewal_dialogue
    you, them = decode_audio(str(path), split_stereo=True)
    record = tmp_path / "call.wav"
    engine = LiveEngine(
        db_path,
        LiveOptions(interim=True, record=record, meeting_date="2026-03-02"),
        understander_factory=build_understander,
        sources=lambda sink: [
            ReplaySource("you", you, sink, speed=2.0),
            ReplaySource("them", them, sink, speed=2.0),
        ],
        stop_when_sources_end=True,
    )
    events = []
    engine.subscribe(events.append)
    engine.start()
    assert engine.wait(timeout=180)
    engine.stop()

    states = [e["state"] for e in events if e["type"] == "status"]
    assert states[0] == "loading" and "listening" in states and states[-1] == "done"
    finals = [e for e in events if e["type"] == "utterance" and not e.get("interim")]
    assert [e["party"] for e in finals] == [t.party for t in turns]
    assert all(e["emitted"] >= e["speech_end"] for e in finals)
    kinds = {m["kind"] for e in finals for m in e["moves"]}
    print([(e["text"], [m["kind"] for m in e["moves"]]) for e in finals])
    assert {"question", "interest", "offer", "commitment"} <= kinds
    commitments = [e for e in events if e["type"] == "commitment"]
    assert (
        commitments and commitments[0]["owner"] == "them" and commitments[0]["due"] == "2026-03-06"
    )
    flags = {e["kind"] for e in events if e["type"] == "flag"}
    assert "unlogged_commitment" in flags

    rows = sqlite3.connect(db_path).execute("SELECT party FROM utterances ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [t.party for t in turns]
    status = sqlite3.connect(db_path).execute("SELECT status FROM sessions").fetchone()[0]
    assert status == "done"
    with wave.open(str(record)) as recording:
        assert recording.getnchannels() == 2
        assert recording.getnframes() / 16000 >= turns[-1].end - 0.1
