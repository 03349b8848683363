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
    ],
)
def test_due_dates(said, due):
    assert normalise_due(said, MONDAY) == dt.date.fromisoformat(due)


@pytest.mark.parametrize("said", ["soon", "at some point", ""])
def test_vague_times_have_no_date(said):
    assert normalise_due(said, MONDAY) is None
