"""Benchmark: a long live session replayed as fast as the machine allows.

The scripted dialogue is repeated to the length asked for and pushed through the same
capture queue, VAD, inference worker, session and SQLite as a call. Printed: RSS after
warm-up and at the end (growth in %), the largest queue sizes seen, and the time of the
store's commit per utterance early and late (constant if writes do not grow).

    uv run python benchmarks/long_session.py --hours 2
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dialogue import write_dialogue  # noqa: E402
from copilot.audio.capture import ReplaySource  # noqa: E402
from copilot.live import LiveEngine, LiveOptions  # noqa: E402
from copilot.store import Store  # noqa: E402
from models.understanding import build_understander  # noqa: E402


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of this process (or another), from /proc."""
    try:
        status = Path(f"/proc/{pid or 'self'}/status").read_text()
    except OSError:  # the process has ended
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hours", type=float, default=2.0)
    args = parser.parse_args()
    from faster_whisper.audio import decode_audio

    tmp = Path(tempfile.mkdtemp())
    wav, turns = write_dialogue(tmp / "once.wav")
    you, them = decode_audio(str(wav), split_stereo=True)
    repeat = max(1, int(args.hours * 3600 / (len(you) / 16000)))
    hours = repeat * len(you) / 16000 / 3600
    print(f"replaying {hours:.2f} h ({repeat} × {len(turns)} turns) as fast as possible")

    store_times: list[float] = []
    original_add = Store.add_utterance

    def timed_add(self, *a, **k):
        start = time.perf_counter()
        result = original_add(self, *a, **k)
        store_times.append(time.perf_counter() - start)
        return result

    Store.add_utterance = timed_add  # the benchmark times each utterance's commit
    engine = LiveEngine(
        tmp / "long.db",
        LiveOptions(),
        understander_factory=build_understander,
        sources=lambda sink: [
            ReplaySource("you", you, sink, 0, repeat=repeat),
            ReplaySource("them", them, sink, 0, repeat=repeat),
        ],
        stop_when_sources_end=True,
    )
    finals = []
    samples: list[tuple[int, float, int, int]] = []
    engine.subscribe(
        lambda e: finals.append(1) if e["type"] == "utterance" and not e.get("interim") else None
    )
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(2.0):
            samples.append((len(finals), rss_mb(), engine._audio.qsize(), engine._jobs.qsize()))

    sampler = threading.Thread(target=sample)
    began = time.monotonic()
    engine.start()
    sampler.start()
    engine.wait()
    engine.stop()
    stop.set()
    sampler.join()
    elapsed = time.monotonic() - began
    warm = next((s for s in samples if s[0] >= 50), samples[0])
    end = samples[-1]
    speed = hours * 3600 / elapsed
    print(f"{len(finals)} utterances in {elapsed / 60:.1f} min ({speed:.1f}× real time)")
    growth = 100 * (end[1] - warm[1]) / warm[1]
    peak = max(s[1] for s in samples)
    print(
        f"RSS after warm-up ({warm[0]} utterances): {warm[1]:.0f} MB; at the end: {end[1]:.0f} MB"
    )
    print(f"RSS growth {growth:.1f}%; peak {peak:.0f} MB")
    bound = engine.options.audio_queue_blocks
    audio_max, jobs_max = max(s[2] for s in samples), max(s[3] for s in samples)
    print(f"largest queues: audio {audio_max} blocks (bound {bound}), jobs {jobs_max}")
    tenth = max(1, len(store_times) // 10)
    early, late = statistics.median(store_times[:tenth]), statistics.median(store_times[-tenth:])
    print(
        f"store commit per utterance: first tenth {early * 1000:.2f} ms, last {late * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
