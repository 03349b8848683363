"""Shared fixtures: real models, real SQLite files, synthesised speech.

The environment is fixed before anything imports Qt or faster-whisper: no model hub and
an offscreen Qt platform.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, reason: str) -> None:
    """Skip on a developer machine, fail in CI: CI promises every real part is there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """A test must not leave threads running behind it."""
    before = set(threading.enumerate())
    yield
    leftover = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not t.daemon and t is not threading.main_thread()
    ]
    for thread in leftover:
        thread.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"


@pytest.fixture(scope="session")
def whisper_model():
    """The bundled tiny.en, loaded once for the whole run."""
    from models.whisper import WhisperSettings, load_whisper

    model, _resolved = load_whisper(WhisperSettings())
    return model


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file path."""
    return tmp_path / "sessions.db"


@pytest.fixture(scope="session")
def jfk_flac() -> Path:
    """11 s of real speech from faster-whisper's test data."""
    path = SHARED / "audio" / "jfk.flac"
    need(path.is_file(), f"{path} (the shared folder) is missing")
    return path


@pytest.fixture(scope="session")
def espeak():
    """espeak-ng must be installed to synthesise test speech."""
    from copilot.audio.synth import espeak_available

    need(espeak_available(), "espeak-ng is not installed (apt-get install espeak-ng)")


RENEWAL_SCRIPT = [
    ("you", "Thanks for making the time today. What matters most to your team in this renewal?"),
    ("them", "Our biggest concern is budget predictability for next year."),
    ("you", "If you sign for three years, we can offer forty dollars per seat."),
    ("them", "That could work. I will send the signed order form by Friday."),
]


@pytest.fixture(scope="session")
def renewal_dialogue(espeak, tmp_path_factory) -> tuple[Path, list]:
    """A stereo negotiation (you left, them right) synthesised with two espeak-ng voices."""
    from copilot.audio.synth import Turn, synthesise_dialogue, write_wav

    turns = [Turn(party, text) for party, text in RENEWAL_SCRIPT]
    you, them = synthesise_dialogue(turns)
    path = tmp_path_factory.mktemp("audio") / "renewal.wav"
    return write_wav(path, you, them), turns


def _pulse_running() -> bool:
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


def sound_server() -> None:
    """A running PulseAudio-protocol server: the one that answers (PulseAudio, or PipeWire
    through pipewire-pulse), else a PulseAudio started here."""
    for tool in ("pactl", "paplay"):
        need(shutil.which(tool) is not None, f"{tool} is not installed (apt-get pulseaudio)")
    if not _pulse_running():
        need(shutil.which("pulseaudio") is not None, "no sound server runs and no pulseaudio")
        subprocess.run(
            ["pulseaudio", "--start", "--exit-idle-time=-1"], capture_output=True, timeout=30
        )
    need(_pulse_running(), "no PulseAudio server could be started")


@pytest.fixture
def null_sink():
    """A fresh null sink; its monitor behaves like a system-audio loopback."""
    sound_server()
    from copilot.audio.capture import CaptureError, load_sounddevice

    try:
        load_sounddevice()
    except CaptureError as exc:
        need(False, str(exc))
    name = f"nc_test_{os.getpid()}"
    module = subprocess.run(
        ["pactl", "load-module", "module-null-sink", f"sink_name={name}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    yield name
    subprocess.run(["pactl", "unload-module", module], capture_output=True)


def assert_learnt_without_echo(profile, you, them) -> None:
    """The voice profile learnt from ``you`` plus their echo holds your voice, not theirs,
    and about your speech's seconds (an utterance carries a little more than its words)."""
    from copilot.audio.diarize import embed_speech
    from models.campplus_encoder import CamPlusEncoder

    assert profile is not None
    embed = CamPlusEncoder().embed_windows
    yours, your_seconds = embed_speech(you, embed)
    theirs, their_seconds = embed_speech(them, embed)
    assert profile.seconds < your_seconds + 0.5 * their_seconds, (profile.seconds, your_seconds)
    assert float(profile.embedding @ yours) > 0.95 > float(profile.embedding @ theirs)
