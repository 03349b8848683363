"""Benchmark: per-utterance cost of the understanding pipeline against bare en_core_web_sm.

Both run on the same utterances (the labelled dev set) in the same process; the pipeline
adds the negotiation components and position tracking, then (by default) the fine-tuned
MiniLM move model; the rules alone are timed too.

    uv run python benchmarks/understand.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from copilot.evaluate import DEV_SET  # noqa: E402
from copilot.understand.pipeline import build_rule_understander, build_understander  # noqa: E402
from models.language import load_spacy  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    bare = load_spacy()
    understander = build_understander()
    rules = build_rule_understander()
    texts = [(row["text"], row["party"]) for row in rows]
    for text, party in texts[:20]:  # warm-up
        bare(text)
        understander.understand(text, party)
        rules.understand(text, party)

    def per_utterance_bare() -> float:
        start = time.perf_counter()
        for text, _party in texts:
            bare(text)
        return (time.perf_counter() - start) / len(texts)

    def per_utterance(pipeline) -> float:
        context = pipeline.new_context("2026-03-02")
        start = time.perf_counter()
        for text, party in texts:
            pipeline.understand(text, party, context)
        return (time.perf_counter() - start) / len(texts)

    bare_times, full_times, rule_times = [], [], []
    for _ in range(args.rounds):
        bare_times.append(per_utterance_bare())
        full_times.append(per_utterance(understander))
        rule_times.append(per_utterance(rules))
    bare_ms = statistics.median(bare_times) * 1000
    full_ms = statistics.median(full_times) * 1000
    rule_ms = statistics.median(rule_times) * 1000
    print(f"{len(texts)} utterances, {args.rounds} rounds, medians per utterance")
    print(f"bare en_core_web_sm:        {bare_ms:.2f} ms")
    print(f"rules only:                 {rule_ms:.2f} ms  ({rule_ms / bare_ms:.2f}x bare)")
    print(f"full pipeline (move model): {full_ms:.2f} ms  ({full_ms / bare_ms:.2f}x bare)")


if __name__ == "__main__":
    main()
