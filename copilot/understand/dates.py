"""Due dates as said ("by Friday", "end of the month") normalised against the meeting date.

dateparser does the parsing; the few business phrases it does not know ("end of the
quarter", "within five business days", "EOD") are rewritten first into something it does,
or counted on the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from copilot.understand.numbers import read_number

_LEAD = re.compile(
    r"^(?:by|before|until|till|through|from|on|at|around|about|no later than|latest|due)\s+",
    re.I,
)
_DEADLINE_LEAD = re.compile(r"^(?:by|before|until|till|through|no later than|latest|due)\s+")
_TIME_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|noon|tonight|close of business)\b")
_BUSINESS = re.compile(r"^(?:within|in|inside of|over the next)\s+(?P<n>.+?)\s+business\s+days?$")
_WITHIN = re.compile(r"^(?:within|in)\s+(?P<n>.+?)\s+(?P<unit>day|week|month)s?$")
_END_OF = re.compile(
    r"^(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?P<what>day|week|month|quarter|year)$"
)
# A span counted from an event, not from the meeting: "within 30 days of each invoice",
# "two weeks before the event", "3 weeks after you approve the proof" (no date until the
# event happens). "a week from today" and "two days before Friday" still name a day.
_FROM_EVENT = re.compile(
    r"^(?:within|in|inside of)?\s*(?P<n>\S+(?:\s+\S+)?)\s+(?P<unit>hour|day|week|month)s?\s+"
    r"(?P<way>of|after|before|following|from)\s+(?P<anchor>.+)$"
)
# ...and with no event said, a span before or after names no day ("set up two hours before").
_RELATIVE_TO_NOTHING = re.compile(
    r"^\S+(?:\s+\S+)?\s+(?:hour|hr|day|week|month)s?\s+(?:before|after)$"
)
_RECURRING_DAYS = re.compile(r"^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)days$")
# "email those over tomorrow", "check in next week": the word before is not the date's.
_CARRIED = re.compile(r"^(?:over|in|out)\s+(?=(?:next|this|tomorrow|today|tonight)\b)")
# A clock time inside a day ("tonight around 7", "6.30 tonight", "on Saturday from 9",
# "this afternoon around four"): the day is what is due. Bare digits are kept ("March 15").
_HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_CLOCK_NUMBER = r"(?:\d{1,2}(?:[:.]\d{2})?|" + _HOUR_WORDS + ")"
_PAST_OR_TO = r"(?:(?:quarter|half|ten|twenty|five)\s+(?:to|past)\s+)?"
# ...not a count of days or a day of a month: "in about two weeks", "after 15 March".
_NOT_A_CLOCK_AFTER = (
    r"(?!\s+(?:days?|weeks?|months?|years?|business|working|"
    + "|".join(month.lower()[:3] + r"\w*" for month in calendar.month_name if month)
    + r")\b)(?!(?:st|nd|rd|th)\b)"
)
_CLOCK = re.compile(
    r"(?<=\s)(?:(?:at|around|about|from|like|after|till|until)\s+(?:like\s+)?"
    + _PAST_OR_TO
    + _CLOCK_NUMBER
    + r"(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'clock|ish))?"
    + _NOT_A_CLOCK_AFTER
    + r"|\d{1,2}(?:[:.]\d{2})\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))(?=\s)"
)
# A clock time and nothing else: "at 7", "by 2", "by like four", "around noon", "at 3.15",
# "at quarter to eight" (the day is the meeting's).
_ONLY_A_CLOCK = re.compile(
    r"^(?:(?:at|by|around|about|before|after|till|until)\s+)?(?:like\s+)?(?:"
    + _PAST_OR_TO
    + r"(?:1[0-2]|0?[1-9]|\d{1,2}[:.][0-5]\d|"
    + _HOUR_WORDS
    + r")(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'clock|ish))?|noon|midday)$"
)
_WITHIN_HOURS = re.compile(
    r"^(?:within|in|inside of)\s+(?:the\s+next\s+|the\s+|an\s+|a\s+|a\s+few\s+)?"
    r"(?P<n>\S+\s+)?(?P<unit>hour|hr|minute|min)s?$|^(?P<mins>\d+|\w+ty|ten|five)\s+mins?$"
)
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new years eve": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1),
}  # fmt: skip
HOLIDAY_NAMES = frozenset(_HOLIDAYS)
_END_OF_YEAR = re.compile(r"^(?:the\s+)?end\s+of\s+(?P<year>20\d\d)$")
# Words spaCy may take into a time that are not the day: "over friday", "half tonight".
_NOT_THE_DAY = {"over", "half", "like", "about", "around", "say", "maybe"}
_DAY_STARTS = {"today", "tonight", "tomorrow", "this", "next"}
# The end of a working day, which names no day of its own: "end of day", "EOD", "close of
# business", "noon" ("by end of day tomorrow", "tomorrow by noon", "by tomorrow end of day").
_DAY_END = r"(?:(?:the\s+)?(?:end|close) of (?:the\s+)?(?:day|business)|eod|cob|noon|midday)"
_SAID_FOR_TODAY = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|" + _DAY_END + r")\b"
)
_END_OF_DAY_THEN = re.compile(r"^" + _DAY_END + r"\s+(?:on\s+)?(?=\S)")
_THEN_END_OF_DAY = re.compile(r"(?<=\S)(?<!\bthe)\s*,?\s+" + _DAY_END + r"$")
# "tomorrow" as chat types it: "ill get gloves tmrw".
TYPED_TOMORROW = frozenset({"tmrw", "tmr", "tmrow", "tmoro", "2moro", "2morrow", "tomoz"})
_TYPED_TOMORROW = re.compile(r"\b(?:" + "|".join(sorted(TYPED_TOMORROW)) + r")\b")
_WEEKEND = re.compile(r"(?:over |at |during )?(?:the |this |(?P<next>next ))?weekend")
_THE_SAME_DAY = {
    "today", "tonight", "this afternoon", "this evening", "this morning", "now",
    "right now", "later today", "later tonight",
}  # fmt: skip
# "the twentieth", "Friday the eighteenth", "Monday the 15th" (not "Monday first thing").
_DAY_OF_MONTH = re.compile(
    r"^(?:(?:"
    + "|".join(day.lower() for day in calendar.day_name)
    + r"|mon|tues?|weds|thur?s?|fri|sat|sun)\s+the\s+)?"
    r"(?P<ordinal>.+)$"
)
# How many days a unit counts for (a month as 30).
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}
_ABBREVIATIONS = {"eod": "day", "cob": "day", "eow": "week", "eom": "month", "eoq": "quarter"}


def _end_of(what: str, base: dt.date) -> dt.date:
    if what == "day":
        return base
    if what == "week":
        return base + dt.timedelta(days=(4 - base.weekday()) % 7)
    if what == "month":
        return base.replace(day=calendar.monthrange(base.year, base.month)[1])
    if what == "quarter":
        month = ((base.month - 1) // 3 + 1) * 3
        return dt.date(base.year, month, calendar.monthrange(base.year, month)[1])
    return dt.date(base.year, 12, 31)


def _next_day_of_month(day: int, base: dt.date) -> dt.date | None:
    year, month = base.year, base.month
    for _ in range(12):  # the 31st skips the months without one
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if candidate >= base:
                return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _add_business_days(base: dt.date, count: int) -> dt.date:
    day = base
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _count(words: str) -> int | None:
    value = read_number(words.split())
    return int(value) if value is not None and value == int(value) and value > 0 else None


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser

    return dateparser


def is_clock_time(text: str) -> bool:
    """Whether ``text`` is a time of day and nothing else ("at 7", "by like four", "at
    quarter to eight", "around noon")."""
    return bool(_ONLY_A_CLOCK.match(" ".join(text.lower().split())))


# Words that loosen a time without changing it: "in like five minutes", "within about a
# week", "by around Friday".
TIME_FILLERS = ("like", "about", "around", "roughly")
_FILLER_AFTER_LEAD = re.compile(
    r"\b(in|within|by|before|until|till)\s+(?:" + "|".join(TIME_FILLERS) + r")\s+"
)


_ENDS_THE_DAY = re.compile(r"^(?:(?:by|at|before|around)\s+)?" + _DAY_END + r"$")


def is_time_of_day(text: str) -> bool:
    """Whether ``text`` is a clock time or the end of a working day and nothing else."""
    phrase = " ".join(text.lower().split())
    return is_clock_time(phrase) or bool(_ENDS_THE_DAY.match(phrase))


def normalise_due(text: str, meeting_date: dt.date, said: str = "") -> dt.date | None:
    """The date ``text`` means, counted from ``meeting_date``; None when it names no day.
    ``said`` is the sentence it was said in, when known.

    Weekday names mean the next such day on or after the meeting; "next week" means the
    Friday of next week; "end of the month/quarter/year" its last day; business days skip
    weekends.
    """
    phrase = " ".join(text.lower().replace("’", "'").split()).strip(" .,")
    phrase = _TYPED_TOMORROW.sub("tomorrow", phrase)
    phrase = _FILLER_AFTER_LEAD.sub(r"\1 ", phrase)  # "in like five minutes"
    if _ONLY_A_CLOCK.match(phrase):
        return meeting_date  # "at 7", "by like four", "around noon": later today
    hours = _WITHIN_HOURS.match(phrase)
    if hours:  # "within the hour", "20 mins", "within 48 hours"
        count = _count(hours["n"]) if hours["n"] else None
        days = (count or 0) // 24 if hours["unit"] in ("hour", "hr") else 0
        return meeting_date + dt.timedelta(days=days)
    # The clock goes before the lead word does: "at 9 sat" is Saturday.
    phrase = " ".join(_CLOCK.sub(" ", f" {phrase} ").split())
    # "by Monday" said on a Monday is that day (the deadline may be today), and so is
    # "wednesday night" said on a Wednesday; "on Monday" or "I'll ring them Monday" said on
    # a Monday means the next one, or it would say "today".
    # So is one said beside "this afternoon" or "EOD" ("Monday works, I'll sign it this
    # afternoon").
    today = _DEADLINE_LEAD.match(phrase) is not None or bool(_TIME_OF_DAY.search(phrase))
    today |= bool(_SAID_FOR_TODAY.search(f"{phrase} {said.lower()}"))
    # ...but not "before Monday" said on a Monday: before today has gone by ("before
    # monday's call" may be today's call).
    gone_by = re.fullmatch(r"before \w+day", phrase) and not re.search(r"day'?s\b", said.lower())
    today &= not gone_by
    phrase = _LEAD.sub("", phrase).strip(" .,")
    phrase = _CARRIED.sub("", phrase)
    if phrase.startswith(("every ", "each ")) or _RECURRING_DAYS.match(phrase):
        return None  # "every Monday", "on mondays" repeat; they have no one due day
    if _RELATIVE_TO_NOTHING.match(phrase):
        return None  # "two hours before": before an event not named, so no day yet
    words = phrase.split()
    leading = len(words) > 1 and (words[0] in _NOT_THE_DAY or read_number(words[:1]) is not None)
    if leading and (words[1] in _DAY_STARTS or weekday_index(words[1]) is not None):
        # "fifty tonight", "half tonight", "over friday": spaCy's time took a word before.
        return normalise_due(" ".join(words[1:]), meeting_date)
    if phrase in _THE_SAME_DAY or re.fullmatch(_DAY_END, phrase):
        return meeting_date  # "close of business", "EOD": the end of this day
    if phrase in ("in the morning", "first thing in the morning"):
        return meeting_date + dt.timedelta(days=1)  # "I'll drop it round in the morning"
    weekend = _WEEKEND.fullmatch(phrase)
    if weekend:
        # "this weekend", "over the weekend": its Sunday (today, said on a Sunday); "next
        # weekend" the Sunday after.
        sunday = meeting_date + dt.timedelta(days=6 - meeting_date.weekday())
        return sunday + dt.timedelta(weeks=1 if weekend["next"] else 0)
    phrase = _THEN_END_OF_DAY.sub("", _END_OF_DAY_THEN.sub("", phrase))
    if phrase in _THE_SAME_DAY:
        return meeting_date
    phrase = _TIME_OF_DAY.sub("", phrase).strip()
    phrase = re.sub(r"^(?:the\s+)?(?:very\s+)?", "", phrase).strip()
    if not phrase:
        return None
    day_of_month = _DAY_OF_MONTH.match(phrase)
    if day_of_month and day_of_month["ordinal"] in _ORDINALS:
        return _next_day_of_month(_ORDINALS[day_of_month["ordinal"]], meeting_date)
    if re.fullmatch(r"last (?:business |working )?day of (?:the |this )?month", phrase):
        return _end_of("month", meeting_date)  # "by the last day of the month"
    last_of = re.fullmatch(r"last day of (?P<month>[a-z]+)", phrase)
    if last_of and last_of["month"] in MONTH_NUMBERS:
        phrase = f"end of {last_of['month']}"  # "the last day of march", read below
    event = None if phrase.startswith("end of ") else _FROM_EVENT.match(phrase)
    if event:
        anchor = normalise_due(event["anchor"], meeting_date)
        count = 1 if event["n"] in ("a", "an", "one") else _count(event["n"])
        if anchor is None or count is None:
            return None
        days = _UNIT_DAYS[event["unit"]] * count
        return anchor - dt.timedelta(days=days if event["way"] == "before" else -days)
    if phrase in _HOLIDAYS:
        month, day = _HOLIDAYS[phrase]
        this_year = dt.date(meeting_date.year, month, day)
        return (
            this_year if this_year >= meeting_date else this_year.replace(year=this_year.year + 1)
        )
    year = _END_OF_YEAR.match(phrase)
    if year:
        return dt.date(int(year["year"]), 12, 31)
    if phrase in _ABBREVIATIONS:
        return _end_of(_ABBREVIATIONS[phrase], meeting_date)
    match = _END_OF.match(phrase)
    if match:
        return _end_of(match["what"], meeting_date)
    month = re.match(r"^(?:end|close|last day) of (?P<month>[a-z]+)$", phrase)
    if month and month["month"] in MONTH_NUMBERS:
        number = MONTH_NUMBERS[month["month"]]
        year = meeting_date.year + (number < meeting_date.month)  # this one, or next year's
        return _end_of("month", dt.date(year, number, 1))
    week_of = re.match(r"^week\s+of\s+(?P<day>.+)$", phrase)
    if week_of:  # "the week of april fifth": due by the end of that working week
        day = normalise_due(week_of["day"], meeting_date)
        return _end_of("week", day) if day is not None else None
    if phrase == "end of next week":
        return _end_of("week", meeting_date + dt.timedelta(days=7))
    if phrase == "end of next month":
        nxt = meeting_date.replace(day=28) + dt.timedelta(days=4)
        return _end_of("month", nxt)
    if phrase in ("next week", "early next week", "later next week"):
        monday = meeting_date + dt.timedelta(days=7 - meeting_date.weekday())
        return monday + dt.timedelta(days=0 if phrase.startswith("early") else 4)
    if phrase in ("this week", "later this week"):
        return _end_of("week", meeting_date)
    match = _BUSINESS.match(phrase)
    if match and _count(match["n"]):
        return _add_business_days(meeting_date, _count(match["n"]) or 0)
    match = _WITHIN.match(phrase)
    count = (1 if match["n"] in ("a", "an", "one") else _count(match["n"])) if match else None
    if match and count:  # "within five days", "within a week"
        return meeting_date + dt.timedelta(days=_UNIT_DAYS[match["unit"]] * count)
    weekday = _weekday(phrase)
    if weekday is not None:
        if phrase.startswith("next "):  # the one in next week
            monday = meeting_date + dt.timedelta(days=7 - meeting_date.weekday())
            return monday + dt.timedelta(days=weekday)
        ahead = (weekday - meeting_date.weekday()) % 7
        today = today or phrase.startswith("this ")
        return meeting_date + dt.timedelta(days=ahead or (0 if today else 7))
    return _parse(_spoken_ordinals(phrase), meeting_date)


_WEEKDAYS = [day.lower() for day in calendar.day_name]
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORDINALS = {word: n for n, word in enumerate(_UNITS + _TEENS, start=1)}
_ORDINALS.update({"twentieth": 20, "thirtieth": 30})
_ORDINALS.update({f"twenty {word}": 20 + n for n, word in enumerate(_UNITS, start=1)})
_ORDINALS["thirty first"] = 31
_ORDINALS.update({"twenty-" + word: 20 + n for n, word in enumerate(_UNITS, start=1)})
_ORDINALS["thirty-first"] = 31
_ORDINALS.update({f"{n}{suffix}": n for n in range(1, 32) for suffix in ("st", "nd", "rd", "th")})
# The words a spoken day of the month is made of ("twenty", "first", "21st"), and the
# weekdays: commitments.py reads them where spaCy names no date.
ORDINAL_TOKENS = frozenset(
    word for phrase in _ORDINALS for word in phrase.replace("-", " ").split()
)
WEEKDAY_NAMES = frozenset(_WEEKDAYS)
# How weekdays are typed in chat ("ill do it fri", "back by 6 sun"). spaCy splits "wed"
# into "we" + "d"; the chat-contractions component joins it again where it names the day.
WEEKDAY_SHORT = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
# Longest first, so "twenty first" is read before "first".
_ORDINAL_WORDS = re.compile(r"\b(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")\b")


MONTH_NUMBERS = {month.lower(): n for n, month in enumerate(calendar.month_name) if month}
MONTH_NAMES = frozenset(MONTH_NUMBERS)
# Months as they are written short ("by 10 Jan", "5 Sept"); "may" is its own name.
MONTH_SHORT = frozenset(
    {name[:3] for name in MONTH_NAMES} | {f"{name[:3]}." for name in MONTH_NAMES} | {"sept"}
)


def _spoken_ordinals(phrase: str) -> str:
    """ "november twenty first" -> "november 21": dateparser reads digits, not these words.

    Only beside a month name: "the second week" or "the first" alone mean something else.
    """
    if not MONTH_NAMES & set(phrase.replace("-", " ").split()):
        return phrase
    return _ORDINAL_WORDS.sub(lambda m: str(_ORDINALS[m.group(1)]), phrase.replace("-", " "))


def _weekday(phrase: str) -> int | None:
    words = phrase.split()
    if len(words) == 2 and words[0] in ("this", "next", "on", "coming"):
        words = words[1:]
    return weekday_index(words[0]) if len(words) == 1 else None


def weekday_index(word: str) -> int | None:
    """Monday = 0 for "friday", "fridays" and the short forms typed in chat ("fri",
    "thurs"); None for any other word."""
    if word.rstrip("s") in _WEEKDAYS:
        return _WEEKDAYS.index(word.rstrip("s"))
    return WEEKDAY_SHORT.get(word.rstrip("."))


def _parse(phrase: str, meeting_date: dt.date) -> dt.date | None:
    base = dt.datetime.combine(meeting_date, dt.time(9, 0))
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    try:
        parsed = _dateparser().parse(phrase, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    return parsed.date()
