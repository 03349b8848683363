"""Reliability and privacy promises, each with a test that could fail.

- SIGKILL a live session at random moments: every utterance emitted as final is stored,
  the database passes its integrity check, and the next start marks the session
  interrupted with its unlogged commitments flagged.
- ``forget`` removes a session's text from the database file itself.
- No network: analyze, listen and the panel run with every non-UNIX socket refused.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading

import pytest

from copilot.cli import main
from tests.conftest import ROOT

CRASH_RUNS = int(os.environ.get("CRASH_RUNS", "3"))
# Fixed so a failure reproduces; CRASH_SEED=random explores new kill moments.
CRASH_SEED = os.environ.get("CRASH_SEED", "20261203")


def crash_once(wav, db_path, rng) -> tuple[list[int], int]:
    """Kill ``listen --replay`` after a random number of finals; returns (emitted ids, wanted)."""
    wanted = rng.randint(1, 3)
    command = [
        sys.executable, "-m", "copilot.cli", "listen", "--db", str(db_path), "--json",
        "--replay", str(wav), "--date", "2026-03-02",
    ]  # fmt: skip
    emitted: list[int] = []
    enough = threading.Event()
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:

        def read() -> None:
            for line in process.stdout:
                event = json.loads(line)
                if event["type"] == "utterance" and not event.get("interim"):
                    emitted.append(event["id"])
                    if len(emitted) >= wanted:
                        enough.set()
            enough.set()

        reader = threading.Thread(target=read)
        reader.start()
        enough.wait(120)
        # A random moment after the wanted final: mid-transcription, mid-write or idle.
        threading.Event().wait(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        reader.join()
    return emitted, wanted


def test_sigkill_loses_no_final_utterance(renewal_dialogue, tmp_path):
    path, _turns = renewal_dialogue
    seed = random.randrange(1_000_000) if CRASH_SEED == "random" else int(CRASH_SEED)
    print(f"crash test seed {seed} (CRASH_SEED={seed} repeats it)")
    rng = random.Random(seed)
    for run in range(CRASH_RUNS):
        db_path = tmp_path / f"crash{run}.db"
        emitted, _wanted = crash_once(path, db_path, rng)
        assert emitted, "the session emitted nothing before the kill"
        db = sqlite3.connect(db_path)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in db.execute("SELECT id FROM utterances")}
        assert set(emitted) <= stored, (seed, run, emitted, stored)
        assert db.execute("SELECT status FROM sessions").fetchone() == ("live",)
        db.close()


def test_next_start_marks_a_crashed_session_interrupted_and_flags_its_commitments(
    renewal_dialogue, tmp_path, capsys
):
    import numpy as np
    from faster_whisper.audio import decode_audio

    from copilot.audio.synth import write_wav

    original, _turns = renewal_dialogue
    you, them = decode_audio(str(original), split_stereo=True)
    silence = np.zeros(16000 * 20, np.float32)  # the call goes on after the last turn
    path = write_wav(
        tmp_path / "longer.wav", np.concatenate([you, silence]), np.concatenate([them, silence])
    )
    db_path = tmp_path / "crash.db"
    # All four turns (the last one makes a commitment), then the kill mid-call.
    rng = random.Random(0)
    rng.randint = lambda *_: 4  # type: ignore[method-assign]
    emitted, _ = crash_once(path, db_path, rng)
    assert len(emitted) == 4
    assert main(["sessions", "--db", str(db_path), "--json"]) == 0
    captured = capsys.readouterr()
    assert "session 1 was interrupted by a crash" in captured.err
    [session] = json.loads(captured.out)
    assert session["status"] == "interrupted"
    db = sqlite3.connect(db_path)
    flags = db.execute("SELECT kind FROM flags WHERE kind = 'unlogged_commitment'").fetchall()
    commitments = db.execute("SELECT count(*) FROM commitments").fetchone()[0]
    assert commitments >= 1 and len(flags) == commitments


def test_forget_removes_the_text_from_the_file(tmp_path, db_path, capsys):
    secret = "Zanzibarquux"
    keep = tmp_path / "keep.txt"
    keep.write_text("You: We can do forty dollars.\nDana: That works.\n", encoding="utf-8")
    gone = tmp_path / "gone.txt"
    gone.write_text(f"You: Our {secret} budget is fixed.\nDana: Understood.\n", encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), str(keep), str(gone)]) == 0
    capsys.readouterr()

    def on_disk() -> bytes:
        return b"".join(p.read_bytes() for p in tmp_path.glob("sessions.db*"))

    assert secret.encode() in on_disk()
    assert main(["forget", "2", "--db", str(db_path)]) == 0
    assert secret.encode() not in on_disk()
    assert secret.lower().encode() not in on_disk().lower()
    assert main(["search", "--db", str(db_path), "--json", "forty"]) == 0
    assert len(json.loads(capsys.readouterr().out.splitlines()[-1])) == 1


def test_forget_deletes_the_recording(renewal_dialogue, tmp_path, db_path, capsys):
    from copilot.store import Store

    recording = tmp_path / "call.wav"
    recording.write_bytes(b"RIFF")
    store = Store(db_path)
    session_id = store.create_session(mode="live", recording=str(recording))
    store.finish_session(session_id)
    assert main(["forget", str(session_id), "--db", str(db_path)]) == 0
    assert not recording.exists()
    assert main(["forget", "99", "--db", str(db_path)]) == 2


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every socket but AF_UNIX (PulseAudio, D-Bus) and record the attempts."""
    # urllib3 (under faster-whisper's hub client) binds an AF_INET6 socket to ::1 when it
    # is first imported, to learn whether IPv6 exists; it sends nothing. Import it first so
    # that probe is not counted, whichever test happens to import it.
    import urllib3  # noqa: F401

    attempts: list[int] = []
    real = socket.socket

    class Guarded(real):  # type: ignore[misc, valid-type]
        def __init__(self, family=socket.AF_INET, *args, **kwargs):
            if family != socket.AF_UNIX:
                attempts.append(family)
                raise OSError("network access is not allowed in this test")
            super().__init__(family, *args, **kwargs)

    monkeypatch.setattr(socket, "socket", Guarded)
    return attempts


def test_analyze_and_listen_make_no_network_connection(
    no_network, renewal_dialogue, db_path, capsys
):
    from copilot.audio.capture import ReplaySource
    from copilot.live import LiveEngine, LiveOptions
    from models.understanding import build_understander

    path, turns = renewal_dialogue
    assert main(["analyze", "--db", str(db_path), str(path)]) == 0
    from faster_whisper.audio import decode_audio

    you, them = decode_audio(str(path), split_stereo=True)
    engine = LiveEngine(
        db_path,
        LiveOptions(),
        understander_factory=build_understander,
        sources=lambda sink: [
            ReplaySource("you", you, sink, 4.0),
            ReplaySource("them", them, sink, 4.0),
        ],
        stop_when_sources_end=True,
    )
    finals = []
    engine.subscribe(lambda e: finals.append(e) if e["type"] == "utterance" else None)
    engine.start()
    assert engine.wait(120)
    engine.stop()
    assert len(finals) == len(turns)
    assert no_network == []


def test_panel_makes_no_network_connection(no_network, qtbot, db_path, tmp_path):
    # The panel's process runs with socket creation refused; its engine child process
    # refuses connections and lookups itself and reports what it refused.
    from PySide6.QtCore import QSettings

    from copilot.engine_process import EngineProcess, EngineSpec
    from ui.panel import PanelWindow

    engines = []

    def make(options):
        engines.append(EngineProcess(EngineSpec(db_path, options, text_only=True)))
        return engines[-1]

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = PanelWindow(db_path=db_path, engine_factory=make, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.state == "listening", timeout=60_000)
    window.engine.feed_text("them", "This is our final offer.")
    qtbot.waitUntil(lambda: window.transcript.rowCount() == 1, timeout=30_000)
    window.stop()
    qtbot.waitUntil(lambda: window.engine is None, timeout=60_000)
    assert no_network == []
    qtbot.waitUntil(lambda: engines[0].done, timeout=60_000)
    assert engines[0].network_refused == []
