"""Benchmark: the real panel through a long live session replayed as fast as possible.

The scripted renewal is repeated to the length asked for and replayed through the real
engine (capture queue, VAD, Whisper, spaCy, SQLite) into the real panel, offscreen. Every
2 s the GUI thread samples resident memory and the rows of its three item models; a 5 ms
timer measures how long the event loop could not run. Printed: RSS after warm-up and at the
end, model rows (the transcript is bounded), the panel's handling time per final utterance
early and late, and the main-thread stall early and late.

    QT_QPA_PLATFORM=offscreen uv run python benchmarks/panel_soak.py --hours 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.dialogue import write_dialogue  # noqa: E402
from benchmarks.long_session import rss_mb  # noqa: E402
from copilot.engine_process import EngineProcess, EngineSpec  # noqa: E402
from ui.app import freeze_startup_objects  # noqa: E402
from ui.panel import PanelWindow  # noqa: E402


def tenths(values: list[float]) -> tuple[float, float]:
    """Median of the first and of the last tenth."""
    tenth = max(1, len(values) // 10)
    return statistics.median(values[:tenth]), statistics.median(values[-tenth:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hours", type=float, default=3.0)
    args = parser.parse_args()
    from faster_whisper.audio import decode_audio

    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    wav, turns = write_dialogue(tmp / "once.wav")
    you, them = decode_audio(str(wav), split_stereo=True)
    repeat = max(1, int(args.hours * 3600 / (len(you) / 16000)))
    hours = repeat * len(you) / 16000 / 3600
    print(f"replaying {hours:.2f} h ({repeat} × {len(turns)} turns) into the panel", flush=True)

    engines: list[EngineProcess] = []

    def make(options):
        options.interim = True
        spec = EngineSpec(
            tmp / "soak.db", options, replay=wav, replay_speed=0, replay_repeat=repeat
        )
        engines.append(EngineProcess(spec))
        return engines[-1]

    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = PanelWindow(tmp / "soak.db", make, settings)
    window.show()
    freeze_startup_objects()  # as the app does

    handling: list[float] = []
    original = window.transcript_view.add_final

    def timed_on_utterance(event):
        began = time.perf_counter()
        original(event)
        handling.append(time.perf_counter() - began)

    window.bridge.utterance.disconnect(window.transcript_view.add_final)
    window.bridge.utterance.connect(timed_on_utterance)

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    samples: list[tuple[int, float, float, int, int, int]] = []

    def sample() -> None:
        child = engines[0].pid if engines else None
        samples.append(
            (
                len(handling),
                rss_mb(),
                rss_mb(child) if child else 0.0,
                window.transcript.rowCount(),
                window.flags.rowCount(),
                window.commitments.rowCount(),
            )
        )
        if window.engine is None and handling:
            app.quit()
        elif len(samples) % 30 == 0:
            panel_mb, engine_mb = samples[-1][1:3]
            print(
                f"  {len(handling)} utterances, RSS panel {panel_mb:.0f} MB, "
                f"engine {engine_mb:.0f} MB",
                flush=True,
            )

    ticker, sampler = QTimer(), QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    sampler.setInterval(2000)
    sampler.timeout.connect(sample)
    began = time.monotonic()
    window.start()
    ticker.start()
    sampler.start()
    app.exec()
    ticker.stop()
    sampler.stop()
    elapsed = time.monotonic() - began
    window.close()

    print(
        f"{len(handling)} final utterances in {elapsed / 60:.1f} min "
        f"({hours * 3600 / elapsed:.1f}× real time)"
    )
    live = [s for s in samples if s[2] == s[2] and s[2] > 0]  # the engine child running
    warm = next((s for s in live if s[0] >= 200), live[0])
    end = live[-1]
    for name, column in (("panel", 1), ("engine", 2)):
        growth = 100 * (end[column] - warm[column]) / warm[column]
        peak = max(s[column] for s in live)
        print(
            f"RSS {name} after warm-up ({warm[0]} utterances): {warm[column]:.0f} MB; "
            f"at the end ({end[0]}): {end[column]:.0f} MB ({growth:+.1f}%); peak {peak:.0f} MB"
        )
    last = samples[-1]
    print(
        f"rows at the end: transcript {last[3]} (bound {window.transcript.max_rows}), "
        f"flags {last[4]}, commitments {last[5]}"
    )
    early, late = tenths(handling)
    print(
        f"panel handling per final utterance: first tenth {early * 1000:.2f} ms, "
        f"last tenth {late * 1000:.2f} ms, longest {max(handling) * 1000:.1f} ms"
    )
    third = len(gaps) // 3
    print(
        f"main-thread gaps: p99 first third {sorted(gaps[:third])[int(third * 0.99)] * 1000:.1f}"
        f" ms, last third {sorted(gaps[-third:])[int(third * 0.99)] * 1000:.1f} ms; "
        f"longest {max(gaps) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
