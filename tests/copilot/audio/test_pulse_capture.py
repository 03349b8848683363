"""Live capture end to end through a real PulseAudio null sink (the loopback of a call).

A negotiation turn synthesised with espeak-ng is played into the sink; ``listen`` captures
the sink's monitor through sounddevice, exactly as it would capture a call's audio. In CI
a missing PulseAudio fails these tests; on a developer machine they skip with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from tests.conftest import ROOT, need, sound_server

THEM = [
    "We can do forty two dollars per seat on a three year term.",
    "This is our final offer. Take it or leave it.",
    "I will send the signed order form by Friday.",
]


@pytest.fixture
def them_wavs(espeak, tmp_path):
    from copilot.audio.synth import speak, write_wav

    paths = []
    for number, text in enumerate(THEM):
        speech = speak(text, "en-gb")
        padded = np.concatenate([speech, np.zeros(int(16000 * 1.2), np.float32)])
        paths.append(write_wav(tmp_path / f"them{number}.wav", padded))
    return paths


def _their_turns(path, gaps_s):
    """THEM spoken with these silences after each turn, as a WAV; the true end of each
    turn's speech in seconds from the start (espeak-ng's trailing silence left out)."""
    from copilot.audio.synth import SAMPLE_RATE, speak, speech_end, write_wav

    parts, ends, cursor = [], [], 0
    for text, gap_s in zip(THEM, gaps_s, strict=True):
        clip = speak(text, "en-gb")
        ends.append((cursor + speech_end(clip)) / SAMPLE_RATE)
        gap = np.zeros(int(SAMPLE_RATE * gap_s), np.float32)
        parts += [clip, gap]
        cursor += len(clip) + len(gap)
    return write_wav(path, np.concatenate(parts)), ends


class _Listen:
    """``listen --json`` on a sink's monitor as a process; events with their arrival time."""

    def __init__(self, sink: str, db_path, *extra: str):
        command = [
            sys.executable, "-m", "copilot.cli", "listen", "--db", str(db_path), "--json",
            "--mic", "none", "--loopback", f"{sink}.monitor", *extra,
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        self.events: list[tuple[float, dict]] = []
        self.listening = threading.Event()
        self._reader = threading.Thread(target=self._read)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            event = json.loads(line)
            self.events.append((time.monotonic(), event))
            if event.get("state") == "listening":
                self.listening.set()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        returncode = self.process.wait(timeout=120)
        self._reader.join()
        self.process.stdout.close()
        return returncode

    def states(self) -> list[str]:
        return [e["state"] for _t, e in self.events if e["type"] == "status"]


def test_speech_right_after_listening_is_timed_from_its_true_end(null_sink, espeak, db_path):
    """Speech 0.3 s after "listening" on an idle sink: every utterance's ``speech_end`` is
    within 0.5 s of the true end (it was 1.7 s late when the monitor opened at "listening")."""
    wav, ends = _their_turns(db_path.parent / "them.wav", (1.0, 1.0, 1.0))
    run = _Listen(null_sink, db_path)
    try:
        assert run.listening.wait(120), run.events
        time.sleep(0.3)
        played = time.monotonic()
        subprocess.run(["paplay", f"--device={null_sink}", str(wav)], check=True, timeout=60)
        time.sleep(2.5)
    finally:
        assert run.stop() == 0
    finals = [e for _t, e in run.events if e["type"] == "utterance" and not e.get("interim")]
    assert len(finals) == len(THEM), [e["text"] for e in finals]
    lags = [final["speech_end"] - (played + end) for final, end in zip(finals, ends, strict=True)]
    print("speech_end - true end:", [round(lag, 3) for lag in lags])
    assert all(-0.2 < lag < 0.5 for lag in lags), lags


def test_an_idle_monitor_is_not_lost_and_an_unloaded_one_is(db_path):
    """10 s of an idle (suspended) sink's monitor raise no ``device_lost``; unloading the
    sink does, although PulseAudio itself moves the stream to another source."""
    sound_server()
    name = f"nc_idle_{os.getpid()}"
    module = subprocess.run(
        ["pactl", "load-module", "module-null-sink", f"sink_name={name}"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    run = _Listen(name, db_path)
    try:
        assert run.listening.wait(120), run.events
        time.sleep(10)
        assert "device_lost" not in run.states()
        subprocess.run(["pactl", "unload-module", module], check=True)
        deadline = time.monotonic() + 10
        while "device_lost" not in run.states() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "device_lost" in run.states()
    finally:
        subprocess.run(["pactl", "unload-module", module], capture_output=True)
        assert run.stop() == 0


def _words_through_a_sink(rate: int, wavs, db_path) -> list[str]:
    """The final texts of ``wavs`` played into a fresh null sink running at ``rate``."""
    name = f"nc_{rate}_{os.getpid()}"
    module = subprocess.run(
        ["pactl", "load-module", "module-null-sink", f"sink_name={name}", f"rate={rate}"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    try:
        run = _Listen(name, db_path)
        try:
            assert run.listening.wait(120), run.events
            for wav in wavs:
                subprocess.run(["paplay", f"--device={name}", str(wav)], check=True, timeout=60)
            time.sleep(2.0)
        finally:
            assert run.stop() == 0
    finally:
        subprocess.run(["pactl", "unload-module", module], capture_output=True)
    return [e["text"] for _t, e in run.events if e["type"] == "utterance" and not e.get("interim")]


def test_a_48_khz_sink_is_transcribed_as_well_as_a_16_khz_one(null_sink, espeak, tmp_path):
    """Real devices run at 44.1 or 48 kHz: the call's words come through as well as at 16.

    Each sink is fed audio at its own rate, as a call's audio reaches a real device: a
    16 kHz file played into a 48 kHz sink would add an upsampling by the sound server
    that no call goes through (it cost up to four words of 32 here).
    """
    import soxr

    from copilot.audio.synth import SAMPLE_RATE, speak, write_wav
    from tests.wer import word_error_rate

    turns = [
        np.concatenate([speak(text, "en-gb"), np.zeros(int(SAMPLE_RATE * 1.2))]) for text in THEM
    ]
    wavs = {
        rate: [
            write_wav(
                tmp_path / f"{rate}_{n}.wav",
                soxr.resample(turn, SAMPLE_RATE, rate, "HQ"),
                rate=rate,
            )
            for n, turn in enumerate(turns)
        ]
        for rate in (16000, 48000)
    }
    said = " ".join(THEM)
    heard = {16000: [], 48000: []}
    # Three runs per rate, taken in turn so that a slow spell of the machine falls on both.
    for run in range(3):
        for rate, files in wavs.items():
            text = " ".join(_words_through_a_sink(rate, files, tmp_path / f"{rate}_{run}.db"))
            heard[rate].append(text)
    wer = {rate: [word_error_rate(said, text) for text in texts] for rate, texts in heard.items()}
    print("WER by sink rate", wer, heard)
    # One run varies by up to seven words of 32 at either rate: "our final offer" is heard
    # as "how I find a lover" (five words), "how I'll offer" (two) or right, and a
    # fresh-clone CI run once heard the last turn as "the sign to the form of my Friday".
    # One run per rate against one failed CI on chance, so the word errors are pooled
    # over three runs per rate (their mean spreads about 0.6 as wide as one run), with four
    # words' slack: a 48 kHz path that gets two words or more wrong on every turn fails. The
    # resampler itself is held on the signal in test_capture.py. The terms must come
    # through at 48 kHz, the rate of real devices, in two runs of three.
    assert statistics.mean(wer[48000]) <= statistics.mean(wer[16000]) + 4 / 32
    carried = [
        all(term in text.lower() for term in ("42", "leave it", "friday")) for text in heard[48000]
    ]
    assert sum(carried) >= 2, heard


def test_devices_lists_the_monitor_source(null_sink):
    run = subprocess.run(
        [sys.executable, "-m", "copilot.cli", "devices", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    listing = json.loads(run.stdout)
    assert listing["error"] is None
    [monitor] = [s for s in listing["pulse_sources"] if s["name"] == f"{null_sink}.monitor"]
    assert monitor["loopback"] is True
    # What people call it, from PulseAudio, for the panel's picker.
    assert monitor["description"].startswith("Monitor of ")


def test_listen_captures_the_loopback_and_coaches(null_sink, them_wavs, db_path):
    command = [
        sys.executable, "-m", "copilot.cli", "listen", "--db", str(db_path), "--json",
        "--mic", "none", "--loopback", f"{null_sink}.monitor", "--date", "2026-03-02",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    events: list[dict] = []
    listening, heard_all, finished = threading.Event(), threading.Event(), threading.Event()

    def read() -> None:
        for line in process.stdout:
            event = json.loads(line)
            events.append(event)
            if event.get("state") == "listening":
                listening.set()
            finals = [e for e in events if e["type"] == "utterance" and not e.get("interim")]
            if len(finals) >= len(THEM):
                heard_all.set()
        finished.set()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert listening.wait(120), f"never started listening: {events}"
        for wav in them_wavs:
            subprocess.run(["paplay", f"--device={null_sink}", str(wav)], check=True, timeout=60)
        heard_all.wait(60)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C ends the session cleanly
        returncode = process.wait(timeout=120)
        reader.join()
        process.stdout.close()
    assert returncode == 0
    assert events[-1] == {"type": "status", "state": "done", "session_id": 1}

    finals = [e for e in events if e["type"] == "utterance" and not e.get("interim")]
    assert len(finals) >= len(THEM), [e.get("text") for e in finals]
    assert {e["party"] for e in finals} == {"them"}
    kinds = {m["kind"] for e in finals for m in e["moves"]}
    print([(e["text"], [m["kind"] for m in e["moves"]]) for e in finals])
    assert {"offer", "pressure", "commitment"} <= kinds
    flags = {e["kind"] for e in events if e["type"] == "flag"}
    assert {"pressure_without_trade", "unlogged_commitment"} <= flags

    db = sqlite3.connect(db_path)
    assert db.execute("SELECT status FROM sessions").fetchall() == [("done",)]
    assert db.execute("SELECT count(*) FROM utterances").fetchone()[0] == len(finals)
    assert db.execute("SELECT owner, due FROM commitments").fetchall() == [("them", "2026-03-06")]


def test_audio_held_back_by_a_stall_is_skipped_and_said(null_sink, espeak, db_path):
    """``listen`` is stopped (SIGSTOP) for 1.5 s while the call plays: the server holds the
    audio and hands it over at once on SIGCONT. What is older than 0.5 s is skipped
    (``capture_lag``, then how much), and the turn after the stall is timed from its true
    end. (A stall longer than ``stall_after_s``, 2 s, reopens the device instead.)"""
    wav, ends = _their_turns(db_path.parent / "them.wav", (1.0, 3.0, 1.5))
    last_end = ends[-1]
    run = _Listen(null_sink, db_path)
    try:
        assert run.listening.wait(120), run.events
        time.sleep(0.3)
        played = time.monotonic()
        player = subprocess.Popen(["paplay", f"--device={null_sink}", str(wav)])
        time.sleep(1.0)
        run.process.send_signal(signal.SIGSTOP)
        time.sleep(1.5)
        run.process.send_signal(signal.SIGCONT)
        player.wait(timeout=60)
        time.sleep(2.5)
    finally:
        run.process.send_signal(signal.SIGCONT)
        assert run.stop() == 0
    statuses = [e for _t, e in run.events if e["type"] == "status"]
    print([(e["state"], e.get("skipped_s")) for e in statuses])
    assert "capture_lag" in [e["state"] for e in statuses]
    skipped = [e["skipped_s"] for e in statuses if "skipped_s" in e]
    assert skipped and 0.6 <= skipped[0] <= 1.6
    finals = [e for _t, e in run.events if e["type"] == "utterance" and not e.get("interim")]
    assert "friday" in finals[-1]["text"].lower(), [e["text"] for e in finals]
    lag = finals[-1]["speech_end"] - (played + last_end)
    print("last turn speech_end - true end:", round(lag, 3))
    assert -0.2 < lag < 0.5


def test_a_device_that_comes_or_goes_is_noticed_as_it_happens():
    """The panel lists devices again when one appears: the sound server's event stream."""
    from copilot.audio.devices import SourceWatcher

    sound_server()
    changes = []
    came = threading.Event()
    watcher = SourceWatcher(lambda: (changes.append(time.monotonic()), came.set()))
    assert watcher.start()
    module = None
    try:
        time.sleep(1.0)  # pactl subscribe has connected
        assert changes == []  # nothing came or went yet
        module = subprocess.run(
            ["pactl", "load-module", "module-null-sink", f"sink_name=nc_watch_{os.getpid()}"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert came.wait(10), "a new sink and its monitor went unnoticed"
    finally:
        if module:
            subprocess.run(["pactl", "unload-module", module], capture_output=True)
        watcher.stop()


def test_a_voice_sample_is_heard_on_the_sound_output(null_sink, jfk_flac, monkeypatch):
    """The Play button of "Which voice is you?": the span, and only it, reaches the output."""
    from copilot.audio.playback import play_span

    need(shutil.which("parec") is not None, "parec is not installed (apt-get pulseaudio-utils)")
    monkeypatch.setenv("PULSE_SINK", null_sink)  # the ALSA pulse plugin's output
    recorder = subprocess.Popen(
        ["parec", "-d", f"{null_sink}.monitor", "--raw", "--format=s16le", "--rate=16000",
         "--channels=1"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        time.sleep(0.5)
        play_span(jfk_flac, 1.0, 3.0)
        time.sleep(0.5)
    finally:
        recorder.terminate()
        heard = np.frombuffer(recorder.communicate(timeout=10)[0], np.int16) / 32768.0
    frames = heard[: len(heard) // 1600 * 1600].reshape(-1, 1600)  # 100 ms each
    [loud] = np.nonzero(np.sqrt((frames**2).mean(axis=1)) > 0.01)
    assert loud.size, "nothing was heard"
    heard_s = (loud[-1] - loud[0] + 1) / 10  # from the first sound to the last
    assert 1.0 <= heard_s <= 2.3, f"{heard_s} s of sound for a 2 s span"


def test_the_device_watcher_subscribes_again_when_its_stream_ends():
    """A sound server restart ends ``pactl subscribe``: the watcher says devices may have
    changed and subscribes again."""
    from copilot.audio.devices import SourceWatcher

    sound_server()
    changes = threading.Semaphore(0)
    watcher = SourceWatcher(changes.release)
    watcher.RETRY_S = 0.2
    assert watcher.start()
    module = None
    try:
        deadline = time.monotonic() + 10
        while watcher.pid is None and time.monotonic() < deadline:
            time.sleep(0.05)
        first = watcher.pid
        time.sleep(1.2)  # a subscription that ran, as one does until its server restarts
        os.kill(first, signal.SIGKILL)
        assert changes.acquire(timeout=10), "the end of the stream was not reported"
        while watcher.pid in (None, first) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert watcher.pid not in (None, first)
        time.sleep(0.5)  # the new subscription has connected
        module = subprocess.run(
            ["pactl", "load-module", "module-null-sink", f"sink_name=nc_again_{os.getpid()}"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert changes.acquire(timeout=10), "the new subscription missed a new sink"
    finally:
        if module:
            subprocess.run(["pactl", "unload-module", module], capture_output=True)
        watcher.stop()


def test_with_no_sound_server_the_watcher_reports_no_changes(monkeypatch):
    """pactl fails at once: no change is reported (each would list the devices again)."""
    from copilot.audio.devices import SourceWatcher

    need(shutil.which("pactl") is not None, "pactl is not installed (apt-get pulseaudio)")
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/pulse/native")
    changes = []
    watcher = SourceWatcher(lambda: changes.append(1))
    watcher.RETRY_S = 0.05
    assert watcher.start()
    time.sleep(1.5)
    watcher.stop()
    assert changes == []
