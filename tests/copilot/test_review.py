"""Review, scorecard, search, carry-over and exports on sessions written by analyze."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from copilot.cli import main
from copilot.export import to_csv, to_ics, to_json, to_markdown, to_review_markdown
from copilot.review import agreement, build_review
from copilot.review_text import open_questions
from copilot.store import Store
from tests.conftest import DATA

RENEWAL = """\
You: What matters most to your team in this renewal?
Dana: Our biggest concern is budget predictability.
You: If you sign for three years, we can come down to forty dollars per seat.
Dana: That works for us. I'll send the signed order form by Friday.
Dana: Someone should check the security review with legal.
"""
FOLLOW_UP = """\
You: Did the order form go out?
Dana: Not yet, we are waiting on legal.
"""


def _analyze(tmp_path, db_path, capsys, text, name="call.txt", counterpart="Acme"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    args = ["analyze", "--db", str(db_path), "--date", "2026-03-02", "--json", str(path)]
    assert main([*args, "--counterpart", counterpart]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def review(tmp_path, db_path, capsys):
    result = _analyze(tmp_path, db_path, capsys, RENEWAL)
    return build_review(Store(db_path), result["session_id"])


def test_review_gives_each_utterance_its_moves_as_analyze_does(tmp_path, db_path, capsys):
    """One shape for a move: the review's utterances carry the moves ``analyze --json``
    printed, terms and trade mark included, not bare kinds that lose "(if…)"."""
    analysed = _analyze(tmp_path, db_path, capsys, RENEWAL)
    review = build_review(Store(db_path), analysed["session_id"])
    assert [u["moves"] for u in review["utterances"]] == [
        u["moves"] for u in analysed["utterances"]
    ]
    trade = review["utterances"][2]["moves"]
    assert {m["kind"] for m in trade} >= {"offer", "concession"}
    assert all(m["conditional"] is True for m in trade)
    assert any(m["value"] == 40.0 and m["unit"] == "USD" for m in trade)


def test_their_questions_and_vague_commitments_are_the_open_questions(tmp_path, db_path, capsys):
    asked = RENEWAL + "Dana: How long would the onboarding take?\n"
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    assert open_questions(review) == [
        "How long would the onboarding take?",
        "Who does “check the security review with legal”, and by when?",
    ]


def test_review_agreement_commitments_interests_and_scorecard(review):
    # The trade taken up agrees both its sides: the price and the three years asked for.
    assert review["agreement"] == {
        "price": {"value": 40.0, "unit": "USD", "accepted_by": "them", "utterance_id": 4},
        "term": {"value": 3.0, "unit": "year", "accepted_by": "them", "utterance_id": 4},
    }
    assert [c["status"] for c in review["commitments"]] == ["unlogged", "unlogged"]
    assert review["interests"]["them"] == ["Our biggest concern is budget predictability."]
    card = {name: item["value"] for name, item in review["scorecard"].items()}
    assert card["conditional_share"] == 1.0
    assert card["interest_questions"] == 1
    assert card["their_interests_heard"] == 1
    assert card["firm_commitments"] == "1/2"
    assert all(item["explain"] for item in review["scorecard"].values())
    assert review["styles"]["you"]["style"] == "collaborating"
    assert review["concessions"][0]["party"] == "you"
    # Your concession was a trade ("if you sign…"): the positions table says so.
    yours = [p for p in review["concessions"] if p["party"] == "you" and p["concession"]]
    assert yours and all(p["traded"] for p in yours)


def test_a_package_said_back_while_taking_it_agrees_every_term(tmp_path, db_path, capsys):
    said = (
        "Dana: If you commit to three years, we can hold the price at $50 per seat.\n"
        "You: That works: fifty dollars per seat, two hundred seats.\n"
    )
    result = _analyze(tmp_path, db_path, capsys, said)
    agreed = build_review(Store(db_path), result["session_id"])["agreement"]
    assert {issue: term["value"] for issue, term in agreed.items()} == {
        "price": 50.0,
        "volume": 200.0,
        "term": 3.0,  # their condition, taken up with the rest
    }
    assert "- volume: 200\n" in to_markdown(build_review(Store(db_path), result["session_id"]))


def test_a_split_agreed_reads_as_its_shares(tmp_path, db_path, capsys):
    said = (
        "Nat: id say 60/40, u pay more\n"
        "You: fair i do use more heating. 55/45?\n"
        "Nat: ok 55/45 on energy\n"
    )
    result = _analyze(tmp_path, db_path, capsys, said)
    agreed = build_review(Store(db_path), result["session_id"])["agreement"]
    assert {issue: term["value"] for issue, term in agreed.items()} == {"split": 55.0}
    assert "- split: 55/45\n" in to_markdown(build_review(Store(db_path), result["session_id"]))


def test_exports_round_trip(review):
    parsed = json.loads(to_json(review))
    assert parsed["commitments"] == review["commitments"]
    rows = list(csv.DictReader(io.StringIO(to_csv(review))))
    assert [(r["owner"], r["action"], r["due"]) for r in rows] == [
        (c["owner"] or "", c["action"], c["due"] or "") for c in review["commitments"]
    ]
    from icalendar import Calendar

    events = Calendar.from_ical(to_ics(review)).walk("VEVENT")
    dated = [c for c in review["commitments"] if c["due"]]
    assert len(events) == len(dated) == 1
    assert events[0].decoded("dtstart").isoformat() == dated[0]["due"]
    assert str(events[0]["summary"]) == f"Them: {dated[0]['action']}"


def test_a_forgotten_sessions_ids_reused_make_new_calendar_events(tmp_path, db_path, capsys):
    """SQLite gives a forgotten session's ids to the next one; the calendar UIDs must not
    repeat, or a calendar app overwrites the old events."""
    from icalendar import Calendar

    def uids(review):
        return [str(e["uid"]) for e in Calendar.from_ical(to_ics(review)).walk("VEVENT")]

    first = _analyze(tmp_path, db_path, capsys, RENEWAL)["session_id"]
    before = uids(build_review(Store(db_path), first))
    assert before == uids(build_review(Store(db_path), first))  # stable on re-export
    assert main(["forget", "--db", str(db_path), str(first)]) == 0
    capsys.readouterr()
    other = RENEWAL.replace("by Friday", "by next Friday")
    again = build_review(Store(db_path), _analyze(tmp_path, db_path, capsys, other)["session_id"])
    assert again["session"]["id"] == first
    assert before and not set(before) & set(uids(again))


def test_markdown_matches_the_golden_file(review):
    golden = DATA / "golden" / "summary.md"
    text = to_markdown(review)
    if os.environ.get("UPDATE_GOLDEN") == "1":  # regenerate deliberately, then read the diff
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_review_of_an_analysed_recording(renewal_dialogue, db_path, capsys):
    path, _turns = renewal_dialogue
    assert main(["analyze", "--db", str(db_path), "--date", "2026-03-02", str(path)]) == 0
    capsys.readouterr()
    assert main(["review", "--db", str(db_path), "--json"]) == 0
    review = json.loads(capsys.readouterr().out)
    assert review["session"]["mode"] == "recording"
    assert [c["owner"] for c in review["commitments"]] == ["them"]
    assert review["interests"]["them"]


def test_search_across_two_sessions(tmp_path, db_path, capsys):
    _analyze(tmp_path, db_path, capsys, RENEWAL)
    _analyze(tmp_path, db_path, capsys, FOLLOW_UP, name="later.txt")
    assert main(["search", "--db", str(db_path), "--json", "legal"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {hit["session_id"] for hit in hits} == {1, 2}


def test_carry_over_lists_open_commitments_with_the_same_counterpart(tmp_path, db_path, capsys):
    _analyze(tmp_path, db_path, capsys, RENEWAL)
    later = _analyze(tmp_path, db_path, capsys, FOLLOW_UP, name="later.txt")
    carried = build_review(Store(db_path), later["session_id"])["carry_over"]
    assert {c["action"] for c in carried} >= {"send the signed order form"}
    other = _analyze(tmp_path, db_path, capsys, FOLLOW_UP, name="other.txt", counterpart="Globex")
    assert build_review(Store(db_path), other["session_id"])["carry_over"] == []


def test_export_command_writes_a_file_and_bad_session_is_one_line(tmp_path, db_path, capsys):
    _analyze(tmp_path, db_path, capsys, RENEWAL)
    out = tmp_path / "commitments.csv"
    assert main(["export", "--db", str(db_path), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,owner,action,due")
    assert main(["export", "42", "--db", str(db_path), "--format", "md"]) == 2
    assert capsys.readouterr().err.strip().endswith("no session with id 42")


def test_progress_lists_every_session(tmp_path, db_path, capsys):
    _analyze(tmp_path, db_path, capsys, RENEWAL)
    _analyze(tmp_path, db_path, capsys, FOLLOW_UP, name="later.txt")
    assert main(["progress", "--db", str(db_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["session_id"] for r in rows] == [1, 2]
    assert rows[0]["conditional_share"] == 1.0


def test_progress_goes_by_the_day_of_each_meeting_not_of_its_analysis(tmp_path, db_path, capsys):
    """A transcript of January's call analysed after March's comes first in the trend,
    and `sessions` shows each meeting's day."""
    _analyze(tmp_path, db_path, capsys, RENEWAL)  # meeting 2026-03-02
    path = tmp_path / "january.txt"
    path.write_text(FOLLOW_UP, encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), "--date", "2026-01-05", str(path)]) == 0
    capsys.readouterr()
    assert main(["progress", "--db", str(db_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["session_id"], r["meeting"]) for r in rows] == [(2, "2026-01-05"), (1, "2026-03-02")]
    assert main(["sessions", "--db", str(db_path)]) == 0
    listed = capsys.readouterr().out
    assert "2026-01-05" in listed and "2026-03-02" in listed


def test_the_summary_to_send_keeps_your_coaching_to_yourself(tmp_path, db_path, capsys):
    """ "You conceded without asking…" goes in the review, not in the summary you send;
    a vague commitment with an owner asks only when."""
    call = (
        "You: We can do forty a seat.\n"
        "Dana: Too high, we need thirty.\n"
        "You: Okay, we can come down to thirty five.\n"
        "Dana: We'll look at the security review at some point.\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, call)
    review = build_review(Store(db_path), analysed["session_id"])
    assert any(f["kind"] == "one_sided_concession" and not f["resolved"] for f in review["flags"])
    summary, full = to_markdown(review), to_review_markdown(review)
    assert "You conceded" not in summary
    assert "Vague commitment (no due date)" in summary
    assert "By when is “look at the security review” done?" in summary
    notes = full[full.index("## Coaching notes") : full.index("## Scorecard")]
    assert "You conceded" in notes


def test_without_sides_the_scorecard_measures_nothing(tmp_path, db_path, capsys):
    """Analysed without --me, nobody is "you": a talk share of 0.0 or "0 one-sided
    concessions" would read as measured."""
    unnamed = RENEWAL.replace("You:", "Sam:")
    _analyze(tmp_path, db_path, capsys, unnamed)
    assert main(["review", "--db", str(db_path), "--json"]) == 0
    scorecard = json.loads(capsys.readouterr().out)["scorecard"]
    assert {item["value"] for item in scorecard.values()} == {None}
    assert main(["progress", "--db", str(db_path)]) == 0


def test_a_question_answered_next_is_no_longer_open(tmp_path, db_path, capsys):
    asked = (
        RENEWAL
        + "Dana: How long would the onboarding take?\n"
        + "You: About two weeks for a team your size.\n"
        + "Dana: And who handles the data migration?\n"
        + "You: Good question, let me check with our solutions team.\n"
        + "Dana: Can we pay quarterly?\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    questions = [q for q in open_questions(review) if not q.startswith("Who does")]
    assert "How long would the onboarding take?" not in questions
    assert "And who handles the data migration?" in questions  # put off, still open


def test_a_request_put_as_a_question_and_left_waiting_is_open(tmp_path, db_path, capsys):
    asked = (
        RENEWAL
        + "Dana: Wonderful. Can you also start on the 16th?\n"
        + "You: The weather has been lovely this week.\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    assert "Can you also start on the 16th?" in open_questions(review)


def test_a_request_asked_mid_turn_and_put_off_is_open(tmp_path, db_path, capsys):
    asked = (
        RENEWAL
        + "Dana: can i move in may 30 instead? my lease ends then\n"
        + "You: lemme check w my landlord and get back to u\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    assert any(q.startswith("can i move in may 30 instead?") for q in open_questions(review))


def test_a_question_answered_with_a_question_stays_open(tmp_path, db_path, capsys):
    asked = RENEWAL + "Dana: What's your budget?\nYou: What's yours?\n"
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    assert "What's your budget?" in open_questions(review)


def test_a_yes_answers_and_a_put_off_leaves_the_question_open(tmp_path, db_path, capsys):
    asked = (
        RENEWAL
        + "Dana: Do you still need the quarterly usage reports?\n"
        + "You: Yes please.\n"
        + "Dana: And what about the volume forecast for Q1?\n"
        + "You: Let's park that for now, we can come back to it next week.\n"
        + "Dana: Likewise! Do you have any questions about the pension scheme? Mark\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    questions = [q for q in open_questions(review) if not q.startswith("Who does")]
    assert "Do you still need the quarterly usage reports?" not in questions
    assert "And what about the volume forecast for Q1?" in questions
    assert "Do you have any questions about the pension scheme?" in questions


def test_a_question_put_to_their_own_colleague_is_not_yours_to_answer(tmp_path, db_path, capsys):
    asked = (
        RENEWAL
        + "Dana: Great. Raj, can you get the PO raised this week?\n"
        + "Raj: Will do.\n"
        + "Dana: Who will be our on-site contact?\n"
        + "You: We'll also need badge access for the night crew.\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    questions = [q for q in open_questions(review) if not q.startswith(("Who does", "By when"))]
    assert questions == ["Who will be our on-site contact?"]


def test_a_colleague_named_inside_the_question_does_not_make_it_theirs(tmp_path, db_path, capsys):
    asked = (
        RENEWAL
        + "Dana: So Raj and I were wondering, what's your budget for this?\n"
        + "Raj: Ballpark is fine.\n"
    )
    analysed = _analyze(tmp_path, db_path, capsys, asked)
    review = build_review(Store(db_path), analysed["session_id"])
    assert "So Raj and I were wondering, what's your budget for this?" in open_questions(review)


def test_a_concession_completing_their_trade_counts_as_traded(tmp_path, db_path, capsys):
    talk = """\
Dana: We could do forty dollars a seat if you add onboarding.
You: Okay, we'll add onboarding at no charge.
You: And we'll throw in the premium support tier for free too.
"""
    analysed = _analyze(tmp_path, db_path, capsys, talk)
    review = build_review(Store(db_path), analysed["session_id"])
    card = {name: item["value"] for name, item in review["scorecard"].items()}
    assert card["one_sided_concessions"] == 1
    assert card["conditional_share"] == 0.5  # onboarding traded, the support tier given


def _said(kind, value=None, issue=None):
    return {"kind": kind, "value": value, "issue": issue, "unit": None}


def test_a_bare_yes_beside_a_counter_of_ones_own_takes_none_of_theirs():
    utterances = [{"id": 1, "party": "them"}, {"id": 2, "party": "you"}]
    countered = {
        1: [_said("offer", 40000.0, "other")],
        2: [_said("accept"), _said("offer", 39000.0, "payment")],
    }
    assert agreement(utterances, countered) == {}
    elsewhere = {
        1: [_said("offer", 40000.0, "price")],
        2: [_said("accept"), _said("offer", 12.0, "term")],
    }
    assert agreement(utterances, elsewhere)["price"]["value"] == 40000.0


def test_a_figure_of_no_issue_near_one_agreed_settles_that_issue_again():
    utterances = [{"id": i, "party": "you" if i % 2 else "them"} for i in range(1, 6)]
    said = {
        1: [_said("offer", 1000.0, "payment")],  # "1000 and its a deal" (upfront named)
        2: [_said("accept")],
        3: [_said("offer", 975.0, "other")],  # "ok fine 975 if u pay upfront…"
        4: [_said("accept")],
        5: [_said("offer", 500.0, "other")],  # the deposit, asked for later
    }
    utterances.append({"id": 6, "party": "them"})
    said[6] = [_said("accept", 500.0, "other")]
    agreed = agreement(utterances, said)
    assert {issue: term["value"] for issue, term in agreed.items()} == {
        "payment": 975.0,
        "other": 500.0,
    }


def test_the_figure_taken_said_back_stays_on_the_issue_it_was_offered_on():
    # "Then eight sixty-five, with winter tyres included." / "Okay. Eight sixty-five with
    # tyres and maintenance, we'll take it." (maintenance read as support in the yes)
    utterances = [{"id": 1, "party": "them"}, {"id": 2, "party": "you"}]
    said = {
        1: [_said("offer", 865.0, "other")],
        2: [
            dict(
                _said("accept"), other_terms='[{"issue": "support", "value": 865.0, "unit": null}]'
            )
        ],
    }
    assert list(agreement(utterances, said)) == ["other"]
