"""The panel, offscreen (pytest-qt).

Most tests drive a fake engine (``tests/ui/fake_engine.py``): they are about the panel's
widgets and where it routes the user's actions. Some keep the real engine in its child
process, fed by a replayed transcript (text straight to the inference worker) or a short
synthesised recording (audio through the capture queue): the same worker, models, session,
flags and SQLite as in a call; only the microphone is replaced. Offline changes and
reads go through the real store, in the panel's store process.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from copilot.engine_process import EngineProcess, EngineSpec
from copilot.store import Store
from tests.ui.fake_engine import FakeEngine
from ui.flags_feed import Chip
from ui.panel import PanelWindow

SCRIPT = [
    ("them", "This is our final offer, take it or leave it."),
    ("you", "Fine, we'll waive the setup fee."),
    ("them", "Someone should check the security review with legal."),
    ("you", "I'll send the revised order form by Friday."),
]
TRANSCRIPT = "\n".join(f"{'Dana' if p == 'them' else 'Me'}: {text}" for p, text in SCRIPT)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "panel.ini"), QSettings.Format.IniFormat)


def _open(qtbot, db_path, settings, factory):
    window = PanelWindow(db_path=db_path, engine_factory=factory, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _close(qtbot, window):
    if window.engine is not None:
        window.stop()
        qtbot.waitUntil(lambda: window.engine is None, timeout=60_000)


@pytest.fixture
def panel(qtbot, db_path, settings):
    """The panel with the real engine in its child process, fed text."""

    def make(options):
        return EngineProcess(EngineSpec(db_path, options, text_only=True))

    window = _open(qtbot, db_path, settings, make)
    yield window
    _close(qtbot, window)


@pytest.fixture
def fake(qtbot, db_path, settings):
    """The panel with a fake engine: (window, the engines it made)."""
    engines: list[FakeEngine] = []

    def make(options):
        engines.append(FakeEngine(options))
        return engines[-1]

    window = _open(qtbot, db_path, settings, make)
    yield window, engines
    _close(qtbot, window)


def _listed(panel, text: str) -> bool:
    sessions = panel.sessions_tab.sessions_list
    return sessions.count() > 0 and text in sessions.item(0).text()


def _shown_flag(window, flag_id):
    flags = [window.flags.flag_at(row) for row in range(window.flags.rowCount())]
    return next((f for f in flags if f["id"] == flag_id), None)


def _run_script(qtbot, panel):
    panel.start()
    qtbot.waitUntil(lambda: panel.state == "listening", timeout=60_000)
    for party, text in SCRIPT:
        panel.engine.feed_text(party, text)
    qtbot.waitUntil(lambda: panel.transcript.rowCount() == len(SCRIPT), timeout=30_000)
    qtbot.waitUntil(lambda: panel.commitments.rowCount() == 2, timeout=30_000)


def _fake_call(qtbot, window, engines):
    """A short call as the engine would report it: two utterances, a flag, a commitment."""
    window.start()
    qtbot.waitUntil(lambda: window.state == "listening")
    engine = engines[0]
    engine.emit(
        {"type": "utterance", "id": 1, "party": "them", "text": SCRIPT[0][1], "moves": []},
        {"type": "utterance", "id": 2, "party": "you", "text": SCRIPT[3][1], "moves": []},
        {"type": "flag", "id": 7, "kind": "pressure_without_trade", "severity": "warn",
         "party": "them", "utterance_id": 1, "message": "Pressure", "tip": "Ask why",
         "resolved": False},
        {"type": "commitment", "id": 3, "utterance_id": 2, "owner": "you", "action":
         "send the revised order form", "due_text": "by Friday", "due": None,
         "status": "unlogged", "vague": False},
    )  # fmt: skip
    qtbot.waitUntil(lambda: window.commitments.rowCount() == 1 and window.flags.rowCount() == 1)
    return engine


def test_window_opens_narrow_and_idle_before_any_model_loads(fake):
    window, engines = fake
    assert 380 <= window.width() <= 440
    assert window.header.state_label.text() == "Idle"
    assert window.engine is None and engines == []


def test_replayed_transcript_fills_transcript_flags_and_commitments(qtbot, panel, qtmodeltester):
    _run_script(qtbot, panel)
    kinds = {panel.flags.flag_at(row)["kind"] for row in range(panel.flags.rowCount())}
    assert {"pressure_without_trade", "one_sided_concession", "vague_commitment"} <= kinds
    assert panel.tabs.tabText(1) == "Commitments (2)"
    assert panel.feed.balance.you == 1 and panel.feed.balance.them == 0
    for model in (panel.transcript, panel.flags, panel.commitments):
        qtmodeltester.check(model)


def test_during_a_call_the_panels_process_holds_no_sqlite_connection(
    qtbot, panel, connects_in_the_panels_process
):
    """The engine child writes the session; the panel's reads go to its store process."""
    _run_script(qtbot, panel)
    panel.refresh_sessions()
    panel.search("order form")
    qtbot.waitUntil(lambda: panel.sessions_tab.sessions_list.count() > 0, timeout=20_000)
    qtbot.waitUntil(lambda: not panel.runner.busy("search"), timeout=20_000)
    assert panel.engine is not None  # still in the call
    connects_in_the_panels_process.watch = False
    assert list(connects_in_the_panels_process) == []
    assert not _open_here(panel.db_path)


def test_ctrl_l_confirms_then_logs_the_newest_commitment_and_ctrl_z_undoes(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)
    assert window.tabs.tabText(1) == "Commitments (1)"
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_L, ctrl)
    dialog = window.commitments_tab.dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Log commitment"
    assert dialog.action.text() == "send the revised order form"
    # "by Friday" was said but no date was fixed: no date is ticked for the user.
    assert not dialog.has_due.isChecked() and not dialog.due.isEnabled()
    assert dialog.ok_button.text() == "Log"
    assert engine.commands == []  # nothing is logged before the user confirms
    assert dialog.width() >= 340
    dialog.accept()
    assert engine.commands == [("change_commitment", 3, {"status": "logged"})]
    qtbot.waitUntil(lambda: window.commitments.item_at(0)["status"] == "logged")
    assert window.tabs.tabText(1) == "Commitments"
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.activateWindow()  # the confirmation had the focus
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)
    assert engine.commands[-1] == ("change_commitment", 3, {"status": "unlogged"})
    qtbot.waitUntil(lambda: window.commitments.item_at(0)["status"] == "unlogged")
    assert window.tabs.tabText(1) == "Commitments (1)"


def test_the_global_hotkey_pressed_in_another_app_asks_to_log_the_newest(qtbot, fake, x_display):
    """On a real X server: the combination typed while the call has the keyboard brings
    up the same confirmation as Ctrl+L; offscreen, the menu says why it cannot work."""
    from tests.ui.x_server import press

    window, engines = fake
    assert window.hotkey_action.isChecked()  # on unless turned off
    assert "not available, needs X11" in window.hotkey_action.toolTip()
    engine = _fake_call(qtbot, window, engines)
    window.hotkey.display_name = x_display
    assert window.hotkey.start("xcb").available
    try:
        press(x_display, window.hotkey.sequence)
        qtbot.waitUntil(lambda: window.commitments_tab.dialog is not None, timeout=5000)
    finally:
        window.hotkey.stop()
    dialog = window.commitments_tab.dialog
    assert dialog.windowTitle() == "Log commitment"
    assert dialog.action.text() == "send the revised order form"
    assert window.log_from_anywhere() is dialog  # pressed again: the same one, raised
    dialog.accept()
    assert engine.commands == [("change_commitment", 3, {"status": "logged"})]


def test_cancelling_the_ctrl_l_confirmation_logs_nothing(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    window.commitments_tab.dialog.reject()
    assert engine.commands == []
    assert window.commitments.item_at(0)["status"] == "unlogged"


def test_an_edit_then_undo_puts_back_the_words_and_status(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)
    window.commitments_tab.view.setCurrentIndex(window.commitments.index(0, 0))
    dialog = window.commitments_tab.edit_selected()
    dialog.action.setText("send the signed order form")
    dialog.has_due.setChecked(True)
    dialog.accept()
    [(_, _, logged)] = engine.commands
    assert logged["status"] == "logged" and logged["action"] == "send the signed order form"
    assert logged["due"]
    window.undo_action.trigger()
    assert engine.commands[-1] == (
        "change_commitment",
        3,
        {"status": "unlogged", "action": "send the revised order form", "due": ""},
    )
    window.redo_action.trigger()
    assert engine.commands[-1] == engine.commands[0]


def test_a_dismissed_flag_is_sent_to_the_engine_and_ctrl_z_opens_it_again(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)
    window.feed.view.setCurrentIndex(window.feed.view.model().index(0, 0))
    qtbot.keyClick(window.feed.view, Qt.Key.Key_Delete)
    assert engine.commands == [("dismiss_flag", 7)]
    qtbot.waitUntil(lambda: window.flags.flag_at(0)["resolved"] is True)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert engine.commands == [("dismiss_flag", 7), ("restore_flag", 7)]
    qtbot.waitUntil(lambda: window.flags.flag_at(0)["resolved"] is False)


def test_clicking_a_flag_jumps_to_its_utterance(qtbot, fake):
    window, engines = fake
    _fake_call(qtbot, window, engines)
    window.tabs.setCurrentIndex(2)
    view = window.feed.view
    where = view.visualRect(view.model().index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.tabs.currentIndex() == 0
    assert window.transcript_view.currentIndex().row() == 0


def test_pause_and_stop_go_to_the_engine_and_the_controls_follow(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)
    header = window.header
    assert not header.start_button.isEnabled() and header.stop_button.isEnabled()
    qtbot.mouseClick(header.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: header.pause_button.text() == "Resume")
    assert header.state_label.text() == "Paused" and engine.commands == [("pause", True)]
    qtbot.mouseClick(header.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine is None)
    assert engine.done and header.start_button.isEnabled()
    assert header.state_label.text() == "Idle"


def test_stay_on_top_keeps_the_window_shown(qtbot, fake):
    window, _engines = fake
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isVisible()


def test_synthesised_recording_through_the_capture_queue(
    qtbot, renewal_dialogue, db_path, settings
):
    path, turns = renewal_dialogue

    def make(options):
        return EngineProcess(EngineSpec(db_path, options, replay=path, replay_speed=2.0))

    window = _open(qtbot, db_path, settings, make)
    window.start()
    qtbot.waitUntil(lambda: window.engine is None, timeout=120_000)
    finals = [window.transcript.index(r) for r in range(window.transcript.rowCount())]
    parties = [index.data(window.transcript.PartyRole) for index in finals]
    assert parties == [turn.party for turn in turns]
    assert window.commitments.rowCount() == 1
    assert window.levels["you"].value() >= 0


def test_a_stopped_session_is_listed_searched_reviewed_and_exported(qtbot, panel, tmp_path):
    _run_script(qtbot, panel)
    panel.stop()
    qtbot.waitUntil(lambda: panel.engine is None, timeout=60_000)
    assert panel.header.state_label.text() == "Idle"
    qtbot.waitUntil(lambda: _listed(panel, "live call"), timeout=10_000)
    sessions = panel.sessions_tab
    [(_started, share)] = sessions.trend_points("talk_share")
    assert 0 < share < 1
    qtbot.waitUntil(lambda: sessions.trend is not None, timeout=20_000)  # pyqtgraph loaded
    [curve, *_] = sessions.trend.getPlotItem().listDataItems()
    assert len(curve.getData()[0]) >= 1
    panel.tabs.setCurrentWidget(panel.tabs.widget(3))
    qtbot.waitUntil(lambda: sessions.trend.isVisible())
    # The list and the trend share the tab: the chart is not pushed out of sight.
    assert sessions.trend.height() >= 140
    assert sessions.sessions_list.height() <= sessions.trend.height()
    sessions.search_box.setText("security review")
    qtbot.keyClick(sessions.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "security review" in sessions.sessions_list.item(0).text())
    assert sessions.sessions_list.count() == 1
    sessions.sessions_list.setCurrentRow(0)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(panel, Qt.Key.Key_E, ctrl_shift)  # File → Review and export
    qtbot.waitUntil(lambda: panel.last_review is not None, timeout=10_000)
    text = panel.last_review.view.toPlainText()
    assert "Negotiation summary" in text and "send the revised order form" in text
    assert "Scorecard" in text and "security review" in text
    target = tmp_path / "session.ics"
    assert panel.last_review.export_to(target)
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert panel.last_review.saved.text() == f"Saved as ICS: {target}"
    nowhere = tmp_path / "missing-folder" / "session.md"
    assert not panel.last_review.export_to(nowhere)
    assert panel.last_review.saved.text().startswith("Not saved: No such file or directory")


def test_editing_a_vague_commitment_logs_it_and_the_engine_resolves_its_flag(qtbot, panel):
    _run_script(qtbot, panel)
    row = next(r for r in range(2) if panel.commitments.item_at(r)["owner"] is None)
    panel.commitments_tab.view.setCurrentIndex(panel.commitments.index(row, 0))
    dialog = panel.commitments_tab.edit_selected()
    qtbot.addWidget(dialog)
    assert dialog.owner.currentData() is None  # nobody was named: no owner is guessed
    dialog.owner.setCurrentIndex(dialog.owner.findData("them"))
    dialog.action.setText("check the security review with legal")
    assert not dialog.has_due.isChecked()  # none was said
    dialog.has_due.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: panel.commitments.item_at(row)["status"] == "logged", timeout=30_000)
    item = panel.commitments.item_at(row)
    assert item["owner"] == "them" and item["due"] and not item["vague"]

    def vague_flag_resolved() -> bool:
        flags = [panel.flags.flag_at(r) for r in range(panel.flags.rowCount())]
        return all(f["resolved"] for f in flags if f["kind"] == "vague_commitment")

    qtbot.waitUntil(vague_flag_resolved, timeout=30_000)
    _session, stored = Store(panel.db_path).commitment(item["id"])
    assert stored.status == "logged" and stored.owner == "them"


@pytest.fixture
def connects_in_the_panels_process(monkeypatch):
    """SQLite connections this process (the panel's, on any thread) opens while ``watch``
    is true."""
    import sqlite3

    class Opened(list):
        watch = True

    opened, connect = Opened(), sqlite3.connect

    def watched_connect(*args, **kwargs):
        if opened.watch:
            opened.append(args[0])
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", watched_connect)
    return opened


def _open_here(db_path) -> list[str]:
    """The database's files this process has open (SQLite's main file, -wal, -shm)."""
    names = {str(db_path), f"{db_path}-wal", f"{db_path}-shm"}
    opened = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target in names:
            opened.append(target)
    return opened


def test_an_analysed_transcript_is_changed_in_the_store_without_an_engine(
    qtbot, fake, tmp_path, connects_in_the_panels_process
):
    """Analyse, list, review and change a stored session: the store is read and written
    by the store process; the panel's own process opens no SQLite connection, so none of
    its file dialogs can drop SQLite's locks."""
    window, engines = fake
    path = tmp_path / "call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    window.analyse(path)
    status = window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("Analysed"), timeout=60_000)
    qtbot.waitUntil(lambda: _listed(window, "call.txt"), timeout=10_000)
    sessions = window.sessions_tab
    sessions.sessions_list.setCurrentRow(0)
    [open_button] = [b for b in sessions.findChildren(QPushButton) if b.text() == "Open review"]
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.last_review is not None, timeout=10_000)
    assert "security review" in window.last_review.view.toPlainText()

    connects_in_the_panels_process.watch = False  # the test's own reads
    store = Store(window.db_path)
    session_id = store.sessions()[0]["id"]
    [commitment] = [c for c in store.commitments(session_id) if c.owner == "you"]
    [flag] = [f for f in store.flags(session_id) if f.kind == "pressure_without_trade"]
    store.close()
    connects_in_the_panels_process.watch = True
    window.controller.change_commitment(commitment.id, "done")
    window.controller.dismiss_flag(flag.public())
    qtbot.waitUntil(
        lambda: window.commitments.rowCount() == 1 and _shown_flag(window, flag.id) is not None
    )
    connects_in_the_panels_process.watch = False
    assert list(connects_in_the_panels_process) == []
    assert not _open_here(window.db_path)
    assert window.controller.store.pid not in (None, os.getpid())
    assert window.commitments.item_at(0)["status"] == "done"
    assert _shown_flag(window, flag.id)["resolved"] is True
    store = Store(window.db_path)
    assert store.commitment(commitment.id)[1].status == "done"
    assert {f.id: f.resolved for f in store.flags(session_id)}[flag.id] is True
    assert engines == []


def test_errors_of_background_work_are_shown_in_the_window(qtbot, fake, tmp_path):
    window, _engines = fake
    bad = tmp_path / "call.wav"
    bad.write_bytes(b"not audio at all")
    window.analyse(bad)
    status = window.statusBar()
    qtbot.waitUntil(lambda: "Could not analyse" in status.currentMessage(), timeout=60_000)
    assert not window.progress.isVisible()
    window.controller.change_commitment(999, "logged")
    qtbot.waitUntil(lambda: "999" in status.currentMessage(), timeout=10_000)


def test_transcript_follows_the_end_unless_the_user_scrolled_up(qtbot, fake):
    # The view is fed directly: this is about the view, not the engine.
    window, _engines = fake
    view = window.transcript_view
    text = "We can come down to forty one dollars per seat if you pay annually in advance."

    def say(number: int) -> None:
        view.add_final({"id": number, "party": "them", "text": text, "moves": []})

    def last_row_visible() -> bool:
        last = window.transcript.index(window.transcript.rowCount() - 1)
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


@pytest.fixture
def one_track(tmp_path, espeak):
    """SCRIPT twice over on one mono track: you in en-us, them in en-us+f3."""
    import numpy as np

    from copilot.audio.synth import SAMPLE_RATE, speak, write_wav

    pause = np.zeros(SAMPLE_RATE // 2, np.float32)
    voices = {"you": "en-us", "them": "en-us+f3"}
    track = np.concatenate([x for p, t in SCRIPT * 2 for x in (speak(t, voices[p]), pause)])
    return write_wav(tmp_path / "practice.wav", track)


def _analysed(qtbot, window, path):
    window.analyse(path)
    qtbot.waitUntil(lambda: not window.runner.busy("analyse"), timeout=120_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Analysed"), message
    return message


def _stored_parties(window):
    store = Store(window.db_path)
    [session] = store.sessions()
    rows = store.utterances(session["id"])
    store.close()
    return rows


def test_analyse_finds_your_voice_on_one_track_by_your_profile(qtbot, fake, one_track):
    """Analyse… as the CLI's --me-voice auto: your voice profile says which voice is you."""
    from copilot.audio.diarize import embed_speech
    from copilot.audio.synth import speak
    from copilot.audio.voice_profile import VoiceProfile, profile_path, save_profile
    from models.campplus_encoder import CamPlusEncoder

    window, _engines = fake
    assert "none yet" in window.sessions_tab.voice_label.text()
    mine = speak("I will look at the numbers tonight and call you back tomorrow.", "en-us")
    embedding, seconds = embed_speech(mine, CamPlusEncoder().embed_windows)
    save_profile(profile_path(window.db_path), VoiceProfile(embedding, seconds))

    assert "2 voices found" in _analysed(qtbot, window, one_track)
    assert "learnt from your calls and recordings" in window.sessions_tab.voice_label.text()
    assert window.last_voice_dialog is None  # the profile answered the question
    rows = _stored_parties(window)
    # SCRIPT starts with them (en-us+f3): Speaker 1 is them, Speaker 2 (en-us) is you.
    # (Not the words: recognition wording varies from machine to machine.)
    heard = [(row["speaker"], row["party"], row["text"]) for row in rows]
    assert {(row["speaker"], row["party"]) for row in rows} == {
        ("Speaker 1", "them"),
        ("Speaker 2", "you"),
    }, heard  # (it failed once in a whole run, not since: what was stored, if again)


def test_without_a_profile_analyse_asks_which_voice_is_you(qtbot, fake, one_track):
    window, _engines = fake
    said = _analysed(qtbot, window, one_track)
    dialog = window.last_voice_dialog
    # (Failed in two CI runs on 12-07 with one voice and one sentence stored: Whisper's
    # random fallback had dropped the rest; transcribe_track now retries without sampling.)
    heard = [(row["speaker"], row["party"], row["text"]) for row in _stored_parties(window)]
    assert dialog is not None, (said, heard)
    assert dialog.speakers == ["Speaker 1", "Speaker 2"]
    assert {row["party"] for row in _stored_parties(window)} == {"unknown"}
    buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == "This is me"]
    mine = buttons[0]  # Speaker 1's row
    qtbot.mouseClick(mine, Qt.MouseButton.LeftButton)
    status = window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("Speaker 1 is you"), timeout=60_000)
    rows = _stored_parties(window)  # relabelled in place: still one session
    assert {row["party"] for row in rows} == {"you", "them"}
    assert all(row["party"] == "you" for row in rows if row["speaker"] == "Speaker 1")


def test_one_voice_found_offers_to_analyse_again_as_two(qtbot, fake, tmp_path, espeak):
    """A second voice heard in one turn only (2.7 s, under the six seconds a voice must be
    heard for when guessing) is taken for the first; the panel offers to analyse again as
    two voices, which replaces the session and asks which voice is you.

    (Not two alike voices: on a track this short CAM++ tells en-us+m5 from en-us+m6 no
    better than by the sentences' sounds, so which words each got varied with the machine.
    en-us+f3 and en-us are far apart: 0.45 similar between, 0.8 within.)"""
    import numpy as np

    from copilot.audio.synth import SAMPLE_RATE, speak, write_wav

    window, _engines = fake
    pause = np.zeros(SAMPLE_RATE // 2, np.float32)
    mine = [text for party, text in SCRIPT if party == "you"]
    mine += ["We can start the pilot in March.", "Our budget is fixed for this year."]
    lines = [("en-us+f3", SCRIPT[0][1])] + [("en-us", text) for text in mine]
    track = np.concatenate([x for voice, t in lines for x in (speak(t, voice), pause)])
    path = write_wav(tmp_path / "one_turn.wav", track)
    assert "one voice found" in _analysed(qtbot, window, path)
    box = window.last_voice_offer
    assert box is not None and box.isVisible() and "one_turn.wav" in box.text()
    assert window.last_voice_dialog is None  # no voices to choose between yet
    again = box.button(QMessageBox.StandardButton.Yes)
    assert again.text() == "Analyse as two voices"
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert window.runner.busy("analyse")
    qtbot.waitUntil(lambda: not window.runner.busy("analyse"), timeout=120_000)
    assert "2 voices found" in window.statusBar().currentMessage()
    rows = _stored_parties(window)  # one session: the first was replaced
    heard = [(row["speaker"], row["text"]) for row in rows]
    assert rows[0]["speaker"] == "Speaker 1", heard  # the offer, in the other voice
    assert {row["speaker"] for row in rows[1:]} == {"Speaker 2"}, heard
    dialog = window.last_voice_dialog
    assert dialog is not None and dialog.speakers == ["Speaker 1", "Speaker 2"]


def _flag(flag_id, kind, severity, message, utterance_id=1, resolved=False):
    return {"type": "flag", "id": flag_id, "kind": kind, "severity": severity, "party": "you",
            "utterance_id": utterance_id, "message": message, "tip": f"tip {flag_id}",
            "resolved": resolved}  # fmt: skip


def test_the_most_severe_open_flag_stays_pinned_and_notes_group_into_chips(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)  # flag 7: a warning
    feed = window.feed
    assert feed.pin.isVisible() and "Pressure" in feed.pin_label.text()
    engine.emit(_flag(8, "concession_imbalance", "alert", "You have conceded 2 times to 0"))
    engine.emit(*(_flag(n, "unlogged_commitment", "info", f"Log it {n}") for n in (9, 10, 11)))
    qtbot.waitUntil(lambda: window.flags.rowCount() == 5)
    # The alert is pinned; three newer notes neither push it away nor fill the list.
    assert "conceded 2 times" in feed.pin_label.text()
    assert feed.open_notes() == {"unlogged_commitment": 3}
    chip = feed.chips["unlogged_commitment"]
    assert chip.full_text == "3 commitments to log"
    # Read whole once the layout has given the chip its width (a busy machine lays it out
    # a moment later; until then the chip shows "3 commit…").
    qtbot.waitUntil(lambda: chip.text() == "3 commitments to log", timeout=3000)
    assert feed.view.model().rowCount() == 2  # the alert and the warning
    feed.chips["unlogged_commitment"].click()
    assert window.tabs.currentIndex() == 1
    # Dismissed from the pin: the warning takes its place; Ctrl+Z brings the alert back.
    feed.pin_dismiss.click()
    assert engine.commands == [("dismiss_flag", 8)]
    qtbot.waitUntil(lambda: "Pressure" in feed.pin_label.text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "conceded 2 times" in feed.pin_label.text())
    engine.emit(_flag(9, "unlogged_commitment", "info", "Log it 9", resolved=True))
    qtbot.waitUntil(lambda: feed.chips["unlogged_commitment"].text() == "2 commitments to log")


def test_chips_fit_a_narrow_panel_two_a_row(qtbot, fake):
    window, engines = fake
    engine = _fake_call(qtbot, window, engines)
    kinds = ["one_sided_concession", "unlogged_commitment", "unexplored_position"]
    engine.emit(*(_flag(20 + n, kind, "info", f"note {n}") for n, kind in enumerate(kinds)))
    feed = window.feed
    qtbot.waitUntil(lambda: len(feed.chips) == 3)
    window.resize(420, window.height())
    qtbot.waitUntil(lambda: window.width() <= 440)
    rows = {feed.chip_row.getItemPosition(feed.chip_row.indexOf(c))[0] for c in feed.chips.values()}
    assert rows == {0, 1}
    for chip in feed.chips.values():
        qtbot.waitUntil(lambda chip=chip: chip.text() == chip.full_text)
        assert chip.fontMetrics().horizontalAdvance(chip.text()) <= chip.width() - 16
    # A chip that goes leaves its cell at once: the others close up, no overlap.
    engine.emit(_flag(20, "one_sided_concession", "info", "note 0", resolved=True))
    qtbot.waitUntil(lambda: len(feed.chips) == 2)
    grid = feed.chip_row
    cells = {grid.getItemPosition(grid.indexOf(c))[:2] for c in feed.chips.values()}
    assert cells == {(0, 0), (0, 1)}
    assert feed.chip_row.count() == 2


def test_a_chip_too_narrow_for_its_words_ends_in_an_ellipsis(qtbot):
    chip = Chip()
    qtbot.addWidget(chip)
    chip.set_full_text("They gave 3 things freely")
    chip.resize(90, 24)
    chip.show()
    qtbot.waitUntil(lambda: chip.text().endswith("…"))
    # Cut at the end, never in the middle, and what is shown fits the chip.
    assert chip.full_text.startswith(chip.text()[:-1])
    assert chip.fontMetrics().horizontalAdvance(chip.text()) <= chip.width() - 16
    assert chip.toolTip() == "They gave 3 things freely"
    chip.resize(400, 24)
    qtbot.waitUntil(lambda: chip.text() == "They gave 3 things freely")


def test_a_lost_hotkey_is_said_in_the_window_and_stays_chosen(qtbot, fake):
    window, _engines = fake
    window.hotkey_action.setChecked(True)
    window.hotkey.lost.emit("Global Ctrl+Alt+Shift+L: off, the X connection closed (gone)")
    assert "X connection closed" in window.statusBar().currentMessage()
    assert "X connection closed" in window.hotkey_action.toolTip()
    assert window.hotkey_action.isChecked()  # the user's choice for the next start


def test_during_a_call_the_pickers_fold_into_one_line(qtbot, fake):
    window, engines = fake
    pickers = window.pickers
    assert pickers.grid.isVisible() and not pickers.summary.isVisible()
    qtbot.waitUntil(lambda: pickers.mic_combo.count() > 0)  # listed in the background
    _fake_call(qtbot, window, engines)
    assert pickers.summary.isVisible() and not pickers.grid.isVisible()
    assert pickers.mic_combo.currentText() in pickers.summary.text()
    assert "tiny.en" in pickers.summary.text()
    pickers.summary.click()  # shown to check, not to change mid-call
    assert pickers.grid.isVisible() and not pickers.mic_combo.isEnabled()
    window.stop()
    qtbot.waitUntil(lambda: window.engine is None)
    assert pickers.grid.isVisible() and pickers.mic_combo.isEnabled()
    assert not pickers.summary.isVisible()


def test_the_panel_fits_360_by_480_with_the_flags_in_view(qtbot, fake):
    window, engines = fake
    _fake_call(qtbot, window, engines)
    # The first resize lays the wrapped pin out for the new width; the second one sticks.
    window.resize(360, 480)
    qtbot.wait(50)
    window.resize(360, 480)
    qtbot.waitUntil(lambda: window.size().width() == 360 and window.size().height() == 480)
    assert window.minimumSizeHint().width() <= 360 and window.minimumSizeHint().height() <= 480
    feed = window.feed
    pin = feed.pin.mapTo(window, feed.pin.rect().bottomRight())
    assert feed.pin.isVisible() and pin.y() < 480 and pin.x() <= 360
    assert feed.view.height() >= 40


def test_try_the_demo_replays_the_shipped_call_with_the_example_prep(qtbot, db_path, settings):
    from ui import panel as panel_module

    demos: list[FakeEngine] = []

    def demo(options):
        demos.append(FakeEngine(options))
        return demos[-1]

    window = _open(qtbot, db_path, settings, lambda options: pytest.fail("not the demo"))
    window._demo_factory = demo
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    [entry] = [a for a in help_menu.actions() if a.text() == "Try the demo"]
    entry.trigger()
    qtbot.waitUntil(lambda: window.state == "listening")
    [engine] = demos
    assert engine.options.record is None
    assert "Demo" in window.statusBar().currentMessage()
    assert window.pickers.summary.text().startswith("Demo recording")
    # The default demo plays the recording shipped with the app.
    spec = panel_module._demo_engine_factory(db_path)(engine.options)._spec
    assert spec.replay.is_file() and spec.replay.name == "demo_call.flac"
    _close(qtbot, window)


def test_the_current_issue_shows_its_target_and_walkaway_from_the_prep_sheet(qtbot, fake):
    from copilot.coach.prep import load_prep
    from ui.panel import _resource

    window, engines = fake
    window.prep.set_sheet(load_prep(_resource("prep_example.toml")))
    window.start()
    qtbot.waitUntil(lambda: window.state == "listening")
    assert not window.feed.position_label.isVisible()
    engines[0].emit(
        {"type": "utterance", "id": 1, "party": "them", "text": "We can do forty two.",
         "moves": [{"kind": "offer", "issue": "price", "value": 42}]}
    )  # fmt: skip
    qtbot.waitUntil(lambda: window.feed.position_label.isVisible())
    assert window.feed.position_label.text() == "price: target 38 USD · walk-away 45 USD"
    # The counterpart from the prep sheet: stored with the session, shown during the call.
    assert engines[0].options.prep.counterpart == "Acme Analytics"
    assert window.header.counterpart_label.text() == "with Acme Analytics"
    assert window.windowTitle() == "Negotiation Copilot — Acme Analytics"


def test_analyse_asks_which_named_speaker_is_you_before_it_runs(qtbot, fake, tmp_path):
    window, _engines = fake
    path = tmp_path / "named.txt"
    path.write_text(TRANSCRIPT.replace("Me:", "Priya:"), encoding="utf-8")
    window.analyse(path)
    qtbot.waitUntil(lambda: window.last_voice_dialog is not None, timeout=10_000)
    dialog = window.last_voice_dialog
    assert dialog.windowTitle() == "Which speaker is you?"
    assert dialog.speakers == ["Dana", "Priya"]
    assert not [b for b in dialog.findChildren(QPushButton) if b.text() == "Play"]
    assert not window.runner.busy("analyse")  # nothing runs before the user answers
    [priya] = [b for b in dialog.findChildren(QPushButton) if b.text() == "This is me"][
        1:
    ]  # the second row is Priya's
    priya.click()
    status = window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("Analysed"), timeout=60_000)
    store = Store(window.db_path)
    session_id = store.sessions()[0]["id"]
    parties = {u["speaker"]: u["party"] for u in store.db["utterances"].rows}
    [given] = [f for f in store.flags(session_id) if f.kind == "one_sided_concession"]
    store.close()
    assert parties == {"Dana": "them", "Priya": "you"}
    # Priya's "Fine, we'll waive the setup fee" is flagged as the user's own give.
    assert given.party == "you" and given.severity == "warn"


def test_a_device_plugged_in_is_offered_without_pressing_refresh(qtbot, fake):
    import subprocess

    from tests.conftest import sound_server

    sound_server()
    window, _engines = fake
    combo = window.pickers.loopback_combo
    qtbot.waitUntil(lambda: combo.count() > 0 and not window.runner.busy("devices"), timeout=15_000)
    # A device plugged in before ``pactl subscribe`` has connected is only seen on Refresh
    # (a flake here once): the user plugs in a headset seconds after the window opens.
    qtbot.waitUntil(lambda: window.device_watcher.pid is not None, timeout=15_000)
    qtbot.wait(1000)
    name = f"nc_plugged_{os.getpid()}"
    assert combo.findData(f"{name}.monitor") < 0
    module = subprocess.run(
        ["pactl", "load-module", "module-null-sink", f"sink_name={name}"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    try:
        qtbot.waitUntil(lambda: combo.findData(f"{name}.monitor") >= 0, timeout=15_000)
    finally:
        subprocess.run(["pactl", "unload-module", module], capture_output=True)
    qtbot.waitUntil(lambda: combo.findData(f"{name}.monitor") < 0, timeout=15_000)


def test_a_profile_a_call_taught_is_shown_when_the_call_ends(qtbot, fake):
    """The engine learns your voice when the session ends; the Sessions tab says so."""
    import numpy as np

    from copilot.audio.voice_profile import DIMENSIONS, VoiceProfile, profile_path, save_profile

    window, engines = fake
    assert "none yet" in window.sessions_tab.voice_label.text()
    _fake_call(qtbot, window, engines)
    embedding = np.ones(DIMENSIONS, np.float32) / np.sqrt(DIMENSIONS)
    save_profile(profile_path(window.db_path), VoiceProfile(embedding, 30.0))  # as it would
    window.stop()
    qtbot.waitUntil(lambda: window.engine is None)
    assert "learnt from your calls" in window.sessions_tab.voice_label.text()


def test_a_profile_of_the_earlier_voice_encoder_is_said_to_be_relearnt(qtbot, fake):
    """A Resemblyzer profile (256 numbers, no encoder named) cannot be matched any more."""
    import json

    from copilot.audio.voice_profile import profile_path

    window, _engines = fake
    path = profile_path(window.db_path)
    path.write_text(json.dumps({"embedding": [0.0625] * 256, "seconds": 30.0}), "utf-8")
    window._show_voice_profile()
    assert "earlier voice encoder" in window.sessions_tab.voice_label.text()
    path.write_text("{not json", encoding="utf-8")
    window._show_voice_profile()
    assert "unreadable" in window.sessions_tab.voice_label.text()
