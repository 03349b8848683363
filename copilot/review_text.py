"""A review in words: each part phrased once, for the three renderers.

The terminal (``review_report.render_review``), the Markdown summary meant to be sent
(``export.to_markdown``) and the panel's review (``export.to_review_markdown``) all read
``review.build_review``'s dict through these helpers, so a term, a due date or a style is
said the same way everywhere.
"""

from __future__ import annotations

import re
from typing import Any

from copilot.coach.prep import show_number
from copilot.understand.dates import WEEKDAY_NAMES
from copilot.understand.numbers import is_number_word

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}


TIME_UNITS = {"year", "month", "week", "day", "hour"}


def term_value(term: dict[str, Any], issue: str | None = None) -> str:
    """A term's value with its unit: "$40", "3%", "24 months", a split's "60/40" (its
    issue taken from ``issue`` or the term)."""
    value, unit = term["value"], term.get("unit") or ""
    if unit in CURRENCY_SIGNS:
        return f"{CURRENCY_SIGNS[unit]}{show_number(value)}"
    if unit == "percent" and (issue or term.get("issue")) == "split":
        return f"{show_number(value)}/{show_number(100 - value)}"  # "55/45", said as shares
    if unit == "percent":
        return f"{show_number(value)}%"
    if unit == "count":  # "200 seats": what was counted is the issue's to say
        return show_number(value)
    if unit in TIME_UNITS and value != 1:
        unit += "s"  # "18 months", not "18 month"
    return f"{show_number(value)} {unit}".strip()


def issue_name(issue: str) -> str:
    """An issue as a reader names it: a figure the words tied to no issue is "a figure
    (issue not named)", not "other" (which a stranger read as a term called "other")."""
    return "a figure (issue not named)" if issue == "other" else issue


def meeting_day(session: dict[str, Any]) -> str:
    """The day a session's meeting took place: the meeting date said for it (an analysed
    recording or transcript), else the day it started (a live call)."""
    return session.get("meeting_date") or (session.get("started") or "")[:10]


def owner_text(owner: str | None) -> str:
    """Who a commitment belongs to; "unassigned" when nobody was named."""
    return owner or "unassigned"


def due_text(item: dict[str, Any]) -> str:
    """A commitment's due date, else the words that were said, else "no date"."""
    if item.get("due"):
        return item["due"]
    return f"“{item['due_text']}”" if item.get("due_text") else "no date"


def open_questions(review: dict[str, Any]) -> list[str]:
    """Their questions left unanswered, and who-and-when for each vague commitment still
    to do. A question counts as answered when you spoke next (within their next two
    utterances) with more than a putting-off ("let me check", "I'll get back to you")."""
    utterances = review["utterances"]
    asked = []
    for index, utterance in enumerate(utterances):
        if utterance["party"] != "them" or not any(_puts_a_question(m) for m in utterance["moves"]):
            continue
        if _put_to_their_own(utterance, utterances[index + 1 : index + 2]):
            continue
        reply = next((u for u in utterances[index + 1 : index + 3] if u["party"] == "you"), None)
        question = _question_said(utterance)
        said = {m["kind"] for m in reply["moves"]} if reply is not None else set()
        if reply is None or not _answers(question, reply["text"], said):
            asked.append(question)
    return asked + [_pin_down(c) for c in still_to_do(review) if c["vague"]]


def _put_to_their_own(utterance: dict[str, Any], after: list[dict[str, Any]]) -> bool:
    """ "Victor, can you get the PO raised this week?" asked of a colleague on their side,
    who speaks next: nothing for you to answer."""
    if not after or after[0]["party"] != utterance["party"]:
        return False
    name = (after[0].get("speaker") or "").split(" ")[0].lower()
    question = _question_said(utterance).lower()  # after "Great." or "Thanks."
    called = re.match(r"\W*(?:(?:so|ok|okay|and|hey|oh)\W+)?([a-z]+)\s*[,:]", question)
    return (
        bool(name)
        and name != (utterance.get("speaker") or "").lower()
        and bool(called and called.group(1) == name)
    )  # the colleague called by name, "Victor, …"; not "So Tom and I were wondering…"


# A request put as a question waits for an answer too: "Can you also start on the 16th?",
# "and forty is locked for the full quarter right".
ASKED_AS_A_QUESTION = re.compile(r"(?:\?|\b(?:right|correct|yeah|yes|ok|okay))\W*$")


def _puts_a_question(move: dict[str, Any]) -> bool:
    """A question, or an ask said as one."""
    if move["kind"] == "question":
        return True
    asked = (move["text"] or "").lower()
    # "can i move in may 30 instead? my lease ends then": the mark is mid-turn
    return move["kind"] == "ask" and ("?" in asked or bool(ASKED_AS_A_QUESTION.search(asked)))


def _question_said(utterance: dict[str, Any]) -> str:
    """The words of the question, not the greeting or sign-off around it ("Likewise! Do you
    have any questions about the pension scheme? Mark", "Wonderful. Will you need…")."""
    text = utterance["text"]
    spans = [m["text"] for m in utterance["moves"] if _puts_a_question(m) and m["text"]]
    said = spans[0].strip() if spans and spans[0] in text else text
    parts = re.split(r"(?<=[.!])\s+", said)
    while len(parts) > 1 and len(parts[0].split()) <= 3:
        parts.pop(0)  # "Wonderful.", "Perfect!", "Hi Sam."
    # "Yes, of course, and there's no fee for that either. Would you like me to pencil in a
    # tasting?": the question is what follows the answer given first.
    while len(parts) > 1 and not parts[0].rstrip().endswith("?") and "?" in " ".join(parts[1:]):
        parts.pop(0)
    return " ".join(parts)


def _answers(question: str, reply: str, moves: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a reply answers: not a question back ("what's yours?"), not putting it off
    or declining ("let me check", "let's park that", "i'd rather not say"), and more than
    a word or two ("ok"), unless those are a yes or no to a yes-no question ("yes please"
    to "do you still need the reports") or a figure or day ("10am", "about 210"). Longer,
    it must bear on the question: a move of the negotiation (``moves``, the reply's move
    kinds), a yes or no, a figure or a day, or a word of the question's own; "Thanks
    again, talk soon" and "The weather has been lovely" answer nothing."""
    lower = reply.lower().strip()
    if PUTS_OFF.search(lower):
        return False
    # A reply that opens by asking back ("can we do a big shop on sunday? i can drive" to
    # "well who's ringing him then") is read as a question; one that answers first ("I'm
    # afraid a Friday wouldn't work. Could you lower the minimum?") as an answer.
    if re.split(r"(?<=[.!?])\s+", lower)[0].endswith("?"):
        # "what's yours?" asks back; "Sure, happy to. Could you take my bins out?" says
        # yes first; "Would you consider five thousand dollars?" names the figure asked for.
        if _names_a_figure(lower.split()) and ASKS_A_FIGURE.search(question.lower()):
            return True
        return bool(YES_OR_NO.match(lower) and YES_NO_QUESTION.match(question.lower()))
    words = lower.split()
    asked = question.lower()
    if len(words) >= 3:
        if (
            not moves
            and YES_NO_QUESTION.match(asked)
            and not ASKED_OF_THE_PAST.match(asked)
            and GONE_BY.search(lower)
            and not SAYS_YES_OR_NO.search(lower)
        ):
            # "We had eight hundred volunteers last year, it was amazing" to "Do I get a
            # tax receipt for that?" tells a story instead.
            return False
        if (
            moves == {"commitment"}
            and len(words) > SHORT_REPLY
            and not ASKS_A_PLAN.search(asked)
            and not _shares_a_word(asked, words)
        ):
            # "I'll get the signed order form back to you within five business days" to
            # "would your team be open to joining our advisory board?" goes on with the
            # deal: its figure is no answer ("We'll have 4 cars" to "Do you need parking?",
            # short, is one).
            return False
        if YES_OR_NO.match(lower) or _bears_on(asked, words):
            return True
        if MOVES_ON.match(lower):
            return False  # "btw his dad used to tutor him"
        if ASKS_A_DAY.search(asked):
            # A "when" wants a time: "As soon as the deposit clears", "Early March
            # ideally"; not "last year we tried a broker", which tells of the past.
            return not SMALL_TALK.search(lower) and bool(SAYS_WHEN.search(GONE_BY.sub(" ", lower)))
        if ASKS_WHO.search(asked):
            return _names_someone(reply)  # "We'll also need badge access" names nobody
        if moves & {"commitment"} and not ASKS_A_PLAN.search(asked):
            # "My foreman will walk the site on Thursday" to "what's your warranty?" goes
            # on to something else; to "what are the next steps?" it answers.
            return bool(moves - {"commitment", "ask", "question", "pressure"})
        return bool(moves) or not _only_signs_off(lower)
    if YES_OR_NO.match(lower) and YES_NO_QUESTION.match(asked):
        return True
    if any(c.isdigit() for c in lower) and ASKS_A_FIGURE.search(asked):
        return True  # "about 210" to "how many seats?", "10am" to "what time?"
    return any(w.strip(".,!") in DAY_WORDS for w in words) and ASKS_A_DAY.search(asked) is not None


# A promise this short, said straight after a question, answers it with its figure.
SHORT_REPLY = 8


def _bears_on(question: str, words: list[str]) -> bool:
    """Whether a reply names a figure, a day, or a word of the question's (its first five
    letters, so "send" meets "sending" and "deliver" meets "delivery")."""
    plain = [w.strip(".,!?;:'\"()") for w in words]
    if _names_a_figure(words):
        return True
    if ASKS_A_DAY.search(question) and any(w in DAY_WORDS for w in plain):
        return True  # not "see you all Friday!" to "did anyone book the ferry?"
    return _shares_a_word(question, words)


def _shares_a_word(question: str, words: list[str]) -> bool:
    """Whether a reply says a telling word of the question's (its first five letters)."""
    plain = [w.strip(".,!?;:'\"()") for w in words]
    stems = {w[:5] for w in re.findall(r"[a-z']+", question) if _telling(w)}
    return any(w[:5] in stems for w in plain if _telling(w))


def _names_a_figure(words: list[str]) -> bool:
    """Whether any word is a figure: "210", "$5,000", "eight"."""
    plain = [w.strip(".,!?;:'\"()$£€") for w in words]
    return any(any(c.isdigit() for c in w) or is_number_word(w) for w in plain)


def _telling(word: str) -> bool:
    """Whether a word can tie a reply to a question: "van", "fee", "deposit"; not "the",
    "would"."""
    return len(word) > 3 and word not in PLAIN or len(word) == 3 and word not in SHORT_PLAIN


# What closes a talk or chats without answering: "Thanks again, talk soon.", "see u tmrw",
# "Okay, see you all Friday!", "The weather has been lovely this week".
SIGNS_OFF = re.compile(
    r"\b(?:thanks|thank you|thx|ta|cheers|(?:talk|speak)(?: to you)? (?:soon|later|then|"
    r"tomorrow|next \w+|on \w+day|\w+day)|ttyl|bye|goodbye|"
    r"take care|see (?:you|u|ya)(?: all)?(?: then| soon| later| there| tomorrow| tmrw| tmr|"
    r" on \w+| \w+day)?|have a (?:good|great|nice|lovely) \w+|again|ok|okay|"
    r"alright|all right|so much|everyone|all|guys)\b"
)
SMALL_TALK = re.compile(r"\b(?:weather|traffic|weekend was|sunny|raining|the game)\b")


def _only_signs_off(reply: str) -> bool:
    """Whether a reply only thanks, says goodbye or chats (a name at most besides)."""
    if SMALL_TALK.search(reply):
        return True
    rest = re.findall(r"[a-z']+", SIGNS_OFF.sub(" ", reply))
    return len(rest) <= 1


# A reply that turns to something else: "btw his dad used to tutor him", "We'll also
# need badge access for the night crew", "Anyway, I have to run".
MOVES_ON = re.compile(
    r"^\W*(?:(?:oh|um|uh|and|ok|okay|so|right)\W+)*(?:btw|by the way|anyway|anyhow|also|"
    r"one more thing|another thing|speaking of|before i forget|separately|on another note|"
    r"(?:i|we)(?:'ll| will| would|'d)? also)\b"
)
# What tells a time in a reply to "when…?", the past left out first.
SAYS_WHEN = re.compile(
    r"\b(?:as soon as|asap|soon|once|after|before|until|till|weeks?|months?|quarter|end of|"
    r"early|mid|late|right away|immediately|straight away|tomorrow|tonight|today|now|"
    r"morning|afternoon|evening|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|spring|summer|autumn|fall|winter|\w+day|\d)"
)
SAYS_YES_OR_NO = re.compile(r"\b(?:yes|yeah|yep|no|nope|sure|of course)\b")
ASKED_OF_THE_PAST = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|um|uh|also|oh)\W+)*(?:did|was|were|had)\b"
)
GONE_BY = re.compile(r"\blast \w+|\w+ ago\b|\bused to\b|\bin (?:19|20)\d\d\b")
ASKS_WHO = re.compile(r"\b(?:who|whom|whose|which (?:one of you|person|of you))\b")
# Questions that a promise answers: "what are the next steps?", "what's the plan?"
ASKS_A_PLAN = re.compile(
    r"\b(?:next steps?|what happens|the plan|how do we proceed|what now|from here|"
    r"what do you need|what can you do|how will you|what will you)\b"
)
# Capitalised words that open a sentence without naming anyone.
OPENERS = {"I", "We", "It", "That", "This", "The", "Our", "My", "Yes", "No", "Sure", "Well"}
OPENERS |= {"So", "Oh", "Um", "Uh", "Yeah", "Okay", "Ok", "Honestly", "Probably", "Not"}
OPENERS |= {"Someone", "Somebody", "Nobody", "Good", "Great", "Thanks", "Hmm", "Hi", "Hey"}
NAMES_SELF = re.compile(
    r"\b(?:me|myself|i(?:'ll| will| am|'m)|(?:our|my) (?:\w+ )?(?:team|manager|colleague|"
    r"foreman|lead|partner|boss|director|office|side|person|guy|rep|engineer|lawyer))\b"
)


def _names_someone(reply: str) -> bool:
    """Whether a reply to "who…?" names a person: a name ("That would be Dana Morris",
    "Dana will"), the speaker ("me", "I'll do it") or one of theirs ("our site lead"). An
    all-lower-case transcript gets the benefit of the doubt."""
    if reply == reply.lower():
        return not _only_signs_off(reply)
    if NAMES_SELF.search(reply.lower()):
        return True
    words = re.findall(r"[A-Za-z][a-z']*", reply)
    return any(w[0].isupper() and w not in OPENERS for w in words)


# Words too common to tie a reply to a question.
PLAIN = {"that", "this", "with", "what", "when", "which", "your", "yours", "have", "does"}
PLAIN |= {"would", "could", "should", "will", "about", "there", "their", "they", "them"}
PLAIN |= {"from", "into", "just", "still", "want", "need", "like", "know", "think", "here"}
PLAIN |= {"again", "thanks", "thank", "please", "really", "good", "great", "well"}


SHORT_PLAIN = {"the", "and", "you", "are", "for", "but", "not", "our", "any", "can", "how"}
SHORT_PLAIN |= {"why", "who", "did", "was", "has", "had", "get", "got", "yet", "one", "all"}
SHORT_PLAIN |= {"his", "her", "its", "out", "now", "too", "way", "let", "may", "see", "say"}
SHORT_PLAIN |= {"off", "use", "ask", "new", "old", "big", "bit", "lot", "yes", "yep", "nah"}
SHORT_PLAIN |= {"thx", "lol", "omg", "ill", "i'm", "i'd", "its", "u'r", "ur", "him", "she"}


# A yes-no question opens with its auxiliary ("do you still need…", "can we pay…").
YES_NO_QUESTION = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|um|uh|also|oh)\W+)*(?:do|does|did|is|are|was|were|can|could|"
    r"will|would|have|has|should|shall|may|might)\b"
)
YES_OR_NO = re.compile(r"^\W*(?:yes|yeah|yep|yup|no|nope|nah|sure|definitely|absolutely)\b")
# What a one-word figure or day can answer: "how many…", "what's your budget"; "when…".
ASKS_A_FIGURE = re.compile(
    r"\b(?:how (?:much|many|long|big|soon)|budget|price|cost|rate|number|figure|quantity|"
    r"volume|size|percent|discount|deposit|fee|rent|salary|bonus|what time|how old|"
    r"hoping for|thinking of|looking at|"
    r"in mind)\b"
)
ASKS_A_DAY = re.compile(r"\b(?:when|what day|which day|what date|what time|how soon)\b")
DAY_WORDS = WEEKDAY_NAMES | {"today", "tomorrow", "tonight", "weekly", "monthly", "daily"}


# A reply that leaves the question open: "let me check", "I'll get back to you on that",
# "we'd prefer to keep that private", "it depends on the bank".
PUTS_OFF = re.compile(
    r"\b(?:(?:let me|lemme) (?:check|see|find out|look|think|get back)|"
    r"(?:i'll|i will|we'll|we will) "
    r"(?:check|find out|get back|look into|confirm|talk|think|see|sleep on)|"
    r"think (?:about|on) (?:it|that|the rest)|think it over|sleep on it|"
    r"not sure|(?:i|we) don'?t know|no idea"
    r"|get back to you|good question|rather not (?:say|share|discuss|get into|answer|disclose)"
    r"|prefer (?:not|to keep)|can'?t (?:share|say)"
    r"|no comment|depends|haven'?t decided|need to (?:check|ask|talk)|talk it over|repeat"
    r"|why do you ask|not at liberty|private|confidential|park (?:that|it|this)|another time"
    r"|come back to (?:that|it|this)|circle back|table (?:that|it|this)|(?:take|discuss) "
    r"(?:that|it|this) offline|(?:talk about|get to|deal with) (?:that|it|this) later)\b"
)


def still_to_do(review: dict[str, Any]) -> list[dict[str, Any]]:
    """The commitments neither done nor dismissed (by the user, as no commitment at all)."""
    return [c for c in review["commitments"] if c["status"] in ("unlogged", "logged")]


def sent_commitments(review: dict[str, Any]) -> list[dict[str, Any]]:
    """The commitments a summary or a calendar shows: all but the dismissed."""
    return [c for c in review["commitments"] if c["status"] != "dismissed"]


def _pin_down(commitment: dict[str, Any]) -> str:
    """The question that makes a vague commitment firm: who, when, or both."""
    action = f"“{commitment['action']}”"
    if commitment["owner"] is None and commitment["due"] is None:
        return f"Who does {action}, and by when?"
    if commitment["owner"] is None:
        return f"Who does {action}?"
    return f"By when is {action} done?"


# Flags about what was agreed to be done: worth raising with the other side. The others
# ("You conceded without asking…", "Pressure tactic…") coach you, and stay out of a
# summary you send them.
SHARED_FLAGS = {"vague_commitment"}


def _open_warnings(review: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        flag
        for flag in review["flags"]
        if not flag["resolved"] and flag["severity"] in ("warn", "alert")
    ]


def follow_ups(review: dict[str, Any]) -> list[str]:
    """Warnings nobody resolved about the commitments: fit for the summary to send."""
    return [flag["message"] for flag in _open_warnings(review) if flag["kind"] in SHARED_FLAGS]


def coaching_notes(review: dict[str, Any]) -> list[str]:
    """Warnings and alerts nobody resolved about how you negotiated: for you alone."""
    return [flag["message"] for flag in _open_warnings(review) if flag["kind"] not in SHARED_FLAGS]


def scorecard_rows(review: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(figure, value, what it means) for each scorecard figure; "—" when not measurable."""
    rows = []
    for name, item in review["scorecard"].items():
        value = "—" if item["value"] is None else str(item["value"])
        rows.append((name.replace("_", " "), value, item["explain"]))
    return rows


def style_counts(profile: dict[str, Any]) -> str:
    """How often each style showed, most first: "competing 3, collaborating 1"."""
    shown = sorted(((n, s) for s, n in profile["counts"].items() if n), reverse=True)
    return ", ".join(f"{style} {count}" for count, style in shown) or "no style moves"


def style_rows(review: dict[str, Any]) -> list[tuple[str, str, str, dict[str, list[str]]]]:
    """(who, leading style, counts, quotes by style) for you, then them."""
    return [
        (
            "You" if party == "you" else "Them",
            profile["style"] or "not enough to tell",
            style_counts(profile),
            profile["evidence"],
        )
        for party, profile in review["styles"].items()
    ]
