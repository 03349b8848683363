"""Bad input, broadly: one clear line, exit status 2, no partial session, nothing altered.

Each case builds its input in a temporary folder; a session stored beforehand must come
through every failure unchanged.
"""

from __future__ import annotations

import os
import random
import sqlite3
import wave
import zipfile

import numpy as np
import pytest

from copilot.audio.synth import write_wav
from copilot.cli import main
from tests.conftest import DATA

GOOD = DATA / "transcripts" / "procurement.txt"


def _wav(path, seconds=2.0, channels=1, rate=16000):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x10\x00" * int(rate * seconds) * channels)
    return path


def _truncated(tmp):
    whole = _wav(tmp / "whole.wav", 3.0).read_bytes()
    (tmp / "truncated.wav").write_bytes(whole[: len(whole) // 3])
    return tmp / "truncated.wav"


def _write(name, content):
    def build(tmp):
        path = tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return build


def _zip_as_ogg(tmp):
    path = tmp / "archive.ogg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    return path


def _folder(tmp):
    (tmp / "folder.wav").mkdir()
    return tmp / "folder.wav"


def _silence(tmp):
    silence = np.zeros(16000 * 600, np.float32)  # ten minutes, nobody speaks
    return write_wav(tmp / "silence.wav", silence, silence)


def _newer_db(tmp):
    path = tmp / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return path


_NOISE = random.Random(20261204)
ANALYZE_CASES = {
    "missing file": (lambda t: t / "missing.wav", "no such file"),
    "folder": (_folder, "is a folder"),
    "zero-byte wav": (_write("empty.wav", b""), "empty (0 bytes)"),
    "header-only wav": (lambda t: _wav(t / "header.wav", 0.0), "holds no audio samples"),
    "truncated wav": (_truncated, "truncated"),
    # Seeded: some random bytes pass for an MPEG stream with no audio in it, which gets its
    # own (equally clear) line; these bytes are noise FFmpeg refuses every time.
    "random mp3": (_write("noise.mp3", _NOISE.randbytes(4096)), "not readable audio"),
    "garbage flac": (
        _write("garbage.flac", b"fLaC" + _NOISE.randbytes(2000)),
        "not readable audio",
    ),
    "text named wav": (_write("text.wav", "hello, this is not audio"), "not readable audio"),
    "zip named ogg": (_zip_as_ogg, "not readable audio"),
    "6-channel wav": (lambda t: _wav(t / "surround.wav", 1.0, channels=6), "has 6 channels"),
    "ten minutes of silence": (_silence, "no speech found"),
    "unknown extension": (_write("notes.docx", b"PK\x03\x04"), "unknown file type .docx"),
    "no extension": (_write("README", "You: hi\n"), "unknown file type (none)"),
    "latin-1 txt": (_write("latin1.txt", "Zoë: quarante-deux\n".encode("latin-1")), "not UTF-8"),
    "latin-1 vtt": (
        _write(
            "latin1.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Zoë>Caf\xe9\n".encode("latin-1")
        ),
        "not UTF-8",
    ),
    "binary txt": (_write("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(200)), "not UTF-8"),
    "txt without names": (
        _write("plain.txt", "we could do forty two\ntoo high\n"),
        "no speaker-labelled",
    ),
    "empty txt": (_write("empty.txt", b""), "no speaker-labelled"),
    "10 MB single line": (_write("huge.txt", "forty two " * 1_000_000), "no speaker-labelled"),
    "jsonl not json": (
        _write("bad.jsonl", '{"speaker": "A", "text": "hi"}\n{oops\n'),
        "line 2 is not JSON",
    ),
    "jsonl text not a string": (
        _write("t.jsonl", '{"speaker": "A", "text": 5}\n'),
        '"text" string',
    ),
    "jsonl speaker a number": (
        _write("s.jsonl", '{"speaker": 7, "text": "hi"}\n'),
        '"speaker" must be',
    ),
    "jsonl start a word": (
        _write("w.jsonl", '{"speaker": "A", "text": "hi", "start": "soon"}\n'),
        "seconds",
    ),
    "vtt malformed": (_write("broken.vtt", "NOT A VTT\n00:00 -> nonsense\n"), "not a valid vtt"),
    "vtt without names": (
        _write("anon.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nforty two dollars\n"),
        "no speaker-labelled",
    ),
    "srt malformed": (_write("broken.srt", "1\nnot a time\nhello\n"), "not a valid srt file"),
}
PREP_CASES = {
    "prep target a word": (
        '[[issues]]\nname = "price"\ntarget = "cheap"\n',
        "target must be a number",
    ),
    "prep not toml": ("price = = 3", "not valid TOML"),
    "prep priority unknown": (
        '[[issues]]\nname = "price"\npriority = "urgent"\n',
        "priority must be one of",
    ),
    "prep issues not a list": ("issues = 3\n", "'issues' must be a list"),
    "prep interests not strings": ("[interests]\nours = [1, 2]\n", "must be a list of strings"),
}
DB_CASES = {
    "db from a newer version": (_newer_db, "newer version"),
    "db not sqlite": (_write("junk.db", b"not a database " * 200), "not a session database"),
    "db path is a folder": (lambda t: (t / "dbdir").mkdir() or t / "dbdir", "is a folder"),
    "db under a file": (_write("blocker", b"x"), "cannot open the database"),
}


@pytest.fixture
def stored(tmp_path, capsys):
    """A database with one good session, and a snapshot of its rows."""
    db_path = tmp_path / "sessions.db"
    assert main(["analyze", "--db", str(db_path), str(GOOD)]) == 0
    capsys.readouterr()
    return db_path


def _snapshot(db_path):
    conn = sqlite3.connect(db_path)
    rows = {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("sessions", "utterances", "moves", "flags", "commitments")
    }
    conn.close()
    return rows


def _one_line(capsys, message):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("negotiation-copilot: error: ")
    assert message in err[0], err[0]


@pytest.mark.parametrize("case", list(ANALYZE_CASES))
def test_bad_analyze_input(case, tmp_path, stored, capsys):
    build, message = ANALYZE_CASES[case]
    before = _snapshot(stored)
    assert main(["analyze", "--db", str(stored), str(build(tmp_path))]) == 2
    _one_line(capsys, message)
    assert _snapshot(stored) == before


@pytest.mark.parametrize("case", list(PREP_CASES))
def test_bad_prep_sheet(case, tmp_path, stored, capsys):
    toml, message = PREP_CASES[case]
    prep = tmp_path / "prep.toml"
    prep.write_text(toml, encoding="utf-8")
    before = _snapshot(stored)
    assert main(["analyze", "--db", str(stored), "--prep", str(prep), str(GOOD)]) == 2
    _one_line(capsys, message)
    assert _snapshot(stored) == before


@pytest.mark.parametrize("case", list(DB_CASES))
def test_bad_database(case, tmp_path, capsys):
    build, message = DB_CASES[case]
    target = build(tmp_path)
    db_path = target / "sessions.db" if case == "db under a file" else target
    before = target.read_bytes() if target.is_file() else None
    assert main(["analyze", "--db", str(db_path), str(GOOD)]) == 2
    _one_line(capsys, message)
    if before is not None:
        assert target.read_bytes() == before


def test_eight_khz_audio_is_resampled_not_refused(tmp_path, db_path, capsys, espeak):
    from copilot.audio.synth import speak

    speech = speak("We can do forty two dollars per seat.")
    eight_k = speech[::2]  # 16 kHz -> 8 kHz by decimation: telephone-quality input
    path = tmp_path / "phone.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes((eight_k * 32767).astype("<i2").tobytes())
    assert main(["analyze", "--db", str(db_path), "--channels", "them", str(path)]) == 0
    conn = sqlite3.connect(db_path)
    texts = [row[0].lower() for row in conn.execute("SELECT text FROM utterances")]
    # tiny.en hears 8 kHz speech poorly ("for the two nother"), but it hears it.
    assert len(texts) == 1 and texts[0].startswith("we can do")
