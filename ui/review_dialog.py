"""The review view: one session's summary, scorecard and styles, with export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from copilot.export import FORMATS, export, to_review_markdown


class ReviewDialog(QDialog):
    """Shows a session's review; Export… writes md, csv, ics or json."""

    def __init__(self, review: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(f"Review of session {review['session']['id']}")
        self.resize(520, 680)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser(self)
        self.view.setMarkdown(to_review_markdown(review))
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        export_button = QPushButton("Export…", self)
        export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close", self)
        close.clicked.connect(self.accept)
        buttons.addWidget(export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def choose_export(self) -> None:
        """Ask for a file; its extension picks the format."""
        filters = ";;".join(f"{fmt.upper()} (*.{fmt})" for fmt in FORMATS)
        name, _ = QFileDialog.getSaveFileName(self, "Export session", "session.md", filters)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the export whose format the file's extension names (md by default)."""
        fmt = path.suffix.lower().lstrip(".")
        path.write_text(export(self.review, fmt if fmt in FORMATS else "md"), encoding="utf-8")
