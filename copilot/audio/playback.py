"""Play a short span of a recording (a sample of one voice, for choosing which is yours)."""

from __future__ import annotations

from pathlib import Path

from copilot.audio.capture import CaptureError, load_sounddevice

SAMPLE_RATE = 16000
LONGEST_SAMPLE_S = 4.0


def play_span(path: Path, start: float, end: float) -> None:
    """Play ``start``–``end`` seconds of ``path`` (at most four seconds), and wait for it.

    Raises:
        CaptureError: no sound output (PortAudio or a device is missing).
    """
    from faster_whisper.audio import decode_audio

    samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    first = int(max(0.0, start) * SAMPLE_RATE)
    last = min(int(end * SAMPLE_RATE), first + int(LONGEST_SAMPLE_S * SAMPLE_RATE))
    sd = load_sounddevice()
    try:
        sd.play(samples[first:last], SAMPLE_RATE)
        sd.wait()
    except sd.PortAudioError as exc:
        raise CaptureError(f"no sound output to play the sample on: {exc}") from exc
