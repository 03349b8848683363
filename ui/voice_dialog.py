"""Which voice (or named speaker) is you? Asked after a one-track recording was split into
voices, and before a transcript whose speakers are only names is analysed."""

from __future__ import annotations

from pathlib import Path
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
        named: the speakers are a transcript's names, not voices: no sample to play.
    """

    play_requested = Signal(object)  # the utterance (dict) to play a sample of
    chosen = Signal(str)  # the speaker that is you

    def __init__(
        self, utterances: list[dict[str, Any]], parent: QWidget | None = None, named: bool = False
    ):
        super().__init__(parent)
        self.setWindowTitle("Which speaker is you?" if named else "Which voice is you?")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Pick your name: you and them are then set, so flags and the scorecard speak of "
            "your moves and theirs. Not now keeps every speaker unknown."
            if named
            else "The recording holds more than one voice. Play a sample of each and pick "
            "yours; the session is coached again with you and them set.",
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
            mine = QPushButton("This is me", self)
            mine.setAutoDefault(False)  # Return must not pick a voice nobody chose
            mine.clicked.connect(lambda _checked=False, s=speaker: self._choose(s))
            grid.addWidget(said, row, 0)
            if not named:
                play = QPushButton("Play", self)
                play.setAutoDefault(False)
                play.clicked.connect(lambda _checked=False, u=first: self.play_requested.emit(u))
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


def speakers_without_a_side(utterances: list[Any]) -> list[dict[str, Any]]:
    """A transcript's lines as the dialog reads them, when none of its speakers is already
    you ("You:", "Me:"); else an empty list (no question to ask)."""
    from copilot.transcripts import assign_parties

    names = [u.speaker for u in utterances]
    if "you" in assign_parties(names, None).values():
        return []
    return [{"speaker": u.speaker, "text": u.text} for u in utterances if u.speaker]


def needs_a_voice_choice(result: dict[str, Any]) -> bool:
    """Whether an analysis split a track into voices without knowing which is you."""
    utterances = result["utterances"]
    voices = {
        u.get("speaker") for u in utterances if (u.get("speaker") or "").startswith("Speaker ")
    }
    return len(voices) > 1 and all(u["party"] == "unknown" for u in utterances)


def heard_one_voice(result: dict[str, Any]) -> bool:
    """Whether an analysis heard one voice on a one-track recording (no party known, no
    speaker named), where two alike voices may have been taken for one."""
    from copilot.audio.decode import AUDIO_EXTENSIONS

    utterances = result["utterances"]
    return (
        Path(result["source"]).suffix.lower() in AUDIO_EXTENSIONS
        and bool(utterances)
        and all(u["party"] == "unknown" and not u.get("speaker") for u in utterances)
    )
