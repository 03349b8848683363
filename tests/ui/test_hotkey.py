"""The global hotkey on a real X server (Xvfb), pressed through XTEST as a keyboard would."""

from __future__ import annotations

import shutil
import threading

import pytest

from tests.conftest import need
from tests.ui.conftest import start_xvfb
from tests.ui.x_server import press
from ui.hotkey import GlobalHotkey, parse_sequence, unavailable_reason


def test_the_combination_pressed_anywhere_reaches_the_panel(qtbot, x_display):
    hotkey = GlobalHotkey(display_name=x_display)
    status = hotkey.start("xcb")
    try:
        assert status.available, status.message
        with qtbot.waitSignal(hotkey.pressed, timeout=5000):
            press(x_display, hotkey.sequence)
        presses = []
        hotkey.pressed.connect(lambda: presses.append(1))
        press(x_display, "Ctrl+Alt+L")  # not the combination: nothing
        qtbot.wait(700)
        assert presses == []
    finally:
        hotkey.stop()


def test_a_combination_another_app_holds_is_said_and_freed_on_stop(qtbot, x_display):
    first = GlobalHotkey(display_name=x_display)
    assert first.start("xcb").available
    second = GlobalHotkey(display_name=x_display)
    try:
        status = second.start("xcb")
        assert not status.available
        assert "another app holds it" in status.message
        first.stop()
        assert second.start("xcb").available  # stop gave the combination back
    finally:
        first.stop()
        second.stop()


def test_without_x11_the_reason_is_given():
    assert "needs X11" in (unavailable_reason("offscreen") or "")
    assert unavailable_reason("xcb") is None
    hotkey = GlobalHotkey()
    status = hotkey.start("offscreen")
    assert not status.available
    assert status.message.startswith("Global Ctrl+Alt+Shift+L: not available")


def test_a_nonsense_combination_is_refused():
    with pytest.raises(ValueError, match="not a key combination"):
        parse_sequence("Hyper+")


def test_an_x_server_going_away_ends_the_grab_quietly_and_says_so(qtbot, monkeypatch):
    need(shutil.which("Xvfb") is not None, "Xvfb is not installed (apt-get install xvfb)")
    thread_errors = []
    monkeypatch.setattr(threading, "excepthook", thread_errors.append)
    server, name = start_xvfb()
    hotkey = GlobalHotkey(display_name=name)
    try:
        assert hotkey.start("xcb").available
        with qtbot.waitSignal(hotkey.lost, timeout=5000) as lost:
            server.kill()
        assert "the X connection closed" in lost.args[0]
        assert not hotkey.status.available
        hotkey._thread.join(timeout=5)
        assert not hotkey._thread.is_alive()
        assert thread_errors == []  # no traceback from the hotkey's thread
    finally:
        hotkey.stop()
        server.kill()
        server.wait(timeout=10)
