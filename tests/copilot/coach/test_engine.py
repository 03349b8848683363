"""The flag engine on scripted dialogues: the exact flags, and the cases that must not flag.

Moves are given directly here, so that these tests pin the coaching rules whatever the
understanding pipeline makes of the words; ``test_analyze_flags`` runs the two together.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.coach.engine import CoachOptions, FlagEngine
from copilot.coach.prep import PrepIssue, PrepSheet
from copilot.events import Commitment, Move, Severity, Utterance

PREP = PrepSheet(issues=[PrepIssue("price", "USD", target=38, walkaway=45, priority="high")])


def move(kind, conditional=False, issue=None, value=None, size_pct=None, text="…"):
    return Move(kind, text, conditional, issue, value, "USD" if value else None, size_pct=size_pct)


def play(script, engine=None, finish=True):
    """Feed (party, [moves], [commitments]) turns; return {key: resolved} of every flag."""
    engine = engine or FlagEngine(prep=PREP)
    flags = {}
    for number, (party, moves, *rest) in enumerate(script, start=1):
        commitments = rest[0] if rest else []
        utterance = Utterance(
            party, "…", start=float(number), end=number + 0.5, moves=moves, id=number
        )
        for flag in engine.observe(utterance, commitments):
            flags[flag.key] = flag.resolved
    if finish:
        for flag in engine.finish():
            flags[flag.key] = flag.resolved
    return flags


def firm(cid, utterance_id, owner="you", due="2026-03-06", status="logged"):
    return Commitment(cid, utterance_id, owner, "send the order form", "by Friday", due, status)


def test_your_unconditional_concession_warns_and_theirs_informs():
    engine = FlagEngine()
    flags = play([("you", [move("concession")]), ("them", [move("concession")])], engine)
    assert flags == {"one_sided_concession:1": False, "one_sided_concession:2": False}
    severities = {f.party: f.severity for f in engine._flags.values()}
    assert severities == {"you": "warn", "them": "info"}


def test_conditional_concession_does_not_flag():
    assert (
        play([("you", [move("concession", conditional=True), move("offer", conditional=True)])])
        == {}
    )


def test_concession_answered_by_an_ask_in_the_same_turn_is_resolved():
    flags = play([("you", [move("concession")]), ("you", [move("ask")])])
    assert flags == {"one_sided_concession:1": True}


def test_concession_and_ask_in_one_utterance_does_not_flag():
    assert play([("you", [move("concession"), move("ask")])]) == {}


def test_concession_with_a_question_back_in_the_same_turn_does_not_flag():
    # The brief: "no question asking something in return" is part of one-sided.
    assert play([("you", [move("concession"), move("question", text="What's your volume?")])]) == {}
    # A question that only checks the gift asks nothing back.
    for check in ("Does that work?", "sound good?", "What else do you need?"):
        flags = play([("you", [move("concession"), move("question", text=check)])])
        assert flags == {"one_sided_concession:1": False}, check
    flags = play([("you", [move("concession")]), ("you", [move("question")])])
    assert flags == {"one_sided_concession:1": True}


def test_an_ask_after_the_turn_ended_does_not_resolve():
    flags = play([("you", [move("concession")]), ("them", []), ("you", [move("ask")])])
    assert flags["one_sided_concession:1"] is False


def test_imbalance_alerts_at_two_more_and_clears_when_they_catch_up():
    script = [
        ("you", [move("concession", conditional=True)]),
        ("them", []),
        ("you", [move("concession", conditional=True)]),
    ]
    assert play(script) == {"concession_imbalance:you": False}
    caught_up = script + [("them", [move("concession", conditional=True)])]
    assert play(caught_up) == {"concession_imbalance:you": True}


def test_only_one_side_is_told_it_gives_more():
    """Six small moves of yours against three large ones of theirs: you conceded more
    often, they more in size; only the first is an imbalance, or each side would be told
    it gives more."""
    yours = [("you", [move("concession", size_pct=4)])] * 6
    theirs = [("them", [move("concession", size_pct=33)])] * 3
    flags = play(theirs + yours, finish=False)
    standing = {k for k, resolved in flags.items() if not resolved and "imbalance" in k}
    assert standing == {"concession_imbalance:you"}


def test_a_dismissed_imbalance_returns_only_when_it_has_grown():
    engine = FlagEngine()
    giving = [("you", [move("concession", conditional=True)]), ("them", [])] * 2
    play(giving, engine, finish=False)
    [flag] = engine.flags
    engine.dismiss(flag)
    assert play([("them", []), ("you", [])], engine, finish=False) == {}
    assert flag.resolved
    again = play([("you", [move("concession", conditional=True)])], engine, finish=False)
    assert again == {"concession_imbalance:you": False}
    assert "conceded 3 times, they not at all" in engine._flags["concession_imbalance:you"].message


def test_imbalance_advice_says_whether_you_traded_or_gave():
    # Moving twice by trades ("if you sign for three years, forty two") asked for something
    # each time: the advice is to let them move, not to "stop giving".
    engine = FlagEngine()
    traded = [("you", [move("concession", conditional=True)]), ("them", [])] * 2
    play(traded, engine, finish=False)
    [flag] = engine.flags
    assert flag.tip.startswith("You traded, but they have moved less")
    engine = FlagEngine()
    play([("you", [move("concession", conditional=True)]), ("you", [move("concession")])], engine)
    tips = {f.kind: f.tip for f in engine.flags}
    assert tips["concession_imbalance"].startswith("Stop giving")


def test_a_standing_imbalance_says_what_changed():
    # Two trades, then a plain give: the flag still standing counts three and no longer
    # says they were all trades.
    engine = FlagEngine()
    play([("you", [move("concession", conditional=True)]), ("them", [])] * 2, engine, False)
    [flag] = engine.flags
    updated = engine.observe(Utterance("you", "…", moves=[move("concession")], id=9), [])
    [again] = [f for f in updated if f.kind == "concession_imbalance"]
    assert again.key == flag.key and not again.resolved
    assert again.message.startswith("You have conceded 3 times, they not at all")
    assert again.tip.startswith("Stop giving")
    # Nothing new to say: no event.
    quiet = engine.observe(Utterance("them", "…", moves=[], id=10), [])
    assert not [f for f in quiet if f.kind == "concession_imbalance"]


def test_imbalance_by_size():
    flags = play(
        [
            ("you", [move("concession", conditional=True, size_pct=12.0)]),
            ("them", [move("concession", conditional=True, size_pct=2.0)]),
        ]
    )
    assert flags == {"concession_imbalance:you": False}


def test_an_imbalance_says_both_sides_plainly():
    # "They have conceded 2 times to 2 (47% vs 0%)" puzzled a stranger: each side's count
    # and size are named.
    engine = FlagEngine()
    play(
        [
            ("them", [move("concession", size_pct=30.0)]),
            ("you", [move("concession", size_pct=4.0)]),
            ("them", [move("concession", size_pct=17.0)]),
        ],
        engine,
    )
    [flag] = [f for f in engine.flags if f.kind == "concession_imbalance"]
    assert flag.message == (
        "They have conceded twice, you once "
        "(their moves add up to 47% of their own numbers, yours to 4%)"
    )


def test_sizes_are_not_compared_when_some_of_theirs_have_none():
    # "I can lower the minimum to one hundred" (from "a minimum of one hundred and twenty",
    # read in other words) has no size: summing it as 0% told a stranger "Stop giving"
    # with both sides at two concessions.
    script = [
        ("them", [move("concession")]),
        ("you", [move("concession", size_pct=11.0)]),
        ("them", [move("concession", size_pct=5.0)]),
        ("you", [move("concession", size_pct=67.0)]),
    ]
    assert "concession_imbalance:you" not in play(script)
    measured = [("them", [move("concession", size_pct=2.0)])] + script[1:]
    assert play(measured)["concession_imbalance:you"] is False  # raised, standing


def test_pressure_without_trade_flags_and_with_a_trade_does_not():
    assert play([("them", [move("pressure")])]) == {"pressure_without_trade:1": False}
    with_trade = [("them", [move("pressure"), move("offer", conditional=True)])]
    assert play(with_trade) == {}


def test_their_pressure_is_answered_by_asking_about_what_it_sets():
    """Only a time ("I need an answer by Friday") is asked about as a deadline; a limit
    ("Net 45 is the most I can do") or a rival is asked about as what it is."""

    def tip(text):
        engine = FlagEngine()
        play([("them", [move("pressure", text=text)])], engine)
        [flag] = engine._flags.values()
        return flag.tip

    for limit in (
        "Net 45 is the most I can do.",
        "That's my final answer.",
        "We have other buyers.",
        "4.10 is final, approved by our CFO.",
        "We are not moving by a single dollar, take it or leave it.",
        "Our costs went up by 12 percent, so 4.10 is as low as we go.",
        "So it's 2,300 for twenty-four months, and that's final.",  # "mon" of "months"
    ):
        assert tip(limit).endswith("“What's driving that?”"), limit
    for deadline in (
        "I need an answer by Friday.",
        "The offer is only valid until Friday.",
        "Sign by March 15 or the price goes up.",
        "The price goes up next month.",
        "Sign by Weds or we walk away.",
        "This is our final offer, good through the end of the month.",
        "We need a decision within a month, that's final.",
    ):
        assert tip(deadline).endswith("“What's driving the deadline?”"), deadline


def test_unexplored_ask_flags_after_three_turns_without_a_question():
    script = [("them", [move("ask")]), ("you", []), ("them", []), ("you", [])]
    assert play(script, finish=False) == {"unexplored_position:1": False}
    assert play(script[:3], finish=False) == {}


def test_a_question_or_their_interest_explores_the_ask():
    assert (
        play([("them", [move("ask")]), ("you", [move("question")]), ("them", []), ("you", [])])
        == {}
    )
    assert (
        play([("them", [move("ask")]), ("them", [move("interest")]), ("you", []), ("you", [])])
        == {}
    )


def test_commitments_firm_logged_vague_and_unlogged():
    firm_logged = firm(1, 1)
    assert play([("you", [move("commitment")], [firm_logged])]) == {}
    vague = Commitment(2, 1, None, "check with legal", None, None)
    assert play([("them", [move("commitment")], [vague])]) == {
        "vague_commitment:2": False,
        "unlogged_commitment:2": False,
    }


def test_live_unlogged_commitment_waits_for_the_delay():
    engine = FlagEngine(CoachOptions(unlogged_delay_s=60), live=True)
    made = Utterance("you", "…", start=0.0, end=1.0, moves=[move("commitment")], id=1)
    assert engine.observe(made, [firm(1, 1, status="unlogged")]) == []
    assert engine.tick(30.0) == []
    [flag] = engine.tick(61.0)
    assert flag.kind == "unlogged_commitment" and not flag.resolved


def test_logging_resolves_and_clearing_the_owner_reraises():
    engine = FlagEngine()
    commitment = Commitment(1, 1, None, "check with legal", None, None)
    play([("them", [move("commitment")], [commitment])], engine)
    commitment.owner, commitment.due, commitment.status = "them", "2026-03-06", "logged"
    changed = {f.key: f.resolved for f in engine.commitment_changed(commitment)}
    assert changed == {"vague_commitment:1": True, "unlogged_commitment:1": True}
    commitment.owner = None
    changed = {f.key: f.resolved for f in engine.commitment_changed(commitment)}
    assert changed == {"vague_commitment:1": False}


def test_walkaway_breach_and_below_target_from_the_prep_sheet():
    assert play([("you", [move("offer", issue="price", value=40)])]) == {
        "below_target:price": False
    }
    assert play([("you", [move("offer", issue="price", value=36)])]) == {}
    breach = play([("them", [move("offer", issue="price", value=47)]), ("you", [move("accept")])])
    assert breach == {"walkaway_breach:2:price": False}


def test_a_figure_said_with_no_issue_is_checked_against_the_prep_issue_it_lies_near():
    """ "I'll do 22.5k" names no issue: with one prep issue whose limits it lies near, that
    is the one it is checked against; near none, or near two, it is checked against none."""
    car = PrepSheet(
        issues=[
            PrepIssue("price", "USD", target=21_500, walkaway=22_000),
            PrepIssue("term", "month", target=36, walkaway=60),
        ]
    )
    said = [("you", [move("offer", issue="other", value=22_500)])]
    assert play(said, FlagEngine(prep=car)) == {"walkaway_breach:1:price": False}
    assert play([("you", [move("offer", issue="other", value=90)])], FlagEngine(prep=car)) == {}
    twice = PrepSheet(issues=[*car.issues, PrepIssue("deposit", "USD", walkaway=20_000)])
    assert play(said, FlagEngine(prep=twice)) == {}
    # Small counts fall near percentages and months: only money issues are matched so.
    discount = PrepSheet(issues=[PrepIssue("discount", "percent", target=15, walkaway=6)])
    webinars = [("you", [Move("offer", "3 webinars", False, "other", 3, None)])]
    assert play(webinars, FlagEngine(prep=discount)) == {}


def test_flags_show_large_figures_with_every_digit():
    big = PrepSheet(
        issues=[PrepIssue("price", "USD", target=1_100_000, walkaway=1_234_567, priority="high")]
    )
    engine = FlagEngine(prep=big)
    play(
        [("them", [move("offer", issue="price", value=1_300_000.5)]), ("you", [move("accept")])],
        engine,
    )
    [breach] = [f for f in engine._flags.values() if f.kind == "walkaway_breach"]
    assert "1,300,000.5" in breach.message and "(1,234,567)" in breach.message
    assert breach.severity == Severity.ALERT == "alert"


def test_metrics():
    engine = FlagEngine()
    play([("you", [move("question")]), ("them", [move("interest")])], engine)
    report = engine.report()
    assert report["questions"] == {"you": 1, "them": 0}
    assert report["talk_share"] == {"you": 0.5, "them": 0.5}


MOVES = st.lists(
    st.builds(
        move,
        st.sampled_from(
            ["offer", "concession", "ask", "pressure", "interest", "question", "accept"]
        ),
        st.booleans(),
        st.sampled_from([None, "price"]),
        st.sampled_from([None, 30.0, 40.0, 50.0]),
    ),
    max_size=3,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["you", "them", "unknown"]), MOVES), max_size=25))
def test_flags_point_at_real_utterances_and_replay_identically(script):
    first = FlagEngine(prep=PREP)
    flags = play(script, first)
    ids = set(range(1, len(script) + 1))
    assert all(f.utterance_id in ids or f.utterance_id is None for f in first._flags.values())
    assert play(script, FlagEngine(prep=PREP)) == flags


def test_giving_what_their_trade_asked_for_completes_the_trade():
    """ "Thirty five works if you add the training days." -> "Fine, we'll add them." """
    flags = play(
        [
            ("them", [move("offer", conditional=True, issue="price", value=35)]),
            ("you", [move("concession")]),
        ]
    )
    assert flags == {}


def _one_sided_after(their_trade: str, answer: str, answer_value: float) -> bool:
    engine = FlagEngine(prep=PREP)
    proposal = move("offer", conditional=True, issue="price", value=220, text=their_trade)
    engine.observe(Utterance("them", their_trade, moves=[proposal], id=1), [])
    given = move("concession", issue="other", value=answer_value, text=answer)
    flags = engine.observe(Utterance("you", answer, moves=[given], id=2), [])
    return any(f.key.startswith("one_sided") and not f.resolved for f in flags)


def test_a_count_of_what_their_trade_asked_for_completes_it():
    """ "Two twenty works if you also run two workshops" -> "Okay, we'll run the two
    workshops.": the "two" counts what was asked for; it is no price of one's own."""
    trade = "Two twenty works if you also run two workshops with our leadership team."
    assert not _one_sided_after(trade, "Okay, we'll run the two workshops.", 2)
    assert not _one_sided_after(trade, "Okay, we\u2019ll run the two workshops.", 2)
    assert _one_sided_after(trade, "Okay, we'll do two hundred.", 200)
    assert _one_sided_after(trade, "Okay, we'll run twenty workshops.", 20)


def test_their_trade_taken_up_covers_only_what_it_asked_for_after():
    """ "188 works if we can pay it in three installments" -> "Three installments is fine."
    -> "And we'll throw in a workshop, no charge.": the trade was taken in the first
    utterance; the workshop is given on top. A "yes" then the thing asked for in its own
    utterance still completes it."""

    def one_sided(*turns):
        engine, flagged = FlagEngine(prep=PREP), set()
        for number, (party, kind, text) in enumerate(turns, start=1):
            said = move(kind, conditional=number == 1, value=188 if number == 1 else None,
                        text=text)  # fmt: skip
            for flag in engine.observe(Utterance(party, text, moves=[said], id=number), []):
                if flag.kind == "one_sided_concession" and not flag.resolved:
                    flagged.add(flag.utterance_id)
        return flagged

    trade = ("you", "offer", "One eighty eight works if we can pay it in three installments.")
    taken = ("them", "concession", "Three installments is fine, we can do that.")
    extra = ("them", "concession", "And we can throw in a half day workshop, no charge.")
    assert one_sided(trade, taken, extra) == {3}
    yes = ("them", "accept", "Okay.")
    given = ("them", "concession", "Three installments, then.")
    assert one_sided(trade, yes, given) == set()
    # Thinking it over takes nothing up: the yes after it still completes the trade.
    pause = ("them", "question", "Hmm, how would the installments be spaced?")
    taken_later = ("them", "concession", "Okay, fine, we'll do the installments at no cost.")
    assert one_sided(trade, pause, taken_later) == set()


def test_saying_their_trade_again_after_taking_it_gives_nothing_new():
    """ "If you can grab him at 5.15, I'll have Mia all day Saturday" -> "Oh that would be
    amazing." -> "Ok deal, I'll pick Leo up at 5.15 on Thursday.": the trade's own figure
    again. Another figure after the trade was taken is given on top."""

    def one_sided(answer_value):
        engine = FlagEngine(prep=PREP)
        trade = move("offer", conditional=True, value=5.15, text="If you can grab him at 5.15")
        engine.observe(Utterance("you", "…", moves=[trade], id=1), [])
        engine.observe(Utterance("them", "…", moves=[move("accept")], id=2), [])
        again = move("concession", value=answer_value, text="I'll pick Leo up")
        flags = engine.observe(Utterance("them", "…", moves=[move("accept"), again], id=3), [])
        return any(f.kind == "one_sided_concession" and not f.resolved for f in flags)

    assert not one_sided(5.15)
    assert one_sided(6.0)


def test_their_old_trade_does_not_cover_a_later_gift():
    """Once they have spoken again without a trade, giving more is one-sided again."""
    flags = play(
        [
            ("them", [move("offer", conditional=True)]),
            ("you", [move("concession")]),
            ("them", [move("reject")]),
            ("you", [move("concession")]),
        ]
    )
    one_sided = {k: v for k, v in flags.items() if k.startswith("one_sided")}
    assert one_sided == {"one_sided_concession:4": False}


def test_a_counter_with_a_new_number_leaves_their_trade_on_the_table():
    """ "If you hold at 1840 we move 60% of the volume." -> "Fine: 1790, final." gives
    ground and takes nothing of the trade; "1840 works" takes it."""
    trade = ("you", [move("offer", conditional=True, issue="unit price", value=1840)])
    counter = play([trade, ("them", [move("concession", issue="unit price", value=1790)])])
    assert {k: v for k, v in counter.items() if k.startswith("one_sided")} == {
        "one_sided_concession:2": False
    }
    taken = play([trade, ("them", [move("concession", issue="unit price", value=1840)])])
    assert not any(k.startswith("one_sided") for k in taken)


def test_a_concession_without_a_figure_is_not_checked_against_their_number():
    # "We'll waive the fee" after their 47 names no price of ours: no walk-away breach.
    flags = play(
        [("them", [move("offer", issue="price", value=47)]), ("you", [move("concession")])]
    )
    assert not any(key.startswith("walkaway_breach") for key in flags)


def test_a_speaker_not_matched_to_a_side_is_named_not_called_they():
    """A transcript or a one-track recording whose sides are unknown: the flags name the
    speaker (who may be you), and no give/get imbalance is claimed."""
    engine = FlagEngine()
    for number in range(1, 4):
        utterance = Utterance(
            "unknown", "…", start=float(number), end=number + 0.5,
            moves=[move("concession")], id=number, speaker="Speaker 2",
        )  # fmt: skip
        engine.observe(utterance, [])
    messages = [f.message for f in engine.flags]
    assert messages and all(m.startswith("Speaker 2 conceded") for m in messages)
    assert not any(f.kind == "concession_imbalance" for f in engine.flags)
    assert not any("They" in m for m in messages)


def test_a_colleague_taking_up_a_teammates_trade_gives_nothing_away():
    """In a meeting one side has several speakers: Beth taking the reviews Omar traded for
    is settled inside their side."""
    engine = FlagEngine()
    turns = [
        ("them", "Omar", [move("offer", conditional=True), move("concession", conditional=True)]),
        ("them", "Beth", [move("concession")]),
    ]
    for number, (party, speaker, moves) in enumerate(turns, start=1):
        engine.observe(Utterance(party, "…", speaker=speaker, moves=moves, id=number), [])
    assert not [f for f in engine.flags if f.kind == "one_sided_concession"]
    # The same speaker giving more after their own trade still gives it away.
    engine = FlagEngine()
    for number, moves in enumerate([[move("offer", conditional=True)], [move("concession")]]):
        engine.observe(Utterance("them", "…", speaker="Omar", moves=moves, id=number), [])
    assert [f.kind for f in engine.flags] == ["one_sided_concession"]
