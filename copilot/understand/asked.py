"""What one side asks the other to do, and the bare "will do" that promises it.

A reply of "will do" names no task; the task is the sentence of the other side's last turn
that asked for one. ``asked_to_act`` finds that sentence once per utterance, so the pipeline
can keep it for the reply.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from copilot.events import Move
from copilot.understand.commitments import HAILS_AND_LAUGHS

# "will do", "sure, will do", "consider it done", "i'm on it, thanks": yes to what the other
# side just asked, even when the request itself was not read as one ("ok if they don't
# confirm let me know" / "will do"). Every read set labels these commitments (17 of 17).
DONE_AS_ASKED = re.compile(
    r"^\W*(?:(?:ok|okay|yes|yeah|yep|yup|sure|alright|right|great|perfect|cool|no problem|"
    r"got it|noted|thanks|thank you|uh|um|so)\b\W*)*"
    r"(?:will do|consider it done|(?:i'm|im|i am) on it(?: already)?)\b"
    r"(?:\W+(?:thanks|thank you|cheers|mate|bye|see you(?: then| soon| at \w+)?|speak soon))*"
    r"[\s.!]*$"
)


def says_will_do(text: str) -> bool:
    """Whether an utterance is a bare "will do" (``DONE_AS_ASKED``), naming no task."""
    return bool(DONE_AS_ASKED.match(text.lower().replace("\u2019", "'")))


# Commands that are good wishes, not tasks: "take care", "have a good weekend".
WISHES = re.compile(
    r"\b(?:take care|have (?:a|an) (?:good|great|nice|lovely|safe)|enjoy|say (?:hi|hello)|"
    r"stay safe|drive safe|get well)\b"
)
NOT_A_COMMAND = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "mark", "expl"}
# Verbs in the imperative that open or close talk rather than ask for a task: "listen, we
# can't", "trust me", "see you Friday", "thanks again", "deal at forty".
TALK_VERBS = {"listen", "trust", "look", "see", "thank", "deal", "talk", "mind", "guess"}
# "If you could loop in Sarah, that'd be great", "would you mind sending it": asked politely.
POLITE_ASK = re.compile(r"\b(?:if you (?:could|can|would)|would you mind|could you|can you)\b")
# "let me think", "let's meet at 3": the speaker's own pause or plan ("let me know" asks).
LET_THE_SPEAKER = {"think", "see", "check", "ask", "talk", "sleep", "get", "meet", "do", "go"}


def commands(sentence: Span) -> bool:
    """Whether a sentence tells the listener to do something ("just text me when you're
    outside", "send me the numbers"): a verb in the base form with no subject, auxiliary,
    negation or subordinator of its own, nor one it shares ("I'll send it and call you")."""
    for verb in sentence:
        if verb.tag_ != "VB" or verb.lemma_.lower() in TALK_VERBS:
            continue
        if verb.lower_ in HAILS_AND_LAUGHS:
            continue  # "dude the loons last night were so loud": spaCy's verb calls out
        if verb.dep_ not in ("ROOT", "advcl", "ccomp", "conj", "xcomp", "parataxis"):
            continue
        if any(c.dep_ in NOT_A_COMMAND for c in verb.children):
            continue
        if verb.lemma_ == "let" and (
            any(c.lower_ in ("'s", "us") for c in verb.children)
            or any(c.lemma_ in LET_THE_SPEAKER for c in verb.children if c.dep_ == "ccomp")
        ):
            continue
        head = verb.head
        shares = any(c.dep_ in NOT_A_COMMAND for c in head.children)
        if (
            verb.dep_ == "conj"
            and shares
            and any(t.dep_ == "cc" for t in head.doc[head.i : verb.i])
        ):
            continue  # "I'll send it and call you": the subject's too (not "…, bring boots")
        return True
    return False


def asked_to_act(doc: Doc, moves: list[Move], unowned: bool = False) -> str | None:
    """The sentence of an utterance that asks the listener to act: the one holding a
    request (an ask among its moves: "can you send it?") or a command ("just text me when
    you're outside", "let me know"), or a task left to no one (``unowned``: "someone
    should send those over"); not a prohibition ("don't send anything yet"), a good wish,
    nor the figure of an offer ("can you do forty thousand?": a yes to it takes a term)."""
    kinds = {m.kind for m in moves} | ({"ask"} if unowned else set())
    asks = [m for m in moves if m.kind == "ask" and m.end_char - m.start_char < len(doc.text)]
    prices = [t for t in doc._.terms or [] if t.value is not None] if "offer" in kinds else []
    last = None
    for sentence in doc.sents:
        if WISHES.search(sentence.text.lower()):
            continue
        if any(sentence.start <= t.start < sentence.end for t in prices):
            continue
        holds_ask = any(
            m.start_char < sentence.end_char and sentence.start_char < m.end_char for m in asks
        )
        asking = "ask" in kinds and sentence.text.rstrip().endswith("?")
        asking |= bool(POLITE_ASK.search(sentence.text.lower()))
        if holds_ask or asking or commands(sentence):
            return sentence.text.strip(" .!?")
        last = sentence
    if "ask" in kinds and last is not None:
        return last.text.strip(" .!?")  # the model's ask, in no one sentence: the last
    return None
