"""Numeric terms found in parsed utterances (the real spaCy model and components)."""

from __future__ import annotations

import pytest


def values(understander, text: str) -> list[float | None]:
    return [term.value for term in understander.nlp(text)._.terms]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one" standing for a thing named before is no count and no price.
        ("i can throw in a cheap usb-c one, not the apple one", []),
        ("the blue one is fine", []),
        ("that one works for me", []),
        ("a new one for 300", [300.0]),
        # Counting one stays a number.
        ("a one year term", [1.0]),
        ("I can give you one", [1.0]),
        ("2 water and one food", [2.0, 1.0]),
    ],
)
def test_one_standing_for_a_thing_is_no_term(understander, text, expected):
    assert values(understander, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mm meet me in the middle two ten i've got another guy coming", [210.0]),
        ("we can talk in the middle of may", []),
    ],
)
def test_a_price_after_the_middle_is_no_date(understander, text, expected):
    # The term only: whether the move model keeps the offer is its own decision.
    assert values(understander, text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a buck thirty-five is our final number", 1.35),
        ("I can do a buck forty a pound", 1.40),
        ("two bucks fifty each", 2.50),
        ("ten bucks", 10.0),
    ],
)
def test_bucks_and_cents_are_one_sum_in_dollars(understander, text, value):
    [term] = understander.nlp(text)._.terms
    assert (term.value, term.unit) == (pytest.approx(value), "USD")


def test_a_count_after_bucks_is_no_cents(understander):
    assert values(understander, "ten bucks 2 days a week")[0] == 10.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The hour someone comes, picks up or is there is no term of the deal...
        ("I'll pick everyone up at 6 on Friday", []),
        ("see you at 6 then", []),
        ("ok ill be there at 5 with the 380", [380.0]),
        # ...but a number at which one sells, haggles or is done by still is.
        ("I'd sell at 6", [6.0]),
        ("can u meet me at 9", [9.0]),
        ("we've got a hard stop at eleven, so 9 is my number", [9.0]),
        ("collection isnt till 10", [10.0]),
    ],
)
def test_an_hour_to_meet_is_no_term(understander, text, expected):
    assert values(understander, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rate per period is a figure, whatever the tagger calls it
        ("we were thinking more like 70 an hour", [70.0]),
        ("what about 40% upfront and 80/hr?", [40.0, 80.0]),
        ("I can do eighty per hour", [80.0]),
        ("raise it to nineteen fifty a month", [1950.0]),
        ("it's 8 an hour", [8.0]),
        # goods sold by the measure: a bare figure per kilo or per unit is a price
        ("it's 1480 a kilo", [1480.0]),
        ("yep! june 1 to aug 31. its 1100 a month utilities included", [1100.0]),
        ("yep! june 1 to aug 31. it's 1100 a month", [1100.0]),  # what it costs
        ("that's twice a month", []),
        ("it's 40 hours a week", []),
        # a typed figure is not said on in words ("$3.95 and eight weeks" was 4,750)
        ("we can do $3.95 and eight weeks.", [3.95]),
        ("twelve fifty and two weeks delivery", [1250.0, 2.0]),
        ("I was thinking eighty thousand and three and a half weeks of leave.", [80000.0, 3.5]),
        ("two thousand and five hundred dollars", [2500.0]),
        # how well a service does is no term; seventy-two minutes is no clock time
        ("Our on-time is ninety-seven percent.", []),
        ("our uptime was 99.9% last year", []),
        ("our discount is 10 percent", [10.0]),
        ("I can meet you at one seventy-two", [172.0]),
        ("see you at ten thirty", []),
        # an hour and its minutes when a meeting is moved; a price pushed to the same words
        ("can we push the call to ten forty-five tomorrow?", []),
        ("can you push it to ten fifty?", [1050.0]),
        # how often, or how many per period, is no rate
        ("twice a week", []),
        ("We can deliver 500 a month.", [500.0]),
        ("40 hours a week", []),
        # half each is 50 percent, not 5,050
        ("I was thinking we split it fifty-fifty.", [50.0]),
        # a year that says which thing is no figure; a sum before a day or "cash" is one
        ("I'll send the 2025 accounts by Friday", []),
        ("I can pay 2000 Monday and the rest Friday.", [2000.0]),
        ("I'd do 2000 cash", [2000.0]),
        ("2000 boxes", [2000.0]),
        # a model year, a distance and "one more thing" are no terms
        ("So this is the 2017 Civic, 62,000 miles, we're asking $14,500.", [14500.0]),
        ("One more thing, can you also pay net 30 instead of net 60?", [30.0, 60.0]),
        # a standard, a version or a stage named with its number
        ("We'll need a W-9 and your SOC 2 report before we can sign.", []),
        ("we are ISO 27001 certified", []),
        ("phase two would cost 40k", [40000.0]),
    ],
)
def test_rates_halves_and_what_is_no_figure(understander, text, expected):
    assert values(understander, text) == expected


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("ok 55/45 on energy but then u do the bins every week", ("55/45", 55.0)),
        ("We could split the shipping cost 60-40.", ("60-40", 60.0)),
        ("split it 60 / 40", ("60 / 40", 60.0)),
        ("lets split it sixty forty", ("sixty forty", 60.0)),
        ("a seventy thirty split on the savings", ("seventy thirty", 70.0)),
        ("split it 50-50", ("50-50", 50.0)),
        ("wifi stays 50/50 yeah?", ("50/50", 50.0)),
    ],
)
def test_a_split_is_one_term_its_first_share(understander, text, split):
    doc = understander.nlp(text)
    [term] = doc._.terms
    assert (doc[term.start : term.end].text, term.value) == split
    assert (term.issue, term.unit) == ("split", "percent")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we were thinking 40-60 units a week", [40.0, 60.0]),  # a range, counted
        ("it costs nineteen fifty", [1950.0]),  # no split said: one price
        ("twenty eighty", [2080.0]),
        ("call me at 9-5", []),
    ],
)
def test_what_is_no_split(understander, text, expected):
    doc = understander.nlp(text)
    assert values(understander, text) == expected
    assert all(term.issue != "split" for term in doc._.terms)


def test_a_count_per_period_is_no_price(understander):
    [term] = understander.nlp("We can deliver 500 a month.")._.terms
    assert term.issue != "price"
    [rent] = understander.nlp("the rent is 1950 a month")._.terms
    assert (rent.issue, rent.value) == ("price", 1950.0)


def test_net_names_the_days_of_the_figure_after_it_only(understander):
    doc = understander.nlp(
        "I can meet you at one seventy-two, but net forty-five is a non-starter."
    )
    assert [(t.issue, t.value) for t in doc._.terms] == [("other", 172.0), ("payment", 45.0)]


def test_words_of_a_condition_do_not_name_the_figure_outside_it(understander):
    doc = understander.nlp("could you do thirty nine if we pay half upfront")
    assert [(t.issue, t.value) for t in doc._.terms] == [("other", 39.0)]  # not "payment"


def test_a_share_of_things_counted_is_volume_not_price(understander):
    issues = [
        [t.issue for t in understander.nlp(text)._.terms]
        for text in (
            "Liftgate I can include on up to twenty percent of shipments.",
            "a 5% discount on all orders",
        )
    ]
    assert issues == [["volume"], ["price"]]


def test_base_names_pay_only_when_it_is_pay(understander):
    issues = [
        [t.issue for t in understander.nlp(text)._.terms]
        for text in ("Five hundred for the base package.", "a base salary of 92,000")
    ]
    assert issues == [["other"], ["salary"]]


def test_a_figure_per_unit_of_goods_is_a_price(understander):
    [term] = understander.nlp("it's 1480 a kilo")._.terms
    assert (term.issue, term.value) == ("price", 1480.0)


def test_a_rate_keeps_its_currency_and_reads_as_price(understander):
    [term] = understander.nlp("$2,400 a month")._.terms
    assert (term.issue, term.value, term.unit) == ("price", 2400.0, "USD")
