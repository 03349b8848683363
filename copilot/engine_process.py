"""A live engine in a child process, so the panel's event loop never waits on its GIL.

Loading ctranslate2 and spaCy, and parts of inference, hold the GIL for 50–140 ms at a
time; in one process that freezes the panel for as long. The child owns the whole engine
(capture, Whisper, spaCy, SQLite); the parent gets the same event dicts through a queue and
sends commands back. A crash of the child becomes an "error" then "done" status, and the
panel lives on.

The child refuses to connect or send anywhere but AF_UNIX sockets (PulseAudio's), and to look
up names, unless the user allowed a model download: nothing in a live session needs the network.
"""

from __future__ import annotations

import multiprocessing
import queue
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from copilot.errors import CopilotError
from copilot.events import EngineState
from copilot.live import LiveEngine, LiveOptions

Listener = Callable[[dict[str, Any]], None]
_END = "end"


@dataclass
class EngineSpec:
    """What the child builds: picklable, so it crosses the process boundary.

    Attributes:
        db_path: the session database.
        options: live settings.
        replay: a recording played instead of the devices (you left, them right).
        replay_speed: 1.0 plays it in real time; 0 as fast as possible.
        replay_repeat: how many times the recording is played back to back.
        text_only: no audio at all; utterances come from ``feed_text``.
    """

    db_path: Path
    options: LiveOptions
    replay: Path | None = None
    replay_speed: float = 1.0
    replay_repeat: int = 1
    text_only: bool = False

    def build(self) -> LiveEngine:
        """The engine this spec describes (models load later, in its worker)."""
        from models.understanding import build_understander

        sources = None
        if self.text_only:
            sources = _no_sources
        elif self.replay is not None:
            sources = replay_sources(self.replay, self.replay_speed, self.replay_repeat)
        options = self.options
        if self.replay is not None or self.text_only:
            # A replayed recording's "you" side may be anyone: it teaches no voice profile.
            options = replace(options, learn_voice=False)
        return LiveEngine(
            self.db_path,
            options,
            understander_factory=build_understander,
            sources=sources,
            stop_when_sources_end=self.replay is not None,
            allow_no_audio=self.text_only,
        )


@dataclass(frozen=True)
class Pause:
    """Stop (or resume) listening without ending the session."""

    paused: bool = True


@dataclass(frozen=True)
class FeedText:
    """A finished utterance as text (a replayed transcript)."""

    party: str
    text: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class ChangeCommitment:
    """Log, edit, dismiss or complete a commitment (``changes``: status, owner, action, due)."""

    commitment_id: int
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DismissFlag:
    """The user dismissed a flag, or (``dismissed`` False) took that back."""

    flag_id: int
    dismissed: bool = True


@dataclass(frozen=True)
class Stop:
    """Finish pending utterances and close the session."""


EngineCommand = Pause | FeedText | ChangeCommitment | DismissFlag | Stop


def apply_command(engine: LiveEngine, command: EngineCommand) -> None:
    """Carry out one command (all but ``Stop``) on the engine in this process."""
    if isinstance(command, Pause):
        engine.pause(command.paused)
    elif isinstance(command, FeedText):
        engine.feed_text(command.party, command.text, command.start, command.end)
    elif isinstance(command, ChangeCommitment):
        engine.change_commitment(command.commitment_id, **command.changes)
    elif isinstance(command, DismissFlag):
        engine.dismiss_flag(command.flag_id, command.dismissed)
    else:
        raise TypeError(f"not an engine command: {command!r}")


def _no_sources(sink: Any) -> list[Any]:
    return []


def replay_sources(path: Path, speed: float = 1.0, repeat: int = 1) -> Callable:
    """Sources that play a recording as if it were a call (decoded, and so checked, now)."""
    from copilot.audio.capture import ReplaySource
    from copilot.audio.decode import decode_tracks

    tracks = decode_tracks(path)

    def make(sink: Any) -> list[Any]:
        return [ReplaySource(t.party, t.samples, sink, speed, repeat=repeat) for t in tracks]

    return make


class EngineProcess:
    """The ``LiveEngine`` interface, with the engine running in a child process.

    Listeners are called on a reader thread of this process, as a ``LiveEngine`` calls them
    on its own threads.
    """

    def __init__(self, spec: EngineSpec):
        self._spec = spec
        self._commands: Any = None
        self._events: Any = None
        self._process: Any = None
        self._pending: list[EngineCommand] = []  # sent before the child was up
        self._reader = threading.Thread(target=self._run, name="engine-events")
        self._listeners: list[Listener] = []
        self._done = threading.Event()
        self._lock = threading.Lock()
        self.error: str | None = None
        self.network_refused: list[str] = []

    def subscribe(self, listener: Listener) -> None:
        """Receive every event dict (called from this object's reader thread)."""
        self._listeners.append(listener)

    def start(self) -> None:
        """Start the child (from a thread: spawning takes tens of ms); it loads the models."""
        self._emit({"type": "status", "state": EngineState.LOADING})
        self._reader.start()

    def pause(self, paused: bool = True) -> None:
        """Stop (or resume) listening without ending the session."""
        self._send(Pause(paused))

    def feed_text(
        self, party: str, text: str, start: float | None = None, end: float | None = None
    ) -> None:
        """Add a finished utterance as text (a replayed transcript)."""
        self._send(FeedText(party, text, start, end))

    def change_commitment(self, commitment_id: int, **changes: Any) -> None:
        """Log, edit, dismiss or complete a commitment, in the child that owns the session."""
        self._send(ChangeCommitment(commitment_id, changes))

    def dismiss_flag(self, flag_id: int, dismissed: bool = True) -> None:
        """The user dismissed a flag (or took that back); the child's coach and store learn
        of it."""
        self._send(DismissFlag(flag_id, dismissed))

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the session is done; True when it is."""
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        """Whether the session has ended."""
        return self._done.is_set()

    @property
    def pid(self) -> int | None:
        """The child's process id, once it runs."""
        return None if self._process is None else self._process.pid

    def stop(self, timeout: float = 120.0) -> None:
        """Finish pending utterances and close the session; waits for the child to exit."""
        if self._reader.ident is None:  # never started
            return
        self._send(Stop())
        if self._reader is not threading.current_thread():
            self._reader.join(timeout)
        with self._lock:
            process = self._process
        if process is not None and process.is_alive():  # wedged; its commits are durable
            process.kill()
            process.join()

    # ------------------------------------------------------------------ internals

    def _send(self, command: EngineCommand) -> None:
        with self._lock:
            if self._done.is_set():
                return
            if self._commands is None:
                self._pending.append(command)
            else:
                self._commands.put(command)

    def _emit(self, event: dict[str, Any]) -> None:
        if event.get("type") == "status" and event.get("state") == "error":
            self.error = event.get("message")
        for listener in list(self._listeners):
            listener(event)

    def _end_with_error(self, message: str) -> None:
        self._emit({"type": "status", "state": EngineState.ERROR, "message": message})
        self._emit({"type": "status", "state": EngineState.DONE})

    def _run(self) -> None:
        context = multiprocessing.get_context("spawn")  # fork would copy Qt's threads' state
        commands, events = context.Queue(), context.Queue()
        process = context.Process(
            target=_child_main, args=(self._spec, commands, events), name="copilot-engine"
        )
        process.daemon = True
        try:
            process.start()
        except OSError as exc:
            self._end_with_error(f"cannot start: {exc}")
            self._done.set()
            return
        with self._lock:
            self._commands, self._events, self._process = commands, events, process
            for command in self._pending:
                commands.put(command)
            self._pending.clear()
        try:
            self._read_events()
        finally:
            with self._lock:
                self._done.set()
            process.join(30)
            commands.cancel_join_thread()  # unread commands of a dead child: drop them
            commands.close()
            events.close()

    def _read_events(self) -> None:
        while True:
            try:
                event = self._events.get(timeout=0.5)
            except queue.Empty:
                if self._process.exitcode is None:
                    continue
                code = self._process.exitcode
                self._end_with_error(f"the engine process ended unexpectedly (exit status {code})")
                return
            if event.get("type") == _END:
                self.network_refused = event["network_refused"]
                return
            self._emit(event)


def _child_main(spec: EngineSpec, commands: Any, events: Any) -> None:
    """The child: build the engine, forward its events, obey commands until it is done."""
    refused = [] if spec.options.whisper.allow_network else refuse_network()
    try:
        engine = spec.build()
    except CopilotError as exc:  # e.g. a replay file that does not decode
        events.put({"type": "status", "state": EngineState.ERROR, "message": str(exc)})
        events.put({"type": "status", "state": EngineState.DONE})
        events.put({"type": _END, "network_refused": refused})
        return
    engine.subscribe(events.put)
    engine.start()
    parent = multiprocessing.parent_process()
    while not engine.done:
        try:
            command = commands.get(timeout=0.2)
        except queue.Empty:
            # The panel was killed: stop listening and close the session, never run orphaned.
            if parent is not None and not parent.is_alive():
                break
            continue
        if isinstance(command, Stop):
            break
        apply_command(engine, command)
    engine.stop()
    events.put({"type": _END, "network_refused": refused})
    events.close()
    events.join_thread()


def refuse_network() -> list[str]:
    """Make this process refuse to reach any network; returns what it refused.

    Connecting or sending on any socket but AF_UNIX (PulseAudio's) and name lookups raise
    OSError. Creating a socket is allowed: libraries probe for IPv6 at import by binding
    one to ::1, which sends nothing.
    """
    refused: list[str] = []

    def refuse(what: str) -> OSError:
        refused.append(what)
        return OSError("network access is disabled in the engine process")

    class LocalOnlySocket(socket.socket):
        def connect(self, address: Any) -> None:
            if self.family != socket.AF_UNIX:
                raise refuse(f"connect {address!r}")
            super().connect(address)

        def connect_ex(self, address: Any) -> int:
            if self.family != socket.AF_UNIX:
                raise refuse(f"connect {address!r}")
            return super().connect_ex(address)

        def sendto(self, data: Any, *args: Any) -> int:
            if self.family != socket.AF_UNIX:
                raise refuse(f"sendto {args[-1]!r}")
            return super().sendto(data, *args)

    def no_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise refuse(f"lookup {host!r}")

    socket.socket = LocalOnlySocket  # type: ignore[misc]
    socket.getaddrinfo = no_lookup
    return refused
