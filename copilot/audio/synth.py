"""Synthesised negotiation dialogues (espeak-ng) for tests, benchmarks and the demo.

Each party speaks on its own channel, as the app records a call: you on the left, them
on the right. The script's timing is returned with the audio so that tests can check
parties and text, and benchmarks can measure latency from the end of the speech itself
(espeak-ng pads each clip with about 0.35 s of silence, which is trimmed here).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
VOICES = {"you": "en-us", "them": "en-gb"}
# RMS of a 10 ms frame above which espeak-ng output counts as speech.
SPEECH_RMS = 0.01


@dataclass
class Turn:
    """One scripted turn and, once synthesised, where its speech sits in the dialogue."""

    party: str
    text: str
    start: float = 0.0
    end: float = 0.0


def espeak_available() -> bool:
    """Whether espeak-ng is on the PATH."""
    return shutil.which("espeak-ng") is not None


def speak(text: str, voice: str = "en-us", words_per_minute: int = 160) -> np.ndarray:
    """Synthesise ``text`` to 16 kHz float32 samples with trailing silence trimmed."""
    from faster_whisper.audio import decode_audio

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(wav), text],
            check=True,
            capture_output=True,
        )
        samples = decode_audio(str(wav), sampling_rate=SAMPLE_RATE)
    return trim_silence(samples)


def speech_end(samples: np.ndarray) -> int:
    """Index just past the last 10 ms frame louder than ``SPEECH_RMS``."""
    frame = SAMPLE_RATE // 100
    count = len(samples) // frame
    if count == 0:
        return 0
    rms = np.sqrt(np.mean(samples[: count * frame].reshape(count, frame) ** 2, axis=1))
    loud = np.nonzero(rms > SPEECH_RMS)[0]
    return int((loud[-1] + 1) * frame) if len(loud) else 0


def trim_silence(samples: np.ndarray) -> np.ndarray:
    """Drop the silence after the last spoken frame."""
    return samples[: speech_end(samples)]


def synthesise_dialogue(
    turns: list[Turn], gap: float = 0.8, lead: float = 0.5, voices: dict[str, str] = VOICES
) -> tuple[np.ndarray, np.ndarray]:
    """Lay the turns one after another, each on its party's channel.

    Args:
        turns: the script; ``start``/``end`` are filled in (seconds of speech).
        gap: silence between turns.
        lead: silence before the first turn.
        voices: each party's espeak-ng voice (the default pair is one voice with two
            accents to a voice encoder: CAM++ cannot tell them apart).

    Returns:
        (you, them) channels of equal length, 16 kHz float32.
    """
    clips = [speak(turn.text, voices.get(turn.party, "en-us")) for turn in turns]
    total = lead + sum(len(c) / SAMPLE_RATE + gap for c in clips) + 0.5
    channels = {party: np.zeros(int(total * SAMPLE_RATE), dtype=np.float32) for party in voices}
    cursor = lead
    for turn, clip in zip(turns, clips, strict=True):
        begin = int(cursor * SAMPLE_RATE)
        channels[turn.party][begin : begin + len(clip)] = clip
        turn.start = cursor
        turn.end = cursor + len(clip) / SAMPLE_RATE
        cursor = turn.end + gap
    return channels["you"], channels["them"]


def write_wav(path: Path, *channels: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """Write 16-bit PCM at ``rate``: one channel is mono, two are stereo (left, right)."""
    interleaved = np.stack(channels, axis=1) if len(channels) > 1 else channels[0][:, None]
    pcm = (np.clip(interleaved, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(pcm.shape[1])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path
