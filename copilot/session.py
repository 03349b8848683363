"""The one place an utterance becomes moves, flags and rows.

Both entry paths, offline analysis and live listening, feed finished utterances into a
``Session``: it runs the understanding pipeline and the flag engine, stores the results
(one commit per utterance) and tells its listeners.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from copilot.events import (
    Commitment,
    CommitmentFound,
    Flag,
    FlagChanged,
    Move,
    SessionEvent,
    Understanding,
    Utterance,
    UtteranceAdded,
)
from copilot.store import Store


class Understander(Protocol):
    """Anything that turns an utterance's text into moves and commitments."""

    def new_context(
        self, meeting_date: str | None = None, issue_words: dict[str, str] | None = None
    ) -> Any:
        """Per-session memory (positions per issue, the meeting date)."""

    def understand(self, text: str, party: str, context: Any = None) -> Understanding:
        """Moves and commitments in ``text`` spoken by ``party``."""


class Coach(Protocol):
    """Anything that turns utterances into coaching flags."""

    def observe(self, utterance: Utterance, commitments: list[Commitment]) -> list[Flag]:
        """New or resolved flags after this utterance."""

    def finish(self) -> list[Flag]:
        """Flags raised when the session ends."""

    def report(self) -> dict[str, Any]:
        """Metrics for the report (talk share, questions, the concession ledger)."""


Listener = Callable[[SessionEvent], None]


class Session:
    """A negotiation being recorded into the store.

    Args:
        store: where rows go.
        session_id: the session row, already created.
        understander: finds moves; None stores bare utterances.
        coach: raises flags; None raises none.
        meeting_date: ISO date that relative due dates count from (today when None).
        prep: the prep sheet, whose issue names guide issue matching.
        history: how many recent utterances to keep in memory (None: all, as ``result()``
            of an analysed file needs); the store keeps every one either way.
    """

    def __init__(
        self,
        store: Store,
        session_id: int,
        understander: Understander | None = None,
        coach: Coach | None = None,
        meeting_date: str | None = None,
        prep: Any = None,
        history: int | None = None,
    ):
        self.store = store
        self.id = session_id
        self.understander = understander
        issue_words = prep.issue_words() if prep is not None else {}
        self.context = understander.new_context(meeting_date, issue_words) if understander else None
        self.coach = coach
        self.utterances: deque[Utterance] = deque(maxlen=history)
        self._flags: dict[str, Flag] = {}
        self.commitments: list[Commitment] = []
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(event)`` for each utterance, flag and commitment stored."""
        self._listeners.append(listener)

    def _emit(self, event: SessionEvent) -> None:
        for listener in self._listeners:
            listener(event)

    def add_utterance(self, heard: Utterance, source: Any = None) -> Utterance:
        """Understand, store and publish one finished utterance; returns it as stored,
        with its id and moves. ``source`` travels with the ``UtteranceAdded`` event."""
        found = (
            self.understander.understand(heard.text, heard.party, self.context)
            if self.understander
            else Understanding()
        )
        stored = self.store.add_utterance(
            self.id,
            heard,
            moves=[_move_row(move) for move in found.moves],
            commitments=found.commitments,
        )
        utterance = replace(heard, id=stored.utterance_id, moves=found.moves)
        self.utterances.append(utterance)
        self._emit(UtteranceAdded(utterance, source))
        self.commitments.extend(stored.commitments)
        for commitment in stored.commitments:
            self._emit(CommitmentFound(commitment))
        if self.coach is not None:
            self.record_flags(self.coach.observe(utterance, stored.commitments))
        return utterance

    @property
    def flags(self) -> list[Flag]:
        """Every flag raised so far, in order, with its latest state."""
        return list(self._flags.values())

    def record_flags(self, flags: list[Flag]) -> None:
        """Store and publish new or changed flags."""
        for flag in flags:
            self.store.save_flag(self.id, flag)
            self._flags[flag.key or str(flag.id)] = flag
            self._emit(FlagChanged(flag))

    def dismiss_flag(self, flag_id: int, dismissed: bool = True) -> Flag | None:
        """The user dismissed a flag (or, ``dismissed`` False, took that back): resolve it
        (or open it again) for the coach, in the store and for listeners; None when this
        session never raised it."""
        flag = next((f for f in self._flags.values() if f.id == flag_id), None)
        if flag is None:
            return None
        if self.coach is not None and hasattr(self.coach, "dismiss"):
            if dismissed:
                self.coach.dismiss(flag)
            else:
                self.coach.restore(flag)
        flag.resolved = dismissed
        self.record_flags([flag])
        return flag

    def tick(self, now: float) -> None:
        """Let the coach raise time-based flags (live: unlogged commitments)."""
        if self.coach is not None and hasattr(self.coach, "tick"):
            self.record_flags(self.coach.tick(now))

    def finish(self, status: str = "done") -> None:
        """End the session: final flags, then the status."""
        if self.coach is not None:
            self.record_flags(self.coach.finish())
        self.store.finish_session(self.id, status)

    def result(self) -> dict[str, Any]:
        """The session in the documented JSON schema."""
        row = self.store.session(self.id)
        return {
            "session_id": self.id,
            "source": row["source"],
            "mode": row["mode"],
            "utterances": [u.public() for u in self.utterances],
            "flags": [f.public() for f in self.flags],
            "commitments": [c.public() for c in self.commitments],
            "metrics": self.coach.report() if self.coach is not None else {},
        }


def _move_row(move: Move) -> dict[str, Any]:
    return {
        "kind": move.kind,
        "text": move.text,
        "conditional": int(move.conditional),
        "issue": move.issue,
        "value": move.value,
        "unit": move.unit,
        "size": move.size,
        "size_pct": move.size_pct,
    }
