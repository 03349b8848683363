"""Spoken and written numbers."""

from __future__ import annotations

import pytest

from copilot.understand.numbers import read_number


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("forty two", 42),
        ("forty-two", 42),
        ("sixty five thousand", 65_000),
        ("one ten", 110),
        ("one twenty five", 125),
        ("twenty one fifty", 2_150),
        ("eleven five", 11_500),
        ("ten eight", 10_800),
        ("thirty nine five", 39_500),
        ("a hundred and twenty", 120),
        ("two hundred fifty thousand", 250_000),
        ("two and a half", 2.5),
        ("two and a half grand", 2500),
        ("one and a half million", 1_500_000),
        ("two point five", 2.5),
        ("1,200", 1_200),
        ("45k", 45_000),
        ("$1.5m", 1_500_000),
        ("45 thousand", 45_000),
        ("1.5 million", 1_500_000),
        ("15%", 15),
        ("two point four million", 2_400_000),
        ("2.3M.", 2_300_000),  # spaCy leaves the full stop on the token
    ],
)
def test_reads_numbers_as_people_say_them(said, value):
    assert read_number(said.split()) == pytest.approx(value)


@pytest.mark.parametrize(
    "said", ["hello", "a", "and", "three four five", "point", "3.95 and eight", "20 five"]
)
def test_refuses_what_is_not_one_number(said):
    assert read_number(said.split()) is None
