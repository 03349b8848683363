"""The store process: the panel's jobs on the SQLite file, run in a child that owns it."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from copilot.errors import InputError
from copilot.events import Utterance
from copilot.store import Store
from copilot.store_process import StoreJob, StoreJobError, StoreProcess


def where_and_what(store: Store) -> tuple[int, list[dict]]:
    return os.getpid(), store.sessions()


def refuses(store: Store) -> None:
    raise InputError("that file is not a recording")


def cannot_travel(store: Store):
    return lambda: None


def counts_to(store: Store, n: int, report) -> str:
    for i in range(n):
        report("progress", (i + 1, n))
    report("note", "counted")
    return "done"


def waits_forever(store: Store, report) -> None:
    report("note", "started")
    threading.Event().wait()


@pytest.fixture
def store_process(db_path):
    process = StoreProcess(db_path)
    yield process
    process.close()


def test_jobs_run_in_the_child_against_the_file(store_process, db_path):
    writer = Store(db_path)
    session = writer.create_session(mode="offline", source="a.txt")
    writer.add_utterance(session, Utterance("you", "We can do forty."))
    writer.close()
    pid, sessions = store_process.run(StoreJob(where_and_what))
    assert pid == store_process.pid != os.getpid()
    assert [s["id"] for s in sessions] == [session]
    hits = store_process.run(StoreJob(Store.search, ("forty",)))
    assert [h["text"] for h in hits] == ["We can do forty."]


def test_failures_come_back_as_one_line(store_process):
    with pytest.raises(StoreJobError, match="that file is not a recording"):
        store_process.run(StoreJob(refuses))
    with pytest.raises(StoreJobError, match="pickle"):
        store_process.run(StoreJob(cannot_travel))
    assert store_process.run(StoreJob(where_and_what))[1] == []  # still serving


def test_reports_arrive_in_order_before_the_result(store_process):
    heard = []
    result = store_process.run(
        StoreJob(counts_to, (3,), reports=True), lambda kind, value: heard.append((kind, value))
    )
    assert result == "done"
    assert heard == [("progress", (1, 3)), ("progress", (2, 3)), ("progress", (3, 3)),
                     ("note", "counted")]  # fmt: skip


def test_a_child_that_dies_fails_its_jobs_and_the_next_job_starts_another(store_process):
    first_pid = store_process.run(StoreJob(where_and_what))[0]
    outcome, started = {}, threading.Event()

    def wait_on_it() -> None:
        try:
            store_process.run(StoreJob(waits_forever, reports=True), lambda *_: started.set())
        except StoreJobError as exc:
            outcome["error"] = str(exc)

    waiter = threading.Thread(target=wait_on_it)
    waiter.start()
    assert started.wait(30)
    os.kill(first_pid, signal.SIGKILL)
    waiter.join(timeout=30)
    assert "the store process stopped" in outcome["error"]
    assert store_process.run(StoreJob(where_and_what))[0] not in (first_pid, os.getpid())


def test_no_job_runs_once_closed(store_process):
    store_process.run(StoreJob(where_and_what))
    store_process.close()
    with pytest.raises(StoreJobError, match="closed"):
        store_process.run(StoreJob(where_and_what))
