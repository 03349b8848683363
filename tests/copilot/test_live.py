"""The live engine fed by replayed audio through the same queue a device would fill."""

from __future__ import annotations

import sqlite3
import threading
import wave

from copilot.audio.capture import ReplaySource
from copilot.live import LiveEngine, LiveOptions
from copilot.live.jobs import RunAction
from models.understanding import build_understander


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
    # Turns end in silence: their text is found while the VAD waits out the pause.
    assert engine.early_finals >= len(turns) // 2
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


class VanishingSource:
    """A microphone that stops delivering and comes back on the second reopen.

    PulseAudio moves a capture stream to another source when its source disappears, so a
    real device cannot be made to vanish here; this stand-in stops pushing blocks, which is
    what PortAudio does when a device is unplugged.
    """

    def __init__(self, sink, seconds: float):
        import numpy as np

        self.party = "you"
        self.lost = False
        self.opened = 0
        self._sink = sink
        silence = np.zeros(int(16000 * seconds), np.float32)
        self._replay = ReplaySource("you", silence, sink, announce_end=False)

    def start(self) -> None:
        import numpy as np

        from copilot.audio.capture import CaptureError

        self.opened += 1
        if self.opened == 1:
            self._replay.start()  # plays a second, then goes silent
        elif self.opened == 2:
            raise CaptureError("device not back yet")
        else:  # back: it delivers audio again (the engine says "restored" once it does)
            silence = np.zeros(16000 * 60, np.float32)
            self._replay = ReplaySource("you", silence, self._sink, announce_end=False)
            self._replay.start()

    def stop(self) -> None:
        self._replay.stop()


def test_a_vanished_device_is_reported_and_reopened_while_the_other_side_goes_on(
    renewal_dialogue, db_path
):
    from dataclasses import replace

    from faster_whisper.audio import decode_audio

    path, turns = renewal_dialogue
    _you, them = decode_audio(str(path), split_stereo=True)
    made = {}

    def sources(sink):
        made["mic"] = VanishingSource(sink, 1.0)
        return [made["mic"], ReplaySource("them", them, sink)]

    options = replace(LiveOptions(), stall_after_s=1.5, reopen_every_s=1.0)
    engine = LiveEngine(db_path, options, build_understander, sources=sources)
    events = []
    engine.subscribe(events.append)
    engine.start()
    them_turns = [t for t in turns if t.party == "them"]
    finals = lambda: [e for e in events if e["type"] == "utterance" and not e.get("interim")]  # noqa: E731
    deadline = threading.Event()
    while len(finals()) < len(them_turns) and not deadline.wait(0.2):
        if any(e["type"] == "status" and e["state"] == "error" for e in events):
            break
    engine.stop()
    states = [
        (e["state"], e.get("party"), e.get("restored")) for e in events if e["type"] == "status"
    ]
    assert ("device_lost", "you", None) in states
    assert ("listening", "you", True) in states
    assert made["mic"].opened >= 3
    assert [e["party"] for e in finals()] == ["them"] * len(them_turns)


def test_disk_full_mid_session_stops_cleanly_and_keeps_what_was_stored(db_path):
    """SQLite's own "database or disk is full" path, reached by capping the file's pages."""
    engine = LiveEngine(
        db_path,
        LiveOptions(),
        understander_factory=build_understander,
        sources=lambda sink: [],
        allow_no_audio=True,
    )
    events = []
    engine.subscribe(events.append)
    engine.start()
    listening = threading.Event()
    engine.subscribe(lambda e: listening.set() if e.get("state") == "listening" else None)
    assert listening.wait(60) or any(e.get("state") == "listening" for e in events)
    engine.feed_text("them", "We can do forty two dollars per seat.")
    engine.feed_text("you", "That is too high for us.")

    def fill_the_disk(session):
        db = session.store.db
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")

    engine._jobs.put(RunAction(fill_the_disk))  # as a user's change would run
    engine.feed_text("them", "x " * 20000)  # needs new pages: the write fails
    assert engine.wait(60)
    engine.stop()
    errors = [e["message"] for e in events if e.get("state") == "error"]
    assert errors and "database or disk is full" in errors[0]
    assert events[-1]["state"] == "done"
    rows = sqlite3.connect(db_path).execute("SELECT text FROM utterances ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [
        "We can do forty two dollars per seat.",
        "That is too high for us.",
    ]
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
