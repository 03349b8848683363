"""The task runner: work on pool threads, results and errors back on the GUI thread."""

from __future__ import annotations

import threading

from copilot.errors import CopilotError
from ui.tasks import TaskRunner


def test_results_arrive_on_the_gui_thread_and_busy_follows(qtbot):
    runner = TaskRunner()
    release, results = threading.Event(), []

    def work():
        release.wait(10)
        return threading.current_thread() is threading.main_thread()

    runner.run(
        "slow", work, lambda ran_on_gui: results.append((ran_on_gui, threading.current_thread()))
    )
    assert runner.busy("slow") and not runner.busy("other")
    release.set()
    qtbot.waitUntil(lambda: bool(results))
    assert results == [(False, threading.main_thread())]
    assert not runner.busy("slow")


def test_an_error_goes_to_its_handler_or_else_to_the_failed_signal(qtbot):
    runner = TaskRunner()
    handled = []

    def refuse():
        raise CopilotError("no such session: 9")

    runner.run("read", refuse, handled.append, lambda message: handled.append(f"failed: {message}"))
    qtbot.waitUntil(lambda: bool(handled))
    assert handled == ["failed: no such session: 9"]

    with qtbot.waitSignal(runner.failed) as announced:
        runner.run("bug", lambda: 1 / 0)
    assert announced.args == ["bug", "ZeroDivisionError: division by zero"]
    runner.wait()
