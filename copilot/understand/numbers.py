"""Numbers as people say them on a call: "forty two", "sixty five thousand", "one ten", "$42k".

Transcripts spell numbers either way, so every value goes through ``read_number`` before
the rest of the pipeline compares positions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

ONES = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "grand": 1_000, "k": 1_000, "million": 1_000_000}
SCALES.update({"m": 1_000_000, "mil": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000})
FRACTIONS = {"half": 0.5, "quarter": 0.25}
# Scales that stand for one of themselves with the "a" left out ("about thousand dollars",
# "hundred bucks"); not "grand" ("that's grand") nor "k"/"m".
SAID_ALONE = {"hundred", "thousand", "million", "billion"}
NUMBER_WORDS = set(ONES) | set(TENS) | set(SCALES) | {"and", "point"} | set(FRACTIONS)

_DIGITS = re.compile(
    r"^[$€£]?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)(?P<suffix>[kKmM]|bn)?%?$"
)


def _digit_value(word: str) -> float | None:
    if word.endswith(".") and word[:-1][-1:].isalnum():
        word = word[:-1]  # spaCy leaves the full stop on "2.3M."
    match = _DIGITS.match(word)
    if not match:
        return None
    value = float(match["num"].replace(",", ""))
    suffix = (match["suffix"] or "").lower()
    return value * SCALES[suffix] if suffix else value


def says_a_number(token: Token) -> bool:
    """Whether a spaCy token is a number or holds digits ("forty", "40", "$40k", "5pm")."""
    return token.like_num or any(c.isdigit() for c in token.text)


def is_number_word(word: str) -> bool:
    """Whether ``word`` can be part of a spoken or written number."""
    lower = word.lower().strip("-")
    if lower in ("a", "an", "and", "oh", "k", "m", "point", "half", "quarter"):
        return False  # only inside a number, never on their own
    return lower in NUMBER_WORDS or _digit_value(lower) is not None


def _can_extend(current: float, value: float) -> bool:
    """Whether ``value`` continues the number in ``current`` ("forty" + "two")."""
    rest = current % 100
    return rest == 0 or (rest % 10 == 0 and rest >= 20 and value < 10)


def read_number(words: list[str]) -> float | None:
    """The value of a run of number words or digits, or None when it is not a number.

    Handles "forty two" (42), "sixty five thousand" (65000), "two point five" (2.5),
    "one ten", "one twenty five", "twenty one fifty" (110, 125, 2150: prices and
    salaries are said this way), "eleven five", "thirty nine five" (11,500, 39,500),
    "a hundred and twenty" (120), "1,200", "45k", "$1.5m", "45 thousand" and
    "two and a half" (2.5), "two and a half grand" (2,500), "two point four million".
    """
    tokens = [piece for w in words for piece in w.lower().split("-") if piece]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    groups: list[float] = []
    seen = False
    digits = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        digit = _digit_value(token) if token not in SCALES else None
        if digit is not None:
            if seen:
                return None
            current, seen, digits = digit, True, True
        elif token in ("a", "an"):
            if nxt not in SCALES or seen:
                return None
            current, seen = 1.0, True
        elif token in ONES or token in TENS:
            if digits:
                return None  # "$3.95 and eight weeks": a figure typed is not said on in words
            value = float(ONES.get(token, TENS.get(token, 0)))
            if seen and current and not _can_extend(current, value):
                groups.append(current)
                current = 0.0
            current += value
            seen = True
        elif token in SCALES:
            if not seen and (index or token not in SAID_ALONE):
                return None
            seen = True  # "about thousand dollars": one of the scale, the "a" left out
            if SCALES[token] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * SCALES[token]
                current = 0.0
        elif token == "and":
            if nxt == "a" and index + 2 < len(tokens) and tokens[index + 2] in FRACTIONS:
                current += FRACTIONS[tokens[index + 2]]
                scale = tokens[index + 3] if index + 3 < len(tokens) else None
                if scale in SCALES:  # "two and a half grand", "one and a half million"
                    total += current * SCALES[scale]
                    current = 0.0
                break
        elif token == "point":
            rest = tokens[index + 1 :]
            scale = rest.pop() if rest and rest[-1] in SCALES else None
            decimals = [ONES.get(t) for t in rest]
            if not decimals or any(d is None or d > 9 for d in decimals):
                return None
            current += float("0." + "".join(str(d) for d in decimals))
            if scale is not None:  # "two point four million"
                total += current * SCALES[scale]
                current = 0.0
            break
        else:
            return None
        index += 1
    if not seen:
        return None
    if groups:
        # "one ten" -> 110; anything else said as separate groups is not one number.
        if len(groups) == 1 and groups[0] < 100 and total == 0 and 10 <= current < 100:
            return groups[0] * 100 + current  # "one ten", "twenty one fifty", "ten seventy five"
        if len(groups) == 1 and 2 <= groups[0] < 100 and total == 0 and 1 <= current < 10:
            # Thousands and hundreds, as prices of cars and salaries are said: "eleven five"
            # (11,500), "ten eight", "thirty nine five" (39,500).
            return groups[0] * 1000 + current * 100
        return None
    return total + current
