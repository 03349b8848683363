"""The side panel: a narrow window that stands beside the video call.

It assembles widgets that each have one job (the call header, the device pickers, the
flags feed, the transcript, the Commitments, Prep and Sessions tabs) and wires them to
the session controller, which owns every read and write: presentation only here, no
negotiation logic and no SQLite.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from copilot import store_jobs
from copilot.audio.devices import SourceWatcher
from copilot.audio.voice_profile import is_outdated, profile_path
from copilot.errors import CopilotError
from copilot.store import Store, default_db_path
from copilot.store_process import StoreJob
from ui.bridge import EngineBridge
from ui.call_header import STATE_TEXT, CallHeader
from ui.commitments_tab import CommitmentsTab
from ui.controller import EngineFactory, SessionController
from ui.device_pickers import DevicePickers
from ui.flags_feed import FlagsFeed
from ui.hotkey import DEFAULT_SEQUENCE, GlobalHotkey
from ui.prep_editor import PrepEditor
from ui.sessions_tab import SessionsTab
from ui.tasks import TaskRunner
from ui.transcript_view import TranscriptView
from ui.voice_dialog import VoiceDialog, heard_one_voice, needs_a_voice_choice

SHORTCUTS = (
    ("Start listening", "Ctrl+R"),
    ("Pause / resume", "Ctrl+P"),
    ("Stop", "Ctrl+E"),
    ("Log the newest unlogged commitment (asks first)", "Ctrl+L"),
    ("The same from any app, e.g. the video call (X11)", DEFAULT_SEQUENCE),
    ("Dismiss the selected flag", "Del"),
    ("Undo the last log, dismissal or completion", "Ctrl+Z"),
    ("Stay on top", "Ctrl+T"),
    ("Analyse a recording or transcript", "Ctrl+O"),
    ("Review and export the selected session", "Ctrl+Shift+E"),
    ("Keyboard shortcuts", "F1"),
    ("Quit", "Ctrl+Q"),
)
COMMITMENTS_TAB = 1


class PanelWindow(QMainWindow):
    """The side panel.

    Args:
        db_path: the session database; the default one when None.
        engine_factory: builds a live engine from ``LiveOptions`` (tests pass replays).
        settings: where geometry and choices are remembered.
        demo_factory: builds the engine of Help → Try the demo (by default the shipped demo
            call replayed in real time in the engine's child).
    """

    devices_changed = Signal()  # a sound device came or went (from the watcher's thread)

    def __init__(
        self,
        db_path: Path | None = None,
        engine_factory: EngineFactory | None = None,
        settings: QSettings | None = None,
        demo_factory: EngineFactory | None = None,
    ):
        super().__init__()
        self.setWindowTitle("Negotiation Copilot")
        self.db_path = db_path or default_db_path()
        self.settings = settings or QSettings("negotiation-copilot", "panel")
        self.state = "idle"
        self.bridge = EngineBridge(self)
        self.runner = TaskRunner(self)
        self.controller = SessionController(
            self.db_path,
            engine_factory or _default_engine_factory(self.db_path),
            self.bridge,
            self.runner,
            self,
        )
        self._demo_factory = demo_factory or _demo_engine_factory(self.db_path)
        self._demo_running = False
        self._sheet: Any = None  # the prep sheet of the running session
        self._refresh_again = False
        self._devices_stale = False
        self.last_review: Any = None
        # Lines the running analysis said (stereo read as mono, voices found), for its result.
        self.notes: list[str] = []
        self.last_voice_dialog: Any = None
        self.last_voice_offer: QMessageBox | None = None
        # Every log, edit, dismissal and completion can be taken back (Ctrl+Z).
        self.undo_stack = QUndoStack(self)
        # Ctrl+Alt+Shift+L logs a commitment while the video call has the keyboard.
        self.hotkey = GlobalHotkey(parent=self)
        self._build()
        self._menus()
        self._connect()
        self._restore()
        self._show_voice_profile()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        # Sessions a crash left "live" become "interrupted" before the list is read.
        self.controller.read(
            "recover", StoreJob(Store.recover_interrupted), lambda _ids: self.refresh_sessions()
        )
        # Listing devices runs pactl and PortAudio's probe: not on the GUI thread. They are
        # listed again when one comes or goes (a headset plugged in, a call app's output).
        self.refresh_devices()
        self._device_settle = QTimer(self)
        self._device_settle.setSingleShot(True)
        self._device_settle.setInterval(700)
        self._device_settle.timeout.connect(self._devices_changed)
        self.devices_changed.connect(self._device_settle.start)
        self.device_watcher = SourceWatcher(self.devices_changed.emit)
        self.device_watcher.start()
        # pyqtgraph takes most of a second to import: on the runner, not at first sight.
        from ui.charts import warm_up

        self.runner.run(
            "charts", warm_up, lambda _r: self.sessions_tab.charts_ready(), self._show_failure
        )

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.header = CallHeader(central)
        self.pickers = DevicePickers(central)
        self.feed = FlagsFeed(central)
        layout.addWidget(self.header)
        layout.addWidget(self.pickers)
        layout.addWidget(self.feed)
        self.tabs = QTabWidget(central)
        self.tabs.setUsesScrollButtons(True)  # four tabs fit 360 px only when they may scroll
        self.transcript_view = TranscriptView(self.tabs)
        self.commitments_tab = CommitmentsTab(self.tabs)
        self.prep = PrepEditor(self.tabs)
        self.sessions_tab = SessionsTab(self.tabs)
        self.tabs.addTab(self.transcript_view, "Transcript")
        self.tabs.addTab(_scrolling(self.commitments_tab), "Commitments")
        # The tabs shrink first when the window is small (360×480 upward): the longer
        # ones scroll rather than hold the window tall.
        self.tabs.addTab(_scrolling(self.prep), "Prep")
        self.tabs.addTab(_scrolling(self.sessions_tab), "Sessions")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

    def _menus(self) -> None:
        def action(menu: Any, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            item = QAction(text, self)
            item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(lambda _checked=False: slot())
            menu.addAction(item)
            self.addAction(item)
            return item

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        action(file_menu, "Analyse recording or transcript…", "Ctrl+O", self.choose_file_to_analyse)
        action(
            file_menu,
            "Review and export selected session…",
            "Ctrl+Shift+E",
            self.sessions_tab.open_selected,
        )
        action(file_menu, "Quit", "Ctrl+Q", self.close)
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for item in (self.undo_action, self.redo_action):
            edit_menu.addAction(item)
            self.addAction(item)
        session = bar.addMenu("&Session")
        action(session, "Start", "Ctrl+R", self.start)
        action(session, "Pause / resume", "Ctrl+P", self.toggle_pause)
        action(session, "Stop", "Ctrl+E", self.stop)
        action(session, "Log newest commitment", "Ctrl+L", self.commitments_tab.log_newest)
        action(session, "Dismiss flag", "Del", self.feed.dismiss_selected)
        view = bar.addMenu("&View")
        self.on_top_action = action(view, "Stay on top", "Ctrl+T", self._toggle_on_top)
        self.on_top_action.setCheckable(True)
        self.hotkey_action = action(view, f"Global hotkey {DEFAULT_SEQUENCE}", "", self._set_hotkey)
        self.hotkey_action.setCheckable(True)
        help_menu = bar.addMenu("&Help")
        self.demo_action = action(help_menu, "Try the demo", "", self.try_demo)
        action(help_menu, "Keyboard shortcuts", "F1", self.show_shortcuts)

    def _connect(self) -> None:
        header = self.header
        header.start_button.clicked.connect(lambda _checked=False: self.start())
        header.pause_button.clicked.connect(lambda _checked=False: self.toggle_pause())
        header.stop_button.clicked.connect(lambda _checked=False: self.stop())
        self.feed.jump_requested.connect(self.jump_to_utterance)
        self.feed.chip_clicked.connect(self.open_notes_of)
        self.pickers.refresh_requested.connect(self.refresh_devices)
        self.feed.dismiss_requested.connect(self.dismiss_flag)
        self.hotkey.pressed.connect(self.log_from_anywhere)
        self.hotkey.lost.connect(self._hotkey_lost)
        self.commitments_tab.change_requested.connect(self.change_commitment)
        sessions = self.sessions_tab
        sessions.search_requested.connect(self.search)
        sessions.refresh_requested.connect(self.refresh_sessions)
        sessions.review_requested.connect(self.open_review)
        sessions.analyse_requested.connect(self.choose_file_to_analyse)
        self.controller.engine_changed.connect(self._update_controls)
        self.controller.failed.connect(self._show_failure)
        self.runner.failed.connect(lambda _name, message: self._show_failure(message))
        bridge = self.bridge
        bridge.status.connect(self.on_status)
        bridge.utterance.connect(self.transcript_view.add_final)
        bridge.utterance.connect(self.show_current_issue)
        bridge.interim.connect(self.transcript_view.set_interim)
        bridge.flag.connect(self.feed.show_flag)
        bridge.commitment.connect(self.on_commitment)
        bridge.level.connect(lambda event: self.header.show_level(event["party"], event["rms"]))
        bridge.metrics.connect(self.feed.show_metrics)
        bridge.progress.connect(self.on_progress)
        self._update_controls()

    # ------------------------------------------------------------------ undoable changes

    def change_commitment(self, commitment_id: int, status: str, edits: dict[str, str]) -> None:
        """Log, edit, dismiss or complete a commitment, as an undoable step."""
        from ui.undo import ChangeCommitment

        item = self.commitments_tab.item(commitment_id)
        if item is None:
            return
        command = ChangeCommitment(
            lambda cid, s, e: self.controller.change_commitment(cid, s, **e), item, status, edits
        )
        self.undo_stack.push(command)
        self.statusBar().showMessage(f"{command.text()}. Ctrl+Z undoes.", 8000)

    def dismiss_flag(self, flag: dict[str, Any]) -> None:
        """Dismiss a flag, as an undoable step."""
        from ui.undo import DismissFlag

        command = DismissFlag(self.controller.dismiss_flag, flag)
        self.undo_stack.push(command)
        self.statusBar().showMessage(f"{command.text()}. Ctrl+Z undoes.", 8000)

    # ------------------------------------------------------------------ the parts, by name

    @property
    def engine(self) -> Any:
        """The running live engine, or None."""
        return self.controller.engine

    @property
    def transcript(self) -> Any:
        """The transcript's model."""
        return self.transcript_view.transcript

    @property
    def flags(self) -> Any:
        """The flags feed's model."""
        return self.feed.flags

    @property
    def commitments(self) -> Any:
        """The commitments' model."""
        return self.commitments_tab.commitments

    @property
    def levels(self) -> dict[str, Any]:
        """The input level meters by party."""
        return self.header.levels

    # ------------------------------------------------------------------ settings

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(420, 760)
        on_top = self.settings.value("stay_on_top", False, type=bool)
        self.on_top_action.setChecked(on_top)
        self._apply_on_top(on_top)
        self.header.record_box.setChecked(self.settings.value("record", False, type=bool))
        self.pickers.set_model(self.settings.value("model", ""))
        self.hotkey_action.setChecked(self.settings.value("global_hotkey", True, type=bool))
        self._set_hotkey()

    def _save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("stay_on_top", self.on_top_action.isChecked())
        self.settings.setValue("global_hotkey", self.hotkey_action.isChecked())
        self.settings.setValue("record", self.header.record_box.isChecked())
        self.settings.setValue("model", self.pickers.model_combo.currentText())
        self.settings.setValue("mic", self.pickers.mic())
        self.settings.setValue("loopback", self.pickers.loopback())

    def refresh_devices(self) -> None:
        """List the devices again (pactl and PortAudio's probe run on the task runner)."""
        self._devices_stale = False
        if not self.runner.busy("devices"):
            self.runner.run("devices", _list_devices, self._on_devices, self._show_failure)

    def _on_devices(self, listing: dict[str, Any]) -> None:
        self.pickers.fill(listing, self.settings.value("mic"), self.settings.value("loopback"))

    # ------------------------------------------------------------------ session control

    def live_options(self) -> Any:
        """The live options the controls describe."""
        from copilot.audio.voice_profile import profile_path
        from copilot.live import LiveOptions
        from models.whisper import WhisperSettings

        record = None
        if self.header.record_box.isChecked():
            folder = self.db_path.parent / "recordings"
            folder.mkdir(parents=True, exist_ok=True)
            record = folder / time.strftime("call-%Y%m%d-%H%M%S.wav")
        return LiveOptions(
            mic=self.pickers.mic(),
            loopback=self.pickers.loopback(),
            record=record,
            interim=True,
            whisper=WhisperSettings(model=self.pickers.model()),
            prep=self.prep.sheet(),
            voice_profile=profile_path(self.db_path),
        )

    def try_demo(self) -> None:
        """Help → Try the demo: a recorded negotiation plays through the coach as if it were
        a call (no device is opened)."""
        if self.engine is not None:
            self.statusBar().showMessage("Stop the session first to try the demo.", 8000)
            return
        self.start(demo=True)
        self.statusBar().showMessage(
            "Demo: a 52-second recorded negotiation plays through the coach; nothing is "
            "captured. Stop ends it.",
            15000,
        )

    def start(self, demo: bool = False) -> None:
        """Start a live session (the models load in the engine's child, not here)."""
        if self.engine is not None:
            return
        for model in (self.transcript, self.commitments):
            model.clear()
        self.feed.clear()
        self.feed.show_position("")
        self.undo_stack.clear()  # the steps were on rows of the last session
        options = self.live_options()
        if demo:
            from dataclasses import replace

            options = replace(options, record=None)
        self._demo_running = demo
        self._sheet = options.prep
        counterpart = options.prep.counterpart if options.prep else None
        self.setWindowTitle(
            f"Negotiation Copilot — {counterpart}" if counterpart else "Negotiation Copilot"
        )
        self.header.show_counterpart(counterpart)
        if self.controller.start(options, self._demo_factory if demo else None):
            self._clock.start()

    def toggle_pause(self) -> None:
        """Pause or resume listening."""
        self.controller.pause(self.state != "paused")

    def stop(self) -> None:
        """Stop the session; the engine winds down off the GUI thread."""
        self.controller.stop()

    def _update_controls(self) -> None:
        running = self.engine is not None
        self.header.show_controls(running, self.controller.stopping, self.state == "paused")
        # During a call the pickers fold into one line: the flags get the room.
        self.pickers.set_running(running, demo=running and self._demo_running)
        if not running and self._devices_stale:
            self.refresh_devices()

    def _devices_changed(self) -> None:
        """A sound device came or went: list them again, once the burst of events settles
        (during a call the lists wait, so the summary keeps naming what is open)."""
        if self.engine is not None:
            self._devices_stale = True
            return
        self.refresh_devices()

    def _tick(self) -> None:
        self.header.show_elapsed(time.monotonic() - self.controller.started_at)

    # ------------------------------------------------------------------ engine events

    @Slot(object)
    def on_status(self, event: dict[str, Any]) -> None:
        """Show the engine's state; at "done" the session is over."""
        state = event["state"]
        self.state = state if state in STATE_TEXT else self.state
        self.header.show_state(state, event.get("message", ""), event.get("party"))
        if state == "error":  # stays in the status bar after the session winds down
            self.statusBar().showMessage(f"Error: {event.get('message', '')}")
        if event.get("model"):
            self.header.model_label.setText(event["model"])
        if state == "done":
            self._clock.stop()
            self.state = "idle"
            self.refresh_sessions()
            self._show_voice_profile()  # the call's microphone may have taught one
        self._update_controls()

    @Slot(object)
    def on_commitment(self, event: dict[str, Any]) -> None:
        """A new or changed commitment; the tab shows how many are unlogged."""
        count = self.commitments_tab.show_commitment(event)
        label = f"Commitments ({count})" if count else "Commitments"
        self.tabs.setTabText(COMMITMENTS_TAB, label)

    @Slot(object)
    def show_current_issue(self, event: dict[str, Any]) -> None:
        """Beside the balance: the target and walk-away of the issue just talked about."""
        sheet = self._sheet
        if sheet is None:
            return
        for move in event.get("moves", []):
            issue = sheet.issue(move.get("issue"))
            if issue is None or (issue.target is None and issue.walkaway is None):
                continue
            unit = f" {issue.unit}" if issue.unit else ""
            parts = [f"target {issue.target:g}{unit}"] if issue.target is not None else []
            if issue.walkaway is not None:
                parts.append(f"walk-away {issue.walkaway:g}{unit}")
            self.feed.show_position(f"{issue.name}: " + " · ".join(parts))
            return

    def open_notes_of(self, kind: str) -> None:
        """A chip was clicked: commitments to log open their tab; others show the latest."""
        if kind == "unlogged_commitment":
            self.tabs.setCurrentIndex(COMMITMENTS_TAB)
            return
        latest = self.feed.latest_of(kind)
        if latest and latest.get("utterance_id"):
            self.jump_to_utterance(latest["utterance_id"])
        if latest:
            self.statusBar().showMessage(f"{latest['message']} → {latest['tip']}", 10000)

    def jump_to_utterance(self, utterance_id: int) -> None:
        """Show the utterance a flag points at."""
        if self.transcript_view.show_utterance(utterance_id):
            self.tabs.setCurrentWidget(self.transcript_view)

    def _show_failure(self, message: str) -> None:
        self.progress.hide()
        self.statusBar().showMessage(message)

    # ------------------------------------------------------------------ files and sessions

    def choose_file_to_analyse(self) -> None:
        """File → Analyse…: pick a file and analyse it in the background."""
        from copilot.audio.decode import AUDIO_EXTENSIONS
        from copilot.transcripts import TRANSCRIPT_EXTENSIONS

        patterns = " ".join(f"*{ext}" for ext in AUDIO_EXTENSIONS + TRANSCRIPT_EXTENSIONS)
        name, _ = QFileDialog.getOpenFileName(
            self, "Analyse recording or transcript", "", f"Recordings and transcripts ({patterns})"
        )
        if name:
            self.analyse(Path(name))

    def analyse(self, path: Path) -> None:
        """Analyse a file off the GUI thread, with a progress bar; a transcript whose speakers
        are only names first asks which one is you."""
        from copilot.transcripts import TRANSCRIPT_EXTENSIONS

        if self.runner.busy("analyse"):
            return
        if path.suffix.lower() not in TRANSCRIPT_EXTENSIONS:
            self._analyse(path, None)
            return

        def read() -> list[dict[str, Any]]:
            from copilot.transcripts import read_transcript
            from ui.voice_dialog import speakers_without_a_side

            return speakers_without_a_side(read_transcript(path))

        def ask(lines: list[dict[str, Any]]) -> None:
            if not lines:
                self._analyse(path, None)
                return
            dialog = VoiceDialog(lines, self, named=True)
            dialog.chosen.connect(lambda name: self._analyse(path, name))
            dialog.rejected.connect(lambda: self._analyse(path, None))
            self.last_voice_dialog = dialog
            dialog.open()

        failed = lambda m: self._show_failure(f"Could not analyse: {m}")  # noqa: E731
        self.runner.run("read-speakers", read, ask, failed)

    def _analyse(
        self, path: Path, me: str | None, voices: int | None = None, instead_of: int | None = None
    ) -> None:
        """Analyse ``path`` in the store process; ``voices`` says how many people speak on
        a one-track recording, and the new session takes the place of ``instead_of``."""
        if self.runner.busy("analyse"):
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage(f"Analysing {path.name}…")
        self.notes.clear()
        # As the CLI does, with your voice profile: learnt from your calls and stereo
        # recordings, and used to tell which voice is yours on a one-track recording.
        # (AnalyzeOptions' fields: the store process imports the analysis, not this thread.)
        options = dict(
            prep=self.prep.sheet(),
            voice_profile=profile_path(self.db_path),
            me_voice="auto",
            me=me,
        )
        if voices:
            from copilot.audio.diarize import DiarizeOptions  # numpy only: no model loads

            options.update(diarization=DiarizeOptions(speakers=voices))
        progress, notes = self.bridge.progress, self.notes

        def heard(kind: str, value: Any) -> None:  # on the store process's reader thread
            if kind == "progress":
                progress.emit(*value)  # a signal: queued to the GUI thread
            else:
                notes.append(value)  # read once the analysis is done

        if instead_of is None:
            job = StoreJob(store_jobs.analyse, (path, options), reports=True)
        else:
            job = StoreJob(store_jobs.analyse_instead, (path, options, instead_of), reports=True)
        # Told how many voices there are, one voice found is the answer, not a question.
        offer = voices is None
        self.controller.read(
            "analyse",
            job,
            lambda result: self.on_analysed(result, offer_two_voices=offer),
            lambda m: self._show_failure(f"Could not analyse: {m}"),
            on_report=heard,
        )

    @Slot(float, float)
    def on_progress(self, done: float, total: float) -> None:
        """Analysis progress in seconds of audio."""
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(int(done))

    def on_analysed(self, result: dict[str, Any], offer_two_voices: bool = True) -> None:
        """An analysis finished: show its counts (and what was decided about it), list it;
        one voice heard on one track is offered a second look as two unless
        ``offer_two_voices`` is off (the analysis was told how many voices there are)."""
        self.progress.hide()
        said = "".join(f" — {line}" for line in self.notes)
        self.statusBar().showMessage(
            f"Analysed {Path(result['source']).name}: {len(result['utterances'])} utterances, "
            f"{len(result['flags'])} flags, {len(result['commitments'])} commitments{said}"
        )
        self.refresh_sessions()
        self._show_voice_profile()
        if needs_a_voice_choice(result):
            self.ask_which_voice(result)
        elif offer_two_voices and heard_one_voice(result):
            self.offer_two_voices(Path(result["source"]), result["session_id"])

    def offer_two_voices(self, source: Path, session_id: int) -> QMessageBox:
        """One voice was heard on a one-track recording: two people who sound alike are
        heard as one unless told. Asks (without blocking) whether to analyse it again as
        two voices, in place of session ``session_id``, the one just made."""
        box = QMessageBox(self)
        box.setWindowTitle("One voice found")
        box.setText(f"One voice was heard in {source.name}.")
        box.setInformativeText(
            "If two people speak on it, analyse it again as two voices: voices that "
            "sound alike are then told apart. The session just made is replaced."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("Analyse as two voices")
        box.button(QMessageBox.StandardButton.No).setText("Keep one voice")
        box.accepted.connect(lambda: self._analyse(source, None, voices=2, instead_of=session_id))
        self.last_voice_offer = box
        box.open()
        return box

    def ask_which_voice(self, result: dict[str, Any]) -> Any:
        """Ask which voice of a one-track recording is you; the chosen one relabels the
        session (its text is kept: nothing is transcribed again). Returns the dialog."""
        dialog = VoiceDialog(result["utterances"], self)
        source, session_id = Path(result["source"]), result["session_id"]
        dialog.play_requested.connect(lambda utterance: self._play_sample(source, utterance))
        dialog.chosen.connect(lambda speaker: self._relabel(session_id, speaker))
        self.last_voice_dialog = dialog
        dialog.open()
        return dialog

    def _play_sample(self, source: Path, utterance: dict[str, Any]) -> None:
        def play() -> None:
            from copilot.audio.playback import play_span

            play_span(source, utterance["start"] or 0.0, utterance["end"] or 0.0)

        self.runner.run("play", play, failed=lambda m: self._show_failure(f"Cannot play: {m}"))

    def _relabel(self, session_id: int, speaker: str) -> None:
        job = StoreJob(store_jobs.relabel, (session_id, speaker, self.prep.sheet()))

        def done(result: dict[str, Any]) -> None:
            self.statusBar().showMessage(
                f"{speaker} is you: {len(result['flags'])} flags, "
                f"{len(result['commitments'])} commitments"
            )
            self.refresh_sessions()

        self.statusBar().showMessage(f"Coaching again with {speaker} as you…")
        self.controller.read("relabel", job, done)

    def _show_voice_profile(self) -> None:
        """Say in the Sessions tab whether a voice profile exists (a file check, no SQLite)."""
        path = profile_path(self.db_path)
        try:
            outdated = is_outdated(path)
        except CopilotError:
            self.sessions_tab.voice_label.setText(
                "Voice profile: unreadable; the forget-voice command removes it"
            )
            return
        if outdated:
            text = (
                "Voice profile: made by an earlier voice encoder; it is learnt again from "
                "your next call or stereo recording"
            )
        elif path.is_file():
            text = "Voice profile: learnt from your calls and recordings (forget-voice deletes it)"
        else:
            text = (
                "Voice profile: none yet (learnt from your microphone in calls and the 'you' "
                "side of stereo recordings)"
            )
        self.sessions_tab.voice_label.setText(text)

    def search(self, query: str) -> None:
        """Full-text search over every session; a hit opens its session's review."""
        self.controller.read(
            "search",
            StoreJob(Store.search, (query,)),
            lambda hits: self.sessions_tab.show_hits(query, hits),
        )

    def refresh_sessions(self) -> None:
        """Reload the sessions list and the practice trend (one read at a time)."""
        if self.runner.busy("sessions"):
            self._refresh_again = True
            return
        self._refresh_again = False

        job = StoreJob(store_jobs.sessions_and_progress)
        self.controller.read("sessions", job, self._on_sessions)

    def _on_sessions(self, listing: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        self.sessions_tab.show_sessions(*listing)
        if self._refresh_again:
            self.refresh_sessions()

    def open_review(self, session_id: int) -> None:
        """Open one session's review once it is read; it becomes ``last_review``."""
        from copilot.review import build_review

        self.controller.read("review", StoreJob(build_review, (session_id,)), self._show_review)

    def _show_review(self, review: dict[str, Any]) -> None:
        from ui.review_dialog import ReviewDialog

        self.last_review = ReviewDialog(review, self)
        self.last_review.open()

    # ------------------------------------------------------------------ window

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts."""
        rows = "".join(
            f"<tr><td>{name}</td><td><b>{keys}</b></td></tr>" for name, keys in SHORTCUTS
        )
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(f"<table cellspacing='6'>{rows}</table>")
        box.open()

    def _set_hotkey(self) -> None:
        """View → Global hotkey: grab or release it, and say whether it works here."""
        if self.hotkey_action.isChecked():
            status = self.hotkey.start(QGuiApplication.platformName())
        else:
            self.hotkey.stop()
            status = self.hotkey.status
        self.hotkey_action.setToolTip(status.message)
        self.statusBar().showMessage(status.message, 10000)

    def _hotkey_lost(self, message: str) -> None:
        """The hotkey's X connection closed under it: say so. The menu entry stays ticked,
        as the user's choice for the next start."""
        self.hotkey_action.setToolTip(message)
        self.statusBar().showMessage(message, 10000)

    def log_from_anywhere(self) -> Any:
        """The global hotkey: bring the panel forward with the newest commitment to confirm
        (Return logs it, Esc leaves it); the dialog, or None when there is nothing to log."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        open_already = self.commitments_tab.dialog
        if open_already is not None and open_already.isVisible():
            open_already.raise_()  # pressed again: the confirmation is still waiting
            open_already.activateWindow()
            return open_already
        dialog = self.commitments_tab.log_newest()
        if dialog is None:
            self.statusBar().showMessage("No unlogged commitment to log.", 8000)
        return dialog

    def _toggle_on_top(self) -> None:
        self._apply_on_top(self.on_top_action.isChecked())

    def _apply_on_top(self, on_top: bool) -> None:
        # Changing a window flag hides the window: show it again if it was shown.
        was_visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        if was_visible:
            self.show()

    def hide_from_screen_sharing(self) -> bool:
        """Windows only (untested here): exclude the window from captures and shares."""
        if sys.platform != "win32":
            return False
        import ctypes

        wda_exclude_from_capture = 0x11
        return bool(
            ctypes.windll.user32.SetWindowDisplayAffinity(
                int(self.winId()), wda_exclude_from_capture
            )
        )

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Stop a running session and wait for background work before closing."""
        self._save_settings()
        self.hotkey.stop()
        self.device_watcher.stop()
        self.bridge.blockSignals(True)  # events still queued must not reach closed widgets
        self.controller.shutdown()
        self.runner.blockSignals(True)
        super().closeEvent(event)


def _demo_engine_factory(db_path: Path) -> EngineFactory:
    def make(options: Any) -> Any:
        from copilot.engine_process import EngineProcess, EngineSpec

        return EngineProcess(EngineSpec(db_path, options, replay=_resource("demo_call.flac")))

    return make


def _resource(name: str) -> Path:
    from importlib.resources import files

    return Path(str(files("resources") / name))


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _list_devices() -> dict[str, Any]:
    from copilot.audio.devices import list_devices

    return list_devices()


def _default_engine_factory(db_path: Path) -> EngineFactory:
    def make(options: Any) -> Any:
        from copilot.engine_process import EngineProcess, EngineSpec

        return EngineProcess(EngineSpec(db_path, options))

    return make
