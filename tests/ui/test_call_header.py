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
