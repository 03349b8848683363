"""Transcript readers, on files written the way Zoom, Teams and people write them."""

from __future__ import annotations

import json

import pytest

from copilot.errors import InputError
from copilot.transcripts import assign_parties, read_transcript
from tests.conftest import DATA

TRANSCRIPTS = DATA / "transcripts"


def test_teams_vtt_voice_tags():
    lines = read_transcript(TRANSCRIPTS / "teams_renewal.vtt")
    assert [line.speaker for line in lines[:3]] == ["Priya Raman", "Tom Becker", "Tom Becker"]
    assert lines[0].text.startswith("Thanks for joining. Before we talk numbers, what's driving")
    assert lines[0].start == pytest.approx(3.12)
    assert lines[0].end == pytest.approx(8.4)
    # Consecutive cues of one speaker stay separate utterances.
    assert lines[1].text != lines[2].text


def test_zoom_vtt_name_prefixes():
    lines = read_transcript(TRANSCRIPTS / "zoom_lease.vtt")
    assert lines[0].speaker == "Marco Diaz"
    assert lines[0].text.startswith("We'd like to sign for three years")
    assert all(line.speaker for line in lines)


def test_srt_with_names():
    lines = read_transcript(TRANSCRIPTS / "salary.srt")
    assert [line.speaker for line in lines] == ["Recruiter", "Me", "Recruiter"]
    assert lines[1].start == pytest.approx(6.5)


def test_txt_with_and_without_timestamps_and_wrapped_lines():
    lines = read_transcript(TRANSCRIPTS / "procurement.txt")
    assert lines[0].speaker == "You" and lines[0].start is None
    assert lines[1].speaker == "Dana" and lines[1].start == pytest.approx(75.0)
    assert lines[1].text.endswith("and that includes onboarding.")


def test_jsonl(tmp_path):
    path = tmp_path / "t.jsonl"
    records = [{"speaker": "Ana", "text": "Ten percent off?", "start": 1.5, "end": 3}]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    [line] = read_transcript(path)
    assert (line.speaker, line.text, line.start, line.end) == ("Ana", "Ten percent off?", 1.5, 3.0)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "latin1.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Zoë>Caf\xe9\n".encode("latin-1"),
            "not UTF-8",
        ),
        ("nonames.txt", b"just some words\nand more words\n", "no speaker"),
        ("bad.jsonl", b'{"speaker": "A", "text": "hi"}\n{oops\n', "line 2 is not JSON"),
        ("types.jsonl", b'{"speaker": "A", "text": "hi", "start": "soon"}\n', "numbers of seconds"),
        ("broken.vtt", b"NOT A VTT\n00:00 -> nonsense\n", "not a valid vtt"),
    ],
)
def test_bad_transcripts_raise_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_transcript(path)


def test_parties_follow_me_and_default_names():
    assert assign_parties(["Ana Lopez", "Ben"], me="ana") == {"Ana Lopez": "you", "Ben": "them"}
    assert assign_parties(["You", "Ben"], me=None) == {"You": "you", "Ben": "them"}
    # A full name given for a speaker named by first name alone, and no other namesake.
    assert assign_parties(["Ana", "Ben"], me="Ana Lopez") == {"Ana": "you", "Ben": "them"}
    both = assign_parties(["Ana Lopez", "Ana Ruiz"], me="Ana Lopez")
    assert both == {"Ana Lopez": "you", "Ana Ruiz": "them"}
    assert assign_parties(["Ana", "Ben"], me=None) == {"Ana": "unknown", "Ben": "unknown"}
