"""The microphone, call-audio and model pickers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

BUNDLED_MODEL = "tiny.en (bundled)"
# PortAudio's names for the sound server's own inputs say nothing to people.
PORTAUDIO_NAMES = {
    "pulse": "System default input (PulseAudio)",
    "default": "System default input (ALSA)",
    "sysdefault": "System default input (ALSA)",
    "pipewire": "System default input (PipeWire)",
}


class DevicePickers(QWidget):
    """Which devices a session captures, and which speech model it uses."""

    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        # While a session runs the pickers fold into this one line; a click shows them.
        self.summary = QPushButton(self)
        self.summary.setFlat(True)
        self.summary.setStyleSheet("QPushButton { text-align: left; padding: 1px 2px; }")
        self.summary.setAccessibleName("Devices and model in use")
        # Long device names are cut in the middle to the panel's width, not widen it.
        policy = self.summary.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.summary.setSizePolicy(policy)
        self._summary = ""
        self._demo = False
        self.summary.clicked.connect(lambda _checked=False: self._unfold(self.grid.isHidden()))
        self.summary.hide()
        outer.addWidget(self.summary)
        self.grid = QWidget(self)
        outer.addWidget(self.grid)
        layout = QGridLayout(self.grid)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mic_combo = QComboBox(self.grid)
        self.loopback_combo = QComboBox(self.grid)
        self.model_combo = QComboBox(self.grid)
        self.model_combo.setEditable(True)
        self.model_combo.addItems([BUNDLED_MODEL, "base.en", "small.en"])
        self.model_combo.setToolTip("A model name in the local cache, or a model folder")
        pickers = (("Mic", self.mic_combo), ("Call audio", self.loopback_combo))
        for row, (label, combo) in enumerate(pickers + (("Model", self.model_combo),)):
            layout.addWidget(QLabel(label, self.grid), row, 0)
            layout.addWidget(combo, row, 1)
        self.refresh_button = QPushButton("Refresh", self.grid)
        self.refresh_button.setToolTip("List the microphones and outputs again")
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh_requested.emit())
        self.refresh_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.refresh_button, 0, 2)
        layout.setColumnStretch(1, 1)  # the device names get the width
        self.capture_note = QLabel("", self.grid)
        self.capture_note.setWordWrap(True)
        layout.addWidget(self.capture_note, 3, 0, 1, 3)

    def fill(self, listing: dict[str, Any], mic: Any = None, loopback: Any = None) -> None:
        """Offer the listed devices, selecting the remembered ``mic`` and ``loopback`` (on a
        refresh, what is chosen now stays chosen if it is still there)."""
        if self.mic_combo.count():
            mic, loopback = self.mic(), self.loopback()
        self.mic_combo.clear()
        self.loopback_combo.clear()
        error = listing["error"]
        self.capture_note.setText(f"Live capture unavailable: {error}" if error else "")
        self.mic_combo.addItem("Default microphone", None)
        self.loopback_combo.addItem("Default output (monitor)", None)
        for device in listing["inputs"]:
            label = PORTAUDIO_NAMES.get(device["name"], device["name"])
            self.mic_combo.addItem(label, str(device["index"]))
        for source in listing["pulse_sources"]:
            combo = self.loopback_combo if source["loopback"] else self.mic_combo
            combo.addItem(source.get("description") or source["name"], source["name"])
            combo.setItemData(combo.count() - 1, source["name"], Qt.ItemDataRole.ToolTipRole)
        for combo, remembered in ((self.mic_combo, mic), (self.loopback_combo, loopback)):
            combo.addItem("None", "none")
            index = combo.findData(remembered)
            if index >= 0:
                combo.setCurrentIndex(index)

    def set_running(self, running: bool, demo: bool = False) -> None:
        """Fold the pickers into one line while a session runs (they apply to the next
        one), unfold them when it ends; ``demo``: a recording plays, no device is open."""
        self._demo = demo
        for widget in (self.mic_combo, self.loopback_combo, self.model_combo, self.refresh_button):
            widget.setEnabled(not running)
        self.summary.setVisible(running)
        self.grid.setVisible(not running)
        if running:
            self._set_summary(self.summary_text())

    def summary_text(self) -> str:
        """Mic, call audio and model in one line."""
        if self._demo:
            return f"Demo recording (no device open) · {self.model_combo.currentText()} ▸"
        mic = self.mic_combo.currentText() or "Default microphone"
        call = self.loopback_combo.currentText() or "Default output (monitor)"
        return f"Mic: {mic} · Call: {call} · {self.model_combo.currentText()} ▸"

    def _unfold(self, unfold: bool) -> None:
        self.grid.setVisible(unfold)
        self._set_summary(self.summary_text().rstrip("▸") + ("▾" if unfold else "▸"))

    def _set_summary(self, text: str) -> None:
        self._summary = text
        self.summary.setToolTip(
            f"{text}\nClick to show the devices; stop the session to change them"
        )
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.width() - 12)
        metrics = self.summary.fontMetrics()
        self.summary.setText(metrics.elidedText(self._summary, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._summary:
            self._elide()

    def mic(self) -> Any:
        """The chosen microphone (None: the default; "none": no microphone)."""
        return self.mic_combo.currentData()

    def loopback(self) -> Any:
        """The chosen call audio (None: the default output's monitor; "none": none)."""
        return self.loopback_combo.currentData()

    def model(self) -> str | None:
        """The chosen speech model; None for the bundled one."""
        model = self.model_combo.currentText().strip()
        return None if not model or model.endswith("(bundled)") else model

    def set_model(self, model: str) -> None:
        """Select a remembered model."""
        if model:
            self.model_combo.setCurrentText(model)
