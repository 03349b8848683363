"""The live engine in its child process: events out, commands in, crashes contained."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from copilot.engine_process import EngineProcess, EngineSpec
from copilot.live import LiveOptions
from copilot.store import Store
from tests.conftest import ROOT


def _states(events: list[dict]) -> list[str]:
    return [e["state"] for e in events if e["type"] == "status"]


def test_text_fed_to_the_child_comes_back_understood_and_stored(db_path):
    """Commands in (text, a flag dismissed), events out, rows in the child's store."""
    engine = EngineProcess(EngineSpec(db_path, LiveOptions(), text_only=True))
    events: list[dict] = []
    listening, flagged, dismissed = threading.Event(), threading.Event(), threading.Event()
    reopened = threading.Event()

    def listen(event: dict) -> None:
        events.append(event)
        if event.get("state") == "listening":
            listening.set()
        if event["type"] == "flag":
            if event["resolved"]:
                dismissed.set()
            else:
                (reopened if dismissed.is_set() else flagged).set()

    engine.subscribe(listen)
    engine.start()
    assert listening.wait(120)
    engine.feed_text("them", "This is our final offer, take it or leave it.")
    assert flagged.wait(60)
    flag = next(e for e in events if e["type"] == "flag")
    engine.dismiss_flag(flag["id"])
    assert dismissed.wait(60)
    engine.dismiss_flag(flag["id"], dismissed=False)  # the user pressed Ctrl+Z
    assert reopened.wait(60)
    engine.dismiss_flag(flag["id"])
    engine.stop()

    assert engine.done and engine.error is None
    assert engine.network_refused == []
    final = next(e for e in events if e["type"] == "utterance")
    assert "pressure" in [m["kind"] for m in final["moves"]]
    assert any(e["type"] == "flag" and e["kind"] == "pressure_without_trade" for e in events)
    assert _states(events)[-1] == "done"
    store = Store(db_path)
    texts = [row["text"] for row in store.db["utterances"].rows]
    resolved = {f.id: f.resolved for f in store.flags(store.sessions()[0]["id"])}
    store.close()
    assert texts == ["This is our final offer, take it or leave it."]
    assert resolved[flag["id"]] is True


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


def test_the_child_stops_listening_when_the_panel_process_is_killed(db_path):
    script = textwrap.dedent(
        f"""
        import threading
        from pathlib import Path
        from copilot.engine_process import EngineProcess, EngineSpec
        from copilot.live import LiveOptions
        if __name__ == "__main__":
            engine = EngineProcess(EngineSpec(Path({str(db_path)!r}), LiveOptions(),
                                              text_only=True))
            listening = threading.Event()
            engine.subscribe(lambda e: e.get("state") == "listening" and listening.set())
            engine.start()
            listening.wait(120)
            print(engine.pid, flush=True)
            threading.Event().wait()
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as panel:
        child = int(panel.stdout.readline())
        panel.kill()
        panel.wait()
    gone = threading.Event()

    def running() -> bool:
        # An orphan that exited may stay a zombie where nothing reaps it: that is gone too.
        try:
            stat = Path(f"/proc/{child}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"

    def watch() -> None:
        while not gone.is_set():
            if not running():
                gone.set()
                return
            gone.wait(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    ended = gone.wait(30)
    gone.set()
    watcher.join()
    assert ended, "the engine process outlived the panel"
    store = Store(db_path)
    statuses = [row["status"] for row in store.db["sessions"].rows]
    store.close()
    assert statuses == ["done"]
