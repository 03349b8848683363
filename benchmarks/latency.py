"""Benchmark: live latency, replaying a stereo dialogue in real time through the engine.

The replay pushes 20 ms blocks into the same queue the sounddevice callbacks fill, at
real-time pace, so VAD, the inference worker, understanding, flags and SQLite all run as
in a call. Printed: speech end → final utterance (with moves and flags) emitted, and
speech start → first interim, as p50/p95; then bare faster-whisper (``transcribe`` with
its 30 s window) on the same VAD-cut utterances, and the WER of both against the script.

    uv run python benchmarks/latency.py [--repeat 2]
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
from copilot.asr.utterance import UtteranceAsrOptions, UtteranceTranscriber  # noqa: E402
from copilot.audio.capture import ReplaySource  # noqa: E402
from copilot.live import LiveEngine, LiveOptions  # noqa: E402
from models.understanding import build_understander  # noqa: E402
from tests.wer import word_error_rate  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2, help="times the script is spoken")
    args = parser.parse_args()
    from faster_whisper.audio import decode_audio

    tmp = Path(tempfile.mkdtemp())
    wav, turns = write_dialogue(tmp / "dialogue.wav", repeat=args.repeat)
    you, them = decode_audio(str(wav), split_stereo=True)
    chunks = []
    engine = LiveEngine(
        tmp / "bench.db",
        LiveOptions(interim=True),
        understander_factory=build_understander,
        sources=lambda sink: [ReplaySource("you", you, sink), ReplaySource("them", them, sink)],
        stop_when_sources_end=True,
    )
    events: list[dict] = []
    engine.subscribe(events.append)
    original = engine.segmenter._queue_chunk

    def keep(chunk):
        if chunk.final:
            chunks.append(chunk)
        original(chunk)

    engine.segmenter._queue_chunk = keep  # the benchmark keeps each cut utterance for the baseline
    engine.start()
    engine.wait()
    engine.stop()

    finals = [e for e in events if e["type"] == "utterance" and not e.get("interim")]
    final_latency = [e["emitted"] - e["speech_end"] for e in finals]
    first_interim: dict[tuple[str, int], float] = {}
    for e in events:
        if e["type"] == "utterance" and e.get("interim"):
            key = (e["party"], e["utterance_no"])
            first_interim.setdefault(key, e["emitted"] - e["speech_start"])
    behind = [e for e in events if e.get("state") == "falling_behind"]
    print(f"dialogue: {len(turns)} turns, {len(you) / 16000:.0f} s; {len(finals)} finals")
    print(
        f"speech end -> final+moves+flags: p50 {percentile(final_latency, 0.5):.3f} s, "
        f"p95 {percentile(final_latency, 0.95):.3f} s, max {max(final_latency):.3f} s"
    )
    if first_interim:
        values = list(first_interim.values())
        print(
            f"speech start -> first interim: p50 {percentile(values, 0.5):.3f} s, "
            f"p95 {percentile(values, 0.95):.3f} s ({len(values)} utterances had one)"
        )
    print(f"falling-behind reports: {len(behind)}")

    model = engine_model = None
    from models.whisper import WhisperSettings, load_whisper

    model, _ = load_whisper(WhisperSettings())
    short = UtteranceTranscriber(model, UtteranceAsrOptions())
    bare_times, short_times, bare_text, short_text = [], [], [], []
    for chunk in chunks:
        start = time.perf_counter()
        segments, _ = model.transcribe(chunk.samples, language="en", beam_size=1)
        bare_text.append(" ".join(s.text for s in segments))
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        short_text.append(short(chunk.samples).text)
        short_times.append(time.perf_counter() - start)
    del engine_model
    script = " ".join(t.text for t in turns)
    print(
        f"bare faster-whisper per utterance: p50 {statistics.median(bare_times):.3f} s, "
        f"p95 {percentile(bare_times, 0.95):.3f} s"
    )
    print(
        f"short-window transcription per utterance: p50 {statistics.median(short_times):.3f} s, "
        f"p95 {percentile(short_times, 0.95):.3f} s"
    )
    print(
        f"ratio final latency p50 / bare transcribe p50: "
        f"{percentile(final_latency, 0.5) / statistics.median(bare_times):.2f}"
    )
    print(
        f"WER short window {word_error_rate(script, ' '.join(short_text)):.3f}, "
        f"full window {word_error_rate(script, ' '.join(bare_text)):.3f}, "
        f"live finals {word_error_rate(script, ' '.join(e['text'] for e in finals)):.3f}"
    )


if __name__ == "__main__":
    main()
