"""Commitment logging from the command line, on a session written by analyze."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from copilot.cli import main
from copilot.store import Store

TRANSCRIPT = """\
You: What matters most to your team in this renewal?
Dana: Our biggest concern is budget predictability.
Dana: Someone should check the security review with legal.
You: I'll send the revised order form by Friday.
"""


@pytest.fixture
def analysed(tmp_path, db_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), "--date", "2026-03-02", "--json", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def _flags(db_path, session_id):
    return {f.key: f.resolved for f in Store(db_path).flags(session_id)}


def test_analyze_flags_every_commitment_and_the_vague_one(analysed, db_path):
    by_owner = {c["owner"]: c for c in analysed["commitments"]}
    assert by_owner["you"]["due"] == "2026-03-06" and not by_owner["you"]["vague"]
    assert by_owner[None]["vague"]
    flags = _flags(db_path, analysed["session_id"])
    vague_id, firm_id = by_owner[None]["id"], by_owner["you"]["id"]
    assert flags == {
        f"vague_commitment:{vague_id}": False,
        f"unlogged_commitment:{vague_id}": False,
        f"unlogged_commitment:{firm_id}": False,
    }


def test_log_with_owner_and_due_resolves_both_flags(analysed, db_path, capsys):
    vague = next(c for c in analysed["commitments"] if c["vague"])
    args = ["commitments", "--db", str(db_path), "log", str(vague["id"])]
    assert main([*args, "--owner", "them", "--due", "2026-03-09", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["commitment"]["status"] == "logged" and not out["commitment"]["vague"]
    flags = _flags(db_path, analysed["session_id"])
    assert flags[f"vague_commitment:{vague['id']}"] is True
    assert flags[f"unlogged_commitment:{vague['id']}"] is True
    [resolved] = [
        f
        for f in Store(db_path).flags(analysed["session_id"])
        if f.key == f"vague_commitment:{vague['id']}"
    ]
    assert resolved.message == (
        "Vague commitment, now with an owner and a due date: “check the security review with legal”"
    )


def test_a_new_due_date_keeps_the_words_that_were_said(analysed, db_path, capsys, tmp_path):
    from icalendar import Calendar

    firm = next(c for c in analysed["commitments"] if c["owner"] == "you")
    args = ["commitments", "--db", str(db_path), "log", str(firm["id"]), "--due", "2026-03-05"]
    assert main([*args, "--json"]) == 0
    changed = json.loads(capsys.readouterr().out)["commitment"]
    assert changed["due"] == "2026-03-05" and changed["due_text"] == firm["due_text"]
    target = tmp_path / "call.ics"
    export = ["export", "--db", str(db_path), "--format", "ics", "-o", str(target)]
    assert main(export) == 0
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert firm["due_text"] and f"Said as “{firm['due_text']}”" in str(event["description"])
    # Weeks later the entry still says who promised what, in which meeting.
    assert "“I'll send the revised order form by Friday.” — You" in str(event["description"])
    assert "From the 2026-03-02 meeting" in str(event["description"])


def test_dismiss_and_done(analysed, db_path, capsys):
    firm = next(c for c in analysed["commitments"] if not c["vague"])
    assert main(["commitments", "--db", str(db_path), "done", str(firm["id"])]) == 0
    assert main(["commitments", "--db", str(db_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert {c["id"]: c["status"] for c in listed}[firm["id"]] == "done"
    assert _flags(db_path, analysed["session_id"])[f"unlogged_commitment:{firm['id']}"] is True


def test_a_dismissed_commitment_leaves_the_summary_the_calendar_and_the_scorecard(
    analysed, db_path, capsys, tmp_path
):
    # Dismissed means "that was no commitment": the summary to send and the calendar drop
    # it, nobody is asked who does it, and the scorecard does not count it.
    vague = next(c for c in analysed["commitments"] if c["vague"])
    firm = next(c for c in analysed["commitments"] if not c["vague"])
    for cid in (vague["id"], firm["id"]):
        assert main(["commitments", "--db", str(db_path), "dismiss", str(cid)]) == 0
    summary, calendar = tmp_path / "call.md", tmp_path / "call.ics"
    for fmt, target in (("md", summary), ("ics", calendar)):
        export = ["export", "--db", str(db_path), "--format", fmt, "-o", str(target)]
        assert main(export) == 0
    text = summary.read_text(encoding="utf-8")
    assert vague["action"] not in text and firm["action"] not in text
    assert "## Commitments\n\nNone recorded." in text
    assert "VEVENT" not in calendar.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["review", "--db", str(db_path), "--json"]) == 0
    review = json.loads(capsys.readouterr().out)
    assert review["scorecard"]["firm_commitments"]["value"] == "0/0"
    # The data exports keep every commitment, each with its status.
    assert main(["export", "--db", str(db_path), "--format", "csv"]) == 0
    assert capsys.readouterr().out.count(",dismissed,") == 2


def test_a_done_commitment_is_no_open_question(analysed, db_path, capsys, tmp_path):
    vague = next(c for c in analysed["commitments"] if c["vague"])
    summary = tmp_path / "call.md"
    export = ["export", "--db", str(db_path), "--format", "md", "-o", str(summary)]
    assert main(export) == 0
    assert f"Who does “{vague['action']}”" in summary.read_text(encoding="utf-8")
    assert main(["commitments", "--db", str(db_path), "done", str(vague["id"])]) == 0
    assert main(export) == 0
    text = summary.read_text(encoding="utf-8")
    assert f"Who does “{vague['action']}”" not in text
    assert f"| unassigned | {vague['action']} | no date | done |" in text


def test_listing_a_session_that_does_not_exist_is_an_error(analysed, db_path, capsys):
    assert main(["commitments", "--db", str(db_path), "list", str(analysed["session_id"])]) == 0
    listed = capsys.readouterr().out
    assert f"Commitments of session {analysed['session_id']}" in listed
    assert {"revised", "order", "form"} <= set(listed.split())  # wrapped at 80 columns
    assert "unassigned" in listed and "no date" in listed  # as review and the summary say
    assert main(["commitments", "--db", str(db_path), "list", "99"]) == 2
    assert capsys.readouterr().err.strip() == "negotiation-copilot: error: no session with id 99"


def test_bad_changes_are_one_line_errors(analysed, db_path, capsys):
    any_id = str(analysed["commitments"][0]["id"])
    assert main(["commitments", "--db", str(db_path), "log", any_id, "--due", "someday"]) == 2
    assert main(["commitments", "--db", str(db_path), "log", "999"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "negotiation-copilot: error: --due must be a date (YYYY-MM-DD, or a day such as "
        "'friday' or 'next tuesday'), not 'someday'",
        "negotiation-copilot: error: no commitment with id 999",
    ]


def test_a_due_day_in_words_counts_from_the_day_it_is_logged(analysed, db_path):
    from copilot.commitments import _valid_due
    from copilot.errors import InputError

    wednesday = dt.date(2026, 3, 4)
    assert _valid_due("Friday", wednesday) == "2026-03-06"
    assert _valid_due("next tuesday", wednesday) == "2026-03-10"
    assert _valid_due("2026-04-01", wednesday) == "2026-04-01"
    for mistyped in ("2026-13-01", "99", "1", "yesterday", "last friday"):
        with pytest.raises(InputError):
            _valid_due(mistyped, wednesday)
    any_id = str(analysed["commitments"][0]["id"])
    assert main(["commitments", "--db", str(db_path), "log", any_id, "--due", "tomorrow"]) == 0
    [logged] = [c for c in Store(db_path).commitments() if str(c.id) == any_id]
    assert logged.due == (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert logged.status == "logged"


def test_undoing_a_log_reopens_it_and_an_empty_due_clears_the_date(analysed, db_path):
    from copilot.commitments import change_commitment

    firm = next(c for c in analysed["commitments"] if c["owner"] == "you")
    store = Store(db_path)
    change_commitment(store, firm["id"], status="logged", due="2026-03-05")
    commitment, flags = change_commitment(store, firm["id"], status="unlogged", due="")
    assert commitment.status == "unlogged" and commitment.due is None
    assert commitment.due_text == firm["due_text"]  # the words said stay
    assert {f.key: f.resolved for f in flags}[f"unlogged_commitment:{firm['id']}"] is False
    assert _flags(db_path, analysed["session_id"])[f"unlogged_commitment:{firm['id']}"] is False


def test_list_takes_its_options_after_the_session_too(analysed, db_path, capsys):
    """`commitments list 2 --json --db FILE`, the order the README's table suggests."""
    session = str(analysed["session_id"])
    assert main(["commitments", "list", session, "--json", "--db", str(db_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(c["id"] for c in listed) == sorted(c["id"] for c in analysed["commitments"])


def test_a_calendar_with_no_dated_commitment_says_so(analysed, db_path, capsys, tmp_path):
    firm = next(c for c in analysed["commitments"] if c["due"])
    assert main(["commitments", "--db", str(db_path), "dismiss", str(firm["id"])]) == 0
    capsys.readouterr()
    target = tmp_path / "empty.ics"
    assert main(["export", "--db", str(db_path), "--format", "ics", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "the calendar has no events" in err and "BEGIN:VEVENT" not in target.read_text()
    assert main(["export", "--db", str(db_path), "--format", "md"]) == 0
    assert "due date" not in capsys.readouterr().err
