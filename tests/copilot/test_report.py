"""The terminal report of an analysed session, as a reader on an 80-column terminal sees it."""

from __future__ import annotations

import json
import re

from rich.console import Console

from copilot.cli import main
from copilot.report import render_session

CALL = """\
You: We can do forty a seat.
Dana: Too high, we need thirty.
You: Okay, we can come down to thirty five.
You: Can you sign for two years?
Dana: Someone should check the security review eventually.
"""


def test_flags_say_when_whole_kinds_and_which_are_resolved(tmp_path, db_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(CALL, encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert any(f["resolved"] for f in result["flags"])  # the case this test is about
    console = Console(width=80, record=True, color_system=None)
    render_session(result, console)
    text = console.export_text()
    flags = text[text.index("Flags") : text.index("Commitments")]
    # Whole kinds, not "one_sided_conces…" (the tips' own "If you can …," stay).
    assert "one sided" in flags and "concession" in flags and not re.search(r"\w…", flags)
    assert "(resolved)" in flags and "#3" in flags  # untimed lines go by their number
    commitments = text[text.index("Commitments") :]
    assert "unassigned" in commitments and "no date" in commitments and "?" not in commitments


def test_with_no_side_known_the_flags_name_the_speaker_not_them(tmp_path, db_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(
        "Dana: We can do forty dollars a seat.\n"
        "Raj: Fine, we'll waive the setup fee.\n"
        "Dana: This is our final offer, take it or leave it.\n",
        encoding="utf-8",
    )
    assert main(["analyze", "--db", str(db_path), "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    console = Console(width=160, record=True, color_system=None)
    render_session(result, console)
    rows = [line for line in console.export_text().splitlines() if line.startswith("│ #")]
    by_kind = {row.split("│")[3].strip(): row.split("│")[4].strip() for row in rows}
    assert by_kind["one sided concession"] == "Raj"
    assert by_kind["pressure without trade"] == "Dana"
