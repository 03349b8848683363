"""The device list for ``negotiation-copilot devices`` and the panel's pickers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
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
    When the stream ends (the sound server restarted) it says so as a change and
    subscribes again; with no server answering, it tries less and less often.
    """

    RETRY_S = 2.0
    GIVE_UP_S = 60.0  # the longest wait between tries while no server answers

    def __init__(self, on_change: Callable[[], None]):
        self._on_change = on_change
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        """The ``pactl subscribe`` process being read, if any."""
        with self._lock:
            return None if self._process is None else self._process.pid

    def start(self) -> bool:
        """Start watching; False when there is no ``pactl`` to watch with."""
        if self._thread is not None:
            return True
        if not shutil.which("pactl"):
            return False
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._watch, args=(self._stop,), name="source-watcher", daemon=True
        )
        self._thread.start()
        return True

    def stop(self) -> None:
        """Stop watching (the subscription ends with its process)."""
        self._stop.set()
        with self._lock:
            process = self._process
        if process is not None:
            process.terminate()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _watch(self, stop: threading.Event) -> None:
        wait = self.RETRY_S
        while not stop.is_set():
            began = time.monotonic()
            try:
                process = subprocess.Popen(
                    ["pactl", "subscribe"],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                    env={**os.environ, "LC_ALL": "C"},  # the event lines are translated
                )
            except OSError:
                return
            with self._lock:
                self._process = process
            if stop.is_set():  # stopped while it started
                process.terminate()
            assert process.stdout is not None
            for line in process.stdout:
                if _APPEARED_OR_WENT.match(line):
                    self._on_change()
            process.stdout.close()
            process.wait()
            with self._lock:
                self._process = None
            # A stream that ran ended with its server; one that failed at once had none.
            ran = time.monotonic() - began >= 1.0
            wait = self.RETRY_S if ran else min(wait * 2, self.GIVE_UP_S)
            if not stop.wait(wait) and ran:
                self._on_change()  # a restarted server may offer other devices
