"""The command line: output formats, exit statuses, and bad input that leaves nothing behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from copilot.cli import main
from copilot.store import Store
from tests.conftest import DATA, ROOT, need

GOOD = DATA / "transcripts" / "procurement.txt"


def test_analyze_json_schema(db_path, capsys):
    assert main(["analyze", "--db", str(db_path), "--json", str(GOOD)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    result = json.loads(line)
    assert set(result) >= {"session_id", "source", "utterances", "flags", "commitments"}
    first = result["utterances"][0]
    assert set(first) >= {"id", "party", "speaker", "start", "end", "text", "moves"}
    assert first["party"] == "you" and first["speaker"] == "You"
    assert [u["party"] for u in result["utterances"]] == ["you", "them", "you", "them"]


def test_a_bad_input_does_not_stop_the_others(tmp_path, db_path, capsys):
    """Every kind of bad input is in tests/test_bad_inputs.py; here, the mix in one call."""
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04")
    status = main(["analyze", "--db", str(db_path), str(bad), str(GOOD)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and len(err) == 1 and "unknown file type" in err[0]
    assert [s["source"] for s in Store(db_path).sessions()] == [str(GOOD)]


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


def test_panel_without_qts_x11_libraries_says_what_to_install(monkeypatch, capsys):
    from ui import app

    monkeypatch.setattr(app, "missing_qt_library", lambda: "libxcb-cursor.so.0")
    assert main([]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "libxcb-cursor.so.0" in err and "sudo apt-get install libxcb-cursor0" in err


def test_a_plugin_that_cannot_load_names_the_library_it_lacks(tmp_path):
    import shutil

    import PySide6

    from ui.app import missing_qt_library

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    # Copied away from Qt's own libraries, the same plugin cannot find what it links to
    # (in a fresh process: once this one has loaded them, the copy would find them).
    alone = tmp_path / "libqxcb.so"
    shutil.copy(plugin, alone)
    code = f"from ui.app import missing_qt_library; print(missing_qt_library({str(alone)!r}))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    missing = run.stdout.strip()
    assert missing.startswith("libQt6") and ".so" in missing, run
    assert missing_qt_library(plugin) is None  # this machine has Qt's X11 libraries


def test_rules_only_analyses_without_the_move_model(db_path, capsys, monkeypatch):
    """--rules-only must not load the move model: with its folder gone it still works."""
    from models import understanding

    monkeypatch.setattr(understanding, "MOVE_MODEL_DIR", db_path.parent / "no-model-here")
    assert main(["analyze", "--db", str(db_path), "--json", "--rules-only", str(GOOD)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert any(u["moves"] for u in result["utterances"])
    status = main(["analyze", "--db", str(db_path), "--json", str(GOOD)])
    assert status == 2 and "cannot load the move model" in capsys.readouterr().err


def test_evaluate_reads_labelled_data_from_any_folder(tmp_path):
    """As from an installed wheel: no checkout around, the data named with --data."""
    data = tmp_path / "data"
    data.mkdir()
    lines = (DATA / "negotiation_dev.jsonl").read_text(encoding="utf-8").splitlines()
    (data / "negotiation_dev.jsonl").write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    for part in "ab":  # one source in two files: both are read
        name = f"brief_dev_{part}.jsonl"
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        (data / name).write_text("\n".join(lines[:20]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "copilot.cli", "evaluate", "--rules-only", "--json"]
    run = subprocess.run(
        [*command, "--only", "dev", "brief-dev", "--data", str(data)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    dev, brief = json.loads(run.stdout)
    assert dev["source"] == "dev" and 0 < dev["macro_f1"] <= 1
    assert sum(label["support"] for label in dev["labels"].values()) > 0
    assert brief["source"] == "brief-dev" and "brief_dev_b.jsonl" in brief["name"]

    missing = subprocess.run(
        [*command, "--only", "p4g", "--shared", str(tmp_path / "nowhere")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert missing.returncode != 0 and missing.stdout == ""
    [line] = missing.stderr.strip().splitlines()
    assert "evaluation set not found" in line and "--shared" in line


def test_a_misspelt_me_is_one_line_naming_the_speakers_and_stores_nothing(
    tmp_path, db_path, capsys
):
    path = tmp_path / "call.txt"
    path.write_text("Priya Shah: We can do forty a seat.\nMarco: Too high.\n")
    assert main(["analyze", "--db", str(db_path), "--me", "Pryia Shah", str(path)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "'Pryia Shah' is none of its speakers (Priya Shah, Marco)" in line
    assert Store(db_path).sessions() == []
    # The first name alone, in any case, is still the speaker.
    assert main(["analyze", "--db", str(db_path), "--me", "priya", "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [u["party"] for u in result["utterances"]] == ["you", "them"]


def test_a_file_analysed_again_is_said_and_replace_keeps_one_session(tmp_path, db_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text("Me: Can you do forty dollars?\nDana: No, forty two is our floor.\n")
    args = ["analyze", "--db", str(db_path), "--me", "Me", "--json", str(path)]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)["session_id"]
    assert main(args) == 0
    captured = capsys.readouterr()
    second = json.loads(captured.out)["session_id"]
    [line] = captured.err.strip().splitlines()
    assert f"analysed before (session {first})" in line and "--replace" in line
    assert main([*args, "--replace"]) == 0
    captured = capsys.readouterr()
    third = json.loads(captured.out)["session_id"]
    assert f"replaced session {first}, {second}" in captured.err
    assert [row["id"] for row in Store(db_path).sessions()] == [third]


def test_identical_channel_stereo_is_analysed_once_as_one_voice(jfk_flac, db_path, capsys):
    """faster-whisper's jfk.flac holds one mono mix in both channels."""
    from tests.wer import word_error_rate

    assert main(["analyze", "--db", str(db_path), "--json", str(jfk_flac)]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert {u["party"] for u in result["utterances"]} == {"unknown"}
    text = " ".join(u["text"] for u in result["utterances"])
    said = (
        "And so my fellow Americans, ask not what your country can do for you, "
        "ask what you can do for your country."
    )
    assert word_error_rate(said, text) <= 0.1
    assert text.lower().count("ask not") == 1
    assert "read as mono" in captured.err


def test_evaluate_reads_the_corpora_by_halves(tmp_path):
    """The move model trains on CaSiNo's and P4G's first half of dialogues, so evaluate
    reports the other half unless asked; the halves split the whole."""
    from copilot.evaluate import P4G_SET

    need(P4G_SET.is_file(), f"{P4G_SET} (shared P4G data) is missing")
    rows = [json.loads(line) for line in P4G_SET.read_text(encoding="utf-8").splitlines()]
    first = list(dict.fromkeys(row["dialogue_id"] for row in rows))[:6]
    shared = tmp_path / "shared" / "p4g"
    shared.mkdir(parents=True)
    kept = [json.dumps(row) for row in rows if row["dialogue_id"] in first]
    (shared / "p4g_dev.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "copilot.cli", "evaluate", "--rules-only", "--json"]
    reports = {}
    for half in ("tuning", "held-out", "all"):
        run = subprocess.run(
            [*command, "--only", "p4g", "--shared", str(tmp_path / "shared"), "--half", half],
            cwd=tmp_path, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-2000:]
        [reports[half]] = json.loads(run.stdout)
        assert f"{half} half" in reports[half]["name"]
    units = {half: report["pledge_recall"]["of"] for half, report in reports.items()}
    assert units["tuning"] > 0 and units["held-out"] > 0
    assert units["tuning"] + units["held-out"] == units["all"]


def test_a_reader_that_stops_early_gets_no_traceback(db_path):
    """`sessions --json | head`: the pipe closes before the CLI writes."""
    Store(db_path).close()
    reader_gone = subprocess.Popen(
        [sys.executable, "-m", "copilot.cli", "sessions", "--json", "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    reader_gone.stdout.close()
    _, err = reader_gone.communicate(timeout=120)
    assert err == b"" and reader_gone.returncode == 0


def test_a_broken_pipe_that_is_not_stdout_is_an_error(db_path, capsys, monkeypatch):
    """A pipe to another process breaking is no reader stopping early: it fails, said."""
    from copilot import cli

    def engine_gone(args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_cmd_sessions", engine_gone)
    assert main(["sessions", "--db", str(db_path)]) == cli.EXIT_ERROR
    assert "lost a connection" in capsys.readouterr().err


def test_no_stdout_at_all_is_no_error(db_path, monkeypatch):
    """A gui-script on Windows runs with sys.stdout None."""
    from copilot import cli

    monkeypatch.setattr(cli, "_cmd_sessions", lambda args: 0)
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["sessions", "--db", str(db_path)]) == 0


def test_tables_piped_to_a_file_keep_their_rows_whole(db_path):
    """Redirected, a table is laid out wider than a terminal's 80 columns, so a long
    action stays on one line; COLUMNS still decides when it is set."""
    long_action = "send the signed master services agreement with all four schedules attached"
    transcript = db_path.parent / "t.txt"
    transcript.write_text(f"Me: Sounds good.\nDana: I'll {long_action} by Friday.\n")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    run = [sys.executable, "-m", "copilot.cli"]
    subprocess.run(
        [*run, "analyze", "--me", "Me", "--db", str(db_path), str(transcript)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    piped = subprocess.run(
        [*run, "commitments", "--db", str(db_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert long_action in piped
    narrow = subprocess.run(
        [*run, "commitments", "--db", str(db_path)],
        cwd=ROOT,
        env=dict(env, COLUMNS="60"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert long_action not in narrow and max(map(len, narrow.splitlines())) <= 60
