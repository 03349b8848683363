"""The top of the panel: session state, elapsed time, model, input levels and controls."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from copilot.events import EngineState
from ui.widgets import LevelMeter

STATE_TEXT = {
    "idle": "Idle",
    EngineState.LOADING: "Loading models…",
    EngineState.LOADED: "Models loaded",
    EngineState.LISTENING: "Listening",
    EngineState.PAUSED: "Paused",
    EngineState.FALLING_BEHIND: "Falling behind",
    EngineState.CAPTURE_LAG: "Catching up (old audio skipped)",
    EngineState.DEVICE_LOST: "Device lost",
    EngineState.OVERFLOW: "Listening (input overflow)",
    EngineState.ERROR: "Error",
    EngineState.DONE: "Idle",
}


# Which device captures each side, and what to check when it stops delivering audio.
DEVICE_OF = {
    "you": ("Microphone", "check it is plugged in and not taken by another app; it is reopened"),
    "them": ("Call audio", "check the call-audio choice matches your speakers; it is reopened"),
}


class CallHeader(QWidget):
    """What the session is doing, and the buttons that start, pause and stop it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.state_label = QLabel("Idle", self)
        self.state_label.setStyleSheet("font-weight: bold")
        self.elapsed_label = QLabel("00:00", self)
        self.model_label = QLabel("tiny.en (bundled)", self)
        layout.addWidget(self.state_label, 0, 0)
        layout.addWidget(self.elapsed_label, 0, 1)
        layout.addWidget(self.model_label, 0, 2)
        self.counterpart_label = QLabel("", self)
        self.counterpart_label.setStyleSheet("font-weight: bold")
        self.counterpart_label.hide()
        layout.addWidget(self.counterpart_label, 4, 0, 1, 3)
        self.levels = {party: LevelMeter(party, self) for party in ("you", "them")}
        for row, party in enumerate(("you", "them"), start=1):
            layout.addWidget(QLabel(party, self), row, 0)
            layout.addWidget(self.levels[party], row, 1, 1, 2)
        controls = QHBoxLayout()
        self.start_button = QPushButton("Start", self)
        self.pause_button = QPushButton("Pause", self)
        self.stop_button = QPushButton("Stop", self)
        self.record_box = QCheckBox("Record", self)
        self.record_box.setToolTip("Save the call as a stereo WAV (off by default for privacy)")
        for widget in (self.start_button, self.pause_button, self.stop_button, self.record_box):
            controls.addWidget(widget)
        layout.addLayout(controls, 3, 0, 1, 3)

    def show_state(self, state: str, message: str = "", party: str | None = None) -> None:
        """The engine's state in words (an error with its message; a lost device with the
        side it captured and what to do)."""
        text = STATE_TEXT.get(state, state)
        if state == EngineState.DEVICE_LOST and party in DEVICE_OF:
            device, advice = DEVICE_OF[party]
            text = f"{device} lost ({party}): {advice}"
        self.state_label.setText(f"Error: {message}" if state == "error" else text)
        self.state_label.setWordWrap(True)

    def show_counterpart(self, counterpart: str | None) -> None:
        """Who the call is with, from the prep sheet, beside the model (hidden when unknown)."""
        self.counterpart_label.setText(f"with {counterpart}" if counterpart else "")
        self.counterpart_label.setVisible(bool(counterpart))

    def show_controls(self, running: bool, stopping: bool, paused: bool) -> None:
        """Enable the buttons that make sense now."""
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running and not stopping)
        self.stop_button.setEnabled(running and not stopping)
        self.pause_button.setText("Resume" if paused else "Pause")

    def show_elapsed(self, seconds: float) -> None:
        """The session's running time as mm:ss."""
        whole = int(seconds)
        self.elapsed_label.setText(f"{whole // 60:02d}:{whole % 60:02d}")

    def show_level(self, party: str, rms: float) -> None:
        """Input level of one party."""
        meter = self.levels.get(party)
        if meter is not None:
            meter.set_rms(rms)
