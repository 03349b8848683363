"""The real panel driving the real engine, offscreen (pytest-qt).

The engine runs in its child process, as in the app, fed by a replayed transcript (text
straight to the inference worker) or a short synthesised recording (audio through the
capture queue): the same worker, models, session, flags and SQLite as in a call; only the
microphone is replaced.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from copilot.engine_process import EngineProcess, EngineSpec
from copilot.store import Store
from ui.panel import PanelWindow

SCRIPT = [
    ("them", "This is our final offer, take it or leave it."),
    ("you", "Fine, we'll waive the setup fee."),
    ("them", "Someone should check the security review with legal."),
    ("you", "I'll send the revised order form by Friday."),
]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "panel.ini"), QSettings.Format.IniFormat)


def _text_engine(db_path):
    def make(options):
        return EngineProcess(EngineSpec(db_path, options, text_only=True))

    return make


@pytest.fixture
def panel(qtbot, db_path, settings):
    window = PanelWindow(db_path=db_path, engine_factory=_text_engine(db_path), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.engine is not None:
        window.stop()
        qtbot.waitUntil(lambda: window.engine is None, timeout=60_000)


def _listed(panel, text: str) -> bool:
    return panel.sessions_list.count() > 0 and text in panel.sessions_list.item(0).text()


def _run_script(qtbot, panel):
    panel.start()
    qtbot.waitUntil(lambda: panel.state == "listening", timeout=60_000)
    for party, text in SCRIPT:
        panel.engine.feed_text(party, text)
    qtbot.waitUntil(lambda: panel.transcript.rowCount() == len(SCRIPT), timeout=30_000)
    qtbot.waitUntil(lambda: panel.commitments.rowCount() == 2, timeout=30_000)


def test_window_opens_narrow_and_idle_before_any_model_loads(panel):
    assert 380 <= panel.width() <= 440
    assert panel.state_label.text() == "Idle"
    assert panel.engine is None


def test_replayed_transcript_fills_transcript_flags_and_commitments(qtbot, panel, qtmodeltester):
    _run_script(qtbot, panel)
    kinds = {panel.flags.flag_at(row)["kind"] for row in range(panel.flags.rowCount())}
    assert {"pressure_without_trade", "one_sided_concession", "vague_commitment"} <= kinds
    assert panel.tabs.tabText(1) == "Commitments (2)"
    assert panel.balance.you == 1 and panel.balance.them == 0
    for model in (panel.transcript, panel.flags, panel.commitments):
        qtmodeltester.check(model)


def test_ctrl_l_logs_the_newest_commitment(qtbot, panel):
    _run_script(qtbot, panel)
    newest = panel.commitments.unlogged()[-1]
    qtbot.keyClick(panel, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.commitments.item_at(1)["status"] == "logged", timeout=30_000)
    assert panel.commitments.item_at(1)["id"] == newest["id"]
    assert panel.tabs.tabText(1) == "Commitments (1)"
    _session, stored = Store(panel.db_path).commitment(newest["id"])
    assert stored.status == "logged"


def test_dismissing_a_flag_resolves_it_in_the_feed_and_the_store(qtbot, panel):
    _run_script(qtbot, panel)
    panel.flags_view.setCurrentIndex(panel.flags.index(0))
    flag_id = panel.flags.flag_at(0)["id"]
    qtbot.keyClick(panel.flags_view, Qt.Key.Key_Delete)
    assert panel.flags.flag_at(0)["resolved"] is True
    session_id = Store(panel.db_path).sessions()[0]["id"]
    assert {f.id: f.resolved for f in Store(panel.db_path).flags(session_id)}[flag_id] is True


def test_clicking_a_flag_jumps_to_its_utterance(qtbot, panel):
    _run_script(qtbot, panel)
    row = next(
        r
        for r in range(panel.flags.rowCount())
        if panel.flags.flag_at(r)["kind"] == "pressure_without_trade"
    )
    panel.tabs.setCurrentIndex(2)
    panel.jump_to_flag(panel.flags.index(row))
    assert panel.tabs.currentIndex() == 0
    assert panel.transcript_view.currentIndex().row() == 0


def test_stop_ends_the_session_without_blocking(qtbot, panel):
    _run_script(qtbot, panel)
    panel.stop()
    qtbot.waitUntil(lambda: panel.engine is None, timeout=60_000)
    assert panel.state_label.text() == "Idle"
    qtbot.waitUntil(lambda: _listed(panel, "(done)"), timeout=10_000)


def test_synthesised_recording_through_the_capture_queue(
    qtbot, renewal_dialogue, db_path, settings
):
    path, turns = renewal_dialogue

    def make(options):
        return EngineProcess(EngineSpec(db_path, options, replay=path, replay_speed=2.0))

    window = PanelWindow(db_path=db_path, engine_factory=make, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.engine is None, timeout=120_000)
    finals = [window.transcript.index(r) for r in range(window.transcript.rowCount())]
    parties = [index.data(window.transcript.PartyRole) for index in finals]
    assert parties == [turn.party for turn in turns]
    assert window.commitments.rowCount() == 1
    assert window.levels["you"].value() >= 0


def test_review_dialog_shows_the_session_and_exports(qtbot, panel, tmp_path):
    _run_script(qtbot, panel)
    panel.stop()
    qtbot.waitUntil(lambda: panel.engine is None, timeout=60_000)
    qtbot.waitUntil(lambda: _listed(panel, "(done)"), timeout=10_000)
    panel.sessions_list.setCurrentRow(0)
    dialog = panel.open_review()
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "Negotiation summary" in text and "send the revised order form" in text
    assert "Scorecard" in text
    target = tmp_path / "session.ics"
    dialog.export_to(target)
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_editing_a_vague_commitment_logs_it_and_resolves_its_flag(qtbot, panel):
    _run_script(qtbot, panel)
    row = next(r for r in range(2) if panel.commitments.item_at(r)["owner"] is None)
    panel.commitments_view.setCurrentIndex(panel.commitments.index(row, 0))
    dialog = panel.edit_selected_commitment()
    qtbot.addWidget(dialog)
    dialog.owner.setCurrentIndex(1)
    dialog.action.setText("check the security review with legal")
    dialog.accept()
    qtbot.waitUntil(lambda: panel.commitments.item_at(row)["status"] == "logged", timeout=30_000)
    item = panel.commitments.item_at(row)
    assert item["owner"] == "them" and item["due"] and not item["vague"]

    def vague_flag_resolved() -> bool:
        flags = [panel.flags.flag_at(r) for r in range(panel.flags.rowCount())]
        return all(f["resolved"] for f in flags if f["kind"] == "vague_commitment")

    qtbot.waitUntil(vague_flag_resolved, timeout=30_000)


def test_sessions_search_and_trend(qtbot, panel):
    _run_script(qtbot, panel)
    panel.stop()
    qtbot.waitUntil(lambda: panel.engine is None, timeout=60_000)
    qtbot.waitUntil(lambda: bool(panel.trend.rows), timeout=10_000)
    assert panel.trend.points("talk_share")
    panel.search_box.setText("security review")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.sessions_list.count() == 1
    assert "security review" in panel.sessions_list.item(0).text()
    panel.sessions_list.setCurrentRow(0)
    dialog = panel.open_review()
    qtbot.addWidget(dialog)
    assert "security review" in dialog.view.toPlainText()


def test_transcript_follows_the_end_unless_the_user_scrolled_up(qtbot, panel):
    # The slots are fed directly: this is about the view, not the engine.
    view = panel.transcript_view
    text = "We can come down to forty one dollars per seat if you pay annually in advance."

    def say(number: int) -> None:
        panel.on_utterance({"id": number, "party": "them", "text": text, "moves": []})

    def last_row_visible() -> bool:
        last = panel.transcript.index(panel.transcript.rowCount() - 1)
        return view.viewport().rect().intersects(view.visualRect(last))

    for number in range(300):
        say(number)
    qtbot.waitUntil(last_row_visible, timeout=10_000)
    view.verticalScrollBar().setValue(0)  # the user scrolls up to reread
    for number in range(300, 320):
        say(number)
    bar = view.verticalScrollBar()
    height = bar.maximum()
    qtbot.waitUntil(lambda: bar.maximum() > height)  # the new rows are laid out
    assert bar.value() == 0
    assert not last_row_visible()
    bar.setValue(bar.maximum())  # back at the end: following again
    say(320)
    qtbot.waitUntil(last_row_visible, timeout=10_000)
