"""Typing on a test X server, as a keyboard would (XTEST)."""

from __future__ import annotations

from ui.hotkey import parse_sequence


def press(display_name: str, sequence: str) -> None:
    """Press and release the combination through XTEST, like someone typing it."""
    from Xlib import XK, X, display
    from Xlib.ext import xtest

    names = {"ctrl": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "super": "Super_L"}
    modifiers, key = parse_sequence(sequence)
    keyboard = display.Display(display_name)
    codes = [keyboard.keysym_to_keycode(XK.string_to_keysym(names[m])) for m in modifiers]
    codes.append(keyboard.keysym_to_keycode(XK.string_to_keysym(key)))
    for code in codes:
        xtest.fake_input(keyboard, X.KeyPress, code)
    keyboard.sync()
    for code in reversed(codes):
        xtest.fake_input(keyboard, X.KeyRelease, code)
    keyboard.sync()
    keyboard.close()
