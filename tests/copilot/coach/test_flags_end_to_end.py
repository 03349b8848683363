"""Flags through the real understanding pipeline, from a transcript written for the purpose."""

from __future__ import annotations

import json

from copilot.cli import main

SCRIPT = """\
Dana: This is our final offer, take it or leave it.
You: Fine, we'll waive the setup fee.
Dana: We need a ten percent discount.
You: If you sign for three years, we can come down to forty dollars per seat.
Dana: That works for us.
"""


def test_expected_flags_and_none_for_the_trade_or_the_acceptance(tmp_path, db_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    ids = [u["id"] for u in result["utterances"]]
    flags = {(f["kind"], f["utterance_id"], f["severity"]) for f in result["flags"]}
    assert flags == {
        ("pressure_without_trade", ids[0], "warn"),
        ("one_sided_concession", ids[1], "warn"),
        # their ask came with no reason, and you never asked why
        ("unexplored_position", ids[2], "info"),
        # two concessions from you, none from them
        ("concession_imbalance", None, "alert"),
    }
    trade = result["utterances"][3]["moves"]
    assert {m["kind"] for m in trade} >= {"offer", "concession"}
    assert all(m["conditional"] for m in trade if m["kind"] in ("offer", "concession"))
    assert result["metrics"]["concessions"]["you"] == {
        "count": 2,
        "conditional": 1,
        "one_sided": 1,
        "size_pct": 0.0,
    }


def _one_sided_flags_on_your_reply(tmp_path, db_path, capsys, last_line: str) -> list[str]:
    path = tmp_path / "call.txt"
    path.write_text(
        "You: we were thinking seventeen fifty\n"
        "Dana: best i can do is nineteen fifty\n"
        f"You: {last_line}\n",
        encoding="utf-8",
    )
    assert main(["analyze", "--db", str(db_path), "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    yours = result["utterances"][-1]["id"]
    return [
        f["kind"]
        for f in result["flags"]
        if f["kind"] == "one_sided_concession" and f["utterance_id"] == yours
    ]


def test_giving_then_asking_back_in_one_run_of_speech_is_not_one_sided(tmp_path, db_path, capsys):
    # Speech recognition runs the two into one sentence; the ask after the pause still trades.
    asked_back = "okay eighteen fifty um and can you throw in the homepage takeover"
    assert _one_sided_flags_on_your_reply(tmp_path, db_path, capsys, asked_back) == []
    given = _one_sided_flags_on_your_reply(tmp_path, db_path, capsys, "okay eighteen fifty then")
    assert given == ["one_sided_concession"]


def _one_sided_texts(tmp_path, db_path, capsys, script: str) -> list[str]:
    path = tmp_path / "call.txt"
    path.write_text(script, encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), "--me", "You", "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    text_of = {u["id"]: u["text"] for u in result["utterances"]}
    return [
        text_of[f["utterance_id"]] for f in result["flags"] if f["kind"] == "one_sided_concession"
    ]


def test_a_gift_put_on_top_of_the_trade_taken_up_is_one_sided(tmp_path, db_path, capsys):
    flagged = _one_sided_texts(
        tmp_path,
        db_path,
        capsys,
        "Ben: $78 a seat works if it's a three-year term.\n"
        "You: Agreed. We'll also give you a case study and a reference call at no charge.\n",
    )
    assert flagged == [
        "Agreed. We'll also give you a case study and a reference call at no charge."
    ]


def test_taking_up_the_trade_alone_is_not_one_sided(tmp_path, db_path, capsys):
    flagged = _one_sided_texts(
        tmp_path,
        db_path,
        capsys,
        "Ben: $78 a seat works if it's a three-year term.\nYou: Agreed, three years at $78.\n",
    )
    assert flagged == []


def test_their_trade_said_again_as_final_still_stands(tmp_path, db_path, capsys):
    # "185 is my final" restates "185 if u come today": taking it up completes that trade.
    flagged = _one_sided_texts(
        tmp_path,
        db_path,
        capsys,
        "You: 170 if i come get it today\n"
        "Mike: 185 if u come today\n"
        "You: hmm thats still more than i wanted\n"
        "Mike: 185 is my final\n"
        "You: ok 185 works. ill bring cash\n",
    )
    assert "ok 185 works. ill bring cash" not in flagged


def test_giving_what_their_condition_asked_in_other_words_is_not_on_top(tmp_path, db_path, capsys):
    flagged = _one_sided_texts(
        tmp_path,
        db_path,
        capsys,
        "Ben: We can do ten percent off if you pay in advance.\n"
        "You: ok, we'll also prepay the whole year.\n",
    )
    assert flagged == []


def test_a_free_thing_their_condition_asked_for_is_not_on_top(tmp_path, db_path, capsys):
    flagged = _one_sided_texts(
        tmp_path,
        db_path,
        capsys,
        "Ben: we'll do 900 if delivery is free\n"
        "You: fine, we'll deliver for free\n"
        "Ben: and 850 if you add training\n"
        "You: ok, we'll train your team at no extra cost\n",
    )
    assert flagged == []
