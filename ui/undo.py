"""The user's changes to commitments and flags as undoable commands (Qt's QUndoStack).

Logging with one key during a call is only safe if a wrong key can be taken back: every
log, edit, dismissal and completion, and every dismissed flag, is pushed here, and Edit →
Undo (Ctrl+Z) sends the change that restores it to whoever owns the session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

VERBS = {"logged": "Log", "dismissed": "Dismiss", "done": "Complete", "unlogged": "Reopen"}


def commitment_state(item: dict[str, Any]) -> dict[str, str]:
    """What a change to ``item`` could alter, as ``change_commitment`` takes it back."""
    state = {"status": item["status"], "action": item["action"], "due": item.get("due") or ""}
    if item.get("owner") in ("you", "them"):
        state["owner"] = item["owner"]
    return state


def short(text: str, length: int = 40) -> str:
    """``text`` cut to ``length`` characters for a menu entry or the status bar."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class ChangeCommitment(QUndoCommand):
    """Log, edit, dismiss or complete one commitment; undo puts back what it was.

    Args:
        change: sends ``(commitment_id, status, edits)`` to the session's owner.
        item: the commitment as shown before the change.
        status: the new status.
        edits: new owner, action or due ("" clears the due date).
    """

    def __init__(
        self,
        change: Callable[[int, str, dict[str, str]], None],
        item: dict[str, Any],
        status: str,
        edits: dict[str, str],
    ):
        before = commitment_state(item)
        after = {key: value for key, value in edits.items() if before.get(key) != value}
        verb = "Edit and log" if after and status == "logged" else VERBS.get(status, status)
        super().__init__(f"{verb} “{short(edits.get('action') or item['action'], 32)}”")
        self._change = change
        self._id = item["id"]
        self._before = before
        self._after = after
        self._status = status

    def redo(self) -> None:
        self._change(self._id, self._status, self._after)

    def undo(self) -> None:
        restore = {key: self._before[key] for key in self._after if key in self._before}
        self._change(self._id, self._before["status"], restore)


class DismissFlag(QUndoCommand):
    """Dismiss one flag; undo opens it again.

    Args:
        dismiss: sends ``(flag, dismissed)`` to the session's owner.
        flag: the flag as shown.
    """

    def __init__(self, dismiss: Callable[[dict[str, Any], bool], None], flag: dict[str, Any]):
        super().__init__(f"Dismiss “{short(flag.get('message') or flag.get('kind', 'flag'))}”")
        self._dismiss = dismiss
        self._flag = flag

    def redo(self) -> None:
        self._dismiss(self._flag, True)

    def undo(self) -> None:
        self._dismiss(self._flag, False)
