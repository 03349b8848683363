"""The review view: one session's summary, scorecard and styles, with export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
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
        layout.addWidget(self.view, 1)
        # Positions over time, one chart per issue with numbers on it (pyqtgraph).
        self.position_charts: dict[str, Any] = {}
        points = review.get("concessions") or []
        if points:
            from ui.charts import positions_by_issue, positions_plot

            for issue in positions_by_issue(points):
                chart = positions_plot(points, issue, self)
                self.position_charts[issue] = chart
                layout.addWidget(chart)
        buttons = QHBoxLayout()
        export_button = QPushButton("Export…", self)
        export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close", self)
        close.clicked.connect(self.accept)
        buttons.addWidget(export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.saved = QLabel("", self)  # where the export went, or why it did not
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.saved)

    def choose_export(self) -> None:
        """Ask for a file; its extension picks the format."""
        filters = ";;".join(f"{fmt.upper()} (*.{fmt})" for fmt in FORMATS)
        name, _ = QFileDialog.getSaveFileName(self, "Export session", "session.md", filters)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        """Write the export whose format the file's extension names (md by default), and
        say where it went (or why not) under the buttons."""
        fmt = path.suffix.lower().lstrip(".")
        fmt = fmt if fmt in FORMATS else "md"
        try:
            path.write_text(export(self.review, fmt), encoding="utf-8")
        except OSError as exc:
            self.saved.setText(f"Not saved: {exc.strerror or exc} ({path})")
            return False
        self.saved.setText(f"Saved as {fmt.upper()}: {path}")
        return True
