"""The one place an utterance becomes moves, flags and rows.

Both entry paths, offline analysis and live listening, feed finished utterances into a
``Session``: it runs the understanding pipeline and the flag engine, stores the results
(one commit per utterance) and tells its listeners.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any, Protocol

from copilot.events import (
    Commitment,
    CommitmentDraft,
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
        new, confirmed = self._confirmations(heard, found.commitments)
        stored = self.store.add_utterance(
            self.id,
            heard,
            moves=[_move_row(move) for move in found.moves],
            commitments=new,
        )
        utterance = replace(heard, id=stored.utterance_id, moves=found.moves)
        self.utterances.append(utterance)
        self._emit(UtteranceAdded(utterance, source))
        for earlier, draft in confirmed:
            self._take_due(earlier, draft)
        self.commitments.extend(stored.commitments)
        for commitment in stored.commitments:
            self._emit(CommitmentFound(commitment))
        if self.coach is not None:
            self.record_flags(self.coach.observe(utterance, stored.commitments))
        return utterance

    def _confirmations(
        self, heard: Utterance, drafts: list[CommitmentDraft]
    ) -> tuple[list[CommitmentDraft], list[tuple[Commitment, CommitmentDraft]]]:
        """The drafts that are new, and those that confirm a promise the other side's
        question just put to the speaker ("you'll confirm the date with the venue?" /
        "yes"): one commitment, not two."""
        before = self.utterances[-1] if self.utterances else None
        if before is None or before.party == heard.party:
            return drafts, []
        put = [c for c in self.commitments if c.utterance_id == before.id]
        if ADDS_A_DEED.search(heard.text.lower()):
            return drafts, []  # "yes, and i'll call the caterer too": a second promise
        new, confirmed = [], []
        for draft in drafts:
            same = next(
                (c for c in put if c.owner == draft.owner == heard.party and _same_deed(c, draft)),
                None,
            )
            if same is None:
                new.append(draft)
            else:
                confirmed.append((same, draft))
        return new, confirmed

    def _take_due(self, earlier: Commitment, draft: CommitmentDraft) -> None:
        """A confirmation that names the day ("yes, by Thursday", or "yes, by monday" to
        "…by friday?") dates the promise."""
        if not draft.due or draft.due == earlier.due:
            return
        updated = self.store.update_commitment(earlier.id, due=draft.due, due_text=draft.due_text)
        self.commitments = [updated if c.id == earlier.id else c for c in self.commitments]
        self._emit(CommitmentFound(updated))
        if self.coach is not None and hasattr(self.coach, "commitment_changed"):
            self.record_flags(self.coach.commitment_changed(updated))

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
        "other_terms": json.dumps([asdict(t) for t in move.other_terms])
        if move.other_terms
        else None,
    }


# Words that name no particular deed: "send it", "get that over" confirm whatever was asked.
GENERIC_DEED_WORDS = {"the", "and", "you", "your", "our", "with", "for", "will", "send", "get"}
GENERIC_DEED_WORDS |= {"have", "that", "this", "them", "those", "over", "back", "done", "make"}


def _same_deed(earlier: Commitment, draft: CommitmentDraft) -> bool:
    """Whether ``draft`` promises what ``earlier`` did: the same words, only words of the
    same thing ("the access badge list" / "badge list by monday"), or no word of its own
    ("yep, you'll have it today"); not "the contract template" to "the signed contract"."""

    def words(text: str) -> set[str]:
        return {w.strip(".,!?;:'\"").lower() for w in text.split()} - {""}

    said, then = words(draft.action), words(earlier.action)
    named = {w for w in said if len(w) > 2 and w not in GENERIC_DEED_WORDS}
    return draft.action == earlier.action or named <= then


# "yes, and i'll pay the balance", "yes but i'll pay the rest next month", "…too": the
# yes comes with another promise.
ADDS_A_DEED = re.compile(r"\b(?:and|but|then|also|too|as well|plus)\b")
