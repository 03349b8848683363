"""Logging, editing, dismissing and completing commitments, with their flags kept in step.

The store is the source of truth: each change is committed at once, then the commitment's
vague and unlogged flags are resolved or raised again to match it.
"""

from __future__ import annotations

import datetime as dt

from copilot.coach.engine import unlogged_flag, vague_flag
from copilot.errors import InputError
from copilot.events import Commitment, Flag
from copilot.store import Store

STATUSES = ("unlogged", "logged", "dismissed", "done")


def _valid_due(due: str, today: dt.date | None = None) -> str:
    """An ISO date, or words that name a day from ``today`` ("friday", "next tuesday",
    "tomorrow", "the 20th"), as the person logging would say it."""
    problem = (
        f"--due must be a date (YYYY-MM-DD, or a day such as 'friday' or 'next tuesday'), "
        f"not {due!r}"
    )
    try:
        return dt.date.fromisoformat(due).isoformat()
    except ValueError:
        pass
    if not any(c.isalpha() for c in due):
        raise InputError(problem)  # "2026-13-01", "99": a mistyped date, not a day in words
    from copilot.understand.dates import normalise_due

    today = today or dt.date.today()
    day = normalise_due(due, today)
    if day is None:
        raise InputError(problem)
    if day < today:
        raise InputError(f"--due {due!r} is {day.isoformat()}, in the past; give it as YYYY-MM-DD")
    return day.isoformat()


def change_commitment(
    store: Store,
    commitment_id: int,
    *,
    status: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    action: str | None = None,
) -> tuple[Commitment, list[Flag]]:
    """Apply a change and sync the flags; returns the commitment and the flags that changed.

    Raises:
        InputError: an unknown status or owner, or a due date that is not a date.
        StoreError: no such commitment.
    """
    changes: dict[str, str | None] = {}
    if status is not None:
        if status not in STATUSES:
            raise InputError(f"status must be one of {', '.join(STATUSES)}")
        changes["status"] = status
    if owner is not None:
        if owner not in ("you", "them"):
            raise InputError("--owner must be you or them")
        changes["owner"] = owner
    if due is not None:
        # The words said ("by Friday") stay as they were; an empty due clears the date.
        changes["due"] = _valid_due(due) if due else None
    if action is not None:
        if not action.strip():
            raise InputError("--action must not be empty")
        changes["action"] = action.strip()
    session_id, _before = store.commitment(commitment_id)
    commitment = store.update_commitment(commitment_id, **changes) if changes else _before
    return commitment, sync_flags(store, session_id, commitment)


def sync_flags(store: Store, session_id: int, commitment: Commitment) -> list[Flag]:
    """Make the stored flags of ``commitment`` match its state."""
    stored = {flag.key: flag for flag in store.flags(session_id)}
    changed = []
    for wanted in (vague_flag(commitment), unlogged_flag(commitment)):
        existing = stored.get(wanted.key)
        if existing is None:
            if wanted.resolved or wanted.kind == "unlogged_commitment":
                continue  # unlogged flags are raised by the session, not by an edit
            store.save_flag(session_id, wanted)
            changed.append(wanted)
        elif (existing.resolved, existing.message) != (wanted.resolved, wanted.message):
            wanted.id = existing.id
            store.save_flag(session_id, wanted)
            changed.append(wanted)
    return changed
