"""Your voice profile: one speaker embedding, kept beside the session database.

It is learnt from the "you" channel of your own recordings (the microphone side of a
stereo file the app wrote) and of your live calls (the microphone), and lets ``analyze
--me-voice auto`` tell which voice on a one-track recording is yours. It is a voice
print: stored only on this machine, readable only by you (mode 0600), and
``forget-voice`` deletes it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from copilot.audio.diarize import SAMPLE_RATE, Embed, embed_speech, speech_regions
from copilot.errors import InputError

FILE_NAME = "voice-profile.json"
# The voice encoder whose embeddings a profile holds (``models.campplus_encoder.NAME``); a
# profile of another encoder cannot be compared, and the next learning replaces it.
ENCODER = "campplus-cn-en-common"
DIMENSIONS = 192
# A voice's mean embedding must be at least this close to the profile to be called yours.
# With CAM++: different people 0.61-0.74 apart on real speech (AMI), two similar
# synthesised voices 0.79; halves of one person's speech 0.976 or more.
MATCH = 0.85
# Less of your speech than this says too little about your voice to learn from.
MIN_SPEECH_S = 5.0
# One utterance is a noisier sample of a voice than a recording's mean. With CAM++ one
# synthesised voice's utterances measured 0.87-0.95 to its mean, other voices' at most
# 0.80 (espeak's en-us, en-gb and en-us+m3, one voice with three accents, 0.87-0.95 to
# each other).
UTTERANCE_MATCH = 0.85
# Shorter than this, an utterance is too little to judge its voice by.
SHORTEST_JUDGED_S = 0.5


def profile_path(db_path: Path) -> Path:
    """Where the profile of the user of ``db_path`` lives."""
    return db_path.parent / FILE_NAME


@dataclass
class VoiceProfile:
    """The mean embedding of your speech, and how many seconds of it went in."""

    embedding: np.ndarray
    seconds: float

    def updated_with(self, embedding: np.ndarray, seconds: float) -> VoiceProfile:
        """The profile with more of your speech averaged in (weighted by its length)."""
        total = self.seconds + seconds
        mean = (self.embedding * self.seconds + embedding * seconds) / total
        return VoiceProfile(mean / np.linalg.norm(mean), total)

    def closest(self, voices: list[np.ndarray]) -> int | None:
        """The index of the voice (a mean embedding) that is yours; None when none is
        close enough to say, or two are."""
        if not voices:
            return None
        similarity = [float(self.embedding @ (v / np.linalg.norm(v))) for v in voices]
        best = int(np.argmax(similarity))
        close = [s for s in similarity if s >= MATCH]
        return best if len(close) == 1 and similarity[best] >= MATCH else None


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return data
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not a voice profile ({exc}); forget-voice removes it") from exc


def is_outdated(path: Path) -> bool:
    """Whether the file holds a profile of an earlier voice encoder (unusable until the
    next learning replaces it)."""
    return path.is_file() and _read(path).get("encoder") != ENCODER


def load_profile(path: Path) -> VoiceProfile | None:
    """The stored profile, or None when there is none or it is outdated (``is_outdated``).

    Raises:
        InputError: the file is not a voice profile.
    """
    if not path.is_file():
        return None
    data = _read(path)
    if data.get("encoder") != ENCODER:
        return None
    try:
        embedding = np.asarray(data["embedding"], dtype=np.float32)
        seconds = float(data["seconds"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path} is not a voice profile ({exc}); forget-voice removes it") from exc
    if embedding.shape != (DIMENSIONS,) or seconds <= 0:
        raise InputError(f"{path} is not a voice profile; forget-voice removes it")
    return VoiceProfile(embedding, seconds)


def save_profile(path: Path, profile: VoiceProfile) -> None:
    """Write the profile atomically, readable only by the user."""
    data = {
        "encoder": ENCODER,
        "embedding": [round(float(x), 6) for x in profile.embedding],
        "seconds": round(profile.seconds, 2),
        "updated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    descriptor = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(partial, path)


def learn_profile(path: Path, embedding: np.ndarray, seconds: float) -> VoiceProfile | None:
    """Average ``seconds`` of your speech (its mean ``embedding``) into the stored profile,
    or start one; the profile as saved (None: too little speech to learn from)."""
    if seconds < MIN_SPEECH_S:
        return None
    profile = load_profile(path)
    profile = (
        profile.updated_with(embedding, seconds) if profile else VoiceProfile(embedding, seconds)
    )
    save_profile(path, profile)
    return profile


def sounds_like(embed: Embed, samples: np.ndarray, voice: np.ndarray) -> bool:
    """Whether one utterance (16 kHz) is in the voice of that mean embedding."""
    embedding = embed(samples, [0], len(samples))[0]
    return float(voice @ embedding) >= UTTERANCE_MATCH


@dataclass
class Heard:
    """A stretch of one side's speech: when it was (seconds on the call's clock), and it."""

    start: float
    end: float
    samples: np.ndarray

    @classmethod
    def regions(cls, samples: np.ndarray) -> list[Heard]:
        """The speech on one track, a part per stretch the VAD finds."""
        return [
            cls(start / SAMPLE_RATE, end / SAMPLE_RATE, samples[start:end])
            for start, end in speech_regions(samples)
        ]


def without_echo(mine: list[Heard], theirs: list[Heard], embed: Embed) -> list[Heard]:
    """Your speech less their echo: without headphones your microphone hears the other side
    too. A part of yours is their echo when the other side was speaking for most of it
    and it sounds like them; neither alone (two people may sound alike, or speak at once).
    Under 0.5 s is too short to judge, and kept (nothing that short is learnt)."""
    if not theirs:
        return list(mine)
    voice, _seconds = embed_speech(np.concatenate([part.samples for part in theirs]), embed)
    if voice is None:
        return list(mine)
    kept = []
    for part in mine:
        during = sum(max(0.0, min(part.end, t.end) - max(part.start, t.start)) for t in theirs)
        echo = (
            during >= 0.5 * (part.end - part.start)
            and len(part.samples) >= int(SHORTEST_JUDGED_S * SAMPLE_RATE)
            and sounds_like(embed, part.samples, voice)
        )
        if not echo:
            kept.append(part)
    return kept


def forget_profile(path: Path) -> bool:
    """Delete the profile; whether there was one."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
