"""The understanding pipeline: en_core_web_sm plus the project's spaCy components.

Components (registered with ``@Language.factory``):

- ``chat_contractions`` (first, before the tagger): "ill bring cash" read as "i'll";
- ``negotiation_terms``: numeric terms (issue, value, unit) as ``doc._.terms``;
- ``negotiation_moves``: moves from cue patterns and syntax as ``doc._.moves``;
- ``negotiation_commitments``: promises with owner, action and due text as
  ``doc._.commitments``.

``NegotiationUnderstander`` turns those into the engine's dataclasses, and keeps each
party's position per issue within a session so that a new offer that moves toward the
other side counts as a concession, with its size.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from copilot.events import CommitmentDraft, Move, Term, Understanding, move_labels
from copilot.understand import contractions  # noqa: F401  (registers chat_contractions)
from copilot.understand.asked import asked_to_act, says_will_do
from copilot.understand.commitments import (
    ACKNOWLEDGEMENTS,
    ASKS_A_HABIT,
    MONEY_NOUNS,
    TAKING_IN,
    WONDERING,
    YOURS,
    ActionRequest,
    CommitmentSpan,
    answers_yes,
    clauses,
    condition_heads,
    days_named,
    deeds_beside_sums,
    find_commitment,
    includes_a_paper,
    invites_gift,
    names_a_deal_term,
    refuses,
    requested_action,
    said_before_a_question,
)
from copilot.understand.cues import PATTERNS_DIR, CueMatcher
from copilot.understand.dates import (
    MONTH_NAMES,
    ORDINAL_TOKENS,
    WEEKDAY_NAMES,
    WEEKDAY_SHORT,
    normalise_due,
)
from copilot.understand.move_model import MoveModel
from copilot.understand.moves import (
    WH_WORDS,
    asks_for_a_no,
    bids_them,
    deal_on_terms,
    decide_moves,
    in_condition,
    in_refusal,
    listed_price,
    opening_no,
    proposed_term,
    rival_figures,
    sentence_views,
)
from copilot.understand.numbers import NUMBER_WORDS, says_a_number
from copilot.understand.terms import (
    CURRENCIES,
    CURRENCY_WORDS,
    GOODS_MEASURES,
    MONEY_UNITS,
    RATE_PERIODS,
    TermSpan,
    find_terms,
)

DOC_EXTENSIONS = ("terms", "moves", "commitments", "may_ask", "yields_demand", "supposes")
DOC_EXTENSIONS += ("closes_on_terms", "bids_them", "rival_figures", "refuses_nothing")
for _name in (*DOC_EXTENSIONS, "scorns", "scorns_with_joy"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class TermsComponent:
    """Sets ``doc._.terms``."""

    def __init__(self, issue_names: dict[str, str]):
        self.issue_names = {k.lower(): v for k, v in issue_names.items()}

    def __call__(self, doc: Doc) -> Doc:
        doc._.terms = find_terms(doc, self.issue_names)
        return doc


class MovesComponent:
    """Sets ``doc._.moves`` from the cue patterns and the parse."""

    def __init__(self, nlp: Language, patterns: str):
        self.cues = CueMatcher(nlp, PATTERNS_DIR / patterns)
        # Set per utterance by the pipeline: the other side's last words asked a question
        # a "no" agrees to ("would you mind…?", "is that too much?").
        self.after_a_negative_question = False

    def __call__(self, doc: Doc) -> Doc:
        # "No, not at all" to "would you mind…?", "is 300 too much?": words of refusal
        # that refuse nothing, so the model, hearing them, may not make a refusal either.
        agreeing = opening_no(doc) if self.after_a_negative_question else 0
        cues = [c for c in self.cues(doc) if not (c.label_ == "reject" and c.end <= agreeing)]
        views = sentence_views(doc, cues, doc._.terms or [])
        doc._.refuses_nothing = agreeing > 0 or any(v.has("weighed") for v in views)
        doc._.moves = decide_moves(views)
        doc._.rival_figures = rival_figures(views)
        # "we won't push for the meal allowance" gives a demand up: the model, which hears
        # a refusal in the "won't", may not add one.
        doc._.yields_demand = any(v.has("yield_demand") for v in views)
        # "$35,600 and we have a deal" puts terms forward: the model, hearing "deal", may
        # not make an accept of it.
        closes = [v for v in views if v.has("accept") and deal_on_terms(v)]
        doc._.closes_on_terms = bool(closes)
        # "Throw in the case and you've got a deal": theirs to give, not the speaker's.
        doc._.bids_them = any(bids_them(v) for v in closes)
        # "That's ridiculous." refuses only what the other side put on the table.
        # Only scorn that opens the utterance, after an echo at most ("350? That's
        # ridiculous."), and no agreement beside it ("You're joking! Brilliant, deal.").
        scorned = next((i for i, v in enumerate(views) if v.has("scoff")), None)
        doc._.scorns = (
            scorned is not None
            and all(len(v.words) <= 3 for v in views[:scorned])
            and all(len(v.cues.get("reject", [])) == len(v.cues.get("scoff", [])) for v in views)
        )
        doc._.scorns_with_joy = doc._.scorns and any(
            v.has("accept") or any(t.lower_ in DELIGHTED for t in v.span) for v in views
        )
        # "If we had a bigger budget, we'd take the premium tier": every sentence supposes
        # what is not so, and the model, hearing "we'd take", may not make an offer of it.
        # ("Perfect. If you had gone for the Friday, I could have offered you the garden
        # room": a word of thanks beside it does not make it an offer.)
        doc._.supposes = any(v.has("supposed") for v in views) and all(
            v.has("supposed") or v.is_small_talk or _only_thanks(v.span) for v in views
        )
        # The move model may not find a question where small talk is the only one ("How was
        # your weekend?") or where every sentence is a written statement ("Our biggest
        # concern is budget predictability."); unpunctuated speech may still ask.
        doc._.may_ask = any(
            (v.is_question or v.has("info_request") or v.span.text.rstrip()[-1:] not in (".", "!"))
            and not v.is_small_talk
            and not v.marvels
            and not v.opens_a_cleft
            for v in views
        )
        return doc


def commitments_in(doc: Doc, loose: bool = False, agreed: bool = False) -> list[CommitmentSpan]:
    """The commitments of each sentence (``find_commitment``; ``loose`` and ``agreed`` as
    there)."""
    terms = [
        t for t in doc._.terms or [] if names_a_deal_term(doc, t.start, t.end, t.issue, t.unit)
    ]
    found = []
    condition_before = False
    for sent in doc.sents:
        if not condition_before:
            # A term anywhere in the sentence counts for each of its clauses ("£40 is below
            # my usual rate, so I will have to stay there" holds a price, promises nothing).
            has_terms = any(sent.start <= t.start < sent.end for t in terms)
            for clause in clauses(sent):
                found.append(find_commitment(clause, has_terms, loose, agreed))
        # "and honestly if the demo goes well we'll sign on": unpunctuated speech the parser
        # cut after the condition, which still governs what follows.
        condition_before = sent[-1].is_alpha and any(h == sent.root for h in condition_heads(sent))
    return [c for c in found if c is not None]


class CommitmentsComponent:
    """Sets ``doc._.commitments``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.commitments = commitments_in(doc)
        return doc


@Language.factory("negotiation_terms", default_config={"issue_names": {}})
def make_terms(nlp: Language, name: str, issue_names: dict[str, str]) -> TermsComponent:
    """Factory of the terms component; ``issue_names`` maps words to issues."""
    return TermsComponent(issue_names)


@Language.factory("negotiation_moves", default_config={"patterns": "moves.jsonl"})
def make_moves(nlp: Language, name: str, patterns: str) -> MovesComponent:
    """Factory of the moves component; ``patterns`` names a file in resources/patterns."""
    return MovesComponent(nlp, patterns)


@Language.factory("negotiation_commitments", default_config={})
def make_commitments(nlp: Language, name: str) -> CommitmentsComponent:
    """Factory of the commitments component."""
    return CommitmentsComponent()


def add_negotiation_pipes(nlp: Language) -> Language:
    """Add the project's components to a loaded English pipeline."""
    nlp.add_pipe("chat_contractions", first=True)
    nlp.add_pipe("negotiation_terms")
    nlp.add_pipe("negotiation_moves")
    nlp.add_pipe("negotiation_commitments")
    return nlp


OTHER = {"you": "them", "them": "you"}
# An amount named with these is not pledged: a refusal, a hedge or a condition ("if it
# helps" is a courtesy, and an apology refuses nothing: "ok i'll do 2 quid, sorry i'm a bit
# skint till payday").
NOT_A_PLEDGE = re.compile(
    r"\b(?:no(?! problem)|not|never|cannot|can't|cant|won't|wouldn't|don't|dont|maybe|perhaps|"
    r"possibly|might|if(?! (?:it|that|this) helps| you (?:want|like|'d like|wish))|unless|later)\b"
    r"|n't\b"
)
EARNING = {"pay", "earn", "though"}
# Where a new clause turns against the one before: "I can't do 25 but I can do 5".
CLAUSE_TURNS = {"but", "although", "however"}
THIRD_PERSONS = {"he", "she", "they"}
# Saying what one gives after a plea: "i'll do 2 quid", "I can put in $5", "we'll send $20".
GIVING_SUMS = {"do", "give", "put", "chip", "send", "donate", "pledge", "sponsor", "throw"}
GIVING_AUX = {"will", "can", "could", "would", "shall"}
HOLDING = {"have", "get", "be", "love", "like", "want", "need", "help"}  # what one has or feels
# What an accept can take up: the other side's latest utterance must have one of these.
PROPOSING = frozenset({"offer", "concession", "ask", "pressure"})
# ...and what it can accept: granting a bare ask ("can you help me carry it up?" "yeah of
# course") promises or gives; there are no terms of theirs to agree to (unless the ask put
# terms and the yes takes them up: see _puts_terms and _agrees_to_terms).
ACCEPTABLE = PROPOSING - {"ask"}
GIFT_QUESTION_OPENERS = {"would", "will", "can", "could", "may", "so", "ok", "okay", "please"}
# Once giving is on the table, a yes/no question asks for the gift only when it names giving
# ("can I count on your support?") or points back at it ("would you do it?"); not "so do you
# live in the US?" nor "would like to receive a thank you?" (P4G tuning half).
GIVING_WORDS = {
    "donate", "donation", "give", "gift", "help", "support", "contribute", "contribution",
    "pledge", "commit", "commitment", "sponsor", "chip", "spare", "count",
}  # fmt: skip
POINTS_BACK = {"it", "that", "this", "so"}
# ...or, short, asks whether they will, are willing or are in ("will you?", "would you be
# willing to?", "are you in?"), not about their state ("are you busy?", "are you sure?").
WILLING_STATES = {"willing", "able", "happy", "glad", "ready", "okay", "ok", "up", "in"}
# "so you do not wish to help?", "you don't want to give anything?", "you won't donate?"
# (not "you don't have to give a lot?", which still asks).
REFUSED_WISHES = {"wish", "want", "plan", "intend", "care", "like", "go", "feel"}
REFUSED_WISHES |= {"donate", "give", "help", "support", "contribute", "pledge"}
# The simple present of these with "I" or "we" and a word of habit reports what the
# speaker does anyway ("I sponsor a child every month for $40", "we already give $20 a
# year"), not a pledge; "I give $1" alone, or "I pledge $5", is the promise itself.
HABIT_GIVING = (GIVING_SUMS - {"do", "pledge"}) | {"contribute"}
HABIT_WORDS = {"usually", "already", "regularly", "often", "monthly", "weekly", "yearly"}
HABIT_WORDS |= {"annually", "normally", "typically"}
# "a month", "every year", "each week": how often, not "we give $1 each".
PER = {"a", "per", "every", "each"}
PERIODS = {"month", "year", "week", "day"}
# An amount said after a yes answers the plea, whatever they asked last ("Do you think
# that's worthwhile?" / "yes. one dollar").
SAYS_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|alright|of course)\b")
# Asked how much, these keep the answer in the present: "I was thinking $20", "I was going
# to say $2".
THINKING_IT_OVER = {"think", "hope", "figure", "say", "guess", "plan"}
HOW_ABOUT = re.compile(r"\b(?:how|what) about\b")
TERM_MOVES = ("offer", "concession", "ask", "accept", "reject")
TRACKED = ("offer", "concession", "accept")  # the moves that put a position
# An utterance of at most this many words and no term gives nothing the rules missed.
SHORT_WORDS = 3
# Two values closer than this are the same number (float noise), not a move.
MIN_MOVE = 1e-9
# A question after the seller's price: "whats ur rate", "how much are you asking" (not
# "what's your budget?", which a buyer answers with a limit, an interest).
ASKS_A_PRICE = re.compile(
    r"\b(?:what(?:'s| is|s)? (?:ur|your|the) (?:rate|price|fee|quote)|"
    r"(?:what|how much) (?:are|r) (?:you|u) asking|how much (?:do|d) (?:you|u) (?:charge|want)|"
    r"what do (?:you|u) want for|how much (?:is it|for))\b"
)
# Asking what a term is, which the answer states, moving nothing: "whats the deposit btw",
# "what's the notice period?", "when could you start" (not "what's the best you can do?",
# which asks for a move).
ASKS_WHAT_A_FIGURE_IS = re.compile(
    r"\bwhat(?:'s| is|s) (?:ur|your|the) (?!best|lowest|highest|most|least|bottom|final|max)\w+"
    r"|\bwhen (?:can|could|would|will|do|does) (?:you|u|they|we) (?:start|begin|deliver|ship)\b"
)
# Delight beside "you're joking": "Free delivery? You're joking! Brilliant, deal."
DELIGHTED = {"brilliant", "amazing", "awesome", "fantastic", "wonderful", "great", "perfect"}
DELIGHTED |= {"deal", "love", "lovely", "excellent", "sweet", "yay", "wow"}
# The scales people drop once the sums on the table are in them, and the least figure
# said that way: "thirty nine" for 39,000, "two point four" for 2.4 million, "twenty
# seven" for 2,700 after "twenty seven fifty" (hundreds last: only when no larger fits).
SCALE_DROPPED = {1_000: 10, 1_000_000: 1, 100: 10}
# A figure beside these is a change, not a position: "knock off forty", "another fifty",
# "knock forty off", "fifty more".
CHANGE_WORDS = {"off", "another", "extra", "additional", "more", "less"}
# "thirty nine cash", "one ninety five mm": no things counted
NOT_COUNTED = {"cash", "total", "flat", "upfront", "mm", "hmm", "um", "uh", "er"}
# "108 works", "forty sounds fine", "ninety tops": read as nouns, said of the figure.
NOT_COUNTED |= {"works", "sounds", "tops", "max"}
# "160 base", "20 bonus": the pay named, said of the figure, with its thousands dropped.
NOT_COUNTED |= {"base", "salary", "bonus"}


@dataclass
class SessionContext:
    """What understanding remembers within one session.

    Attributes:
        meeting_date: relative due dates count from it.
        issue_words: words naming the prep sheet's issues, mapped to the issue.
        positions: the last value each party put on each (issue, unit).
        set_aside: per (party, issue, unit) of no named issue, the position a figure far
            from it replaced ("Three on the truck" after "Twenty-two nine"): the next
            figure like it moves from it.
        previous_text: the utterance before this one, whoever said it (the move model
            reads it as context).
        previous_labels: what the rules found in that utterance.
        request: the party who last asked the other side to act, the action asked for and
            whether they asked how much ("Would you donate?"): a yes to it in the other
            side's next turn is a commitment.
        previous_party: who said the utterance before this one.
        asked_to_give: the parties the other side has asked to give to a cause ("would you
            donate?"), with the verb asked: from then on an amount they name, offer or
            accept is what they pledge.
        previous_named_a_number: the utterance before this one named a value ("deal" right
            after it takes that number).
        last_moves: the moves found in each party's latest utterance.
        promised: who promised what in the latest utterance (party, action), for the
            other side's "I will too".
        asked_of_listener: the sentence of the utterance before this one that asks the
            listener to act (``asked_to_act``), for a bare "will do" in reply.
        asked_something_else: the parties whose latest utterance asked a question about
            neither giving nor an amount ("do you know how much a candy bar costs"): an
            amount said next answers it.
        own_promise: the promise the latest utterance made of its speaker (party, action).
        asked_when: the promise (party, action) the other side asked the time of in the
            latest utterance ("I'll have the deal desk draft it." / "When should we
            expect it?"), for a bare time in reply.
        last_day_said: the words of the latest day anyone named ("the deposit is due by
            the fifteenth"), which a promise "by then" is due by.
        day_asked: the party that asked for something by a day in the latest utterance,
            with that day ("can you do it by wednesday? the client call is friday"): a
            "by then" in reply means it.
        offered_deed: the party whose latest utterance put a deed beside a sum ("three
            hundred and I'll get the refund to you by Friday"), with the deed as it would
            be promised once the other side takes the sum, and the sums it named.
    """

    meeting_date: dt.date = field(default_factory=dt.date.today)
    issue_words: dict[str, str] = field(default_factory=dict)
    positions: dict[tuple[str, str, str | None], float] = field(default_factory=dict)
    set_aside: dict[tuple[str, str, str | None], float] = field(default_factory=dict)
    previous_text: str | None = None
    previous_labels: frozenset[str] = frozenset()
    request: tuple[str, ActionRequest] | None = None
    previous_party: str | None = None
    asked_to_give: dict[str, str] = field(default_factory=dict)
    previous_named_a_number: bool = False
    last_moves: dict[str, frozenset[str]] = field(default_factory=dict)
    promised: tuple[str, str] | None = None
    asked_of_listener: str | None = None
    asked_something_else: set[str] = field(default_factory=set)
    own_promise: tuple[str, str] | None = None
    asked_when: tuple[str, str] | None = None
    last_day_said: str | None = None
    day_asked: tuple[str, str] | None = None
    offered_deed: tuple[str, list[CommitmentDraft], set[float | None]] | None = None


# "send that", "get it over", "set that up": a deed that only points at what was asked.
ONLY_A_POINTER = re.compile(
    r"^[a-z]+(?: (?:over|across|back|along|out|up|in))? (?:it|that|this|those|them|these)"
    r"(?: (?:over|across|back|along|out|up|in|through|off))?$"
)


# Verbs that only carry out what was asked: "i'll do that", "i'll get it over", "will sort it".
CARRY_OUT = {"do", "send", "get", "handle", "sort", "take", "have", "make"}


def _what_was_pointed_at(reply: str, asked: str) -> str:
    """What ``reply`` ("send that", "do it") promises: the deed ``asked`` for when it only
    carries it out."""
    verb, asked_verb = reply.split()[0], asked.split()[0]
    # Another deed on the thing ("i'll check that", "i'll sign it tonight") keeps its own
    # words: the request's object would not fit its verb ("sign us the lease").
    return asked if verb == asked_verb or verb in CARRY_OUT else reply


def _request_answered(party: str, context: SessionContext) -> ActionRequest | None:
    """What the other side asked of ``party`` in the utterance just before, if anything."""
    if context.request is None or context.previous_party != context.request[0]:
        return None
    asker, request = context.request
    return request if asker == OTHER.get(party) else None


# "…by then", "before that date": the day named last in the session.
BY_THEN = re.compile(r"\s+(?:by|before|b4|until|till)\s+(?:then|that (?:time|date|day|point))$")


# Words that set what comes after against what came before: "Friday is a holiday, but…".
CONTRASTS = {"but", "though", "although", "however", "yet"}


def _day_meant_by_then(
    doc: Doc,
    span: Span,
    party: str,
    asked: ActionRequest | None,
    context: SessionContext,
) -> str | None:
    """The day a promise "by then" is due by: one named just before in the same utterance
    ("Then Wednesday works. I'll fix the export bugs by then."), not one set against the
    promise ("Friday is a holiday, but we'll ship by then"); else the day asked for in the
    request answered ("can you do it by wednesday? the client call is friday"), the day
    the other side asked about, or the day named last in the session."""
    day_asked = context.day_asked
    if day_asked and day_asked[0] != OTHER.get(party):
        day_asked = None
    said_here = [
        e.text
        for e in doc.ents
        if e.label_ == "DATE"
        and e.end <= span.start
        and not any(t.lower_ in CONTRASTS for t in doc[e.end : span.start])
    ]
    return (
        (said_here[-1] if said_here else None)
        or (asked.due_text if asked else None)
        or (day_asked[1] if day_asked else None)
        or context.last_day_said
    )


# "I will too", "we'll do the same", "so will I", "same here": the other side's promise, made
# one's own.
ECHO = re.compile(
    r"^\W*(?:(?:ok|okay|yes|yeah|sure|great|good|cool)\b\W*)*"
    r"(?:(?:i|we)\s*(?:will|'ll|can|would|'d|shall)\s+(?:too|as well|also|do the same"
    r"|do that too|do so too)|so (?:will|can|would) (?:i|we)|me too|same here)\W*$"
)


EXTRA_WORDS = {"also", "too"}


def _finds_out(action: str) -> bool:
    """ "ask hr if they'll match mine", "find out when the van is free", "ask my manager
    about a bigger discount": finding something out (not "confirm the booking with the
    venue", a task)."""
    words = action.lower().split()
    if not words or words[0] not in WONDERING:
        return False
    asked = WH_WORDS | {"if", "whether", "about"}
    return words[0] in ("find", "figure") or bool(asked & set(words))


def _gives_extra(doc: Doc, found: list[CommitmentSpan]) -> bool:
    """ "I'll bring buckets and sponges on the day too", "We'll also send you a monthly
    report": a task taken on beside the deal is something given (not "I'll get you the
    deposit by Friday too", a payment owed, nor a deal term: "we'll hold three ten too"; a
    count of things is no term: "I'll also bring the 2 ladders")."""
    for promise in found:
        if promise.owner != "speaker":
            continue
        if _finds_out(promise.action):
            continue  # "i'll also ask hr if they'll match mine": finding out gives nothing
        # The whole sentence: "we'll cover shipping too, and I'll send the quote today"
        # gives beside the promise, in the clause before it.
        sentence = doc[promise.start].sent
        if not any(t.lower_ in EXTRA_WORDS and t.dep_ == "advmod" for t in sentence):
            continue
        if promise.open_to_do:
            continue  # "we should also get a rain plan together at some point": a to-do
        if any(t.lemma_ in MONEY_NOUNS for t in sentence) or any(
            sentence.start <= t.start < sentence.end
            and (t.unit in MONEY_UNITS or t.issue != "other")
            for t in doc._.terms or []
        ):
            continue
        return True
    return False


def _echoed_promise(text: str, party: str, context: SessionContext) -> CommitmentDraft | None:
    """ "We will too" right after the other side promised something: the same promise."""
    promised = context.promised
    if promised is None or promised[0] != OTHER.get(party):
        return None
    if not ECHO.match(text.lower().replace("\u2019", "'")):
        return None
    return CommitmentDraft(party, promised[1])


# "When should we expect it?", "how soon can you send it", "by when?"
ASKS_WHEN = re.compile(r"\b(?:when|how soon|by when|what time|what day)\b")
ASKED_OF_THE_PAST = re.compile(r"\b(?:did|was|were|had)\b")
# The question must point back at the promise ("when can we have it?", a bare "by when?"),
# not ask about the listener's own plans ("when is your board meeting?", "when do you need
# our comments?", "what day works for you?").
POINTS_BACK_AT_IT = (POINTS_BACK - {"so"}) | {"them", "those"}
ABOUT_THE_LISTENER = re.compile(r"\b(?:your|need|works?|free|available|availability)\b")
PAST_TIMES = {"last", "ago", "yesterday", "earlier"}
# Words before a time that belong to it: "by", "end of", "first thing", "close of business".
TIME_LEAD_INS = {"by", "before", "on", "end", "of", "the", "first", "thing", "close", "business"}
TIME_OF_DAY_WORDS = {"morning", "afternoon", "evening", "night", "noon", "midday"}
# What a bare time in reply may say beside the time: "By end of next week at the latest."
TIME_ANSWER_WORDS = TIME_LEAD_INS | TIME_OF_DAY_WORDS | {"at", "latest", "in", "around", "eod"}
TIME_ANSWER_WORDS |= {"about", "probably", "hopefully", "sometime", "early", "late", "next"}
TIME_ANSWER_WORDS |= {"yes", "yeah", "yep", "sure", "ok", "okay", "um", "uh", "should", "be"}
TIME_ANSWER_WORDS |= {"i", "think", "within"}


def _asks_when(doc: Doc, moves: list[Move]) -> bool:
    """The utterance asks when something will happen."""
    lower = doc.text.lower()
    if not any(m.kind == "question" for m in moves) or not ASKS_WHEN.search(lower):
        return False
    if ASKED_OF_THE_PAST.search(lower) or ABOUT_THE_LISTENER.search(lower):
        return False  # "when did you last update it?", "when is your board meeting?"
    words = [t for t in doc if t.is_alpha]
    return len(words) <= 3 or any(t.lower_ in POINTS_BACK_AT_IT for t in words)


def _time_of_promise(doc: Doc, party: str, context: SessionContext) -> CommitmentDraft | None:
    """A bare time said in reply when the other side asked when the speaker's promise will
    be kept ("I'll have the deal desk draft the order form." / "When should we expect
    it?" / "By end of next week at the latest."): the promise, with that time."""
    asked = context.asked_when
    if asked is None or asked[0] != party or doc.text.rstrip().endswith("?"):
        return None  # asked in the utterance just before this one, and not asked back
    times = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    words = [t for t in doc if not t.is_punct]
    inside = {t.i for e in times for t in e}
    rest = [t for t in words if t.i not in inside]
    if not times or any(t.lower_ not in TIME_ANSWER_WORDS for t in rest):
        return None  # "not before March, sorry", "I'll check with the team"
    if any(t.lower_ in PAST_TIMES for t in words):
        return None
    start = times[0].start
    while start and doc[start - 1].lower_ in TIME_LEAD_INS:
        start -= 1
    end = times[-1].end
    while end < len(doc) and doc[end].lower_ in TIME_OF_DAY_WORDS:
        end += 1  # "tomorrow morning"
    due_text = doc[start:end].text
    due = normalise_due(due_text, context.meeting_date)
    return CommitmentDraft(party, asked[1], due_text, due.isoformat() if due else None)


def _done_as_asked(text: str, party: str, context: SessionContext) -> CommitmentDraft | None:
    """ "will do" right after the other side asked something of the speaker: a promise of
    what they asked (their sentence stands for the action)."""
    asked = context.asked_of_listener
    if context.previous_party != OTHER.get(party) or asked is None:
        return None
    if not says_will_do(text):
        return None
    context.request = None  # one yes, one commitment: a second yes does not promise again
    return CommitmentDraft(party, f"as asked: {asked}")


# "Then I'll give notice", "otherwise we'll go to a third party", "in that case I'll split
# the order": what the speaker will do if the deal fails (not "ok then, I'll send it",
# which agrees).
# "…or we'll withhold the deposit", "or I cancel": what happens if the other side does not.
OR_ELSE = re.compile(r"\bor (?:we|i)(?:'ll| will)? (?:hold|withhold|cancel|terminate|pull)\b")
THREAT_VERBS = {"hold", "withhold", "cancel", "terminate", "pull"}


def _threatened(action: str, lower: str, threat_at: int) -> bool:
    """Whether ``action`` is the threat said after "or" ("…or we'll withhold the
    deposit"), not a promise said before it ("i'll hold the unit till monday, …")."""
    verb = action.split()[0] if action else ""
    return verb in THREAT_VERBS and lower.find(verb) > threat_at


CONSEQUENCE = re.compile(
    r"^\W*(?:(?:well|um|uh)\b\W*)*(?:then|otherwise|or else|in that case|if not|failing that)\b"
)


def _threatens(text: str, moves: list[Move], commitments: list[CommitmentDraft]) -> bool:
    """A consequence put as pressure, giving nothing and set for no time ("Then I'll give
    notice", "then we'll have to go with the other bidder") is a threat rather than a
    promise: every read set labels these pressure and no commitment (14 of 14 such pressure
    openings). Not "Then I'll have the signed PO to you by the 28th" (no pressure), nor
    "Then I'll send the contract today, but that's the last discount" (a time: the promise
    stands beside the pressure)."""
    kinds = {m.kind for m in moves}
    if "pressure" not in kinds or kinds & {"offer", "concession", "accept", "conditional"}:
        return False
    lower = text.lower()
    untimed = all(c.due_text is None for c in commitments) or " have to " in f" {lower} "
    return untimed and bool(CONSEQUENCE.match(lower))


class NegotiationUnderstander:
    """Understands utterances with a loaded pipeline that has the negotiation components.

    Args:
        nlp: en_core_web_sm with the negotiation components.
        move_model: the fine-tuned MiniLM move model (the default); None decides by the
            rules alone.
    """

    def __init__(
        self,
        nlp: Language,
        move_model: MoveModel | None = None,
    ):
        self.nlp = nlp
        self.move_model = move_model

    def new_context(
        self, meeting_date: str | None = None, issue_words: dict[str, str] | None = None
    ) -> SessionContext:
        """A fresh per-session context."""
        date = dt.date.fromisoformat(meeting_date) if meeting_date else dt.date.today()
        return SessionContext(meeting_date=date, issue_words=dict(issue_words or {}))

    def understand(
        self, text: str, party: str, context: SessionContext | None = None
    ) -> Understanding:
        """Moves and commitments in one utterance spoken by ``party``."""
        context = context or SessionContext()
        # One worker owns this pipeline, so the session's issue names can be set per call.
        self.nlp.get_pipe("negotiation_terms").issue_names = context.issue_words
        self.nlp.get_pipe("negotiation_moves").after_a_negative_question = (
            context.previous_party == OTHER.get(party)
            and asks_for_a_no(context.previous_text or "")
        )
        # The move model's layers read the words while spaCy parses them.
        reading = self.move_model.start(text, context.previous_text) if self.move_model else None
        doc = self.nlp(text)
        moves: list[Move] = []
        for found in doc._.moves:
            span = doc[found.start : found.end]
            term = found.term
            moves.append(
                Move(
                    kind=found.kind,
                    text=span.text,
                    conditional=found.conditional,
                    issue=term.issue if term else None,
                    value=term.value if term else None,
                    unit=term.unit if term else None,
                    start_char=span.start_char,
                    end_char=span.end_char,
                    other_terms=[Term(t.issue, t.value, t.unit) for t in found.other_terms],
                )
            )
        theirs_before = context.last_moves.get(OTHER.get(party, "")) or frozenset()
        if doc._.scorns and (not theirs_before & PROPOSING or doc._.scorns_with_joy):
            # "thats insane lol" after a story: scorn, with nothing on the table to refuse.
            moves = [m for m in moves if m.kind != "reject"]
            doc._.moves = [f for f in doc._.moves if f.kind != "reject"]
        _scale_to_positions(moves, doc, context)
        self._borrow_units(moves, context, doc)
        # "400 and it's a deal" after their "400" takes it; "350 and it's a deal" puts 350.
        closes_on_theirs = bool(doc._.closes_on_terms) and _names_their_figure(
            moves, party, context
        )
        if closes_on_theirs and not any(m.kind == "accept" for m in moves):
            offer = next(m for m in moves if m.kind == "offer" and m.value is not None)
            moves.append(replace(offer, kind="accept", conditional=False))
        came_down = _record_listed_price(doc, moves, party, context)
        first_number = _first_number(moves, party, context)
        held_as_final = _holds_own_number_as_final(moves, party, context, doc)
        if held_as_final:
            moves = [m for m in moves if m.kind != "concession"]
        _take_their_issue(moves, party, context)
        before_positions = dict(context.positions)
        took_their_number = self._track_positions(moves, party, context)
        # Said straight after the other side asked for a deed, this utterance answers it.
        answers_request = bool(
            context.request
            and context.request[0] == OTHER.get(party)
            and context.previous_party == context.request[0]
        )
        commitments: list[CommitmentDraft] = []
        self._add_commitments(doc, doc._.commitments, party, context, moves, commitments)
        if not commitments:
            self._add_whole(doc, self._yes_to_request(doc, party, context), moves, commitments)
        if not commitments:
            self._add_whole(doc, _done_as_asked(text, party, context), moves, commitments)
        # A plea in this very utterance counts: "Would you be will to donate $1.00 of your
        # task money?" asks for the gift however it is misspelt.
        gift = invites_gift(doc) if party in OTHER else None
        if gift:
            context.asked_to_give[OTHER[party]] = gift
        asked = requested_action(doc)
        if not asked and party in OTHER and OTHER[party] in context.asked_to_give:
            asked = self._gift_question(doc, context.asked_to_give[OTHER[party]])
        if asked:
            context.request = (party, asked)
        elif context.request and party == context.request[0] != context.previous_party:
            context.request = None  # the asker speaks again after the answer: it has lapsed
        elif context.request and party == context.request[0] and _asks_in_the_negative(doc):
            # "so I am to understand you do not wish to help any of them?" after "how much
            # would you like to donate?": a yes now confirms the refusal.
            context.request = None
        # The other side's utterance just before this one, which a yes here answers.
        answered = context.previous_text if context.previous_party == OTHER.get(party) else None
        context.previous_party = party
        extra = not any(m.kind == "concession" for m in moves) and (
            _gives_extra(doc, doc._.commitments)
            # "sure we'll leave them" after "could u leave the curtains": granting a thing
            # asked for gives it (with nothing asked back, the coach flags it).
            or (answers_request and bool(commitments) and _hands_over(doc))
        )
        if extra:
            moves.append(Move("concession", doc.text, end_char=len(doc.text)))
        found = move_labels(moves)
        if self.move_model is not None and reading is not None:
            before = set(context.previous_labels)
            scores = self.move_model.scores_of(reading.result(), found, before)
            firm = frozenset(f.kind for f in doc._.moves if f.firm) | frozenset(
                "conditional" for f in doc._.moves if f.firm and f.conditional
            )
            if extra:
                firm |= {"concession"}
            if ASKS_A_PRICE.search((answered or "").lower()) and any(
                m.kind == "offer" and m.unit in CURRENCIES for m in moves
            ):
                firm |= {"offer"}  # "its £45/hr for gcse" to "whats ur rate": their price
            if first_number and "offer" in found and any(_a_rate(doc, t) for t in doc._.terms):
                firm |= {"offer"}  # "its 1100 a month utilities included": the asking rate
            if doc._.closes_on_terms and doc._.terms and not closes_on_theirs:
                firm |= {"offer"} & found  # "Make it 350 and we have a deal" puts 350
            if held_as_final:
                firm -= {"offer"}  # "No, three thousand is as low as I can go" restates
            if came_down and "concession" in found:
                # Down from the price it was listed at: a move, however firmly put.
                firm |= {"concession", "offer"}
            refused = scores["reject"] >= self.move_model.options.thresholds["reject"]
            if took_their_number and (refused or "reject" in firm):
                # Their number named to refuse it ("8k won't cover the hours") takes
                # nothing. (The number stays the latest the speaker named: putting back
                # the one before cost a concession each on dev and parts k–m.)
                took_their_number = False
            if took_their_number:
                # Leaving one's own number for theirs is a concession as well as an accept
                # (dev labels call some of these accept only; the brief does not).
                firm |= {"concession", "accept"}
            decided = self.move_model.decide(scores, found, before, firm)
            if "reject" in decided and _only_echoes_theirs(doc, party, before_positions):
                # "Five hundred's steep for us" after their 500, with no number of one's
                # own yet: their number named to refuse it is no position of the speaker's.
                context.positions = before_positions
                decided -= {"offer", "concession", "accept"} - (found - {"offer"})
            elif (
                "reject" in firm
                and (doc._.scorns or not found & {"offer", "concession", "accept"})
                and not any(t.lower_ in GRUDGING for t in doc)
                and any(term.value is not None for term in doc._.terms or [])
                and _names_only_their_numbers(doc, party, before_positions)
            ):
                # "350's ridiculous" after their 350: the rules heard it refused, so the
                # model, which may hear "350" as taken, may not make a move of it; nor
                # may the rules' echo of it ("350? That's ridiculous.").
                decided -= {"offer", "concession", "accept"}
            if not doc._.may_ask:
                decided.discard("question")
            if ASKS_WHAT_A_FIGURE_IS.search((answered or "").lower()) and "concession" not in found:
                decided.discard("concession")  # "500, refundable" to "whats the deposit"
            if doc._.closes_on_terms and not closes_on_theirs:
                decided -= {"accept", *(("concession",) if doc._.bids_them else ())} - found
            if (doc._.yields_demand or doc._.refuses_nothing) and "reject" not in found:
                decided.discard("reject")
            if doc._.supposes:
                # "If you'd cleaned the oven, I wouldn't have charged anything": what did not
                # happen offers, gives, takes and refuses nothing.
                decided -= {"offer", "concession", "accept", "reject"} - found
            theirs = context.last_moves.get(OTHER.get(party, ""))  # None: not spoken yet
            if (
                not (theirs or frozenset()) & ACCEPTABLE
                and not took_their_number
                and ("accept" not in found or theirs is not None)
                and not (
                    theirs
                    and "ask" in theirs
                    and _puts_terms(answered or "")
                    and _agrees_to_terms(doc, found)
                )
            ):
                # Only what the other side's latest utterance put on the table can be
                # accepted: "Perfect." after a promise or a thank-you acknowledges, "yeah
                # of course" after a bare ask grants it. (The rules' own accept stands
                # when the other side has not spoken yet.)
                decided.discard("accept")
            can_do = any(f.kind == "concession" and f.only_can_do for f in doc._.moves)
            if first_number and ("concession" not in found or can_do):
                # A first number is an offer, not a move, also when put as "I could do
                # two fifty" (not "I could come down to four fifteen").
                decided.discard("concession")
            if held_as_final:
                decided.discard("concession")
            names_a_number = any(says_a_number(t) for t in doc)
            threat = "pressure" in firm and not names_a_number
            if threat and "reject" in firm:
                # A threat that refuses and names no term takes nothing and gives nothing
                # ("Then I'll leave it" after their "take it or leave it").
                decided -= {"accept", "concession"} - found
            elif threat and "accept" not in decided and "concession" not in found:
                # A threat with no term gives nothing ("Then you're free to find another
                # supplier").
                decided.discard("concession")
            if "interest" not in found and _only_feelings(doc):
                decided.discard("interest")  # "I'm very excited about our camping trip!"
            if "interest" not in found and _only_wants(doc):
                # "I need food and water", "We need that under one eighty": what one wants,
                # with no why, asks; the interest is the reason ("…, Lily's got asthma").
                decided.discard("interest")
            if not doc._.terms and sum(t.is_alpha for t in doc) <= SHORT_WORDS:
                # "ta", "hmm", "ok deal": too few words to give anything the rules did not
                # see (taking their number is found by the position tracker).
                decided -= {"concession", "offer"} - found
            elif "accept" in found and "accept" in theirs_before and not doc._.terms:
                # "Deal. Here you go." after they took one's own terms closes the deal;
                # nothing of theirs is left to give in to.
                decided -= {"concession"} - found - firm
            tracked = any(m.value is not None for m in moves if m.kind in TRACKED)
            moves = _apply_decision(doc, moves, decided, MoveModel.DECIDES)
            countered = {m.value for m in moves if m.kind in found & {"offer", "concession"}}
            for move in moves:
                model_accept = move.kind == "accept" and "accept" not in found
                if model_accept and countered - {None, move.value}:
                    # "standard hardware is fine forty is still a stretch though could you
                    # do thirty nine": a figure of one's own put against theirs takes none.
                    move.issue = move.value = move.unit = None
                if move.kind not in found and move.value in (doc._.rival_figures or ()):
                    # "brightline quote us thirty six thousand": the model's refusal takes
                    # no figure of the rival's as the speaker's own.
                    move.issue = move.value = move.unit = None
            added = [m for m in moves if m.kind in TRACKED and m.kind not in found]
            _scale_to_positions(added, doc, context)  # the model's moves take the raw figure
            # ...and the issue of the position with that figure ("On a two-year term, yes,
            # 13.2k works" takes their price, not a "term" of 13,200).
            self._borrow_units(added, context, doc)
            _take_their_issue(added, party, context, ("accept", "concession"))
            if not tracked and any(m.value is not None for m in added):
                self._track_added_position(moves, party, context, doc)
            if (
                not commitments
                and any(m.kind == "accept" for m in moves)
                and _names_only_their_numbers(doc, party, context.positions)
            ):
                # "ok 150 and i'll come get it tonight" after their 150 takes it: the deed put
                # beside the sum is promised, no longer proposed.
                agreed = commitments_in(doc, agreed=True)
                if not agreed and scores["commitment"] >= self.move_model.commitment_threshold:
                    agreed = commitments_in(doc, loose=True, agreed=True)
                self._add_commitments(doc, agreed, party, context, moves, commitments)
            if (
                not commitments
                and not says_will_do(text)  # "will do" promises what was asked, or nothing
                and scores["commitment"] >= self.move_model.commitment_threshold
            ):
                # The model hears a promise the rules' narrow reading missed ("I'll take the
                # bathroom every week"): the loose reading must find who does what.
                loose = commitments_in(doc, loose=True)
                self._add_commitments(doc, loose, party, context, moves, commitments)
            if commitments and answers_request and not doc._.terms and not _hands_over(doc):
                # "Sure, we can send the forecast every month" after "could you send…":
                # yes to a requested deed is a promise; the deed is no term of the deal
                # unless the rules hear one given (not "we can do that", a yes to it, nor
                # "I'll include that list with the SOW", a paper sent as asked).
                only_yes = can_do or any(includes_a_paper(t) for t in doc)
                unheard = {"concession", "offer"} - (
                    found - ({"concession"} if only_yes else set())
                )
                unheard -= firm
                moves = [m for m in moves if m.kind not in unheard]
        if not commitments:
            self._add_whole(doc, _echoed_promise(text, party, context), moves, commitments)
        if not commitments:
            self._add_whole(doc, _time_of_promise(doc, party, context), moves, commitments)
        if (
            not commitments
            and party in context.asked_to_give
            and not _answers_another_question(party, context, doc)
        ):
            # The rules' reading counts too: "$1.50 sounds good then" after a plea (not an
            # offer) accepts nothing, yet names what the speaker gives; "ok i'll do 2 quid"
            # offers it, though the model heard no offer in a sum said by the giver.
            said = {m.kind for m in moves} | (found & {"accept"})
            if _gives_a_sum(doc):
                said |= found
            pledge = self._pledged_amount(doc, said, party, context.asked_to_give[party])
            self._add_whole(doc, pledge, moves, commitments)
        threat = OR_ELSE.search(text.lower())
        if commitments and threat and "pressure" in {m.kind for m in moves}:
            # "sign by friday or we'll withhold the deposit": the threat is no promise.
            commitments[:] = [
                c for c in commitments if not _threatened(c.action, text.lower(), threat.start())
            ]
            if not commitments:
                moves = [m for m in moves if m.kind != "commitment"]
                found = set(found) - {"commitment"}
        if commitments and _threatens(text, moves, commitments):
            commitments.clear()
            moves = [m for m in moves if m.kind != "commitment"]
            found = set(found) - {"commitment"}
        # "Three hundred and I'll get the refund to you by Friday" proposes the deed with the
        # sum; once the other side takes the sum ("Okay, 300 works, as long as it's in my
        # account by Friday"), the deed is promised. The promise is the proposer's, so it
        # is kept without a commitment move in this utterance.
        offered, context.offered_deed = context.offered_deed, None
        said_now = {m.kind for m in moves}
        if offered and offered[0] == OTHER.get(party) and "reject" not in said_now:
            sums = {m.value for m in moves if m.kind in ("offer", "concession", "accept")}
            if took_their_number or "accept" in said_now or offered[2] & sums:
                commitments.extend(offered[1])
        deeds = {d.text.lower() for d in deeds_beside_sums(doc)}
        if not commitments and deeds:
            drafts: list[CommitmentDraft] = []
            # The deed itself ("include onboarding"), not "do 11,500" said before it.
            agreed = [
                c
                for c in commitments_in(doc, loose=True, agreed=True)
                if c.action.split()[0].lower() in deeds
            ]
            self._add_commitments(doc, agreed, party, context, [], drafts)
            sums = {m.value for m in moves if m.value is not None}
            context.offered_deed = (party, drafts, sums) if drafts else None
        own_promise, context.asked_when = context.own_promise, None
        if own_promise and own_promise[0] == OTHER.get(party) and _asks_when(doc, moves):
            context.asked_when = own_promise
        context.promised = (party, commitments[0].action) if commitments else None
        # Not "So you'll send us the revised quote.": a promise put to the listener.
        owned = [c for c in commitments if c.owner == party]
        context.own_promise = (party, owned[0].action) if owned else None
        context.previous_text, context.previous_labels = text, frozenset(found)
        days = days_named(doc)
        context.last_day_said = days[-1] if days else context.last_day_said
        asks = "?" in text or any(m.kind == "ask" for m in moves)
        context.day_asked = (party, days[0]) if days and asks else None
        unowned = any(c.owner is None for c in commitments)
        context.asked_of_listener = asked_to_act(doc, moves, unowned)
        context.previous_named_a_number = any(m.value is not None for m in moves)
        context.last_moves[party] = frozenset(m.kind for m in moves)
        kinds = context.last_moves[party]
        if "question" in kinds and not kinds & PROPOSING and not _about_giving(doc):
            context.asked_something_else.add(party)
        else:
            context.asked_something_else.discard(party)
        return Understanding(moves=_with_terms_beside(doc, moves), commitments=commitments)

    @staticmethod
    def _add_whole(
        doc: Doc,
        draft: CommitmentDraft | None,
        moves: list[Move],
        commitments: list[CommitmentDraft],
    ) -> None:
        """A commitment the utterance makes as a whole (a yes, an echo, an amount pledged)."""
        if draft is not None:
            commitments.append(draft)
            moves.append(Move("commitment", doc.text, end_char=len(doc.text)))

    @staticmethod
    def _add_commitments(
        doc: Doc,
        found_spans: list[CommitmentSpan],
        party: str,
        context: SessionContext,
        moves: list[Move],
        commitments: list[CommitmentDraft],
    ) -> None:
        """Turn found commitments into drafts, with one commitment move for the utterance."""
        for found in found_spans:
            span = doc[found.start : found.end]
            owner = (
                party
                if found.owner == "speaker"
                else OTHER.get(party)
                if found.owner == "other"
                else None
            )
            if owner == "unknown":
                owner = None
            due = None
            action, due_text = found.action, found.due_text
            if found.due_text and not found.from_event:
                due = normalise_due(found.due_text, context.meeting_date, span.text)
            asked = _request_answered(party, context)
            if asked and owner == party and ONLY_A_POINTER.match(action):
                # "sure, i'll send that today" after "could you send the W-9 with your
                # banking details?": the promise is what was asked.
                action = _what_was_pointed_at(action, asked.action)
            # "ok i'll have the check ready by then" after "the deposit is due by the
            # fifteenth": due the day meant (``_day_meant_by_then``).
            then = BY_THEN.search(action) if not due_text else None
            day = _day_meant_by_then(doc, span, party, asked, context) if then else None
            if then and day:
                action, due_text = action[: then.start()].rstrip(), then.group().strip()
                due = normalise_due(day, context.meeting_date)
            commitments.append(
                CommitmentDraft(owner, action, due_text, due.isoformat() if due else None)
            )
            if not any(m.kind == "commitment" for m in moves):
                moves.append(
                    Move(
                        "commitment", span.text, start_char=span.start_char, end_char=span.end_char
                    )
                )

    @staticmethod
    def _yes_to_request(doc: Doc, party: str, context: SessionContext) -> CommitmentDraft | None:
        """Saying yes to what the other side asked for promises it: "Would you donate?" /
        "Sure." (or an amount, after "how much would you like to donate?")."""
        if context.request is None or party not in OTHER:
            return None
        asker, request = context.request
        how_much, action = request.amount_answers, request.action
        terms = doc._.terms or []
        yes = answers_yes(doc, bool(terms), how_much, request.due_text)
        if asker != OTHER[party] or not yes:
            return None
        if how_much and terms:
            amount = _pledge_amount(doc, answers_how_much=True)
            if amount is None:
                return None  # "is $2 okay?", "I donated $2 last year", "$0"
            action = f"{action} {amount}"
        context.request = None  # one yes, one commitment
        # "can you send it by Friday?" / "sure": the yes takes the time asked for, unless it
        # names its own ("yep, payday's the 28th").
        # Not the day of a favour asked back: "Sure. Could you take my bins out Thursdays?"
        yes_part = said_before_a_question(doc) or doc[:]
        said = next((e.text for e in yes_part.ents if e.label_ in ("DATE", "TIME")), None)
        due_text = said or request.due_text
        due = normalise_due(due_text, context.meeting_date) if due_text else None
        return CommitmentDraft(party, action, due_text, due.isoformat() if due else None)

    @staticmethod
    def _gift_question(doc: Doc, verb: str) -> ActionRequest | None:
        """Once giving is on the table, "would you do it?", "can I count on your support?"
        ask for the gift (not "have you donated before?", nor "do you ever…?")."""
        lower = doc.text.lower().strip()
        if not lower.endswith("?"):
            return None
        to_you = any(t.lower_ in YOURS for t in doc)
        words = [t for t in doc if not t.is_punct]
        opening = next((t for t in words if t.lower_ not in GIFT_QUESTION_OPENERS), None)
        if _asks_a_habit(doc) or (opening is not None and opening.lower_ in ASKS_A_HABIT):
            return None  # "what amount do you usually give?", "so do you give often?", "do you?"
        if _asks_the_amount(doc) or (to_you and _points_back(doc)):
            return ActionRequest(verb, True)  # "what amount?", "how much?", "are you in?"
        if lower.split()[0] not in GIFT_QUESTION_OPENERS or not to_you:
            return None
        if _asks_in_the_negative(doc):
            return None
        if any(t.lemma_ in TAKING_IN and t.pos_ == "VERB" for t in doc):
            return None
        names_it = any(t.lemma_ in GIVING_WORDS | {verb} for t in doc)
        # "would you do it?", "can you do that?", "will you do so?"
        names_it |= any(
            t.lower_ in POINTS_BACK and t.head.lemma_ == "do" and t.i > t.head.i for t in doc
        )
        return ActionRequest(verb, True) if names_it else None

    @staticmethod
    def _pledged_amount(doc: Doc, kinds: set[str], party: str, verb: str) -> CommitmentDraft | None:
        """Once asked to give, offering or accepting an amount pledges it: "how about .50",
        "I can do $2!", "$1.50 sounds good then"."""
        if not kinds & {"offer", "concession", "accept"}:
            return None
        amount = _pledge_amount(doc)
        return CommitmentDraft(party, f"{verb} {amount}") if amount else None

    @staticmethod
    def _borrow_units(moves: list[Move], context: SessionContext, doc: Doc) -> None:
        """A bare number ("okay, sixty five") takes the issue and unit of the latest
        position with that very figure ("4.10 is our best and final" after "4.10 a unit",
        though a 3% cap was named since), else of the latest similar one with a unit (the
        topic just raised). Not a number that counts things ("two drops a week")."""
        positions = context.positions
        for move in moves:
            if move.value is None or move.unit is not None or _counts_things(doc, move.value):
                continue
            same = [key for key, value in positions.items() if abs(value - move.value) < 1e-9]
            # (Not a share for a figure over a hundred: "one seventy-two" after "our on-time
            # is ninety-seven percent" is a price, not 172%.)
            similar = [
                key
                for key, value in positions.items()
                if key[2]
                and _near(move.value, value)
                and not (key[2] == "percent" and move.value > 100)
            ]
            if same or similar:
                _party, move.issue, move.unit = (same or similar)[-1]

    @staticmethod
    def _track_positions(moves: list[Move], party: str, context: SessionContext) -> bool:
        """Turn an offer that moves toward the other side into a sized concession.

        Taking the other side's number after holding one's own ("okay, forty five works"
        after "forty", or "deal" right after their "forty five") is a concession as well as
        an accept: it closes the whole gap. Returns whether that happened.
        """
        if party not in OTHER:
            return False
        offer = next((m for m in moves if m.kind in TRACKED and m.value is not None), None)
        if offer is None:
            accept = next((m for m in moves if m.kind == "accept"), None)
            return accept is not None and _concede_by_accepting(accept, moves, party, context)
        previous, theirs = _record_position(offer, party, context)
        kinds = {m.kind for m in moves}
        if "accept" in kinds and theirs is not None and abs(offer.value - theirs) <= MIN_MOVE:
            # Taking the other side's own number is agreement, not an offer of one's own;
            # a concession too when it leaves a position one held. A trade proposed beside
            # it stays ("2 would be ideal. I'm happy to give up all firewood in exchange for
            # the extra food!").
            moves[:] = [
                m
                for m in moves
                if not (m.kind == "concession" or (m.kind == "offer" and not m.conditional))
            ]
            if previous is not None and abs(previous - theirs) > MIN_MOVE:
                moves.append(_sized_concession(offer, previous))
                return True
            return False
        if "accept" in kinds and offer.kind != "accept" and theirs is not None:
            # "Fifteen and the deal's done." after their "Ten?" counters; it accepts nothing.
            moves[:] = [m for m in moves if m.kind != "accept"]
        if offer.kind != "accept" and previous is not None and theirs is None:
            # "We could go to three thousand" after their own "two thousand", with no
            # number of the other side's on that issue yet: the concession heard is sized
            # from the speaker's own last number (it was counted as 0%).
            conceded = next((m for m in moves if m.kind == "concession"), None)
            if conceded is not None and conceded.size is None and previous != offer.value:
                sized = _sized_concession(offer, previous)
                conceded.size, conceded.size_pct = sized.size, sized.size_pct
        if offer.kind == "accept" or previous is None or theirs is None:
            return False
        assert offer.value is not None
        plain = not (kinds & {"reject", "ask", "question"} or any(m.conditional for m in moves))
        if plain and abs(offer.value - theirs) <= MIN_MOVE and abs(previous - theirs) > MIN_MOVE:
            # Naming their number after holding one's own ("Fine. Two and a half percent."
            # after their "two and a half") takes it: an accept and a concession. Not when
            # it sets a condition or asks ("thirty if you add setup" counters).
            moves[:] = [m for m in moves if m.kind not in ("offer", "concession")]
            moves.append(_sized_concession(offer, previous))
            moves.append(replace(offer, kind="accept", conditional=False))
            return True
        _concede_by_moving(moves, offer, previous, theirs)
        return False

    @staticmethod
    def _track_added_position(
        moves: list[Move], party: str, context: SessionContext, doc: Doc
    ) -> None:
        """Record the position of an offer only the model heard ("would u take 350 cash
        today", where the rules heard none); the next number moves from it. Its
        number is not read as taking theirs: the rules did not hear it as agreement.

        The model's move takes one of the utterance's numbers, so with more than one and
        positions named on its issue, it is kept only when like one of them (half to twice
        it): the number taken may count something else."""
        offer = next((m for m in moves if m.kind in TRACKED and m.value is not None), None)
        if party not in OTHER or offer is None:
            return
        numbers = len(doc._.terms or [])
        NegotiationUnderstander._borrow_units([offer], context, doc)
        issue = (offer.issue or "other", offer.unit)
        named = [v for (_who, *key), v in context.positions.items() if tuple(key) == issue]
        if numbers > 1 and named and not any(_near(offer.value, v) for v in named):
            return
        previous, theirs = _record_position(offer, party, context)
        if previous is not None and theirs is not None:
            _concede_by_moving(moves, offer, previous, theirs)


# A figure typed with its thousands dropped: "108", "11.5" (not "2,100", "4.25", "$50",
# nor "3.5", which is as often hours, a rating or a version as 3,500).
PLAIN_FIGURE = re.compile(r"\d{2,3}(?:\.\d)?")


def _scale_to_positions(moves: list[Move], doc: Doc, context: SessionContext) -> None:
    """ "Thirty nine" after "forty one two" is 39,000: people drop the thousands (or the
    millions, or the hundreds: "twenty seven" after "twenty seven fifty") once the figures
    on the table are in them. Only a figure with no unit or thing
    counted of its own is scaled ("$50", "forty five of them", "knock forty off" and
    "another fifty" are what they say), and only when it is near no position named (half
    to twice). Said in words, it is scaled when the result is near a sum named (money, or
    no unit). Typed as a plain figure under 1,000 ("108", "11.5"; not "2,100" or "4.25"),
    only when its thousands come to a sum named or lie between a sum of each side ("110"
    after "$104,000" and "115k"): near was too loose for digits (days, times, counts: it
    cost the blind split a concession)."""
    positions = context.positions
    sums = [v for (_, _, unit), v in positions.items() if unit in (None, *CURRENCIES)]
    for move in moves:
        said = move.value
        if not said or said <= 1 or any(_near(said, v) for v in positions.values()):
            continue  # "one thing" is no figure, nor is one near the table already
        bare = [t for t in doc._.terms or [] if t.value == said and _bare_figure(doc, t)]
        if any(
            all(t.is_alpha or t.text == "-" for t in doc[term.start : term.end]) for term in bare
        ):
            for scale, least in SCALE_DROPPED.items():
                # "three and a half" after "three thousand" and "four thousand" is 3,500: a
                # half or a quarter is no count of things, so it may be under ten thousand.
                whole = said >= least or (scale == 1_000 and said % 1 in (0.25, 0.5, 0.75))
                if whole and any(_near(said * scale, v) for v in sums):
                    move.value = said * scale
                    break
        elif said < 1_000 and any(PLAIN_FIGURE.fullmatch(doc[t.start : t.end].text) for t in bare):
            # ...or near a sum named on the same issue, which the figure names itself
            # ("closer to 160 base" after "The base is one hundred forty thousand").
            same_issue = move.issue not in (None, "other") and any(
                issue == move.issue and _near(said * 1_000, value)
                for (_party, issue, _unit), value in positions.items()
            )
            on_the_table = same_issue or _on_the_table(said * 1_000, positions)
            move.value = said * 1_000 if on_the_table else said


def _on_the_table(value: float, positions: dict[tuple[str, str, str | None], float]) -> bool:
    """Whether ``value`` is a sum named, or lies between a sum of one side and a sum of the
    other in one currency (a sum with no unit goes with any): the range being bargained
    over, not two sums of one side ("$90,000 base", "$5,000 bonus": "start in 30")."""
    sums: dict[str, list[tuple[str | None, float]]] = {party: [] for party in OTHER}
    for (party, _issue, unit), named in positions.items():
        if unit in (None, *CURRENCIES) and party in sums:
            if abs(named - value) < 0.5:
                return True
            sums[party].append((unit, named))
    return any(
        min(mine, theirs) - 0.5 <= value <= max(mine, theirs) + 0.5
        for my_unit, mine in sums["you"]
        for their_unit, theirs in sums["them"]
        if my_unit == their_unit or None in (my_unit, their_unit)
    )


def _names_their_figure(moves: list[Move], party: str, context: SessionContext) -> bool:
    """Whether an offer of the utterance names a figure the other side put forward."""
    theirs = [v for (who, _issue, _unit), v in context.positions.items() if who == OTHER.get(party)]
    return any(
        m.kind == "offer" and m.value is not None and any(abs(m.value - v) < 1e-9 for v in theirs)
        for m in moves
    )


def _a_rate(doc: Doc, term: TermSpan) -> bool:
    """Whether a term is a price per period or per measure ("1100 a month", "80/hr",
    "1480 a kilo")."""
    last = doc[term.end - 1].lower_.lstrip("/")
    return term.issue in ("price", "salary") and last in RATE_PERIODS | GOODS_MEASURES


def _near(value: float, other: float) -> bool:
    """Whether two figures are alike: one half to twice the other."""
    return bool(other) and 0.5 <= value / other <= 2.0


def _bare_figure(doc: Doc, term: TermSpan) -> bool:
    """A figure said on its own: no unit, counted thing or change word ("forty off"). (A
    looser reading of "counted" than ``_counts_things``: not scaling a figure is the safe
    side, "4.10 Thursday" stays 4.10.)"""
    if term.unit is not None:
        return False
    before = doc[term.start - 1].lower_ if term.start else ""
    after = doc[term.end] if term.end < len(doc) else None
    counted = after is not None and after.lower_ not in NOT_COUNTED
    counts = counted and (after.pos_ in ("NOUN", "PROPN") or after.lower_ == "of")
    changes = before in CHANGE_WORDS or (after is not None and after.lower_ in CHANGE_WORDS)
    return not changes and not counts


def _counts_things(doc: Doc, value: float) -> bool:
    """Whether every figure of ``value`` said in ``doc`` counts things: a plural noun after
    it ("two drops a week", "sixty trucks"), not a name, a day or a word said of the figure
    ("4.10 Sarah", "4.10 Thursday", "4.10 firm", "55 net")."""
    said = [term for term in doc._.terms or [] if term.value == value and term.unit is None]

    def counts_things(term: TermSpan) -> bool:
        after = doc[term.end] if term.end < len(doc) else None
        return after is not None and after.tag_ == "NNS" and after.lower_ not in NOT_COUNTED

    return bool(said) and all(counts_things(term) for term in said)


def _only_thanks(sentence: Span) -> bool:
    """ "Perfect.", "Lovely, thanks!": a sentence of nothing but a word of thanks."""
    words = [t.lower_ for t in sentence if t.is_alpha]
    return bool(words) and all(
        w in ACKNOWLEDGEMENTS | {"ok", "okay", "thank", "you"} for w in words
    )


def _record_position(
    offer: Move, party: str, context: SessionContext
) -> tuple[float | None, float | None]:
    """Make ``offer``'s value the speaker's latest position on its issue; return the
    speaker's previous one and the other side's on the same issue."""
    key = (party, offer.issue or "other", offer.unit)
    previous = context.positions.pop(key, None)  # re-inserted: the latest comes last
    context.positions[key] = offer.value  # type: ignore[assignment]
    theirs = context.positions.get((OTHER[party], offer.issue or "other", offer.unit))
    # Figures of no named issue may be of different things: "500, refundable" (the
    # deposit) after one's rent of 975 is no move from it. (The other side's figure may be
    # far from one's own on the same thing: a low opening.)
    if key[1] == "other" and previous is not None and not _one_line(offer.value, previous):
        earlier = context.set_aside.get(key)
        context.set_aside[key] = previous
        previous = earlier if earlier is not None and _one_line(offer.value, earlier) else None
    return previous, theirs


def _one_line(value: float | None, other: float) -> bool:
    """Whether two figures of no named issue may be positions on one thing: 0.6-1.67x."""
    return bool(value and other) and 0.6 <= value / other <= 1 / 0.6  # type: ignore[operator]


def _concede_by_moving(moves: list[Move], offer: Move, previous: float, theirs: float) -> None:
    """A number nearer theirs than one's previous one is a concession, sized."""
    assert offer.value is not None
    if abs(offer.value - theirs) + MIN_MOVE < abs(previous - theirs):
        concession = next((m for m in moves if m.kind == "concession"), None)
        if concession is None:
            moves.append(_sized_concession(offer, previous))
        else:
            sized = _sized_concession(offer, previous)
            concession.size, concession.size_pct = sized.size, sized.size_pct


def _take_their_issue(
    moves: list[Move], party: str, context: SessionContext, kinds: tuple[str, ...] = ("accept",)
) -> None:
    """A figure the other side named, taken, is on the issue they named it on: "ok 40%
    works" after their "40% upfront and 80/hr" takes the upfront share, not a price of 40%.
    (Offers keep their own issue: an offer renamed to theirs read "$90,000 is the very top
    of the band" as taking their number.)"""
    other = OTHER.get(party)
    for move in moves:
        if move.kind not in kinds or move.value is None:
            continue
        issues = {
            issue
            for (who, issue, unit), value in context.positions.items()
            if who == other and unit == move.unit and abs(value - move.value) < 1e-9
        }
        if len(issues) == 1:
            move.issue = issues.pop()


def _with_terms_beside(doc: Doc, moves: list[Move]) -> list[Move]:
    """An accept that names several terms ("Seven thousand at $3.95 held until December
    works") takes each of them as its ``other_terms``: the summary's agreed terms list them
    all. Not a term inside a condition or a refusal, nor one on an issue already named.
    (Not as a move per term: a second offer move moved the one-sided flag on parts k-m,
    where the coach reads an offer's figures as its terms.)"""
    for move in moves:
        # (An issue renamed after the rules, "at fifty" as their price, is named once.)
        move.other_terms = [t for t in move.other_terms if t.issue != move.issue]
    main = next((m for m in moves if m.kind == "accept" and m.value is not None), None)
    if main is None or len(doc._.terms or []) < 2:
        return moves
    named = {(m.issue, m.unit) for m in moves if m.value is not None}
    named |= {(t.issue, t.unit) for t in main.other_terms}
    values = {m.value for m in moves if m.value is not None}
    # Only terms in the sentence of the figure taken: "Five hundred is doable. I'd need one
    # seventy" takes 500 and asks for 170.
    sentence = next((doc[t.start].sent for t in doc._.terms if t.value == main.value), None)
    for term in doc._.terms:
        token = doc[term.start]
        if sentence is None or token.sent.start != sentence.start:
            continue
        if term.value is None or term.value in values or (term.issue, term.unit) in named:
            continue
        if term.issue == "other" or in_condition(token) or in_refusal(token):
            continue
        named.add((term.issue, term.unit))
        main.other_terms = [*main.other_terms, Term(term.issue, term.value, term.unit)]
    return moves


def _sized_concession(offer: Move, previous: float) -> Move:
    """A concession from ``previous`` to the offer's value, sized; in per cent unless from
    a one-digit figure to thousands: "Three on the truck", a count taken for a price, to
    22,500 is no move of 749,900% (from a lowball "$150" to "$1,800", 1,100% is)."""
    assert offer.value is not None
    size = abs(offer.value - previous)
    counted = abs(previous) < 10 and abs(offer.value) >= 1_000
    return replace(
        offer,
        kind="concession",
        size=size,
        size_pct=round(100 * size / abs(previous), 2) if previous and not counted else None,
    )


# Granting these hands something over, which gives as well as promises: "sure, we'll leave
# the curtains", "go on then, ill chuck it in", "we'll refund the deposit".
HANDS_OVER = {"give", "leave", "chuck", "throw", "include", "add", "waive", "lend", "refund"}
HANDS_OVER |= {"comp", "absorb", "knock", "upgrade"}
FREE_OF_CHARGE = re.compile(r"\b(?:free|no charge|on us|on the house|at no cost)\b")
# "leave the keys with the neighbour" puts them somewhere; "leave the curtains" hands over.
PLACING = {"with", "at", "in", "on", "under", "by", "outside", "behind"}


def _hands_over(doc: Doc) -> bool:
    """Whether the words hand something over or give it free."""
    if FREE_OF_CHARGE.search(doc.text.lower()):
        return True
    return any(
        t.lemma_ in HANDS_OVER
        and not (t.lemma_ == "leave" and any(c.lower_ in PLACING for c in t.children))
        and not (t.lemma_ == "give" and any(c.lower_ == "hand" for c in t.children))  # helps
        and not includes_a_paper(t)  # "I'll include that list with the SOW": sent
        for t in doc
    )


WANTING = {"need", "want", "like"}


# "I'm very excited about our camping trip!", "doing well, looking forward to this": how
# the speaker feels, which no position stands behind. An interest needs a need, a
# priority or a reason; these words name none.
FEELINGS = {"excited", "thrilled", "glad", "great", "well", "good", "fine", "awesome"}
FEELINGS |= {"stoked", "pumped", "psyched", "lovely", "wonderful", "fantastic", "ready"}
LIKING = {"love", "enjoy", "adore"}  # what the speaker likes, with nothing needed
EMOTIONS = {"excited", "thrilled", "glad", "stoked", "pumped", "psyched"}
NEEDING = {"need", "want", "require", "must", "priority", "important", "prefer", "without"}
NEEDING |= {"because", "since", "cold", "hungry", "thirsty", "allergic", "lot", "extra", "more"}


def _only_feelings(doc: Doc) -> bool:
    """Whether every sentence only says how the speaker feels ("I'm so excited for the
    trip!", "I'm doing well, looking forward to it"), naming nothing needed."""
    sentences = [s for s in doc.sents if any(t.is_alpha for t in s)]
    if not sentences or any(t.like_num for t in doc):
        return False
    if any(t.lemma_.lower() in NEEDING or t.lower_ in NEEDING for t in doc):
        return False
    return all(_says_a_feeling(s.root) for s in sentences)


def _says_a_feeling(root: Token) -> bool:
    sentence = root.sent
    if sentence.text.rstrip().endswith("?"):
        return True  # "How are you?"
    if not any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") for t in sentence):
        return True  # "Great!", "Me too!!", "Hi there!" (not "food and water")
    if root.lemma_ == "look" and any(c.lower_ == "forward" for c in root.children):
        return True  # "looking forward to the trip"
    if root.lemma_ == "wait" and any(c.dep_ == "neg" for c in root.children):
        return True  # "I can't wait!"
    if root.lower_ in FEELINGS and root.pos_ == "ADJ":
        return True  # "So excited!"
    if root.lemma_ in LIKING and not any(
        c.dep_ == "neg" or c.lower_ in ("would", "'d", "d") for c in root.children
    ):
        return True  # "I love getting out into nature"; not "we'd love the firewood"
    if root.lemma_ not in ("be", "do", "feel", "get"):
        return False
    said = [c for c in root.children if c.dep_ in ("acomp", "advmod", "attr")]
    felt = [c for c in said if c.lower_ in FEELINGS]
    if not felt or any(c.dep_ in ("xcomp", "ccomp", "conj") for c in root.children):
        return False
    # "excited about the trip", "thrilled to go", but not "we're good on food": set for a
    # thing, which tells a need met.
    return all(c.lower_ in EMOTIONS or not list(c.children) for c in felt)


def _only_wants(doc: Doc) -> bool:
    """One sentence that only says what the speaker needs or wants: "I need food and
    water", "I would really like 2 water and 2 firewood and 1 food." (no other verb, so no
    reason given)."""
    sentences = [s for s in doc.sents if any(t.is_alpha for t in s)]
    if len(sentences) != 1:
        return False
    root = sentences[0].root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if root.lemma_ not in WANTING or subject is None or subject.lower_ not in ("i", "we"):
        return False
    if root.lemma_ == "like" and not any(c.norm_ == "would" for c in root.children):
        return False  # "I like camping" says what one enjoys
    return all(
        t.i == root.i or t.dep_ == "aux" or t.pos_ not in ("VERB", "AUX") for t in sentences[0]
    ) and not any(t.dep_ == "neg" for t in root.children)


def _record_listed_price(doc: Doc, moves: list[Move], party: str, context: SessionContext) -> bool:
    """ "its listed at 200 but ill do 170", "I listed it at 450 … Lowest I'd go is 420":
    the price something was put up at is the seller's earlier position, so the number put
    forward now (the other one) moves from it. Returns whether one was recorded."""
    offer = next((m for m in moves if m.kind in TRACKED and m.value is not None), None)
    if party not in OTHER or offer is None:
        return False
    terms = doc._.terms or []
    listed = [t for t in terms if listed_price(doc, t)]
    put = [t for t in terms if t not in listed and t.unit == offer.unit]
    if not listed or not put:
        return False
    if any(t.value == offer.value for t in listed):
        offer.value = put[-1].value  # the rules took the listing for the offer
    key = (party, offer.issue or "other", offer.unit)
    held = context.positions.get(key)
    if held is None or (key[1] == "other" and not _one_line(held, listed[0].value)):
        # ("bit of wear on one arm" is no earlier price than the listing.)
        context.positions.pop(key, None)
        context.positions[key] = listed[0].value
    return context.positions[key] == listed[0].value


def _names_only_their_numbers(
    doc: Doc,
    party: str,
    positions: dict[tuple[str, str, str | None], float],
    in_thousands: bool = False,
) -> bool:
    """Whether every number said is one the other side put forward ("ok 150 and i'll come
    get it tonight" after their 150, not after their 200); ``in_thousands`` also takes
    "forty five" for their 45,000."""
    theirs = [value for (who, *_key), value in positions.items() if who == OTHER.get(party)]
    scales = (1, 1000) if in_thousands else (1,)
    values = [term.value for term in doc._.terms or [] if term.value is not None]
    return all(
        any(abs(value * scale - their) <= MIN_MOVE for their in theirs for scale in scales)
        for value in values
    )


def _only_echoes_theirs(
    doc: Doc, party: str, positions: dict[tuple[str, str, str | None], float]
) -> bool:
    """Whether every number said is one the other side put forward, by a speaker who has
    named no number of their own yet ("Five hundred's steep for us" after their 500)."""
    if party not in OTHER or any(key[0] == party for key in positions):
        return False
    said = any(term.value is not None for term in doc._.terms or [])
    return said and _names_only_their_numbers(doc, party, positions, in_thousands=True)


def _first_number(moves: list[Move], party: str, context: SessionContext) -> bool:
    """Whether this is the first number the speaker names (and only one): a first number
    is an offer only, whatever its wording. Any earlier number counts, whatever issue it
    was read as ("fourteen" after "fourteen five", "2.25M" after "2.4 million")."""
    values = {m.value for m in moves if m.value is not None and m.kind in ("offer", "concession")}
    return len(values) == 1 and not any(key[0] == party for key in context.positions)


# What one will do when a number held is not taken: "…or I'll go back to Stripe".
THREATENED = {"go", "walk", "leave", "look", "find", "take"}
# "350 is steep but I'll take it", "350's too much but whatever, deal": a refusal word
# given up in the same breath.
GRUDGING = {"but", "though", "still", "ok", "okay", "fine", "deal", "whatever", "alright"}
# Words that set something beside a number held: "…is final, but we'll waive the fee".
BESIDES = {"but", "though", "although", "however", "plus"}


def _holds_own_number_as_final(
    moves: list[Move], party: str, context: SessionContext, doc: Doc
) -> bool:
    """ "Twenty-two five is my final number" after one's own 22.5k: a number held as final
    is pressure, and gives nothing (a move to a new number as final is still a concession,
    and so is one beside it: "$2,100 plus $600 toward the rail" after "$2,100 … and $450";
    so is a thing given beside it: "22,500 is final, but I'll throw in the mats")."""
    if not any(m.kind == "pressure" for m in moves):
        return False
    if len({term.value for term in doc._.terms or []}) != 1:
        return False
    # "…, and I'll fill the tank" gives; "…or I'll go back to Stripe" threatens.
    promised = any(
        t.lower_ in ("'ll", "will", "\u2019ll") and t.head.lemma_ not in THREATENED for t in doc
    )
    if promised or doc._.commitments or any(t.lower_ in BESIDES for t in doc):
        return False
    offer = next((m for m in moves if m.kind in TRACKED and m.value is not None), None)
    if offer is None or offer.kind == "accept":
        return False
    held = context.positions.get((party, offer.issue or "other", offer.unit))
    return held is not None and abs(held - offer.value) <= MIN_MOVE


def _concede_by_accepting(
    accept: Move, moves: list[Move], party: str, context: SessionContext
) -> bool:
    """ "Deal." right after the other side named a number one had not agreed to."""
    if context.previous_party != OTHER[party] or any(m.kind == "concession" for m in moves):
        return False
    if not context.previous_named_a_number:
        return False  # "perfect, see you thursday" takes no number
    if "accept" in context.last_moves.get(OTHER[party], ()):
        # "Great." after their "Two years at $400k works for us." closes the deal they
        # just took; there is no number of theirs left to take.
        return False
    theirs = next(
        ((key, value) for key, value in reversed(context.positions.items()) if key[0] != party),
        None,
    )
    if theirs is None:
        return False
    (_other, issue, unit), value = theirs
    previous = context.positions.get((party, issue, unit))
    if previous is None or abs(previous - value) <= MIN_MOVE:
        return False
    context.positions[(party, issue, unit)] = value
    taken = Move(
        "accept", accept.text, False, issue, value, unit, accept.start_char, accept.end_char
    )
    moves.append(_sized_concession(taken, previous))
    return True


def _asks_in_the_negative(doc: Doc) -> bool:
    """ "So you do not wish to help?", "you don't want to give anything?": a yes to it
    confirms a refusal (not "isn't that a great cause?", which asks nothing of them)."""
    if not doc.text.rstrip().endswith("?"):
        return False
    return any(
        t.dep_ == "neg"
        and t.head.lemma_ in REFUSED_WISHES
        and any(c.dep_ == "nsubj" and c.lower_ in ("you", "u") for c in t.head.children)
        for t in doc
    )


def _answers_another_question(party: str, context: SessionContext, doc: Doc) -> bool:
    """The other side's latest utterance asked something that is not the gift and set no
    request: an amount said next answers it ("do you know how much a candy bar costs" /
    "85 cents to 1.35 around here"), unless it is given in the speaker's own voice ("I'll
    do $1")."""
    other = OTHER[party]
    if other not in context.asked_something_else or _gives_a_sum(doc):
        return False
    if SAYS_YES.match(doc.text.lower()):
        return False
    return not (context.request is not None and context.request[0] == other)


def _about_giving(doc: Doc) -> bool:
    """A question that names giving or an amount, or points back at it; not one about a
    habit ("how much do you donate annually?")."""
    if _asks_a_habit(doc):
        return False
    named = any(t.lemma_ in GIVING_WORDS for t in doc)
    return named or _asks_the_amount(doc) or _points_back(doc)


def _asks_a_habit(doc: Doc) -> bool:
    """ "How much do you donate annually?", "what amount do you usually give?"."""
    return any(
        t.lemma_ in GIVING_WORDS
        and any(c.dep_ == "aux" and c.lower_ in ASKS_A_HABIT for c in t.children)
        for t in doc
    )


# After "how much", these keep the question on the gift ("how much were you thinking?",
# "how much would that be?"); another verb asks another thing's price ("how much it costs").
ASKED_AMOUNT_VERBS = GIVING_WORDS | {"be", "think", "like", "want", "say", "feel", "do", "go"}


def _asks_the_amount(doc: Doc) -> bool:
    """ "What amount were you thinking?", "how much?", "how much would that be?", "how
    much is in your heart?"; not "do you know how much a candy bar costs"."""
    for t in doc[1:]:
        if t.lower_ == "amount" and doc[t.i - 1].lower_ in ("what", "an", "the", "that"):
            if t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
                continue  # "the amount of children who…"
            return True
        if t.lower_ in ("much", "many") and doc[t.i - 1].lower_ == "how":
            after = doc[t.i + 1 : t.i + 4]
            # "how much it costs to feed a child": another thing's price
            if any(w.pos_ == "VERB" and w.lemma_ not in ASKED_AMOUNT_VERBS for w in after):
                continue
            if any(w.lower_ in YOURS for w in after):
                return True
            if not any(w.pos_ in ("NOUN", "PROPN") for w in after):
                return True
    return False


def _points_back(doc: Doc) -> bool:
    """ "Will you?", "Would you be willing to?", "Are you in?": short, and naming nothing,
    a question points back at what was asked before."""
    words = [t for t in doc if not t.is_punct]
    if len(words) > 6 or any(t.dep_ == "neg" for t in words):
        return False  # "Don't you?" asks them to agree
    if any(t.lower_ in WH_WORDS for t in words):
        return False  # "how old are you?"
    if any(t.pos_ == "ADJ" and t.lower_ not in WILLING_STATES for t in words):
        return False  # "are you sure?", "are you busy right now?"
    return not any(t.pos_ in ("NOUN", "PROPN") for t in words)


def _gives_a_sum(doc: Doc) -> bool:
    """A sum the speaker gives in their own voice: "ok i'll do 2 quid", "I can put
    in $5" (I or we doing, or able or willing to); not "we only have $5 left", "like only 50%
    of your donation" or "I'd love to help 1000 children"."""
    if not any(t.unit in CURRENCIES or _bare_sum_given(doc, t) for t in doc._.terms or []):
        return False
    for token in doc:
        if token.lower_ in ("i", "we") and token.dep_ == "nsubj":
            verb = token.head
            willing = any(c.dep_ == "aux" and c.lemma_ in GIVING_AUX for c in verb.children)
            if verb.lemma_ in GIVING_SUMS or (willing and verb.lemma_ not in HOLDING):
                return True
    return False


def _bare_sum_given(doc: Doc, term: TermSpan) -> bool:
    """A figure with no unit that is what a giving verb gives: "i'll do 5" after "can anyone
    chip in?" (not "24 seats at 30 each")."""
    last = doc[term.end - 1]
    given = last.dep_ == "dobj" and last.head.lemma_ in GIVING_SUMS
    return bool(term.value) and term.unit is None and given


def _pledge_amount(doc: Doc, answers_how_much: bool = False) -> str | None:
    """The amount an utterance gives, as said; not a question about it ("is $20 okay?"), a
    hedge or a refusal ("maybe 5 cents", "no, I can't"), a past gift ("I donated $2"), what
    one earns ("it only pays $0.30") or nothing ("$0").

    Asked "how much would you give?", the answer names the speaker's pledge however
    tentatively it is put ("maybe 5 cents", "is $20 okay?", "I was thinking $20"); only a
    refusal or a condition is not one.
    """
    lower = doc.text.lower().strip()
    amounts = [
        term
        for term in doc._.terms or []
        if term.value is not None
        and (term.unit in MONEY_UNITS or term.unit is None)
        and not _no_sum(doc, term)
    ]
    if not amounts or any(term.value == 0 for term in amounts):
        return None
    if answers_how_much:
        if refuses(lower):
            return None
    elif lower.endswith("?") and not HOW_ABOUT.search(lower):
        return None
    else:
        # A refusal or hedge binds its own clause and what follows, not an amount after a
        # "but": "i'd rather not do the general fund, but i'll give 3" pledges 3; "I'd give
        # $5 but I can't" and "maybe 5 cents" do not.
        amounts = [t for t in amounts if _not_held_back(doc, t.start)]
        if not amounts:
            return None
    # "I donated $2 last year" names a past gift; "I know I said $5, but I think I will make
    # it $10" pledges the amount said in the future.
    amounts = [
        t
        for t in amounts
        if not _said_of_the_past(doc[t.start], answers_how_much)
        and not _reports_a_habit(doc[t.start])
    ]
    if not amounts:
        return None
    # "We can do 24 seats at 30 each": a price per thing, not a sum given.
    amounts = [t for t in amounts if doc[t.end - 1].head.lower_ != "at"]
    if not amounts or any(t.lemma_ in EARNING for t in doc):
        return None
    start, end = amounts[0].start, amounts[0].end
    if start and doc[start - 1].text in ("$", "€", "£"):
        start -= 1  # the symbol is the unit, outside the term's span
    return doc[start:end].text


def _no_sum(doc: Doc, term: TermSpan) -> bool:
    """A bare "one" ("one must be wary of scammers") or a count of things ("exchange 10
    messages", "a 2 dollar HIT" is money): no amount given."""
    if term.unit is not None:
        return False
    if term.end - term.start == 1 and doc[term.start].lower_ == "one":
        return True
    after = doc[term.end] if term.end < len(doc) else None
    return after is not None and after.tag_ == "NNS" and after.lemma_ not in MONEY_WORDS


MONEY_WORDS = set(CURRENCY_WORDS) | {"cent", "penny", "dime", "nickel"}


def _not_held_back(doc: Doc, start: int) -> bool:
    """Whether the amount at token ``start`` is given outright: no refusal or hedge from
    where its clause turns (the last "but" before it, or a sentence that opens with a yes
    or "how about") to the end, and, when it turned, not given by someone else ("i can't,
    but my sister can do 5" gives nothing)."""
    turns = [t.i + 1 for t in doc[:start] if t.lower_ in CLAUSE_TURNS]
    # A new sentence that opens by agreeing or proposing turns too: "That's not something
    # I'd normally do. Ok, $1 then.", "Not $10. How about $4?".
    sentence = doc[start].sent
    opening = sentence.text.lower()
    if sentence.start and (SAYS_YES.match(opening) or HOW_ABOUT.match(opening)):
        turns.append(sentence.start)
    clause = doc[max(turns, default=0) :]
    if NOT_A_PLEDGE.search(clause.text.lower()):
        return False
    subjects = [t for t in clause if t.dep_ in ("nsubj", "nsubjpass")]
    return not turns or not subjects or not _someone_else(subjects[0], doc)


def _someone_else(subject: Token, doc: Doc) -> bool:
    """A third person: "my sister can do 5", "my employer matches" (not "5 dollars should be
    ok", "you can put me down for $3")."""
    if subject.lower_ in THIRD_PERSONS:
        return True
    # The figure's own words or the unit said after it ("5 dollars") are no one.
    in_a_term = any(t.start <= subject.i < t.end + 1 for t in doc._.terms or [])
    return subject.pos_ in ("NOUN", "PROPN") and not in_a_term


def _verbs_over(word: Token) -> list[Token]:
    """The verb of ``word``'s clause and the verbs it hangs from: "give" and "used" in "I
    used to give $10", "giving" and "thought" in "I thought about giving $5"; not across a
    clause of its own ("I think I will make it $10")."""
    token = word
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return []
    verbs = [token]
    while token.dep_ in ("xcomp", "pcomp", "prep") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            verbs.append(token)
    return verbs


def _said_of_the_past(word: Token, answers_how_much: bool) -> bool:
    """``word`` is said in the past tense ("I donated $2", "I said $5", "I used to give $10",
    "I was going to give $5")."""
    verbs = _verbs_over(word)
    # Asked how much, "I was thinking $20" answers; "I was going to give $5" does not.
    thinking = answers_how_much and any(v.lemma_ in THINKING_IT_OVER for v in verbs)
    for verb in verbs:
        helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(t.tag_ == "VBD" and not (thinking and t.lemma_ == "be") for t in (verb, *helpers)):
            return True
    return False


def _reports_a_habit(word: Token) -> bool:
    """ "I sponsor a child every month for $40", "we already give $20 a year": giving in the
    simple present with a word of habit says what the speaker does anyway."""
    verbs = _verbs_over(word)
    if not verbs:
        return False
    verb = verbs[0]
    if verb.lemma_ not in HABIT_GIVING or verb.tag_ not in ("VBP", "VBZ"):
        return False
    if any(c.dep_ in ("aux", "neg") for c in verb.children):
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
        return False
    said = [t.lower_ for t in verb.subtree]
    per_period = any(a in PER and b in PERIODS for a, b in zip(said, said[1:], strict=False))
    return per_period or bool(HABIT_WORDS & set(said))


def _apply_decision(
    doc: Doc, moves: list[Move], decided: set[str], decides: tuple[str, ...]
) -> list[Move]:
    """Keep the moves a model confirms; add the ones it finds that the rules missed.

    Only the kinds in ``decides`` are the model's to drop or add; a move it adds spans the
    whole utterance and takes the term the rules would take (``proposed_term``).
    """
    found = {m.kind for m in moves}
    conditional = "conditional" in decided
    kept = [m for m in moves if m.kind not in decides or m.kind in decided]
    term = proposed_term(doc, doc._.terms or [])
    # An ask beside a figure of the rules' asks for another: "Five hundred is doable. I'd
    # need one seventy for the extras" asks for 170.
    # (Claimed by the rules' moves, kept or not: the model may read "is doable" as a yes.)
    claimed = {m.value for m in moves if m.value is not None}
    unclaimed = proposed_term(doc, [t for t in doc._.terms or [] if t.value not in claimed])
    for kind in decides:
        if kind in decided and kind not in found:
            taken = unclaimed if kind == "ask" and unclaimed is not None else term
            with_term = taken is not None and kind in TERM_MOVES
            kept.append(
                Move(
                    kind,
                    doc.text,
                    issue=taken.issue if with_term else None,
                    value=taken.value if with_term else None,
                    unit=taken.unit if with_term else None,
                    end_char=len(doc.text),
                )
            )
    for move in kept:
        move.conditional = conditional and move.kind in ("offer", "concession")
    return kept


# An ask that puts terms: an arrangement the asker proposes ("can we move it to friday?",
# "could I grab it saturday?", "would you mind if my gardener trims the hedge?", "sun
# morning ok?") or one that names an amount ("could you do half up front?", "please invoice
# fifty percent"), a day or a month. Not a favour asked ("can you help me carry it up?",
# "can you pick me up at 6?": a clock time or a few minutes name no term).
ARRANGES = re.compile(
    r"\b(?:can|could|shall|should|may) (?:we|i)\b|\b(?:how|what) about\b|\bwhat if\b"
    r"|\b(?:would|is) it (?:be )?(?:ok|okay|alright|fine) if\b|\b(?:would|do) (?:you|u) mind if\b"
    r"|\b(?:ok|okay|alright|work|works|fine)\s*\?"
)
CLOCK_OR_MINUTES = re.compile(
    r"\b(?:at|by|before|after|around|till|until|from) \d{1,2}(?:[:.]\d\d)?\b"
    r"|\b\d{1,2}(?:[:.]\d\d)? ?(?:am|pm|o'?clock)\b|\b\w+ (?:minutes?|mins?|seconds?|secs?)\b"
)
AMOUNT_WORDS = set(NUMBER_WORDS) - {"and", "point", "a", "an", "one", "oh", "k", "m"}
AMOUNT_WORDS |= {"halves", "percent"}
DAY_WORDS = WEEKDAY_NAMES | MONTH_NAMES | set(WEEKDAY_SHORT) | {"week", "month", "year"}
DAY_WORDS |= ORDINAL_TOKENS - {"first", "second", "third"}  # "by the twentieth"
TERM_WORDS = AMOUNT_WORDS | DAY_WORDS


def _puts_terms(ask: str) -> bool:
    """Whether the other side's ask puts terms a yes can agree to: an arrangement
    (``ARRANGES``), or an amount, a day or a month that is not a clock time."""
    text = ask.lower().replace("\u2019", "'")
    if ARRANGES.search(text):
        return True
    words = re.findall(r"[\w'%$\u00a3\u20ac.]+", CLOCK_OR_MINUTES.sub(" ", text))
    return any(any(c.isdigit() for c in w) or w.strip(".") in TERM_WORDS for w in words)


def _agrees_to_terms(doc: Doc, found: set[str]) -> bool:
    """Whether a yes to their ask takes up terms: it says so in words of agreement ("works
    for me", "that's fine") or names them ("august tenth is fine", "fine, sat 8"), after an
    ask that put terms (``_puts_terms``). Many asks are proposals put as questions ("sun
    morning ok?", "shall we try it for a month?"); "sure, no problem" to "can you help me
    move the couch?" grants a favour instead."""
    return "accept" in found or any(
        says_a_number(t) or t.ent_type_ in ("DATE", "TIME") for t in doc
    )
