"""The flag engine: coaching in the spirit of win-win negotiation.

Trade concessions for value ("if you…, then we…"), uncover interests behind positions,
and leave with firm commitments (who does what by when). Each utterance updates the state
in constant time and yields new or resolved flags; the same utterances always give the
same flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copilot.coach.ledger import ConcessionLedger, PartyLedger
from copilot.coach.offers import LastOffers
from copilot.coach.prep import PrepSheet, show_number
from copilot.events import Commitment, Flag, Move, Party, Severity, Utterance

OTHER = {"you": "them", "them": "you"}
# Words that say nothing of what is given: "okay, we'll run the two workshops" gives
# "run", "two", "workshops".
FUNCTION_WORDS = {"okay", "ok", "we'll", "i'll", "the", "a", "an", "and", "we", "i", "will"}
FUNCTION_WORDS |= {"can", "sure", "fine", "yes", "yeah", "then", "so", "that", "it", "to"}
# Words that name nothing given: of saying it is free or extra ("at no extra charge", "also",
# "in addition") and of giving it.
ON_TOP_WORDS = {"also", "well", "top", "addition", "in", "free", "no", "charge", "cost"}
ON_TOP_WORDS |= {"at", "of", "for", "on", "you", "give", "we", "us", "our", "your", "extra"}
COUNT_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
COUNT_WORDS |= {"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred"}


# A question that only checks the concession just made ("does that work?", "sound good?",
# "what else do you need?") asks nothing in return.
CHECKS_THE_OFFER = re.compile(
    r"\b(?:work|works|ok|okay|good|fine|suit|suits|alright|deal)\W*$|\bwhat else\b|\bhappy with\b"
)


def _words(text: str) -> list[str]:
    words = (w.strip(".,!?;:'\"").lower() for w in text.replace("\u2019", "'").split())
    return [w for w in words if any(c.isalnum() for c in w)]


def _content_words(text: str) -> set[str]:
    return {w for w in _words(text) if w not in FUNCTION_WORDS}


# Given for nothing on top of a deal just taken: "Agreed. We'll also give you a case study at
# no charge." (Not "also" alone, nor "throw in": "if you prepay" / "ok, we'll also prepay
# the whole year" gives what their condition asked.)
ON_TOP = re.compile(
    r"\b(?:free of charge|for free|at no (?:extra )?(?:charge|cost)|on the house)\b"
)
# Their condition asking for something free ("900 if delivery is free").
FREE = re.compile(r"\b(?:free|no (?:extra )?(?:charge|cost)|on the house|waive)")


def _stem(word: str) -> str:
    """A word's first four letters: "deliver" and "delivery", "install" and "installation",
    "train" and "training" are the same thing given."""
    return word[:4]


def _counted(text: str) -> set[tuple[str, str]]:
    """Each count and the word it counts: "run the two workshops" -> ("two", "workshops")."""
    words = _words(text)
    return {
        (word, following)
        for word, following in zip(words, words[1:], strict=False)
        if (word.isdigit() or word in COUNT_WORDS) and following not in COUNT_WORDS
    }


@dataclass
class CoachOptions:
    """Thresholds and delays of the flag engine.

    Attributes:
        imbalance_count: alert when one side has conceded this many more times.
        imbalance_size_ratio: …or conceded this many times more in size (percent)…
        imbalance_min_size_pct: …once its total size is at least this many percent.
        unexplored_turns: utterances to wait for an interest or a question after their ask.
        unlogged_delay_s: live sessions flag a commitment still unlogged after this long
            (session time).
    """

    imbalance_count: int = 2
    imbalance_size_ratio: float = 2.0
    imbalance_min_size_pct: float = 10.0
    unexplored_turns: int = 3
    unlogged_delay_s: float = 60.0


@dataclass
class _PendingAsk:
    utterance_id: int
    text: str
    waited: int = 0
    who: str = "They"


@dataclass
class _Metrics:
    words: dict[str, int] = field(default_factory=lambda: {"you": 0, "them": 0})
    seconds: dict[str, float] = field(default_factory=lambda: {"you": 0.0, "them": 0.0})
    questions: dict[str, int] = field(default_factory=lambda: {"you": 0, "them": 0})


def _quote(move: Move, limit: int = 60) -> str:
    text = " ".join(move.text.split())
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"


def _who(utterance: Utterance) -> str:
    """How a flag names the other side's speaker: "They", or the name of a speaker not
    matched to a side ("Speaker 2", "Dana"), who may be you."""
    if utterance.party in OTHER:
        return "They"
    return utterance.speaker or "A speaker"


# Pressure that sets a time ("the offer expires Friday", "sign by March 15 or the price goes
# up"), not a limit ("Net 45 is the most I can do") or a rival ("we have other buyers"):
# only then does the question back ask about the deadline.
DEADLINE_DAYS = (
    r"(?:today|tonight|tomorrow|noon|midday|eod|cob|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|weds)"
)
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
DEADLINE = re.compile(
    r"\b(?:deadline|expir\w*|until|till|goes up|ticking|clock|"
    + DEADLINE_DAYS
    + r"\b|(?:by|before) (?:the )?(?:end|close|start)\b|(?:this|next) (?:week|month|quarter)"
    + r"|end of (?:the )?(?:week|month|quarter|year)|(?:month|quarter|year)[- ]end"
    + r"|within (?:a|an|one|two|three|a few|\d+) (?:hours?|days?|weeks?|months?)"
    + r"|by "
    + MONTHS
    + r"|by \d{1,2}(?::\d\d)?\s*(?:am|pm)?\b(?!\s*(?:percent|%|dollars?)))",
    re.IGNORECASE,
)


def commitment_problems(commitment: Commitment) -> list[str]:
    """What a commitment lacks: "owner", "due date" (nothing when it is firm)."""
    missing = []
    if commitment.owner is None:
        missing.append("owner")
    if commitment.due is None:
        missing.append("due date")
    return missing


def vague_flag(commitment: Commitment) -> Flag:
    """The vague-commitment flag of a commitment (resolved when it is firm)."""
    missing = commitment_problems(commitment)
    return Flag(
        kind="vague_commitment",
        severity=Severity.WARN,
        party=commitment.owner,
        utterance_id=commitment.utterance_id,
        message=(
            f"Vague commitment (no {' or '.join(missing)}): “{commitment.action}”"
            if missing
            else f"Vague commitment, now with an owner and a due date: “{commitment.action}”"
        ),
        tip="Pin it down: who does what by when? “So you'll send it by Thursday?”",
        resolved=not missing or commitment.status in ("dismissed", "done"),
        key=f"vague_commitment:{commitment.id}",
    )


def unlogged_flag(commitment: Commitment) -> Flag:
    """The unlogged-commitment flag of a commitment (resolved once logged or dismissed)."""
    return Flag(
        kind="unlogged_commitment",
        severity=Severity.INFO,
        party=commitment.owner,
        utterance_id=commitment.utterance_id,
        message=f"Commitment not logged yet: “{commitment.action}”",
        tip="Log it (Ctrl+L in the panel) so it is followed up after the call.",
        resolved=commitment.status != "unlogged",
        key=f"unlogged_commitment:{commitment.id}",
    )


def _imbalance_message(party: str, mine: PartyLedger, theirs: PartyLedger) -> str:
    """ "You have conceded 3 times, they once (your moves add up to 16% of your own
    numbers, theirs to 7%)": both sides' counts and sizes (each move's size is per cent of
    the number it left), said so that each is plain."""

    def times(count: int) -> str:
        return {0: "not at all", 1: "once", 2: "twice"}.get(count, f"{count} times")

    you, they = ("You have", "they") if party == "you" else ("They have", "you")
    message = f"{you} conceded {times(mine.count)}, {they} {times(theirs.count)}"
    if mine.size_pct:
        own, other = ("your", "theirs") if party == "you" else ("their", "yours")
        message += (
            f" ({own} moves add up to {mine.size_pct:.0f}% of {own} own numbers,"
            f" {other} to {theirs.size_pct:.0f}%)"
        )
    return message


def _imbalance_tip(party: str, mine: PartyLedger) -> str:
    """What to do when ``party`` has moved more. Your moves all made as trades ("if you
    sign for three years…") asked for something already: the advice is then to let the
    other side move, not to stop giving."""
    if party != "you":
        return "They are moving more; keep trading, don't close the gap for them."
    if mine.one_sided == 0:
        return "You traded, but they have moved less: ask what they can do before moving again."
    return "Stop giving; ask for a concession in return before moving again."


def talk_share(words: dict[str, int], seconds: dict[str, float]) -> dict[str, float]:
    """Each party's share of the talking: by speaking time when the utterances are timed,
    else by words (a transcript without times)."""
    basis: dict[str, float] = seconds if sum(seconds.values()) else dict(words)
    total = sum(basis.get(party, 0) for party in ("you", "them")) or 1
    return {party: round(basis.get(party, 0) / total, 3) for party in ("you", "them")}


class FlagEngine:
    """Incremental coaching over one session.

    Args:
        options: thresholds and delays.
        prep: the prep sheet, for walk-away and target checks.
        live: live sessions flag unlogged commitments after a delay; offline ones at the end.
    """

    def __init__(
        self, options: CoachOptions | None = None, prep: PrepSheet | None = None, live: bool = False
    ):
        self.options = options or CoachOptions()
        self.prep = prep
        self.live = live
        self.ledger = ConcessionLedger()
        self.metrics = _Metrics()
        self._flags: dict[str, Flag] = {}
        self._last_party: str | None = None
        # The speaker of the last utterance when it proposed a trade: in a meeting one side
        # has several speakers, and a colleague can take up a teammate's trade.
        self._last_trader: str | None = None
        self._turn_concessions: list[Flag] = []
        self._pending_asks: list[_PendingAsk] = []
        self._commitments: dict[int, tuple[Commitment, float]] = {}
        self._first_offer_seen: set[str] = set()
        self._offers: LastOffers[Move] = LastOffers()
        # Per party, in its current turn: the values of the trade it proposed (None for a
        # trade without a number), or no entry when it proposed none.
        self._proposed_trade: dict[str, set[float | None]] = {}
        # What each side's trade proposals in its current turn said: "okay, we'll run the
        # two workshops" gives what "two twenty works if you run two workshops" asked for.
        self._trade_texts: dict[str, list[str]] = {}
        # The sides whose trade the other side has already taken up in this turn: what it
        # adds after that ("and we'll cover your travel too") must be what was asked.
        self._trade_taken: set[str] = set()
        self._clock = 0.0
        # Flags the user dismissed, by key, with the message they saw: a standing flag
        # (the give/get imbalance) comes back only when what it says has changed.
        self._dismissed: dict[str, str] = {}
        self._sides_unknown = False

    # ------------------------------------------------------------------ the session's flow

    def observe(self, utterance: Utterance, commitments: list[Commitment]) -> list[Flag]:
        """New or resolved flags after this utterance."""
        party = utterance.party if utterance.party in OTHER else "them"
        # A speaker not matched to a side is coached as the other side, but never called
        # "they": it may be you. The give/get balance means nothing until sides are known.
        self._sides_unknown |= utterance.party not in OTHER
        moves = utterance.moves
        out: list[Flag] = []
        if party != self._last_party and not self._restates_trade(party, moves):
            self._proposed_trade.pop(party, None)
            self._trade_texts.pop(party, None)
            self._trade_taken.discard(party)
        if party != self._last_party:
            self._turn_concessions = []
        same_side = party == self._last_party
        self._last_party = party
        if utterance.end is not None:
            self._clock = max(self._clock, utterance.end)
        self._count(utterance, party)

        trade_terms = {
            m.value for m in moves if m.kind in ("offer", "concession") and m.conditional
        }
        # Asking something back (a request, or a question: the brief's "no question asking
        # something in return", but not "does that work?", which only checks the gift),
        # proposing a trade, or giving what the other side's last turn made the condition
        # of theirs ("forty works if you add onboarding" -> "okay, we'll add onboarding")
        # is trading, not giving.
        completes = self._completes_trade(OTHER[party], moves)
        # "Fine, I'll take the reviews this week." after a colleague's "I can do Wednesday
        # if Beth takes over the code reviews": settled inside one side, nothing given away.
        teammate_trade = (
            same_side
            and utterance.speaker is not None
            and self._last_trader not in (None, utterance.speaker)
        )
        if completes and any(m.kind in ("accept", "concession") for m in moves):
            self._trade_taken.add(OTHER[party])  # not "hmm, let me think", which gives nothing
        asks_back = any(
            m.kind == "ask"
            or (m.kind == "question" and not CHECKS_THE_OFFER.search(m.text.lower()))
            for m in moves
        )
        trades = bool(trade_terms) or asks_back or completes or teammate_trade
        # Taking up their trade covers what it asked for, not a gift put on top of it.
        on_top = {
            id(m)
            for m in moves
            if completes and m.kind == "concession" and self._beyond_the_trade(OTHER[party], m)
        }
        if trade_terms:
            self._proposed_trade.setdefault(party, set()).update(trade_terms)
            self._trade_texts.setdefault(party, []).append(utterance.text)
        self._last_trader = utterance.speaker if trade_terms else None
        if trades:
            for flag in self._turn_concessions:
                out.append(self._resolve(flag))
            self._turn_concessions = []
        for move in moves:
            if move.kind == "concession":
                self.ledger.record(party, move)
                gives = not trades or (id(move) in on_top and not (trade_terms or asks_back))
                if not move.conditional and gives:
                    flag = self._one_sided(party, utterance, move)
                    self._turn_concessions.append(flag)
                    out.append(flag)
        out += self._imbalance()
        out += self._pressure(party, utterance, moves)
        out += self._unexplored(party, utterance, moves)
        out += self._prep_checks(party, utterance, moves)
        for commitment in commitments:
            self._commitments[commitment.id] = (commitment, self._clock)
            if commitment_problems(commitment):
                out.append(self._raise(vague_flag(commitment)))
        out += self.tick(self._clock)
        return out

    def _restates_trade(self, party: str, moves: list[Move]) -> bool:
        """ "185 is my final" after their "185 if u come today": the same figure said again,
        with nothing new, leaves their trade standing."""
        terms = self._proposed_trade.get(party)
        said = {m.value for m in moves if m.kind in ("offer", "concession") and m.value is not None}
        kinds = {m.kind for m in moves}
        return bool(terms and said and said <= terms) and "concession" not in kinds

    def _beyond_the_trade(self, proposer: str, move: Move) -> bool:
        """A concession said to cost nothing ("at no charge", "for free") that names nothing
        the trade ``proposer`` offered asked for."""
        if not ON_TOP.search(move.text.lower()):
            return False
        texts = self._trade_texts.get(proposer, [])
        if any(FREE.search(text.lower()) for text in texts):
            return False  # "900 if delivery is free": the free thing was their condition
        asked = {_stem(w) for w in set().union(*map(_content_words, texts)) - ON_TOP_WORDS}
        given = {_stem(w) for w in _content_words(move.text) - ON_TOP_WORDS}
        return not given & asked

    def _completes_trade(self, proposer: str, moves: list[Move]) -> bool:
        """Whether these moves take up the trade ``proposer``'s last turn offered: accepting
        it, or giving without naming a number of one's own. A counter with a new number
        ("seventeen ninety, final" to "if you hold at eighteen forty, we move volume")
        leaves the trade on the table: it gives, and trades nothing. Once taken up, only
        giving what it asked for, or saying its own figures again ("ok deal, 5.15 on
        thursday"), completes it again."""
        terms = self._proposed_trade.get(proposer)
        if terms is None:
            return False
        own = {m.value for m in moves if m.kind in ("offer", "concession") and m.value is not None}
        if proposer not in self._trade_taken:
            if any(m.kind == "accept" for m in moves) or not own or own & terms:
                return True
        elif own and own <= terms:
            return True
        # A number that only counts what their condition asked for ("we'll run the two
        # workshops") gives it; a price of one's own counters, and so does another count
        # ("we'll run twenty workshops" to "two twenty works if you run two workshops").
        asked = self._trade_texts.get(proposer, [])
        given = [m.text for m in moves if m.kind == "concession"]
        words = set().union(*map(_content_words, given))
        return (
            bool(words)
            and words <= set().union(*map(_content_words, asked))
            and set().union(*map(_counted, given)) <= set().union(*map(_counted, asked))
        )

    def tick(self, now: float) -> list[Flag]:
        """Live only: flag commitments still unlogged ``unlogged_delay_s`` after they were made."""
        if not self.live:
            return []
        out = []
        for commitment, made in self._commitments.values():
            key = f"unlogged_commitment:{commitment.id}"
            due = now - made >= self.options.unlogged_delay_s
            if due and commitment.status == "unlogged" and key not in self._flags:
                out.append(self._raise(unlogged_flag(commitment)))
        return out

    def finish(self) -> list[Flag]:
        """At the end: unexplored asks and every commitment still unlogged."""
        out = []
        for pending in self._pending_asks:
            out.append(self._unexplored_flag(pending))
        self._pending_asks = []
        for commitment, _made in self._commitments.values():
            key = f"unlogged_commitment:{commitment.id}"
            if commitment.status == "unlogged" and key not in self._flags:
                out.append(self._raise(unlogged_flag(commitment)))
        return out

    def commitment_changed(self, commitment: Commitment) -> list[Flag]:
        """Re-check a commitment's flags after it was logged, edited, dismissed or done."""
        if commitment.id in self._commitments:
            self._commitments[commitment.id] = (commitment, self._commitments[commitment.id][1])
        out = []
        for flag in (vague_flag(commitment), unlogged_flag(commitment)):
            existing = self._flags.get(flag.key)
            if existing is None:
                if not flag.resolved and flag.kind == "vague_commitment":
                    out.append(self._raise(flag))
                continue
            if existing.resolved != flag.resolved or existing.message != flag.message:
                existing.resolved, existing.message, existing.party = (
                    flag.resolved,
                    flag.message,
                    flag.party,
                )
                out.append(existing)
        return out

    def dismiss(self, flag: Flag) -> Flag:
        """The user dismissed ``flag``: resolve it, and do not raise it again unchanged."""
        self._dismissed[flag.key] = flag.message
        return self._resolve(flag)

    def restore(self, flag: Flag) -> Flag:
        """The user took a dismissal back: the flag is open again and may be raised anew."""
        self._dismissed.pop(flag.key, None)
        flag.resolved = False
        return flag

    @property
    def flags(self) -> list[Flag]:
        """Every flag raised so far, with its latest state."""
        return list(self._flags.values())

    def report(self) -> dict[str, object]:
        """Metrics for the report: talk share, questions per party and the ledger."""
        return {
            "talk_share": talk_share(self.metrics.words, self.metrics.seconds),
            "questions": dict(self.metrics.questions),
            "concessions": self.ledger.as_dict(),
            "balance": round(self.ledger.balance(), 3),
        }

    # ------------------------------------------------------------------ the rules

    def _count(self, utterance: Utterance, party: str) -> None:
        self.metrics.words[party] += len(utterance.text.split())
        if utterance.start is not None and utterance.end is not None:
            self.metrics.seconds[party] += max(0.0, utterance.end - utterance.start)
        if any(m.kind == "question" for m in utterance.moves):
            self.metrics.questions[party] += 1

    def _one_sided(self, party: str, utterance: Utterance, move: Move) -> Flag:
        if party == "you":
            flag = Flag(
                "one_sided_concession",
                Severity.WARN,
                party,
                utterance.id,
                f"You conceded without asking for anything back: {_quote(move)}",
                "Trade, don't give: “If you can …, then we can do that.”",
            )
        else:
            flag = Flag(
                "one_sided_concession",
                Severity.INFO,
                party,
                utterance.id,
                f"{_who(utterance)} conceded: {_quote(move)}",
                "Acknowledge it and bank it; don't give something back unasked.",
            )
        flag.key = f"one_sided_concession:{utterance.id}"
        return self._raise(flag)

    def _imbalance(self) -> list[Flag]:
        out: list[Flag] = []
        if self._sides_unknown:
            return out
        options = self.options
        for party, other in OTHER.items():
            mine, theirs = self.ledger.parties[party], self.ledger.parties[other]
            by_count = mine.count - theirs.count >= options.imbalance_count
            # Moved more in size, but not while conceding fewer times: with 6 small moves
            # against 3 large ones, each side would be told it gives more. Nor when some
            # of the other side's concessions have no size ("I can lower the minimum to one
            # hundred", from a number said in other words): theirs would read as 0%.
            by_size = (
                mine.count >= theirs.count
                and theirs.unsized == 0
                and mine.size_pct >= options.imbalance_min_size_pct
                and mine.size_pct >= options.imbalance_size_ratio * max(theirs.size_pct, 1e-9)
            )
            active = by_count or by_size
            key = f"concession_imbalance:{party}"
            existing = self._flags.get(key)
            if active:
                flag = Flag(
                    "concession_imbalance",
                    Severity.ALERT if party == Party.YOU else Severity.INFO,
                    party,
                    None,
                    _imbalance_message(party, mine, theirs),
                    _imbalance_tip(party, mine),
                    key=key,
                )
                if existing is not None:
                    flag.id = existing.id
                    if not existing.resolved and (existing.message, existing.tip) == (
                        flag.message,
                        flag.tip,
                    ):
                        continue  # standing, and nothing new to say
                if self._dismissed.get(key) == flag.message:
                    continue  # dismissed, and nothing new to say
                out.append(self._raise(flag))
            elif not active and existing is not None and not existing.resolved:
                out.append(self._resolve(existing))
        return out

    def _pressure(self, party: str, utterance: Utterance, moves: list[Move]) -> list[Flag]:
        pressure = next((m for m in moves if m.kind == "pressure"), None)
        if pressure is None or any(
            m.kind in ("offer", "concession") and m.conditional for m in moves
        ):
            return []
        if party == "you":
            message = f"You used pressure with no trade on the table: {_quote(pressure)}"
            tip = "Ultimatums harden positions. Offer a trade instead: “If you …, we can …”."
        else:
            message = f"Pressure tactic: {_quote(pressure)}"
            reason = "the deadline" if DEADLINE.search(pressure.text) else "that"
            tip = f"Name it calmly and return to interests: “What's driving {reason}?”"
        return [
            self._raise(
                Flag(
                    "pressure_without_trade",
                    Severity.WARN,
                    party,
                    utterance.id,
                    message,
                    tip,
                    key=f"pressure_without_trade:{utterance.id}",
                )
            )
        ]

    def _unexplored(self, party: str, utterance: Utterance, moves: list[Move]) -> list[Flag]:
        kinds = {m.kind for m in moves}
        out = []
        if party == "you" and "question" in kinds or party == "them" and "interest" in kinds:
            self._pending_asks = []
        else:
            for pending in self._pending_asks:
                pending.waited += 1
            due = [p for p in self._pending_asks if p.waited >= self.options.unexplored_turns]
            self._pending_asks = [p for p in self._pending_asks if p not in due]
            out = [self._unexplored_flag(p) for p in due]
        if party == "them" and "ask" in kinds and "interest" not in kinds:
            ask = next(m for m in moves if m.kind == "ask")
            self._pending_asks.append(_PendingAsk(utterance.id, ask.text, who=_who(utterance)))
        return out

    def _unexplored_flag(self, pending: _PendingAsk) -> Flag:
        text = " ".join(pending.text.split())
        return self._raise(
            Flag(
                "unexplored_position",
                Severity.INFO,
                "them",
                pending.utterance_id,
                f"{pending.who} asked for something without saying why: “{text[:60]}”",
                "Ask why: “What's behind that for you?” Interests open more options.",
                key=f"unexplored_position:{pending.utterance_id}",
            )
        )

    def _prep_checks(self, party: str, utterance: Utterance, moves: list[Move]) -> list[Flag]:
        self._offers.observe(party, [(move.kind, move.value, move) for move in moves])
        if self.prep is None or party != "you":
            return []
        out = []
        breached: set[str] = set()  # issues this utterance went past
        for move in moves:
            if move.kind not in ("offer", "concession", "accept"):
                continue
            # Accepting "that works" accepts the other side's last figure; an offer or a
            # concession without a figure ("we'll waive the fee") names none to check.
            candidate = (
                self._offers.accepted(party, move.value, move) if move.kind == "accept" else move
            )
            if candidate is None:
                continue
            issue = self.prep.issue_of(candidate.issue, candidate.value, candidate.unit)
            if issue is None or candidate.value is None:
                continue
            if issue.name in breached:
                continue  # "OK, 1.5k works": its accept and its concession are one breach
            value = candidate.value
            first_offer = move.kind == "offer" and issue.name not in self._first_offer_seen
            if move.kind == "offer":
                self._first_offer_seen.add(issue.name)
            if issue.beyond_walkaway(value) and issue.walkaway is not None:
                verb = "accepted" if move.kind == "accept" else "offered"
                said, limit = show_number(value), show_number(issue.walkaway)
                message = f"You {verb} {said} on {issue.name}, past your walk-away ({limit})"
                tip = "Pause before you agree: this is beyond the line you set."
                key = f"walkaway_breach:{utterance.id}:{issue.name}"
                breached.add(issue.name)
                out.append(
                    self._raise(
                        Flag(
                            "walkaway_breach",
                            Severity.ALERT,
                            Party.YOU,
                            utterance.id,
                            message,
                            tip,
                            key=key,
                        )
                    )
                )
            elif first_offer and issue.weaker_than_target(value) and issue.target is not None:
                said, target = show_number(value), show_number(issue.target)
                message = (
                    f"First offer on {issue.name} ({said}) is weaker than your target ({target})"
                )
                tip = "Open at or beyond your target; from here you can only move one way."
                key = f"below_target:{issue.name}"
                out.append(
                    self._raise(
                        Flag(
                            "below_target",
                            Severity.WARN,
                            Party.YOU,
                            utterance.id,
                            message,
                            tip,
                            key=key,
                        )
                    )
                )
        return out

    # ------------------------------------------------------------------ bookkeeping

    def _raise(self, flag: Flag) -> Flag:
        if not flag.key:
            flag.key = f"{flag.kind}:{flag.utterance_id}"
        existing = self._flags.get(flag.key)
        if existing is not None and flag.id == 0:
            flag.id = existing.id
        self._flags[flag.key] = flag
        return flag

    def _resolve(self, flag: Flag) -> Flag:
        flag.resolved = True
        return flag
