"""The microphone, call-audio and model pickers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

BUNDLED_MODEL = "tiny.en (bundled)"


class DevicePickers(QWidget):
    """Which devices a session captures, and which speech model it uses."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mic_combo = QComboBox(self)
        self.loopback_combo = QComboBox(self)
        self.model_combo = QComboBox(self)
        self.model_combo.setEditable(True)
        self.model_combo.addItems([BUNDLED_MODEL, "base.en", "small.en"])
        self.model_combo.setToolTip("A model name in the local cache, or a model folder")
        pickers = (("Mic", self.mic_combo), ("Call audio", self.loopback_combo))
        for row, (label, combo) in enumerate(pickers + (("Model", self.model_combo),)):
            layout.addWidget(QLabel(label, self), row, 0)
            layout.addWidget(combo, row, 1)
        self.capture_note = QLabel("", self)
        self.capture_note.setWordWrap(True)
        layout.addWidget(self.capture_note, 3, 0, 1, 2)

    def fill(self, listing: dict[str, Any], mic: Any = None, loopback: Any = None) -> None:
        """Offer the listed devices, selecting the remembered ``mic`` and ``loopback``."""
        if listing["error"]:
            self.capture_note.setText(f"Live capture unavailable: {listing['error']}")
        self.mic_combo.addItem("Default microphone", None)
        self.loopback_combo.addItem("Default output (monitor)", None)
        for device in listing["inputs"]:
            self.mic_combo.addItem(device["name"], str(device["index"]))
        for source in listing["pulse_sources"]:
            combo = self.loopback_combo if source["loopback"] else self.mic_combo
            combo.addItem(source["name"], source["name"])
        for combo, remembered in ((self.mic_combo, mic), (self.loopback_combo, loopback)):
            combo.addItem("None", "none")
            index = combo.findData(remembered)
            if index >= 0:
                combo.setCurrentIndex(index)

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
