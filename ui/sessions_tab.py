"""The Sessions tab: stored sessions, full-text search, the practice trend, Analyse…"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import TrendChart


class SessionsTab(QWidget):
    """Lists what the store holds; reading it is the owner's job (``*_requested``)."""

    search_requested = Signal(str)
    refresh_requested = Signal()
    review_requested = Signal(int)  # session id
    analyse_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search every session…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self._search)
        self.search_box.textChanged.connect(lambda text: None if text else self._search())
        layout.addWidget(self.search_box)
        self.sessions_list = QListWidget(self)
        self.sessions_list.itemActivated.connect(lambda _item: self.open_selected())
        layout.addWidget(self.sessions_list)
        open_review = QPushButton("Open review", self)
        open_review.clicked.connect(lambda _checked=False: self.open_selected())
        layout.addWidget(open_review)
        self.trend = TrendChart(self)
        layout.addWidget(self.trend)
        self.voice_label = QLabel("", self)
        self.voice_label.setWordWrap(True)
        layout.addWidget(self.voice_label)
        analyse = QPushButton("Analyse recording or transcript…", self)
        analyse.clicked.connect(lambda _checked=False: self.analyse_requested.emit())
        layout.addWidget(analyse)

    def _search(self) -> None:
        query = self.search_box.text()
        if query.strip():
            self.search_requested.emit(query)
        else:
            self.refresh_requested.emit()

    def selected_session(self) -> int | None:
        """The session id of the selected row (a session or a search hit)."""
        item = self.sessions_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def open_selected(self) -> None:
        """Ask for the review of the selected session."""
        session_id = self.selected_session()
        if session_id is not None:
            self.review_requested.emit(session_id)

    def show_sessions(self, rows: list[dict[str, Any]], trend: list[dict[str, Any]]) -> None:
        """The stored sessions, newest first, and the trend over them."""
        self.trend.set_rows(trend)
        self.sessions_list.clear()
        for row in rows:
            source = Path(row["source"]).name if row["source"] else row["mode"]
            label = f"#{row['id']} {row['started'][:16]}  {source}  ({row['status']})"
            self._add(label, row["id"])

    def show_hits(self, query: str, hits: list[dict[str, Any]]) -> None:
        """The utterances a search found; each opens its session's review."""
        from copilot.report import clock

        self.sessions_list.clear()
        for hit in hits:
            self._add(f"#{hit['session_id']} {clock(hit['start'])} {hit['party']}: {hit['text']}",
                      hit["session_id"])  # fmt: skip
        if not hits:
            self.sessions_list.addItem(f"No utterance matches “{query}”")

    def _add(self, text: str, session_id: int) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, session_id)
        self.sessions_list.addItem(item)
