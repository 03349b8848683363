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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.charts import trend_rows


def session_title(row: dict[str, Any]) -> str:
    """A session as a person looks for it: who it was with, when, and what it was."""
    when = row["started"][:16].replace("T", " ")
    source = Path(row["source"]).name if row["source"] else None
    what = {"live": "live call", "recording": "recording", "transcript": "transcript"}
    kind = what.get(row["mode"], row["mode"])
    who = row.get("counterpart") or row.get("title")
    parts = [who, when, f"{kind} {source}" if source else kind]
    status = "" if row["status"] == "done" else f" ({row['status']})"
    return " · ".join(p for p in parts if p) + status


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
        # The list and the trend share the height (a splitter the user can move): a long
        # list no longer pushes the trend below the fold.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        listing = QWidget(self.splitter)
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        self.sessions_list = QListWidget(listing)
        self.sessions_list.setMinimumHeight(72)
        self.sessions_list.itemActivated.connect(lambda _item: self.open_selected())
        listing_layout.addWidget(self.sessions_list)
        open_review = QPushButton("Open review", listing)
        open_review.clicked.connect(lambda _checked=False: self.open_selected())
        listing_layout.addWidget(open_review)
        # The trend is a pyqtgraph plot, built once pyqtgraph has been imported off the GUI
        # thread (``charts_ready``); until then, and with no session, a line says so.
        self.trend: Any = None
        self.trend_rows: list[dict[str, Any]] = []
        trend_box = QWidget(self.splitter)
        self.trend_note = QLabel("Practice trend: no session yet", trend_box)
        self.trend_layout = QVBoxLayout(trend_box)
        self.trend_layout.setContentsMargins(0, 0, 0, 0)
        self.trend_layout.addWidget(self.trend_note)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(trend_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([110, 170])  # the list's own wish is most of the tab
        layout.addWidget(self.splitter, 1)
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
        points = trend_rows(trend)
        if points != self.trend_rows:
            self.trend_rows = points
            self._draw_trend()
        self.sessions_list.clear()
        for row in rows:
            self._add(session_title(row), row["id"])

    def charts_ready(self) -> None:
        """pyqtgraph is imported: build the trend's plot now, at startup (a first plot
        widget costs the GUI thread 30 ms or more: not at the end of a call), and draw."""
        from ui.charts import trend_plot

        self.trend = trend_plot([], self)
        self.trend.hide()
        self.trend_layout.addWidget(self.trend)
        self._draw_trend()

    def trend_points(self, key: str) -> list[tuple[str, float]]:
        """(session start, value) of one trend series, as plotted."""
        return [(r["started"], r[key]) for r in self.trend_rows if r.get(key) is not None]

    def _draw_trend(self) -> None:
        if not self.trend_rows or self.trend is None:
            self.trend_note.setText(
                "Practice trend: no session with speech yet"
                if not self.trend_rows
                else "Practice trend: loading the chart…"
            )
            self.trend_note.show()
            if self.trend is not None:
                self.trend.hide()
            return
        from ui.charts import set_trend

        set_trend(self.trend, self.trend_rows)
        self.trend_note.hide()
        self.trend.show()

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
