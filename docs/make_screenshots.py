"""Screenshots of the panel mid-negotiation, from a real window (run under Xvfb).

    xvfb-run -a -s "-screen 0 1280x900x24" uv run python docs/make_screenshots.py

The engine is the real one, fed a replayed transcript (the demo negotiation below).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from copilot.coach.prep import load_prep  # noqa: E402
from copilot.engine_process import EngineProcess, EngineSpec  # noqa: E402
from ui.panel import PanelWindow  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
DEMO = [
    ("you", "Thanks for joining. What matters most to your team in this renewal?"),
    ("them", "Our biggest concern is budget predictability after the merger."),
    ("them", "We need a ten percent reduction on the per seat price."),
    ("you", "If you sign for three years, we can come down to forty two dollars per seat."),
    ("them", "This is our final offer, forty dollars, take it or leave it."),
    ("you", "Fine, we'll waive the onboarding fee."),
    ("them", "Someone should check the security review with legal."),
    ("you", "I'll send the revised order form by Friday."),
]


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "demo.db"

    def make(options):
        return EngineProcess(EngineSpec(db, options, text_only=True))

    window = PanelWindow(db, make, QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.prep.set_sheet(load_prep(ROOT / "resources" / "prep_example.toml"))
    window.resize(420, 900)
    window.show()
    fed = False

    def step() -> None:
        nonlocal fed
        if window.state == "listening" and not fed:
            fed = True
            for party, text in DEMO:
                window.engine.feed_text(party, text)
        if fed and window.transcript.rowCount() == len(DEMO) and window.commitments.rowCount() >= 2:
            QTimer.singleShot(500, shoot)
            return
        QTimer.singleShot(100, step)

    def shoot() -> None:
        window.levels["you"].set_rms(0.05)
        window.levels["them"].set_rms(0.02)
        window.grab().save(str(OUT / "panel-flags.png"))
        window.tabs.setCurrentIndex(1)
        window.commitments_tab.view.resizeRowsToContents()
        window.grab().save(str(OUT / "panel-commitments.png"))
        window.tabs.setCurrentIndex(2)
        window.grab().save(str(OUT / "panel-prep.png"))
        window.close()
        app.quit()

    window.start()
    QTimer.singleShot(100, step)
    app.exec()
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
