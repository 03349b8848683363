"""Offline analysis of real recordings with the real bundled Whisper model."""

from __future__ import annotations

from copilot.analyze import AnalyzeOptions, Analyzer
from copilot.store import Store
from tests.wer import word_error_rate

JFK = (
    "And so my fellow Americans, ask not what your country can do for you,"
    " ask what you can do for your country."
)


def test_transcribes_real_speech(jfk_flac, db_path):
    analyzer = Analyzer(AnalyzeOptions(channels="mono"))
    result = analyzer.analyze(jfk_flac, Store(db_path))
    text = " ".join(u["text"] for u in result["utterances"])
    wer = word_error_rate(JFK, text)
    print(f"jfk.flac WER {wer:.3f}: {text!r}")
    assert wer <= 0.1
    assert {u["party"] for u in result["utterances"]} == {"unknown"}
    assert Store(db_path).session(result["session_id"])["status"] == "done"


def test_stereo_dialogue_keeps_parties_and_text(renewal_dialogue, db_path):
    path, turns = renewal_dialogue
    result = Analyzer(AnalyzeOptions(me="Sam")).analyze(path, Store(db_path))
    utterances = result["utterances"]
    assert [u["party"] for u in utterances] == [t.party for t in turns]
    for utterance, turn in zip(utterances, turns, strict=True):
        assert utterance["start"] < turn.end and utterance["end"] > turn.start
    wer = word_error_rate(" ".join(t.text for t in turns), " ".join(u["text"] for u in utterances))
    print(f"synthesised stereo dialogue WER {wer:.3f}")
    assert wer <= 0.2
    assert utterances[0]["speaker"] == "Sam"


def test_channels_can_be_swapped(renewal_dialogue, db_path):
    path, turns = renewal_dialogue
    result = Analyzer(AnalyzeOptions(channels="them,you")).analyze(path, Store(db_path))
    swapped = {"you": "them", "them": "you"}
    assert [u["party"] for u in result["utterances"]] == [swapped[t.party] for t in turns]


def test_mono_mix_is_one_unknown_party(renewal_dialogue, db_path):
    path, turns = renewal_dialogue
    result = Analyzer(AnalyzeOptions(channels="mono")).analyze(path, Store(db_path))
    assert {u["party"] for u in result["utterances"]} == {"unknown"}
    assert len(result["utterances"]) >= len(turns) - 1
