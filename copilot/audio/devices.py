"""The device list for ``negotiation-copilot devices`` and the panel's pickers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from typing import Any

from copilot.audio.capture import CaptureError, load_sounddevice, pulse_sources


def list_devices() -> dict[str, Any]:
    """Input devices, PulseAudio sources and defaults; ``error`` says why capture is off."""
    listing: dict[str, Any] = {"inputs": [], "pulse_sources": [], "error": None}
    try:
        sd = load_sounddevice()
    except CaptureError as exc:
        listing["error"] = str(exc)
        return listing
    default_input = sd.default.device[0]
    for index, device in enumerate(sd.query_devices()):
        if device["max_input_channels"] > 0:
            listing["inputs"].append(
                {
                    "index": index,
                    "name": device["name"],
                    "channels": device["max_input_channels"],
                    "default": index == default_input,
                }
            )
    listing["pulse_sources"] = [
        {"name": s["name"], "description": s["description"], "loopback": s["loopback"] == "true"}
        for s in pulse_sources()
    ]
    return listing


# "Event 'new' on source #12": a source or sink came or went ('change' events, volume and
# the like, arrive many times a second and change no list).
_APPEARED_OR_WENT = re.compile(r"^Event '(?:new|remove)' on (?:source|sink) #\d+")


class SourceWatcher:
    """Calls ``on_change`` (on its own thread) when a sound source or output appears or
    goes: a headset plugged in, a call app's output. It reads the sound server's own event
    stream (``pactl subscribe``: PulseAudio, or PipeWire through pipewire-pulse) rather
    than polling; without ``pactl`` it does nothing and the Refresh button stays the way.
    """

    def __init__(self, on_change: Callable[[], None]):
        self._on_change = on_change
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start watching; False when there is no sound server to watch."""
        if self._process is not None:
            return True
        if not shutil.which("pactl"):
            return False
        try:
            self._process = subprocess.Popen(
                ["pactl", "subscribe"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env={**os.environ, "LC_ALL": "C"},  # the event lines are translated
            )
        except OSError:
            return False
        self._thread = threading.Thread(
            target=self._read, args=(self._process,), name="source-watcher", daemon=True
        )
        self._thread.start()
        return True

    def stop(self) -> None:
        """Stop watching (the reader ends with the subprocess)."""
        process, thread = self._process, self._thread
        self._process = self._thread = None
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if thread is not None:
            thread.join(timeout=5)

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if _APPEARED_OR_WENT.match(line):
                self._on_change()
        process.stdout.close()
