"""The one bridge from engine threads to Qt: engine events become queued signals.

Engine listeners run on the engine's threads; emitting a signal from there to objects
that live in the GUI thread makes Qt queue the call, so every slot runs in the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class EngineBridge(QObject):
    """Re-emits engine event dicts as typed signals."""

    status = Signal(object)
    utterance = Signal(object)
    interim = Signal(object)
    flag = Signal(object)
    commitment = Signal(object)
    level = Signal(object)
    metrics = Signal(object)
    progress = Signal(float, float)
    analysed = Signal(object)
    failed = Signal(str)
    devices = Signal(object)
    sessions = Signal(object)

    def listener(self, event: dict[str, Any]) -> None:
        """Subscribe this to an engine; safe to call from any thread."""
        kind = event.get("type")
        if kind == "utterance":
            (self.interim if event.get("interim") else self.utterance).emit(event)
        elif kind in ("status", "flag", "commitment", "level", "metrics"):
            getattr(self, kind).emit(event)
