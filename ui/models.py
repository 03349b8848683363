"""Item models over engine state: the transcript, the flags feed and the commitments."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from copilot.events import move_tag

Index = QModelIndex | QPersistentModelIndex
PARTY_COLOURS = {"you": QColor(60, 130, 220, 40), "them": QColor(200, 90, 160, 40)}
SEVERITY_COLOURS = {
    "alert": QColor(220, 60, 60, 90),
    "warn": QColor(230, 170, 40, 90),
    "info": QColor(70, 140, 220, 60),
}
EMPTY = QModelIndex()


class TranscriptModel(QAbstractListModel):
    """Final and interim utterances, newest last, bounded in memory.

    Args:
        max_rows: the oldest rows are dropped beyond this (the store keeps everything).
    """

    UtteranceIdRole = Qt.ItemDataRole.UserRole + 1
    PartyRole = Qt.ItemDataRole.UserRole + 2
    InterimRole = Qt.ItemDataRole.UserRole + 3
    MovesRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, max_rows: int = 2000, parent: Any = None):
        super().__init__(parent)
        self.max_rows = max_rows
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: Index = EMPTY) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            moves = "  ".join(f"[{move_tag(m)}]" for m in row.get("moves", []))
            prefix = "You" if row["party"] == "you" else "Them" if row["party"] == "them" else "?"
            text = f"{prefix}: {row['text']}"
            return f"{text}   {moves}" if moves else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{move_tag(m)}: {m['text']}" for m in row.get("moves", [])) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = PARTY_COLOURS.get(row["party"])
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and row.get("interim"):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.get("interim"):
            return QBrush(QColor(128, 128, 128))
        return {
            self.UtteranceIdRole: row.get("id"),
            self.PartyRole: row["party"],
            self.InterimRole: bool(row.get("interim")),
            self.MovesRole: row.get("moves", []),
        }.get(role)

    def _interim_row(self, party: str) -> int | None:
        for number in range(len(self._rows) - 1, max(-1, len(self._rows) - 6), -1):
            row = self._rows[number]
            if row.get("interim") and row["party"] == party:
                return number
        return None

    def set_interim(self, event: dict[str, Any]) -> None:
        """Show (or update) the greyed text of an utterance in progress."""
        number = self._interim_row(event["party"])
        row = {"party": event["party"], "text": event["text"], "interim": True, "moves": []}
        if number is None:
            self._append(row)
        else:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number), self.index(number))

    def add_final(self, event: dict[str, Any]) -> None:
        """Add a final utterance, replacing its party's interim text."""
        row = {k: event.get(k) for k in ("id", "party", "text", "start", "moves")}
        number = self._interim_row(event["party"])
        if number is None:
            self._append(row)
        else:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number), self.index(number))

    def _append(self, row: dict[str, Any]) -> None:
        if len(self._rows) >= self.max_rows:
            self.beginRemoveRows(QModelIndex(), 0, 0)
            del self._rows[0]
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()

    def row_of(self, utterance_id: int) -> int | None:
        """The row showing an utterance, if it is still in memory."""
        return next((n for n, r in enumerate(self._rows) if r.get("id") == utterance_id), None)

    def clear(self) -> None:
        """Forget every row (a new session)."""
        self.beginResetModel()
        self._rows = []
        self.endResetModel()


class FlagsModel(QAbstractListModel):
    """Coaching flags, newest first; a resolved flag stays, struck through.

    Args:
        max_rows: the oldest flags are dropped beyond this (the store keeps every one).
    """

    FlagRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None, max_rows: int = 100):
        super().__init__(parent)
        self.max_rows = max_rows
        self._flags: list[dict[str, Any]] = []

    def rowCount(self, parent: Index = EMPTY) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._flags):
            return None
        flag = self._flags[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{flag['message']}\n→ {flag['tip']}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{flag['kind']} ({flag['severity']})"
        if role == Qt.ItemDataRole.BackgroundRole and not flag.get("resolved"):
            return QBrush(SEVERITY_COLOURS.get(flag["severity"], QColor(0, 0, 0, 0)))
        if role == Qt.ItemDataRole.FontRole and flag.get("resolved"):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and flag.get("resolved"):
            return QBrush(QColor(128, 128, 128))
        if role == self.FlagRole:
            return flag
        return None

    def upsert(self, flag: dict[str, Any]) -> None:
        """Add a new flag at the top, or update one already shown."""
        for number, existing in enumerate(self._flags):
            if existing["id"] == flag["id"]:
                self._flags[number] = flag
                self.dataChanged.emit(self.index(number), self.index(number))
                return
        if len(self._flags) >= self.max_rows:
            last = len(self._flags) - 1
            self.beginRemoveRows(QModelIndex(), last, last)
            self._flags.pop()
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._flags.insert(0, flag)
        self.endInsertRows()

    def flag_at(self, row: int) -> dict[str, Any]:
        """The flag shown in a row."""
        return self._flags[row]

    def clear(self) -> None:
        """Forget every flag (a new session)."""
        self.beginResetModel()
        self._flags = []
        self.endResetModel()


class CommitmentsModel(QAbstractTableModel):
    """Commitments with owner, action, due and status; unlogged ones counted for the badge."""

    COLUMNS = ("owner", "action", "due", "status")
    CommitmentRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []

    def rowCount(self, parent: Index = EMPTY) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = EMPTY) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section].capitalize()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "owner":
                return item["owner"] or "?"
            if column == "due":
                return item["due"] or item["due_text"] or "—"
            return item[column]
        if role == Qt.ItemDataRole.ToolTipRole and item.get("vague"):
            return "Vague: name who does what by when."
        if role == Qt.ItemDataRole.FontRole and item["status"] == "unlogged":
            font = QFont()
            font.setBold(True)
            return font
        if role == self.CommitmentRole:
            return item
        return None

    def upsert(self, item: dict[str, Any]) -> None:
        """Add or update a commitment."""
        for number, existing in enumerate(self._items):
            if existing["id"] == item["id"]:
                self._items[number] = item
                left, right = self.index(number, 0), self.index(number, len(self.COLUMNS) - 1)
                self.dataChanged.emit(left, right)
                return
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items))
        self._items.append(item)
        self.endInsertRows()

    def items(self) -> list[dict[str, Any]]:
        """Every commitment shown, in the order they were made."""
        return list(self._items)

    def unlogged(self) -> list[dict[str, Any]]:
        """Commitments not yet logged, in the order they were made."""
        return [item for item in self._items if item["status"] == "unlogged"]

    def item_at(self, row: int) -> dict[str, Any]:
        """The commitment in a row."""
        return self._items[row]

    def clear(self) -> None:
        """Forget every commitment (a new session)."""
        self.beginResetModel()
        self._items = []
        self.endResetModel()
