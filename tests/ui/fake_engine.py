"""A stand-in for the live engine in panel tests that are about the panel, not the engine.

It has the engine's interface, records the commands the panel sends, and answers them the
way the real engine does (a changed commitment or flag comes back as an event), emitting
from another thread as the real engine's reader thread does. Tests that need the real
engine (its child process, models and store) use ``EngineProcess`` instead.
"""

from __future__ import annotations

import threading
from typing import Any


class FakeEngine:
    """Events are sent by the test with ``emit``; commands land in ``commands``."""

    def __init__(self, options: Any = None):
        self.options = options
        self.commands: list[tuple] = []
        self.done = False
        self._listeners: list[Any] = []
        self._shown: dict[tuple[str, int], dict[str, Any]] = {}

    def subscribe(self, listener: Any) -> None:
        self._listeners.append(listener)

    def emit(self, *events: dict[str, Any]) -> None:
        """Deliver events to the panel from a thread that is not the GUI thread."""

        def deliver() -> None:
            for event in events:
                if event["type"] in ("flag", "commitment"):
                    self._shown[event["type"], event["id"]] = event
                for listener in list(self._listeners):
                    listener(event)

        thread = threading.Thread(target=deliver)
        thread.start()
        thread.join()

    def start(self) -> None:
        self.emit({"type": "status", "state": "loading"}, {"type": "status", "state": "listening"})

    def pause(self, paused: bool = True) -> None:
        self.commands.append(("pause", paused))
        self.emit({"type": "status", "state": "paused" if paused else "listening"})

    def change_commitment(self, commitment_id: int, **changes: Any) -> None:
        self.commands.append(("change_commitment", commitment_id, changes))
        self.emit(dict(self._shown["commitment", commitment_id], **changes))

    def dismiss_flag(self, flag_id: int, dismissed: bool = True) -> None:
        self.commands.append(("dismiss_flag", flag_id) if dismissed else ("restore_flag", flag_id))
        self.emit(dict(self._shown["flag", flag_id], resolved=dismissed))

    def stop(self) -> None:
        if not self.done:
            self.done = True
            self.emit({"type": "status", "state": "done"})
