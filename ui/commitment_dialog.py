"""Confirm or edit a commitment before it is logged: who does what by when."""

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
    QLabel,
    QLineEdit,
    QWidget,
)


class CommitmentDialog(QDialog):
    """Owner, action and due date of one commitment; ``changes()`` gives what to store.

    The due date starts empty when none was said: a date the user did not pick would be
    logged as if it had been agreed.

    Args:
        commitment: the commitment as shown.
        confirm: the Ctrl+L confirmation ("Log commitment", a Log button) rather than an edit.
    """

    def __init__(
        self, commitment: dict[str, Any], parent: QWidget | None = None, confirm: bool = False
    ):
        super().__init__(parent)
        self.setWindowTitle("Log commitment" if confirm else "Edit commitment")
        self.setMinimumWidth(340)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if confirm:
            said = QLabel(f"Heard: “{commitment['action']}”", self)
            said.setWordWrap(True)
            form.addRow(said)
        self.owner = QComboBox(self)
        if commitment["owner"] not in ("you", "them"):
            self.owner.addItem("Nobody named yet", None)  # a vague promise stays vague
        self.owner.addItem("You", "you")
        self.owner.addItem("Them", "them")
        self.owner.setCurrentIndex(max(0, self.owner.findData(commitment["owner"])))
        form.addRow("Owner", self.owner)
        self.action = QLineEdit(commitment["action"], self)
        self.action.setMinimumWidth(240)
        form.addRow("Action", self.action)
        self.has_due = QCheckBox("Due", self)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        due = dt.date.fromisoformat(commitment["due"]) if commitment["due"] else dt.date.today()
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.has_due.setChecked(bool(commitment["due"]))
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        if commitment.get("due_text") and not commitment["due"]:
            self.has_due.setToolTip(f"Said: “{commitment['due_text']}”")
        form.addRow(self.has_due, self.due)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Log" if confirm else "Save and log")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if confirm:
            hint = QLabel("Enter logs it; Ctrl+Z undoes.", self)
            hint.setEnabled(False)
            form.addRow(hint)

    def changes(self) -> dict[str, str]:
        """The edit as keyword arguments for ``change_commitment`` (it is logged too); an
        empty due clears the date."""
        changes = {"action": self.action.text().strip()}
        if self.owner.currentData() is not None:
            changes["owner"] = self.owner.currentData()
        changes["due"] = self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else ""
        return changes
