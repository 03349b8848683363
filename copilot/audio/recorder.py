"""The optional session recording: a stereo 16-bit WAV, left you, right them.

Off unless asked for. The file is created with mode 0600. Channels arrive independently,
so each is buffered until the other has caught up; an absent party is silence.
"""

from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np

from copilot.errors import CopilotError

SAMPLE_RATE = 16000


class StereoRecorder:
    """Writes both parties' audio, aligned by sample count.

    Args:
        path: the WAV file to create.
        parties: the parties that have a source; the others are written as silence.
    """

    def __init__(self, path: Path, parties: set[str]):
        if path.suffix.lower() != ".wav":
            raise CopilotError(f"recordings are WAV files: {path.name} should end in .wav")
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        except OSError as exc:
            raise CopilotError(f"cannot create the recording {path}: {exc.strerror}") from exc
        self.path = path
        self._file = os.fdopen(descriptor, "wb")
        self._wav = wave.open(self._file, "wb")  # noqa: SIM115 - closed in close()
        self._wav.setnchannels(2)
        self._wav.setsampwidth(2)
        self._wav.setframerate(SAMPLE_RATE)
        self._present = parties
        self._pending = {"you": [np.zeros(0, np.float32)], "them": [np.zeros(0, np.float32)]}

    def write(self, party: str, samples: np.ndarray) -> None:
        """Add one party's samples; writes whatever both channels now cover."""
        self._pending[party].append(samples)
        self._drain(final=False)

    def _drain(self, final: bool) -> None:
        left = np.concatenate(self._pending["you"])
        right = np.concatenate(self._pending["them"])
        if "you" not in self._present:
            left = np.zeros(len(right), np.float32)
        if "them" not in self._present:
            right = np.zeros(len(left), np.float32)
        count = max(len(left), len(right)) if final else min(len(left), len(right))
        if count == 0:
            return
        frames = np.zeros((count, 2), np.float32)
        frames[: min(count, len(left)), 0] = left[:count]
        frames[: min(count, len(right)), 1] = right[:count]
        self._wav.writeframes((np.clip(frames, -1, 1) * 32767).astype("<i2").tobytes())
        self._pending = {"you": [left[count:]], "them": [right[count:]]}

    def close(self) -> None:
        """Write what is left and close the file."""
        self._drain(final=True)
        self._wav.close()
        self._file.close()
