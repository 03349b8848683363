"""The side panel: a narrow window that stands beside the video call.

Presentation only: it starts and stops the engine, shows its events through the bridge's
queued signals, and sends the user's commitment actions back. No negotiation logic here.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from copilot.store import Store, default_db_path, resolve_flag
from ui.bridge import EngineBridge
from ui.models import CommitmentsModel, FlagsModel, TranscriptModel
from ui.prep_editor import PrepEditor
from ui.widgets import BalanceMeter, LevelMeter, TrendChart

STATE_TEXT = {
    "idle": "Idle",
    "loading": "Loading models…",
    "loaded": "Models loaded",
    "listening": "Listening",
    "paused": "Paused",
    "falling_behind": "Falling behind",
    "capture_lag": "Catching up (old audio skipped)",
    "device_lost": "Device lost",
    "overflow": "Listening (input overflow)",
    "error": "Error",
    "done": "Idle",
}
SHORTCUTS = (
    ("Start listening", "Ctrl+R"),
    ("Pause / resume", "Ctrl+P"),
    ("Stop", "Ctrl+E"),
    ("Log the newest unlogged commitment", "Ctrl+L"),
    ("Dismiss the selected flag", "Del"),
    ("Stay on top", "Ctrl+T"),
    ("Analyse a recording or transcript", "Ctrl+O"),
    ("Review and export the selected session", "Ctrl+Shift+E"),
    ("Keyboard shortcuts", "F1"),
    ("Quit", "Ctrl+Q"),
)
EngineFactory = Callable[[Any], Any]


class PanelWindow(QMainWindow):
    """The side panel.

    Args:
        db_path: the session database; the default one when None.
        engine_factory: builds a live engine from ``LiveOptions`` (tests pass replays).
        settings: where geometry and choices are remembered.
    """

    def __init__(
        self,
        db_path: Path | None = None,
        engine_factory: EngineFactory | None = None,
        settings: QSettings | None = None,
    ):
        super().__init__()
        self.setWindowTitle("Negotiation Copilot")
        self.db_path = db_path or default_db_path()
        self.store = Store(self.db_path)
        self.interrupted = self.store.recover_interrupted()
        self.settings = settings or QSettings("negotiation-copilot", "panel")
        self._engine_factory = engine_factory or _default_engine_factory(self.db_path)
        self.engine: Any = None
        self._refresher: threading.Thread | None = None
        self._refresh_again = False
        self._finished_stoppers: list[threading.Thread | None] = []
        self._stopper: threading.Thread | None = None
        self._worker: threading.Thread | None = None
        self._started = 0.0
        self.state = "idle"
        self.bridge = EngineBridge(self)
        self.transcript = TranscriptModel(parent=self)
        self.flags = FlagsModel(self)
        self.commitments = CommitmentsModel(self)
        self._build()
        self._connect()
        self.refresh_sessions()
        self._restore()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        # Listing devices runs pactl and PortAudio's probe: not on the GUI thread.
        self._devices_thread = threading.Thread(target=self._list_devices, name="panel-devices")
        self._devices_thread.start()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        header = QGridLayout()
        self.state_label = QLabel("Idle", central)
        self.state_label.setStyleSheet("font-weight: bold")
        self.elapsed_label = QLabel("00:00", central)
        self.model_label = QLabel("tiny.en (bundled)", central)
        header.addWidget(self.state_label, 0, 0)
        header.addWidget(self.elapsed_label, 0, 1)
        header.addWidget(self.model_label, 0, 2)
        self.levels = {party: LevelMeter(party, central) for party in ("you", "them")}
        header.addWidget(QLabel("you", central), 1, 0)
        header.addWidget(self.levels["you"], 1, 1, 1, 2)
        header.addWidget(QLabel("them", central), 2, 0)
        header.addWidget(self.levels["them"], 2, 1, 1, 2)
        layout.addLayout(header)

        controls = QHBoxLayout()
        self.start_button = QPushButton("Start", central)
        self.pause_button = QPushButton("Pause", central)
        self.stop_button = QPushButton("Stop", central)
        self.record_box = QCheckBox("Record", central)
        self.record_box.setToolTip("Save the call as a stereo WAV (off by default for privacy)")
        for widget in (self.start_button, self.pause_button, self.stop_button, self.record_box):
            controls.addWidget(widget)
        layout.addLayout(controls)

        devices = QGridLayout()
        self.mic_combo = QComboBox(central)
        self.loopback_combo = QComboBox(central)
        self.model_combo = QComboBox(central)
        self.model_combo.setEditable(True)
        self.model_combo.addItems(["tiny.en (bundled)", "base.en", "small.en"])
        self.model_combo.setToolTip("A model name in the local cache, or a model folder")
        for row, (label, combo) in enumerate(
            (
                ("Mic", self.mic_combo),
                ("Call audio", self.loopback_combo),
                ("Model", self.model_combo),
            )
        ):
            devices.addWidget(QLabel(label, central), row, 0)
            devices.addWidget(combo, row, 1)
        self.capture_note = QLabel("", central)
        self.capture_note.setWordWrap(True)
        devices.addWidget(self.capture_note, 3, 0, 1, 2)
        layout.addLayout(devices)

        self.flags_view = QListView(central)
        self.flags_view.setModel(self.flags)
        self.flags_view.setWordWrap(True)
        self.flags_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.flags_view.setBatchSize(25)
        self.flags_view.setMaximumHeight(170)
        self.flags_view.setAccessibleName("Coaching flags")
        layout.addWidget(QLabel("Flags", central))
        layout.addWidget(self.flags_view)
        self.balance = BalanceMeter(central)
        layout.addWidget(self.balance)

        self.tabs = QTabWidget(central)
        self.transcript_view = QListView(self.tabs)
        self.transcript_view.setModel(self.transcript)
        self.transcript_view.setWordWrap(True)
        self.transcript_view.setUniformItemSizes(False)
        # Word-wrapped rows of different heights are laid out again whenever rows change;
        # in batches of 50 the event loop runs between them instead of waiting for all 2000.
        self.transcript_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.transcript_view.setBatchSize(50)
        self._follow_transcript = True
        bar = self.transcript_view.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_following)
        bar.valueChanged.connect(self._note_scroll)
        self.tabs.addTab(self.transcript_view, "Transcript")
        self.tabs.addTab(self._commitments_tab(), "Commitments")
        self.prep = PrepEditor(self.tabs)
        self.tabs.addTab(self.prep, "Prep")
        self.tabs.addTab(self._sessions_tab(), "Sessions")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self._menus()

    def _commitments_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.commitments_view = QTableView(tab)
        self.commitments_view.setModel(self.commitments)
        self.commitments_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.commitments_view.horizontalHeader()
        for column in range(self.commitments.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == 1
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.commitments_view.setWordWrap(True)
        layout.addWidget(self.commitments_view)
        buttons = QHBoxLayout()
        edit = QPushButton("Edit…", tab)
        edit.clicked.connect(self.edit_selected_commitment)
        buttons.addWidget(edit)
        for label, status in (("Log", "logged"), ("Dismiss", "dismissed"), ("Done", "done")):
            button = QPushButton(label, tab)
            button.clicked.connect(lambda _=False, s=status: self.change_selected_commitment(s))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return tab

    def _sessions_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.search_box = QLineEdit(tab)
        self.search_box.setPlaceholderText("Search every session…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        self.search_box.textChanged.connect(lambda text: None if text else self.refresh_sessions())
        layout.addWidget(self.search_box)
        self.sessions_list = QListWidget(tab)
        self.sessions_list.itemActivated.connect(lambda _item: self.open_review())
        layout.addWidget(self.sessions_list)
        open_review = QPushButton("Open review", tab)
        open_review.clicked.connect(self.open_review)
        layout.addWidget(open_review)
        self.trend = TrendChart(tab)
        layout.addWidget(self.trend)
        analyse = QPushButton("Analyse recording or transcript…", tab)
        analyse.clicked.connect(self.choose_file_to_analyse)
        layout.addWidget(analyse)
        return tab

    def _menus(self) -> None:
        def action(menu: Any, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            item = QAction(text, self)
            item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(slot)
            menu.addAction(item)
            self.addAction(item)
            return item

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        action(file_menu, "Analyse recording or transcript…", "Ctrl+O", self.choose_file_to_analyse)
        action(file_menu, "Review and export selected session…", "Ctrl+Shift+E", self.open_review)
        action(file_menu, "Quit", "Ctrl+Q", self.close)
        session = bar.addMenu("&Session")
        action(session, "Start", "Ctrl+R", self.start)
        action(session, "Pause / resume", "Ctrl+P", self.toggle_pause)
        action(session, "Stop", "Ctrl+E", self.stop)
        action(session, "Log newest commitment", "Ctrl+L", self.log_newest_commitment)
        action(session, "Dismiss flag", "Del", self.dismiss_selected_flag)
        view = bar.addMenu("&View")
        self.on_top_action = action(view, "Stay on top", "Ctrl+T", self._toggle_on_top)
        self.on_top_action.setCheckable(True)
        help_menu = bar.addMenu("&Help")
        action(help_menu, "Keyboard shortcuts", "F1", self.show_shortcuts)

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.flags_view.clicked.connect(self.jump_to_flag)
        bridge = self.bridge
        bridge.status.connect(self.on_status)
        bridge.utterance.connect(self.on_utterance)
        bridge.interim.connect(self.on_interim)
        bridge.flag.connect(self.on_flag)
        bridge.commitment.connect(self.on_commitment)
        bridge.level.connect(self.on_level)
        bridge.metrics.connect(self.on_metrics)
        bridge.progress.connect(self.on_progress)
        bridge.analysed.connect(self.on_analysed)
        bridge.failed.connect(self.on_failed)
        bridge.devices.connect(self.on_devices)
        bridge.sessions.connect(self.on_sessions)
        self._update_controls()

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
        self.record_box.setChecked(self.settings.value("record", False, type=bool))
        model = self.settings.value("model", "")
        if model:
            self.model_combo.setCurrentText(model)

    def _save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("stay_on_top", self.on_top_action.isChecked())
        self.settings.setValue("record", self.record_box.isChecked())
        self.settings.setValue("model", self.model_combo.currentText())
        self.settings.setValue("mic", self.mic_combo.currentData())
        self.settings.setValue("loopback", self.loopback_combo.currentData())

    def _list_devices(self) -> None:
        from copilot.audio.devices import list_devices

        self.bridge.devices.emit(list_devices())

    @Slot(object)
    def on_devices(self, listing: dict[str, Any]) -> None:
        """Fill the device pickers (the listing was made off the GUI thread)."""
        if listing["error"]:
            self.capture_note.setText(f"Live capture unavailable: {listing['error']}")
        self.mic_combo.addItem("Default microphone", None)
        self.loopback_combo.addItem("Default output (monitor)", None)
        for device in listing["inputs"]:
            self.mic_combo.addItem(device["name"], str(device["index"]))
        for source in listing["pulse_sources"]:
            combo = self.loopback_combo if source["loopback"] else self.mic_combo
            combo.addItem(source["name"], source["name"])
        self.mic_combo.addItem("None", "none")
        self.loopback_combo.addItem("None", "none")
        for combo, key in ((self.mic_combo, "mic"), (self.loopback_combo, "loopback")):
            index = combo.findData(self.settings.value(key))
            if index >= 0:
                combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ session control

    def live_options(self) -> Any:
        """The live options the controls describe."""
        from copilot.live import LiveOptions
        from models.whisper import WhisperSettings

        model = self.model_combo.currentText().strip()
        record = None
        if self.record_box.isChecked():
            folder = self.db_path.parent / "recordings"
            folder.mkdir(parents=True, exist_ok=True)
            record = folder / time.strftime("call-%Y%m%d-%H%M%S.wav")
        return LiveOptions(
            mic=self.mic_combo.currentData(),
            loopback=self.loopback_combo.currentData(),
            record=record,
            interim=True,
            whisper=WhisperSettings(
                model=None if model.endswith("(bundled)") or not model else model
            ),
            prep=self.prep.sheet(),
        )

    def start(self) -> None:
        """Start a live session (the models load in the engine's worker, not here)."""
        if self.engine is not None:
            return
        for model in (self.transcript, self.flags, self.commitments):
            model.clear()
        self.engine = self._engine_factory(self.live_options())
        self.engine.subscribe(self.bridge.listener)
        self._started = time.monotonic()
        self._clock.start()
        self.engine.start()
        self._update_controls()

    def toggle_pause(self) -> None:
        """Pause or resume listening."""
        if self.engine is not None:
            self.engine.pause(self.state != "paused")

    def stop(self) -> None:
        """Stop the session; the engine winds down off the GUI thread."""
        if self.engine is None or self._stopper is not None:
            return
        self._stopper = threading.Thread(target=self.engine.stop, name="panel-stop")
        self._stopper.start()
        self._update_controls()

    def _update_controls(self) -> None:
        running = self.engine is not None
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running and self._stopper is None)
        self.pause_button.setText("Resume" if self.state == "paused" else "Pause")

    def _tick(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.elapsed_label.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    # ------------------------------------------------------------------ engine events

    @Slot(object)
    def on_status(self, event: dict[str, Any]) -> None:
        """Show the engine's state; at "done" the session is over."""
        state = event["state"]
        self.state = state if state in STATE_TEXT else self.state
        text = STATE_TEXT.get(state, state)
        if state == "error":
            text = f"Error: {event.get('message', '')}"
            self.statusBar().showMessage(text)  # stays after the session winds down
        if event.get("model"):
            self.model_label.setText(event["model"])
        self.state_label.setText(text)
        if state == "done":
            self._finished()
        self._update_controls()

    def _finished(self) -> None:
        self._clock.stop()
        if self._stopper is None and self.engine is not None:
            # It ended by itself; its threads are finishing. Join them off the GUI thread.
            self._stopper = threading.Thread(target=self.engine.stop, name="panel-stop")
            self._stopper.start()
        self._finished_stoppers.append(self._stopper)
        self._stopper = None
        self.engine = None
        self.state = "idle"
        self.refresh_sessions()

    @Slot(object)
    def on_utterance(self, event: dict[str, Any]) -> None:
        """A final utterance replaces its interim text (the view follows the end)."""
        self.transcript.add_final(event)

    @Slot(int, int)
    def _keep_following(self, _minimum: int, maximum: int) -> None:
        # The batched layout grows the range a batch at a time: stay at the end meanwhile.
        if self._follow_transcript:
            self.transcript_view.verticalScrollBar().setValue(maximum)

    @Slot(int)
    def _note_scroll(self, value: int) -> None:
        # Scrolled up to reread: stop following until the user is back at the end.
        self._follow_transcript = value >= self.transcript_view.verticalScrollBar().maximum() - 4

    @Slot(object)
    def on_interim(self, event: dict[str, Any]) -> None:
        """Greyed text of the utterance in progress."""
        self.transcript.set_interim(event)

    @Slot(object)
    def on_flag(self, event: dict[str, Any]) -> None:
        """A new or changed flag goes to the top of the feed."""
        self.flags.upsert(event)
        self.flags_view.scrollToTop()

    @Slot(object)
    def on_commitment(self, event: dict[str, Any]) -> None:
        """A new or changed commitment; the tab shows how many are unlogged."""
        self.commitments.upsert(event)
        count = len(self.commitments.unlogged())
        self.tabs.setTabText(1, f"Commitments ({count})" if count else "Commitments")

    @Slot(object)
    def on_level(self, event: dict[str, Any]) -> None:
        """Input level of one party."""
        meter = self.levels.get(event["party"])
        if meter is not None:
            meter.set_rms(event["rms"])

    @Slot(object)
    def on_metrics(self, event: dict[str, Any]) -> None:
        """The give/get ledger for the balance meter."""
        ledger = event["concessions"]
        self.balance.set_ledger(ledger["you"]["count"], ledger["them"]["count"], event["balance"])

    # ------------------------------------------------------------------ user actions

    def jump_to_flag(self, index: Any) -> None:
        """Show the utterance a flag points at."""
        flag = self.flags.flag_at(index.row())
        row = self.transcript.row_of(flag.get("utterance_id")) if flag.get("utterance_id") else None
        if row is not None:
            self.tabs.setCurrentIndex(0)
            target = self.transcript.index(row)
            self.transcript_view.setCurrentIndex(target)
            self.transcript_view.scrollTo(target)

    def dismiss_selected_flag(self) -> None:
        """Mark the selected flag resolved, in the feed and in the store."""
        index = self.flags_view.currentIndex()
        if not index.isValid():
            return
        flag = dict(self.flags.flag_at(index.row()), resolved=True)
        resolve_flag(self.store, flag["id"])
        self.flags.upsert(flag)

    def log_newest_commitment(self) -> None:
        """Ctrl+L: log the newest unlogged commitment as detected."""
        unlogged = self.commitments.unlogged()
        if unlogged:
            self.change_commitment(unlogged[-1]["id"], "logged")

    def change_selected_commitment(self, status: str) -> None:
        """Log, dismiss or complete the selected commitment."""
        index = self.commitments_view.currentIndex()
        if index.isValid():
            self.change_commitment(self.commitments.item_at(index.row())["id"], status)

    def edit_selected_commitment(self) -> Any:
        """Edit owner, action and due of the selected commitment, and log it; returns the dialog."""
        from ui.commitment_dialog import CommitmentDialog

        index = self.commitments_view.currentIndex()
        if not index.isValid():
            return None
        item = self.commitments.item_at(index.row())
        dialog = CommitmentDialog(item, self)
        dialog.accepted.connect(
            lambda: self.change_commitment(item["id"], "logged", **dialog.changes())
        )
        dialog.open()
        return dialog

    def change_commitment(self, commitment_id: int, status: str, **edits: str) -> None:
        """Through the engine while it runs (it owns the session); else straight to the store."""
        if self.engine is not None:
            self.engine.change_commitment(commitment_id, status=status, **edits)
            return
        from copilot.commitments import change_commitment
        from copilot.errors import CopilotError

        try:
            commitment, flags = change_commitment(self.store, commitment_id, status=status, **edits)
        except CopilotError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.on_commitment(commitment.public())
        for flag in flags:
            self.on_flag(flag.public())

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
        """Analyse a file off the GUI thread, with a progress bar."""
        if self._worker is not None and self._worker.is_alive():
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage(f"Analysing {path.name}…")
        bridge, db_path, prep = self.bridge, self.db_path, self.prep.sheet()

        def run() -> None:
            from copilot.analyze import AnalyzeOptions, Analyzer
            from copilot.errors import CopilotError
            from models.understanding import build_understander

            store = Store(db_path)
            try:
                analyzer = Analyzer(AnalyzeOptions(prep=prep), build_understander)
                bridge.analysed.emit(analyzer.analyze(path, store, bridge.progress.emit))
            except CopilotError as exc:
                bridge.failed.emit(str(exc))
            finally:
                store.close()

        self._worker = threading.Thread(target=run, name="panel-analyse")
        self._worker.start()

    @Slot(float, float)
    def on_progress(self, done: float, total: float) -> None:
        """Analysis progress in seconds of audio."""
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(int(done))

    @Slot(object)
    def on_analysed(self, result: dict[str, Any]) -> None:
        """An analysis finished: show its counts and list it."""
        self.progress.hide()
        self.statusBar().showMessage(
            f"Analysed {Path(result['source']).name}: {len(result['utterances'])} utterances, "
            f"{len(result['flags'])} flags, {len(result['commitments'])} commitments"
        )
        self.refresh_sessions()

    @Slot(str)
    def on_failed(self, message: str) -> None:
        """An analysis failed: one line in the status bar."""
        self.progress.hide()
        self.statusBar().showMessage(f"Could not analyse: {message}")

    def search(self, query: str) -> None:
        """Full-text search over every session; a hit opens its session's review."""
        import sqlite3

        from copilot.report import clock

        if not query.strip():
            self.refresh_sessions()
            return
        try:
            hits = self.store.search(query)
        except sqlite3.OperationalError:
            hits = self.store.search(f'"{query}"')  # a phrase, when the query is not FTS syntax
        self.sessions_list.clear()
        for hit in hits:
            text = f"#{hit['session_id']} {clock(hit['start'])} {hit['party']}: {hit['text']}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, hit["session_id"])
            self.sessions_list.addItem(item)
        if not hits:
            self.sessions_list.addItem(f"No utterance matches “{query}”")

    def refresh_sessions(self) -> None:
        """Reload the sessions list and the practice trend, reading the store off the GUI thread."""
        if self._refresher is not None and self._refresher.is_alive():
            self._refresh_again = True
            return
        self._refresh_again = False
        bridge, db_path = self.bridge, self.db_path

        def read() -> None:
            from copilot.review import progress

            store = Store(db_path)
            try:
                bridge.sessions.emit((store.sessions(), progress(store)))
            finally:
                store.close()

        self._refresher = threading.Thread(target=read, name="panel-sessions")
        self._refresher.start()

    @Slot(object)
    def on_sessions(self, listing: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        """Show the stored sessions and the trend."""
        rows, trend = listing
        self.trend.set_rows(trend)
        self.sessions_list.clear()
        for row in rows:
            source = Path(row["source"]).name if row["source"] else row["mode"]
            item = QListWidgetItem(
                f"#{row['id']} {row['started'][:16]}  {source}  ({row['status']})"
            )
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.sessions_list.addItem(item)
        if self._refresh_again:
            self.refresh_sessions()

    def open_review(self, session_id: int | None = None) -> Any:
        """Open the review of the selected (or given) session; returns the dialog."""
        from copilot.review import build_review
        from ui.review_dialog import ReviewDialog

        if session_id is None:
            item = self.sessions_list.currentItem()
            if item is None:
                return None
            session_id = item.data(Qt.ItemDataRole.UserRole)
            if session_id is None:
                return None
        dialog = ReviewDialog(build_review(self.store, session_id), self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts."""
        rows = "".join(
            f"<tr><td>{name}</td><td><b>{keys}</b></td></tr>" for name, keys in SHORTCUTS
        )
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(f"<table cellspacing='6'>{rows}</table>")
        box.open()

    def _toggle_on_top(self) -> None:
        self._apply_on_top(self.on_top_action.isChecked())

    def _apply_on_top(self, on_top: bool) -> None:
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        if self.isVisible():
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
        self.bridge.blockSignals(True)  # events still queued must not reach a closed store
        if self.engine is not None:
            self.engine.stop()
            self.engine = None
        threads = [self._stopper, self._worker, self._devices_thread, self._refresher]
        for thread in threads + self._finished_stoppers:
            if thread is not None:
                thread.join()
        self.store.close()
        super().closeEvent(event)


def _default_engine_factory(db_path: Path) -> EngineFactory:
    def make(options: Any) -> Any:
        from copilot.engine_process import EngineProcess, EngineSpec

        return EngineProcess(EngineSpec(db_path, options))

    return make
