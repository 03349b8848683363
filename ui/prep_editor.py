"""The Prep tab: issues with target, walk-away, priority and tradeable; both sides' interests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from copilot.coach.prep import (
    PrepIssue,
    PrepSheet,
    dump_prep,
    load_prep,
    parse_prep,
    plain_number,
)
from copilot.errors import InputError

COLUMNS = ("issue", "unit", "target", "walk-away", "priority", "tradeable")


# Short headers so the table fits the panel's width.
HEADERS = {"priority": "Prio.", "tradeable": "Trade?"}


class PrepEditor(QWidget):
    """Edits a prep sheet; ``sheet()`` returns it validated."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.counterpart = QLineEdit(self)
        self.counterpart.setPlaceholderText("Counterpart (who the negotiation is with)")
        layout.addWidget(self.counterpart)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([HEADERS.get(c, c.capitalize()) for c in COLUMNS])
        # Six columns in a 420-px panel: the issue name takes what the numbers leave, and
        # no column needs a sideways scroll.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(36)
        for column in range(len(COLUMNS)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == 0
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Add issue", self.add_row),
            ("Remove", self.remove_row),
            ("Load…", self.load_file),
            ("Save…", self.save_file),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Our interests (one per line)", self))
        self.ours = QPlainTextEdit(self)
        layout.addWidget(self.ours)
        layout.addWidget(QLabel("Their interests (one per line)", self))
        self.theirs = QPlainTextEdit(self)
        layout.addWidget(self.theirs)
        self.error = QLabel("", self)
        layout.addWidget(self.error)

    def add_row(self, values: tuple[str, ...] = ("", "", "", "", "medium", "yes")) -> None:
        """Add an issue row."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(values if isinstance(values, tuple) else ()):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def remove_row(self) -> None:
        """Remove the selected issue."""
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def set_sheet(self, sheet: PrepSheet) -> None:
        """Show a prep sheet."""
        self.table.setRowCount(0)
        for issue in sheet.issues:
            self.add_row(
                (
                    issue.name,
                    issue.unit or "",
                    "" if issue.target is None else plain_number(issue.target),
                    "" if issue.walkaway is None else plain_number(issue.walkaway),
                    issue.priority,
                    "yes" if issue.tradeable else "no",
                )
            )
        self.counterpart.setText(sheet.counterpart or "")
        self.ours.setPlainText("\n".join(sheet.our_interests))
        self.theirs.setPlainText("\n".join(sheet.their_interests))

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def sheet(self) -> PrepSheet | None:
        """The sheet as edited; None (with the reason shown) when a field is wrong."""
        issues = []
        for row in range(self.table.rowCount()):
            name = self._cell(row, 0)
            if not name:
                continue
            raw = {"name": name, "priority": self._cell(row, 4) or "medium"}
            raw["tradeable"] = self._cell(row, 5).lower() not in ("no", "false", "0")
            if self._cell(row, 1):
                raw["unit"] = self._cell(row, 1)
            for key, column in (("target", 2), ("walkaway", 3)):
                text = self._cell(row, column)
                if text:
                    try:
                        raw[key] = float(text)
                    except ValueError:
                        raw[key] = text  # parse_prep names the bad field
            issues.append(raw)
        interests = {
            "ours": [line for line in self.ours.toPlainText().splitlines() if line.strip()],
            "theirs": [line for line in self.theirs.toPlainText().splitlines() if line.strip()],
        }
        data: dict = {"issues": issues, "interests": interests}
        if self.counterpart.text().strip():
            data["counterpart"] = self.counterpart.text().strip()
        try:
            sheet = parse_prep(data, "prep tab")
        except InputError as exc:
            self.error.setText(str(exc))
            return None
        self.error.setText("")
        filled = sheet.issues or sheet.our_interests or sheet.their_interests or sheet.counterpart
        return sheet if filled else None

    def load_file(self) -> None:
        """Load a prep sheet TOML file."""
        name, _ = QFileDialog.getOpenFileName(self, "Load prep sheet", "", "Prep sheet (*.toml)")
        if name:
            try:
                self.set_sheet(load_prep(Path(name)))
            except InputError as exc:
                self.error.setText(str(exc))

    def save_file(self) -> None:
        """Save the sheet as TOML."""
        sheet = self.sheet()
        if sheet is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save prep sheet", "prep.toml", "*.toml")
        if name:
            Path(name).write_text(dump_prep(sheet), encoding="utf-8")


__all__ = ["PrepEditor", "PrepIssue"]
