"""Prep sheets: the example loads, wrong types give one clear error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copilot.coach.prep import (
    PRIORITIES,
    PrepIssue,
    PrepSheet,
    dump_prep,
    load_prep,
    plain_number,
)
from copilot.errors import InputError
from tests.conftest import ROOT


def test_example_prep_sheet_loads():
    prep = load_prep(ROOT / "resources" / "prep_example.toml")
    price = prep.issue("Price")
    assert price is not None and price.higher_is_better is False
    assert price.beyond_walkaway(46) and not price.beyond_walkaway(44)
    assert price.weaker_than_target(40) and not price.weaker_than_target(37)
    assert prep.hotwords() == "price term"
    assert prep.their_interests == ["multi-year revenue", "a reference customer"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[issues]]\nname = "price"\ntarget = "cheap"\n', "target must be a number"),
        ('[[issues]]\nname = "price"\npriority = "urgent"\n', "priority must be one of"),
        ("[[issues]]\ntarget = 3\n", "needs a name"),
        ('[[issues]]\nname = "x"\ntradeable = "yes"\n', "tradeable must be true or false"),
        ("issues = 3\n", "'issues' must be a list"),
        ('[interests]\nours = "money"\n', "must be a list of strings"),
        ("this is = not toml [", "not valid TOML"),
    ],
)
def test_bad_prep_sheets(tmp_path, toml, message):
    path = tmp_path / "prep.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_prep(path)


def test_missing_prep_sheet(tmp_path):
    with pytest.raises(InputError, match="prep sheet not found"):
        load_prep(tmp_path / "nope.toml")


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
_number = st.one_of(
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from([1_234_567.0, 123_456.78, 0.1 + 0.2, 1e-7, -42.5]),
)
_issue = st.builds(
    PrepIssue,
    name=_text,
    unit=st.one_of(st.none(), _text),
    target=_number,
    walkaway=_number,
    priority=st.sampled_from(PRIORITIES),
    tradeable=st.booleans(),
)
_sheet = st.builds(
    PrepSheet,
    counterpart=st.one_of(st.none(), _text),
    issues=st.lists(_issue, max_size=4),
    our_interests=st.lists(_text, max_size=3),
    their_interests=st.lists(_text, max_size=3),
)


@given(_sheet)
def test_a_saved_prep_sheet_reads_back_unchanged(tmp_path_factory, sheet):
    """Writing once dropped digits (f"{v:g}": 1,234,567 became 1,234,570)."""
    path = tmp_path_factory.mktemp("prep") / "prep.toml"
    path.write_text(dump_prep(sheet), encoding="utf-8")
    assert load_prep(path) == sheet


@pytest.mark.parametrize(("value", "text"), [(1_234_567.0, "1234567"), (123_456.78, "123456.78")])
def test_numbers_are_shown_in_full(value, text):
    assert plain_number(value) == text
