"""The side panel window (the full panel is built in the side-panel issue)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from copilot.store import Store, default_db_path


class PanelWindow(QMainWindow):
    """A narrow window meant to stand beside a video call.

    Args:
        db_path: the session database; the default one when None.
    """

    def __init__(self, db_path: Path | None = None):
        super().__init__()
        self.setWindowTitle("Negotiation Copilot")
        self.resize(400, 640)
        self.store = Store(db_path or default_db_path())
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.state_label = QLabel("idle", central)
        layout.addWidget(self.state_label)
        layout.addWidget(QLabel("Past sessions", central))
        self.sessions_list = QListWidget(central)
        layout.addWidget(self.sessions_list)
        self.setCentralWidget(central)
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        """Reload the list of stored sessions."""
        self.sessions_list.clear()
        for row in self.store.sessions():
            source = Path(row["source"]).name if row["source"] else row["mode"]
            self.sessions_list.addItem(f"#{row['id']} {row['started'][:16]}  {source}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.store.close()
        super().closeEvent(event)
