"""Audio sources: a sounddevice input stream per party, or a real-time replay of a file.

Each source pushes ``AudioBlock``s (16 kHz mono float32) into one shared queue; the
sources never block on it (a full queue drops the block and counts an overflow), so a
slow consumer cannot stall PortAudio's callback.

Devices: an index, a PortAudio device name, or on Linux a PulseAudio source name
("call.monitor", "@DEFAULT_MONITOR@"). PortAudio's ALSA host API only sees the ``pulse``
device, whose plugin reads ``PULSE_SOURCE`` when a stream opens; setting it just before
opening each stream captures two different PulseAudio sources in one process.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from copilot.errors import CopilotError

SAMPLE_RATE = 16000
BLOCK_SECONDS = 0.02
_OPEN_LOCK = threading.Lock()  # PULSE_SOURCE is process-wide while a stream opens


class CaptureError(CopilotError):
    """A capture device cannot be found or opened."""


@dataclass
class AudioBlock:
    """A block of one party's audio, or an event about its source.

    Attributes:
        party: "you" or "them".
        samples: 16 kHz mono float32 (empty for events).
        received_at: ``time.monotonic()`` when the block arrived.
        event: None for audio; "overflow", "lost", "restored" or "ended".
        detail: the event's text.
    """

    party: str
    samples: np.ndarray
    received_at: float
    event: str | None = None
    detail: str = ""


def load_sounddevice() -> Any:
    """Import sounddevice, or raise a clear error when PortAudio is missing."""
    try:
        import sounddevice
    except OSError as exc:  # the Python package loads, libportaudio does not
        raise CaptureError(
            "PortAudio is not installed, so live capture is unavailable "
            "(Debian/Ubuntu: apt-get install libportaudio2)"
        ) from exc
    return sounddevice


def pulse_sources() -> list[dict[str, str]]:
    """PulseAudio/PipeWire sources via ``pactl``, or [] without it: each one's ``name`` (what
    capture opens), ``description`` (what people call it: "Monitor of Built-in Audio Analog
    Stereo") and ``loopback`` ("true" for a monitor of an output)."""
    import os
    import shutil
    import subprocess

    if not shutil.which("pactl"):
        return []
    try:
        # The long listing has the descriptions; its field names are translated, so C.
        run = subprocess.run(
            ["pactl", "list", "sources"],
            capture_output=True,
            text=True,
            timeout=5,
            env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if run.returncode != 0:
        return []
    sources: list[dict[str, str]] = []
    for line in run.stdout.splitlines():
        field, _, value = line.strip().partition(": ")
        if field == "Name":
            loopback = str(value.endswith(".monitor")).lower()
            sources.append({"name": value, "description": value, "loopback": loopback})
        elif field == "Description" and sources:
            sources[-1]["description"] = value
    return sources


def _resolve(sd: Any, device: str | int | None) -> tuple[Any, str | None]:
    """(PortAudio device, PulseAudio source to select) for a user's device choice."""
    if device is None or device == "":
        return None, None
    if isinstance(device, int) or (isinstance(device, str) and device.isdigit()):
        index = int(device)
        try:
            sd.query_devices(index)
        except (ValueError, sd.PortAudioError) as exc:
            raise CaptureError(f"no audio device with index {index}") from exc
        return index, None
    names = [d["name"] for d in sd.query_devices()]
    if device in names:
        return device, None
    pulse = {s["name"] for s in pulse_sources()}
    if device in pulse or device.startswith("@DEFAULT_") or device.endswith(".monitor"):
        if "pulse" not in names:
            raise CaptureError(f"{device} is a PulseAudio source but PortAudio has no pulse device")
        return "pulse", device
    raise CaptureError(f"no input device or PulseAudio source called {device!r}")


class _Resampler:
    """Streaming resampling to 16 kHz with an anti-aliasing filter (python-soxr).

    Real devices run at 44.1 or 48 kHz; plain interpolation folds everything above 8 kHz
    back into the speech band. soxr's "HQ" filter keeps its state across blocks and delays
    the audio by about 21 ms at 48 kHz, less than one window of the voice detector.
    """

    def __init__(self, rate: float):
        self._stream = None
        if rate != SAMPLE_RATE:
            import soxr

            self._stream = soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32", quality="HQ")

    def __call__(self, block: np.ndarray) -> np.ndarray:
        if self._stream is None:
            return block
        return self._stream.resample_chunk(block)


class DeviceSource:
    """One party's input device, pushing blocks into ``sink``.

    Args:
        party: "you" or "them".
        device: index, PortAudio name or PulseAudio source name; None for the default.
        sink: the shared queue.
    """

    # A device takes a while before its audio flows (a PulseAudio monitor up to 2 s):
    # the engine opens it while the models load (``LiveEngine._prime_devices``).
    starts_cold = True

    def __init__(self, party: str, device: str | int | None, sink: queue.Queue):
        self.party = party
        self.device = device
        self.sink = sink
        self._stream: Any = None
        self._pulse_source: str | None = None
        self.lost = False

    def gone(self) -> bool:
        """Whether the PulseAudio source this stream was opened on no longer exists.

        PulseAudio does not end a stream whose source vanishes: it moves it to another
        source (the default one, maybe the microphone), so the stream goes on and only
        the source list tells.
        """
        name = self._pulse_source
        if not name or name.startswith("@DEFAULT_"):
            return False
        return name not in {source["name"] for source in pulse_sources()}

    def start(self) -> None:
        """Open and start the stream.

        Raises:
            CaptureError: the device cannot be found or opened.
        """
        sd = load_sounddevice()
        target, pulse_source = _resolve(sd, self.device)
        self._pulse_source = pulse_source
        try:
            info = sd.query_devices(target, "input")
        except (ValueError, sd.PortAudioError) as exc:
            raise CaptureError(f"no input device for {self.party}: {exc}") from exc
        rate = SAMPLE_RATE
        try:
            sd.check_input_settings(device=target, samplerate=SAMPLE_RATE, channels=1)
        except (ValueError, sd.PortAudioError):
            rate = int(info["default_samplerate"])
        resample = _Resampler(rate)

        def callback(indata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
            now = time.monotonic()
            if status.input_overflow:
                self._push(AudioBlock(self.party, np.zeros(0, np.float32), now, "overflow"))
            self._push(AudioBlock(self.party, resample(indata[:, 0].copy()), now))

        def finished() -> None:
            if not self.lost and self._stream is not None and not self._stopping:
                self.lost = True
                self._push(
                    AudioBlock(self.party, np.zeros(0, np.float32), time.monotonic(), "lost")
                )

        self._stopping = False
        with _OPEN_LOCK:
            previous = os.environ.get("PULSE_SOURCE")
            if pulse_source:
                os.environ["PULSE_SOURCE"] = pulse_source
            try:
                self._stream = sd.InputStream(
                    device=target,
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    blocksize=int(rate * BLOCK_SECONDS),
                    callback=callback,
                    finished_callback=finished,
                )
                self._stream.start()
            except (sd.PortAudioError, ValueError) as exc:
                raise CaptureError(
                    f"cannot open {self.device or 'the default input'}: {exc}"
                ) from exc
            finally:
                if pulse_source:
                    if previous is None:
                        os.environ.pop("PULSE_SOURCE", None)
                    else:
                        os.environ["PULSE_SOURCE"] = previous
        self.lost = False

    def _push(self, block: AudioBlock) -> None:
        # The consumer reports "falling behind"; a PortAudio callback must never block.
        with contextlib.suppress(queue.Full):
            self.sink.put_nowait(block)

    def stop(self) -> None:
        """Stop and close the stream."""
        self._stopping = True
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception:  # noqa: BLE001 - a vanished device may fail to close; nothing to save
                pass
            self._stream = None


class ReplaySource:
    """Plays samples into the queue in real time (or faster), as a device would.

    Args:
        party: "you" or "them".
        samples: 16 kHz mono float32.
        sink: the shared queue.
        speed: 1.0 is real time; 0 means as fast as possible.
        announce_end: send an "ended" event after the last block (a file ends; a device
            that vanishes just stops).
        repeat: play the samples this many times over (long sessions without the memory).
    """

    def __init__(
        self,
        party: str,
        samples: np.ndarray,
        sink: queue.Queue,
        speed: float = 1.0,
        announce_end: bool = True,
        repeat: int = 1,
    ):
        self.announce_end = announce_end
        self.repeat = repeat
        self.party = party
        self.samples = samples
        self.sink = sink
        self.speed = speed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"replay-{party}", daemon=True)
        self.lost = False

    def start(self) -> None:
        """Start playing."""
        self._thread.start()

    def _run(self) -> None:
        block = int(SAMPLE_RATE * BLOCK_SECONDS)
        begin = time.monotonic()
        offsets = (o for _ in range(self.repeat) for o in range(0, len(self.samples), block))
        for index, offset in enumerate(offsets):
            if self._stop.is_set():
                return
            if self.speed > 0:
                due = begin + (index + 1) * BLOCK_SECONDS / self.speed
                delay = due - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    return
            chunk = self.samples[offset : offset + block]
            self.sink.put(AudioBlock(self.party, chunk, time.monotonic()))
        if self.announce_end:
            self.sink.put(
                AudioBlock(self.party, np.zeros(0, np.float32), time.monotonic(), "ended")
            )

    def stop(self) -> None:
        """Stop playing and wait for the thread."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
