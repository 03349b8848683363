"""A global hotkey: log a commitment while the video call has the keyboard.

On X11 the key combination is grabbed on the root window (``XGrabKey``) through
python-xlib, on a connection of its own read by its own thread; the press is posted to the
GUI thread as a Qt signal. Only that combination reaches the app: it is a grab, not a
keyboard listener. Wayland lets no app grab keys, and Windows and macOS are not built yet
(their APIs are ``RegisterHotKey`` and a Carbon/``NSEvent`` monitor; see the README): the
panel says so instead.
"""

from __future__ import annotations

import os
import select
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

DEFAULT_SEQUENCE = "Ctrl+Alt+Shift+L"
# Holding the keys down repeats the press; one log per press is meant.
REPEAT_S = 0.6


class HotkeyTaken(Exception):
    """Another app holds the combination already."""


@dataclass(frozen=True)
class HotkeyStatus:
    """Whether the hotkey works here, in words for the window."""

    available: bool
    message: str


def unavailable_reason(platform_name: str) -> str | None:
    """Why a global hotkey cannot work under this Qt platform, or None when it can."""
    if sys.platform != "linux":
        return "not built for this system yet (X11 only)"
    if os.environ.get("WAYLAND_DISPLAY") and platform_name != "xcb":
        return "Wayland does not let apps grab keys"
    if platform_name != "xcb":
        return f"needs X11 (the window runs on {platform_name})"
    return None


def parse_sequence(sequence: str) -> tuple[list[str], str]:
    """("Ctrl+Alt+Shift+L") → (["ctrl", "alt", "shift"], "l")."""
    *modifiers, key = [part.strip().lower() for part in sequence.split("+")]
    unknown = set(modifiers) - {"ctrl", "alt", "shift", "super"}
    if unknown or not key:
        raise ValueError(f"not a key combination: {sequence!r}")
    return modifiers, key


class X11Grab:
    """The combination grabbed on the X server's root window (no Qt here).

    Raises:
        HotkeyTaken: another client grabbed it first.
        Xlib.error.DisplayError: no X server answers.
    """

    def __init__(self, sequence: str, display_name: str | None = None):
        from Xlib import XK, X, display, error

        modifiers, key = parse_sequence(sequence)
        masks = {
            "ctrl": X.ControlMask,
            "alt": X.Mod1Mask,
            "shift": X.ShiftMask,
            "super": X.Mod4Mask,
        }
        self._mask = 0
        for name in modifiers:
            self._mask |= masks[name]
        self._display = display.Display(display_name)
        self.keycode = self._display.keysym_to_keycode(XK.string_to_keysym(key))
        if not self.keycode:
            self._display.close()
            raise ValueError(f"no key {key!r} on this keyboard")
        self._root = self._display.screen().root
        # Caps Lock and Num Lock count as modifiers: grab with each, so the key works
        # whichever is on.
        extras = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)
        self._variants = [self._mask | extra for extra in extras]
        refused = error.CatchError(error.BadAccess)
        for mask in self._variants:
            self._root.grab_key(
                self.keycode, mask, True, X.GrabModeAsync, X.GrabModeAsync, onerror=refused
            )
        self._display.sync()
        if refused.get_error() is not None:
            self.close()
            raise HotkeyTaken(sequence)
        self._key_press = X.KeyPress

    def presses(self, stop: threading.Event) -> Iterator[float]:
        """Yield the time of each press until ``stop`` is set (checked twice a second)."""
        display = self._display
        last = 0.0
        while not stop.is_set():
            ready, _w, _x = select.select([display.fileno()], [], [], 0.5)
            if not ready and not display.pending_events():
                continue
            while display.pending_events():
                event = display.next_event()
                if event.type == self._key_press and event.detail == self.keycode:
                    now = time.monotonic()
                    if now - last >= REPEAT_S:
                        yield now
                    last = now

    def close(self) -> None:
        """Give the combination back and close the connection.

        A connection the X server already closed has nothing to give back: the server
        dropped the grab with it, so that is no error.
        """
        from Xlib import error

        try:
            for mask in self._variants:
                self._root.ungrab_key(self.keycode, mask)
            self._display.sync()
            self._display.close()
        except error.ConnectionClosedError:
            pass


class GlobalHotkey(QObject):
    """The hotkey as a Qt signal, ``pressed``, emitted on the GUI thread.

    Args:
        sequence: the combination ("Ctrl+Alt+Shift+L").
        display_name: the X display; None uses ``$DISPLAY``.
    """

    pressed = Signal()
    # The grab ended without stop() (the X connection closed); the reason, in words.
    lost = Signal(str)

    def __init__(
        self,
        sequence: str = DEFAULT_SEQUENCE,
        display_name: str | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.sequence = sequence
        self.display_name = display_name
        self.status = HotkeyStatus(False, "off")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, platform_name: str = "xcb") -> HotkeyStatus:
        """Grab the combination; what the window should say about it."""
        self.stop()
        reason = unavailable_reason(platform_name)
        grab: Any = None
        if reason is None:
            try:
                grab = X11Grab(self.sequence, self.display_name)
            except HotkeyTaken:
                reason = "another app holds it"
            except Exception as exc:  # noqa: BLE001 - any X failure leaves the app working
                reason = f"no X server answers ({exc})"
        if grab is None:
            self.status = HotkeyStatus(False, f"Global {self.sequence}: not available, {reason}")
            return self.status
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(grab, self._stop), name="global-hotkey", daemon=True
        )
        self._thread.start()
        self.status = HotkeyStatus(True, f"Global {self.sequence} logs a commitment from any app")
        return self.status

    def stop(self) -> None:
        """Let the combination go (the thread ends within half a second)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None
        if self.status.available:
            self.status = HotkeyStatus(False, f"Global {self.sequence}: off")

    def _serve(self, grab: X11Grab, stop: threading.Event) -> None:
        from Xlib import error

        try:
            for _when in grab.presses(stop):
                self.pressed.emit()  # queued to the GUI thread: this is not a Qt thread
        except (error.ConnectionClosedError, OSError) as exc:
            # The X server went away (or closed our connection): no traceback on stderr,
            # the window says the hotkey is off, unless stop() ended it meanwhile.
            if not stop.is_set():
                message = f"Global {self.sequence}: off, the X connection closed"
                self.status = HotkeyStatus(False, message)
                self.lost.emit(f"{message} ({exc})")
        finally:
            grab.close()
