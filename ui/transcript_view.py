"""The live transcript: follows the newest line unless the user scrolled up to reread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QListView, QWidget

from ui.models import TranscriptModel


class TranscriptView(QListView):
    """Final and interim utterances; keeps the end in view while the user is there."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.transcript = TranscriptModel(parent=self)
        self.setModel(self.transcript)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        # Word-wrapped rows of different heights are laid out again whenever rows change;
        # in batches of 50 the event loop runs between them instead of waiting for all 2000.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        self.setMinimumSize(60, 40)  # the transcript gives way first in a small window
        self.following = True
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_following)
        bar.valueChanged.connect(self._note_scroll)

    def add_final(self, event: dict[str, Any]) -> None:
        """A final utterance replaces its interim text."""
        self.transcript.add_final(event)

    def set_interim(self, event: dict[str, Any]) -> None:
        """Greyed text of the utterance in progress."""
        self.transcript.set_interim(event)

    def show_utterance(self, utterance_id: int) -> bool:
        """Select and scroll to one utterance; False when it is not (or no longer) shown."""
        row = self.transcript.row_of(utterance_id)
        if row is None:
            return False
        target = self.transcript.index(row)
        self.setCurrentIndex(target)
        self.scrollTo(target)
        return True

    @Slot(int, int)
    def _keep_following(self, _minimum: int, maximum: int) -> None:
        # The batched layout grows the range a batch at a time: stay at the end meanwhile.
        if self.following:
            self.verticalScrollBar().setValue(maximum)

    @Slot(int)
    def _note_scroll(self, value: int) -> None:
        # Scrolled up to reread: stop following until the user is back at the end.
        self.following = value >= self.verticalScrollBar().maximum() - 4
