"""Benchmark: the longest main-thread stall of the panel during a replayed live session.

A 5 ms timer in the GUI thread records the gap between its ticks while the real panel
shows a real engine (in its child process, as in the app) fed by the demo recording
(real time, interims on). A gap well over
5 ms is time the event loop could not run. Goal: the longest ≤ 50 ms.

    QT_QPA_PLATFORM=offscreen uv run python benchmarks/ui_stall.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from copilot.engine_process import EngineProcess, EngineSpec  # noqa: E402
from ui.app import freeze_startup_objects  # noqa: E402
from ui.panel import PanelWindow  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo_call.flac"


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())

    def make(options):
        options.interim = True
        return EngineProcess(EngineSpec(tmp / "ui.db", options, replay=DEMO))

    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = PanelWindow(tmp / "ui.db", make, settings)
    window.show()
    freeze_startup_objects()  # as the app does
    moments: list[tuple[float, float]] = []  # (gap, when it began)
    session_start = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        moments.append((now - last[0], last[0]))
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    loaded_at: list[float] = []
    window.bridge.status.connect(
        lambda e: loaded_at.append(time.perf_counter()) if e["state"] == "listening" else None
    )
    started_in: list[float] = []

    def click_start() -> None:  # a second after the window appeared, as a user would
        session_start[0] = time.perf_counter()
        window.start()
        started_in.append(time.perf_counter() - session_start[0])

    def check() -> None:
        if window.engine is None and window.transcript.rowCount():
            # Quitting closes the window (its closeEvent waits for background work): that
            # is shutdown, not a stall while someone uses the panel, so it is not timed.
            timer.stop()
            app.quit()
        else:
            QTimer.singleShot(200, check)

    QTimer.singleShot(1000, click_start)
    QTimer.singleShot(1200, check)
    app.exec()
    timer.stop()
    rows = window.transcript.rowCount()
    window.close()
    before = [g for g, t in moments if t < session_start[0]]
    during = [(g, t - session_start[0]) for g, t in moments if t >= session_start[0]]
    gaps = sorted(g for g, _ in during)
    print(f"window shown, before any session: longest gap {max(before) * 1000:.1f} ms")
    print(f"session: {rows} transcript rows; start() returned in {started_in[0] * 1000:.1f} ms")
    p50, p99 = gaps[len(gaps) // 2], gaps[int(len(gaps) * 0.99)]
    print(
        f"session timer ticks: {len(gaps)}; gap p50 {p50 * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, longest {gaps[-1] * 1000:.1f} ms"
    )
    worst = sorted(during, reverse=True)[:3]
    print("longest three: " + ", ".join(f"{g * 1000:.0f} ms at {t:.1f} s" for g, t in worst))
    loaded = loaded_at[0] - session_start[0] if loaded_at else 0.0
    ended = during[-1][1]
    steady = max((g for g, t in during if loaded < t < ended - 2.0), default=0.0)
    print(
        f"models loaded {loaded:.1f} s after start; longest stall while listening: "
        f"{steady * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
