"""Start the side panel."""

from __future__ import annotations

import gc
import sys
from pathlib import Path


def freeze_startup_objects() -> None:
    """Move everything alive now out of the collector's sight.

    A full collection over the objects Qt, PySide6 and the imports leave behind takes
    ~30 ms on the GUI thread: a visible hitch. They live as long as the app does anyway.
    """
    gc.collect()
    gc.freeze()


def run_panel(db_path: Path | None = None) -> int:
    """Open the panel and run the Qt event loop until it closes."""
    from PySide6.QtWidgets import QApplication

    from ui.panel import PanelWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Negotiation Copilot")
    app.setOrganizationName("negotiation-copilot")
    window = PanelWindow(db_path=db_path)
    window.show()
    freeze_startup_objects()
    return app.exec()
