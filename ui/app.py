"""Start the side panel."""

from __future__ import annotations

import gc
import os
import re
import sys
from pathlib import Path

# What Qt's X11 plugin links against that many desktop installs lack (Debian/Ubuntu names).
XCB_PACKAGES = (
    "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libx11-xcb1"
)
MISSING = re.compile(r"(lib[\w.+-]+\.so[.\d]*): cannot open shared object file")


def missing_qt_library(plugin: Path | None = None) -> str | None:
    """The shared library Qt's X11 platform plugin cannot load, or None.

    Without it Qt aborts with its own message (exit -6) when the window opens; loading the
    plugin first names what is missing (``libxcb-cursor.so.0``), so the app can say in one
    line what to install. Only on Linux with X11, where Qt picks that plugin.
    """
    import ctypes

    if plugin is None:
        if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
            return None
        wanted = os.environ.get("QT_QPA_PLATFORM", "xcb")
        if not wanted.startswith("xcb") or os.environ.get("WAYLAND_DISPLAY"):
            return None
        import PySide6

        plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if not plugin.is_file():
            return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = MISSING.search(str(exc))
        return found.group(1) if found else str(exc)
    return None


def qt_library_problem() -> str | None:
    """One line saying what to install when Qt's X11 plugin cannot load, or None."""
    missing = missing_qt_library()
    if missing is None:
        return None
    return (
        f"the panel cannot open: Qt's X11 support needs {missing}; on Debian/Ubuntu: "
        f"sudo apt-get install {XCB_PACKAGES}"
    )


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
