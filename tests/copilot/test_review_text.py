"""A review in words: each part phrased once for the terminal, the summary and the panel."""

from __future__ import annotations

import pytest

from copilot.review_text import (
    _answers,
    _question_said,
    due_text,
    issue_name,
    owner_text,
    style_counts,
    term_value,
)


def test_terms_are_said_with_their_unit_and_every_digit():
    assert term_value({"value": 40.0, "unit": "USD"}) == "$40"
    assert term_value({"value": 2.5, "unit": "percent"}) == "2.5%"
    assert term_value({"value": 1234567.0, "unit": "EUR"}) == "€1,234,567"
    assert term_value({"value": 24.0, "unit": "months"}) == "24 months"
    assert term_value({"value": 60.0, "unit": None}) == "60"
    assert term_value({"value": 18.0, "unit": "month"}) == "18 months"
    assert term_value({"value": 1.0, "unit": "year"}) == "1 year"
    assert term_value({"value": 200.0, "unit": "count"}) == "200"  # "volume: 200"
    assert term_value({"value": 55.0, "unit": "percent"}, "split") == "55/45"
    assert term_value({"value": 55.0, "unit": "percent"}, "price") == "55%"


def test_due_dates_fall_back_to_the_words_said_then_to_no_date():
    assert due_text({"due": "2026-03-06", "due_text": "by Friday"}) == "2026-03-06"
    assert due_text({"due": None, "due_text": "end of next week"}) == "“end of next week”"
    assert due_text({"due": None, "due_text": None}) == "no date"
    assert owner_text(None) == "unassigned" and owner_text("them") == "them"


def test_style_counts_are_a_phrase_not_a_dict():
    profile = {"counts": {"competing": 1, "collaborating": 3, "avoiding": 0}}
    assert style_counts(profile) == "collaborating 3, competing 1"
    assert style_counts({"counts": {"competing": 0}}) == "no style moves"


@pytest.mark.parametrize(
    ("question", "reply", "answered"),
    [
        ("Do you still need the quarterly reports?", "yes please", True),
        ("How many seats do you need?", "about 210", True),
        ("What time works?", "10am", True),
        ("whats the deposit btw", "500, refundable", True),
        ("When can you start?", "Monday", True),
        ("What's your budget?", "Tuesday", False),
        ("When can you deliver?", "500", False),
        ("What's your budget?", "no", False),
        ("And the volume forecast?", "let's park that for now", False),
        ("Who handles the migration?", "ok", False),
    ],
)
def test_a_short_reply_answers_only_the_question_it_fits(question, reply, answered):
    assert _answers(question, reply) is answered


@pytest.mark.parametrize(
    ("question", "reply", "moves", "answered"),
    [
        ("When can you send the signed lease?", "The weather has been lovely this week", (), False),
        ("Do you still want the second parking permit?", "Thanks again, talk soon.", (), False),
        ("u want me to wash it before u come?", "see u tmrw", (), False),
        ("Did anyone book the ferry yet?", "Okay, see you all Friday!", (), False),
        ("When can you send the signed lease?", "We'll be sending it tomorrow morning", (), True),
        ("How long would the onboarding take?", "About two weeks for a team your size.", (), True),
        ("Do you still want the permit?", "No, we sold the second car.", (), True),
        ("Could you water our plants?", "Sure, happy to. Could you take my bins out?", (), True),
        ("What matters most to you here?", "Honestly reliability above all", {"interest"}, True),
        ("Who's handling legal on your side?", "That would be Dana Morris.", (), True),
        ("What's the lead time on the parts?", "Usually a couple of weeks.", (), True),
        ("Can you also start on the 16th?", "Sounds great, see you then.", (), True),
        (
            "Would you be open to a two year term?",
            "Honestly I'd rather not commit that long.",
            (),
            True,
        ),
        ("Is the price negotiable?", "There's a little room, depending on volume.", (), True),
        # a reply that goes on to something else answers nothing, whatever its moves
        (
            "Also, what's your warranty on workmanship?",
            "My foreman Teo will walk the site with your super on Thursday.",
            {"commitment"},
            False,
        ),
        ("What are the next steps?", "I'll send the contract over tomorrow.", {"commitment"}, True),
        (
            "Do you have a band booked yet, or will you need our DJ?",
            "We booked the florist last month, so that's sorted. I'll think about the rest.",
            (),
            False,
        ),
        (
            "oh and uh when do you want the first pickup",
            "um last year we we tried a broker for this lane and it was a mess",
            {"interest"},
            False,
        ),
        (
            "does he hav a calculator n past papers",
            "btw his dad used to tutor him but it didnt work out lol",
            {"reject"},
            False,
        ),
        ("Who will be our on-site supervisor?", "We'll also need badge access.", {"ask"}, False),
        ("Who will be our on-site supervisor?", "Our site lead, Marco Ruiz.", (), True),
        ("Do you have a van?", "My cousin Yusuf will bring his van.", {"commitment"}, True),
        # a "when" is answered by any time, not only a day's name
        ("When can you start?", "As soon as the deposit clears.", (), True),
        # a story of the past to a yes-no question, or a figure it did not ask for,
        # answers nothing; a figure put back as a question answers "what were you hoping for"
        (
            "Do I get a tax receipt for that?",
            "We had eight hundred volunteers last year, it was amazing.",
            (),
            False,
        ),
        ("Did you get the quote?", "We had a call with them last week.", (), True),
        ("Can you start on Monday?", "I finished my last job two weeks ago so yes.", (), True),
        ("Do you need parking?", "We'll have 4 cars.", {"commitment"}, True),
        ("What were you hoping for?", "Would you consider five thousand dollars?", (), True),
        ("What were you hoping for?", "Why do you ask?", (), False),
        ("When do you need it installed?", "Early March ideally, before the hires.", (), True),
        # a long promise that names nothing asked goes on with the deal; a sign-off
        # answers nothing
        (
            "And Marcus, would your team be open to joining our customer advisory board?",
            "I'll get the signed order form back to you within five business days of "
            "receiving it. Thanks again, both.",
            {"commitment"},
            False,
        ),
        (
            "Will you be using us for the Houston lane as well?",
            "Thanks, Dana. Talk next week.",
            (),
            False,
        ),
        # a story of a past year, a question asked back first, a put-off typed short
        (
            "Would you like me to pencil in a menu tasting for July?",
            "My mother organised her sister's wedding at your venue in 2019.",
            (),
            False,
        ),
        (
            "well who's ringing him then",
            "can we do a big shop on sunday? i can drive",
            {"ask"},
            False,
        ),
        ("can i move in may 30 instead?", "lemme check w my landlord and get back to u", (), False),
        # an answer given first, then a question of one's own, answers
        (
            "Would you consider a Friday instead?",
            "I'm afraid a Friday wouldn't work for our family. Could you lower the minimum?",
            {"reject", "ask"},
            True,
        ),
    ],
)
def test_a_longer_reply_answers_only_when_it_bears_on_the_question(
    question, reply, moves, answered
):
    assert _answers(question, reply, set(moves)) is answered


def test_the_question_is_what_follows_an_answer_given_first():
    utterance = {
        "text": "Yes, there's no fee for that. Would you like me to pencil in a tasting?",
        "moves": [{"kind": "ask", "text": ""}],
    }
    assert _question_said(utterance) == "Would you like me to pencil in a tasting?"


def test_a_figure_tied_to_no_issue_is_not_called_other():
    assert issue_name("other") == "a figure (issue not named)"
    assert issue_name("price") == "price"
