"""Screenshots of the panel during the demo call, as a window manager shows it.

    bash docs/call_screenshots.sh        # Xvfb + openbox, then this script (about 90 s)

The demo (Help → Try the demo) replays ``resources/demo_call.flac`` through the real engine
in its child process. Captured with the window manager's frame (ImageMagick's ``import``):
the call layout at 420×760 and at 360×480 once the red flag is pinned, the confirmation
Ctrl+L opens, and the session's review with its charts once the demo has ended.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.panel import PanelWindow  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"


def capture(widget, name: str, around=None) -> None:
    """The widget's top-level window with its frame; ``around`` crops the screen to the
    frame of another window (a dialog over the panel)."""
    path = OUT / name
    if around is None:
        subprocess.run(
            ["import", "-frame", "-window", hex(int(widget.winId())), str(path)], check=True
        )
    else:
        box = around.frameGeometry()
        crop = f"{box.width()}x{box.height()}+{box.x()}+{box.y()}"
        subprocess.run(["import", "-window", "root", "-crop", crop, str(path)], check=True)
    print(path, flush=True)


def main() -> None:
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or not os.environ.get("DISPLAY"):
        raise SystemExit("run under an X server with a window manager: docs/call_screenshots.sh")
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = PanelWindow(tmp / "demo.db", settings=settings)
    window.move(40, 20)
    window.resize(420, 760)
    window.show()
    taken: set[str] = set()

    def pinned_red() -> bool:
        pinned = window.feed._pinned
        return pinned is not None and pinned["severity"] == "alert"

    def step() -> None:
        if "420" not in taken and pinned_red() and window.transcript.rowCount() >= 6:
            taken.add("420")
            capture(window, "call-420x760.png")
            window.resize(360, 480)
            QTimer.singleShot(1200, lambda: (capture(window, "call-360x480.png"), step()))
            return
        if "420" in taken and "confirm" not in taken and window.commitments.unlogged():
            taken.add("confirm")
            window.resize(420, 760)
            dialog = window.commitments_tab.log_newest()
            QTimer.singleShot(1200, lambda: confirm_shot(dialog))
            return
        if "confirm" in taken and window.engine is None and "review" not in taken:
            taken.add("review")
            window.refresh_sessions()
            QTimer.singleShot(2500, open_review)
            return
        QTimer.singleShot(200, step)

    def confirm_shot(dialog) -> None:
        capture(window, "call-ctrl-l.png", around=window)
        dialog.reject()
        step()

    def open_review() -> None:
        sessions = window.sessions_tab.sessions_list
        sessions.setCurrentRow(0)
        window.sessions_tab.open_selected()
        QTimer.singleShot(3000, review_shot)

    def review_shot() -> None:
        review = window.last_review
        review.move(500, 20)
        review.resize(560, 860)
        QTimer.singleShot(1500, lambda: finish(review))

    def finish(review) -> None:
        capture(review, "review-charts.png")
        review.close()
        window.close()
        app.quit()

    window.try_demo()
    QTimer.singleShot(500, step)
    QTimer.singleShot(240_000, app.quit)  # never hang a docs run
    app.exec()


if __name__ == "__main__":
    main()
