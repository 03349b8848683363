"""The call header: every engine state is said in words."""

from __future__ import annotations

from copilot.events import EngineState
from ui.call_header import STATE_TEXT, CallHeader


def test_every_engine_state_has_words(qtbot):
    assert set(EngineState) <= set(STATE_TEXT)
    header = CallHeader()
    qtbot.addWidget(header)
    header.show_state(EngineState.CAPTURE_LAG)
    assert header.state_label.text() == "Catching up (old audio skipped)"
    header.show_state(EngineState.ERROR, "the microphone is gone")
    assert header.state_label.text() == "Error: the microphone is gone"


def test_a_lost_device_says_which_side_and_what_to_do(qtbot):
    header = CallHeader()
    qtbot.addWidget(header)
    header.show_state(EngineState.DEVICE_LOST, party="them")
    text = header.state_label.text()
    assert text.startswith("Call audio lost (them):") and "call-audio choice" in text
    header.show_state(EngineState.DEVICE_LOST, party="you")
    assert header.state_label.text().startswith("Microphone lost (you):")
    header.show_state(EngineState.DEVICE_LOST)
    assert header.state_label.text() == "Device lost"
