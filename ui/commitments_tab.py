"""The Commitments tab: who does what by when, and the buttons that log, edit or close them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models import CommitmentsModel


class CommitmentsTab(QWidget):
    """The session's commitments; a change is asked for with ``change_requested``."""

    change_requested = Signal(int, str, object)  # commitment id, status, edits

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog: Any = None  # the last confirmation or edit opened
        layout = QVBoxLayout(self)
        self.commitments = CommitmentsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.commitments)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        for column in range(self.commitments.columnCount()):
            stretch = QHeaderView.ResizeMode.Stretch
            mode = stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.view.setWordWrap(True)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        edit = QPushButton("Edit…", self)
        edit.clicked.connect(self.edit_selected)
        buttons.addWidget(edit)
        for label, status in (("Log", "logged"), ("Dismiss", "dismissed"), ("Done", "done")):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _checked=False, s=status: self.change_selected(s))
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def show_commitment(self, item: dict[str, Any]) -> int:
        """A new or changed commitment; returns how many are unlogged."""
        self.commitments.upsert(item)
        return len(self.commitments.unlogged())

    def log_newest(self) -> Any:
        """Confirm the newest unlogged commitment (owner, action, due) and log it; the
        dialog, or None when there is nothing to log."""
        unlogged = self.commitments.unlogged()
        if not unlogged:
            return None
        return self._open_dialog(unlogged[-1], confirm=True)

    def change_selected(self, status: str) -> None:
        """Log, dismiss or complete the selected commitment."""
        index = self.view.currentIndex()
        if index.isValid():
            self.change_requested.emit(self.commitments.item_at(index.row())["id"], status, {})

    def edit_selected(self) -> Any:
        """Edit owner, action and due of the selected commitment and log it; the dialog."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self._open_dialog(self.commitments.item_at(index.row()), confirm=False)

    def _open_dialog(self, item: dict[str, Any], confirm: bool) -> Any:
        from ui.commitment_dialog import CommitmentDialog

        dialog = CommitmentDialog(item, self, confirm=confirm)
        self.dialog = dialog
        dialog.accepted.connect(
            lambda: self.change_requested.emit(item["id"], "logged", dialog.changes())
        )
        dialog.open()
        return dialog

    def item(self, commitment_id: int) -> dict[str, Any] | None:
        """The commitment shown with this id, or None."""
        return next((c for c in self.commitments.items() if c["id"] == commitment_id), None)
