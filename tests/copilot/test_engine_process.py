"""The live engine in its child process: events out, commands in, crashes contained."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading

from copilot.engine_process import EngineProcess, EngineSpec
from copilot.live import LiveOptions
from copilot.store import Store
from tests.conftest import ROOT


def _states(events: list[dict]) -> list[str]:
    return [e["state"] for e in events if e["type"] == "status"]


def test_text_fed_to_the_child_comes_back_understood_and_stored(db_path):
    engine = EngineProcess(EngineSpec(db_path, LiveOptions(), text_only=True))
    events: list[dict] = []
    listening, stored = threading.Event(), threading.Event()

    def listen(event: dict) -> None:
        events.append(event)
        if event.get("state") == "listening":
            listening.set()
        if event["type"] == "utterance" and not event.get("interim"):
            stored.set()

    engine.subscribe(listen)
    engine.start()
    assert listening.wait(120)
    engine.feed_text("them", "This is our final offer, take it or leave it.")
    assert stored.wait(60)
    engine.stop()

    assert engine.done and engine.error is None
    assert engine.network_refused == []
    final = next(e for e in events if e["type"] == "utterance")
    assert "pressure" in [m["kind"] for m in final["moves"]]
    assert any(e["type"] == "flag" and e["kind"] == "pressure_without_trade" for e in events)
    assert _states(events)[-1] == "done"
    store = Store(db_path)
    texts = [row["text"] for row in store.db["utterances"].rows]
    store.close()
    assert texts == ["This is our final offer, take it or leave it."]


def test_a_killed_child_ends_the_session_with_an_error_not_a_hang(db_path):
    engine = EngineProcess(EngineSpec(db_path, LiveOptions(), text_only=True))
    events: list[dict] = []
    listening = threading.Event()

    def listen(event: dict) -> None:
        events.append(event)
        if event.get("state") == "listening":
            listening.set()

    engine.subscribe(listen)
    engine.start()
    assert listening.wait(120)
    os.kill(engine.pid, signal.SIGKILL)
    assert engine.wait(30)
    engine.stop()
    assert "ended unexpectedly" in (engine.error or "")
    assert _states(events)[-2:] == ["error", "done"]


def test_the_engine_process_refuses_the_network_but_not_local_sockets():
    script = textwrap.dedent(
        """
        import socket
        from copilot.engine_process import refuse_network
        refused = refuse_network()
        left, right = socket.socketpair()
        left.close(), right.close()
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        for attempt in [lambda: tcp.connect(("127.0.0.1", 9)),
                        lambda: socket.create_connection(("example.org", 80), timeout=1)]:
            try:
                attempt()
            except OSError as exc:
                print(exc)
        tcp.close()
        print(refused)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "network access is disabled in the engine process",
        "network access is disabled in the engine process",
        "[\"connect ('127.0.0.1', 9)\", \"lookup 'example.org'\"]",
    ]


def test_text_sent_before_the_child_is_up_is_delivered(db_path):
    engine = EngineProcess(EngineSpec(db_path, LiveOptions(), text_only=True))
    finals: list[dict] = []
    stored = threading.Event()

    def listen(event: dict) -> None:
        if event["type"] == "utterance" and not event.get("interim"):
            finals.append(event)
            stored.set()

    engine.subscribe(listen)
    engine.start()
    # Sent while the child is most likely still spawning: held, then delivered.
    engine.feed_text("you", "What matters most to your team in this renewal?")
    assert stored.wait(120)
    engine.stop()
    assert [e["text"] for e in finals] == ["What matters most to your team in this renewal?"]
    assert engine.done and engine.error is None
