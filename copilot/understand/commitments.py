"""Commitments: promises of future action, with owner, action and the due date as said.

A commitment is a future-tense (or "let me", "someone should") clause whose verb is an
action rather than a deal term: "I'll send the contract by Friday" is a commitment,
"we'll waive the fee" is a concession. Owners are parties: the speaker's for I/we,
the other side's for "you will…", none for "someone should" or "let's".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

FUTURE_AUX = {"will", "'ll", "shall", "wo"}
GOING_TO = {"going", "gonna"}
# Promising these is making a deal term ("we'll waive the fee"), not taking on a task.
# Paperwork and follow-up: a task even when the sentence names a figure ("draft the
# timeline assuming two people", "loop in HR so the two reqs are open").
TASK_VERBS = {"send", "draft", "circulate", "email", "forward", "schedule", "prepare", "write"}
TASK_PHRASES = {("put", "together"), ("loop", "in"), ("follow", "up"), ("set", "up")}
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
# Verbs of talk and thought: "let me be honest", "let's look at it", "I'll think".
NOT_ACTIONS = {
    "be",
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
}
# A promise with these after "you'll" is the speaker's: "you'll have it by Thursday".
RECEIVING = {"have", "get", "receive", "see", "hear"}
THREAT_MARKERS = {"otherwise", "or else"}
NOBODY = {"someone", "somebody", "anyone", "anybody", "one"}
MINE = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}
YOURS = {"you", "your", "yours"}
DUE_PREPOSITIONS = {
    "by",
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


@dataclass
class CommitmentSpan:
    """A commitment found in a sentence: owner as a pronoun class, action and due text."""

    owner: str | None  # "speaker", "other" or None
    action: str
    due_text: str | None
    start: int
    end: int


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            return child
    if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _owner(subject: Token | None, sentence: Span, verb: Token) -> str | None | bool:
    """ "speaker", "other", None (nobody named) or False (not a promise at all)."""
    lead = sentence.text.lower()
    if lead.startswith(("let's", "let us")) or " let's " in lead:
        return None
    if subject is None:
        return "speaker" if lead.startswith("let me") else False
    words = {t.lower_ for t in subject.subtree}
    if words & NOBODY:
        return "speaker" if words & MINE else None
    if words & YOURS and not words & MINE:
        return "speaker" if verb.lemma_ in RECEIVING else "other"
    if subject.pos_ in ("PRON",) and subject.lower_ not in MINE | YOURS:
        return False  # "it will be ready", "they will" (a third party, not a party's promise)
    return "speaker"


def _due(sentence: Span, verb: Token) -> Span | None:
    for ent in sentence.ents:
        if ent.label_ in ("DATE", "TIME"):
            start = ent.start
            if start > sentence.start and sentence.doc[start - 1].lower_ in DUE_PREPOSITIONS:
                start -= 1
            return sentence.doc[start : ent.end]
    return None


def _is_task(verb: Token, sentence: Span, has_terms: bool) -> bool:
    """Whether the promised verb is a task rather than a deal term or a figure of speech."""
    if verb.lemma_ in DEAL_VERBS:
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
    if verb.lemma_ in TASK_VERBS or any((verb.lemma_, p) in TASK_PHRASES for p in particles):
        return True
    if verb.lemma_ in NOT_ACTIONS:
        # "go over it", "look into it", "think it through" are tasks all the same.
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
        return bool(particles & {"over", "back", "through", "into", "to"}) and not has_terms
    return not has_terms


def find_commitment(sentence: Span, has_terms: bool = False) -> CommitmentSpan | None:
    """The commitment in a sentence, if it makes one.

    Args:
        sentence: a parsed sentence.
        has_terms: the sentence states a deal term (a price, a volume): then a promise in it
            is part of an offer, not a task.
    """
    lower = sentence.text.lower()
    if lower.rstrip().endswith("?") and not lower.startswith(("you'll", "you will")):
        return None
    if any(marker in lower for marker in THREAT_MARKERS) or re.search(r"\bif (you|we|i)\b", lower):
        return None  # a threat, or a conditional offer: the promise is a term of the trade
    for verb in (t for t in sentence if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"):
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        negated = any(c.dep_ == "neg" for t in (verb, verb.head) for c in t.children)
        future = bool(aux & FUTURE_AUX) or bool(aux & GOING_TO) or verb.head.lower_ in GOING_TO
        should = "should" in aux or "need" in aux or verb.head.lemma_ == "need"
        let_me = verb.head.lower_ == "let" and verb.head is not verb
        if negated or not (future or should or let_me):
            continue
        if not _is_task(verb, sentence, has_terms):
            continue
        subject = _subject(verb)
        owner = _owner(subject, sentence, verb)
        if owner is False:
            continue
        # "we should talk" is a suggestion, "someone should check" an unowned task.
        suggestion = should and not future and owner == "speaker"
        if suggestion and not any(t.lower_ in NOBODY for t in sentence):
            continue
        due = _due(sentence, verb)
        action_tokens = [
            t
            for t in verb.subtree
            if t.i >= verb.i
            and (due is None or not (due.start <= t.i < due.end))
            and t.dep_ not in ("punct",)
        ]
        action = " ".join(t.text for t in action_tokens).replace(" 's", "'s").strip()
        if not action:
            continue
        return CommitmentSpan(
            owner, action, due.text if due else None, sentence.start, sentence.end
        )
    return None
