"""Negotiation moves in one utterance, decided sentence by sentence from cues and syntax.

Cue phrases (data, in ``resources/patterns/moves.jsonl``) say what a sentence might be;
the parse says whether it is: a past-tense report, reported speech, a hypothetical or a
negation turns a would-be offer, concession or commitment into something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from copilot.understand.terms import TermSpan

WH_WORDS = {"what", "why", "how", "which", "where", "when", "who"}
FUTURE_OR_MODAL = {
    "will",
    "'ll",
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


@dataclass
class SentenceView:
    """What the rules know about one sentence."""

    span: Span
    cues: dict[str, list[Span]] = field(default_factory=dict)
    terms: list[TermSpan] = field(default_factory=list)

    def has(self, *labels: str) -> bool:
        """Whether any cue of these labels is in the sentence."""
        return any(self.cues.get(label) for label in labels)

    @property
    def is_question(self) -> bool:
        """Ends with "?" or opens like a question (ASR often drops the mark)."""
        text = self.span.text.strip()
        if text.endswith("?"):
            return True
        first = self.span[0].lower_ if len(self.span) else ""
        return first in WH_WORDS and self.span[-1].text != "."

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
    def is_past(self) -> bool:
        """A report of what happened, not a proposal now."""
        if self.has("past"):
            return True
        root = self.span.root
        if root.tag_ in ("VBD", "VBN"):
            modal = any(c.lower_ in FUTURE_OR_MODAL or c.tag_ == "MD" for c in root.children)
            return not modal
        return False


def sentence_views(doc: Doc, cues: list[Span], terms: list[TermSpan]) -> list[SentenceView]:
    """Group cues and terms by sentence."""
    views = []
    for sent in doc.sents:
        view = SentenceView(sent)
        for cue in cues:
            if sent.start <= cue.start < sent.end:
                view.cues.setdefault(cue.label_, []).append(cue)
        view.terms = [t for t in terms if sent.start <= t.start < sent.end]
        views.append(view)
    return views


REASON_MARKERS = {"because", "since", "cause", "otherwise", "so"}
CONDITION_MARKERS = {"if", "provided", "providing", "unless", "assuming", "once", "as"}


def _in_condition(token) -> bool:
    """Whether a token sits in an "if …" clause (the other side's part of a trade)."""
    for ancestor in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in ancestor.children):
            return True
        if ancestor.dep_ == "advcl":
            return any(c.lower_ in CONDITION_MARKERS for c in ancestor.children)
    return False


def _only_leading_no(view: SentenceView) -> bool:
    """Whether the sentence's only refusal is a "no," at its start."""
    start = view.span.start
    return all(
        cue.start - start <= 1 and cue[0].lower_ in ("no", "nope", "nah")
        for cue in view.cues.get("reject", [])
    )


def main_term(view: SentenceView) -> TermSpan | None:
    """The term a sentence proposes: the first one outside any "if …" clause."""
    if not view.terms:
        return None
    doc = view.span.doc
    outside = [t for t in view.terms if not _in_condition(doc[t.start])]
    return (outside or view.terms)[0]


@dataclass
class FoundMove:
    """A move with the token span that carries it."""

    kind: str
    start: int
    end: int
    conditional: bool = False
    term: TermSpan | None = None
    firm: bool = False  # the rules are sure enough that a trained model may not drop it


def decide_moves(views: list[SentenceView]) -> list[FoundMove]:
    """The moves of an utterance from its sentences, in order, one of each kind at most."""
    found: dict[str, FoundMove] = {}
    conditional_trade = False
    package: dict[str, SentenceView] = {}  # a trade's give side and take side, where said

    def add(kind: str, view: SentenceView, term: TermSpan | None = None) -> None:
        if kind not in found:
            found[kind] = FoundMove(kind, view.span.start, view.span.end, term=term)

    for view in views:
        framed = view.has("report", "hypothetical")
        past = view.is_past
        # "…how about you" asks even without a question mark.
        # "How about you?" only at the end: "how about you take the van" proposes.
        tag_question = any(c.end >= view.span.end - 1 for c in view.cues.get("tagq", []))
        question = view.is_question or tag_question
        clarify = view.has("clarify")
        rejecting = view.has("reject") and not framed
        # "No, I can give you two if you give me the firewood": a refusal that opens a
        # counter-proposal still lets the proposal count.
        counters = rejecting and _only_leading_no(view)
        term = main_term(view)

        if view.has("pressure") and not framed and not past:
            add("pressure", view)
        if rejecting and not (question and clarify):
            add("reject", view)
        if view.has("accept") and not question and not framed and not rejecting:
            add("accept", view)
        if framed or past or view.has("smalltalk"):
            continue
        for side in ("trade_give", "trade_get"):
            if view.has(side) and not clarify:
                package.setdefault(side, view)

        conditional = view.has("conditional", "trade_offer")
        proposing = view.has("proposal") and (counters or not rejecting)
        if question:
            # "If I take two waters, will you accept two firewood?" proposes a trade.
            offer = (proposing or view.has("trade_offer")) and term is not None and not clarify
        else:
            states_terms = term is not None and not rejecting and not view.has("ask", "interest")
            offer = (proposing and (term is not None or conditional)) or states_terms
        if offer:
            add("offer", view, term)
            conditional_trade |= conditional
        if view.has("concession") and (counters or not rejecting) and not question:
            add("concession", view, term)
            conditional_trade |= conditional

        if question:
            if (view.has("probe") or tag_question) and not clarify:
                add("question", view)
                # "Food matters most to me. What about you?": asking back is a probe
                # whatever else the utterance does (9 of the 10 in the training data).
                found["question"].firm |= tag_question
            elif view.has("ask") and not clarify and not offer:
                add("ask", view, term)
            continue
        if view.has("ask") and not offer and not view.has("concession"):
            add("ask", view, term)
        if view.has("interest") or (view.has("ask") and view.gives_reason):
            add("interest", view)

    if len(package) == 2 and "reject" not in found:
        # "You take the water, I'll take the firewood": one proposal that gives and takes.
        add("offer", package["trade_give"], main_term(package["trade_give"]))
        conditional_trade = True
    moves = list(found.values())
    for move in moves:
        if move.kind in ("offer", "concession"):
            move.conditional = conditional_trade
    return moves
