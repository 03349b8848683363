"""The command line: output formats, exit statuses, and bad input that leaves nothing behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave

import pytest

from copilot.cli import main
from copilot.store import Store
from tests.conftest import DATA, ROOT

GOOD = DATA / "transcripts" / "procurement.txt"


def _write_wav(path, seconds=2.0):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x00\x10" * int(16000 * seconds))
    return path


def _bad_inputs(tmp_path):
    folder = tmp_path / "folder.wav"
    folder.mkdir()
    empty = tmp_path / "empty.wav"
    empty.touch()
    truncated = tmp_path / "truncated.wav"
    whole = _write_wav(tmp_path / "whole.wav", seconds=3.0).read_bytes()
    truncated.write_bytes(whole[: len(whole) // 3])
    corrupt = tmp_path / "corrupt.mp3"
    corrupt.write_bytes(os.urandom(4096))
    garbage_flac = tmp_path / "garbage.flac"
    garbage_flac.write_bytes(b"fLaC" + os.urandom(2000))
    unknown = tmp_path / "notes.docx"
    unknown.write_bytes(b"PK\x03\x04")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Zoë: On peut faire quarante-deux euros\n".encode("latin-1"))
    nameless = tmp_path / "nameless.txt"
    nameless.write_text("we could do forty two\nthat is too high\n", encoding="utf-8")
    return {
        "missing": (tmp_path / "missing.wav", "no such file"),
        "folder": (folder, "is a folder"),
        "zero-byte": (empty, "empty"),
        "truncated": (truncated, "truncated"),
        "corrupt": (corrupt, "not readable audio"),
        "corrupt flac": (garbage_flac, "not readable audio"),
        "unknown extension": (unknown, "unknown file type"),
        "non-UTF-8": (latin1, "not UTF-8"),
        "no Name: lines": (nameless, "no speaker-labelled lines"),
    }


def test_analyze_json_schema(db_path, capsys):
    assert main(["analyze", "--db", str(db_path), "--json", str(GOOD)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    result = json.loads(line)
    assert set(result) >= {"session_id", "source", "utterances", "flags", "commitments"}
    first = result["utterances"][0]
    assert set(first) >= {"id", "party", "speaker", "start", "end", "text", "moves"}
    assert first["party"] == "you" and first["speaker"] == "You"
    assert [u["party"] for u in result["utterances"]] == ["you", "them", "you", "them"]


BAD_CASES = [
    "missing",
    "folder",
    "zero-byte",
    "truncated",
    "corrupt",
    "corrupt flac",
    "unknown extension",
    "non-UTF-8",
    "no Name: lines",
]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_one_line_exit_2_nothing_stored(case, tmp_path, db_path, capsys):
    path, message = _bad_inputs(tmp_path)[case]
    status = main(["analyze", "--db", str(db_path), str(path), str(GOOD)])
    captured = capsys.readouterr()
    assert status == 2
    error_lines = captured.err.strip().splitlines()
    assert len(error_lines) == 1, captured.err
    assert error_lines[0].startswith("negotiation-copilot: error: ")
    assert message in error_lines[0]
    # The good input in the same call was still analysed, and only it was stored.
    sessions = Store(db_path).sessions()
    assert [s["source"] for s in sessions] == [str(GOOD)]


def test_unwritable_database(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    status = main(["analyze", "--db", str(blocker / "sessions.db"), str(GOOD)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and len(err) == 1 and "cannot open the database" in err[0]


def test_existing_sessions_survive_a_failed_input(tmp_path, db_path, capsys):
    assert main(["analyze", "--db", str(db_path), str(GOOD)]) == 0
    before = Store(db_path).utterances(1)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["analyze", "--db", str(db_path), str(bad)]) == 2
    assert Store(db_path).utterances(1) == before
    assert len(Store(db_path).sessions()) == 1


def test_sessions_lists_json(db_path, capsys):
    main(["analyze", "--db", str(db_path), str(GOOD)])
    capsys.readouterr()
    assert main(["sessions", "--db", str(db_path), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["mode"] == "transcript" and row["status"] == "done" and row["utterance_count"] == 4


def test_console_script_runs_as_a_process(db_path):
    run = subprocess.run(
        [sys.executable, "-m", "copilot.cli", "analyze", "--db", str(db_path), "nope.wav"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "negotiation-copilot: error: nope.wav: no such file"


def test_panel_without_display_says_what_to_run(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 2
    assert "analyze FILE" in capsys.readouterr().err
