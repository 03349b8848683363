"""Benchmark: `analyze` against bare faster-whisper with the settings a user would pick.

Offline nothing waits, so the fair baseline is faster-whisper's own defaults
(``model.transcribe(samples)``: beam search of 5, no VAD) on the same decoded channels.
Several stereo negotiations are synthesised with espeak-ng from the dev set's dialogues
(you en-us, them en-gb); per party channel the word error rate of each side is printed
against the words spoken, then the totals and the time ratios, all from one run:

- bare: faster-whisper defaults;
- analyze: the app's default offline decoding (plus VAD, pause splitting, understanding
  and SQLite);
- analyze --fast: greedy decoding.

    uv run python benchmarks/offline_accuracy.py [--dialogues 8] [--turns 14]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from copilot.analyze import AnalyzeOptions, Analyzer  # noqa: E402
from copilot.asr.transcriber import AsrOptions  # noqa: E402
from copilot.audio.decode import decode_tracks  # noqa: E402
from copilot.audio.synth import Turn, synthesise_dialogue, write_wav  # noqa: E402
from copilot.cli import _understander_factory  # noqa: E402
from copilot.store import Store  # noqa: E402
from tests.wer import normalise  # noqa: E402

PARTIES = ("you", "them")


def dev_dialogues(count: int, turns: int) -> list[list[Turn]]:
    """The first ``turns`` turns of the first ``count`` dev dialogues with both parties."""
    rows = [json.loads(line) for line in (ROOT / "tests/data/negotiation_dev.jsonl").open()]
    by_dialogue: dict[str, list[Turn]] = {}
    for row in rows:
        if row["party"] in PARTIES:
            by_dialogue.setdefault(row["dialogue"], []).append(Turn(row["party"], row["text"]))
    chosen = [
        d[:turns] for d in by_dialogue.values() if {t.party for t in d[:turns]} == set(PARTIES)
    ]
    return chosen[:count]


def errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word errors, reference words) after light normalisation."""
    import jiwer

    ref, hyp = normalise(reference), normalise(hypothesis)
    out = jiwer.process_words(ref, hyp)
    return out.substitutions + out.deletions + out.insertions, len(ref.split())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dialogues", type=int, default=8)
    parser.add_argument("--turns", type=int, default=14)
    parser.add_argument(
        "--condition", action="store_true", help="analyze with condition_on_previous_text"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    factory = _understander_factory()
    asr = AsrOptions(condition_on_previous_text=args.condition)
    default = Analyzer(AnalyzeOptions(asr=asr), understander_factory=factory)
    fast = Analyzer(AnalyzeOptions(asr=AsrOptions.fast()), understander_factory=factory)
    model = default.whisper  # the bare side uses the analyser's own model object
    print(
        f"model {default.model_label}; {args.dialogues} dialogues × {args.turns} turns; "
        f"analyze: beam {asr.beam_size}, conditioned {asr.condition_on_previous_text}"
    )
    totals = {side: [0, 0, 0.0] for side in ("bare", "analyze", "fast")}  # errors, words, s
    better = {"analyze": [0, 0, 0], "fast": [0, 0, 0]}  # channels better, equal, worse
    print(f"{'dialogue':10} {'party':5} {'words':>5}  {'bare':>6} {'analyze':>8} {'--fast':>7}")
    for number, turns in enumerate(dev_dialogues(args.dialogues, args.turns), start=1):
        you, them = synthesise_dialogue(turns)
        wav = write_wav(tmp / f"d{number}.wav", you, them)
        said = {p: " ".join(t.text for t in turns if t.party == p) for p in PARTIES}
        heard: dict[str, dict[str, str]] = {}
        began = time.perf_counter()
        heard["bare"] = {}
        for track in decode_tracks(wav):
            segments, _info = model.transcribe(track.samples)
            heard["bare"][track.party] = " ".join(s.text for s in segments)
        totals["bare"][2] += time.perf_counter() - began
        for side, analyzer in (("analyze", default), ("fast", fast)):
            store = Store(tmp / f"{side}{number}.db")
            began = time.perf_counter()
            result = analyzer.analyze(wav, store)
            totals[side][2] += time.perf_counter() - began
            store.close()
            heard[side] = {
                p: " ".join(u["text"] for u in result["utterances"] if u["party"] == p)
                for p in PARTIES
            }
        for party in PARTIES:
            rates = {}
            for side in totals:
                wrong, words = errors(said[party], heard[side][party])
                totals[side][0] += wrong
                totals[side][1] += words
                rates[side] = wrong / max(words, 1)
            for side in better:
                diff = rates[side] - rates["bare"]
                better[side][0 if diff < -1e-9 else 1 if abs(diff) <= 1e-9 else 2] += 1
            print(
                f"{'d' + str(number):10} {party:5} {words:5d}  {rates['bare']:6.3f} "
                f"{rates['analyze']:8.3f} {rates['fast']:7.3f}"
            )
    wer = {side: wrong / words for side, (wrong, words, _s) in totals.items()}
    seconds = {side: s for side, (_w, _n, s) in totals.items()}
    print(
        f"\nWER over all channels: bare {wer['bare']:.3f}, analyze {wer['analyze']:.3f} "
        f"({wer['analyze'] / wer['bare']:.2f}×), --fast {wer['fast']:.3f} "
        f"({wer['fast'] / wer['bare']:.2f}×)"
    )
    for side in better:
        b, e, w = better[side]
        print(f"{side}: channels better than bare {b}, equal {e}, worse {w}")
    print(
        f"time: bare {seconds['bare']:.1f} s, analyze {seconds['analyze']:.1f} s "
        f"({seconds['analyze'] / seconds['bare']:.2f}×), --fast {seconds['fast']:.1f} s "
        f"({seconds['fast'] / seconds['bare']:.2f}×)"
    )


if __name__ == "__main__":
    main()
