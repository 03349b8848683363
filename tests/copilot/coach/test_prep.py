"""Prep sheets: the example loads, wrong types give one clear error."""

from __future__ import annotations

import pytest

from copilot.coach.prep import load_prep
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
