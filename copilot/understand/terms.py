"""Negotiated terms in a parsed utterance: the issue, the value and its unit.

Values come from runs of number tokens (digits or words, read by ``numbers.read_number``);
the unit from the symbol or word beside them; the issue from the noun the value attaches
to, the prep sheet's issue names, or failing those the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from copilot.understand.numbers import is_number_word, read_number

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "buck": "USD",
    "bucks": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "gbp": "GBP",
}
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
TIME_UNITS = {
    "year": "year",
    "years": "year",
    "yr": "year",
    "month": "month",
    "months": "month",
    "week": "week",
    "weeks": "week",
    "day": "day",
    "days": "day",
    "hour": "hour",
    "hours": "hour",
}
ISSUE_WORDS = {
    "price": {
        "price",
        "pricing",
        "rate",
        "fee",
        "fees",
        "cost",
        "costs",
        "discount",
        "rent",
        "seat",
        "license",
        "licence",
        "unit",
        "per",
        "markup",
        "margin",
        "charge",
        "surcharge",
        "budget",
        "invoice",
        "spend",
        "retainer",
        "premium",
        "commission",
        "royalty",
        "share",
        "increase",
    },
    "term": {"term", "contract", "lease", "commitment", "agreement", "renewal", "duration", "deal"},
    "volume": {
        "seats",
        "licenses",
        "licences",
        "units",
        "users",
        "volume",
        "quantity",
        "order",
        "orders",
        "pallets",
        "tons",
        "tonnes",
        "loads",
        "stores",
        "people",
        "heads",
        "headcount",
        "engineers",
        "hires",
        "devices",
        "laptops",
        "servers",
        "trucks",
        "containers",
        "guests",
        "attendees",
        "delegates",
        "participants",
        "tickets",
        "boxes",
        "cases",
        "copies",
        "shipments",
        "deliveries",
    },
    "delivery": {
        "delivery",
        "deliver",
        "ship",
        "shipping",
        "lead",
        "launch",
        "go-live",
        "live",
        "start",
    },
    "payment": {
        "net",
        "payment",
        "payments",
        "pay",
        "upfront",
        "advance",
        "deposit",
        "installments",
        "terms",
        "invoiced",
    },
    "support": {
        "support",
        "sla",
        "uptime",
        "onboarding",
        "training",
        "warranty",
        "response",
        "maintenance",
    },
    "salary": {
        "salary",
        "base",
        "comp",
        "compensation",
        "bonus",
        "raise",
        "pay",
        "equity",
        "signing",
        "offer",
    },
    "scope": {
        "scope",
        "features",
        "modules",
        "exclusivity",
        "territory",
        "phase",
        "add-on",
        "addon",
    },
}


CURRENCIES = ("USD", "EUR", "GBP")
MONEY_UNITS = (*CURRENCIES, "percent")
SALARY_CONTEXT = {"salary", "base", "comp", "compensation", "bonus", "raise", "signing"}
UPFRONT_CONTEXT = {"upfront", "deposit", "advance", "installments"}
DURATION_CONTEXT = {"free", "pilot", "lead", "delivery", "warranty", "support", "notice"}


@dataclass
class TermSpan:
    """A term found in a Doc: token indices, the issue, the value and the unit."""

    start: int
    end: int
    issue: str
    value: float | None
    unit: str | None


def _number_runs(doc: Doc) -> list[tuple[int, int, float]]:
    runs: list[tuple[int, int, float]] = []
    i = 0
    while i < len(doc):
        if not is_number_word(doc[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (
            is_number_word(doc[j].text)
            or (doc[j].lower_ in ("and", "point", "a", "half", "k", "m") and j + 1 < len(doc))
            or doc[j].text == "-"
        ):
            if doc[j].lower_ == "and" and _another_term_follows(doc, j + 1):
                break  # "twelve fifty and two weeks delivery": two terms, not 1,252
            j += 1
        # give back trailing joiners ("forty and")
        while j > i + 1 and doc[j - 1].lower_ in ("and", "point", "a", "-"):
            j -= 1
        start = i - 1 if i > 0 and doc[i - 1].lower_ in ("a", "an") else i
        value = read_number([t.text for t in doc[start:j]])
        if value is None and start != i:
            value, start = read_number([t.text for t in doc[i:j]]), i
        if value is None and any(c.isdigit() for c in doc[i].text):
            j = i + 1  # "$3.95 and eight weeks": the typed figure on its own
            value, start = read_number([doc[i].text]), i
        if value is not None:
            runs.append((start, j, value))
        i = j
    return runs


def _another_term_follows(doc: Doc, start: int) -> bool:
    """Whether the words from ``start`` are a number of their own with a unit of time after
    it ("…and three and a half weeks of leave"), not "and a half" of this one."""
    if start < len(doc) and doc[start].lower_ == "a":
        return False
    k = start
    while k < len(doc) and (
        is_number_word(doc[k].text) or doc[k].lower_ in ("and", "a", "half", "quarter", "-")
    ):
        k += 1
    return start < k < len(doc) and doc[k].lower_.rstrip("-") in TIME_UNITS


def _unit_after(doc: Doc, end: int, first: Token) -> tuple[str | None, int]:
    if first.text[:1] in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[first.text[:1]], end
    if first.i > 0 and doc[first.i - 1].text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[doc[first.i - 1].text], end
    if first.text.endswith("%"):
        return "percent", end
    if end < len(doc):
        word = doc[end].lower_
        if word in CURRENCY_WORDS:
            return CURRENCY_WORDS[word], end + 1
        if word in ("%", "percent", "pct"):
            return "percent", end + 1
        if word == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
            return "percent", end + 2
        if word.rstrip("-") in TIME_UNITS:
            return TIME_UNITS[word.rstrip("-")], end + 1
        if word == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in TIME_UNITS:
            return TIME_UNITS[doc[end + 1].lower_], end + 2
        if doc[end].pos_ in ("NOUN", "PROPN") and doc[end].lower_ in ISSUE_WORDS["volume"]:
            return "count", end + 1
    return None, end


def _issue_for(doc: Doc, start: int, end: int, unit: str | None, extra: dict[str, str]) -> str:
    window = doc[max(0, start - 6) : min(len(doc), end + 5)]
    # Words of a condition name the trade's other side, not this figure: "could you do
    # thirty nine if we pay half upfront" is a price (and the other way round).
    conditional = in_condition(doc[start])
    words = [t.lower_ for t in window if in_condition(t) == conditional]
    for word in words:
        if word in extra:
            return extra[word]
    if start > 0 and doc[start - 1].lower_ == "net":
        return "payment"
    if unit == "percent" and _share_of_a_count(doc, end):
        return "volume"  # "liftgate on up to twenty percent of shipments": no price
    if unit == "count":
        return "volume"
    if unit in ("year", "month"):
        nearby = set(words)
        if nearby & {"free", "rent-free"}:
            return "price"
        return "delivery" if nearby & ISSUE_WORDS["delivery"] else "term"
    if unit in ("week", "day", "hour"):
        nearby = set(words)
        if nearby & ISSUE_WORDS["payment"]:
            return "payment"
        if nearby & ISSUE_WORDS["support"]:
            return "support"
        return "delivery"
    nearby = set(words)
    money = unit in MONEY_UNITS
    if nearby & SALARY_CONTEXT and _about_pay(window):
        return "salary"
    # ("net" names the days of the figure right after it only: "one seventy-two, but net
    # forty-five is a non-starter" is a price.)
    paid = nearby & ISSUE_WORDS["payment"] - {"net"}
    if paid and (not money or nearby & UPFRONT_CONTEXT):
        return "payment"
    if nearby & ISSUE_WORDS["support"]:
        return "support"
    if not money:
        # "Fifteen, deal.": "deal" names a contract's length only with a unit of time.
        for issue in ("volume", "term", "price"):
            if (nearby - {"deal", "deal's"}) & ISSUE_WORDS[issue]:
                return issue
    if unit in ("USD", "EUR", "GBP", "percent"):
        return "price"
    return "other"


CONDITION_MARKERS = {"if", "provided", "providing", "unless", "assuming", "once", "as"}


def in_condition(token: Token) -> bool:
    """Whether a token sits in an "if …" clause (the other side's part of a trade)."""
    for ancestor in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in ancestor.children):
            return True
        if ancestor.dep_ == "advcl":
            return any(c.lower_ in CONDITION_MARKERS for c in ancestor.children)
    return False


def _share_of_a_count(doc: Doc, end: int) -> bool:
    """Whether "of <things counted>" follows a share: "twenty percent of shipments"."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return False
    noun = next((t for t in doc[end + 1 : end + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and noun.lower_ in ISSUE_WORDS["volume"]


def _about_pay(window: Span) -> bool:
    """Whether a word of pay in the window is one: "base" is not in "the base package" or
    "the base model" (it is in "the base", "base salary", "base of ninety")."""
    for token in window:
        if token.lower_ in SALARY_CONTEXT - {"base"}:
            return True
        if token.lower_ == "base":
            after = token.nbor() if token.i + 1 < len(token.doc) else None
            if after is None or after.pos_ not in ("NOUN", "PROPN") or after.lower_ in PAY_NOUNS:
                return True
    return False


PAY_NOUNS = {"salary", "pay", "comp", "compensation", "wage", "rate"}
NUMBER_JOINERS = {"and", "a", "half", "quarter", "point", "percent", "%"}
TIME_PREPOSITIONS = {"at", "by", "until", "till", "before", "after", "around", "from", "in"}
TIME_PREPOSITIONS |= {"on", "since", "past", "to", "between", "til"}
TIME_WORDS_AFTER = {"am", "pm", "o'clock", "oclock", "sharp", "tomorrow", "today", "tonight"}


def find_terms(doc: Doc, issue_names: dict[str, str] | None = None) -> list[TermSpan]:
    """Every numeric term in ``doc``.

    Args:
        doc: a parsed utterance.
        issue_names: lower-cased words that name an issue (from the prep sheet), mapped
            to the issue.
    """
    terms = [TermSpan(start, end, "split", share, "percent") for start, end, share in _splits(doc)]
    taken = {i for term in terms for i in range(term.start, term.end)}
    for start, end, value, said_unit in _bucks_and_cents(doc, _number_runs(doc)):
        if taken.intersection(range(start, end)):
            continue  # a share of a split ("60/40"), read whole above
        first = doc[start]
        rate_end = _per_period(doc, end)
        money = said_unit or _unit_after(doc, end, first)[0]
        # "70 an hour", "80/hr", "1,950 a month": a rate, whatever the tagger calls it.
        # Per hour (or night, lesson) it is a rate; per day, week or month only with a
        # currency or a word of price beside it ("we can deliver 500 a month" counts).
        near = doc[max(0, start - 6) : rate_end + 4] if rate_end else doc[start:start]
        context = {t.lower_ for t in near}
        if (
            rate_end is not None
            and money in (None, *CURRENCIES)
            and not _counts_a_period(doc, start, end)
            and (
                money
                or doc[rate_end - 1].lower_.lstrip("/") in SERVICE_PERIODS | GOODS_MEASURES
                or context & PRICE_WORDS
                or _what_it_costs(doc, start)
            )
        ):
            # ("raise it to nineteen fifty a month" raises a rent, not a salary.)
            paid = context & (SALARY_CONTEXT - {"raise"}) and _about_pay(near)
            issue = "salary" if paid else "price"
            terms.append(TermSpan(start, rate_end, issue, value, money))
            continue
        if said_unit is None and _a_model_year(doc, start, end):
            continue
        if _a_measure_of_service(doc, start, end):
            continue
        if said_unit is not None:
            issue = _issue_for(doc, start, end, said_unit, issue_names or {})
            terms.append(TermSpan(start, end, issue, value, said_unit))
            continue
        if (
            first.ent_type_ in ("DATE", "TIME")
            and not _is_duration_term(doc, start, end)
            and not _number_said_as_a_date(doc, start, end)
        ):
            continue
        if end < len(doc) and doc[end].lower_ in ("am", "pm", "o'clock", "th", "st", "nd", "rd"):
            continue
        if _one_standing_for_a_thing(doc, start, end) or _no_figure(doc, start, end):
            continue
        unit, unit_end = _unit_after(doc, end, first)
        if unit is None and (
            _hour_of_a_meeting(doc, start, end, value)
            or _clock_time_of_a_meeting(doc, start, end, value)
        ):
            continue
        issue = _issue_for(doc, start, unit_end, unit, issue_names or {})
        terms.append(TermSpan(start, unit_end, issue, value, unit))
    return terms


ROUND_THE_CLOCK = (["twenty", "four", "seven"], ["twenty-four", "seven"], ["24", "7"])
SAID_OF_A_SUM = {"cash", "total", "flat", "upfront", "max", "tops", "firm", "each", "bucks"}
SAID_OF_A_SUM |= {"dollars", "pounds", "euros", "quid", "off", "more", "less", "and", "or"}
YEARS_THINGS = {"accounts", "statements", "figures", "results", "returns", "taxes", "numbers"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
DISTANCES = {"miles", "mile", "km", "kms", "kilometres", "kilometers", "mi"}
ASIDES_COUNTED = {"thing", "question", "point", "detail", "request", "item", "quick"}
PER_WORDS = {"a", "an", "per", "/", "each"}
# Periods a service is paid by: a bare figure per one of these is a rate.
SERVICE_PERIODS = {"hour", "hr", "h", "hourly", "night", "session", "lesson", "visit", "shift"}
# Words that make a figure per day, week or month a price, not a count.
PRICE_WORDS = {"rent", "rate", "pay", "paying", "charge", "charging", "cost", "costs", "fee"}
PRICE_WORDS |= {"price", "salary", "budget", "spend", "retainer", "wage", "owe", "bucks", "rents"}
PRICE_WORDS |= {"raise", "increase", "subscription", "instalment", "installment", "lease"}
PRICE_WORDS |= {"utilities", "bills"}  # "its 1100 a month utilities included": rent
RATE_PERIODS = {"hour", "hr", "h", "day", "week", "wk", "month", "mo", "year", "yr", "night"}
RATE_PERIODS |= {"hourly", "annum", "session", "lesson", "visit", "shift"}
# Goods sold by the measure: a bare figure per one of these is a price ("1480 a kilo").
GOODS_MEASURES = {"kilo", "kg", "kilogram", "tonne", "ton", "pallet", "litre", "liter"}
GOODS_MEASURES |= {"gallon", "crate", "unit", "seat", "licence", "license", "lb", "sqft"}


def _per_period(doc: Doc, end: int) -> int | None:
    """Where "a/an/per/each hour" (or "/hr", or "a kilo") after a number ends, if it
    follows: the number is a rate."""
    per = RATE_PERIODS | GOODS_MEASURES
    if end + 1 < len(doc) and doc[end].lower_ in PER_WORDS and doc[end + 1].lower_ in per:
        return end + 2
    if end < len(doc) and doc[end].lower_.lstrip("/") in RATE_PERIODS and "/" in doc[end].text:
        return end + 1  # "80 /hr" kept as one token by the tokenizer
    return None


# "it's 1100 a month", "thats 80 a week": what the thing costs ("it's" typed "its").
WHAT_IT_IS = (["it", "'s"], ["its"], ["it", "is"], ["that", "'s"], ["thats"], ["that", "is"])


def _what_it_costs(doc: Doc, start: int) -> bool:
    """Whether the figure at ``start`` is said as what something is: "it's 1100 a month"."""
    before = [t.lower_.replace("’", "'") for t in doc[max(0, start - 2) : start]]
    return any(before[-len(words) :] == words for words in WHAT_IT_IS)


def _counts_a_period(doc: Doc, start: int, end: int) -> bool:
    """ "twice a week", "three times a day", "40 hours a week", "5 days a month": how often
    or how long, not a rate: a count of times or of a unit of time before the "a"."""
    words = [t.lower_ for t in doc[start:end]]
    return bool(words) and (words[-1] in ("once", "twice") or words[-1] in TIME_UNITS)


# A split of something between the two sides, its shares adding up to 100: "55/45",
# "60-40", "sixty forty", "fifty-fifty". The first share is the term's value.
SHARES_TYPED = re.compile(r"^(\d{1,2})([/:-])(\d{1,2})$")
SHARE_SEPARATORS = {"/", "-"}
# What says a pair of number words is a split, not one figure: "split it sixty forty", "a
# seventy thirty split" ("nineteen fifty" is a price; "fifty fifty" is a split anyway).
SPLIT_WORDS = {"split", "splits", "share", "shares", "ratio", "divide", "divided", "way"}


def _splits(doc: Doc) -> list[tuple[int, int, float]]:
    """Where ``doc`` names a split, with the first share: (start, end, share)."""
    found: list[tuple[int, int, float]] = []
    for token in doc:  # typed as one token: "55/45", "60-40", "70:30"
        match = SHARES_TYPED.match(token.text)
        if match and _shares(int(match[1]), int(match[3]), match[2]):
            found.append((token.i, token.i + 1, float(match[1])))
    for i in range(len(doc) - 2):  # typed apart: "60 / 40", "50 - 50"
        a, sep, b = doc[i], doc[i + 1], doc[i + 2]
        if sep.text not in SHARE_SEPARATORS or not (a.text.isdigit() and b.text.isdigit()):
            continue
        if _shares(int(a.text), int(b.text), sep.text) and not _counted_after(doc, i + 3):
            found.append((i, i + 3, float(a.text)))
    for start, end, _value in _number_runs(doc):  # said: "sixty forty", "fifty-five forty-five"
        words = [t.text for t in doc[start:end] if t.text != "-"]
        if any(c.isdigit() for w in words for c in w):
            continue
        for cut in range(1, len(words)):
            first, second = read_number(words[:cut]), read_number(words[cut:])
            if first is None or second is None or not _shares(first, second, "-"):
                continue
            near = {t.lower_ for t in doc[max(0, start - 6) : end + 3]}
            if first == second == 50 or near & SPLIT_WORDS:
                found.append((start, end, float(first)))
            break
    return [f for f in found if not any(f[0] < g[1] and g[0] < f[1] for g in found if g < f)]


def _shares(first: float, second: float, separator: str) -> bool:
    """Two shares of a whole, each at least 5, said in fives when spoken; "-" only from the
    larger down ("40-60 units" is a range)."""
    if first + second != 100 or min(first, second) < 5 or first % 1 or second % 1:
        return False
    return separator != "-" or first >= second


def _counted_after(doc: Doc, end: int) -> bool:
    """ "60-40 units", "50/50 days": numbers of a range or a count, not shares."""
    if end >= len(doc):
        return False
    word = doc[end].lower_
    return word in TIME_UNITS or word in CURRENCY_WORDS or word in ISSUE_WORDS["volume"]


# What a service achieves, said as a share: "our on-time is ninety-seven percent".
SERVICE_MEASURES = {"uptime", "occupancy", "accuracy", "satisfaction", "retention", "turnout"}
SERVICE_MEASURES |= {"attendance", "availability", "reliability", "on-time", "ontime"}


def _a_measure_of_service(doc: Doc, start: int, end: int) -> bool:
    """ "Our on-time is ninety-seven percent", "uptime was 99.9%": how well a service does,
    a fact about it, no term of the deal."""
    if end < len(doc) and doc[end].lower_ in ("%", "percent"):
        share = doc[end]
    elif doc[end - 1].text.endswith("%"):
        share = doc[end - 1]
    else:
        return False
    verb = share.head
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        said = doc[max(subject.left_edge.i, subject.i - 2) : subject.i + 1].text.lower()
        if subject.lower_ in SERVICE_MEASURES or said.replace(" ", "").endswith("on-time"):
            return True
    return False


def _a_model_year(doc: Doc, start: int, end: int) -> bool:
    """ "the 2017 Civic", "the 2025 accounts": a year that says which thing, no figure."""
    if end - start != 1 or end >= len(doc):
        return False
    year = doc[start].text
    if not (len(year) == 4 and year.isdigit() and 1990 <= int(year) <= 2035):
        return False
    after = doc[end]
    if after.ent_type_ in ("DATE", "TIME") or after.lower_ in WEEKDAYS | SAID_OF_A_SUM:
        return False  # "I can pay 2000 Monday", "2000 cash": a sum
    # "the 2017 Civic", "the 2025 accounts", "a 2019 model"; not "2000 boxes" (a count)
    return after.pos_ == "PROPN" or after.tag_ == "NN" or after.lower_ in YEARS_THINGS


# Names that take a number: standards, versions, stages ("SOC 2", "ISO 27001", "GPT 4",
# "CAT 6 cabling", "phase two of the rollout").
NAMED_WITH_A_NUMBER = {"soc", "iso", "pci", "nist", "gpt", "cat", "usb", "hdmi", "tls", "ssl"}
NAMED_WITH_A_NUMBER |= {"ipv", "wifi", "ios", "iphone", "android", "windows", "covid", "phase"}
NAMED_WITH_A_NUMBER |= {"version"}


def _no_figure(doc: Doc, start: int, end: int) -> bool:
    """Numbers that name no figure: "it's twenty four seven" (round the clock), "the w
    nine" and "a W-9" (a form's name: a letter before the number)."""
    words = [t.lower_ for t in doc[start:end] if t.text not in ("/", "-")]
    if end < len(doc) and doc[end].text == "/":
        words = [*words, doc[end + 1].lower_] if end + 1 < len(doc) else words
    if words in ROUND_THE_CLOCK:
        return True
    if end < len(doc) and doc[end].lower_ in DISTANCES:
        return True  # "62,000 miles on the clock": what the thing is, no term of the deal
    if (
        words == ["one"]
        and end + 1 < len(doc)
        and doc[end].lower_ in ("more", "last")
        and doc[end + 1].lemma_ in ASIDES_COUNTED
    ):
        return True  # "one more thing", "one last question": no figure
    if start > 0 and doc[start - 1].lower_ in NAMED_WITH_A_NUMBER:
        return True  # "your SOC 2 report", "ISO 27001", "phase two": a name, no figure
    hyphen = start > 0 and doc[start - 1].text == "-"
    at = start - 1 - hyphen
    letter = doc[at] if at >= 0 else None
    if letter is None or len(letter.text) != 1 or not letter.is_alpha:
        return False
    # A hyphen names a form ("W-9", "I-9"), and so does a W ("the W 9", "the w nine" as a
    # recogniser hears the tax form); not "can u do 40" nor "option B 650 a month".
    return hyphen or letter.lower_ == "w"


# "I'll pick everyone up at 6 on Friday", "see you at 6 then": an hour of the day, said
# after a word that places it in time, where someone comes, meets or picks up (not "I'd
# sell at 6", "we need it done by 5").
HOUR_LEADS = {"at", "around", "by", "till", "until", "til", "before", "after", "from"}
# Not "meet", which haggles as often as it meets ("can u meet me at 9").
MEETING_VERBS = {"pick", "see", "come", "arrive", "drop", "collect", "leave", "get"}
MEETING_VERBS |= {"call", "ring", "start", "finish", "open", "close", "show", "swing", "pop"}
MEETING_VERBS |= {"head", "go", "be", "wake", "land", "fly", "drive", "walk"}
PLACE_WORDS = {"there", "here", "home", "round", "over", "back", "in", "out"}


def _hour_of_a_meeting(doc: Doc, start: int, end: int, value: float) -> bool:
    """A bare number from 1 to 12 said as the hour someone comes, meets or picks up."""
    if start == 0 or doc[start - 1].lower_ not in HOUR_LEADS or end - start != 1:
        return False
    if value != int(value) or not 1 <= value <= 12:
        return False
    if end < len(doc) and doc[end].lower_ in ("each", "per", "a", "an", "for", "off", "k"):
        return False  # "at 9 each": a price
    verb = doc[start - 1].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.lemma_ in ("be", "get", "go"):
        # "I'll be there at 9", "get there at 7"; not "it's voluntary at four", "we've got
        # a hard stop at eleven".
        return any(c.lower_ in PLACE_WORDS for c in verb.children)
    return verb.lemma_ in MEETING_VERBS and verb.pos_ in ("VERB", "AUX")


# What is met at a time: "push the call to ten forty-five" (not "push it to ten fifty").
MEETINGS = {"call", "calls", "meeting", "meetings", "chat", "appointment", "interview"}
MEETINGS |= {"viewing", "demo", "standup", "catch-up", "sync", "zoom", "session", "visit"}


def _clock_time_of_a_meeting(doc: Doc, start: int, end: int, value: float) -> bool:
    """An hour and its minutes said in words ("ten forty-five", "nine thirty") when the
    sentence is about when a meeting happens."""
    if end - start < 2 or start == 0 or doc[start - 1].lower_ not in HOUR_LEADS | {"to"}:
        return False
    if value != int(value) or not 100 <= value < 1_300 or value % 100 >= 60:
        return False
    sentence = doc[start].sent
    return any(t.lower_ in MEETINGS for t in sentence)


BUCKS = {"buck", "bucks"}


def _counts_after(doc: Doc, end: int) -> bool:
    """Whether the number ending at ``end`` counts something said after it ("2 days",
    "twelve of them", "15 minutes")."""
    if end >= len(doc):
        return False
    word = doc[end]
    return word.pos_ in ("NOUN", "PROPN") or word.lower_ in ("of", *TIME_UNITS)


def _bucks_and_cents(
    doc: Doc, runs: list[tuple[int, int, float]]
) -> list[tuple[int, int, float, str | None]]:
    """The runs, with "a buck thirty-five" and "two bucks fifty" read as one sum in dollars
    (1.35, 2.50): the number after "bucks" is its cents when under a hundred."""
    out: list[tuple[int, int, float, str | None]] = []
    skip = -1
    for index, (start, end, value) in enumerate(runs):
        if index <= skip:
            continue
        cents = runs[index + 1] if index + 1 < len(runs) else None
        whole_cents = cents is not None and cents[2] < 100 and cents[2] == int(cents[2])
        # Not "ten bucks 2 days a week", "twenty bucks twelve of them": a count after it.
        whole_cents = whole_cents and not _counts_after(doc, cents[1] if cents else 0)
        if (
            end < len(doc)
            and doc[end].lower_ in BUCKS
            and cents is not None
            and cents[0] == end + 1
            and whole_cents
            and value == int(value)
        ):
            out.append((start, cents[1], value + cents[2] / 100, "USD"))
            skip = index + 1
            continue
        if (
            start >= 1
            and not _counts_after(doc, end)
            and doc[start - 1].lower_ in BUCKS
            and start >= 2
            and doc[start - 2].lower_ in ("a", "one")
            and value < 100
            and value == int(value)
        ):
            out.append((start - 2, end, 1 + value / 100, "USD"))  # "a buck forty"
            continue
        out.append((start, end, value, None))
    return out


# "the blue one", "a cheap usb-c one", "that one works": "one" after one of these stands
# for a thing already named; it is no count and no price.
ONE_POINTERS = {"a", "an", "the", "this", "that", "which", "each", "every", "another", "any"}
ONE_POINTERS |= {"my", "your", "our", "their", "his", "her", "its"}


def _one_standing_for_a_thing(doc: Doc, start: int, end: int) -> bool:
    """Whether the run is "one" standing for a thing, not counting one: "the other one is
    fine" but not "a one year term" (a unit follows) or "I can give you one"."""
    one = doc[end - 1]
    if one.lower_ != "one":
        return False
    if end < len(doc) and (
        doc[end].pos_ in ("NOUN", "PROPN", "NUM") or doc[end].lower_ in TIME_UNITS
    ):
        return False
    i = end - 2
    # Describing words between the pointer and "one": "the cheap usb-c one".
    while i >= 0 and (
        doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "X") or doc[i].text == "-" or _a_letter(doc[i])
    ):
        i -= 1
    return i >= 0 and doc[i].lower_ in ONE_POINTERS


def _a_letter(token: Token) -> bool:
    """A letter on its own ("usb-c", "type b"), which the tagger may call a number."""
    return len(token.text) == 1 and token.is_alpha and token.lower_ not in ("a", "i")


# "meet me in the middle two ten": the tagger takes the middle into the date.
MIDDLE = {"the", "middle"}


def _number_said_as_a_date(doc: Doc, start: int, end: int) -> bool:
    """ "ten eight", "Fourteen five", "Fifteen": spaCy's tagger often calls a bare spoken
    price a DATE or TIME. A date or time has other words in its entity ("March", "the
    fifteenth", "o'clock") or a word before it that places it in time ("by ten")."""
    entity = next((e for e in doc.ents if e.start <= start < e.end), None)
    if entity is not None and all(t.lower_ in MIDDLE for t in doc[entity.start : start]):
        entity = doc[start : entity.end]  # "meet me in the middle two ten": a price
    if entity is not None and end < entity.end and doc[end].lower_ == "and":
        entity = doc[entity.start : end]  # "twelve fifty and two weeks delivery": two terms
    if entity is None or any(
        not (is_number_word(t.text) or t.lower_ in NUMBER_JOINERS or t.text == "-") for t in entity
    ):
        return False
    if any(t.lower_ in ("half", "quarter", "point", "percent", "%") for t in entity):
        return True  # "meet me at two and a half", "two and a half percent"
    said = read_number([t.text for t in entity])
    if said is not None and 100 <= said < 1_300 and said % 100 >= 60:
        return True  # "meet you at one seventy-two": no clock reads seventy-two minutes
    if entity.start > 0 and doc[entity.start - 1].lower_ in TIME_PREPOSITIONS:
        # "goes to eighteen forty", "come down to fourteen five": "to" places a price,
        # unless it closes a span of time ("from nine to five").
        before = {t.lower_ for t in doc[max(0, entity.start - 6) : entity.start - 1]}
        return doc[entity.start - 1].lower_ == "to" and "from" not in before
    return not (end < len(doc) and doc[end].lower_ in TIME_WORDS_AFTER)


def _is_duration_term(doc: Doc, start: int, end: int) -> bool:
    """ "three year term", "net 45", "12 months": a DATE entity that is a deal term."""
    if start > 0 and doc[start - 1].lower_ == "net":
        return True
    if end < len(doc) and doc[end].lower_.rstrip("-") in TIME_UNITS:
        following = {t.lower_ for t in doc[end : end + 4]}
        if following & (ISSUE_WORDS["term"] | DURATION_CONTEXT):
            return True
        return start > 0 and doc[start - 1].lower_ in ("a", "for", "of", "to", "on")
    return False
