"""Which figure an accept takes up."""

from __future__ import annotations

from copilot.coach.offers import LastOffers


def test_a_bare_accept_takes_the_other_sides_latest_figure():
    offers: LastOffers[str] = LastOffers()
    offers.observe("them", [("offer", 50.0, "their fifty")])
    offers.observe("you", [("offer", 40.0, "your forty")])
    offers.observe("them", [("concession", 45.0, "their forty five")])
    offers.observe("them", [("pressure", None, "final")])  # no proposal: changes nothing
    assert offers.accepted("you", None, "that works") == "their forty five"
    assert offers.accepted("them", None, "deal") == "your forty"


def test_a_bare_accept_after_a_refusal_and_a_proposal_with_no_figure_takes_no_figure():
    # "$14,800 a month", "That's over our budget", then "we could add a kitchen clean if
    # we move the shampooing": "That works for me" agrees to the clean, not to the price.
    offers: LastOffers[str] = LastOffers()
    offers.observe("you", [("offer", 14_800.0, "your price")])
    offers.observe("them", [("reject", None, "over our budget")])
    offers.observe("you", [("offer", None, "the clean"), ("concession", None, "the clean")])
    assert offers.accepted("them", None, "that works") is None


def test_a_sweetener_with_no_refusal_before_it_leaves_the_figure_standing():
    # "Ok, 2,400." then "If you sign this week we'll waive the setup fee too." / "Deal."
    offers: LastOffers[str] = LastOffers()
    offers.observe("them", [("offer", 2_400.0, "2,400")])
    offers.observe("them", [("offer", None, "waive"), ("concession", None, "waive")])
    assert offers.accepted("you", None, "deal") == "2,400"
    # One utterance with a figure and a figureless move keeps the figure.
    offers.observe("you", [("offer", 13_900.0, "13,900"), ("concession", None, "included")])
    assert offers.accepted("them", None, "deal") == "13,900"


def test_an_accept_with_its_own_figure_takes_that_and_none_is_found_without_offers():
    offers: LastOffers[str] = LastOffers()
    assert offers.accepted("you", 59.0, "fifty nine works") == "fifty nine works"
    assert offers.accepted("you", None, "deal") is None
    assert offers.accepted("unknown", None, "deal") is None
