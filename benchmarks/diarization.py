"""Benchmark: two voices on one track, split by voice (``copilot/audio/diarize.py``).

Synthesised negotiations (espeak-ng, 24 turns, gaps of 0 to 0.7 s) are mixed to mono, for
pairs of different voices and pairs of similar ones. Printed per pair, from one run:

- the share of speech time given the right speaker (10 ms frames of each turn, the
  labels matched to the voices the best way round), with the voice encoder the app uses
  (CAM++) and the one it used before (Resemblyzer);
- the same share for CAM++ told how many voices there are (``analyze --voices 2``: no
  groups merged, so similar voices are split too);
- the share of utterances whose party is right after ``analyze --me-voice first``, with
  the number of voices guessed and told;
- the CPU seconds per audio minute of the voice splitting, and of tiny.en's transcription.

Then the same share of speech time on 60 s of a real four-person meeting (AMI ES2004a,
CC BY 4.0, the AMI Consortium; ``../shared/audio/ami``), reported apart: espeak-ng's
voices say little about people; and there, through ``analyze`` (voices guessed, and
told 4), the share of utterances given the right speaker.

    uv run python benchmarks/diarization.py          # everything, about 8 minutes
    uv run python benchmarks/diarization.py --ami    # the real meeting only
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.dialogue import SCRIPT  # noqa: E402
from benchmarks.resemblyzer_encoder import SpeakerEncoder  # noqa: E402
from copilot.analyze import AnalyzeOptions, Analyzer  # noqa: E402
from copilot.audio.diarize import (  # noqa: E402
    DiarizeOptions,
    diarize,
    separation,
    speaker_of,
    voice_groups,
)
from copilot.audio.synth import SAMPLE_RATE, speak, write_wav  # noqa: E402
from copilot.store import Store  # noqa: E402
from models.campplus_encoder import CamPlusEncoder  # noqa: E402

PAIRS = {
    "different": [("en-us", "en-us+f3"), ("en-us", "en-us+klatt")],
    "similar": [
        ("en-us+m1", "en-us+m3"),
        ("en-us", "en-gb"),
        ("en-us+m2", "en-us+m4"),
        ("en-us+f2", "en-us+f4"),
        ("en-us+m1", "en-us+m2"),
        ("en-us+f1", "en-us+f2"),
        ("en-us+m5", "en-us+m6"),
    ],
}
# One voice on both sides: splitting it would invent a second person.
ONE_VOICE = sorted({voice for pairs in PAIRS.values() for pair in pairs for voice in pair})
AMI = ROOT.parent / "shared" / "audio" / "ami"


def mono_dialogue(you: str, them: str, seed: int) -> tuple[np.ndarray, list[tuple]]:
    """SCRIPT twice over (24 turns) on one track; (start, end, party) of each turn."""
    gaps = np.random.default_rng(seed).uniform(0.0, 0.7, 2 * len(SCRIPT))
    parts, turns, cursor = [np.zeros(SAMPLE_RATE // 2, np.float32)], [], SAMPLE_RATE // 2
    for (party, text), gap in zip(SCRIPT * 2, gaps, strict=True):
        clip = speak(text, you if party == "you" else them)
        turns.append((cursor / SAMPLE_RATE, (cursor + len(clip)) / SAMPLE_RATE, party))
        silence = np.zeros(int(gap * SAMPLE_RATE), np.float32)
        parts += [clip, silence]
        cursor += len(clip) + len(silence)
    return np.concatenate(parts), turns


def best_matched(pairs: list[tuple[str, object]]) -> int:
    """How many (person, label) pairs agree when each label is matched to at most one
    person and each person to at most one label, the best way round (None never matches)."""
    labels = sorted({label for _who, label in pairs if label is not None}, key=str)
    people = sorted({who for who, _label in pairs})
    best = 0
    for chosen in itertools.permutations(labels, min(len(labels), len(people))):
        for order in itertools.permutations(people, len(chosen)):
            naming = dict(zip(chosen, order, strict=True))
            best = max(best, sum(1 for who, label in pairs if naming.get(label) == who))
    return best


def share_of_time_right(windows, turns) -> tuple[float, int]:
    """(share of the turns' 10 ms frames with the right speaker, voices found)."""
    frames = [
        (who, speaker_of(windows, t, t + 0.01))
        for start, end, who in turns
        for t in np.arange(start, end, 0.01)
    ]
    found = {label for _who, label in frames if label is not None}
    return best_matched(frames) / len(frames), len(found)


def _mostly_heard(utterance, turns) -> str:
    """The party or person of the turns an utterance overlaps most."""
    start, end = utterance["start"], utterance["end"]
    overlap: dict[str, float] = {}
    for t_start, t_end, who in turns:
        overlap[who] = overlap.get(who, 0.0) + max(min(end, t_end) - max(start, t_start), 0.0)
    return max(overlap, key=lambda who: overlap[who])


def parties_right(result, turns) -> float:
    """The share of utterances whose party is the party of the turn they overlap most."""
    utterances = result["utterances"]
    right = sum(u["party"] == _mostly_heard(u, turns) for u in utterances)
    return right / max(len(utterances), 1)


def speakers_right(result, turns) -> float:
    """The share of utterances whose speaker is the person of the turn they overlap most,
    the speaker names matched to the people the best way round (an utterance with no
    speaker name is wrong)."""
    truth = [(_mostly_heard(u, turns), u["speaker"]) for u in result["utterances"]]
    return best_matched(truth) / max(len(truth), 1)


def groups_apart(windows) -> float:
    """How far apart the two groups told 2 come out before the windows move to their
    nearest voice: the d' that merges two groups into one voice when the number is guessed,
    under ``DiarizeOptions.min_separation``."""
    embeddings = np.stack([w.embedding for w in windows])
    labels = voice_groups(embeddings, DiarizeOptions(speakers=2))
    return separation(embeddings @ embeddings.T, labels == 0, labels == 1)


def one_person_split(samples: np.ndarray, reference: dict, encoder) -> None:
    """Each AMI person's speech heard alone (no one else talking), split in two: how far
    apart one real voice's halves come out, against the merge threshold."""
    rate = SAMPLE_RATE
    for person in sorted({t["speaker"] for t in reference["turns"]}):
        own, others = np.zeros(len(samples), bool), np.zeros(len(samples), bool)
        for turn in reference["turns"]:
            span = slice(int(turn["start"] * rate), int(turn["end"] * rate))
            (own if turn["speaker"] == person else others)[span] = True
        alone = samples[own & ~others]
        if len(alone) < 10 * rate:
            continue
        two = diarize(alone, encoder.embed_windows, DiarizeOptions(speakers=2))
        guessed = len({w.speaker for w in diarize(alone, encoder.embed_windows)})
        print(
            f"AMI {person} alone ({len(alone) / rate:.1f} s) split in two: groups apart by "
            f"{groups_apart(two):.3f} (two voices need {DiarizeOptions().min_separation}); "
            f"voices found guessing: {guessed}"
        )


def one_voice(encoder) -> None:
    """The dialogue with one voice on both sides: how many voices guessing finds."""
    found = {}
    for voice in ONE_VOICE:
        samples, _turns = mono_dialogue(voice, voice, seed=2)
        found[voice] = len({w.speaker for w in diarize(samples, encoder.embed_windows)})
    alone = sum(1 for count in found.values() if count == 1)
    split = ", ".join(voice for voice, count in found.items() if count != 1) or "none"
    print(f"One voice on both sides, CAM++ guessing: one voice found for {alone} of "
          f"{len(found)} (split: {split})")  # fmt: skip


def real_meeting(encoders: dict, tmp: Path) -> None:
    """AMI ES2004a: share of speech time right, then per utterance through analyze."""
    from faster_whisper.audio import decode_audio

    reference = json.loads((AMI / "ami-es2004a.json").read_text(encoding="utf-8"))
    turns = [(d["start"], d["end"], d["speaker"]) for d in reference["diarization"]]
    clip = AMI / "ami-es2004a-mono.wav"
    samples = decode_audio(str(clip))
    for name, encoder in encoders.items():
        share, voices = share_of_time_right(diarize(samples, encoder.embed_windows), turns)
        print(
            f"AMI ES2004a, 60 s, 4 people (one talks 1.2 s), {name}: share of speech time "
            f"with the right speaker {share:.3f}, voices found {voices}"
        )
    one_person_split(samples, reference, encoders["CAM++"])
    four = diarize(samples, encoders["CAM++"].embed_windows, DiarizeOptions(speakers=4))
    print(f"AMI, CAM++ told 4 voices: {share_of_time_right(four, turns)[0]:.3f}")
    for told in (None, 4):
        options = AnalyzeOptions(diarization=DiarizeOptions(speakers=told))
        store = Store(tmp / f"ami{told}.db")
        result = Analyzer(options).analyze(clip, store)
        store.close()
        said = "guessed" if told is None else f"told {told}"
        found = len({u["speaker"] for u in result["utterances"] if u["speaker"]})
        print(
            f"AMI through analyze, voices {said}: {len(result['utterances'])} utterances, "
            f"{found} speakers named, speaker right per utterance "
            f"{speakers_right(result, turns):.3f}"
        )


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    encoders = {"CAM++": CamPlusEncoder(), "Resemblyzer": SpeakerEncoder()}  # now, before
    if "--ami" in sys.argv[1:]:
        real_meeting(encoders, tmp)
        return
    analyzer = Analyzer(AnalyzeOptions(me_voice="first"))
    told = Analyzer(AnalyzeOptions(me_voice="first", diarization=DiarizeOptions(speakers=2)))
    print("Share of speech time with the right speaker (voices found) and the voice "
          "splitting's CPU-s per audio minute, for the voice encoder now (CAM++) and before "
          "(Resemblyzer); parties right after analyze --me-voice first (CAM++).")  # fmt: skip
    print("voices                         kind       CAM++ right  told 2  Resemblyzer right  "
          "parties right (told 2)  apart (told 2)  "
          "CPU-s/min CAM++ / Resemblyzer / tiny.en")  # fmt: skip
    for kind, pairs in PAIRS.items():
        for number, (you, them) in enumerate(pairs):
            samples, turns = mono_dialogue(you, them, seed=number)
            minutes = len(samples) / SAMPLE_RATE / 60
            shares, cpu = {}, {}
            for name, encoder in encoders.items():
                began = time.process_time()
                windows = diarize(samples, encoder.embed_windows)
                cpu[name] = (time.process_time() - began) / minutes
                shares[name] = share_of_time_right(windows, turns)
            two = diarize(samples, encoders["CAM++"].embed_windows, DiarizeOptions(speakers=2))
            told_share, _ = share_of_time_right(two, turns)
            wav = write_wav(tmp / f"{kind}{number}.wav", samples)
            store = Store(tmp / f"{kind}{number}.db")
            began = time.process_time()
            segments, _ = analyzer.whisper.transcribe(samples, beam_size=5, vad_filter=True)
            list(segments)
            asr_cpu = (time.process_time() - began) / minutes
            result = analyzer.analyze(wav, store)
            told_result = told.analyze(wav, store)
            store.close()
            (now, now_voices), (before, before_voices) = shares["CAM++"], shares["Resemblyzer"]
            print(
                f"{you + ' / ' + them:30} {kind:10} {now:7.3f} ({now_voices}) {told_share:7.3f}"
                f" {before:13.3f} ({before_voices}) {parties_right(result, turns):14.3f}"
                f" ({parties_right(told_result, turns):.3f}) {groups_apart(two):14.3f}"
                f" {cpu['CAM++']:11.2f} / {cpu['Resemblyzer']:.2f} / {asr_cpu:.2f}"
            )
    one_voice(encoders["CAM++"])
    if (AMI / "ami-es2004a-mono.wav").is_file():
        real_meeting(encoders, tmp)


if __name__ == "__main__":
    main()
