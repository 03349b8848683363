"""The session controller: every read and write of the panel goes through here.

While a live session runs, its engine (in a child process) owns the session: commitment
changes and flag dismissals are sent to it, so its coach learns of them, and come back as
events. Otherwise the store is read and written by jobs of the store process
(``copilot.store_process``), waited for on the task runner: the panel's process holds no
SQLite connection, so none of its file dialogs can break SQLite's locks. Results reach the
widgets as the engine's own event dicts, through the bridge.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from copilot.store_process import Report, StoreJob, StoreProcess
from ui.bridge import EngineBridge
from ui.tasks import TaskRunner

EngineFactory = Callable[[Any], Any]


class SessionController(QObject):
    """Starts and stops live sessions and routes the user's changes to the session's owner.

    Args:
        db_path: the session database.
        engine_factory: builds a live engine from ``LiveOptions``.
        bridge: where engine events (and the results of offline changes) are posted.
        runner: the panel's task runner.
    """

    engine_changed = Signal()  # a session started, or the last one has wound down
    failed = Signal(str)  # one line for the window

    def __init__(
        self,
        db_path: Path,
        engine_factory: EngineFactory,
        bridge: EngineBridge,
        runner: TaskRunner,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.db_path = db_path
        self._engine_factory = engine_factory
        self.bridge = bridge
        self.runner = runner
        self.engine: Any = None
        self.stopping = False
        self.started_at = 0.0
        self.store = StoreProcess(db_path)  # the one owner of the file on this side
        bridge.status.connect(self._on_status)

    # ------------------------------------------------------------------ live session

    def start(self, options: Any, factory: EngineFactory | None = None) -> bool:
        """Start a live session (models load in the engine, not here); False if one runs.

        ``factory`` builds this one engine instead of the usual one (the demo's replay).
        """
        if self.engine is not None:
            return False
        self.engine = (factory or self._engine_factory)(options)
        self.engine.subscribe(self.bridge.listener)
        self.started_at = time.monotonic()
        self.stopping = False
        self.engine.start()
        self.engine_changed.emit()
        return True

    def pause(self, paused: bool) -> None:
        """Stop or resume listening without ending the session."""
        if self.engine is not None:
            self.engine.pause(paused)

    def stop(self) -> None:
        """End the session; the engine winds down on the runner ("done" follows)."""
        if self.engine is None or self.stopping:
            return
        self.stopping = True
        self.runner.run("engine-stop", self.engine.stop)
        self.engine_changed.emit()

    def _on_status(self, event: dict[str, Any]) -> None:
        if event.get("state") != "done" or self.engine is None:
            return
        if not self.stopping:  # it ended by itself: join its threads off the GUI thread
            self.runner.run("engine-stop", self.engine.stop)
        self.engine = None
        self.stopping = False
        self.engine_changed.emit()

    def shutdown(self) -> None:
        """At close: stop a running session and wait for every background task."""
        if self.engine is not None:
            self.engine.stop()
            self.engine = None
        self.runner.wait()
        self.store.close()

    # ------------------------------------------------------------------ the user's changes

    def change_commitment(self, commitment_id: int, status: str, **edits: str) -> None:
        """Log, edit, dismiss or complete a commitment, where its session lives."""
        if self.engine is not None:
            self.engine.change_commitment(commitment_id, status=status, **edits)
            return
        from copilot.commitments import change_commitment

        job = StoreJob(change_commitment, (commitment_id,), dict(status=status, **edits))

        def show(result: Any) -> None:
            commitment, flags = result
            self.bridge.listener({"type": "commitment", **commitment.public()})
            for flag in flags:
                self.bridge.listener({"type": "flag", **flag.public()})

        self.read("change-commitment", job, show)

    def dismiss_flag(self, flag: dict[str, Any], dismissed: bool = True) -> None:
        """Resolve a flag the user dismissed (or open it again), where its session lives."""
        if self.engine is not None:
            self.engine.dismiss_flag(flag["id"], dismissed)
            return
        from copilot.store import resolve_flag

        def show(_result: None) -> None:
            self.bridge.listener(dict(flag, type="flag", resolved=dismissed))

        self.read("dismiss-flag", StoreJob(resolve_flag, (flag["id"], dismissed)), show)

    # ------------------------------------------------------------------ reads

    def read(
        self,
        name: str,
        job: StoreJob,
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
        on_report: Report | None = None,
    ) -> None:
        """Run ``job`` in the store process, waited for on the runner; ``done(result)``
        on the GUI thread. ``on_report`` gets the job's messages on a reader thread."""
        if self.store.closed:
            return  # the window is closing: a refresh its last results asked for is moot
        self.runner.run(
            name, lambda: self.store.run(job, on_report), done, failed or self.failed.emit
        )
