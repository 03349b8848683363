"""Edit a commitment: who does what by when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)


class CommitmentDialog(QDialog):
    """Owner, action and due date of one commitment; ``changes()`` gives what to store."""

    def __init__(self, commitment: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit commitment")
        form = QFormLayout(self)
        self.owner = QComboBox(self)
        self.owner.addItem("You", "you")
        self.owner.addItem("Them", "them")
        self.owner.setCurrentIndex(0 if commitment["owner"] != "them" else 1)
        form.addRow("Owner", self.owner)
        self.action = QLineEdit(commitment["action"], self)
        form.addRow("Action", self.action)
        self.has_due = QCheckBox("Due date", self)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        due = dt.date.fromisoformat(commitment["due"]) if commitment["due"] else dt.date.today()
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.has_due.setChecked(True)  # logging is the moment to pin a date down
        form.addRow(self.has_due, self.due)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, str]:
        """The edit as keyword arguments for ``change_commitment`` (it is logged too)."""
        changes = {"owner": self.owner.currentData(), "action": self.action.text().strip()}
        if self.has_due.isChecked():
            changes["due"] = self.due.date().toString("yyyy-MM-dd")
        return changes
