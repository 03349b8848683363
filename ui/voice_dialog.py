"""Which voice is you? Asked after a one-track recording was split into voices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class VoiceDialog(QDialog):
    """One row per voice: what it said first, a short sample to play, and "This is me".

    Args:
        utterances: the analysed session's utterances (``speaker`` names the voice).
    """

    play_requested = Signal(object)  # the utterance (dict) to play a sample of
    chosen = Signal(str)  # the speaker that is you

    def __init__(self, utterances: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Which voice is you?")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The recording holds more than one voice. Play a sample of each and pick yours; "
            "the session is coached again with you and them set.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.speakers: list[str] = []
        for row, (speaker, first) in enumerate(_first_lines(utterances).items()):
            self.speakers.append(speaker)
            said = QLabel(f"<b>{speaker}</b>: “{first['text'][:80]}”", self)
            said.setWordWrap(True)
            play = QPushButton("Play", self)
            play.clicked.connect(lambda _checked=False, u=first: self.play_requested.emit(u))
            mine = QPushButton("This is me", self)
            mine.clicked.connect(lambda _checked=False, s=speaker: self._choose(s))
            grid.addWidget(said, row, 0)
            grid.addWidget(play, row, 1)
            grid.addWidget(mine, row, 2)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Not now")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(340)

    def _choose(self, speaker: str) -> None:
        self.chosen.emit(speaker)
        self.accept()


def _first_lines(utterances: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each speaker's longest early utterance (of its first three), the clearest sample."""
    early: dict[str, list[dict[str, Any]]] = {}
    for utterance in utterances:
        if utterance.get("speaker"):
            early.setdefault(utterance["speaker"], [])
            if len(early[utterance["speaker"]]) < 3:
                early[utterance["speaker"]].append(utterance)
    return {s: max(us, key=lambda u: len(u["text"])) for s, us in early.items()}


def needs_a_voice_choice(result: dict[str, Any]) -> bool:
    """Whether an analysis split a track into voices without knowing which is you."""
    utterances = result["utterances"]
    voices = {
        u.get("speaker") for u in utterances if (u.get("speaker") or "").startswith("Speaker ")
    }
    return len(voices) > 1 and all(u["party"] == "unknown" for u in utterances)
