"""Commitments: promises of future action, with owner, action and the due date as said.

A commitment is any promise of a future action by a party: a future-tense (or "let me",
"someone should") clause whose verb is an action rather than a deal term ("I'll send the
contract by Friday", "we'll ship twenty units by March", "I will donate 50 cents"), an
undertaking ("we agree to hold prices until June", "we promise to…"), a willingness to
give or do a task ("I'd like to donate $5", "i can put the slides together"), or a yes
to an action the other side asked for ("Would you donate?" / "Sure."; see
``requested_action`` and ``answers_yes``). "We'll waive the fee" and "we can do forty" are
deal terms (offers and concessions), not commitments. Owners are parties: the speaker's
for I/we, the other side's for "you will…", none for "someone should" or "let's".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from copilot.understand.contractions import TYPED_AUX, TYPED_PROBABLY
from copilot.understand.dates import (
    HOLIDAY_NAMES,
    MONTH_NAMES,
    MONTH_SHORT,
    ORDINAL_TOKENS,
    TIME_FILLERS,
    TYPED_TOMORROW,
    WEEKDAY_SHORT,
    is_clock_time,
    is_time_of_day,
    weekday_index,
)
from copilot.understand.moves import (
    ADDRESSEE,
    AT_A_TIME,
    CONDITION,
    WH_WORDS,
    sum_for_a_thing,
)
from copilot.understand.numbers import is_number_word
from copilot.understand.terms import TermSpan

FUTURE_AUX = {"will", "'ll", "\u2019ll", "ll", "shall", "wo"}  # "ll": "youll", "ill" typed fast
# spaCy splits "gonna" into "gon" + "na" and "gotta" into "got" + "ta".
GOING_TO = {"going", "gonna", "gon"}
PAST_BE = {"was", "were"}
# Paperwork and follow-up: a task even when the sentence names a figure ("draft the
# timeline assuming two people", "loop in HR so the two reqs are open").
TASK_VERBS = {"send", "draft", "circulate", "email", "forward", "schedule", "prepare", "write"}
TASK_PHRASES = {("put", "together"), ("loop", "in"), ("follow", "up"), ("set", "up")}
# Doing, delivering and paying: promised actions even with a figure in the sentence ("we'll
# ship the first twenty units by March", "I'll pay the deposit on Monday").
DELIVERY_VERBS = {
    "ship",
    "deliver",
    "pay",
    "wire",
    "transfer",
    "deposit",
    "refund",
    "invoice",
    "provide",
    "install",
    "deploy",
    "launch",
    "release",
    "submit",
    "return",
    "book",
    "order",
    "publish",
    "finish",
    "complete",
    "fix",
    "hire",
    "hold",
    "review",
    "call",
}
# Giving to a cause: a pledge whether it is firm ("I will donate 50 cents") or a stated
# willingness ("I'd like to donate $5", "i can chip in").
PLEDGE_VERBS = {"donate", "contribute", "pledge", "chip", "give", "spare"}
PLEDGE_NOUNS = {"donation", "contribution", "payment", "deposit", "pledge"}
MONEY_NOUNS = PLEDGE_NOUNS | {"cash", "check", "cheque", "money", "invoice", "funds"}
# Saying one will do it: "we agree to hold prices", "I promise to send it".
UNDERTAKING_VERBS = {"agree", "promise", "commit", "pledge", "undertake", "guarantee"}
# "I'd like to / I'm willing to / I plan to <give or do a task>".
WILLING_HEADS = {"willing", "happy", "glad", "ready", "plan", "intend", "want", "sure"}
WILLING_HEADS |= {"consider", "think"}
# Only with "would": "I'd like to donate" promises, "I like to donate" tells a habit.
WOULD_HEADS = {"like", "love"}
# Promising these is making a deal term ("we'll waive the fee"), not taking on a task.
DEAL_VERBS = {
    "offer",
    "waive",
    "discount",
    "cut",
    "reduce",
    "lower",
    "increase",
    "match",
    "absorb",
    "eat",
    "honor",
    "honour",
    "drop",
    "throw",
    "include",
    "cover",
    "bump",
    "stretch",
    "meet",
    "accept",
    "agree",
    "budge",
    "settle",
    "split",
    "charge",
    "do",
    "add",
    "finance",
    "cap",
}
# Of the deal verbs, those that set a term of the price and little else ("cut you a
# check", "settle the invoice", "honor the warranty" are tasks).
PRICE_TERMS = {"waive", "discount", "reduce", "lower", "increase", "absorb", "charge", "cap"}
PRICE_TERMS |= {"bump", "stretch", "budge", "finance", "include"}
# Verbs of talk and thought: "let me be honest", "let's look at it", "I'll think".
NOT_ACTIONS = {
    "be",
    "believe",  # "would you believe they said no" asks nothing
    "think",
    "try",
    "look",
    "say",
    "know",
    "like",
    "want",
    "need",
    "hope",
    "guess",
    "mean",
    "level",
    "admit",
    "repeat",
    "explain",
    "consider",
    "go",
    "keep",
    "take",
    "see",
    "hear",
    "learn",
    "talk",
    "discuss",
    "chat",
    "continue",
    "wait",
    # Things that befall rather than get done: "good things will happen", "it will change".
    "happen",
    "change",
    "grow",
    "matter",
    "improve",
    # ...and feelings foretold: "you'll love the van".
    "love",
    "enjoy",
    "hate",
}
# Feelings said as a state: "Mum will be relieved", "they'll be thrilled" (not "we'll
# surprise the team with lunch", a deed).
FELT = {"relieve", "please", "thrill", "delight", "surprise", "disappoint", "upset", "annoy"}
FELT |= {"excite", "impress", "worry", "shock", "amaze"}
# A currency sign kept apart from its figure when the words are joined again.
CURRENCY_GAP = re.compile(r"([$€£]) (?=\d)")
# "Would you like to receive a receipt?", "do you want to know more?": what the other side
# would like the listener to take in is offered, not asked of them.
TAKING_IN = {"know", "learn", "hear", "receive"}
# Plans left open: "we'll decide after that" (not "we'll decide by Friday", which sets a
# time).
OPEN_PLANS = {"decide"}
# Loosely read, doing is a promise ("I'll take the bathroom", "we'll keep the rate"); talk,
# thought and things that befall still are not.
LOOSE_NOT_ACTIONS = NOT_ACTIONS - {"take", "keep", "go", "look", "talk", "discuss", "continue"}
LOOSE_NOT_ACTIONS -= {"chat", "explain", "repeat"}
# A team promises for the speaker's side ("legal will send the redlines"); other things
# named as the subject do not promise ("the price will go up", "things will change").
TEAMS = {"team", "legal", "finance", "procurement", "engineering", "ops", "operations"}
TEAMS |= {"department", "office", "company", "side", "group", "folks", "guys", "crew", "staff"}
TEAMS |= {"accounting", "support", "sales", "marketing", "it", "hr", "management", "board"}
# "she", "he": a colleague of the speaker's when they deliver or do a task. Not "they",
# who are as often a third party ("they'll pay for anything that fixes it").
COLLEAGUES = {"she", "he"}
COLLEAGUE_TASKS = DELIVERY_VERBS | TASK_VERBS | {"bring"}
# "your manager said she'll send it": someone else's word, not the speaker's promise.
REPORTING_VERBS = {"say", "tell", "mention", "think", "reckon", "hear", "write", "claim"}
# A promise with these after "you'll" is the speaker's: "you'll have it by Thursday".
RECEIVING = {"have", "get", "receive", "see", "hear"}
THREAT_MARKERS = {"otherwise", "or else"}
# A promise under a condition is a term of a trade or a hypothetical, not a commitment yet.
# Not a promise yet: "maybe I'll donate later", "we'll see" (not "probably": "I'll probably
# donate $1" pledges, by P4G's labels).
HEDGES = {"maybe", "perhaps", "might", "possibly", "rather"}
# A to-do with no date yet: "at some point", "eventually".
_OPEN_TIMES = r"(?:at some point|eventually|sometime)"
OPEN_TIME = re.compile(rf"\b{_OPEN_TIMES}\b")
# ...said at the end of the action, with the fillers around it.
OPEN_TIME_AT_THE_END = re.compile(
    rf"(?:,?\s+(?:um|uh|er|like))*,?\s+{_OPEN_TIMES}"
    r"(?:,?\s+(?:um|uh|er|like|lol|soon|too|tho|though))*$",
    re.IGNORECASE,
)
# "we should meet at some point", "we should grab coffee sometime": being social, no to-do.
SOCIAL_VERBS = {"meet", "chat", "hang", "celebrate"}
SOCIAL_THINGS = {"lunch", "coffee", "dinner", "drink", "beer", "breakfast"}
# "i'm not sure we'll hire more than one", "I don't think we'll make it": doubted.
DOUBTING = {"sure", "certain", "think", "know", "expect"}
# Words that open a condition ("as long as" by its "long"); "provided" as a conjunction.
CONDITION_WORDS = {"if", "unless", "provided", "long"}
# "see if they can move it", "check whether": "if" asking whether, not a condition.
WONDERING = {"see", "check", "ask", "know", "wonder", "find", "figure", "confirm"}
# "And you'll get us the setup guide by Friday?": asking them to confirm their promise;
# "so you'll send me the dates by Wednesday" sums it up for them to confirm.
SUMS_UP = ("and", "so", "ok", "okay", "also", "then", "great")
THEIR_PROMISE_ASKED = re.compile(
    rf"(?:(?:{'|'.join((*SUMS_UP, 'um', 'uh'))})[,.]? +){{0,3}}"
    r"(?:you'll|youll|you will|u'll|u will)\b"
)
# A name said before the promise put to its owner: "tom, you'll call the provider?".
NOT_NAMES = {"um", "uh", "yes", "yeah", "right", "great", "otherwise", "else", "ok", "okay"}
VOCATIVE = re.compile(r"^(?P<name>[a-z]+),? +(?=you'll|youll|you will|u'll|u will)")
FILLERS_RE = r"(?:(?:ok|okay|so|and|also|um|uh|hey|great|cool|yeah|well|right)[,.]? +){0,2}"
# A request of the other side, with or without "?" ("will you send it by Friday?" asks
# them to promise, as "you'll get me X by Friday?" does).
ASKED_OF_THEM = re.compile(FILLERS_RE + r"(?:can|could|would) (?:you|u)\b")
# A promise in the first person, said first ("ill order it tonight, …"), and an ask of
# the other side (or of anyone) tagged on after it ("…, u send me 130 when it comes?").
OWN_PROMISE = re.compile(FILLERS_RE + r"(?:i'll|ill|i will|we'll|we will|i'm gonna|im gonna)\b")
ABOUT_THE_PROMISE = re.compile(
    r"\b(?:(?:do|take|accept) (?:that|it|this)|ok|okay|fine|works?|good|alright|deal)\b"
)
ASKS_THEM_BACK = re.compile(
    FILLERS_RE + r"(?:(?:can|could|would|will) (?:you|u)|you|u|someone|somebody|any ?one)\b"
)
NOBODY = {"someone", "somebody", "anyone", "anybody", "one"}
MINE = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}
YOURS = {"you", "your", "yours", "u"}  # "u" typed for "you"
DUE_PREPOSITIONS = {
    "by",
    "through",
    "from",
    "before",
    "until",
    "till",
    "within",
    "on",
    "in",
    "over",
    "next",
    "tomorrow",
    "this",
}
# Requests for an action: "would you (like to / be willing to) donate?", "can you send…?"
REQUEST_AUX = {"would", "will", "can", "could", "'d", "wo", "ca"}
REQUEST_WRAPPERS = {"like", "love", "want", "consider", "mind", "agree", "willing", "able"}
REQUEST_WRAPPERS |= {"interested", "ready", "happy", "comfortable", "open"}
HOW_MUCH = re.compile(r"\bhow much\b")
# A span of time counted from an event: "3 weeks after you approve the proof".
EVENT_ANCHORS = {"of", "after", "before", "following", "from"}
# ...and only after a span of time: "tomorrow from our Leeds depot" is a day.
DURATION = re.compile(
    r"^(?:within |in |inside of )?\S+(?: \S+)? (?:business |working )?(?:hour|day|week|month)s?$",
    re.I,
)
YES = re.compile(
    r"^\W*(?:(?:ok|okay|yes|yeah|yea|ya|yep|yup|sure|alright|all right|fine|hi|hello|well|so|"
    r"ha|haha|hah|lol|aw|aww)"
    r"\b\W*)*"
    r"(?:(?:i'm|im|i am) on it|yes|yeah|yea|yep|yup|sure|ok|okay|of course|definitely|absolutely|"
    r"certainly|will do|"
    r"no problem|i will|i would|i can|i am|i'm|i do|we will|we can|we would|we do|"
    r"count me in|sounds good|happy to|glad to|that's fine|that is fine|fine|alright|"
    r"all right|for sure|consider it done|i'll|we'll|i'd be|deal|"
    r"i think so|i guess so|i suppose so|i believe so|go on then|oh go on)\b"
)
# "haha yeah right": disbelief, not a yes.
SARCASM = re.compile(r"^\W*(?:(?:h[ah]+|lol)\W+)?(?:yeah|yea),? right\b(?! (?:away|now|after))")
NO = re.compile(
    r"\b(?:not|never|no(?! problem)|nope|cannot|can't|won't|wouldn't|don't|dont|cant|"
    r"rather|later|maybe|perhaps|possibly|might|unless|if|but|consider(?! it done)|think about)"
    r"\b|n't\b"
)
# A refusal or a condition, as against a hedge ("maybe", "about", "at least", "not sure").
REFUSAL = re.compile(
    r"\b(?:no|nope|not|never|cannot|can't|cant|won't|wouldn't|don't|dont|if|unless|sorry)\b"
    r"|n't\b"
)


def refuses(lower: str) -> bool:
    """Whether a lower-cased answer refuses or sets a condition; a hedge does not."""
    return bool(REFUSAL.search(lower.replace("not sure", "unsure")))


# After "i would", "i can", "yes i am": only these words, so "I would like more information"
# or "I am thinking about it" are not a yes.
YES_TAIL = {"be", "happy", "glad", "willing", "to", "do", "it", "that", "so", "too", "as", "well"}
YES_TAIL |= {"definitely", "certainly", "absolutely", "sure", "of", "course", "love", "would"}
YES_TAIL |= {"will", "can", "am", "interested", "thank", "thanks", "you", "for", "asking", "i"}
YES_TAIL |= {"guess", "ok", "okay", "fine", "with", "this", "help", "in", "donating", "like"}
YES_TAIL |= {"then"}  # "oh go on then"
SUBORDINATE = {"relcl", "advcl", "acl", "csubj"}


@dataclass
class CommitmentSpan:
    """A commitment found in a sentence: owner as a pronoun class, action and due text."""

    owner: str | None  # "speaker", "other" or None
    action: str
    due_text: str | None
    start: int
    end: int
    # "we should sort out the key cards at some point": a task left open, not given.
    open_to_do: bool = False
    # "pay each invoice within seven days": the span counts from what is to arrive.
    from_event: bool = False


def _plans_on(verb: Token) -> bool:
    """ "i plan on donating", "we're planning on sending it", "I've planned on sending it
    Friday": a plan said now (not "I was planning on donating", "I had planned on it")."""
    plan = verb.head.head
    if verb.dep_ != "pcomp" or plan == verb.head or plan.lemma_ not in ("plan", "intend"):
        return False
    aux = {c.lower_ for c in plan.children if c.dep_ == "aux"}
    return plan.tag_ != "VBD" and not aux & {"was", "were", "had"}


# "Dana from legal will send…": spaCy hangs the name on the verb as a loose modifier and
# the "from legal" on the verb, leaving no subject. A name (not a day or a time) that
# starts the clause, followed only by where its owner works and the helper verb, is it.
WORKS_IN = {"from", "in", "at", "on", "of"}


def _name_before_a_team(verb: Token) -> Token | None:
    """The name starting "Dana from legal will send…", which spaCy leaves unattached."""
    name = next((c for c in verb.children if c.dep_ == "npadvmod" and c.i < verb.i), None)
    if name is None or name.tag_ != "NNP" or name.ent_type_ in ("DATE", "TIME"):
        return None
    if weekday_index(name.lower_) is not None or name.lower_ in MONTH_NAMES:
        return None
    doc = name.doc
    team = doc[name.i + 1] if name.i + 1 < verb.i else None
    if team is None or team.lower_ not in WORKS_IN or team.head != verb:
        return None
    helpers = doc[team.right_edge.i + 1 : verb.i]
    return name if len(helpers) and all(t.dep_ == "aux" for t in helpers) else None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.lower_ not in TYPED_PROBABLY:
            return child
    for helper in (c for c in verb.children if c.dep_ == "aux"):
        # "Id like to…" typed for "I'd like": spaCy hangs the "I" on the bare "d".
        subject = next((c for c in helper.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    named = _name_before_a_team(verb)
    if named is not None:
        return named
    if verb.dep_ in ("xcomp", "conj", "acomp") and verb.head != verb:
        return _subject(verb.head)
    if verb.head.lower_ in TYPED_PROBABLY and verb.head != verb:
        return _subject(verb.head)  # "we should prob book the van", parsed loosely
    if verb.dep_ == "advcl" and verb.head.lower_ in GOING_TO:
        return _subject(verb.head)  # "somebody's gon na need to…", parsed loosely
    if verb.head.dep_ == "acomp" and verb.head.head != verb.head:
        return _subject(verb.head.head)  # "I am willing to donate"
    if verb.dep_ == "acl" and verb.head.lemma_ == "problem" and verb.head.head != verb.head:
        return _subject(verb.head.head)  # "I have no problem donating"
    if _plans_on(verb):
        return _subject(verb.head.head)  # "i plan on donating"
    return None


SENTENCE_OPENERS = {"ok", "okay", "sure", "yes", "yeah", "yep", "great", "cool", "and", "then"}
SENTENCE_OPENERS |= {"um", "uh", "lol", "fine", "perfect", "thanks", "right", "no"}
SENTENCE_OPENERS |= TYPED_PROBABLY  # "no prob will send it tonight"


def _keeps_company(verb: Token) -> bool:
    """Talk or company ("we should talk", "meet", "catch up", "grab coffee"), not a thing
    to get done ("sort out the key cards", "grab the signed copies", "set up a call")."""
    if verb.lemma_ in NOT_ACTIONS or verb.lemma_ in SOCIAL_VERBS:
        return True
    if verb.lemma_ == "catch" and any(c.lower_ == "up" for c in verb.children):
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in SOCIAL_THINGS for c in verb.children)


def _will_without_i(verb: Token, sentence: Span) -> bool:
    """ "will send it tonight", "ok will prob get that over by friday": the "I" dropped,
    as chat and notes drop it. The sentence opens with the "will", right before the verb
    in its base form (not "will you send it?", a question; not "Will sends his regards"
    or "Will, send it tonight", where Will is a name)."""
    words = [t for t in sentence if not t.is_punct]
    while words and words[0].lower_ in SENTENCE_OPENERS:
        words = words[1:]
    if len(words) < 2 or words[0].lower_ not in ("will", "'ll") or verb.tag_ != "VB":
        return False
    between = sentence.doc[words[0].i + 1 : verb.i]
    if verb.i <= words[0].i or any(t.lower_ not in TYPED_PROBABLY for t in between):
        return False
    return not sentence.text.rstrip().endswith("?")


# What goes out when it is sent (not "the lights will go out"); PAPERS are added below.
SENT_THINGS = MONEY_NOUNS | {"po", "order", "email", "contract", "shipment", "package"}


def _sent_out(verb: Token) -> bool:
    """ "the invoice will go out tomorrow": a paper or a payment sent."""
    out = any(c.dep_ in ("prt", "advmod") and c.lower_ == "out" for c in verb.children)
    if verb.lemma_ != "go" or not out:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    # The subject's own noun and those joined to it ("the PO and deposit"), not any word
    # under it ("the lights in the copy room").
    heads = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    return any(t.lemma_.lower() in SENT_THINGS for t in heads)


def _owner(subject: Token | None, sentence: Span, verb: Token) -> str | None | bool:
    """ "speaker", "other", None (nobody named) or False (not a promise at all)."""
    lead = sentence.text.lower()
    supposed = verb.head.lemma_ in ("say", "suppose", "imagine", "pretend")  # "let's say we…"
    said_by_me = subject is not None and subject.lower_ in ("i", "we") and not supposed
    if (lead.startswith(("let's", "let us")) or " let's " in lead) and not said_by_me:
        return None  # not "let's wrap up, i'll send notes": the "i" of it is the speaker
    if subject is None:
        mine = lead.startswith("let me") or (_is_pledge(verb) and _willing_without_i(verb))
        mine |= _will_without_i(verb, sentence)
        return "speaker" if mine else False
    words = {t.lower_ for t in subject.subtree}
    if words & NOBODY:
        if words & MINE:
            return "speaker"
        # "someone from education will email you": one of a team, the speaker's unless it
        # is theirs ("someone from your side").
        from_a_team = any(c.dep_ == "prep" and c.lower_ in ("from", "in") for c in subject.children)
        if from_a_team:
            return "other" if words & YOURS else "speaker"
        return None
    if words & YOURS and not words & MINE:
        # "you'll get it by Thursday" is received from the speaker; "you'll get us the
        # guide by Friday?" is fetched by them.
        for_us = any(c.lower_ in ("us", "me") for c in verb.children)
        return "speaker" if verb.lemma_ in RECEIVING and not for_us else "other"
    reported = verb.dep_ == "ccomp" and verb.head.lemma_ in REPORTING_VERBS
    does_a_task = verb.lemma_ in COLLEAGUE_TASKS or _shows_up(verb)
    # "he'll give you a hand": help, put the other way.
    does_a_task |= verb.lemma_ in ("give", "lend") and any(
        c.lower_ == "hand" for c in verb.children
    )
    if subject.lower_ in COLLEAGUES and not reported and does_a_task:
        # "she'll hold the slot until Monday", "he'll bring them thursday": someone on the
        # speaker's side, named as a person; "he'll probably say no" promises nothing.
        return "speaker"
    if subject.lower_ == "it" and _lands_with_them(verb):
        return "speaker"  # "it'll be with you by Friday": what the speaker sends
    if subject.pos_ in ("PRON",) and subject.lower_ not in MINE | YOURS:
        return False  # "it will be ready", "they will" (a third party, not a party's promise)
    if subject.pos_ == "NOUN" and subject.lemma_ not in TEAMS and not words & MINE:
        # "children will grow up healthy" promises nothing; "the screen protectors will ship
        # out tomorrow" and "the contract will be sent" do, for the speaker's side.
        delivered = subject.dep_ == "nsubjpass" or verb.lemma_ in DELIVERY_VERBS | TASK_VERBS
        # "tess will set up the environment on tuesday": a name a lower-case transcript
        # leaves as a noun (one word alone, not "the system", "prices", "competitors"), on
        # a task said in two words, said as it is (not "i doubt tess will…").
        alone = all(c.lower_ in ("ok", "okay", "so", "yeah", "and") for c in subject.children)
        named = subject.tag_ == "NN" and alone and verb.dep_ == "ROOT"
        delivered |= named and any((verb.lemma_, c.lower_) in TASK_PHRASES for c in verb.children)
        delivered |= _shows_up(verb)  # "the first truck will be at your kitchen on March 2"
        delivered |= _sent_out(verb)  # "the PO and deposit will go out by Friday"
        return "speaker" if delivered else False
    return "speaker"


GREETING_TIMES = {"morning", "afternoon", "evening"}
GREETED = {"everyone", "everybody", "all", "folks", "team", "guys", "y'all"}


def _gone_by(ent: Span) -> bool:
    """ "the service credits from last quarter", "the price from two years ago": a time
    past, which no promise is due by (not "last thing Friday")."""
    words = [t.lower_ for t in ent]
    # "fifty last year": spaCy took the sum into the time; not "the last day of the month".
    start = next((i for i, w in enumerate(words) if w in ("last", "previous", "yesterday")), None)
    past = start is not None and words[start + 1 : start + 2] != ["thing"]
    past = past and (start == 0 or words[start - 1] != "the")
    return past or words[-1] == "ago"


def _owns_a_thing(ent: Span) -> bool:
    """ "April's rent", "next week's schedule": the time names which thing, not when."""
    doc = ent.doc
    after = ent.end if ent[-1].tag_ == "POS" else ent.end + 1
    owned = ent[-1].tag_ == "POS" or (ent.end < len(doc) and doc[ent.end].tag_ == "POS")
    if not owned or after >= len(doc):
        return False
    # A day owns what happens on it ("tonight's dinner", "by wednesday's pickup"): due then.
    # Only a month's or a week's thing, not led by "by"/"before"…, names no day ("take it off
    # April's rent", "send next week's schedule").
    spans_a_while = any(
        t.lower_ in MONTH_NAMES or t.lower_ in ("week", "month", "year") for t in ent
    )
    led = ent.start > 0 and doc[ent.start - 1].lower_ in DUE_PREPOSITIONS
    if not spans_a_while or led:
        return False
    # Not "friday's fine", "monday's good": there the "'s" is "is", whatever the tagger says.
    # Nor an event, which a promise is due by: "by friday's meeting", "in two weeks' time".
    thing = next((t for t in doc[after : after + 3] if t.pos_ == "NOUN"), doc[after])
    return doc[after].lower_ not in SAID_OF_A_DAY and thing.lemma_ not in EVENTS


SAID_OF_A_DAY = {"fine", "good", "ok", "okay", "great", "better", "best", "perfect", "cool"}
SAID_OF_A_DAY |= {"works", "easier", "no", "too", "tight", "bad", "out", "busy", "free", "open"}
SAID_OF_A_DAY |= {"the", "a", "when", "it", "still"}
EVENTS = {"meeting", "call", "deadline", "review", "standup", "game", "session", "date"}
EVENTS |= {"time", "class", "appointment", "demo", "launch", "board", "event", "visit"}
EVENTS |= {"check", "inspection", "interview", "close", "closing", "cutoff", "kickoff"}


def _greets(token: Token) -> bool:
    """Whether a time word greets ("morning everyone", "good afternoon, all") rather than
    says when ("I'll send it this morning")."""
    if token.lower_ == "good" and token.i + 1 < len(token.doc):
        token = token.nbor(1)
    if token.lower_ not in GREETING_TIMES:
        return False
    before = token.nbor(-1) if token.i > 0 else None
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    opens = before is None or before.is_punct or before.lower_ == "good" or before.pos_ == "INTJ"
    return opens and (after is None or after.is_punct or after.lower_ in GREETED)


QUALIFYING = {"poss", "nummod", "compound", "amod", "quantmod"}
TIME_UNITS = {"hour", "day", "week", "month", "year"}
COUNTING_WORDS = {"a", "an", "few", "several", "couple"}
PERIODIC = {"daily", "weekly", "fortnightly", "monthly", "quarterly", "yearly", "annually"}
# What a span of time may qualify and still say when: "in a 3 day window".
TIME_NOUNS = {"window", "turnaround", "deadline", "timeframe"}
# Words that say a recurring promise's first day: "on saturdays, starting this saturday".
FIRST_DAY = {"starting", "from", "beginning"}


def _spans_time(ent: Span) -> bool:
    """ "18 months", "the full two years", "two week": how long, not when ("this week" is
    when)."""
    counted = any(t.like_num or t.lower_ in COUNTING_WORDS for t in ent[:-1])
    return counted and ent[-1].lower_.rstrip("s") in TIME_UNITS


def _lasts(ent: Span) -> bool:
    """ "for 18 months", "for an hour": how long a promise lasts, not when it is due."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ == "for" and _spans_time(ent)


def _recurs(ent: Span) -> bool:
    """ "on saturdays", "every other Monday", "Saturday mornings", "quarterly": no one day."""
    doc = ent.doc
    every = any(t.lower_ in ("every", "each") for t in doc[max(0, ent.start - 2) : ent.start])
    plural_day = any(t.lower_.endswith("days") and weekday_index(t.lower_) is not None for t in ent)
    parts = ent.end < len(doc) and doc[ent.end].lower_ in RECURRING_PARTS
    periodic = any(t.lower_ in PERIODIC for t in ent)
    return every or plural_day or periodic or (parts and weekday_index(ent[-1].lower_) is not None)


def _first_day(ent: Span) -> bool:
    """ "starting this saturday", "from monday": the day a recurring promise begins."""
    doc = ent.doc
    return any(t.lower_ in FIRST_DAY for t in doc[max(0, ent.start - 2) : ent.start])


# What opens a clause that gives a reason, not a time: "since the board meets on the 14th".
REASONS = {"since", "because", "as", "cause", "cos", "given"}


def _in_another_clause(ent: Span, verb: Token) -> bool:
    """Whether a time tells when something else happens, not when the promise is due: it
    sits in a clause of reason ("Since the board meets on the 14th, I'll send it
    tomorrow"), or the promise follows from the clause it sits in ("We want to move in by
    July first, so our counsel will review it")."""
    token = ent.root
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in REASONS for c in token.children
        ):
            return True
        token = token.head
    so = next((c for c in verb.children if c.lower_ == "so" and c.i < verb.i), None)
    return so is not None and so.dep_ in ("advmod", "mark", "cc") and ent.end <= so.i


def _due(sentence: Span, verb: Token) -> Span | None:
    """The words that say when, with the event a span of time is counted from ("within 30
    days of each invoice", "two weeks before the event"): that deadline has no date yet."""
    doc = sentence.doc

    def introduced(ent: Span) -> bool:
        return ent.start > sentence.start and doc[_word_before(ent)].lower_ in DUE_PREPOSITIONS

    times = [
        ent
        for ent in sentence.ents
        if ent.label_ in ("DATE", "TIME")
        and not _greets(ent[0])
        and not _gone_by(ent)
        and not _owns_a_thing(ent)
        and not _a_sum_before_a_day(ent)
    ]
    if not any(introduced(ent) for ent in times):
        times += _unnamed_times(sentence)  # "by friday", "by the twentieth", "now"
    if not times:
        return None

    # The promised action's own time said with "by", "until"… first ("send the purchase
    # order for February by the end of the week"), then its own time ("your plan starts
    # April first, and the protectors will ship out tomorrow"), then any said with "by".
    # A "date" that qualifies a thing ("the last two years' statements", "two eighty-seven
    # fifty", a price spaCy calls a date) says what, not when: any other time goes first.
    def qualifies(ent: Span) -> bool:  # not "Friday" of "Friday morning": a time itself
        head = ent.root.head
        if ent.root.dep_ in QUALIFYING and head.ent_type_ not in ("DATE", "TIME"):
            return True
        # Bare number words spaCy calls a date ("two eighty-seven"): a sum, most likely.
        return all(t.like_num or t.is_punct for t in ent) and not any(
            t.lower_ in ORDINAL_TOKENS or (t.is_digit and len(t) == 4) for t in ent
        )

    # A span of time that qualifies a thing ("a two week buffer stock") is no time at all.
    times = [
        ent
        for ent in times
        if not (qualifies(ent) and _spans_time(ent) and ent.root.head.lower_ not in TIME_NOUNS)
    ]
    if not times:
        return None
    times = [ent for ent in times if not qualifies(ent)] + [e for e in times if qualifies(e)]

    lasting = [ent for ent in times if _lasts(ent)]
    recurring = [ent for ent in times if _recurs(ent) and ent not in lasting]
    days = [ent for ent in times if ent not in lasting and ent not in recurring]
    if recurring:
        # "ill hoover on saturdays, starting this saturday": the first day is due; any other
        # time ("on saturdays like last year") is not the promise's.
        days = [ent for ent in days if _first_day(ent)]
    # "for an hour tomorrow": the day; "hold it for 18 months, reviewed quarterly": no day.
    times = days or lasting + recurring
    # "Since the board meets on the 14th, I'll send it tomorrow", "we want to move in by
    # July first, so our counsel will review it": a time in a clause with its own subject
    # and verb tells when that happens, not when the promise is due.
    times = [ent for ent in times if not _in_another_clause(ent, verb)]
    if not times:
        return None
    action = {t.i for t in verb.subtree}
    own = [ent for ent in times if ent.root.i in action]
    said_with_by = [ent for ent in times if introduced(ent)]
    ent = ([e for e in own if introduced(e)] or own or said_with_by or times)[0]
    start, end = ent.start, ent.end
    every = start
    while every > sentence.start and doc[every - 1].lower_ in ("every", "each", "other"):
        every -= 1
    if every < start:
        return doc[every:end]  # "every Monday", "every other friday" repeat: no one due day
    inner = next((t.i for t in ent[1:] if t.lower_ in DUE_PREPOSITIONS), None)
    if inner is not None and _spans_time(doc[ent.start : inner]):
        inner = None  # "two days before friday": counted back from the day, all one time
    if inner is not None:
        start = inner  # "thirteen sixty through June thirtieth": the price is not the date
    elif ent[0].lower_ in CLOCK_PREPOSITIONS and not (
        ent[0].lower_ in TIME_FILLERS and introduced(ent)
    ):
        pass  # "at 7 tmrw" has its word ("come by at 7 tmrw": "by" is the verb's)
    elif introduced(ent):
        start = _word_before(ent)  # "by Friday", "in like five minutes"
    elif _lasts(ent):
        start -= 1  # "hold $1.39 for 18 months": a period it lasts, not a day it is due
    elif start > sentence.start and doc[start - 1].lower_ in ("at", "around"):
        start -= 1  # "at half past six"
    # "by December twelfth", "Monday the ninth", where spaCy's date ends at the month or
    # the weekday (not "Monday first thing": a weekday takes a day only after "the").
    the_day = end + 1 < sentence.end and doc[end].lower_ == "the"
    if the_day and doc[end + 1].lower_ in ORDINAL_TOKENS:
        end += 1
    if ent[-1].lower_ in MONTH_NAMES or the_day:
        while end < sentence.end and doc[end].lower_ in ORDINAL_TOKENS:
            end += 1
    while start + 1 < end and (doc[start].like_num or doc[start].lower_ == "half"):
        if doc[start + 1].lower_ not in DAY_WORDS:
            break
        start += 1  # "PayPal you the 20 tonight": spaCy's time took the sum
    if is_time_of_day(doc[start:end].text):
        # "by 11am tomorrow", "by 5 pm on Friday", "by end of day tomorrow", where spaCy
        # names the day apart; "tomorrow by noon", with the day said first.
        day = end + (end < sentence.end and doc[end].lower_ == "on")
        later = day
        while later < sentence.end and _names_a_day(doc[later]):
            later += 1
        if later > day:
            end = later
        elif start > sentence.start and _names_a_day(doc[start - 1]):
            start -= 1
    elif _names_a_day(doc[start]):
        # "by EOD tomorrow", "end of day friday": spaCy names the day alone (and calls
        # "EOD" an organisation).
        start = next(
            (
                first
                for first in range(max(sentence.start, start - 6), start)
                if _ends_the_day(doc[first:start])
            ),
            start,
        )
    if doc[start:end].text.lower() in PARTS_OF_A_DAY:
        while start > sentence.start and weekday_index(doc[start - 1].lower_) is not None:
            start -= 1  # "sat morning", "tues morning": spaCy's time is the part of the day
    # "by Friday morning", where spaCy names the part of the day apart (the action read "send
    # it morning"); "I'll take Saturday mornings": they recur, no one day is due.
    part_of_the_day = end < sentence.end and doc[end].lower_ in PARTS_OF_A_DAY | RECURRING_PARTS
    if part_of_the_day and weekday_index(doc[end - 1].lower_) is not None:
        end += 1
    if end < sentence.end and doc[end].lower_ in EVENT_ANCHORS and DURATION.match(ent.text):
        end += 1
        while end < sentence.end and not (
            doc[end].is_punct or doc[end].lower_ in ("and", "but", "so")
        ):
            end += 1
    return doc[start:end]


def _ends_the_day(words: Span) -> bool:
    """ "by end of day", "EOD", "close of business", said before the day it ends."""
    return not is_clock_time(words.text) and is_time_of_day(words.text)


# Days said in a word that spaCy does not always call a date.
DAY_WORDS = {"now", "today", "tonight", "tomorrow"} | TYPED_TOMORROW


# Short weekdays that are words too ("i sat down", "the sun", "mon" for man): these count
# as days only right after what is to be done.
WORDS_TOO = {"sat", "sun", "mon"}
PARTS_OF_A_DAY = {"morning", "afternoon", "evening", "night", "arvo", "lunchtime"}
RECURRING_PARTS = {f"{part}s" for part in PARTS_OF_A_DAY}


def _typed_weekday_after_the_action(token: Token) -> bool:
    """ "ill do it sat", "lol fine ill take it apart fri": a short weekday typed right
    after what is to be done, without "on" or "by". Not "i sat down", "the sun": the short
    forms are words too, so only after an object or a particle and at the clause's end."""
    word = token.lower_.rstrip(".")
    if word not in WEEKDAY_SHORT or token.i == 0:
        return False
    doc = token.doc
    before = doc[token.i - 1]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before.lower_ in ("the", "a", "my", "your", "our"):
        return False
    if word not in WORDS_TOO:
        return True  # "fri", "thurs", "tues" are nothing but days: "ill send u 20 fri"
    ends = after is None or after.is_punct or after.lower_ in ("so", "and", "then", "if")
    ends |= after is not None and after.lower_ in PARTS_OF_A_DAY | {"at", "the"}  # "sat morning"
    done = before.dep_ in ("dobj", "prt", "advmod")
    # "at 9 sat": after a time of day.
    done |= token.i > 1 and doc[token.i - 2].lower_ in CLOCK_PREPOSITIONS and before.like_num
    # spaCy reads "ill do it sat" as "it sat", a clause of its own; "where it sat" is
    # the verb, with "where" or "as" on it.
    done |= before.lower_ in ("it", "that", "them") and (
        before.dep_ != "nsubj"
        or (token.dep_ == "ccomp" and all(c.dep_ == "nsubj" for c in token.children))
    )
    return ends and done


# Words before a clock time: "at 7", "by like four", "till 6pm".
CLOCK_PREPOSITIONS = {"at", "by", "around", "till", "until", "before", "after", "about"}
# Verbs that set or move a figure: "keep it at 9", "sell at 7.50", "knock it down by 10".
SETTING_A_FIGURE = {"keep", "take", "sell", "buy", "let", "hold", "fix", "lock", "price"}
SETTING_A_FIGURE |= {"set", "cap", "leave", "knock", "drop", "raise", "cut", "reduce", "lower"}
SETTING_A_FIGURE |= {"increase", "settle", "list", "charge", "value", "peg", "round"}
# After a number, what makes it a price or a count rather than a time of day.
NOT_A_CLOCK = {"dollars", "dollar", "bucks", "quid", "pounds", "euros", "cents", "grand", "k"}
NOT_A_CLOCK |= {"percent", "%", "each", "per", "a", "an", "for", "off", "of", "more", "less"}
NOT_A_CLOCK |= {"people", "units", "items", "pieces", "days", "weeks", "months", "years"}


def _clock_time_after(token: Token, end: int) -> Span | None:
    """ "at 7", "by like four", "at 3.15", "at quarter to eight", "around noon": a time of
    day after "at", "by" or "around" (the day is the meeting's unless one is said), not a
    price ("at 7 dollars", "$7") nor a day of a month ("by 29 May")."""
    if token.lower_ not in CLOCK_PREPOSITIONS:
        return None
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    if _says_the_day(before):
        return None  # "tomorrow at noon", "friday at 5": the day is found as it is
    if token.head.lemma_.lower() in SETTING_A_FIGURE or before in ("down", "up", "off"):
        return None  # "I'll keep it at 9", "we can come down by 2": a figure, not a time
    for length in (5, 4, 3, 2):
        stop = token.i + length
        if stop > end or not is_clock_time(doc[token.i : stop].text):
            continue
        after = doc[stop] if stop < len(doc) else None
        if after is not None and not _says_the_day(after.lower_):
            # "at 9 hundred", "at 7 apiece", "by 10 boxes", "by 10 Jan": what follows
            # counts or prices the figure, or makes it a day of a month.
            if after.lower_ in NOT_A_CLOCK | MONTH_NAMES | MONTH_SHORT or after.like_num:
                return None
            if after.pos_ in ("NOUN", "PROPN", "NUM") or after.lower_.startswith("%"):
                return None
        if any(t.text in "$£€" or t.ent_type_ == "MONEY" for t in doc[token.i : stop]):
            return None
        while stop < end and _says_the_day(doc[stop].lower_):
            stop += 1  # "at 7 tmrw", "at 10 fri": the day said after the time
        return doc[token.i : stop]
    return None


def _says_the_day(word: str) -> bool:
    """ "tomorrow", "fri", "morning": a word that places a time of day on a day."""
    return word in DAY_WORDS or word in PARTS_OF_A_DAY or weekday_index(word) is not None


def _names_a_day(token: Token) -> bool:
    word = token.lower_
    return word in DAY_WORDS or weekday_index(word) is not None or token.ent_type_ == "DATE"


def _day_then_month(doc: Doc, start: int, end: int) -> bool:
    """ "29 May": a day of the month said before the month, as in British English."""
    if start + 1 >= end or doc[start + 1].lower_ not in MONTH_NAMES | MONTH_SHORT:
        return False
    day = doc[start].lower_.rstrip(".")
    day = day[:-2] if day[-2:] in ("st", "nd", "rd", "th") else day
    return day.isdecimal() and 1 <= int(day) <= 31


def _a_sum_before_a_day(ent: Span) -> bool:
    """ "I can pay 2000 Monday": a bare figure said before a day (or as what is paid) is
    a sum, no year; "in 2027" is a year."""
    if not all(t.like_num for t in ent):
        return False
    head = ent.root.head
    return ent.root.dep_ == "dobj" or (
        not ent.start <= head.i < ent.end and head.ent_type_ in ("DATE", "TIME")
    )


def _unnamed_times(sentence: Span) -> list[Span]:
    """Times spaCy does not call dates: a lower-case weekday or a spoken day of the month
    after "by" ("by friday", "by the twentieth"), and "now", "today", "tonight"."""
    doc = sentence.doc
    found = []
    for token in sentence:
        following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        preceding = doc[token.i - 1].lower_ if token.i else ""
        for_now = token.lower_ == "now" and preceding in ("for", "till", "until")
        if token.lower_ in DAY_WORDS and not token.ent_type_ and following != "on" and not for_now:
            # not "from now on" (a habit) nor "for now" (for the time being)
            found.append(doc[token.i : token.i + 1])
        if _typed_weekday_after_the_action(token):
            found.append(doc[token.i : token.i + 1])
        clock = _clock_time_after(token, sentence.end)
        if clock is not None:
            found.append(clock)
        if token.lower_ not in DUE_PREPOSITIONS or token.i + 1 >= sentence.end:
            continue
        start = token.i + 1
        holiday = next(
            (
                doc[start:end]
                for end in range(min(start + 4, sentence.end), start, -1)  # new year's eve
                if doc[start:end].text.lower() in HOLIDAY_NAMES
            ),
            None,
        )
        if holiday is not None and not holiday[0].ent_type_:
            found.append(holiday)  # "on christmas eve": spaCy calls it no date in lower case
        elif weekday_index(doc[start].lower_) is not None and not doc[start].ent_type_:
            found.append(doc[start : start + 1])
        elif _day_then_month(doc, start, sentence.end):
            found.append(doc[start : start + 2])  # "by 29 May", which spaCy calls a number
        elif token.lower_ in BY_A_TIME and (day_end := _end_of_day_after(doc, start, sentence.end)):
            found.append(day_end)  # "by the close of business", "by EOD": no entity
        elif doc[start].lower_ == "the" and start + 1 < sentence.end:
            end = start + 1
            while end < sentence.end and doc[end].lower_ in ORDINAL_TOKENS:
                end += 1
            if end > start + 1:
                found.append(doc[start:end])
    return found


def days_named(doc: Doc) -> list[str]:
    """The words of each day ``doc`` names, in order, leaving out days gone by ("last
    week", "two years ago"): "the deposit is due by the fifteenth" names "the fifteenth"."""
    spans = [e for e in doc.ents if e.label_ == "DATE" and not _gone_by(e)]
    for sentence in doc.sents:
        spans += _unnamed_times(sentence)
    # Not a day in a sentence about the past ("we signed the original on january 10th"),
    # nor one a span runs from ("a long year since january").
    spans = [s for s in spans if not _told_of_the_past(s)]
    return [span.text for span in sorted(spans, key=lambda span: span.start)]


def _told_of_the_past(span: Span) -> bool:
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ("since", "from"):
        return True
    sentence = span.sent
    verbs = [t for t in sentence if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj")]
    return bool(verbs) and all(
        t.tag_ in ("VBD", "VBN") and not any(c.tag_ == "MD" for c in t.children) for t in verbs
    )


# The words that set a deadline at the end of a day ("by EOD"; not "on end of day stock
# levels", "through end of day reconciliation").
BY_A_TIME = {"by", "before", "until", "till"}


def _end_of_day_after(doc: Doc, start: int, limit: int) -> Span | None:
    """ "the close of business", "end of day", "EOD" from ``start``: the end of a working
    day, which spaCy names no time when no day is said with it. None when a day is said
    after it ("by COB on the 5th", "by EOD 3/5"): that day is due."""
    for end in range(min(start + 6, limit), start, -1):
        if _ends_the_day(doc[start:end]):
            return None if _a_day_follows(doc, end, limit) else doc[start:end]
    return None


def _a_day_follows(doc: Doc, start: int, limit: int) -> bool:
    """Whether a day is named from ``start`` on, after "on", "the" or a comma."""
    while start < limit and doc[start].lower_ in ("on", "the", ","):
        start += 1
    if start >= limit:
        return False
    word = doc[start]
    named = word.like_num or word.lower_ in ORDINAL_TOKENS or word.lower_ in DAY_WORDS
    named |= word.lower_ in MONTH_NAMES or weekday_index(word.lower_) is not None
    return named or word.ent_type_ in ("DATE", "TIME")


def _gives_to_other_side(verb: Token) -> bool:
    """ "give you 40 for it": a term of the deal, not a gift to a cause."""
    parties = YOURS | {"me", "us"}

    def names_a_party(word: Token) -> bool:
        return word.lower_ in parties or any(g.lower_ in parties for g in word.children)

    return any(
        (c.dep_ in ("dative", "iobj") and names_a_party(c))
        or (c.dep_ == "dobj" and c.lower_ in YOURS)
        for c in verb.children
    )


def _is_pledge(verb: Token) -> bool:
    """Giving to a cause: "donate 50 cents", "make a donation", "give $1", "match your
    donation", "put down a dollar" ("match their price" is a deal term)."""
    if verb.lemma_ in PLEDGE_VERBS:
        return not (verb.lemma_ == "give" and _gives_to_other_side(verb))
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_ in ("make", "match"):
        return any(c.lemma_ in PLEDGE_NOUNS for c in objects)
    return (
        verb.lemma_ == "put"
        and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
        and any(c.ent_type_ == "MONEY" or c.lemma_ in ("dollar", "buck", "cent") for c in objects)
    )


def _shows_up(verb: Token) -> bool:
    """ "I'll be there thursday around 7", "i can be there by four", "guards will be onsite
    from oct 5", "the truck will be at your kitchen on March 2": turning up somewhere at a
    time is a task ("we'll be there an extra night" is a stay, "we'll be at forty by
    March" a position)."""
    if verb.lemma_ != "be" or not _at_a_time(verb.sent):
        return False
    # "we'll be ready for the pilot from October 1": ready at a time is turning up too.
    ready = any(c.dep_ == "acomp" and c.lower_ == "ready" for c in verb.children)
    return ready or any(_a_place(c) for c in verb.children)


def _lands_with_them(verb: Token) -> bool:
    """ "it'll be with you by Friday", "it'll be in your inbox this afternoon": where a
    thing sent lands, at a time, said as it is (not "it'll be ready on monday", "it'll be
    there", "hopefully it'll be…", nor "the courier said it'll be…")."""
    if verb.lemma_ != "be" or verb.dep_ != "ROOT" or not _at_a_time(verb.sent):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in HOPED for c in verb.children):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in ("with", "in") and _a_place(c) for c in verb.children
    )


def _a_place(word: Token) -> bool:
    """ "there", "onsite", "on site", "at your central kitchen", "at Heathrow" beside a
    "be"; not "at forty", "on Monday" nor "at the same level"."""
    if word.dep_ in ("advmod", "acomp") and word.lower_ in ("there", "here", "onsite"):
        return True
    if word.dep_ == "prep" and word.lower_ in ("with", "in"):
        # "the guide will be with you by Friday", "it'll be in your inbox this afternoon": a
        # thing delivered to the other side (not "I'll be with you in a minute", nor "the
        # risk will be with you from Monday").
        subject = _subject(word.head)
        delivered = subject is not None and (subject.pos_ == "NOUN" or subject.lower_ == "it")
        delivered = delivered and subject.lemma_.lower() not in NOT_DELIVERED
        if word.lower_ == "in":
            return delivered and any(
                c.dep_ == "pobj"
                and c.lemma_.lower() in INBOXES
                and any(p.dep_ == "poss" and p.lower_ in YOURS for p in c.children)
                for c in word.children
            )
        return delivered and any(c.dep_ == "pobj" and c.lower_ in YOURS for c in word.children)
    if word.dep_ != "prep" or word.lower_ not in ("at", "on"):
        return False
    place = next((c for c in word.children if c.dep_ == "pobj"), None)
    if place is None or place.pos_ not in ("NOUN", "PROPN") or place.ent_type_ in NOT_PLACES:
        return False
    if place.lemma_.lower() in AMOUNTS:
        return False
    return word.lower_ == "at" or place.lower_ == "site"


INBOXES = {"inbox", "mailbox", "email", "dropbox", "drive"}
HOPED = {"hopefully", "probably", "maybe", "possibly", "perhaps", "likely", "ideally"}
# What "will be with you" may say of that is no delivery.
NOT_DELIVERED = {"risk", "ownership", "title", "liability", "decision", "responsibility"}
NOT_DELIVERED |= {"choice", "ball", "call", "burden", "control", "option"}
NOT_PLACES = {"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"}
# "the price will be at the same level in May": an amount, not a place to turn up at.
AMOUNTS = {"level", "price", "rate", "point", "cost", "figure", "number", "stage", "limit"}
AMOUNTS |= {"capacity", "risk", "percent", "discount", "margin", "premium", "par", "record"}


RATES = {"a", "an", "per", "each", "every", "another", "extra"}


def _word_before(ent: Span) -> int:
    """Where the word before a time is: past fillers after "in" or "within" ("in like five
    minutes", "within about a week"); "by like thursday" is a clock's or a date's to read."""
    at = ent.start - 1
    while at > ent.sent.start and ent.doc[at].lower_ in TIME_FILLERS:
        at -= 1
    return at if ent.doc[at].lower_ in ("in", "within") else ent.start - 1


def _at_a_time(sentence: Span) -> bool:
    """Whether the sentence names a point in time to act by or at ("on Monday", "March
    third", "by like four"), not a rate ("seventy a month") or a length ("an extra night"),
    nor a time inside the thing ("the 3pm cutoff")."""
    for ent in sentence.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        before = ent.doc[_word_before(ent)].lower_ if ent.start > 0 else ""
        if before in ("in", "within", "by"):
            return True  # "in a week", "within two days", "by the end of the month"
        if any(t.lower_ in RATES for t in ent) or _a_length(ent):
            continue
        if ent.root.dep_ in ("compound", "amod", "nummod", "dobj", "nsubj"):
            continue
        return True
    words = [t.lower_ for t in sentence if t.lower_ not in ("like", "say", "about")]
    words = [w for i, w in enumerate(words) if not _part_of_an_hour(words, i)]
    return any(
        word in CLOCK_PREPOSITIONS and i + 1 < len(words) and clock_time(words[i + 1])
        for i, word in enumerate(words)
    )


def _part_of_an_hour(words: list[str], i: int) -> bool:
    """ "(at) quarter to (eight)", "half past (six)": left out so the hour follows "at"."""
    if words[i] in ("quarter", "half"):
        return i + 1 < len(words) and words[i + 1] in ("to", "past")
    if words[i] == "a":  # "at a quarter to eight"
        return i + 2 < len(words) and words[i + 1] == "quarter" and words[i + 2] in ("to", "past")
    return words[i] in ("to", "past") and i > 0 and words[i - 1] in ("quarter", "half")


SPAN_UNITS = {"hour", "day", "week", "month", "year", "minute", "night", "evening", "morning"}
POINT_WORDS = {"this", "next", "the", "end", "tomorrow", "tonight", "today", "coming"}
NAMED_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _a_length(ent: Span) -> bool:
    """ "volunteer hours", "two weeks", "at night": a length of time or a time of day in
    general, not a day to act by (unless "in two weeks", "next week", "Thursday evening")."""
    if ent.root.lemma_.lower() not in SPAN_UNITS:
        return False
    return not {t.lower_ for t in ent} & (POINT_WORDS | NAMED_DAYS)


def clock_time(word: str) -> bool:
    """ "four", "7", "7:30", "noon": a time of day as said after "by" or "at"."""
    if word in ("noon", "midnight"):
        return True
    if ":" in word:
        return word.replace(":", "").isdecimal()
    if word.isdecimal():
        return 1 <= int(word) <= 12
    return word in CLOCK_WORDS


CLOCK_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
}


MONEY_HANDLING = {"bring", "get", "have", "hand", "put", "drop", "process", "make"}


def _moves_money(verb: Token) -> bool:
    """ "bring the cash", "get the deposit processed": handling a payment is paying it."""
    if verb.lemma_ not in MONEY_HANDLING:
        return False
    near = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    near += [g for c in near if c.dep_ != "dobj" for g in c.children if g.dep_ in ("nsubj", "dobj")]
    return any(t.dep_ in ("dobj", "nsubj") and t.lemma_ in MONEY_NOUNS for t in near)


def _is_task(verb: Token, sentence: Span, has_terms: bool) -> bool:
    """Whether the promised verb is a task rather than a deal term or a figure of speech."""
    if _is_pledge(verb) or verb.lemma_ in DELIVERY_VERBS or _shows_up(verb) or _sent_out(verb):
        return True
    if _moves_money(verb):
        return True
    if verb.lemma_ in DEAL_VERBS:
        return _does_a_chore(verb) or includes_a_paper(verb) or _does_it_then(verb, sentence)
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
    if verb.lemma_ in TASK_VERBS or any((verb.lemma_, p) in TASK_PHRASES for p in particles):
        return True
    if verb.lemma_ in NOT_ACTIONS:
        # "go over it", "look into it", "think it through" are tasks all the same.
        tasks = particles & {"over", "back", "through", "into", "to", "at"}
        # "ill take it apart fri", "I'll take the mower home": moving a thing somewhere.
        tasks |= {c.lower_ for c in verb.children if c.dep_ == "advmod"} & MOVED_TO
        return bool(tasks) and not has_terms
    return not has_terms


# What "do" takes when it names a term, not a chore: "we can do forty", "do the deal".
DONE_TERMS = {"it", "that", "this", "deal", "price", "rate", "term", "discount", "one"}
DONE_TERMS |= {"same", "split", "math", "number", "figure", "year", "month", "week", "lot"}
DONE_TERMS |= {"net", "deposit", "payment", "installment", "instalment", "fee", "cost"}
DONE_TERMS |= {"contract", "shipping", "delivery", "billing", "pricing", "renewal", "trial"}


def _thing_done(verb: Token) -> Token | None:
    """The noun "do" takes ("do the verge", "do free shipping"), if any."""
    if verb.lemma_ != "do":
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return thing if thing is not None and thing.pos_ == "NOUN" else None


def _does_a_term(verb: Token) -> bool:
    """ "we'll do free shipping", "we'll do a longer contract", "we can do volume
    pricing": "do" with a term of the deal (not "I'll do that", "I'll do the verge")."""
    thing = _thing_done(verb)
    if thing is None:
        return False
    lemma = thing.lemma_.lower()
    return (lemma in DONE_TERMS and lemma not in TAKEN_DEALS) or any(
        c.dep_ == "amod" and c.lower_ in TERM_ADJECTIVES for c in thing.children
    )


# "free shipping", "a longer contract": said of a deal term ("the first drop" is a task).
TERM_ADJECTIVES = {"free", "extra", "additional", "complimentary", "longer", "shorter"}
TERM_ADJECTIVES |= {"cheaper", "lower", "higher", "better", "bigger", "smaller", "flat"}


# "I'll include the work letter with the LOI": putting a paper in is sending it, a task
# ("we'll include installation" is a deal term).
PAPERS = {"letter", "report", "deck", "summary", "breakdown", "schedule", "spec", "document"}
PAPERS |= {"doc", "paperwork", "copy", "certificate", "draft", "agenda", "note"}
PAPERS |= {"form", "link", "detail", "slide", "questionnaire", "list", "checklist", "invoice"}
SENT_THINGS |= PAPERS


def includes_a_paper(verb: Token) -> bool:
    """ "I'll include the work letter", "we'll include a copy of the certificate"."""
    if verb.lemma_ != "include":
        return False
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.lemma_.lower() not in PAPERS:
        return False
    # "a free copy of the software", "a second draft at no extra charge": a deal term.
    words = {t.lower_ for t in verb.subtree}
    free = any(c.dep_ == "amod" and c.lower_ in TERM_ADJECTIVES for c in thing.children)
    return not (free or ("charge" in words and words & {"no", "free"}))


def _does_it_then(verb: Token, sentence: Span) -> bool:
    """ "I'll do it on Saturday", "ill do that tonight": doing the thing just spoken of at a
    time is a task ("I'll do it" alone takes the deal, "we can do that at forty" prices)."""
    if verb.lemma_ != "do" or verb.i + 1 >= len(verb.doc):
        return False
    # The next word, as spaCy reads "ill do it sat" as "it sat".
    thing = next((c for c in verb.children if c.dep_ == "dobj"), verb.nbor(1))
    if thing.lower_ not in ("it", "that", "this"):
        return False
    if any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in sentence):
        return False
    return _due(sentence, verb) is not None


def _does_a_chore(verb: Token) -> bool:
    """ "I'll do the verge", "ill do the bathroom sundays": "do" with a thing to be done,
    not a number or a term ("we'll do forty", "we can do net fifteen", "I'll do that")."""
    thing = _thing_done(verb)
    if thing is None or thing.lemma_.lower() in DONE_TERMS:
        return False
    if _does_a_term(verb):
        return False  # "free shipping", "a longer contract": terms
    return not any(t.like_num or t.ent_type_ in NOT_PLACES for t in verb.subtree)


# "I'll take it", "we'll take the money" accept what is offered; "then I'll leave it" and
# "I'll pass at that price" turn it down.
TAKEN_DEALS = {"it", "that", "this", "deal", "offer", "money", "price", "one", "them"}
PLACES_TO = {"back", "home", "away", "over", "down", "up", "apart", "off", "out"}
MOVED_TO = {"apart", "home", "away", "down"}


def _walks_away(verb: Token) -> bool:
    """ "Then we'll walk", "we'll take our business elsewhere": a threat to leave the
    deal, pressure rather than a promise (not "someone will walk you through it")."""
    if verb.lemma_ == "walk":
        return not any(c.dep_ == "dobj" for c in verb.children)
    return any(c.lower_ == "elsewhere" for c in verb.children)


def _sits_out(verb: Token) -> bool:
    """ "I'll sit this one out", "we're going to skip this round": declining to take part."""
    words = {c.lower_ for c in verb.children}
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # The thing sat out or skipped is the whole round, not a part ("sit out the first call
    # and join the second", "we'll skip the fee this time" waives the fee).
    whole = all(
        o.lower_ in ROUNDS or (o.lower_ == "one" and any(c.lower_ == "this" for c in o.children))
        for o in objects
    )
    if verb.lemma_ == "sit":
        return "out" in words and whole
    return verb.lemma_ == "skip" and bool(objects) and whole


ROUNDS = {"round", "time", "year", "this"}


def _answers_or_wants(verb: Token) -> bool:
    """Taking or leaving the deal on the table, or passing on it (an answer, not a task),
    or wanting something done by someone else ("I'll need your certificate updated")."""
    if verb.lemma_ == "pass":
        return not any(c.dep_ in ("dobj", "prt") for c in verb.children)
    if _sits_out(verb):
        return True  # "so i'm going to sit this one out": a no
    if _walks_away(verb):
        return True
    if verb.dep_ == "ccomp" and verb.head.lemma_ in ("need", "want"):
        # Not a clause of its own said first and joined by a comma: "We'll come by Sunday
        # afternoon, he'll want to play it first".
        subject = _subject(verb)
        said_first = verb.i < verb.head.i and subject is not None and subject.lower_ in MINE
        return not (said_first and _aux_of(verb) & FUTURE_AUX)
    if verb.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if any(c.dep_ in ("prep", "prt") or c.lower_ in PLACES_TO for c in verb.children):
        return False  # "I'll take it to finance on Monday", "leave it with me", "take it back"
    return verb.lemma_ in ("take", "leave") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in TAKEN_DEALS for c in verb.children
    )


def _leaves_it_open(verb: Token, sentence: Span) -> bool:
    """A plan left open with no time set: "we'll find a time after he's back", "we'll
    decide after that", "let's park that", "let's talk menus later"
    (not "we'll decide by Friday" nor "let's talk Monday at 10")."""
    let = verb.head if verb.head.lemma_ == "let" else verb
    held = verb.lemma_ in ("keep", "hold", "leave") and "for now" in sentence.text.lower()
    if let is not verb and (verb.lemma_ in KEPT_AS_IT_IS or held):
        # "let's stay at one year for now", "let's keep it at six months for now": the
        # time is the term kept
        return True
    if any(t.ent_type_ in ("DATE", "TIME") and not _greets(t) for t in let.subtree):
        return False
    return verb.lemma_ in OPEN_PLANS or _finds_a_time(verb) or _lets_leave_it(verb)


def _finds_a_time(verb: Token) -> bool:
    """ "we'll find a time after he's back", "we'll figure out a time": a meeting left to be
    arranged, not a task taken on."""
    return verb.lemma_ in ("find", "figure", "work", "sort") and any(
        c.dep_ == "dobj" and c.lemma_ in ("time", "date", "slot", "day") for c in verb.children
    )


# The "'s" of "let's" and the "us" of "let us".
LETS_US = {"'s", "us", "\u2019s"}
# After "let's", these take nothing on: "let's see", "let's talk menus later".
LEFT_OPEN = OPEN_PLANS | {"see", "wait", "hope", "leave", "think", "say", "talk", "discuss"}
# ...nor do these, which keep a term as it is: "let's stay at one year for now".
KEPT_AS_IT_IS = {"stay", "stick", "settle"}
LEFT_OPEN |= KEPT_AS_IT_IS
# "let me talk to my manager", "let me think", "let me pull up your account": a pause in
# the call, not a task taken on (unless a time is set).
STALLS = {"talk", "think", "pull", "see", "speak"}
# The meeting's own running order: "let's get started", "let's go around", "let's start
# with what went well", "let's move on".
RUNNING_ORDER = {"start", "begin", "kick", "move", "dive", "jump", "recap", "wrap", "go"}
# "let's do quick intros", "let's do a quick round" (not "a round of pricing").
ROUND_OF_THE_ROOM = {"intros", "introductions", "round", "roundtable"}


def _lets_leave_it(verb: Token) -> bool:
    """ "let's see", "let's park that for now": nothing taken on ("let me know" and "I'll
    let you know" are promises)."""
    let = verb if verb.lemma_ == "let" else verb.head
    if let.lemma_ != "let":
        return False
    done = [c for c in let.children if c.dep_ in ("ccomp", "xcomp")]
    if len(done) == 1 and done[0].lemma_ == "let":
        return _lets_leave_it(done[0])  # "let's let's just go around": said twice
    us = [t for t in [*let.children, *(g for c in done for g in c.children)] if t.lower_ in LETS_US]
    # "let's park that" leaves it; "let's do that", "let's do it" agree to the deal.
    if not us:
        return any(_stalls(c) for c in done)
    return any(
        c.lemma_ in LEFT_OPEN
        or _running_order(c)
        or (c.lemma_ in ("park", "do") and any(o.lower_ in TAKEN_DEALS for o in c.children))
        for c in done
    )


def _stalls(verb: Token) -> bool:
    """ "let me talk to my manager", "let me pull up your account": a pause in the call,
    not "let me talk to my manager and get back to you" nor "let me pull the numbers
    together for you"."""
    if verb.lemma_ not in STALLS or any(c.dep_ == "conj" for c in verb.children):
        return False
    return verb.lemma_ != "pull" or any(c.lower_ == "up" for c in verb.children)


def _running_order(verb: Token) -> bool:
    """ "let's get started", "let's go around", "let's start with what went well", "let's
    move on": the meeting's own order, not "let's start the pilot" nor "let's go ahead with
    the pilot"."""
    words = {c.lower_ for c in verb.children}
    if verb.lemma_ == "get":
        # Not "let's get going on the paperwork".
        begun = [c for c in verb.children if c.lower_ in ("started", "going")]
        return bool(begun) and not any(c.dep_ == "prep" for b in begun for c in b.children)
    if verb.lemma_ == "do":
        return any(
            c.dep_ == "dobj"
            and c.lower_ in ROUND_OF_THE_ROOM
            and not any(g.lower_ == "of" for g in c.children)
            for c in verb.children
        )
    if verb.lemma_ not in RUNNING_ORDER or any(c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.lemma_ in ("go", "move"):
        return bool(words & {"around", "on", "through"}) and "ahead" not in words
    return not words & {"ahead", "forward"}


# What a number's proposer adds of their own, joined with "and", is a term of the package
# put, not yet a promise: "320 and i'll throw in the gig bag", "290 and i can come right
# now", "120 and I'll cover the postage". Not "send" or "transfer", which hand over the sum
# itself ("40 and I'll send it tonight"), nor "pay" unless early ("5.00 and I'll pay
# upfront").
GIVEN_BESIDE = {"throw", "include", "pick", "collect", "come", "cover", "deliver", "drop"}
GIVEN_BESIDE |= {"handle", "add", "help", "carry", "grab", "fill", "fix", "install", "waive"}
GIVEN_BESIDE |= {"do", "clean", "take", "get", "bring", "commit", "repaint", "paint"}
PAID_EARLY = {"upfront", "up", "advance", "early", "front"}
# Said of the sum between it and the deed: "300 cash and…", "two fifty today and…".
SAID_OF_THE_SUM = {"cash", "now", "today", "tonight", "total", "flat", "each", "quid", "bucks"}
SAID_OF_THE_SUM |= {"for", "that", "it", "this", "the", "lot"}  # "fifteen for that, and…"
OWN_SUBJECT = {"i", "we"}
OWN_WILL = {"'ll", "ll", "will", "can", "could", "'d", "would"}
# What hands over the sum rather than adding to it: "and I'll bring cash".
THE_SUM_ITSELF = {"cash", "money", "payment", "transfer", "check", "cheque", "deposit"}
PROMISED_SUM = {"'ll", "ll", "will", "gonna"}
# Agreement before the sum: "deal, 250 and I'll pick it up tomorrow" takes their number.
AGREED = {"deal", "agreed", "sold", "done", "works", "fine", "perfect", "great"}


def _deed_beside_a_sum(doc: Doc, term: TermSpan) -> Token | None:
    """The verb of "and I'll <give or do something>" said right after a sum ("320 and i'll
    throw in the gig bag", "what about two forty and i'll pick it up today"): a package
    that claims the sum and gives the deed, not yet a promise. None after a time ("at 5
    and I'll bring the keys") or agreement ("deal, 250 and I'll…")."""
    before = doc[term.start - 1].lower_ if term.start else ""
    if term.unit is None and before in AT_A_TIME:
        return None
    said_before = doc[doc[term.start].sent.start : term.start]
    if any(t.lower_ in AGREED for t in said_before):
        return None
    if any(t.lower_ in PROMISED_SUM for t in said_before):
        return None  # "i'll give 10 and i'll bring the cake": two promises, no package
    if any(t.lemma_ in ("be", "cost") for t in said_before):
        return None  # "the total is $450 and I'll drop the keys off": a fact, then a promise
    i = term.end
    while i < len(doc) and (doc[i].text == "," or doc[i].lower_ in SAID_OF_THE_SUM):
        i += 1  # "300 cash and i can pick up today", "one seventy, cash, and we'll…"
    if i + 3 >= len(doc) or doc[i].lower_ != "and" or doc[i + 1].lower_ not in OWN_SUBJECT:
        return None
    verb = i + 2 + (doc[i + 2].lower_ in OWN_WILL)
    while verb < len(doc) - 1 and doc[verb].pos_ == "ADV":
        verb += 1  # "and i'll also throw in…"
    deed = doc[verb : doc[verb].sent.end]
    lemma = doc[verb].lemma_.lower()
    paid_early = lemma == "pay" and any(t.lower_ in PAID_EARLY for t in deed[1:4])
    if lemma not in GIVEN_BESIDE and not paid_early:
        return None
    if any(t.lower_ in THE_SUM_ITSELF for t in deed[:4]):
        return None
    # "and I'll take 300 of it" splits the sum; "and I'll commit to 450,000 bags" is a term.
    if lemma != "commit" and any(i < other.start < deed.end for other in doc._.terms):
        return None
    return doc[verb]


def deeds_beside_sums(doc: Doc) -> list[Token]:
    """Every verb of a deed put beside a sum in the utterance (see ``_deed_beside_a_sum``)."""
    deeds = (_deed_beside_a_sum(doc, term) for term in doc._.terms or [])
    return [deed for deed in deeds if deed is not None]


def _promised_after(verb: Token) -> bool:
    """Whether a later verb of the sentence is promised with "will" ("…and I'll text you"),
    also in a clause of its own (``clauses``), which still belongs to the sentence."""
    return any(
        t.pos_ == "VERB" and {c.lower_ for c in t.children if c.dep_ == "aux"} & {"'ll", "will"}
        for t in verb.doc[verb.i + 1 : verb.sent.end]
    )


def _no_deed_of_ones_own(verb: Token) -> bool:
    """ "haha ill hold you to that" holds them to their word; "let's park that" puts the
    subject off (not "I'll park on Elm Road"); "she'll have something to say" reacts."""
    objects = {c.lower_ for c in verb.children if c.dep_ in ("dobj", "dative")}
    if verb.lemma_ == "have" and objects & {"something", "nothing", "plenty", "lots", "a"}:
        # "the chair will have something to say about that": a reaction foretold.
        said = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree]
        return any(t.lemma_ in ("say", "think") for t in said)
    if verb.lemma_ in ("park", "table"):
        after = verb.nbor(1).lower_ if verb.i + 1 < len(verb.doc) else ""
        return bool((objects | {after}) & {"that", "it", "this", "those"})
    if verb.lemma_ != "hold":
        return False
    to = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
    return bool(objects & {"you", "u", "him", "her", "them"}) and bool(to)


def condition_heads(sentence: Span) -> list[Token]:
    """The heads of the clauses that set a condition ("if you sign", "as long as it's
    paid", "unless they object"), not "see if they can move it" (asks whether)."""
    heads = []
    for word in sentence:
        if word.lower_ not in CONDITION_WORDS:
            continue
        if word.lower_ == "long" and not (word.i > 0 and word.nbor(-1).lower_ == "as"):
            continue
        if word.lower_ == "provided" and word.dep_ not in ("prep", "mark"):
            continue  # "we provided the data last week": the verb
        if word.lower_ == "if" and _helps(word):
            continue  # "if that helps": an offer of help, not a term
        clause = word.head
        if clause.dep_ == "ccomp" and clause.head.lemma_ in WONDERING:
            continue
        heads.append(clause)
    return heads


def _helps(word: Token) -> bool:
    """ "if that helps", "if it helps": an offer of help, not a term."""
    after = [t.lower_ for t in word.doc[word.i + 1 : word.i + 3]]
    return len(after) == 2 and after[0] in ("that", "it") and after[1] in ("helps", "help")


def _put_as_a_suggestion(verb: Token) -> bool:
    """ "shall we get going", "should we send it today", "shall I send the deck over
    tonight": a suggestion put as a question, with or without "?", that waits for a yes
    (not "we should send it today")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.lower_ in ("shall", "should") and c.i < subject.i
        for c in verb.children
    )


# What a lesson for next time changes: "next time we'll scope it as its own line item",
# "next time we'll send the invoice earlier".
LESSON_WORDS = {"differently", "earlier", "sooner", "better", "properly", "separately"}
LESSON_WORDS |= {"own", "instead"}


def _lesson_for_next_time(token: Token) -> bool:
    """ "next time we'll scope it as its own line item", said first and saying what will
    change: a lesson for a next time there may not be. Not "Next time, I'll bring the
    samples" nor "I'll bring the samples next time" (the next meeting), nor "next time we
    meet, I'll…" (an occasion named)."""
    if token.lower_ != "time" or token.i == 0 or token.nbor(-1).lower_ != "next":
        return False
    sentence = token.sent
    before = token.doc[sentence.start : token.i - 1]
    said_first = all(t.pos_ == "INTJ" or t.is_punct or t.lower_ in LEAD_INS for t in before)
    clause = token.head.dep_ == "advcl" or any(c.dep_ in ("relcl", "acl") for c in token.children)
    changes = any(t.lower_ in LESSON_WORDS for t in token.head.subtree)
    return said_first and changes and token.dep_ == "npadvmod" and not clause


def _bears_on(anchor: Token, verb: Token) -> bool:
    """Whether a condition (``anchor``: the head of its clause) or a hedge (``anchor``: the
    word itself) bears on ``verb``. It does unless it sits in a clause of its own that
    ``verb`` governs through "and" or that describes a thing ("i'll check it tomorrow and
    ping you if it's green", "people who might be a fit"), or, for a hedge, in what the
    promise is about ("My husband might have one, I'll ask him")."""
    hedge = anchor.lower_ in HEDGES
    for ancestor in [anchor, *anchor.ancestors]:
        if ancestor == verb:
            return True
        if hedge and ancestor.dep_ == "ccomp" and ancestor.head == verb:
            return False
        if ancestor.dep_ in ("relcl", "acl") and verb not in ancestor.subtree:
            return False
        if ancestor.dep_ == "conj" and ancestor.head == verb:
            return False  # the other promise of "X and Y if…"
    return True


def _names_a_position(verb: Token) -> bool:
    """ "Sixteen eighty is what we'll pay": the clause names a number, it promises nothing."""
    return (
        verb.dep_ in ("ccomp", "relcl", "csubj")
        and verb.head.lemma_ == "be"
        and any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj", "pobj") for c in verb.children)
    )


def _required(verb: Token) -> bool:
    """ "you'll need to bring boots", "you'll have to sign": asked of the listener (read at
    the deed or at "have" itself: "u will have to wait till monday")."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("need", "have"):
        return True
    return verb.lemma_ in ("need", "have") and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children
    )


def _doubted(verb: Token) -> bool:
    """ "i'm not sure we'll hire more than one", "I don't think we'll need it": said with
    doubt on the clause above."""
    head = verb
    for _depth in range(3):
        if head.dep_ not in ("ccomp", "advcl", "xcomp") or head.head == head:
            return False
        head = head.head
        if head.lemma_ == "wish":
            return True  # "I wish I could give more": what one cannot do
        if head.lemma_ in DOUBTING and (
            any(c.dep_ == "neg" for c in head.children)
            or any(c.dep_ == "neg" for c in head.head.children if head.dep_ == "acomp")
        ):
            return True
    return False


def _aux_of(verb: Token) -> set[str]:
    """The auxiliaries of ``verb``, or of the verb it is joined to ("go and make")."""
    aux = {_aux_word(c) for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.dep_ == "conj" and aux <= {"to"}:
        aux |= {_aux_word(c) for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
    # "we should prob clean", "ill prob send": spaCy hangs the auxiliary on "prob".
    hedges = [c for c in verb.children if c.lower_ in TYPED_PROBABLY]
    if verb.head.lower_ in TYPED_PROBABLY and verb.head != verb:
        hedges.append(verb.head)
    for hedge in hedges:
        aux |= {_aux_word(c) for c in hedge.children if c.dep_ in ("aux", "auxpass")}
    return aux


def _aux_word(token: Token) -> str:
    """A helper verb as said, or as meant where typed short or misspelt: "would" for the
    bare "d" of "id" typed for "I'd", "will" for "wil" (``contractions``)."""
    if token.norm_ == "would" or token.lower_ in TYPED_AUX:
        return token.norm_
    return token.lower_


def _undertaken(verb: Token) -> bool:
    """ "we agree to hold prices", "I promise to send it", "we commit to a response"."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in UNDERTAKING_VERBS:
        return head.tag_ in ("VBP", "VB") and not _aux_of(head) & {"would", "'d", "could"}
    return verb.lemma_ == "commit" and verb.tag_ == "VBP"


PRESENT_BE = {"am", "'m", "m", "are", "'re", "re"}  # with "i" or "we" only
# Done as it is said, in the present progressive: "we're sending you the contract
# tomorrow", "sending now". ("we're launching in March" tells a plan; "we're paying 40 now"
# the state of things.)
UNDER_WAY_VERBS = {"send", "ship", "deliver", "pay", "wire", "transfer", "deposit", "refund"}
UNDER_WAY_VERBS |= {"invoice", "provide", "book", "order", "return", "submit", "email"}
UNDER_WAY_VERBS |= {"forward"}
SENT_NOW = {"send", "wire", "transfer", "deposit", "email", "forward"}
# A progressive with no subject is said of the speaker only as the sentence's own verb
# ("sending now", "ok 170, sending now"), not as a gerund ("booking by Friday helps",
# "in exchange for dropping the deck").
OWN_VERB = {"ROOT", "advcl", "conj"}


def _under_way(verb: Token, sentence: Span) -> bool:
    """A delivery, a payment or a pledge in the present progressive with a time to come,
    or a sum pledged: "we're sending you the contract tomorrow", "sending now", "i'm
    putting in 75 too"."""
    if verb.tag_ != "VBG":
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    subject = _subject(verb)
    if not (aux & PRESENT_BE or (not aux and subject is None and verb.dep_ in OWN_VERB)):
        return False
    if subject is not None and subject.lower_ not in MINE:
        return False  # "the vendor is shipping the parts monday" reports on someone else
    puts_in = verb.lemma_ == "put" and any(
        c.dep_ == "prt" and c.lower_ == "in" for c in verb.children
    )
    pledged = puts_in or _is_pledge(verb)
    if not (pledged or verb.lemma_ in UNDER_WAY_VERBS):
        return False
    figures = any(
        t.like_num or t.ent_type_ == "MONEY" or t.text[:1].isdigit() for t in verb.subtree
    )
    if verb.lemma_ == "pay" and figures:
        return False  # "we're paying 40 a seat today", "50k next year": what things cost
    if pledged and any(t.like_num or t.ent_type_ == "MONEY" for t in verb.subtree):
        return True
    due = _due(sentence, verb)
    if due is None:
        return False
    when = due.text.lower().split()[-1]  # spaCy reads "thirty nine today" as one time
    if subject is None and not pledged and when not in ("now", "today", "tonight"):
        return False  # a fragment with a later time: as often a plan or an agenda item
    return when != "now" or pledged or verb.lemma_ in SENT_NOW


def _signs_up(verb: Token) -> bool:
    """ "ok put me down for $10", "put us down for two tables", "count me in for 2
    dollars", "i'm in for 50": the speaker signs up with a sum ("put me down for $0"
    declines; "I'm in" or "count me in" alone joins a plan; "I'm in the office for 2 hours"
    is somewhere, for a time)."""
    if _names_zero(verb):
        return False
    subject = _subject(verb)
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep")}
    signed = subject is None and any(
        c.dep_ == "dobj" and c.lower_ in ("me", "us") for c in verb.children
    )
    if verb.lemma_ == "put":
        return signed and "down" in particles
    within = [c for c in verb.children if c.lower_ == "in"]
    if not within or any(g.dep_ == "pobj" for c in within for g in c.children):
        return False  # "in" alone: not "in the office", "in Chicago"
    # A sum for "for", not a time ("in for 2 more weeks of delays").
    sums = any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in c.subtree)
        and not any(t.lemma_ in SPAN_UNITS for t in c.subtree)
        for c in (*verb.children, *(g for c in within for g in c.children))
    )
    if verb.lemma_ == "count":
        return signed and sums
    mine = subject is not None and subject.lower_ in ("i", "we")
    return verb.lemma_ == "be" and mine and sums


def _chain(verb: Token) -> list[Token]:
    """The verb and the words it hangs from up to its clause's head: "am not willing to
    donate" is negated at "am"."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "acomp", "pcomp", "prep", "conj") and len(chain) < 4:
        if chain[-1].dep_ == "conj" and any(c.dep_ == "nsubj" for c in chain[-1].children):
            return chain  # a clause of its own: "I can't do much, but I'd be glad to…"
        chain.append(chain[-1].head)
    if chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


# Refusing a deal, said with "promise" for weight: "i won't sign it, promise", "i won't
# pay a cent over forty, i promise", "I promise I won't go lower".
REFUSED_DEAL_VERBS = {"go", "come", "budge", "move", "drop", "accept", "sign", "pay", "buy"}
REFUSED_DEAL_VERBS |= {"take", "agree", "work", "do", "deal", "use", "renew"}
MORE_OR_LESS = {"lower", "higher", "below", "above", "under", "over", "less", "more", "down"}
# "it won't happen again", "i won't be late again": a slip, sworn off.
SLIPS = {"happen", "be", "forget", "miss"}


# "…, i promise you" said after the action.
SAID_AS_A_PROMISE = re.compile(r"(?:\s+i)?\s+promised?(?:\s+you)?$", re.IGNORECASE)


def _sworn_off(verb: Token, aux: set[str]) -> bool:
    """A promise not to do something, said as one in its own clause: "i won't eat in the
    car, promise", "it won't happen again", "i won't be late again" (not a refusal of the
    deal with "promise" for weight, nor "we won't buy from you again", which threatens)."""
    subject = _subject(verb)
    if not aux & {"wo", "will", "'ll"} or subject is None:
        return False
    clause = {t.lower_ for t in verb.subtree} | {c.lower_ for c in verb.head.children}
    again = "again" in clause
    if subject.lower_ in ("it", "that", "this"):
        return verb.lemma_ == "happen" and again
    if subject.lower_ not in MINE:
        return False
    if verb.lemma_ in SLIPS and again:
        return True
    refuses = verb.lemma_ in REFUSED_DEAL_VERBS or bool(clause & MORE_OR_LESS)
    sworn = {t.lower_ for t in verb.sent} & {"promise", "promised"}
    return bool(sworn) and not refuses


def _negated(verb: Token) -> bool:
    """ "I won't send it", "we're not willing to donate": negated up its clause."""
    return any(c.dep_ == "neg" for t in _chain(verb) for c in t.children)


def _no_problem(verb: Token) -> bool:
    """ "I have no problem donating the entire $2" (not "I had no problem donating")."""
    problem = verb.head
    if verb.dep_ != "acl" or problem.lemma_ != "problem" or problem.dep_ != "dobj":
        return False
    subject = _subject(verb)
    return (
        any(c.lower_ == "no" for c in problem.children)
        and problem.head.tag_ in ("VBP", "VB")
        and subject is not None
        and subject.lower_ in MINE
    )


def _willing(verb: Token, aux: set[str]) -> bool:
    """A stated willingness to give or to do a task, which promises it.

    "I'd like to donate $5", "I am willing to donate", "I would donate 10c", "i can put the
    slides together", "we can send the forecast every month". Not for deal terms: "we can do
    forty" and "we'd be willing to pay 45" are offers; not in a clause about something else
    ("so that I can contribute", "a charity I'd like to donate to").
    """
    pledge = _is_pledge(verb)
    task = (
        verb.lemma_ in TASK_VERBS
        or any((verb.lemma_, c.lower_) in TASK_PHRASES for c in verb.children)
        or _shows_up(verb)
        # "I can hold $100 through December 31", "we can ship by Friday": a delivery with a
        # time to it; "we can pay 45" names a price, and "I can only hold that until
        # Friday" sets a deadline.
        or (
            verb.lemma_ in DELIVERY_VERBS
            and _at_a_time(verb.sent)
            and not any(c.lower_ == "only" for c in verb.children)
        )
    )
    if _names_zero(verb):
        return False  # "I would like to donate $0" declines
    if pledge and _no_problem(verb):
        return True
    if not (pledge or task) or any(t.dep_ in SUBORDINATE for t in _chain(verb)):
        return False
    subject = _subject(verb)
    if subject is None and pledge and _willing_without_i(verb):
        pass  # "would be happy to donate.", "happy to give $1": the "I" left out
    elif subject is None or subject.lower_ not in MINE:
        return False
    if aux & {"can", "ca"}:
        return True
    if pledge and aux & {"would", "'d", "could", "am", "'m", "are", "'re"}:
        return True  # "I would donate 10c", "I could give 5 more cents", "I'm donating 80%"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in WOULD_HEADS:
        return bool(_aux_of(head) & {"would", "'d"})
    return verb.dep_ in ("xcomp", "pcomp") and (
        head.lemma_ in WILLING_HEADS or head.head.lemma_ in WILLING_HEADS
    )


def _willing_without_i(verb: Token) -> bool:
    """ "would be happy to donate.", "glad to give $1": willingness said with the "I" left
    out, the sentence opening with it."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_ not in WILLING_HEADS:
        return False
    clause = head.head if head.dep_ == "acomp" else head
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return False
    opening = [t for t in verb.sent if t.lower_ not in LEAD_INS and not t.is_punct]
    starts = {clause.i, head.i} | {c.i for c in clause.children if c.dep_ == "aux"}
    return bool(opening) and opening[0].i in starts


# What "one" is had by: "he might have one", "do you need one?".
HAVING = {"have", "get", "own", "need", "want", "keep", "borrow", "lend"}


def names_a_deal_term(doc: Doc, start: int, end: int, issue: str, unit: str | None) -> bool:
    """Whether a number found as a term is one for a promise: not a clock time ("be there
    by like four", "bring the cash around four") nor a count of things ("run the two
    workshops"), which a promised task names as often as a deal does, nor "one" had."""
    if issue != "other" or unit is not None:
        return True
    one = doc[start]
    if end - start == 1 and one.lower_ == "one" and one.head.lemma_ in HAVING:
        return False  # "My husband might have one, I'll ask him": a thing had, no figure
    words = [t.lower_ for t in doc[max(0, start - 2) : start] if t.lower_ not in ("like", "say")]
    if words and words[-1] in CLOCK_PREPOSITIONS and clock_time(doc[start:end].text.lower()):
        return False
    after = doc[end] if end < len(doc) else None
    return not (after is not None and after.tag_ == "NNS" and after.pos_ == "NOUN")


def _is_verb(token: Token) -> bool:
    """A verb, or a word spaCy mistags that carries a verb's auxiliary ("I'll forward",
    where "forward" comes out an adverb)."""
    if token.dep_ in ("aux", "auxpass") or token.lower_ in TYPED_PROBABLY:
        return False
    return token.pos_ in ("VERB", "AUX") or any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"can", "ca"} for c in token.children
    )


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).isdecimal()  # not "¹", which float() refuses


def _names_zero(verb: Token) -> bool:
    """ "donate $0", "put me down for $0": an amount of nothing declines."""
    return any(_is_number(t.text) and float(t.text) == 0 for t in verb.subtree)


# A tag that asks the listener to take a term: "We'll cover shipping, deal?"
TAKE_IT = {"deal", "agreed", "done"}


def _tag_question_start(sentence: Span) -> int | None:
    """Where a short question tagged on after a comma starts ("i can pick it up tomorrow
    after 5, cash ok?", "i'll send it friday, is that ok?"), if the clause before it states
    something: then the tag asks about something else and that clause still promises.
    None when the clause asks ("When will you send it, Friday?"), the tag has a verb of its
    own ("…, share it?"), or it puts a term or a time to them ("…, deal?", "…, how's
    Friday?"; "…, how's that?" approves)."""
    tokens = list(sentence)
    if len(tokens) < 3 or tokens[-1].text != "?":
        return None
    comma = next((t for t in reversed(tokens) if t.text == ","), None)
    if comma is None:
        return None
    tag = sentence.doc[comma.i + 1 : tokens[-1].i]
    clause = sentence.doc[sentence.start : comma.i]
    if sum(not t.is_punct for t in tag) > 3 or any(
        t.pos_ == "VERB" and t.lemma_ != "be" for t in tag
    ):
        # "ill bring mine fri, can u grab the gas canisters?": the ask after the promise
        # is theirs to answer; the promise stands. "…, share it?" asks about the promise.
        # "i'll pay 40, can you do that?" and "…, would you be ok with that?" put the
        # promise itself to them: a proposal, as "…, deal?" is.
        promised = OWN_PROMISE.match(clause.text.lower().replace("\u2019", "'"))
        asks_back = ASKS_THEM_BACK.match(tag.text.lower())
        about_it = ABOUT_THE_PROMISE.search(tag.text.lower())
        return comma.i if promised and asks_back and not about_it else None
    if any(t.lower_ in TAKE_IT or t.like_num or t.ent_type_ in ("DATE", "TIME") for t in tag):
        return None
    # The clause's own head: the parser may hang it from the tag ("…, how's that?").
    main = next((t for t in clause if t.head == t or t.head.i >= comma.i), None)
    return None if main is None or _in_question_order(main) else comma.i


def _in_question_order(verb: Token) -> bool:
    """ "When will you send it", "Will you send the contract": a question word on the verb
    or its auxiliary before its subject (not "Will do, I'll send it", "When I'm back
    Monday, I'll send it")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if any(c.lower_ in WH_WORDS and c.dep_ != "mark" for c in verb.children):
        return subject is None or any(
            c.lower_ in WH_WORDS and c.i < subject.i for c in verb.children
        )
    return subject is not None and any(
        c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in verb.children
    )


PROMISING_AUX = {"will", "'ll", "ll", "shall", "can", "could", "should", "would", "'d", "must"}


def _own_clauses(verb: Token) -> list[Token]:
    """The verbs joined to ``verb`` with a subject of their own: "I'll send the deck
    tomorrow and I'll book the room", "…, and Dana from legal will send the redlines"."""
    # Joined by "and"/"but" (not a comma splice, whose parse strays), each with its own
    # helper verb of a promise ("…and you bring the stove" proposes, promising nothing).
    if not any(c.dep_ == "cc" for c in verb.children):
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and (any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) or _name_before_a_team(c))
        and any(g.dep_ == "aux" and g.lower_ in PROMISING_AUX for g in c.children)
    ]


def _left_to_the_listener(verb: Token) -> list[Token]:
    """The verbs joined to ``verb`` that the listener is to do, with "you" as their own
    subject: "I'll pay the deposit and you send me your half by Friday", "we'll draft it
    and u review it". Not the speaker's promise; a request to the other side."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(g.dep_ == "nsubj" and g.lower_ in ADDRESSEE for g in c.children)
        and not _negated(c)
    ]


def clauses(sentence: Span) -> list[Span]:
    """A sentence cut where a clause with its own subject is joined on, so each promise
    keeps its own owner and date ("I'll send the order form by Friday, and Dana will send
    the redlines by Thursday"). Not where a condition or a hedge may govern both."""
    lower = sentence.text.lower().rstrip()
    if CONDITION.search(lower) or any(t.lower_ in HEDGES for t in sentence):
        return [sentence]
    if lower.endswith("?") or "we'll see" in lower or any(m in lower for m in THREAT_MARKERS):
        return [sentence]  # what asks, waits or threatens governs the whole sentence
    starts = sorted(
        c.left_edge.i
        for verb in sentence
        if verb.pos_ in ("VERB", "AUX")
        for c in _own_clauses(verb)
        if c.left_edge.i > sentence.start
    )
    edges = [sentence.start, *starts, sentence.end]
    doc = sentence.doc
    return [doc[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


INVERTING_AUX = {"will", "can", "shall", "would", "could", "should", "wo", "ca"}
# Talk put off to a vague later: "we'll talk soon", "speak later", "we'll catch up then".
SIGN_OFF_VERBS = {"talk", "speak", "chat", "catch"}
SIGN_OFF_TIMES = {"soon", "later", "then", "shortly"}


def _signs_off(verb: Token) -> bool:
    """ "we'll talk soon", "i'll speak to you later": a goodbye, no task (not "we'll talk
    to legal tomorrow", which sets a time and someone to talk to)."""
    if verb.lemma_ not in SIGN_OFF_VERBS:
        return False
    rest = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc")]
    said = {t.lower_ for c in rest for t in c.subtree}
    return said <= SIGN_OFF_TIMES | {"to", "you", "u", "up", "with", "all", "again"}


def _asked_by_order(verb: Token) -> bool:
    """Whether the verb's "will" or "can" comes before its subject, as a question's does
    when speech leaves out the question mark ("will i get the schedule before i start").
    Not "so will I", "nor can we", which agree, nor "i can i can replay them", said twice."""
    aux = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in INVERTING_AUX]
    subject = [c for c in verb.children if c.dep_ == "nsubj"]
    if not aux or not subject or aux[0].i > subject[0].i:
        return False
    before = verb.doc[aux[0].i - 1].lower_ if aux[0].i else ""
    # ("i can i can replay them": said twice, the first subject is before its "can".)
    return before not in ("so", "neither", "nor", "only", subject[0].lower_)


def find_commitment(
    sentence: Span, has_terms: bool = False, loose: bool = False, agreed: bool = False
) -> CommitmentSpan | None:
    """The commitment in a sentence, if it makes one.

    Args:
        sentence: a parsed sentence.
        has_terms: the sentence states a deal term (a price, a volume): then a promise in it
            of anything but a task, a delivery or a payment is part of an offer.
        loose: read any verb a party says it will or can do as a promise, not only tasks,
            deliveries, payments and pledges ("I'll take the bathroom every week", "I can
            start March third"). Alone this finds offers too ("we can do forty"); the
            pipeline asks for it only when the move model has called the utterance a
            commitment, and takes owner, action and due date from it.
        agreed: the utterance takes the other side's terms, so a deed put beside their sum
            ("ok 150 and i'll come get it tonight") is promised, not proposed.
    """
    lower = sentence.text.lower().replace("\u2019", "'")
    tag = _tag_question_start(sentence)  # where a question tagged on after a promise starts
    asked = lower.rstrip().endswith("?") and tag is None
    if asked and not THEIR_PROMISE_ASKED.match(lower):
        return None
    if ASKED_OF_THEM.match(lower):
        return None  # "ok can you let me know when he does": a request, not their promise
    if any(marker in lower for marker in THREAT_MARKERS):
        return None  # a threat: the promise is a term of it
    if "we'll see" in lower:
        return None
    conditions = condition_heads(sentence) if CONDITION.search(lower) else []
    hedges = [t for t in sentence if t.lower_ in HEDGES]
    hedges += [t for t in sentence if _lesson_for_next_time(t)]
    # "320 and i'll throw in the gig bag": a term of the package put, not yet a promise.
    packaged = set(deeds_beside_sums(sentence.doc)) if not agreed else set()
    for verb in (t for t in sentence if _is_verb(t)):
        if any(_bears_on(word, verb) for word in [*conditions, *hedges]):
            continue  # a conditional offer or a hypothetical, or "maybe I'll donate later"
        if verb in packaged:
            continue
        if _doubted(verb) or _put_as_a_suggestion(verb) or _no_deed_of_ones_own(verb):
            continue
        if _asked_by_order(verb):
            continue  # "sounds good and um will i get the schedule before i start": asked
        if _signs_off(verb):
            continue  # "okay great we'll talk soon": a goodbye
        if verb.lemma_ in FELT and any(
            c.lemma_ == "be" and c.dep_ in ("aux", "auxpass") for c in verb.children
        ):
            continue  # "Mum will be relieved": a feeling foretold
        if not agreed and sum_for_a_thing(verb) and not _at_a_time(sentence):
            continue  # "I'll give you three hundred for the bike": a price, still an offer
        aux = _aux_of(verb)
        negated = _negated(verb)
        sworn_off = negated and _sworn_off(verb, aux)
        negated &= not sworn_off
        # "going to send" promises; "going live" does not.
        going_to = verb.head.lower_ in GOING_TO and bool(aux & {"to", "na"})
        going_to |= verb.head.lower_ == "gonna"
        # "I was going to ask you the same thing": an intention that has passed.
        going_to &= not {c.lower_ for c in verb.head.children if c.dep_ == "aux"} & PAST_BE
        if verb.head.lemma_ == "need" and verb.dep_ == "xcomp":
            # "we're gonna need to check": the going-to of "need" carries over.
            need_aux = {c.lower_ for c in verb.head.children if c.dep_ == "aux"}
            going_to |= verb.head.head.lower_ in GOING_TO and bool(need_aux & {"to", "na"})
        under_way = _under_way(verb, sentence)
        future = bool(aux & FUTURE_AUX) or bool(aux & GOING_TO) or going_to or under_way
        # "someone needs to clean it" (not "before u move in" hung on "needs", a time).
        should = "should" in aux or "need" in aux
        should |= verb.head.lemma_ == "need" and verb.dep_ != "advcl"
        should |= verb.head.lemma_ == "have" and verb.dep_ == "xcomp"  # "someone has to…"
        # "somebody's gotta sort out the permit" (spaCy: "got" + "ta"); "you gotta make
        # sure" advises.
        subject = _subject(verb)
        if subject is not None and subject.lower_ in YOURS and _required(verb):
            continue  # "you'll need to bring steel toe boots": a requirement, not a promise
        gotta = verb.head.lower_ == "got" and verb.dep_ == "xcomp" and bool(aux & {"ta", "to"})
        should |= gotta and any(t.lower_ in NOBODY for t in (subject or verb).subtree)
        # "let me think about it and call you back": the "call" is let too.
        under_let = verb.head.head if verb.dep_ == "conj" else verb.head
        let_me = under_let.lower_ == "let" and verb.head != verb
        signs_up = _signs_up(verb)
        undertaken = _undertaken(verb) or signs_up
        willing = _willing(verb, aux)
        if loose and not willing and aux & {"can", "ca"}:
            willing = subject is not None and subject.lower_ in MINE
            willing &= verb.lemma_ not in LOOSE_NOT_ACTIONS
        if negated or not (future or should or let_me or undertaken or willing):
            continue
        if let_me and not future and _promised_after(verb):
            continue  # "Let me check my diary and I'll text you": the promise is the text
        # Nobody offers a deal term for "somebody": "somebody's gonna need to do the
        # security questionnaire" is an unowned task.
        unowned = subject is not None and any(t.lower_ in NOBODY for t in subject.subtree)
        unowned_task = unowned and verb.lemma_ not in NOT_ACTIONS
        if _answers_or_wants(verb) or _leaves_it_open(verb, sentence) or _names_a_position(verb):
            continue
        if loose:
            # Terms of the price stay offers ("fine, we'll waive the setup fee", "we will
            # include the first year free") unless a time is set for them; doing ("I'll
            # drop them off tomorrow", "i'll add it to your order") is a promise.
            task = verb.lemma_ not in LOOSE_NOT_ACTIONS
            task &= not _does_a_term(verb)  # "we'll do free shipping" offers
            task &= verb.lemma_ not in PRICE_TERMS or _at_a_time(sentence)
            # "ok i'll be there to observe": turning up, the time said before.
            task |= verb.lemma_ == "be" and any(_a_place(c) for c in verb.children)
        else:
            task = under_way or _is_task(verb, sentence, has_terms)
        task |= sworn_off
        if not (undertaken or willing or unowned_task or task):
            continue
        speaker_said = signs_up or (under_way and subject is None)  # "sending now"
        speaker_said |= sworn_off  # "it won't happen again": the speaker sees to it
        owner = "speaker" if speaker_said else _owner(subject, sentence, verb)
        if owner is False or (willing and not future and owner != "speaker"):
            continue
        # "we should talk" is a suggestion, "someone should check" an unowned task.
        # "we should sort out the key cards at some point" leaves a task open on the
        # speaker's side (vague: no date), as "someone should" does.
        open_to_do = should and not future and bool(OPEN_TIME.search(lower))
        suggestion = should and not future and owner == "speaker"
        suggestion &= not (open_to_do and not _keeps_company(verb))
        if suggestion and not any(t.lower_ in NOBODY for t in sentence):
            continue
        due = _due(sentence, verb)
        if due is not None and tag is not None and due.start > tag:
            due = None  # "i'll send the deck, can you review it by monday?": their time
        # "i'm in for 50" signs up "in for 50".
        action = _action_text(verb, due, after_verb=signs_up and verb.lemma_ == "be")
        if sworn_off:
            action = "not " + SAID_AS_A_PROMISE.sub("", action)  # "not eat in the car"
        if under_way and action.startswith(verb.text):
            action = verb.lemma_ + action[len(verb.text) :]  # "send you the copy"
        if not action:
            continue
        return CommitmentSpan(
            owner,
            action,
            due.text if due else None,
            sentence.start,
            sentence.end,
            open_to_do,
            due is not None and _counted_from_what_arrives(verb, due),
        )
    return _task_left_to_someone(sentence)


# "someone needs to…", "somebody shud…", "someone on our side has to…": what the words
# say when the parse loses the verb (spaCy reads "someone on our side needs" as a noun
# phrase, "shud" as a name, "clean sams room" as an adjective before a subject).
SOMEONE = {"someone", "somebody"}
MUST_DO = (
    *(("needs", "to"), ("has", "to"), ("should",), ("shud",), ("must",), ("ought", "to")),
    *(("gotta",), ("will", "need", "to"), ("'ll", "need", "to")),
)
PLACE_OR_SIDE = {"on", "from", "in", "at", "over"}
TOLD_OR_ASKED = {"if", "when", "whether", "unless", "who", "did", "does"}
SPOKEN_FILLERS = {"uh", "um", "like", "just", "probably", "really"}
# "someone needs to look at the questionnaire" is a task; "someone needs to think" is not.
NOT_SOMEONES_TASK = (NOT_ACTIONS - {"look", "try"}) | {"not", "never"}


def _task_left_to_someone(sentence: Span) -> CommitmentSpan | None:
    """An unowned task read from its words: "someone" (with "on our side" or "from ops"
    at most), a must ("needs to", "should"), then the verb (not "should be", "should have
    caught it", nor after "if", "who", "did")."""
    words = [t for t in sentence if not t.is_punct]
    lowered = [t.lower_.replace("\u2019", "'") for t in words]
    for i, word in enumerate(lowered):
        if word not in SOMEONE:
            continue
        if TOLD_OR_ASKED & set(lowered[:i]):
            return None
        at = i + 1
        if at < len(words) and lowered[at] in PLACE_OR_SIDE:
            ahead = range(at + 1, min(at + 5, len(words)))
            at = next((j for j in ahead if _must_at(lowered, j)), at)
        must = _must_at(lowered, at)
        if not must:
            continue
        verb_at = at + len(must)
        while verb_at < len(words) and lowered[verb_at] in SPOKEN_FILLERS:
            verb_at += 1  # "someone needs to uh loop in legal"
        if verb_at >= len(words) or not words[verb_at].is_alpha:
            return None
        verb = words[verb_at]
        after = lowered[verb_at + 1] if verb_at + 1 < len(words) else ""
        past = verb_at + 1 < len(words) and words[verb_at + 1].tag_ in ("VBN", "VBD")
        if verb.lower_ in NOT_SOMEONES_TASK or (verb.lower_ == "have" and past):
            return None  # "someone should have caught that" blames; it sets no task
        if verb.lower_ == "be" and after not in ("there", "here", "at", "on", "in"):
            return None  # "someone should be fine": no task, unless turning up somewhere
        due = _due(sentence, verb)
        said_with_due = _said_with(due) if due is not None else set()
        kept = [t for t in words[verb_at:] if t.i not in said_with_due]
        kept = [t for j, t in enumerate(kept) if not j or t.lower_ != kept[j - 1].lower_]
        while kept and kept[-1].lower_ in ("lol", "tho", "though", "too"):
            kept.pop()
        ours = {"our", "my"} & set(lowered[i + 1 : at])  # "someone on our side": the speaker's
        return CommitmentSpan(
            "speaker" if ours else None,
            " ".join(t.text for t in kept),
            due.text if due else None,
            sentence.start,
            sentence.end,
            bool(OPEN_TIME.search(sentence.text.lower())),
        )
    return None


def _must_at(lowered: list[str], at: int) -> tuple[str, ...] | None:
    return next((m for m in MUST_DO if tuple(lowered[at : at + len(m)]) == m), None)


# Things a party acts on when they arrive: "pay each invoice within seven days" counts
# from the invoice, "turn proofs around in two days" from the proofs.
ARRIVALS = {"invoice", "premium", "bill", "proof", "statement"}
ACTING_ON_ARRIVALS = {"pay", "settle", "turn", "return", "approve", "review", "process"}


def _counted_from_what_arrives(verb: Token, due: Span) -> bool:
    """A span of days for acting on something yet to arrive ("we'll pay the first invoice
    within thirty days"): no date until it arrives. Not sending it ("I'll send the invoice
    within two days"), which counts from now."""
    if not DURATION.match(due.text) or "hour" in due.text.lower():
        return False
    acted_on = {t.lemma_.lower() for t in verb.subtree if t.i not in range(due.start, due.end)}
    return verb.lemma_.lower() in ACTING_ON_ARRIVALS and bool(acted_on & ARRIVALS)


def _action_text(verb: Token, due: Span | None, after_verb: bool = False) -> str:
    """The promised action as said, from its verb on (or from the word after it), without
    the due date and stutters."""
    if verb.lemma_ in ("do", "work") and verb.head.lemma_ == "see":
        # "let me see what I can do on the price": the promise is to see, not "do on the
        # price".
        verb, after_verb = verb.head, False
    words: list[str] = []
    tag = _tag_question_start(verb.sent)
    said_with_due = _said_with(due) if due is not None else set()
    if due is not None and _owned_by_the_day(due):
        # "cover tonight's dinner": the thing done names its day, which stays in it; "by
        # friday's meeting": the meeting is the due date, said with it.
        led = due.start > 0 and due.doc[due.start - 1].lower_ in LEADING_PREPOSITIONS
        led |= due[0].lower_ in LEADING_PREPOSITIONS
        said_with_due = said_with_due | _event_of(due) if led else set()
    # "I'll send the deck tomorrow and I'll book the room": the joined clause is a promise
    # of its own, with the "and" that joins it.
    own = _own_clauses(verb) + _left_to_the_listener(verb)
    elsewhere = {t.i for c in own for t in c.subtree}
    first = min((c.i for c in own), default=None)
    elsewhere |= {
        c.i for c in verb.children if c.dep_ == "cc" and first is not None and c.i < first
    }
    for token in verb.subtree:
        if token.i < verb.i or token.dep_ == "punct" or (after_verb and token == verb):
            continue
        if token.i in elsewhere:
            continue
        if tag is not None and token.i >= tag:
            break  # "…, cash ok?" asks; it is not part of the action
        if token.lower_ == "but" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "not":
            break  # "fix the dishwasher, but not the paint": what is left undone
        if token.i in said_with_due:
            continue
        if words and token.lower_ == words[-1].lower():
            continue  # "get the the invoice out"
        if words and token.tag_ == "POS":
            words[-1] += token.text  # "the clients' files", not "the clients ' files"
            continue
        words.append(token.text)
    while words and words[-1].lower() in ("tho", "though", "too"):
        words.pop()  # "can u carry the cooler tho", "i'll call the caterer too"
    said = " ".join(words).replace(" 's", "'s").replace(" n't", "n't").strip()
    # "check the insurance eventually", "look at it at some point": when is left open (the
    # commitment is vague for it); the action is what is done.
    said = OPEN_TIME_AT_THE_END.sub("", said) or said
    return CURRENCY_GAP.sub(r"\1", said)  # "give $5", as said, not "give $ 5"


def _event_of(due: Span) -> set[int]:
    """The "'s meeting" of "by friday's meeting", "'s board meeting" of "at next week's
    board meeting": the event a day owns, said as part of the due date."""
    doc = due.doc
    at = due.end - 1 if due[-1].tag_ == "POS" else due.end
    if at >= len(doc) or doc[at].tag_ != "POS":
        return set()
    words = {at}
    for token in doc[at + 1 : at + 4]:
        if token.pos_ not in ("NOUN", "ADJ", "PROPN"):
            break
        words.add(token.i)
    return words


def _owned_by_the_day(due: Span) -> bool:
    """Whether the due words are a day's own ("tonight's", "friday's")."""
    doc = due.doc
    return due[-1].tag_ == "POS" or (due.end < len(doc) and doc[due.end].tag_ == "POS")


# Words that lead into a due date: "the Monday", "my Friday", "all next week".
LEAD_IN = {"det", "poss", "predet"}
# The prepositions that lead into a date; not "off" or "across", which belong to the verb
# ("drop it off fri"), nor "to", where the date is where something moves ("move the meeting
# to Thursday").
LEADING_PREPOSITIONS = {"on", "by", "for", "before", "until", "till", "in", "at", "within"}
LEADING_PREPOSITIONS |= {"of", "during", "through"}
# "by the end of next week", "at the start of May": the edge leads into the date as well.
EDGES = {"end", "start", "beginning", "middle", "close"}
HESITATIONS = {"uh", "um", "er", "erm", "uhm"}


def _said_with(due: Span) -> set[int]:
    """The due date's tokens and the words that only lead into it, so that the action does
    not end "on the" or "by the end of": its determiners and possessives just before it
    ("the Monday", "my Friday" where speech recognition heard "by Friday"), the
    prepositions and edges it alone follows ("on", "by the end of"), and a stutter or
    hesitation among them ("on the on the 5th", "on the uh tuesday")."""
    doc = due.doc
    said = set(range(due.start, due.end))
    said |= _leading_in(doc, due.start, said)
    node = due.root
    while node.dep_ == "pobj" and all(t.i in said for t in node.subtree):
        lead = node.head
        if lead.lower_ not in LEADING_PREPOSITIONS or lead.dep_ != "prep":
            break
        if any(c.i not in said and c.lower_ not in HESITATIONS for c in lead.children):
            break
        edge = lead.head
        if edge.lower_ not in EDGES or edge.i in said:
            said.add(lead.i)
            break
        # "by the end of next week" goes whole, or not at all ("by end of october which
        # gives you time" keeps its edge: the clause hangs on it).
        with_edge = said | {lead.i, edge.i} | _leading_in(doc, edge.i, {edge.i})
        if any(t.i not in with_edge for t in edge.subtree):
            break
        said, node = with_edge, edge
    return said | _hesitations_and_repeats(doc, said)


def _leading_in(doc: Doc, start: int, heads: set[int]) -> set[int]:
    """The determiners and possessives just before ``start`` that belong to ``heads``, and
    hesitations among them."""
    found: set[int] = set()
    while start > 0:
        before = doc[start - 1]
        if not (
            before.lower_ in HESITATIONS or (before.dep_ in LEAD_IN and before.head.i in heads)
        ):
            break
        start -= 1
        found.add(start)
    return found


def _hesitations_and_repeats(doc: Doc, said: set[int]) -> set[int]:
    """Hesitations inside the words said with the date, and the words just before them that
    repeat their first words ("on the on the 5th")."""
    first, last = min(said), max(said)
    found = {t.i for t in doc[first:last] if t.lower_ in HESITATIONS}
    for size in (3, 2, 1):
        start = first - size
        before, again = doc[max(start, 0) : first], doc[first : first + size]
        if start >= 0 and [t.lower_ for t in before] == [t.lower_ for t in again]:
            found |= set(range(start, first))
            break
    return found


@dataclass
class ActionRequest:
    """An action one side asks the other to take.

    Attributes:
        action: the action as asked ("donate some of your payment").
        amount_answers: an amount answers it as well as a yes does ("how much…", a gift).
        due_text: when it is asked for ("by Friday" of "can you send it by Friday?"), which
            a plain yes agrees to as well.
    """

    action: str
    amount_answers: bool
    due_text: str | None = None


def _asked_of(verb: Token, amount_answers: bool) -> ActionRequest:
    """The request of ``verb``, with the time it is asked for apart from the action."""
    due = _due(verb.sent, verb)
    return ActionRequest(_action_text(verb, due), amount_answers, due.text if due else None)


# Not "give" ("could you give a better price?") nor "contribute" ("a thirty thousand
# contribution" to a fit-out): deal terms in business talk, not gifts.
GIFT_VERBS = {"donate", "pledge", "sponsor"}
# Asked of a group: "would anyone sponsor me?"
ANYONE = {"anyone", "anybody", "everyone", "everybody"}
GROUP_ASKS = {"would", "could", "can", "will"}
GIFT_NOUNS = {"donation": "donate", "pledge": "pledge"}
# Giving to a shared pot put in a phrasal verb: "would anyone be up for chipping in?",
# "anyone able to pitch in?".
GIFT_PHRASALS = {"chip", "pitch"}
# A question with these on the giving verb asks what the listener does or did, not for a gift.
ASKS_A_HABIT = {"do", "does", "did", "have", "has"}


def _opens_ask(anyone: Token) -> bool:
    """ "would anyone…", "anyone up for…": "anyone" put first, or straight after "would"."""
    start = anyone.sent.start
    return anyone.i == start or (anyone.i == start + 1 and anyone.nbor(-1).lower_ in GROUP_ASKS)


def _asks_to_chip_in(token: Token) -> bool:
    """ "would anyone be up for chipping in?", "can you pitch in?": the verb with its "in",
    asked of others (not "your pitch in Berlin" nor "we'll pitch in on your costs")."""
    if token.lemma_ not in GIFT_PHRASALS or token.pos_ != "VERB" or token.i + 1 >= len(token.doc):
        return False
    subject = _subject(token)
    return token.nbor().lower_ == "in" and (subject is None or subject.lower_ not in MINE)


def invites_gift(doc: Doc) -> str | None:
    """The giving verb when an utterance puts giving to a cause to the listener: "would you
    be willing to donate $1?", "how about donating the entire $2", "your donation will be
    deducted"."""
    # "would anyone be up for chipping in", said without the mark, asks all the same.
    to_a_group = any(
        t.lower_ in ANYONE
        and ("?" in t.sent.text or (t.lower_ in ("anyone", "anybody") and _opens_ask(t)))
        for t in doc
    )
    if not (to_a_group or any(t.lower_ in YOURS for t in doc)):
        return None  # not "everyone at my office donated last year"
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_ in GIFT_VERBS:
            if _aux_of(token) & ASKS_A_HABIT and "?" in token.sent.text:
                continue  # "how much do you donate a year?", "have you donated before?"
            return token.lemma_
        if _asks_to_chip_in(token):
            return f"{token.lemma_} in"
        if token.pos_ == "NOUN" and token.lemma_ in GIFT_NOUNS:
            return GIFT_NOUNS[token.lemma_]
    return None


def requested_action(doc: Doc) -> ActionRequest | None:
    """The action an utterance asks the listener to take, and whether an amount answers it.

    "Would you like to donate some of your payment?" and "are you willing to donate?" ask
    for "donate …", which an amount ("$2") answers as well as a yes does; so does "How much
    would you like to donate?". "Can you do forty?" asks for a deal term, not an action
    (None).
    """
    for sentence in doc.sents:
        text = sentence.text.lower().strip()
        # "cool can you text me when youre leaving", "perfect, can you send the deck": the
        # question starts after the acknowledgement.
        opening = [
            t
            for t in sentence
            if t.lower_ not in LEAD_INS | ACKNOWLEDGEMENTS and t.pos_ not in ("INTJ", "PUNCT")
        ]
        first = opening[0].lower_ if opening else ""
        imperative = _imperative(sentence)
        if imperative is not None:
            return _asked_of(imperative, _is_pledge(imperative))
        wanted = _wanted_of_you(sentence)
        if wanted is not None:
            return _asked_of(wanted, _is_pledge(wanted))
        needed = _needed_from_you(sentence)
        if needed is not None:
            return needed
        handed = _handed_over(sentence)
        if handed is not None:
            return _asked_of(handed, False)
        # "just let me know how much you'd like to donate" asks as much as a question does.
        if (
            "?" not in text
            and first not in REQUEST_AUX
            and first != "how"
            and not HOW_MUCH.search(text)
        ):
            continue
        for verb in sentence:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
                continue
            subject = _subject(verb)
            if subject is None or subject.lower_ not in ADDRESSEE:
                continue
            if _to_be_at_hand(verb):
                return _asked_of(verb, False)  # "can u be here by 6", "could you be ready"
            action = _requested_verb(verb, bool(HOW_MUCH.search(text)))
            if action is None or action.lemma_ in NOT_ACTIONS:
                continue
            if action.i != verb.i and any(_ours(c) for c in action.children):
                # "would you be okay with me (or my brother) painting the bedroom?" asks
                # leave for the speaker's side; a yes grants it and promises nothing.
                continue
            if action.lemma_ in TAKING_IN and action.head.lemma_ in ("like", "want", "love"):
                continue  # "would you like to receive a receipt?" offers them something
            if action.lemma_ in GIFT_VERBS | {"give"} and _aux_of(action) & ASKS_A_HABIT:
                continue  # "how much do you donate annually?" asks what they do anyway
            if action.lemma_ in DEAL_VERBS or (
                action.lemma_ == "give" and _gives_to_other_side(action)
            ):
                continue
            return _asked_of(action, bool(HOW_MUCH.search(text)) or _is_pledge(action))
    return None


def _handed_over(sentence: Span) -> Token | None:
    """The listener's part joined to the speaker's promise: "ill pay it and u send me ur
    half by then" asks for "send me ur half", which a yes takes on."""
    for verb in sentence:
        subject = _subject(verb)
        if subject is None or subject.lower_ not in ("i", "we"):
            continue
        if not any(c.dep_ == "aux" and _aux_word(c) in PROMISING_AUX for c in verb.children):
            continue
        for theirs in _left_to_the_listener(verb):
            if theirs.lemma_ in NOT_ACTIONS | DEAL_VERBS | TAKING_IN | {"have", "get", "take"}:
                continue
            # "…and you can exit after twelve months" grants a right; it asks nothing.
            if not {_aux_word(c) for c in theirs.children if c.dep_ == "aux"} <= HANDS_OVER:
                continue
            return theirs
    return None


HANDS_OVER = {"will", "'ll", "ll"}  # "and you send…", "and u'll send…"; not "can", "may"


def _ours(word: Token) -> bool:
    """The doer named is the speaker or one of theirs: "me", "my", "my brother"."""
    if word.dep_ not in ("nsubj", "poss"):
        return False
    return word.lower_ in MINE or any(c.dep_ == "poss" and c.lower_ in MINE for c in word.children)


# "can you be here by 6", "could you be ready by nine", "will you be back by noon?"
AT_HAND = {"here", "there", "back", "ready", "over"}
FAVOUR_TIMES = BY_A_TIME | {"at"}  # "by 6", "before noon", "at 9"


def _to_be_at_hand(verb: Token) -> bool:
    """Asked to be somewhere, or ready, by a time: a deed, unlike "be honest"."""
    # "can you be here by 6"; not "will you be home tonight?" or "would you be there next
    # month?", which ask where they'll be, nor "ready for a price increase".
    if verb.lemma_ != "be" or not _aux_of(verb) & ASKS_A_FAVOUR:
        return False
    at_hand = [c for c in verb.children if c.lower_ in AT_HAND and c.dep_ in ("advmod", "acomp")]
    by_a_time = any(c.lower_ in FAVOUR_TIMES for c in verb.subtree if c.dep_ == "prep")
    return bool(at_hand) and by_a_time and not any(c.lower_ == "for" for c in verb.subtree)


ASKS_A_FAVOUR = {"can", "could", "ca"}


def _wanted_of_you(sentence: Span) -> Token | None:
    """The action in "i'd like you to own the q4 budget process", "we need you to sign by
    Friday", or asked to be confirmed: "ok so you'll send me the june dates by wednesday"."""
    text = sentence.text.lower().replace("\u2019", "'")
    named = VOCATIVE.match(text)
    # A name, not a word of the sentence: "or you'll lose the deposit?" warns.
    name = sentence[0]
    if (
        named
        and not name.is_stop
        and name.pos_ != "ADV"
        and not name.lower_.endswith("ly")  # "honestly you'll save money?": no one named
        and named["name"] not in NOT_NAMES | set(SUMS_UP)
    ):
        text = text[named.end() :]  # "tom you'll call the provider?": said to Tom
    # "so you'll send me…" sums up; "You will be helping children" persuades.
    summed_up = text.rstrip().endswith("?") or text.split(" ", 1)[0].strip(",.") in SUMS_UP
    confirming = summed_up and THEIR_PROMISE_ASKED.match(text) is not None
    for verb in sentence:
        if verb.pos_ != "VERB" or _negated(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in ADDRESSEE:
            continue
        wrapper = verb.head
        wants = verb.dep_ in ("ccomp", "xcomp") and wrapper.lemma_ in ("like", "want", "need")
        wants &= any(c.dep_ == "nsubj" and c.lower_ in MINE for c in wrapper.children)
        confirms = confirming and verb.tag_ == "VB" and bool(_aux_of(verb) & FUTURE_AUX)
        if (wants or confirms) and verb.lemma_ not in NOT_ACTIONS | DEAL_VERBS:
            return verb
    return None


def _needed_from_you(sentence: Span) -> ActionRequest | None:
    """A thing the speaker's side needs from the listener by a time: "we need your revised
    numbers by friday the twentieth", "we'd need the customer names by next friday" ask
    the listener to provide it, by then ("we need budget approval by friday" names no
    thing of theirs; "do we need the signed copy by friday?" asks whether)."""
    if sentence.text.rstrip().endswith("?"):
        return None
    for verb in sentence:
        if verb.lemma_ != "need" or verb.pos_ != "VERB" or _negated(verb):
            continue
        subject = _subject(verb)
        thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if subject is None or subject.lower_ not in ("we", "i") or thing is None:
            continue
        determiners = {c.lower_ for c in thing.children if c.dep_ in ("det", "poss")}
        # "the approval from our legal team" is the speaker's own to get.
        ours = any(t.lower_ in MINE for t in thing.subtree)
        if not (determiners & {"the", "your"}) or ours:
            continue
        due = _due(sentence, verb)
        if due is None or due[0].lower_ != "by":
            continue
        said_with_due = _said_with(due)
        words = [t.text for t in thing.subtree if t.i not in said_with_due]
        return ActionRequest("provide " + " ".join(words), False, due.text)
    return None


LEAD_INS = {"please", "pls", "plz", "just", "so", "and", "then", "um", "uh", "yeah", "okay"}
LEAD_INS |= {"ok", "well"}
ACKNOWLEDGEMENTS = {"perfect", "great", "cool", "nice", "awesome", "brilliant", "lovely", "thanks"}
NO_WORRIES = {"worries", "worry", "problem", "problems", "probs", "prob"}
# Words that open a chat message without being part of it: calling the listener ("dude",
# "hey") or laughing ("lol"). spaCy tags a leading "dude" as an imperative verb.
HAILS_AND_LAUGHS = {"dude", "bro", "mate", "guys", "hey", "hi", "hello", "yo"}
HAILS_AND_LAUGHS |= {"lol", "haha", "omg"}
# Imperatives that set terms or talk rather than ask for a task: "make it 400", "let me know".
NOT_REQUESTS = {"make", "let", "give", "tell", "call", "imagine", "trust", "remember"}
NOT_REQUESTS |= {"deal"}  # "Okay, deal at thirteen five": the tagger's imperative accepts


def _imperative(sentence: Span) -> Token | None:
    """The verb of an imperative asking for a task: "just text me when you're outside",
    "please send the contract over", "donate $1 now"."""
    words = [
        t
        for t in sentence
        if t.lower_ not in LEAD_INS | NO_WORRIES | HAILS_AND_LAUGHS | {"no"}
        and t.pos_ not in ("PUNCT", "INTJ")
    ]
    if not words:
        return None
    verb = words[0]
    subject = _subject(verb)
    if subject is not None and subject.lower_ in NO_WORRIES | HAILS_AND_LAUGHS:
        # "no worries um just text me when you're outside"; "dude send me the photos
        # tonight", where spaCy makes "dude" the subject.
        subject = None
    if verb.tag_ != "VB" or verb.dep_ != "ROOT" or subject is not None:
        return None
    if verb.lemma_ in NOT_ACTIONS | DEAL_VERBS | NOT_REQUESTS and not _is_pledge(verb):
        return None
    return verb


def _requested_verb(verb: Token, how_much: bool = False) -> Token | None:
    """The action under "would you (like to / be willing to) …", or None if not a request.

    After "how much", "do you like to…" asks the same ("How much do you like to donate to
    the charity now?"); "how much do you donate a year?" asks about a habit.
    """
    asks = bool(_aux_of(verb) & REQUEST_AUX) or verb.lemma_ == "want"
    asks = asks or (how_much and verb.lemma_ == "like" and "do" in _aux_of(verb))
    if verb.lower_ in GOING_TO and _aux_of(verb) & {"are", "'re"}:
        # "are you going to (start) donating…?"
        action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        return action
    if verb.lemma_ == "be":  # "are you willing to…", "would you be interested in…"
        asks = True
    elif verb.lemma_ not in REQUEST_WRAPPERS:
        return verb if asks else None
    if not asks:
        return None
    current = verb
    for _depth in range(4):  # like -> to donate; be -> willing -> to donate; in -> making
        nxt = next(
            (
                c
                for c in current.children
                if c.dep_ in ("xcomp", "pcomp", "acomp", "prep")
                and (c.pos_ in ("VERB", "ADP") or c.lemma_ in REQUEST_WRAPPERS)
            ),
            None,
        )
        if nxt is None:
            return None
        if nxt.pos_ == "VERB" and nxt.lemma_ not in REQUEST_WRAPPERS:
            return nxt
        current = nxt
    return None


ECHOED_YES = re.compile(
    r"(?:works|is fine|is good|is perfect|is doable)"
    r"(?:\W+(?:for me|for us|yeah|yes|ok|okay|thanks|great|then|sure))*\W*"
)


# "Sure, we can split it that way" to "could you invoice in two parts…?": the deed asked
# for, named by a verb and a word pointing back at it.
POINTING_BACK = {"it", "that", "this", "them", "those"}
AS_ASKED = YES_TAIL | {"way", "no", "problem", "right", "away", "now"}


def _does_what_was_asked(doc: Doc, tail: list[str]) -> bool:
    """Whether a yes goes on "…split it that way": a verb of doing, then what was asked."""
    if len(tail) < 2 or tail[1] not in POINTING_BACK:
        return False
    verb = next((t for t in doc if t.lower_ == tail[0]), None)
    if verb is None or verb.pos_ != "VERB" or verb.lemma_ in NOT_ACTIONS:
        return False
    return all(word in AS_ASKED for word in tail[2:])


def said_before_a_question(doc: Doc) -> Span | None:
    """The first sentence of an utterance that goes on to ask ("Sure, happy to. Could you
    take my bins out on Thursdays?"): a yes said there answers, the question is another
    matter. None when the utterance does not end by asking, or asks from the start."""
    first = next(iter(doc.sents), None)
    if first is None or first.end >= len(doc) or not doc.text.rstrip().endswith("?"):
        return None
    return None if first.text.rstrip().endswith("?") else first


# "Sure, I guess. But could you ask Tom first?": a yes held back for the question after it.
HESITANT = re.compile(r"\b(?:i guess|i suppose|i think|maybe|probably|hmm|um|well)\b")


def answers_yes(doc: Doc, has_terms: bool, how_much: bool, asked_when: str | None = None) -> bool:
    """Whether an utterance says yes to a request ("Sure.", "yes I will", "$2" to "how much"),
    also after repeating the time asked for ("friday the twentieth ok yeah that's fine" to
    "we need your numbers by friday the twentieth")."""
    lower = doc.text.lower().strip()
    if asked_when:
        when = re.sub(r"^(?:by|on|at|before|until|for)\s+", "", asked_when.lower().strip())
        if when and lower.startswith(when):
            lower = lower[len(when) :].strip(" ,.")
            if ECHOED_YES.fullmatch(lower):
                return True  # "tuesday works", not "thursday works for the call but…"
    if how_much and has_terms:
        # An amount answers "how much?" however tentatively ("maybe 5 cents"); the pipeline
        # still checks it is an amount given, not refused.
        return not refuses(lower)
    first = said_before_a_question(doc)
    if first is not None:
        said_first = first.text.lower().strip()
        rest = doc[first.end :].text.lower().lstrip()
        if not (HESITANT.search(said_first) or rest.startswith(("but", "wait", "hang on"))):
            lower = said_first
    if not lower or NO.search(lower) or lower.endswith("?") and not how_much:
        return False
    match = YES.match(lower)
    if match is None or SARCASM.match(lower):
        return False
    said = match.group(0).split()
    if said[-2:] == ["will", "do"]:
        return True  # "will do, see you at four"
    if said[-1] in ("would", "can", "am", "do", "will", "i'm", "i'll", "we'll", "be"):
        tail = re.findall(r"[a-z']+", lower[match.end() :])
        return all(word in YES_TAIL for word in tail) or _does_what_was_asked(doc, tail)
    if said[-2:] in (["on", "then"], ["go", "on"]):
        # "haha go on then, 10" agrees; "go on then, tell me why" invites more talk.
        tail = re.findall(r"[\w$£€][\w'.$£€]*", lower[match.end() :])
        return all(
            word.rstrip(".") in YES_TAIL or is_number_word(word.strip("$£€.")) for word in tail
        )
    return True
