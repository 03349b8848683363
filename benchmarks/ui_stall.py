"""Benchmark: the longest main-thread stall of the panel during a replayed live session.

A 5 ms timer in the GUI thread records the gap between its ticks while the real panel
shows a real engine fed by the demo recording (real time, interims on). A gap well over
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

from copilot.audio.capture import ReplaySource  # noqa: E402
from copilot.audio.decode import decode_tracks  # noqa: E402
from copilot.live import LiveEngine  # noqa: E402
from copilot.understand.pipeline import build_understander  # noqa: E402
from ui.panel import PanelWindow  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo_call.flac"


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    tracks = decode_tracks(DEMO)

    def make(options):
        options.interim = True
        return LiveEngine(
            tmp / "ui.db",
            options,
            build_understander,
            sources=lambda sink: [ReplaySource(t.party, t.samples, sink) for t in tracks],
            stop_when_sources_end=True,
        )

    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = PanelWindow(tmp / "ui.db", make, settings)
    window.show()
    gaps: list[float] = []
    moments: list[tuple[float, float]] = []
    first = time.perf_counter()
    last = [first]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        moments.append((now - last[0], last[0] - first))
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    shown_at = time.perf_counter()
    loaded_at: list[float] = []
    window.bridge.status.connect(
        lambda e: loaded_at.append(time.perf_counter()) if e["state"] == "listening" else None
    )
    window.start()
    started_in = time.perf_counter() - shown_at

    def check() -> None:
        if window.engine is None and window.transcript.rowCount():
            app.quit()
        else:
            QTimer.singleShot(200, check)

    QTimer.singleShot(200, check)
    app.exec()
    timer.stop()
    rows = window.transcript.rowCount()
    window.close()
    ordered = sorted(gaps)
    print(f"session: {rows} transcript rows; start() returned in {started_in * 1000:.1f} ms")
    print(f"timer ticks: {len(gaps)}; gap p50 {ordered[len(ordered) // 2] * 1000:.1f} ms, ", end="")
    p99 = ordered[int(len(ordered) * 0.99)]
    print(f"p99 {p99 * 1000:.1f} ms, longest {ordered[-1] * 1000:.1f} ms")
    worst = sorted(moments, reverse=True)[:3]
    print("longest three: " + ", ".join(f"{g * 1000:.0f} ms at {t:.1f} s" for g, t in worst))
    loaded = loaded_at[0] - first if loaded_at else 0.0
    after = max((g for g, t in moments if t > loaded), default=0.0)
    print(f"models loaded at {loaded:.1f} s; longest stall after that: {after * 1000:.1f} ms")
    ended = moments[-1][1] if moments else 0.0
    steady = max((g for g, t in moments if loaded < t < ended - 2.0), default=0.0)
    print(
        f"longest stall while listening (after loading, not the last 2 s): {steady * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
