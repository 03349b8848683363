"""Benchmark: `analyze` of a stereo recording against bare faster-whisper, same run.

Both sides use the same model, the same decoding options and the same two decoded
channels; the analyser adds VAD-gap splitting, understanding and one SQLite commit per
utterance. Prints medians over several alternating rounds and their ratio.

    uv run python benchmarks/analyze.py [--rounds 5]
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
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dialogue import write_dialogue  # noqa: E402
from copilot.analyze import AnalyzeOptions, Analyzer  # noqa: E402
from copilot.asr.transcriber import AsrOptions  # noqa: E402
from copilot.audio.decode import decode_tracks  # noqa: E402
from copilot.cli import _understander_factory  # noqa: E402
from copilot.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    wav, turns = write_dialogue(tmp / "renewal.wav")
    analyzer = Analyzer(AnalyzeOptions(), understander_factory=_understander_factory())
    model = analyzer.whisper
    understander = analyzer.understander()
    kwargs = AsrOptions().transcribe_kwargs()
    plain = dict(kwargs, word_timestamps=False)
    audio_seconds = decode_tracks(wav)[0].duration
    print(
        f"recording: {audio_seconds:.1f} s stereo, {len(turns)} turns; model {analyzer.model_label}"
    )
    print(f"understanding pipeline: {'on' if understander else 'not installed'}")

    def bare(options: dict) -> float:
        start = time.perf_counter()
        for track in decode_tracks(wav):
            segments, _ = model.transcribe(track.samples, **options)
            list(segments)
        return time.perf_counter() - start

    def full() -> float:
        store = Store(tmp / f"bench-{time.monotonic_ns()}.db")
        start = time.perf_counter()
        analyzer.analyze(wav, store)
        elapsed = time.perf_counter() - start
        store.close()
        return elapsed

    full()  # warm-up: first-call costs (VAD model, spaCy) are not what we compare
    times: dict[str, list[float]] = {"analyze": [], "bare same settings": [], "bare no words": []}
    for _ in range(args.rounds):
        times["bare same settings"].append(bare(kwargs))
        times["analyze"].append(full())
        times["bare no words"].append(bare(plain))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        runs = ", ".join(f"{v:.2f}" for v in times[name])
        print(f"{name:>20}: median {value:.3f} s  (runs: {runs})")
    for baseline in ("bare same settings", "bare no words"):
        print(f"ratio analyze / {baseline}: {medians['analyze'] / medians[baseline]:.3f}")


if __name__ == "__main__":
    main()
