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


def _segment(spans):
    """A recognised segment of one-word spans (start, end), with a word each."""
    from copilot.asr.transcriber import RecognisedSegment, RecognisedWord

    words = [RecognisedWord(s, e, f" w{n}") for n, (s, e) in enumerate(spans)]
    text = "".join(w.text for w in words).strip()
    return RecognisedSegment(spans[0][0], spans[-1][1], text, -0.2, words)


def _windows(turns):
    """Windows whose middles tile (start, end, speaker) stretches: what they hear."""
    from copilot.audio.diarize import SpeakerWindow

    # A window answers for its middle half: a stretch of length L is heard by a window of
    # length 2L that starts L/2 before it.
    return [SpeakerWindow(s - (e - s) / 2, e + (e - s) / 2, who) for s, e, who in turns]


def test_a_brief_stretch_of_the_other_voice_inside_a_turn_is_blur():
    from copilot.analyze import _split_by_voice

    # "Why is the | reduction important | right now?": the windows hear the other voice
    # for 0.8 s in the middle of one unbroken turn.
    words = [(0.0 + 0.4 * n, 0.4 + 0.4 * n) for n in range(8)]
    heard = _windows([(0.0, 1.2, 0), (1.2, 2.0, 1), (2.0, 3.2, 0)])
    pieces = _split_by_voice(_segment(words), heard)
    assert [voice for _piece, voice in pieces] == [0]


def test_a_brief_stretch_at_a_turns_edge_with_no_pause_joins_the_turn():
    from copilot.analyze import _split_by_voice

    words = [(0.0 + 0.4 * n, 0.4 + 0.4 * n) for n in range(8)]
    heard = _windows([(0.0, 2.4, 0), (2.4, 3.2, 1)])
    pieces = _split_by_voice(_segment(words), heard)
    assert [voice for _piece, voice in pieces] == [0]


def test_a_reply_after_a_pause_stays_a_turn_of_its_own():
    from copilot.analyze import _split_by_voice

    # Two words from the other voice after a half-second pause: a short reply, kept.
    words = [(0.0 + 0.4 * n, 0.4 + 0.4 * n) for n in range(6)] + [(2.9, 3.3), (3.3, 3.7)]
    heard = _windows([(0.0, 2.6, 0), (2.6, 3.7, 1)])
    pieces = _split_by_voice(_segment(words), heard)
    assert [voice for _piece, voice in pieces] == [0, 1]
    assert pieces[1][0].text == "w6 w7"


def test_voices_are_counted_in_the_words_not_in_the_windows(monkeypatch):
    """Told two voices, the windows split in two but the second is heard only in a
    pause: every word is one voice, so that is said, not "2 voices found"."""
    from pathlib import Path
    from types import SimpleNamespace

    import copilot.analyze as analyze
    from copilot.audio.diarize import DiarizeOptions

    told = DiarizeOptions(speakers=2)
    said: list[str] = []
    analyzer = Analyzer(AnalyzeOptions(diarization=told), notice=said.append)
    encoder = SimpleNamespace(embed_windows=None)  # the windows below stand for its work
    monkeypatch.setattr(analyzer, "voice_encoder", lambda: encoder)
    words = [(0.0 + 0.4 * n, 0.4 + 0.4 * n) for n in range(5)]  # ends at 2.0 s
    monkeypatch.setattr(analyze, "diarize", lambda *_: _windows([(0.0, 2.0, 0), (2.2, 3.0, 1)]))
    [line] = analyzer._by_voice(Path("talk.wav"), None, [_segment(words)])
    assert line.speaker is None and line.party == "unknown"
    assert said == ["talk.wav: the voices could not be told apart; kept as one"]
    # A second voice in the words is counted.
    monkeypatch.setattr(analyze, "diarize", lambda *_: _windows([(0.0, 1.2, 1), (1.2, 2.4, 0)]))
    said.clear()
    longer = [*words, (2.0, 2.4)]
    lines = analyzer._by_voice(Path("talk.wav"), None, [_segment(longer)])
    assert [line.speaker for line in lines] == ["Speaker 1", "Speaker 2"]
    assert said[0].startswith("2 voices found")


def test_told_one_voice_nothing_is_said_about_voices(monkeypatch):
    from pathlib import Path
    from types import SimpleNamespace

    import copilot.analyze as analyze
    from copilot.audio.diarize import DiarizeOptions

    said: list[str] = []
    analyzer = Analyzer(AnalyzeOptions(diarization=DiarizeOptions(speakers=1)), notice=said.append)
    encoder = SimpleNamespace(embed_windows=None)
    monkeypatch.setattr(analyzer, "voice_encoder", lambda: encoder)
    monkeypatch.setattr(analyze, "diarize", lambda *_: _windows([(0.0, 2.0, 0)]))
    words = [(0.0 + 0.4 * n, 0.4 + 0.4 * n) for n in range(5)]
    [line] = analyzer._by_voice(Path("talk.wav"), None, [_segment(words)])
    assert line.speaker is None and said == []
