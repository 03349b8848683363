"""Negotiation moves in one utterance, decided sentence by sentence from cues and syntax.

Cue phrases (data, in ``resources/patterns/moves.jsonl``) say what a sentence might be;
the parse says whether it is: a past-tense report, reported speech, a hypothetical or a
negation turns a would-be offer, concession or commitment into something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from copilot.understand.numbers import SCALES, read_number, says_a_number
from copilot.understand.terms import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    PERCENT_WORDS,
    TermSpan,
    in_condition,
)

WH_WORDS = {"what", "why", "how", "which", "where", "when", "who"}
FUTURE_OR_MODAL = {
    "will",
    "'ll",
    "ll",
    "can",
    "could",
    "would",
    "'d",
    "shall",
    "may",
    "might",
    "ca",
    "wo",
}


FILLERS = {"so", "ok", "okay", "and", "um", "uh", "well", "right", "alright", "but", "oh"}
FILLERS |= {"hmm", "yeah", "sure", "also", "then", "now"}
FILLERS |= {"hi", "hiya", "hey", "hello", "yo"}  # "hiya is the stroller still available?"
# Yes/no questions about facts ("do you have…", "is there…", "are you able to share…").
YES_NO_OPENERS = {"do", "does", "did", "is", "are", "was", "were", "have", "has"}
ABOUT_THEM = {"you", "your", "there", "y'all"}
# What "did you…" asks about without its mark: news learnt, a decision, a step taken.
LEARNT_OR_DECIDED = {"hear", "decide", "manage", "receive", "check", "talk", "speak"}
LEARNT_OR_DECIDED |= {"sign", "send", "finish", "approve", "confirm", "review", "read", "ask"}
# "are you kidding me?", "r u serious": disbelief, said to the other side's terms; it asks
# nothing.
DISBELIEF = {"kidding", "joking", "serious"}
# "can you tell me / walk me through / share…": asks for information, not for a term.
INFO_VERBS = {"tell", "share", "explain", "walk", "clarify", "describe", "help", "give"}
# The modals a request of the listener opens with ("can you…", "would you…").
REQUEST_MODALS = ("can", "could", "would", "will")
# "can you hear me ok", "will you need a headcount", "can you believe it", "would you
# say that's fair", "will you be around": checks, wonder and small talk, not requests.
NOT_REQUESTS = {"hear", "see", "need", "like", "mind", "believe", "imagine", "guess", "say"}
NOT_REQUESTS |= {"recommend", "happen", "be", "remember", "think", "know"}
SUBJECT_PRONOUNS = {"i", "we", "you", "they", "he", "she", "it", "that", "this"}
INVERTED_SUBJECTS = {"it", "that", "this", "there", "he", "she", "they", "you", "we", "i"}
CLEFT_DETERMINERS = {"the", "my", "our", "his", "her", "their", "these", "those", "your"}
OWN_SUBJECTS = {"i", "we"}
INVERTED_SUBJECTS = SUBJECT_PRONOUNS | {"u", "there", "these", "those", "anyone", "anybody"}
RUN_ON_FILLERS = {"um", "uh", "hmm", "so", "and", "okay", "ok", "then", "but", "mean"}
# What follows "how" when it asks: "how many bags", "how soon do you need it".
HOW_MUCH = {"much", "many", "long", "soon", "old", "far", "big", "often", "come"}
# The moves a stated reason can stand behind.
POSITIONS = {"offer", "concession", "ask", "reject", "accept", "pressure"}
# Not "need": "I need the food and water" states a position (CaSiNo calls it no reason).
SITUATION_VERBS = {"have", "get", "love", "hate", "save"}
VAGUE_OBJECTS = {"it", "that", "this", "you", "one", "question", "questions", "deal", "idea"}
# Things one has that are leverage ("another offer", "two other finalists") or that one
# hands over ("a spare pack", "a little extra"), and things one needs from the other side.
NOT_A_SITUATION = {"offer", "offers", "quote", "quotes", "option", "options", "alternative"}
NOT_A_SITUATION |= {"application", "applications", "finalist", "finalists", "tenant", "demo"}
NOT_A_SITUATION |= {"spare", "extra", "answer", "decision", "sign", "signoff", "approval"}
NOT_A_SITUATION |= {"payment", "confirmation", "response", "reply", "chance", "list"}


def _asks_wh(words: list[Token], statement_order_asks: bool = False) -> bool:
    """A wh-opening that asks ("what's driving…", "how many trucks do you…") rather than
    states ("what we care about most is…", "how about forty", "what if we…").

    ``statement_order_asks``: a subject straight after the wh-word still asks ("what you
    want?", said with a question mark).
    """
    if words[0].lower_ not in WH_WORDS:
        return False
    if len(words) < 2:
        return True
    second = words[1].lower_
    if (words[0].lower_, second) in (("how", "about"), ("what", "if"), ("what", "about")):
        return False
    if _opens_a_cleft(words):
        return False
    return statement_order_asks or second not in SUBJECT_PRONOUNS


def _opens_a_cleft(words: list[Token]) -> bool:
    """ "what the guys are telling me is…", "what my boss said was…", "what tom means is…":
    a wh-clause with its own subject and verb, then "is" or "was", states; "what the crane
    costs" still asks."""
    if words[0].lower_ != "what" or len(words) < 4:
        return False
    if words[0].sent.text.rstrip().endswith("?") or _ends_with_a_tag(words):
        return False  # "what your team needs is what exactly?", "…is binding right"
    # "what worries me is the timeline": the wh-word its verb's subject, when the parse
    # makes that clause the subject of "is" (not "what makes you think that is fair?").
    own_verb = words[1].tag_ == "VBZ" and words[1].pos_ == "VERB"
    noun_phrase = words[1].lower_ in CLEFT_DETERMINERS or words[1].pos_ in ("PROPN", "NOUN")
    if not (noun_phrase or own_verb):
        return False
    for j in range(2 if own_verb else 3, len(words) - 1):
        if words[j].lower_ not in ("is", "was"):
            continue
        joined = words[j - 1].lower_ in ("and", "or", "but") or words[j].nbor(-1).is_punct
        # "what matters most to you, is it the money?" asks again; not "…was we need it".
        after = words[j + 2] if j + 2 < len(words) else None
        inverted = words[j + 1].lower_ in INVERTED_SUBJECTS and (
            after is None or after.pos_ not in ("VERB", "AUX")
        )
        # "…is is there any flexibility", "…was can you do thirty days", "…is when you can
        # deliver": a question reported after it still asks.
        rest = words[j + 1 :]
        reported = words[j + 1].lower_ in REPORTED_ASKS or any(w.lower_ in WH_WORDS for w in rest)
        # "…is it's firm, does that work for you", "…so can you close in two weeks": a
        # question put after it, in the same sentence.
        reported |= any(
            a.lower_ in REPORTED_ASKS and b.lower_ in INVERTED_SUBJECTS
            for a, b in zip(rest, rest[1:], strict=False)
        )
        reported |= _asks_after_a_comma(words[j].doc[words[j].i : words[-1].i + 1])
        if joined or inverted or reported:
            return False
        if own_verb:
            return words[1].dep_ == "csubj" and words[1].head.i == words[j].i
        clause = words[2:j]
        # "what payback period does that assume, and is…" asks, with "does" put first.
        # "what price you think is fair": asked in speech with "do" dropped.
        asks = any(w.lower_ in ("do", "does", "did") or w.lemma_ in ASKED_OPINION for w in clause)
        return not asks and any(w.pos_ in ("VERB", "AUX") for w in clause)
    return False


# After "is": a question reported ("…is is there", "…was can you"), or an opinion asked
# for ("what price you think is fair").
REPORTED_ASKS = {"is", "are", "can", "could", "will", "would", "do", "does", "did", "should"}
ASKED_OPINION = {"think", "reckon", "guess", "believe", "figure", "feel"}
TAGS = (["right"], ["is", "that", "right"], ["correct"], ["yeah"], ["no"], ["yes"], ["ok"])


def _asks_after_a_comma(span: Span) -> bool:
    """ "…it's firm, does that work for you", "…a board seat, is that a dealbreaker",
    "…the clause stays, you okay with that": a question put after a comma."""
    for token in span:
        if token.text != ",":
            continue
        after = [
            t for t in span.doc[token.i + 1 : span.end] if t.lower_ not in ("so", "and", "but")
        ]
        if after and (after[0].lower_ in REPORTED_ASKS or after[0].lower_ in ("you", "u")):
            return True
    return False


def _ends_with_a_tag(words: list[Token]) -> bool:
    """ "…you can't do friday is that right", "…is binding right": a check asked."""
    lowered = [w.lower_ for w in words]
    return any(lowered[-len(tag) :] == tag for tag in TAGS)


def _asks_after_a_thing(words: list[Token]) -> bool:
    """ "What about the hallway and stairs?", "what about payment terms": asks after a
    thing; "what about forty?" and "what about I take the van" propose."""
    if [w.lower_ for w in words[:2]] != ["what", "about"] or len(words) < 3:
        return False
    proposes = any(
        w.like_num or w.pos_ in ("VERB", "AUX") or w.ent_type_ in ("DATE", "TIME")
        for w in words[2:]
    )
    return not proposes and words[2].lower_ not in SUBJECT_PRONOUNS


def _asks_on(rest: list[Token]) -> bool:
    """Whether a wh-word said mid-sentence asks: "what's driving…", "which day is better",
    "how many bags…", "when did you buy it"; not "which is why…", "what a deal", "when the
    truck comes…", a wh-clause that is a subject ("what really matters is…"), nor one in
    the negative ("who doesn't want a discount")."""
    while len(rest) > 2 and rest[1].lower_ == rest[0].lower_:
        rest = rest[1:]  # "what whats driving that": said twice
    wh, after = rest[0].lower_, rest[1]
    if after.lower_ == "else" and len(rest) > 2:
        after = rest[2]  # "who else is bidding on it"
    if _asks_after_a_thing(rest):
        return True  # "two fifty a month and um what about utilities"
    if not _asks_wh(rest) or any(t.dep_ == "neg" for t in rest[:3]):
        return False
    if after.lower_ in ("a", "an") or any(
        t.dep_ == "csubj" and t.head.pos_ in ("AUX", "VERB") for t in rest
    ):
        return False
    if wh in ("what", "which", "who"):
        return after.pos_ in ("AUX", "VERB", "NOUN", "ADJ") and not (
            wh == "which" and after.pos_ in ("AUX", "VERB")
        )
    return after.pos_ == "AUX" or (wh == "how" and after.lower_ in HOW_MUCH)


# Above a cut to a number, these take it back: "I doubt we can cut the price to 300".
DOUBTS = {"doubt", "wish"}
CUT_VERBS = {"drop", "lower", "reduce", "cut"}


def _cut_outright(view: SentenceView) -> bool:
    """A cut of one's own figure to a number ("we can lower the rent to 2,400"), not
    negated or doubted above it ("I don't think we can drop the fee to 300", "I doubt we
    can cut the price to 300") nor a cost weighed after it ("We could lower the price to
    400, but then we'd lose money")."""
    for cue in view.cues.get("firm_concession", []):
        verb = next(t for t in cue if t.lemma_ in CUT_VERBS)
        above = [verb]
        while above[-1].dep_ in ("ccomp", "xcomp") and above[-1].head.i != above[-1].i:
            above.append(above[-1].head)
        negated = any(c.dep_ == "neg" for t in above for c in t.children)
        doubted = any(t.lemma_ in DOUBTS for t in above[1:])
        weighed = "but then" in view.span.doc[cue.end : view.span.end].text.lower()
        if not (negated or doubted or weighed):
            return True
    return False


# "by when?", "until when…", "for how long…": the wh-word asks all the same.
WH_PREPOSITIONS = {"by", "until", "till", "for", "from"}  # not "since when??", which marvels


# A price put up before the talk: "listed at 200", "its 380 listed" (not "I'm asking 650",
# which puts it forward now).
LISTING = {"listed", "list", "advertised", "posted"}


TAG_SUBJECTS = {"they", "it", "you", "we", "he", "she", "i", "there", "that"}


def _confirms_with_a_tag(span: Span) -> bool:
    """ "And the shirts will be ready for the first home game, won't they?": a statement
    with a question tagged on after a comma asks it to be confirmed."""
    words = [t for t in span if not t.is_punct or t.text == ","]
    if len(words) < 5 or words[-1].lower_ not in TAG_SUBJECTS:
        return False
    # A negative tag after a statement ("…, won't they?"); "…, would you?" after an "if"
    # puts a proposal, which is an ask.
    if words[-2].lower_ not in ("n't", "not"):
        return False
    verb = words[-3]
    before = span.doc[verb.i - 1] if verb.i > span.start else None
    tensed = verb.pos_ in ("AUX", "VERB") and verb.tag_ in ("MD", "VBZ", "VBP", "VBD")
    return tensed and before is not None and before.text == ","


def deal_on_terms(view: SentenceView) -> bool:
    """Whether every accept cue is the close of a proposal: "$35,600 and we have a deal",
    "make it 350 and you've got a deal" put terms forward (labelled offer in every set
    written to the brief), they take none."""
    closes = [cue for cue in view.cues.get("proposal", []) if cue[0].lower_ == "and"]
    return bool(closes) and all(
        any(close.start <= cue.start and cue.end <= close.end for close in closes)
        for cue in view.cues.get("accept", [])
    )


def bids_them(view: SentenceView) -> bool:
    """Whether the sentence opens by telling them what to do ("Knock off twenty…"): a
    verb in its bare form with no subject."""
    root = view.span.root
    return root.tag_ == "VB" and not any(c.dep_.startswith("nsubj") for c in root.children)


@dataclass
class SentenceView:
    """What the rules know about one sentence (its word lists and question readings are
    worked out once: ``sentence_views`` fills the cues and terms before any is read)."""

    span: Span
    cues: dict[str, list[Span]] = field(default_factory=dict)
    terms: list[TermSpan] = field(default_factory=list)

    def has(self, *labels: str) -> bool:
        """Whether any cue of these labels is in the sentence."""
        return any(self.cues.get(label) for label in labels)

    @cached_property
    def words(self) -> list[Token]:
        """The sentence's words without punctuation and leading fillers ("so", "ok", "um"),
        nor a preposition before a wh-word ("by when?", "until when can you hold it?")."""
        words = [t for t in self.span if not t.is_punct]
        while words and words[0].lower_ in FILLERS:
            words = words[1:]
        if len(words) > 1 and words[0].lower_ in WH_PREPOSITIONS and words[1].lower_ in WH_WORDS:
            words = words[1:]
        return words

    @property
    def is_question(self) -> bool:
        """Ends with "?" or opens like a question (ASR often drops the mark)."""
        text = self.span.text.strip()
        if text.endswith("?"):
            return True
        words = self.words
        return bool(words) and ((_asks_wh(words) and self.span[-1].text != ".") or self.inverted)

    @cached_property
    def asked_on(self) -> bool:
        """A wh-question run on after a filler in speech heard without punctuation: "cool
        um what's driving the four month timeline", "four eighty and and how many bags do
        you have left"; not "…so how about we…", which proposes, nor "i mean who doesn't
        want a discount", which marvels, nor a wh-clause that tells ("um which is why…",
        "and what really matters is the timeline", "so when the truck comes i'll pay")."""
        if self.span[-1].is_punct:
            return False
        tokens = [t for t in self.span if not t.is_punct]
        for i in range(1, len(tokens) - 1):
            # "…from seventeen fifty what what's behind that number": a wh-word said twice
            # restarts as a filler does.
            restarts = tokens[i].lower_ == tokens[i + 1].lower_ or (
                tokens[i + 1].lower_ == "'s" and tokens[i - 1].lower_ == tokens[i].lower_
            )
            if tokens[i].lower_ in WH_WORDS and (
                tokens[i - 1].lower_ in RUN_ON_FILLERS or restarts
            ):
                return _asks_on(tokens[i:])
        return False

    @cached_property
    def inverted(self) -> bool:
        """A yes/no question heard without its mark: no closing punctuation, and a verb of
        being, doing or having before its subject ("okay um has it had any accidents", "yo
        is the ps5 still up", "hi is the bike still available"); not "has to be", "have fun
        down the front", nor "did u get any sleep", which chats about the past."""
        words = self.words
        if self.span[-1].is_punct or len(words) < 3 or words[0].lower_ not in YES_NO_OPENERS:
            return False
        verb, subject = words[0], words[1]
        if not (subject.lower_ in INVERTED_SUBJECTS or subject.pos_ in ("DET", "PROPN")):
            return False
        if verb.lower_ == "did":
            # "did you ever hear back about the venue", "did finance sign off on it" ask
            # what was learnt or decided; "did u get any sleep" chats about the past.
            return _asks_what_was_learnt(verb)
        # "do" and "have" ask only as auxiliaries, "have" before a participle ("has it had
        # any accidents"): "does the job though", "do it by friday and it's yours", "have
        # the landlord call me" tell or order.
        if verb.lower_ in ("do", "does") and verb.dep_ != "aux":
            return False
        if verb.lower_ in ("have", "has") and (
            verb.dep_ != "aux" or verb.head.tag_ not in ("VBN", "VBD")
        ):
            return False
        # The word after the verb opens its subject: "have the money ready by saturday" and
        # "was a pleasure talking to you" tell, with no subject after the verb. (In "yo is
        # the ps5 still up" spaCy takes the greeting for the subject and the rest for its
        # complement.)
        subjects = {"nsubj", "nsubjpass", "expl"}
        if any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
            subjects.add("attr")
        return any(
            t.dep_ in subjects and t.left_edge.i == subject.i and t.head.i in (verb.i, verb.head.i)
            for t in self.span
        )

    @cached_property
    def asks_whether(self) -> bool:
        """A yes/no question without a negation ("is 300 too much?", "would $2.00 be too
        much to ask?"): it weighs a figure, it does not refuse it ("isn't that too much?"
        does)."""
        words = self.words
        if len(words) < 3 or words[0].lemma_.lower() not in WEIGHING_OPENERS:
            return False
        if any(t.dep_ == "neg" or t.lower_ in ("not", "n't") for t in self.span):
            return False
        # Unpunctuated speech asks too when a subject follows the verb ("would 10 dollars
        # be too much"), not "be too much" or "do send it".
        return self.span.text.rstrip().endswith("?") or words[1].pos_ in WEIGHED_SUBJECTS

    @property
    def seeks_information(self) -> bool:
        """An information-seeking question: "how did you come up with that figure?", "what's
        driving the deadline", "do you have any flexibility?", "can you walk me through it?".

        Not "how about forty?" or "what if we…" (proposals), "can you do forty?" (an ask),
        nor a statement that opens with a wh-word ("what we care about most is…").
        """
        if not self.is_question:
            return self.asked_on
        words = self.words
        if not words or self.marvels:
            return False
        first = words[0].lower_
        marked = self.span.text.rstrip().endswith("?")
        # "what you want?", "how you doing?": asked in statement order, with the mark;
        # "what we care about most is going live?" (the wh-clause a subject) still states.
        any_order_asks = marked and not any(t.dep_ == "csubj" for t in self.span)
        if first in WH_WORDS and _asks_wh(words, any_order_asks):
            return True
        if first not in WH_WORDS and self.asked_on:
            return True
        if _asks_after_a_thing(words):
            return True
        # "Before we go further, how many locations would this cover?", "When we split
        # this, what do you need the most?", "yes good, what you want?"
        breaks = [t.i for t in self.span if t.text in (",", ":", "\u2014", "\u2013", "-")]
        if breaks and marked:
            rest = [t for t in self.span if t.i > breaks[-1] and not t.is_punct]
            if rest and rest[0].lower_ in WH_WORDS:
                return _asks_wh(rest, any_order_asks)
        if first in WH_WORDS:
            return False
        if first in YES_NO_OPENERS:
            # About the other side ("do you have room…", "is there…", "are you able…"), or
            # asked outright ("is the stroller still available?"); not a past event.
            about_them = len(words) > 1 and words[1].lower_ in ABOUT_THEM
            # "is forty doable?", "does $45 a seat work?" put a number forward: proposals.
            names_a_number = any(w.like_num or w.ent_type_ == "MONEY" for w in words)
            outright = (marked or self.inverted) and len(words) > 2 and not names_a_number
            if first == "did":
                # "Did you hear back from the venue?" asks what was learnt or decided; "did
                # you have a good trip?" chats.
                return about_them and _asks_what_was_learnt(words[0])
            return about_them or outright
        if first in REQUEST_MODALS and len(words) > 2:
            return words[1].lower_ == "you" and words[2].lemma_ in INFO_VERBS
        return marked and _confirms_with_a_tag(self.span)

    @property
    def opens_a_cleft(self) -> bool:
        """ "what the guys are telling me is…": a statement, whatever a model hears."""
        return len(self.words) > 1 and _opens_a_cleft(self.words)

    @property
    def marvels(self) -> bool:
        """Disbelief put as a question: "are you kidding me?", "r u serious", "are you
        joking"; not "are you serious about the three year term?", which asks."""
        lowered = [t.lower_ for t in self.words]
        return (
            2 < len(lowered) <= 4
            and lowered[0] in ("are", "r")
            and lowered[1] in ("you", "u")
            and lowered[2] in DISBELIEF
            and lowered[3:] in ([], ["me"], ["right"])
        )

    @property
    def is_small_talk(self) -> bool:
        """Small talk ("how are you?", "how was your weekend"), but not "how are you on
        water?" or "how are you set for food", which ask about the deal. A topic of small
        talk ("weekend", "lunch") is not when the sentence names a term or asks a deed: "i
        could do 180, can u pick it up this weekend?"."""
        cues = self.cues.get("smalltalk", [])
        # "can you believe the weather", "will you be away for the holiday?" chat.
        asks = self.requests and self.words[2].lemma_ not in NOT_REQUESTS
        if not (self.terms or asks or self.requests_after_a_pause):
            cues = cues + self.cues.get("smalltalk_topic", [])
        for cue in cues:
            after = {t.lower_ for t in self.span.doc[cue.end : self.span.end]}
            if not after & {"on", "with", "for", "set", "fixed"}:
                return True
        return False

    @property
    def asked(self) -> bool:
        """Said as a question: with "?", or with no closing punctuation at all, as speech
        recognised without punctuation asks ("could you do three fifty")."""
        return self.span.text.rstrip().endswith("?") or not self.span[-1].is_punct

    @property
    def requests(self) -> bool:
        """A plain request of the other side: "can you cover shipping?", "could you do
        thirty?", "would you be open to two years?" (not "can you tell me…", which asks
        for information)."""
        words = self.words
        return (
            self.asked
            and len(words) > 2
            and words[0].lower_ in REQUEST_MODALS
            and words[1].lower_ == "you"
            and words[2].lemma_ not in INFO_VERBS
            and words[2].lemma_ not in ("like", "mind")
        )

    @cached_property
    def cites_someone_elses(self) -> bool:
        """Whether the sentence gives a rival's, the incumbent's or a way out's price (read
        once: the moves and ``rival_figures`` both ask)."""
        return (
            _rival_price(self)
            or _rival_price(self, "incumbent")
            or _rival_price(self, "rival")
            or _names_a_way_out(self)
        )

    @cached_property
    def asked_on_a_condition(self) -> int | None:
        """Where the request starts in "if we sign today would you knock off ten
        percent": the condition is the speaker's part, the request theirs. (None when the
        sentence is no such request.)"""
        words = self.words
        if len(words) < 5 or words[0].lower_ != "if":
            return None
        for i in range(2, len(words) - 2):
            modal, subject = words[i : i + 2]
            if modal.lower_ in REQUEST_MODALS and subject.lower_ in ("you", "u"):
                verb = next((t for t in words[i + 2 :] if t.pos_ != "ADV"), None)
                if verb is None or verb.lemma_ in INFO_VERBS | NOT_REQUESTS:
                    return None
                return modal.i
        return None

    @property
    def requests_after_a_pause(self) -> bool:
        """A request run on after something else in speech recognised as one sentence:
        "eighteen fifty okay um and can you throw in the homepage takeover", "fifty two with
        no prepay um could you could you do an eighteen month term though". The request
        follows a filler ("um", "and", "okay"), or a comma after a clause that names a
        figure ("i could do 420, can u pick it up?"); not "what can you do", nor after "if" (the
        written sets call "if we add X, can you do Y?" a conditional offer), nor "can you
        hear me", "will you be around", "so would you say that's fair"."""
        tokens = [t for t in self.span if not t.is_punct]
        for i in range(1, len(tokens) - 2):
            modal, subject = tokens[i : i + 2]
            if modal.lower_ not in REQUEST_MODALS or subject.lower_ not in ("you", "u"):
                continue
            # "can you just throw in…": the verb after any adverb.
            verb = next((t for t in tokens[i + 2 :] if t.pos_ != "ADV"), None)
            before = tokens[:i]
            if (
                verb is None
                or verb.lemma_ in INFO_VERBS | NOT_REQUESTS
                or any(t.lower_ in ("if", "unless") for t in before)
            ):
                continue
            # "i could do 420, can u pick it up this week?": after a clause that names a
            # figure, a comma is a pause too. Not "Before I answer that, would you count it
            # gross or net?" (no figure), "85, will u take a transfer?" nor "At $190, would
            # you sign for a year?" (a figure on a condition: no clause), nor "…, would you
            # swap straight across?" (a trade).
            if tokens[i - 1].lower_ in FILLERS or (
                self.asked
                and modal.nbor(-1).text == ","
                and any(t.like_num for t in before)
                and any(t.pos_ in ("VERB", "AUX") for t in before)
                and verb.lemma_ not in BARTER_WORDS
            ):
                return True
        return False

    @property
    def proposes_trade(self) -> bool:
        """Barters one side's thing for the other's: "how about I give you all my firewood
        in exchange for all your food?", "would you trade firewood for food?", "I'm happy
        to exchange some food for water" (not "I don't want to trade", nor a trade-off
        that names neither side, nor an exchange rate)."""
        # The things traded are named: "trade X for Y", "in exchange…", not "happy to trade".
        barters = any(
            (
                cue[0].lower_ == "in"
                or any(t.lower_ == "for" for t in self.span[cue.end - self.span.start :])
            )
            and not _negated(cue.root)
            for cue in self.cues.get("conditional", [])
            if any(t.lemma_ in BARTER_WORDS for t in cue)
        )
        barters = barters or self._gives_one_thing_for_another
        if not barters:
            return self._swaps_counted_things
        words = {t.lower_ for t in self.span}
        return bool(words & PARTIES) and "rate" not in words

    @property
    def _swaps_counted_things(self) -> bool:
        """ "Two bottles of water for a bag of wood?", "2 food for 3 water": a thing for a
        thing said with no verb, one of them counted (not "the desk for 200", a price, nor
        "sixty for the records", nor "thanks for the help")."""
        root = self.span.root
        if root.pos_ != "NOUN" or root.like_num or root.lemma_ in NOT_A_THING_TRADED | THANKS:
            return False
        if root.ent_type_ or root.lemma_ in SPANS_OF_TIME:
            return False  # "one week for the whole summer?", "20 bucks for the chair?"
        for prep in (c for c in root.children if c.lower_ == "for" and c.dep_ == "prep"):
            got = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if (
                got is not None
                and got.pos_ == "NOUN"
                and not got.ent_type_
                and got.lemma_ != root.lemma_
                and got.lower_ not in NOT_TRADED
                and got.lemma_ not in NOT_A_THING_TRADED | SPANS_OF_TIME | OCCASIONS
                and got.lemma_.lower() not in BENEFICIARIES
                and not _a_purpose(got)
                and any(_counted(t) for t in (root, got, *got.conjuncts))
                # what is got has its quantity said: "a bag of wood", "3 water"; not "the
                # office" or "the new hires", for which things are wanted
                and any(_quantified(t) for t in (got, *got.conjuncts))
            ):
                return True
        return False

    @property
    def _gives_one_thing_for_another(self) -> bool:
        """ "I can share water for firewood", "take more firewood for less food", "give me
        some firewood for food": a thing handed over for a thing, not for a price ("the
        desk for 200"), a time ("for a week"), a person ("for you") or a purpose ("for
        cooking", "for free")."""
        for verb, things in _handed(self.span):
            # "water", "2 extra firewood", "some of my food"; not "it", "you", nor a price
            # or a call ("give me a price for the bundle", "a replacement for the unit").
            # (not whom it is given to: "ill give u two hundred for both chairs")
            things = [
                c
                for c in things
                if (c.pos_ in ("NOUN", "PROPN", "NUM") or _share_of(c))
                and c.lemma_ not in NOT_A_THING_TRADED
                and c.dep_ != "dative"
            ]
            if not things or all(_a_sum(t) for t in things):
                continue  # "I'll take $8,000 for the whole project": a price (``prices_a_thing``)
            preps = [c for c in verb.children if c.lower_ == "for" and c.dep_ == "prep"]
            preps += [c for t in things for c in t.children if c.lower_ == "for"]
            for prep in preps:
                got = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if (
                    got is not None
                    and got.pos_ == "NOUN"
                    and not got.ent_type_
                    and got.lower_ not in NOT_TRADED
                    and not _a_purpose(got)
                    and got.lemma_ not in {t.lemma_ for t in things}
                ):
                    return True
        return False

    @property
    def prices_a_thing(self) -> bool:
        """ "I'll take $8,000 for the whole project", "I'll give you 300 for the lot", "we'll
        pay $12k for the full build": a sum handed over for a thing, which puts a price (no
        barter, ``proposes_trade``)."""
        return any(sum_for_a_thing(verb) for verb in self.span)

    @property
    def gives_reason(self) -> bool:
        """Says why ("…because the audit is in May", "…so I can cook"): a need behind it."""
        return any(
            (t.lower_ in REASON_MARKERS and t.dep_ in ("mark", "prep", "advmod", "cc"))
            # "…two firewood for cooking tonight": the purpose is the need.
            or (t.lower_ == "for" and any(c.tag_ == "VBG" for c in t.children))
            for t in self.span
        )

    @property
    def tells_own_situation(self) -> bool:
        """ "I've got a late shift", "im saving for the flat deposit", "i hate cleaning
        it": the speaker's own state, said as it is now (not "we've got
        another offer", leverage, nor "I need your answer by Friday", a demand)."""
        for subject in self.span:
            if subject.dep_ != "nsubj" or subject.lower_ not in OWN_SUBJECTS:
                continue
            verb = subject.head
            if verb.lemma_ not in SITUATION_VERBS or verb.pos_ not in ("VERB", "AUX"):
                continue
            aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            if any(c.tag_ == "MD" or c.lower_ in FUTURE_OR_MODAL for c in aux):
                continue
            perfect_got = verb.lower_ == "got" and any(c.lemma_ == "have" for c in aux)
            if verb.lemma_ == "get" and not perfect_got:
                continue  # "so I get three firewood": a share claimed, not a state
            if verb.tag_ not in ("VBP", "VBZ", "VBG") and not perfect_got:
                continue
            if any(
                c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children)
                for c in verb.children
            ):
                continue  # "if rent's 8.75 we need the 3 months": a term, not a state
            objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp", "prep")]
            if not objects or any(not _a_situation_object(c, verb) for c in objects):
                continue
            return True
        return False

    @property
    def is_perfect(self) -> bool:
        """Said in the present perfect ("they have quoted us"): bears on now."""
        root = self.span.root
        return root.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
            for c in root.children
        )

    @property
    def is_past(self) -> bool:
        """A report of what happened, not a proposal now."""
        if self.has("past"):
            return True
        root = self.span.root
        if root.lower_ in LISTING:
            return False  # "I listed it at 450": the price it is up at still stands
        if root.tag_ in ("VBD", "VBN"):
            modal = any(c.lower_ in FUTURE_OR_MODAL or c.tag_ == "MD" for c in root.children)
            return not modal
        return False


# After "we won't push for…", these keep the demand: a floor ("anything less than"), a
# harder line ("we'll demand it", "we'll walk"), or a condition ("unless you extend").
KEEPS_THE_DEMAND = {"anything", "less", "more", "lower", "higher", "unless", "if", "walk"}
KEEPS_THE_DEMAND |= {"demand", "insist", "instead", "until", "except", "without"}


def _gives_up(cue: Span) -> bool:
    """Whether "we won't push for X" gives X up rather than holding a line."""
    rest = cue.sent[cue.end - cue.sent.start :]
    return not any(t.lower_ in KEEPS_THE_DEMAND for t in rest)


# "340 is mad", "that's crazy": a figure refused...
WILD = {"mad", "crazy", "insane", "ridiculous", "nuts", "excessive", "outrageous", "silly"}
# ...unless it praises the figure: "120 is mad cheap", "300 is insane value".
PRAISED = {"cheap", "good", "value", "deal", "bargain", "fair", "reasonable", "affordable"}
PRAISED |= {"generous", "nice", "cheaply", "well", "kind"}


def _praises(cue: Span) -> bool:
    """Whether a "crazy" refusal cue goes on to praise the figure ("crazy cheap")."""
    doc = cue.doc
    return cue[-1].lower_ in WILD and cue.end < len(doc) and doc[cue.end].lower_ in PRAISED


PLENTY = {"many", "much"}
# What one has too much of that is a reason to refuse, not a thing to spare.
TROUBLES = {"concern", "question", "issue", "problem", "doubt", "commitment", "reservation"}
TROUBLES |= {"risk", "unknown", "thing", "priority", "project", "deadline"}
OWNING = {"have", "get"}


def _has_plenty(cue: Span) -> bool:
    """Whether "too many" tells what the speaker has more than enough of ("we've far too
    many", "I've got too much firewood"), not a figure turned down ("that's too many
    hours")."""
    amount = next((t for t in cue if t.lower_ in PLENTY), None)
    if amount is None:
        return False
    thing = amount.head if amount.dep_ == "amod" else None
    if thing is not None and thing.lemma_ in TROUBLES:
        return False  # "We have too many concerns to sign this": a reason to refuse
    if any(t.lower_ == "to" and t.head.pos_ == "VERB" for t in cue.doc[cue.end : cue.sent.end]):
        return False  # "I've got too many commitments to take this on"
    verb = amount.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.lemma_ in OWNING and any(
        c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children
    )


# "If we had a bigger budget, we'd take the premium tier", "If I were you I'd take it", "if
# we had known, we'd have budgeted": a state supposed contrary to fact, answered with a
# "would". Nothing is offered or conceded. Narrow on purpose, because business English puts
# proposals the same way ("If you were to cover shipping, we'd take the full package", "If
# we had the signed contract by Friday, we could start on the 16th", "If onboarding was
# free, we'd sign"): only the past that cannot change ("had known"), "I"/"it" supposed
# ("if I were you", "if it were up to me") and the speaker's own lack of a resource ("if
# we had the budget"), with no time said and no number (``sentence_views``).
SUPPOSING_MODALS = {"would", "'d", "d", "could", "might"}
PAST_TIMES = {"last", "ago", "yesterday", "earlier", "then", "before"}
RESOURCES = {"budget", "money", "cash", "space", "room", "time", "funds", "capacity", "staff"}
RESOURCES |= {"resources", "headcount", "people", "spare"}


def _contrary_to_fact(sent: Span) -> Span | None:
    """The "if" clause of a supposition contrary to fact, answered with "would"."""
    # "if we had your approval this week, we could ship": a proposal; "if the pilot had
    # gone well last year, we'd have signed": a past that cannot change.
    timed = any(t.ent_type_ in ("DATE", "TIME") and t.lower_ not in PAST_TIMES for t in sent)
    past_time = any(t.lower_ in PAST_TIMES for t in sent)
    for word in sent:
        if word.lower_ != "if" or word.dep_ != "mark":
            continue
        verb = word.head
        helpers = [c for c in verb.children if c.dep_ == "aux"]
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
        if any(c.dep_ == "xcomp" for c in verb.children):
            continue  # "if you were to cover shipping": a condition put politely
        # "if we had known", "if you'd cleaned the oven" (the "'d" of "had" before a
        # participle).
        past_done = verb.tag_ == "VBN" and any(h.lower_ in ("had", "'d", "d") for h in helpers)
        bare = verb.tag_ == "VBD" and not helpers
        me_or_it = bare and verb.lemma_ == "be" and subject is not None
        me_or_it = me_or_it and subject.lower_ in ("i", "it")
        lacking = bare and verb.lemma_ == "have" and subject is not None
        lacking = lacking and subject.lower_ in ("i", "we")
        lacking = lacking and any(
            c.dep_ == "dobj"
            and c.lemma_ in RESOURCES
            and not any(g.lower_ == "your" for g in c.children)
            for c in verb.children
        )
        answer = verb.head
        answered = verb.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ in SUPPOSING_MODALS for c in answer.children
        )
        # "if we had the money we'd pay five thousand": with no comma spaCy hangs the
        # answer on the means lacked; a "would" after it still answers.
        answered |= lacking and any(
            t.dep_ == "aux" and t.lower_ in SUPPOSING_MODALS and t.i > verb.i for t in sent
        )
        # "…, I could have offered you the garden room": answered in the past, it did not
        # happen, whatever day the "if" names ("If you had gone for the Friday").
        answered_in_past = answered and answer.tag_ == "VBN"
        answered_in_past &= any(c.dep_ == "aux" and c.lower_ == "have" for c in answer.children)
        if timed and not ((past_done and past_time) or (past_done and answered_in_past)):
            continue
        if (past_done or me_or_it or lacking) and answered:
            return sent.doc[verb.left_edge.i : verb.right_edge.i + 1]
    return None


# What may follow scorn in the same sentence: "that's insane lol", "you're kidding, mate".
AFTER_SCORN = {"me", "lol", "lmao", "haha", "man", "mate", "dude", "bro", "right", "honestly"}
AFTER_SCORN |= {"tbh"}


def _closes(cue: Span, sent: Span) -> bool:
    """Whether only punctuation, emoji or a word like "lol" follows ``cue`` in ``sent``
    ("that's insane that happened" goes on about something else)."""
    return all(
        t.is_punct or not t.is_alpha and not t.like_num or t.lower_ in AFTER_SCORN
        for t in sent[cue.end - sent.start :]
    )


def _opens(cue: Span, sent: Span) -> bool:
    """Whether scorn opens its sentence, after three words at most ("350? That's
    ridiculous.", "honestly, that's a joke"); not "My current landlord wants 900, that's
    ridiculous", which scorns what the sentence said."""
    return sum(t.is_alpha or t.like_num for t in sent[: cue.start - sent.start]) <= 3


# Questions a "no" agrees to: "would you mind covering delivery?", "is it too much to ask
# for net 30?", "would it be a problem if we paid in March?".
NEGATIVE_QUESTION = re.compile(
    r"\b(?:(?:would|do|does|will) (?:you|u|it|they|he|she|that|this) mind|mind if|"
    r"too (?:much|many|late|soon|early|high|steep|expensive|far|big|long|pricey)|"
    r"(?:a|any) (?:problem|issue|bother|trouble|hassle)|an issue|a big deal|put you out|"
    r"inconvenient)\b"
)
# Unpunctuated, a question opens with its verb: "do you mind if we push it to friday".
OPENS_A_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|oh|um|uh|hey)\W+)*(?:would|do|does|is|will|could|can)\b"
)
# What a "no" that agrees opens with: "no, not at all", "nope, no problem", "no no, fine".
AGREEING_NO = {"no", "nope", "nah", "not", "at", "all", "problem", "worries", "uh", "um"}


def asks_for_a_no(text: str) -> bool:
    """Whether ``text`` asks a question that "no" answers yes to (``NEGATIVE_QUESTION``),
    not one that asks whether it isn't ("isn't that too much?")."""
    lowered = text.lower().replace("\u2019", "'")
    found = NEGATIVE_QUESTION.search(lowered)
    if found is None:
        return False
    start = lowered.rfind(".", 0, found.start()) + 1  # the sentence it is in
    asked = lowered[start:]
    end = asked.find("?")
    if end < 0 and not OPENS_A_QUESTION.match(asked):
        return False
    return not re.search(r"n't|\bnot\b", asked[: end if end >= 0 else None])


def opening_no(doc: Doc) -> int:
    """How many tokens the "no" that opens ``doc`` takes ("No, not at all, we'll cover
    it": 5), or 0 when it opens with none."""
    end = 0
    for token in doc:
        if not (token.is_punct or token.lower_ in AGREEING_NO):
            break
        end = token.i + 1
    return end if any(t.lower_ in ("no", "nope", "nah") for t in doc[:end]) else 0


# The verbs (as lemmas) a yes/no question opens with, and what may follow them as its
# subject when no question mark says so.
WEIGHING_OPENERS = {"be", "do", "will", "would", "could", "can", "should", "might", "may"}
WEIGHED_SUBJECTS = {"PRON", "NUM", "DET", "PROPN", "SYM"}


def sentence_views(doc: Doc, cues: list[Span], terms: list[TermSpan]) -> list[SentenceView]:
    """Group cues and terms by sentence."""
    views = []
    for sent in doc.sents:
        view = SentenceView(sent)
        for cue in cues:
            if sent.start <= cue.start < sent.end:
                view.cues.setdefault(cue.label_, []).append(cue)
        view.terms = [t for t in terms if sent.start <= t.start < sent.end]
        view.cues["reject"] = [
            c for c in view.cues.get("reject", []) if not (_praises(c) or _has_plenty(c))
        ]
        if view.asks_whether:
            # "is 300 too much?" weighs the figure: set apart, refusing nothing.
            view.cues["weighed"] = [c for c in view.cues["reject"] if c[0].lower_ == "too"]
            view.cues["reject"] = [c for c in view.cues["reject"] if c[0].lower_ != "too"]
        # "350? That's ridiculous.", "you must be joking": scorn that closes its sentence
        # refuses what is on the table (the pipeline keeps it only when something is).
        scoffs = [c for c in view.cues.get("scoff", []) if _closes(c, sent) and _opens(c, sent)]
        view.cues["scoff"] = scoffs
        view.cues["reject"].extend(scoffs)
        if view.cues.get("puts_off"):
            # "I'll see what I can do": a hedge that puts the request off; the "I can do"
            # inside it proposes and gives nothing.
            for label in ("proposal", "can_do", "concession"):
                view.cues[label] = [
                    c
                    for c in view.cues.get(label, [])
                    if not any(p.start <= c.start < p.end for p in view.cues["puts_off"])
                ]
        supposed = _contrary_to_fact(sent)
        # "If we had more budget I'd give you 160": a figure said for a means one lacks is
        # no offer either; other suppositions with a figure may be soft offers ("if it
        # were up to me, I'd do 160").
        if supposed is not None and (not view.terms or supposed.root.lemma_ == "have"):
            view.cues.setdefault("supposed", []).append(supposed)
        # "we won't push for the meal allowance": the "won't" gives a demand up, so it
        # concedes rather than refuses.
        yielded = [c for c in view.cues.get("yield_demand", []) if _gives_up(c)]
        view.cues["yield_demand"] = yielded
        if yielded:
            view.cues["reject"] = [
                c
                for c in view.cues.get("reject", [])
                if not any(y.start <= c.start < y.end for y in yielded)
            ]
            view.cues.setdefault("concession", []).extend(yielded)
        views.append(view)
    return views


# "did you get a chance to look", "did you get an answer": news, not an event.
NEWS = {"chance", "answer", "reply", "response", "quote", "word", "update", "back"}


def _asks_what_was_learnt(did: Token) -> bool:
    """Whether "did …" asks what was learnt or decided ("did you hear back", "did you
    decide", "did you get a chance to look"), not about an event ("did you have fun")."""
    verb = did.head
    if did.dep_ != "aux":
        return False
    if verb.lemma_ == "get":
        return any(c.lower_ in NEWS for c in verb.children)
    return verb.lemma_ in LEARNT_OR_DECIDED


def _a_situation_object(word: Token, verb: Token) -> bool:
    """Whether what follows "I have / love / hate…" tells the speaker's state: not "it",
    not another offer, not "your answer", not "to split the chores" (a duty the cue
    phrases weigh), not "1,800 students" (a count said as a fact)."""
    if word.lower_ in VAGUE_OBJECTS or (word.dep_ == "xcomp" and verb.lemma_ == "have"):
        return False
    if word.dep_ == "prep" and word.lower_ == "by":
        return False  # "I've got your sign-off by Friday?"
    words = list(word.subtree) if word.dep_ != "prep" else [word]
    if any(w.lower_ in NOT_A_SITUATION or w.lemma_ in NOT_A_SITUATION for w in words):
        return False
    if any(w.lower_ in ("another", "other", "your") for w in words):
        return False
    if word.dep_ == "dobj" and any(c.dep_ == "nummod" for c in word.children):
        return False
    return not any(g.dep_ == "nsubj" and g.lower_ not in OWN_SUBJECTS for g in word.children)


def _negated(word: Token) -> bool:
    """Whether the clause of ``word`` is negated: "I don't want to trade it for water",
    not "I don't eat a lot, so I'm happy to exchange some food for water"."""
    current = word
    for _depth in range(4):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in current.children):
            return True  # "no need to swap anything"
        if current.dep_ not in ("xcomp", "acomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl"):
            return False
        current = current.head
    return False


def _handed(span: Span) -> Iterator[tuple[Token, list[Token]]]:
    """Each verb of handing over ("give", "take", "swap"…, not negated) with what it hands
    (its objects)."""
    for verb in span:
        if verb.lemma_ in HANDING_VERBS and verb.pos_ == "VERB" and not _negated(verb):
            yield verb, [c for c in verb.children if c.dep_ in ("dobj", "dative")]


def _a_sum(word: Token) -> bool:
    """ "$8,000", "300", "fifty quid": money handed over, which names a price; not "2
    food", "three firewood" (a count of things) nor "1" (as "1 for 1")."""
    if word.ent_type_ == "MONEY" or any(c.text in CURRENCY_SYMBOLS for c in word.children):
        return True
    if word.pos_ != "NUM":
        return False
    # "three hundred", "two fifty": the words before it that spell the same numeral.
    spelled = [c for c in word.children if c.dep_ in ("compound", "nummod") and c.i < word.i]
    if any(c.dep_ != "nmod" and c not in spelled for c in word.children):
        return False
    words = [c.text for c in spelled] + [word.text.replace(",", "")]
    value = read_number(words)
    return value is not None and value >= 10


# Whom or what a sum is given "for" when it is a gift, not a price: "I'll give $5 for the
# children", "10 dollars for a good cause".
BENEFICIARIES = {"child", "children", "kid", "kids", "cause", "charity", "people", "family"}
BENEFICIARIES |= {"families", "orphan", "orphans", "poor", "victim", "victims", "refugee"}
BENEFICIARIES |= {"refugees", "animal", "animals", "them", "him", "her", "us", "you"}


def _quantified(word: Token) -> bool:
    """ "3 water", "a bag", "some of your food", "all your water": how much is said."""
    return any(c.dep_ == "nummod" or c.lower_ in QUANTIFIERS for c in word.children)


QUANTIFIERS = {"a", "an", "some", "all", "any", "your", "more", "extra", "half"}


def _counted(word: Token) -> bool:
    """ "two bottles", "3 water": a thing with its number said."""
    return any(c.dep_ == "nummod" for c in word.children)


SPANS_OF_TIME = {"day", "week", "month", "year", "hour", "night", "weekend", "season", "term"}
SPANS_OF_TIME |= {"summer", "winter", "spring", "autumn", "fall", "minute", "evening"}
# What a thing is wanted "for" as an occasion, not a thing traded: "tickets for the show".
OCCASIONS = {"show", "gig", "concert", "game", "match", "party", "event", "trip", "wedding"}
OCCASIONS |= {"meeting", "dinner", "lunch", "breakfast", "festival", "holiday", "weekend"}


# "thanks for the help", "sorry for the wait": said for something, nothing traded.
THANKS = {"thank", "thanks", "sorry", "congrats", "cheer", "cheers", "apology", "credit"}


def sum_for_a_thing(verb: Token) -> bool:
    """ "I'll give you 300 for the bike", "i'd give two fifty for it": a sum handed over for
    a thing puts a price, which offers and promises nothing yet; not "I'll give $5 for the
    children" (a pledge for someone)."""
    if verb.lemma_ not in HANDING_VERBS | {"pay"} or verb.pos_ != "VERB" or _negated(verb):
        return False
    if not any(_a_sum(c) for c in verb.children if c.dep_ in ("dobj", "dative")):
        return False
    fors = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "for"]
    got = [c for f in fors for c in f.children if c.dep_ == "pobj"]
    return any(
        g.lemma_.lower() not in BENEFICIARIES
        and g.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE", "DATE", "TIME")
        and not _a_purpose(g)
        # "I'll pay twenty for your parking" pays for what is theirs: a gift.
        and not any(c.lower_ in ("your", "his", "her", "their") for c in g.children)
        and g.pos_ in ("NOUN", "PRON", "PROPN")
        for g in got
    )


def _share_of(word: Token) -> bool:
    """ "some of my food", "half of the water": a share of a thing."""
    return any(c.lower_ == "of" for c in word.children) and word.lower_ in SHARE_WORDS


SHARE_WORDS = {"some", "all", "most", "half", "one", "two", "three", "any", "part", "more"}
# Verbs that hand a thing over or take it: "share water for firewood".
HANDING_VERBS = {
    "give", "share", "spare", "offer", "trade", "swap", "exchange", "take", "substitute",
    "hand", "let", "part", "switch", "get",
}  # fmt: skip
# What something is given "for" that is no thing of the other side's.
NOT_TRADED = {"free", "nothing", "now", "sure", "example", "instance", "sale", "cash", "money"}
# What is handed over that is no thing divided: a price, a call, a fix.
NOT_A_THING_TRADED = {
    "price", "quote", "discount", "call", "hand", "ring", "replacement", "deal", "rate",
    "estimate", "refund", "receipt", "break", "chance", "minute", "moment", "idea", "look",
}  # fmt: skip
# Things whose names end in "-ing": not a purpose ("for testing", "for cooking").
THINGS_IN_ING = {"clothing", "bedding", "shipping", "housing", "lighting", "seating", "parking"}


def _a_purpose(word: Token) -> bool:
    """ "samples for testing", "wood for cooking": what it is for, not what it is traded for."""
    return word.tag_ == "VBG" or (word.lower_.endswith("ing") and word.lower_ not in THINGS_IN_ING)


REASON_MARKERS = {"because", "since", "cause", "otherwise", "so"}
BARTER_WORDS = {"trade", "swap", "exchange", "return"}
PARTIES = {"i", "we", "me", "my", "our", "us", "you", "your"}
# "With respect, …", "with regret", "with all due respect": manners, not a condition.
# "With that said", "with this in mind": a turn of phrase.
NOT_WHAT_IT_COMES_WITH = {"respect", "regret", "pleasure", "apologies", "thanks", "love"}
NOT_WHAT_IT_COMES_WITH |= {"that", "this", "said", "mind", "regards", "luck"}


def _led_by_what_it_comes_with(view: SentenceView) -> bool:
    """A sentence that opens "With <something>," and names a term: "With maintenance, I
    can do eight seventy-five", "with the three-year term, forty works"."""
    words = view.words
    if not words or words[0].lower_ != "with" or not view.terms:
        return False
    comma = next((t for t in view.span if t.text == ","), None)
    if comma is None or comma.i - words[0].i > 6:
        return False
    led = view.span.doc[words[0].i + 1 : comma.i]
    return bool(led) and not any(t.lower_ in NOT_WHAT_IT_COMES_WITH for t in led)


ADDRESSEE = {"you", "u"}  # "can u carry the cooler tho"

# What a number's proposer asks the listener to do in return, joined with "and": "140 and
# you use the heater less", "one ten and you give us a case study". Not "take", "keep",
# "do" or "don't", which name what the listener gets as often ("and you take it home
# today", "and you don't have to pay shipping"), nor a split of a sum ("and you pay 300",
# "and you cover the rest").
ASKED_IN_RETURN = {"use", "cover", "give", "hold", "handle", "sign", "commit", "bring"}
ASKED_IN_RETURN |= {"waive", "stop", "start", "refer", "promote", "provide", "supply"}
# Between "you" and the deed: "you'll cover shipping", "you guys cover shipping".
BEFORE_THE_DEED = {"guys", "'ll", "'d", "will", "would", "all", "both"}
AT_A_TIME = {"at", "by", "until", "till", "before", "after", "around"}
WHAT_IS_LEFT = {"rest", "remainder", "difference", "balance", "other", "others"}


def _joined_to_their_part(view: SentenceView) -> bool:
    """A sum followed by "and you <do something>" with no sum of its own: a trade, the sum
    on the condition of the deed ("140 and you use the heater less"). The deed may be
    parsed as a sentence of its own, so it is read from the Doc."""
    doc = view.span.doc
    for term in view.terms:
        before = doc[term.start - 1].lower_ if term.start else ""
        if term.unit is None and before in AT_A_TIME:
            continue  # "I'll be there at 5 and you bring the keys"
        i = term.end + (term.end < len(doc) and doc[term.end].text == ",")
        if i + 2 >= len(doc) or doc[i].lower_ != "and" or doc[i + 1].lower_ not in ADDRESSEE:
            continue
        verb = i + 2
        while verb < len(doc) - 1 and doc[verb].lower_ in BEFORE_THE_DEED:
            verb += 1
        if doc[verb].lower_ not in ASKED_IN_RETURN:
            continue
        deed = doc[verb : doc[verb].sent.end]
        if any(t.lower_ in WHAT_IS_LEFT for t in deed[:4]):
            continue
        # "and you pay eleven hundred" splits a sum; "nine hours a day" is no term.
        if not any(i < other.start < deed.end for other in doc._.terms):
            return True
    return False


# What puts a number forward after a refusal: "that's too high, id go to 300", "fifteen
# doesn't cover it um twenty five and that's as low as i can go".
PUTS_FORWARD = ("proposal", "can_do", "limit", "concession")


def _counter_after_refusal(view: SentenceView) -> TermSpan | None:
    """The number put forward after the sentence's last refusal, when one is: a refusal
    that opens a counter ("eight fifty i cant do that um eight sixty is my floor")."""
    refused = max((cue.end for cue in view.cues.get("reject", [])), default=None)
    if refused is None or _only_leading_no(view):
        return None  # "No, we have 20 staff, so 15 won't cover it": no counter put
    after = [t for t in view.terms if t.start >= refused]
    puts = any(cue.start >= refused for label in PUTS_FORWARD for cue in view.cues.get(label, []))
    if after and puts:
        return proposed_term(view.span.doc, after)
    # "I can meet you at one seventy-two, but net forty-five is a non-starter": the number
    # put forward before a refusal of something else.
    first = min(cue.start for cue in view.cues["reject"])
    ahead = [t for t in view.terms if t.end <= first]
    put_ahead = any(
        cue.end <= first and not _negated(cue.root)
        for label in PUTS_FORWARD
        for cue in view.cues.get(label, [])
    )
    return proposed_term(view.span.doc, ahead) if ahead and put_ahead else None


def _only_leading_no(view: SentenceView) -> bool:
    """Whether the sentence's only refusal is a "no," at its start."""
    start = view.span.start
    return all(
        cue.start - start <= 1 and cue[0].lower_ in ("no", "nope", "nah")
        for cue in view.cues.get("reject", [])
    )


# Words that may stand beside a bare number without making it anything but a position.
AROUND_A_NUMBER = {"how", "about", "what", "say", "let's", "then", "fair", "fine", "deal"}
AROUND_A_NUMBER |= {"the", "deal's", "'s", "done", "it", "is", "even", "flat", "cash", "and"}


def _only_a_number(view: SentenceView, term: TermSpan) -> bool:
    """Whether the sentence is just a number, maybe with "how about" or "deal" ("Ten?",
    "Fifteen and the deal's done.", "Fifteen, deal.")."""
    rest = [t for t in view.words if not term.start <= t.i < term.end]
    return len(rest) <= 5 and all(t.lower_ in AROUND_A_NUMBER | FILLERS for t in rest)


def _leads(view: SentenceView, term: TermSpan) -> bool:
    """Whether the sentence opens with the term, after at most a filler ("ok 300 if…")."""
    before = [t for t in view.words if t.i < term.start]
    return all(t.lower_ in FILLERS | AROUND_A_NUMBER for t in before) and len(before) <= 2


# "if you don't…" threatens; "if you buy the bags" asks something for the promise.
THREAT_CONDITIONS = {"not", "n't", "never", "nt"}
PROMISING = FUTURE_OR_MODAL - {"may", "might"}  # "we may have a second manual" hedges
# "I'll send it if you want": an offer of help, not a trade.
POLITE_CONDITIONS = {"want", "like", "prefer", "need", "wish", "think", "help", "mind"}
# "ill ask my boss if u can wait", "I'll text you if you need me": arranging to talk is
# no part of the deal; nor is waiting for a person ("I'll wait for u outside if…"), but
# waiting for the rent is ("I'll wait till the end of the month for the rent if…").
ARRANGING = {"ask", "check", "text", "call", "ring", "message"}
WAITED_FOR = {"you", "u", "them", "him", "her", "outside", "downstairs", "there", "here"}


def _arranges(verb: Token) -> bool:
    """Whether the verb only arranges to talk or meet."""
    if verb.lemma_ in ARRANGING:
        return True
    if verb.lemma_ != "wait":
        return False
    said = [c for c in verb.children if c.dep_ in ("prep", "advmod")]
    waited = [g for c in said for g in (c, *c.children) if g.dep_ in ("pobj", "advmod")]
    return bool(waited) and all(t.lower_ in WAITED_FOR for t in waited)


def _promises_action(view: SentenceView) -> bool:
    """ "I'll clear it out friday if you buy the bin bags", "we can do the audit if you
    send the logs": the speaker's own will/can action, outside an "if" clause that
    is not a threat."""
    root = view.span.root
    if root.pos_ not in ("VERB", "AUX") or in_condition(root) or _arranges(root):
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    aux = {c.lower_ for c in root.children if c.dep_ == "aux"}
    if subject is None or subject.lower_ not in ("i", "we") or not aux & PROMISING:
        return False
    if root.tag_ == "VBN" or aux & {"have", "'ve"}:
        return False  # "if you'd said no I'd have had to…": what would have been
    if any(c.dep_ == "neg" for c in root.children):
        return False
    condition = [t for t in view.span if in_condition(t)]
    # The other side's part: "if you buy the bags" (not "if I can get sign-off").
    theirs = any(t.lower_ in ("you", "your", "u") and t.dep_.startswith("nsubj") for t in condition)
    return theirs and not any(
        t.lower_ in THREAT_CONDITIONS or (t.lemma_ in POLITE_CONDITIONS and not _takes_a_thing(t))
        for t in condition
    )


def _offers_help(cue: Span) -> bool:
    """ "you can keep one if you want", "ella can come to ours if you like": the "if"
    leaves the choice to them and asks nothing back ("if you want the majority of the
    others" asks for a thing, so it trades)."""
    marker = next((t for t in cue if t.lower_ == "if"), None)
    if marker is None or marker.dep_ != "mark":
        return False
    verb = marker.head
    does_more = any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)  # "want to swap"
    return verb.lemma_ in POLITE_CONDITIONS and not _takes_a_thing(verb) and not does_more


def _takes_a_thing(verb: Token) -> bool:
    """ "if you want the majority of the others", "if you need some": wanting a thing is a
    part of the trade; "if you want", "if you need anything" offer help."""
    return any(
        c.dep_ == "dobj" and c.lower_ not in ("anything", "it", "that", "this", "one", "help")
        for c in verb.children
    )


# The sides of a split, by grammar. The taker is the subject of these: "you take the
# water" is what the other side gets, "I'll take the firewood" what the speaker gets.
TAKING_VERBS = {"take", "get", "have", "keep", "receive"}
# The receiver is the object of these: "give you the water", "let me have the food".
HANDING_OVER = {"give", "let", "leave", "offer"}
# ...and of these the speaker is the subject, with no receiver said: "I'd be willing to part
# with some firewood" (what the other side gets), "I really need two" (what the speaker
# gets).
SPEAKER_GIVES = {"give", "share", "spare", "part", "forfeit", "offer", "sacrifice"}
SPEAKER_NEEDS = {"need", "want"}
SPEAKER_SAYS = SPEAKER_GIVES | SPEAKER_NEEDS
# Objects that are no thing divided: "I get it", "you have a point".
NO_THING = {"it", "that", "this", "point", "idea", "question", "time", "chance", "feeling"}


def _sides_by_syntax(view: SentenceView) -> set[str]:
    """Which sides of a split a sentence names by its grammar, where the cue phrases are
    not contiguous: "would you be willing to take 1 firewood while I take 2?" ("you take":
    what the other side gets; "I take": what the speaker gets), "I'm ok with you getting
    two waters", "I would be willing to give you all of the firewood while I get the rest".
    """
    sides = set()
    for verb in view.span:
        if verb.pos_ != "VERB" or verb.tag_ == "VBD" or any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.lemma_ in TAKING_VERBS:
            thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if thing is None or thing.lower_ in NO_THING:
                continue
            modal = any(c.dep_ == "aux" and c.lower_ in PROMISING for c in verb.children)
            if verb.lemma_ == "have" and not modal:
                continue  # "do you have time?", "we may have a second manual for you"
            who = _taker(verb)
            if verb.lemma_ == "get" and _is_perfect(verb) and who in ("i", "we"):
                continue  # "I've got a spare pack": what one has ("you've got the water" gets)
            if who in ADDRESSEE:
                sides.add("trade_give")
            elif who in ("i", "we"):
                sides.add("trade_get")
        elif verb.lemma_ in HANDING_OVER and (side := _hands_to(verb)):
            sides.add(side)
        elif verb.lemma_ in SPEAKER_SAYS and _taker(verb) in ("i", "we"):
            thing = next((c for c in verb.children if c.dep_ in ("dobj", "prep")), None)
            if thing is None or thing.lower_ in NO_THING | PARTIES or not _hands_a_thing(verb):
                continue  # "I need to check", "I want it", "I'll give you a call"
            sides.add("trade_give" if verb.lemma_ in SPEAKER_GIVES else "trade_get")
    return sides


def _is_perfect(verb: Token) -> bool:
    """ "I've got", "we have got": the perfect of "get", said for having."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _hands_a_thing(words: Span | Token) -> bool:
    """Whether a verb (or a side's cue phrase, by its verb) hands over a thing: "give you
    the water", not "give you a call"."""
    verb = (
        words
        if isinstance(words, Token)
        else next((t for t in words if t.pos_ == "VERB"), words.root)
    )
    return not any(c.dep_ == "dobj" and c.lemma_ in NOT_A_THING_TRADED for c in verb.children)


def _hands_to(verb: Token) -> str | None:
    """ "give you …" hands to the other side; "give me …" to the speaker (not "give you a
    call")."""
    if not _hands_a_thing(verb):
        return None
    to = {c.lower_ for c in verb.children if c.dep_ in ("dative", "dobj")}
    if to & {"you", "u"}:
        return "trade_give"
    if to & {"me", "us"}:
        return "trade_get"
    return None


def _taker(verb: Token) -> str | None:
    """Who takes: the verb's subject, or of the verb it completes ("would you be willing
    to take", "ok with you getting")."""
    current = verb
    for _depth in range(4):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.lower_
        if current.dep_ not in ("xcomp", "acomp", "pcomp", "prep") or current.head == current:
            return None
        current = current.head
    return None


RIVALS = frozenset({"competitor", "competitors", "other", "another"})


PRICE_VERBS = frozenset(
    {"offer", "quote", "charge", "bid", "pitch", "pay", "sell", "price", "cost", "give", "match"}
)


def _rival_price(view: SentenceView, label: str = "pressure") -> bool:
    """A rival named by a pressure phrase ("your competitor", "another vendor"), the
    incumbent ("our current supplier") or its bid ("a quote from CleanCo", "the other two
    bids") beside its price: what someone else offered, cited
    to move this deal. Not asked ("is your current supplier still at 29?"), not history,
    not a number that is no price ("the other vendor called me at 3")."""
    rivals = {
        t.i
        for cue in view.cues.get(label, [])
        for t in cue
        if label != "pressure" or t.lower_ in RIVALS
    }
    if not rivals or view.is_question or _long_ago(view):
        return False
    if label == "rival" and _theirs_or_dearer(view, min(rivals)):
        return False
    words = view.span
    # "a quote from CleanCo at 12.5k": the rival's quote or bid is its price.
    priced = label == "rival" or any(
        (t.pos_ == "VERB" and t.lemma_ in PRICE_VERBS)
        or t.text in CURRENCY_SYMBOLS
        or t.lower_ in CURRENCY_WORDS
        or (t.lower_ == "at" and t.head.lemma_ == "be")  # "our current carrier is at 2950"
        for t in words
    )
    # Not how many rivals ("two other bids") nor a count of things ("40 pallets").
    counted = {
        i for term in view.terms if term.unit == "count" for i in range(term.start, term.end)
    }
    # (A figure the rival's verb takes is its price: "Acme quoted us 28k".)
    return priced and any(
        says_a_number(t)
        and t.i not in counted
        and not _counts_things(t)
        and (t.head.i not in rivals or t.head.pos_ == "VERB")
        for t in words
    )


def rival_figures(views: list[SentenceView]) -> set[float]:
    """The figures said of a rival, the incumbent or a way out ("brightline quote us
    thirty six thousand", "another place lined up at 950"): someone else's numbers, no
    position of the speaker's."""
    return {
        term.value
        for view in views
        if view.cites_someone_elses
        for term in view.terms
        if term.value is not None
    }


def _names_a_way_out(view: SentenceView) -> bool:
    """Another buyer, place or offer lined up or interested, and not denied."""
    return any(
        not _negated(cue[-1])
        and not any(t.dep_ == "neg" or t.lower_ == "no" for t in cue.root.subtree)
        for cue in view.cues.get("alternative", [])
    )


def _theirs_or_dearer(view: SentenceView, start: int) -> bool:
    """ "your quote from Sarah" is their own; "the other bids came in higher than yours"
    presses nobody to come down."""
    doc = view.span.doc
    if start > 0 and doc[start - 1].lower_ in ("your", "yours"):
        return True
    words = [t.lower_ for t in view.span]
    dearer = {"higher", "more", "dearer", "pricier", "above"} & set(words)
    return bool(dearer) and "than" in words


LIMIT_SUBJECTS = frozenset(
    {"that", "this", "it", "one", "price", "offer", "rate", "fee", "number", "minimum", "quote"}
    | {"date", "deadline", "term", "terms"}
)


# A condition set on what is said: "if", "as long as", "so long as", "provided", "unless"
# (not "if that helps", which sets none).
CONDITION = re.compile(
    r"\bif\b(?! (?:that|it) helps)|\b(?:as|so) long as\b|\bprovided\b|\bunless\b"
)


def _opens_with_deal(view: SentenceView) -> bool:
    """ "Deal.", "okay, deal", "deal, I'll send it Friday"; not "deal, if I get August" or
    "deal, as long as it ships friday"."""
    words = [t.lower_ for t in view.words]
    while words and words[0] in ("yes", "yeah", "yep", "fine", "then", "alright"):
        words = words[1:]
    return bool(words) and words[0] == "deal" and not CONDITION.search(" ".join(words))


def _states_a_limit(view: SentenceView) -> bool:
    """ "230 is my max", "fifty one is as low as i go", "the minimum is firm": the
    speaker's own limit. Not a limit word that names a thing ("40 is the max capacity",
    "the floor model", "the sky's the limit", "this mattress is firm"), an effort ("i'll
    push as high as i can go"), a condition or a doubt ("i'm not sure 230 is my max")."""
    doc = view.span.doc
    words = [t.norm_ for t in view.span]
    unsure = any(a == "not" and b == "sure" for a, b in zip(words, words[1:], strict=False))
    if unsure or "if" in words or "maybe" in words:
        return False
    for cue in view.cues.get("limit", []):
        after = doc[cue.end] if cue.end < view.span.end else None
        if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"):
            continue
        if cue[0].lower_ == "as" and (cue.start == 0 or doc[cue.start - 1].lemma_ != "be"):
            continue
        be = cue[0] if cue[0].lower_ in ("is", "'s", "s", "\u2019s") else None
        subject = next((c for c in be.children if c.dep_ == "nsubj"), None) if be else None
        if be is not None and subject is None and cue.start > 0:
            subject = doc[cue.start - 1]  # "That one's firm", parsed as a possessive
        if subject is not None and subject.lower_ == "sky":
            continue
        if cue[-1].lower_ == "firm" and not (
            subject is not None and (subject.like_num or subject.lemma_ in LIMIT_SUBJECTS)
        ):
            continue
        return True
    return False


def _long_ago(view: SentenceView) -> bool:
    """ "Other agencies quoted us 18% in 2019", "…years ago": history, not leverage now."""
    return any(
        (t.lower_ == "ago" and t.i > 0 and t.nbor(-1).lower_ in ("year", "years", "months"))
        or (t.shape_ == "dddd" and t.text[:2] in ("19", "20"))
        for t in view.span
    )


def _counts_things(number: Token) -> bool:
    """ "two petabytes", "three machines": a number that counts a noun, not a price."""
    head = number.head
    return (
        number.dep_ == "nummod"
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in CURRENCY_WORDS
        and head.text not in CURRENCY_SYMBOLS
        and head.lower_ not in PERCENT_WORDS
        and head.lower_ not in SCALES
        # "pitched us at eight last month": the parse hangs the price on the date.
        and not any(c.lower_ in ("last", "next", "this") for c in head.children)
    )


def main_term(view: SentenceView) -> TermSpan | None:
    """The term a sentence proposes: the first one outside any "if …" clause, and outside
    a refusal when another is left ("I can't match fifty five, but I can bring it to sixty
    two" proposes sixty two)."""
    return proposed_term(view.span.doc, view.terms)


def proposed_term(doc: Doc, terms: list[TermSpan]) -> TermSpan | None:
    """Of ``terms``, the first outside any "if …" clause and any refusal, as far as any is."""
    if not terms:
        return None
    outside = [t for t in terms if not in_condition(doc[t.start])]
    said = [t for t in outside if not in_refusal(doc[t.start])]
    pool = said or outside or terms
    # "eighteen hundred is way more than we budgeted … more like twelve hundred": a figure
    # turned down is not the one put forward while another is said.
    # …in the same unit: "ten thousand is more than we expected, and we'd commit for 2
    # years" still refuses ten thousand.
    judged = [t for t in pool if _judged(doc, t)]
    put = [t for t in pool if t not in judged and all(t.unit == j.unit for j in judged)]
    # "its listed at 200 but ill do 170" puts forward 170.
    put = [t for t in put if not listed_price(doc, t)] or put
    return (put or pool)[0]


# Said of a figure to turn it down: "twelve is too low", "eighteen hundred is way more than
# we budgeted", "that's over our budget" (not "$50 is more than fair").
JUDGING = {"too", "over", "above", "beyond", "outside", "not", "n't", "steep"} | WILD
OURS = {"we", "our", "i", "my", "us"}


def _judged(doc: Doc, term: TermSpan) -> bool:
    """Whether the figure is the subject of a judgement ("X is too much", "X's over")."""
    after = [t.lower_ for t in doc[term.end : term.end + 7]]
    if not after or after[0] not in ("is", "'s", "was", "does", "do", "would", "wo"):
        return False
    if set(after[1:5]) & JUDGING:
        return True
    than = after.index("than") if "than" in after else None
    return than is not None and after[than - 1] == "more" and bool(set(after[than + 1 :]) & OURS)


def listed_price(doc: Doc, term: TermSpan) -> bool:
    """Whether the figure is the price something was put up at ("its listed at 200 but
    ill do 170", "its 380 listed, lowest id go is 340", "I listed it at 450"): the
    seller's earlier position, not the one put forward now."""
    before = {t.lower_ for t in doc[max(0, term.start - 4) : term.start]}
    if before & LISTING and not before & {"not", "n't", "than"}:
        return True
    return term.end < len(doc) and doc[term.end].lower_ in LISTING


# Moves whose sentence may put a package forward.
PUTS_TERMS = ("offer", "concession", "accept")


def terms_beside(view: SentenceView, main: TermSpan | None) -> list[TermSpan]:
    """The other terms a sentence puts forward with its main one, one per issue: "fifty
    dollars per seat, two hundred seats" puts the seats too. Not a figure refused, judged,
    listed before, or cited from someone else (a rival's quote, the incumbent's price).
    A bare accept's are the terms it says back: "That works: fifty per seat, two hundred
    seats"."""
    if (main is not None and main.value is None) or view.cites_someone_elses:
        return []
    doc = view.span.doc
    seen = {main.issue} if main is not None else set()
    others = []
    for term in view.terms:
        if term.value is None or term.issue in seen:
            continue
        start = doc[term.start]
        if in_refusal(start) or _judged(doc, term) or listed_price(doc, term):
            continue
        seen.add(term.issue)
        others.append(term)
    return others


def in_refusal(token: Token) -> bool:
    """Whether the verb a token belongs to is negated ("can't match fifty five")."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "neg" for c in ancestor.children)
    return False


@dataclass
class FoundMove:
    """A move with the token span that carries it."""

    kind: str
    start: int
    end: int
    conditional: bool = False
    term: TermSpan | None = None
    other_terms: list[TermSpan] = field(default_factory=list)  # (see ``terms_beside``)
    firm: bool = False  # the rules are sure enough that a trained model may not drop it
    only_can_do: bool = False  # a concession heard only in "I can do…" wording


def decide_moves(views: list[SentenceView]) -> list[FoundMove]:
    """The moves of an utterance from its sentences, in order, one of each kind at most."""
    found: dict[str, FoundMove] = {}
    conditional_trade = False
    package: dict[str, SentenceView] = {}  # a trade's give side and take side, where said
    stated: list[SentenceView] = []  # statements that may tell the speaker's own state

    def add(kind: str, view: SentenceView, term: TermSpan | None = None) -> None:
        if kind not in found:
            others = terms_beside(view, term) if kind in PUTS_TERMS else []
            found[kind] = FoundMove(
                kind, view.span.start, view.span.end, term=term, other_terms=others
            )

    for view in views:
        framed = view.has("report", "hypothetical", "supposed")
        past = view.is_past
        # "…how about you" asks even without a question mark.
        # "How about you?" only at the end: "how about you take the van" proposes.
        tag_question = any(c.end >= view.span.end - 1 for c in view.cues.get("tagq", []))
        question = view.is_question or tag_question
        clarify = view.has("clarify")
        rejecting = view.has("reject") and not framed
        # "No, I can give you two if you give me the firewood": a refusal that opens a
        # counter-proposal still lets the proposal count.
        counter = _counter_after_refusal(view) if rejecting else None
        counters = rejecting and (_only_leading_no(view) or counter is not None)
        term = counter or main_term(view)

        # A question run on after a statement ("yeah that works um which day is better")
        # asks without taking back what the statement said.
        informs = (question or view.asked_on) and view.seeks_information and not clarify
        # "I'd like to know what you need most", "tell me which you need least": asked
        # in a statement, without a question mark.
        informs |= view.has("info_request") and not framed and not clarify
        informs = informs and not view.is_small_talk
        if informs:
            # Asked in the past tense or the passive ("who else is involved?") all the same.
            add("question", view)
            found["question"].firm = True
        # "Other agencies have quoted us 18%": leverage said in the present perfect.
        # "Two other agencies pitched us at eight last month": a rival's price, even in
        # the past tense, is leverage now; so is the incumbent's ("our current carrier is
        # at twenty-nine fifty").
        # "do you have any other offers you're considering" asks about theirs.
        probes = question and any(t.dep_ == "nsubj" and t.lower_ in ("you", "u") for t in view.span)
        if not framed and (
            (
                view.has("pressure")
                and not probes
                and (not past or view.is_perfect or _rival_price(view))
            )
            or _rival_price(view, "incumbent")
            or _rival_price(view, "rival")
        ):
            add("pressure", view)
            # "best and final", "take it or leave it": precise phrases the model may not drop.
            found["pressure"].firm = True
        # "230 is my max", "fifty one is as low as i go", "that's the best I'll do": a limit
        # stated (not asked: "what's the ceiling finance gave you?").
        if _states_a_limit(view) and not (framed or past or question):
            add("pressure", view)
            found["pressure"].firm = True
        # "i have another place lined up at 950", "we do have another couple interested":
        # a way out named, not asked about nor denied ("no other bidders interested").
        if _names_a_way_out(view) and not (framed or past or question):
            add("pressure", view)
            found["pressure"].firm = True
        if rejecting and not (question and clarify):
            add("reject", view)
            found["reject"].firm = True
        if view.has("accept") and not (question or framed or rejecting or deal_on_terms(view)):
            add("accept", view)
            # "Deal." / "ok deal, 150" accepts whatever the turn goes on to ask ("deal. does
            # it come with the lock"): 46 of 48 labelled so, the other two with "if".
            found["accept"].firm |= _opens_with_deal(view)
        # "I've got a late shift" is in the present perfect, which reads as past.
        if not (framed or question or view.is_small_talk):
            stated.append(view)
        if framed or past or view.is_small_talk:
            continue
        by_syntax = _sides_by_syntax(view)
        for side in ("trade_give", "trade_get"):
            said = any(_hands_a_thing(cue) for cue in view.cues.get(side, []))
            if (said or side in by_syntax) and not clarify:
                package.setdefault(side, view)

        # "if I'm honest", "if I remember right": an aside, not a condition.
        asides = {cue.start for cue in view.cues.get("aside", [])}
        # "trade all 3 for food", not "I don't think I could trade all 3 for food".
        trade_offer = any(not _negated(cue.root) for cue in view.cues.get("trade_offer", []))
        # "ill give u two hundred for both chairs": a price for things, no barter.
        trade_offer &= not view.prices_a_thing
        conditional = trade_offer or any(
            cue.start not in asides and not _negated(cue.root) and not _offers_help(cue)
            for cue in view.cues.get("conditional", [])
        )
        # "With maintenance, I can do 875 a van": the thing it comes with is the condition.
        conditional |= _led_by_what_it_comes_with(view)
        # "140 and you use the heater less": the number is on the condition of the deed.
        conditional |= _joined_to_their_part(view)
        proposing = view.has("proposal") and (counters or not rejecting)
        # "if we sign today would you knock off ten percent": a trade put to them.
        theirs_from = view.asked_on_a_condition
        proposing |= theirs_from is not None and conditional
        # "Ten?", "Fifteen and the deal's done.": a number said on its own names a position.
        bare = term is not None and not rejecting and _only_a_number(view, term)
        # "300 if i come get it today?": a number put first, on a condition.
        bare |= term is not None and conditional and _leads(view, term) and not rejecting
        proposing |= bare
        # "ill clear it out friday if you buy the bin bags": an action promised for one.
        proposing |= conditional and _promises_action(view) and not view.has("pressure")
        # "I'll give you all my firewood in exchange for all your food": the things traded
        # are the terms, whether or not a number is said.
        barter = view.proposes_trade and not clarify
        proposing |= barter
        conditional |= barter  # "I can share water for firewood": a trade without "if"
        if question:
            # "If I take two waters, will you accept two firewood?" proposes a trade.
            offer = (proposing or trade_offer) and (term is not None or barter)
            offer = offer and not clarify
        else:
            states_terms = term is not None and (counter is not None or not rejecting)
            states_terms &= not view.has("ask", "interest", "firm_interest")
            # "Our current carrier charges one sixty-five": someone else's figure.
            states_terms &= not view.cites_someone_elses
            offer = (proposing and (term is not None or conditional)) or states_terms
        if offer:
            add("offer", view, term)
            conditional_trade |= conditional
            # "that's too high, id go to 300": the number put forward after the refusal;
            # "I'll take 300 for the lot": a price put for the thing.
            found["offer"].firm |= bare or counter is not None or view.prices_a_thing
            if view.requests and not clarify:
                # "Could you do 350?", "could you do three fifty" said without the mark: a
                # number asked of them names one's own position and asks them to move.
                add("ask", view, term)
                found["ask"].firm = True
        # "Knock off twenty and we have a deal", "Throw in the case and you've got a
        # deal": what they are bid to give for the deal is no giving of the speaker's.
        bids = deal_on_terms(view) and view.has("accept") and bids_them(view)
        cut = _cut_outright(view) and not bids
        # What they are asked to give in a trade put to them ("…would you knock off ten
        # percent") is no giving of the speaker's.
        given = [
            c
            for c in view.cues.get("concession", [])
            if (theirs_from is None or c.start < theirs_from) and not bids
        ]
        gives = bool(given) or cut
        # "I could do two fifty": giving ground only if it moves from a number said before.
        if (gives or view.has("can_do")) and (counters or not rejecting) and not question:
            first = "concession" not in found
            add("concession", view, term)
            found["concession"].only_can_do = (
                first or found["concession"].only_can_do
            ) and not gives
            conditional_trade |= conditional
            # Giving something for nothing in so many words ("at no extra charge", "on the
            # house", "I'll throw in the cable") or cutting one's own figure to a number ("I'll
            # drop the room fee to four hundred"): precise, so the model may not drop it.
            found["concession"].firm |= view.has("gift", "yield_demand") or cut

        if view.requests_after_a_pause and not clarify:
            # Asking back after giving ("eighteen fifty okay um and can you throw in the
            # takeover") trades: the ask must stand beside the concession.
            add("ask", view, term)
            found["ask"].firm = True
        if question:
            if (view.has("probe") or tag_question or informs) and not clarify:
                add("question", view)
                # "Food matters most to me. What about you?": asking back is a probe
                # whatever else the utterance does (9 of the 10 in the training data); so
                # is any plain information-seeking question, which the model may not drop.
                found["question"].firm |= tag_question or informs
            elif (view.has("ask") or view.requests) and not clarify and not offer:
                add("ask", view, term)
                # "We can do forty. Can you cover shipping?" asks back: the trade that
                # keeps the concession from being one-sided must not be dropped.
                found["ask"].firm |= view.requests
            continue
        if view.has("ask") and not offer and not view.has("concession", "can_do"):
            add("ask", view, term)
        if view.has("interest", "firm_interest") or (view.has("ask") and view.gives_reason):
            add("interest", view)
            # A budget, a margin, "because": right nine times in ten on the sets written to
            # the brief, where the model dropped a third of them.
            found["interest"].firm |= view.has("firm_interest")

    if len(package) == 2 and "reject" not in found:
        # "You take the water, I'll take the firewood": one proposal that gives and takes.
        add("offer", package["trade_give"], main_term(package["trade_give"]))
        conditional_trade = True
    # Looked for only beside a position: the parse walk is not needed otherwise.
    situation = None
    if found.keys() & POSITIONS:
        situation = next((v for v in stated if v.tells_own_situation), None)
    if situation is not None:
        # "I've got a late shift", "im saving for the flat deposit": the reason behind an
        # ask, an offer or a refusal in the same utterance, which the model scored below
        # 0.2 (brief-dev interest recall 0.63; no cue phrase names a shift or a deposit).
        # Alone ("I love hiking", "we have a dog") it is small talk.
        add("interest", situation)
        found["interest"].firm = True
    moves = list(found.values())
    for move in moves:
        if move.kind in ("offer", "concession"):
            move.conditional = conditional_trade
            # Trade wording ("if you…", "X for Y", "you take…, I'll take…") is precise
            # (CaSiNo trades: P 0.95); the model dropped half of them, so it may not.
            move.firm |= conditional_trade and move.kind == "offer"
    return moves
