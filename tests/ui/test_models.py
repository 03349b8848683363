"""The panel's item models on their own: bounded memory, interim replacement, Qt's contract."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from tests.conftest import ROOT
from ui.models import FlagsModel, TranscriptModel


def _final(number: int, party: str = "you") -> dict:
    return {"id": number, "party": party, "text": f"final {number}", "moves": []}


def test_transcript_keeps_only_the_newest_rows(qtmodeltester):
    model = TranscriptModel(max_rows=50)
    qtmodeltester.check(model)
    for number in range(500):
        model.set_interim({"party": "them", "text": f"partial {number}"})
        model.add_final(_final(number, "them"))
    assert model.rowCount() == 50
    first = model.index(0)
    last = model.index(49)
    assert model.data(first, TranscriptModel.UtteranceIdRole) == 450
    assert model.data(last, TranscriptModel.UtteranceIdRole) == 499
    assert model.row_of(10) is None
    assert model.row_of(470) == 20
    qtmodeltester.check(model)


def test_a_trade_is_shown_as_one():
    model = TranscriptModel()
    gave = {"kind": "concession", "text": "forty", "conditional": False}
    traded = {"kind": "concession", "text": "forty if you sign", "conditional": True}
    model.add_final({"id": 1, "party": "you", "text": "Forty.", "moves": [gave]})
    model.add_final({"id": 2, "party": "you", "text": "Forty if you sign.", "moves": [traded]})
    display = [model.data(model.index(row)) for row in range(2)]
    assert display == ["You: Forty.   [concession]", "You: Forty if you sign.   [concession (if…)]"]
    tip = model.data(model.index(1), Qt.ItemDataRole.ToolTipRole)
    assert tip == "concession (if…): forty if you sign"


def test_final_text_replaces_its_partys_interim_row_only():
    model = TranscriptModel()
    model.set_interim({"party": "you", "text": "we could"})
    model.set_interim({"party": "them", "text": "hold on"})
    model.set_interim({"party": "you", "text": "we could do forty"})
    assert model.rowCount() == 2
    model.add_final({"id": 7, "party": "you", "text": "We could do forty.", "moves": []})
    assert model.rowCount() == 2
    assert model.data(model.index(0)) == "You: We could do forty."
    assert model.data(model.index(0), TranscriptModel.InterimRole) is False
    assert model.data(model.index(1), TranscriptModel.InterimRole) is True


def test_thousands_of_updates_leave_the_interpreter_healthy():
    # PySide6 6.12.0 dropped a reference to True on every Signal.emit and Python 3.11 aborted
    # at a few hundred emits (pyproject excludes it). A three-hour session emits tens of
    # thousands of signals, so this runs in a child process and checks it exits cleanly.
    script = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        from ui.models import FlagsModel, TranscriptModel
        app = QApplication([])
        transcript, flags = TranscriptModel(max_rows=2000), FlagsModel()
        for number in range(3000):
            transcript.set_interim({"party": "them", "text": f"partial {number}"})
            transcript.add_final({"id": number, "party": "them", "text": "x", "moves": []})
            flags.upsert({"id": number % 5, "message": "m", "tip": "t", "kind": "k",
                          "severity": "warn"})
        print(transcript.rowCount(), flags.rowCount())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["2000", "5"]


def test_flags_update_in_place_and_newest_come_first(qtmodeltester):
    model = FlagsModel()
    for number in range(3):
        model.upsert(
            {"id": number, "message": f"m{number}", "tip": "t", "kind": "k", "severity": "warn"}
        )
    model.upsert(
        {"id": 0, "message": "m0", "tip": "t", "kind": "k", "severity": "warn", "resolved": True}
    )
    assert model.rowCount() == 3
    assert model.flag_at(0)["id"] == 2
    assert model.flag_at(2)["resolved"] is True
    qtmodeltester.check(model)


def test_flags_feed_keeps_only_the_newest(qtmodeltester):
    model = FlagsModel(max_rows=20)
    qtmodeltester.check(model)
    for number in range(100):
        model.upsert({"id": number, "message": "m", "tip": "t", "kind": "k", "severity": "info"})
    assert model.rowCount() == 20
    assert [model.flag_at(r)["id"] for r in (0, 19)] == [99, 80]
    qtmodeltester.check(model)
