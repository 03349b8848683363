"""Start the side panel."""

from __future__ import annotations

import sys
from pathlib import Path


def run_panel(db_path: Path | None = None) -> int:
    """Open the panel and run the Qt event loop until it closes."""
    from PySide6.QtWidgets import QApplication

    from ui.panel import PanelWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Negotiation Copilot")
    app.setOrganizationName("negotiation-copilot")
    window = PanelWindow(db_path=db_path)
    window.show()
    return app.exec()
