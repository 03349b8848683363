"""Plain dataclasses passed between the engine's layers.

Nothing here knows about Qt, SQLite or spaCy: capture, transcription, understanding,
coaching, storage and the panel all speak in these types.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class _Named(str, Enum):
    """An enum equal to its plain string, so JSON, SQLite and the panel see "you",
    "offer", "warn" (``str(Party.YOU) == "you"``)."""

    def __str__(self) -> str:
        return str(self.value)


class EngineState(_Named):
    """What a live engine is doing, as its ``status`` events say."""

    LOADING = "loading"  # the models are loading
    LOADED = "loaded"  # models ready, the session row exists
    LISTENING = "listening"  # capturing (also: a device restored, old audio skipped)
    PAUSED = "paused"  # audio is dropped until resumed
    FALLING_BEHIND = "falling_behind"  # finals wait longer than ``falling_behind_s``
    CAPTURE_LAG = "capture_lag"  # a device handed over old audio: it is skipped
    DEVICE_LOST = "device_lost"  # a device stopped; it is being reopened
    OVERFLOW = "overflow"  # the device dropped input
    ERROR = "error"  # with a message; "done" follows when the session cannot go on
    DONE = "done"  # the session is closed


class Party(_Named):
    """Which side of the call said something: the user, the other side, or not known
    (a transcript whose speakers are not matched to the user)."""

    YOU = "you"
    THEM = "them"
    UNKNOWN = "unknown"


class MoveKind(_Named):
    """A negotiation move; the order is the move model's output order."""

    OFFER = "offer"
    CONCESSION = "concession"
    INTEREST = "interest"
    QUESTION = "question"
    ASK = "ask"
    PRESSURE = "pressure"
    ACCEPT = "accept"
    REJECT = "reject"
    COMMITMENT = "commitment"


MOVE_KINDS: tuple[str, ...] = tuple(kind.value for kind in MoveKind)
# What is labelled and scored per utterance: the move kinds, and whether it trades.
MOVE_LABELS: tuple[str, ...] = (*MOVE_KINDS, "conditional")


class Severity(_Named):
    """How loudly a coaching flag speaks: a note, a warning, or an alert to act on."""

    INFO = "info"
    WARN = "warn"
    ALERT = "alert"


@dataclass
class Term:
    """One negotiated term named in an utterance.

    Attributes:
        issue: price, term, volume, delivery, scope, payment, support, salary or other
            (or an issue name from the prep sheet).
        value: the number, normalised ("forty two" -> 42.0), or None when the term
            is not numeric ("waive the setup fee").
        unit: USD, EUR, GBP, percent, year, month, week, day, hour, count, or None.
    """

    issue: str
    value: float | None = None
    unit: str | None = None


@dataclass
class Move:
    """A negotiation move recognised in one utterance.

    Attributes:
        kind: a ``MoveKind`` (or its string).
        text: the span of the utterance that carries the move.
        conditional: for offers and concessions, whether it is a trade ("if you…, we…").
        issue, value, unit: the main term of the move, when it has one.
        start_char, end_char: where ``text`` sits in the utterance.
        size: for numeric concessions, the absolute move toward the other side.
        size_pct: the same as a percentage of the previous position.
        other_terms: for offers, concessions and accepts, the other terms put forward in
            the same sentence, one per issue ("fifty dollars per seat, two hundred seats":
            the seats), so that taking up a package agrees all of it.
    """

    kind: str
    text: str
    conditional: bool = False
    issue: str | None = None
    value: float | None = None
    unit: str | None = None
    start_char: int = 0
    end_char: int = 0
    size: float | None = None
    size_pct: float | None = None
    other_terms: list[Term] = field(default_factory=list)

    @classmethod
    def from_public(cls, data: Mapping[str, Any]) -> Move:
        """The move again from its JSON form, or from its stored row (which adds ids, keeps
        ``conditional`` as 0/1 and ``other_terms`` as JSON text)."""
        others = data.get("other_terms") or []
        if isinstance(others, str):
            others = json.loads(others)
        return cls(
            kind=data["kind"],
            text=data["text"],
            conditional=bool(data["conditional"]),
            issue=data["issue"],
            value=data["value"],
            unit=data["unit"],
            size=data.get("size"),
            size_pct=data.get("size_pct"),
            other_terms=[Term(**term) for term in others],
        )

    def public(self) -> dict[str, Any]:
        """The move as documented in the JSON output."""
        data = {
            "kind": self.kind,
            "text": self.text,
            "conditional": self.conditional,
            "issue": self.issue,
            "value": self.value,
            "unit": self.unit,
        }
        if self.size is not None:
            data["size"] = self.size
            data["size_pct"] = self.size_pct
        if self.other_terms:
            data["other_terms"] = [asdict(term) for term in self.other_terms]
        return data


@dataclass
class CommitmentDraft:
    """A commitment as the understanding layer sees it, before it is stored.

    Attributes:
        owner: "you", "them" or None when nobody was named.
        action: what was promised, as said.
        due_text: the due date as said ("by Friday"), or None.
        due: the due date normalised against the session date (ISO), or None.
    """

    owner: str | None
    action: str
    due_text: str | None = None
    due: str | None = None

    @property
    def vague(self) -> bool:
        """A commitment is vague when it misses an owner or a due date."""
        return self.owner is None or self.due is None


def move_tag(move: Mapping[str, Any]) -> str:
    """A move's short name as the panel, ``listen`` and ``analyze`` show it (``Move.public``
    form): its kind, marked "(if…)" when it is a trade, so that "if you sign for three years,
    forty two" does not read as a gift beside a flag that says what was given."""
    return f"{move['kind']} (if…)" if move.get("conditional") else str(move["kind"])


def move_labels(moves: list[Move]) -> set[str]:
    """The kinds of ``moves``, plus "conditional" when one of them is a trade: the labels
    an utterance is scored and trained on (``MOVE_LABELS``)."""
    labels = {str(move.kind) for move in moves}
    if any(move.conditional for move in moves):
        labels.add("conditional")
    return labels


@dataclass
class Understanding:
    """What the understanding layer found in one utterance."""

    moves: list[Move] = field(default_factory=list)
    commitments: list[CommitmentDraft] = field(default_factory=list)

    @property
    def labels(self) -> set[str]:
        """The utterance's move labels (see ``move_labels``)."""
        return move_labels(self.moves)


@dataclass
class Utterance:
    """One finished utterance: read from a transcript, recognised from audio, understood,
    stored and shown. Every layer passes this one type.

    Attributes:
        party: you, them or unknown (a ``Party``).
        text: what was said.
        speaker: the speaker's name when known.
        start, end: seconds from the start of the session or recording.
        avg_logprob: the recogniser's confidence (None for transcripts).
        moves: the moves recognised in it (empty before it is understood).
        id: the row id in the store (0 before it is stored).
    """

    party: str
    text: str
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    avg_logprob: float | None = None
    moves: list[Move] = field(default_factory=list)
    id: int = 0

    def public(self) -> dict[str, Any]:
        """The utterance as documented in the JSON output."""
        return {
            "id": self.id,
            "party": self.party,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "moves": [m.public() for m in self.moves],
        }


@dataclass
class Flag:
    """A coaching flag raised (or resolved) by the flag engine; ``severity`` is a
    ``Severity`` (or its string, as read back from the store)."""

    kind: str
    severity: str
    party: str | None
    utterance_id: int | None
    message: str
    tip: str
    resolved: bool = False
    id: int = 0
    key: str = ""

    def public(self) -> dict[str, Any]:
        """The flag as documented in the JSON output."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "party": self.party,
            "utterance_id": self.utterance_id,
            "message": self.message,
            "tip": self.tip,
            "resolved": self.resolved,
        }


@dataclass
class Commitment:
    """A stored commitment."""

    id: int
    utterance_id: int | None
    owner: str | None
    action: str
    due_text: str | None
    due: str | None
    status: str = "unlogged"

    @property
    def vague(self) -> bool:
        """Missing an owner or a due date."""
        return self.owner is None or self.due is None

    def public(self) -> dict[str, Any]:
        """The commitment as documented in the JSON output."""
        data = asdict(self)
        data["vague"] = self.vague
        return data


@dataclass(frozen=True)
class UtteranceAdded:
    """A session stored an utterance.

    Attributes:
        utterance: the utterance as stored (id and moves set).
        source: whatever the caller passed with it to ``Session.add_utterance`` (the live
            engine passes the speech chunk it came from, for the latency fields).
    """

    utterance: Utterance
    source: Any = None


@dataclass(frozen=True)
class CommitmentFound:
    """A session stored a commitment found in an utterance."""

    commitment: Commitment


@dataclass(frozen=True)
class FlagChanged:
    """A coaching flag was raised, or its state changed (resolved, dismissed)."""

    flag: Flag


SessionEvent = UtteranceAdded | CommitmentFound | FlagChanged
