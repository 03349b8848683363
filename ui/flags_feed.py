"""The coaching flags feed and the give/get balance under it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from ui.models import FlagsModel
from ui.widgets import BalanceMeter


class FlagsFeed(QWidget):
    """Flags, newest first; a click asks to show the utterance a flag points at."""

    jump_requested = Signal(int)  # utterance id
    dismiss_requested = Signal(object)  # the flag's dict

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.flags = FlagsModel(self)
        self.view = QListView(self)
        self.view.setModel(self.flags)
        self.view.setWordWrap(True)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(25)
        self.view.setMaximumHeight(170)
        self.view.setAccessibleName("Coaching flags")
        self.view.clicked.connect(self._clicked)
        layout.addWidget(QLabel("Flags", self))
        layout.addWidget(self.view)
        self.balance = BalanceMeter(self)
        layout.addWidget(self.balance)

    def show_flag(self, flag: dict[str, Any]) -> None:
        """A new or changed flag goes to the top of the feed."""
        self.flags.upsert(flag)
        self.view.scrollToTop()

    def show_metrics(self, event: dict[str, Any]) -> None:
        """The give/get ledger for the balance meter."""
        ledger = event["concessions"]
        self.balance.set_ledger(ledger["you"]["count"], ledger["them"]["count"], event["balance"])

    def dismiss_selected(self) -> None:
        """Ask to resolve the selected flag (the owner of the session answers with the
        resolved flag, which then shows here)."""
        index = self.view.currentIndex()
        if index.isValid():
            self.dismiss_requested.emit(self.flags.flag_at(index.row()))

    def _clicked(self, index: QModelIndex) -> None:
        utterance_id = self.flags.flag_at(index.row()).get("utterance_id")
        if utterance_id:
            self.jump_requested.emit(utterance_id)
