"""Due dates normalised against the meeting date (Monday 2 March 2026)."""

from __future__ import annotations

import datetime as dt

import pytest

from copilot.understand.dates import normalise_due

MONDAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("by Friday", "2026-03-06"),
        ("by November first", "2026-11-01"),
        ("on March twenty-first", "2026-03-21"),
        ("end of the month", "2026-03-31"),
        ("by the end of the quarter", "2026-03-31"),
        ("tomorrow morning", "2026-03-03"),
        ("within five business days", "2026-03-09"),
        ("next week", "2026-03-13"),
        ("next Tuesday", "2026-03-10"),
        ("EOD", "2026-03-02"),
        ("in two weeks", "2026-03-16"),
        ("March 15", "2026-03-15"),
        ("by the 20th", "2026-03-20"),
        ("by Thursday afternoon", "2026-03-05"),
        ("by the 12th", "2026-03-12"),  # not December, as a bare "12th" reads to dateparser
        ("by the 1st", "2026-04-01"),  # the next first of a month
        ("a week from today", "2026-03-09"),
        ("tonight", "2026-03-02"),  # was lost with the time of day
        ("this afternoon around four", "2026-03-02"),
        ("6.30 tonight", "2026-03-02"),
        ("on Saturday from 9", "2026-03-07"),
        ("by end of day tomorrow", "2026-03-03"),
        # The end of a working day after its day, or alone, "the" before it or not.
        ("by tomorrow end of day", "2026-03-03"),
        ("tomorrow, end of day", "2026-03-03"),
        ("by midday friday", "2026-03-06"),
        ("by the end of the day", "2026-03-02"),
        ("by the close of business", "2026-03-02"),
        ("by cob tomorrow", "2026-03-03"),
        ("over tomorrow", "2026-03-03"),
        ("in next week", "2026-03-13"),
        ("by the twentieth", "2026-03-20"),
        ("by the thirty first", "2026-03-31"),
        ("by Friday the thirteenth", "2026-03-13"),
        ("by the end of July", "2026-07-31"),
        ("by the end of March", "2026-03-31"),  # this month's end, not next year's
        ("in about two weeks", "2026-03-16"),  # "about two" is no clock time here
        ("after 15 March", "2026-03-15"),
        ("two days before Friday", "2026-03-04"),
        # A time of day alone is the meeting's day; said with a day, that day.
        ("at 7", "2026-03-02"),  # not the 7th of a month, nor July
        ("by 2", "2026-03-02"),
        ("by like four", "2026-03-02"),
        ("at quarter to eight", "2026-03-02"),
        ("at 9 sat", "2026-03-07"),
        ("at 7 tmrw", "2026-03-03"),
        ("within the hour", "2026-03-02"),
        ("within 48 hours", "2026-03-04"),
        ("20 mins", "2026-03-02"),
        # What chat, spaCy's times and the calendar say.
        ("tmrw", "2026-03-03"),
        ("sat the 6th", "2026-03-06"),
        ("fifty tonight", "2026-03-02"),  # a price spaCy took into the time
        ("over friday", "2026-03-06"),
        ("until the end of 2027", "2027-12-31"),
        ("on Christmas Day", "2026-12-25"),
        ("at quarter to eight on New Year's Eve", "2026-12-31"),
        ("until 5 March", "2026-03-05"),
        ("within a week", "2026-03-09"),
        # "the week of…": by the end of that working week
        ("the week of march eleventh", "2026-03-13"),
        ("the week of the 20th", "2026-03-20"),
        # the weekend is its Sunday; "in the morning" said on its own is the next one
        ("this weekend", "2026-03-08"),
        ("over the weekend", "2026-03-08"),
        ("next weekend", "2026-03-15"),
        ("in the morning", "2026-03-03"),
    ],
)
def test_due_dates(said, due):
    assert normalise_due(said, MONDAY) == dt.date.fromisoformat(due)


@pytest.mark.parametrize(
    "said",
    [
        "soon",
        "at some point",
        "",
        # Counted from an event, not from the meeting: no day until the event happens.
        "within 30 days of each invoice",
        "two weeks before the launch",
        "3 weeks after you sign off the design",
        "within five business days of signing",
        "every Monday",  # repeats: no one due day
        "on saturdays",
        "mondays",
        # Before or after an event not said: no day yet.
        "two hours before",
        "2 hrs before",
        "a week after",
        "within 48 hours of receiving it",
        "after lunch",  # a time of day in a word, no day said
        "at 19",  # no clock time: "keep it at 19"
        "after hours",
    ],
)
def test_vague_times_have_no_date(said):
    assert normalise_due(said, MONDAY) is None


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("on Monday", dt.date(2026, 3, 9)),  # said on a Monday: today would be "today"
        ("monday", dt.date(2026, 3, 9)),
        ("by Monday", MONDAY),  # a deadline may fall today
        ("until monday", MONDAY),
        ("before Monday", dt.date(2026, 3, 9)),  # before today has gone by: next Monday
        ("monday night", MONDAY),  # "ill do them wednesday night" on a Wednesday
        ("this monday", MONDAY),
        ("monday eod", MONDAY),
        ("on Tuesday", dt.date(2026, 3, 3)),
    ],
)
def test_the_meeting_days_own_weekday(said, due):
    assert normalise_due(said, MONDAY) == due
