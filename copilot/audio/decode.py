"""Decode recordings into one 16 kHz float32 track per party.

Decoding itself is faster-whisper's (PyAV underneath); this module only checks the file,
splits or mixes its channels by the ``--channels`` choice and names each track's party.
The app records stereo with the microphone (you) on the left and the loopback (them) on
the right, so that is the default reading of a stereo file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.errors import InputError

if TYPE_CHECKING:
    import numpy as np

AUDIO_EXTENSIONS = (".wav", ".flac", ".mp3", ".m4a", ".ogg", ".webm")
SAMPLE_RATE = 16000
CHANNEL_CHOICES = ("you,them", "them,you", "mono", "you", "them")
# A file whose decoded length falls this far short of its header is treated as truncated.
TRUNCATION_TOLERANCE = 0.9
# Stereo whose channels correlate this well (at their best alignment) holds one mix twice,
# as many phone and laptop recordings do: it is read as mono, not as two parties.
SAME_CHANNELS = 0.98
# How far apart the two copies may be shifted (seconds), and how much audio is compared.
ALIGN_WITHIN_S = 0.02
COMPARE_S = 60.0


@dataclass
class Track:
    """One party's audio: 16 kHz mono float32 samples."""

    party: str
    samples: np.ndarray

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / SAMPLE_RATE


@dataclass
class AudioInfo:
    """What the container says about its first audio stream."""

    channels: int
    declared_duration: float | None


def probe(path: Path) -> AudioInfo:
    """Read the container header.

    Raises:
        InputError: not audio, corrupt, or without an audio stream.
    """
    import av

    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise InputError(f"{path.name} has no audio stream")
            stream = container.streams.audio[0]
            duration = None
            if stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                duration = container.duration / 1_000_000
            return AudioInfo(stream.codec_context.channels, duration)
    except av.FFmpegError as exc:
        raise InputError(f"{path.name} is not readable audio (corrupt or unsupported)") from exc


def channel_similarity(left: np.ndarray, right: np.ndarray) -> float:
    """The correlation of two channels at their best alignment (within ``ALIGN_WITHIN_S``),
    over their first ``COMPARE_S`` seconds: 1.0 for one signal twice, near 0 for two voices
    (and 0 when either is silent)."""
    import numpy as np

    n = min(len(left), len(right), int(COMPARE_S * SAMPLE_RATE))
    a = left[:n].astype(np.float64) - left[:n].mean()
    b = right[:n].astype(np.float64) - right[:n].mean()
    norm = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    if norm == 0.0:
        return 0.0  # a silent channel: nothing says the two are one mix
    size = 1 << int(np.ceil(np.log2(2 * n)))
    correlation = np.fft.irfft(np.fft.rfft(a, size) * np.conj(np.fft.rfft(b, size)), size)
    lag = int(ALIGN_WITHIN_S * SAMPLE_RATE)
    nearby = np.concatenate([correlation[: lag + 1], correlation[-lag:]])
    return float(nearby.max() / norm)


def decode_tracks(
    path: Path, channels: str | None = None, notice: Callable[[str], None] | None = None
) -> list[Track]:
    """Decode a recording into party tracks.

    Args:
        path: the audio file.
        channels: one of CHANNEL_CHOICES; None reads stereo as "you,them" and mono as
            "mono" (party unknown), and stereo whose two channels hold the same audio
            (``SAME_CHANNELS``) as mono.
        notice: told, in one line, when a stereo file is read as mono.

    Raises:
        InputError: the file is empty, corrupt, truncated, silent of samples, or has more
            than two channels.
    """
    import av
    from faster_whisper.audio import decode_audio

    if channels is not None and channels not in CHANNEL_CHOICES:
        raise InputError(f"--channels must be one of {', '.join(CHANNEL_CHOICES)}")
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty (0 bytes)")
    info = probe(path)
    if info.channels > 2:
        raise InputError(
            f"{path.name} has {info.channels} channels; use stereo (left you, right them) or mono"
        )
    stereo = info.channels == 2
    choice = channels or ("you,them" if stereo else "mono")
    split = stereo and choice in ("you,them", "them,you")
    try:
        decoded = decode_audio(str(path), sampling_rate=SAMPLE_RATE, split_stereo=split)
    except (av.FFmpegError, ValueError) as exc:
        raise InputError(f"{path.name} could not be decoded (corrupt or truncated)") from exc
    if split and channels is None and channel_similarity(*decoded) >= SAME_CHANNELS:
        split, decoded = False, decoded[0]  # the same audio twice: either copy
        if notice is not None:
            notice(
                f"{path.name}: both channels hold the same audio; read as mono "
                "(--channels you,them splits it)"
            )
    if split:
        left, right = decoded
        first, second = choice.split(",")
        tracks = [Track(first, left), Track(second, right)]
    else:
        party = choice if choice in ("you", "them") else "unknown"
        tracks = [Track(party, decoded)]
    length = tracks[0].duration
    if length == 0:
        raise InputError(f"{path.name} holds no audio samples")
    declared = _wav_header_duration(path) or info.declared_duration
    if declared and length < declared * TRUNCATION_TOLERANCE:
        raise InputError(f"{path.name} is truncated: {length:.1f} s decoded of {declared:.1f} s")
    return tracks


def _wav_header_duration(path: Path) -> float | None:
    """The length a WAV header promises (FFmpeg estimates it from the file size instead)."""
    if path.suffix.lower() != ".wav":
        return None
    import wave

    try:
        with wave.open(str(path), "rb") as header:
            return header.getnframes() / header.getframerate()
    except (wave.Error, EOFError, ZeroDivisionError):
        return None
