"""The coaching flags: the one that matters most pinned on top, notes grouped, the rest below.

During a call the user glances at the panel for a second. A red "you have conceded 2 times
to 0" must not scroll away under blue "commitment not logged" notes, so the most severe
open flag is pinned with its tip until it is resolved or dismissed, notes of one kind
become one chip ("3 commitments to log"), and the list below keeps the warnings and
alerts as a history.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.models import SEVERITY_COLOURS, FlagsModel
from ui.widgets import BalanceMeter

RANK = {"alert": 2, "warn": 1, "info": 0}
CHIPS_A_ROW = 2
# One chip per kind of note: (one, many).
CHIP_TEXT = {
    "unlogged_commitment": ("1 commitment to log", "{n} commitments to log"),
    "one_sided_concession": ("They gave 1 thing freely", "They gave {n} things freely"),
    "concession_imbalance": ("They have given more", "They have given more"),
    "unexplored_position": ("1 position to ask about", "{n} positions to ask about"),
}


def chip_text(kind: str, count: int) -> str:
    """The words of a chip grouping ``count`` open notes of ``kind``."""
    one, many = CHIP_TEXT.get(kind, ("1 note: " + kind.replace("_", " "), "{n} notes"))
    return one if count == 1 else many.format(n=count)


def pinned_flag(flags: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The open warning or alert to pin: the most severe, the newest of those."""
    open_flags = [f for f in flags if not f.get("resolved") and RANK.get(f["severity"], 0) > 0]
    if not open_flags:
        return None
    # ``flags`` is newest first, so max() keeps the newest of the most severe.
    return max(open_flags, key=lambda f: RANK[f["severity"]])


class Chip(QPushButton):
    """A button whose words end in "…" when the row gives it too little width.

    Chips share the panel's width (420 px by default) rather than widen the window; a
    button cut in its middle ("ey gave 1 thing fre") reads as nothing, a cut end with the
    whole in the tooltip still reads.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        """The words to show, shortened to fit whenever the chip's width changes."""
        self.full_text = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # The style sheet's padding (8 px each side) and the frame take this much.
        room = max(0, self.width() - 20)
        elided = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        if elided != self.text():
            self.setText(elided)


class _WarningsOnly(QSortFilterProxyModel):
    """The list below the pin: warnings and alerts; notes are chips."""

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        flag = self.sourceModel().flag_at(row)
        return RANK.get(flag["severity"], 0) > 0


class FlagsFeed(QWidget):
    """Flags, newest first; a click asks to show the utterance a flag points at.

    Signals:
        jump_requested: an utterance id to show.
        dismiss_requested: a flag's dict the user dismissed.
        chip_clicked: the kind of note whose chip was clicked.
    """

    jump_requested = Signal(int)
    dismiss_requested = Signal(object)
    chip_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.flags = FlagsModel(self)
        self._pinned: dict[str, Any] | None = None
        self.pin = QFrame(self)
        self.pin.setObjectName("pin")
        self.pin.setFrameShape(QFrame.Shape.StyledPanel)
        pin_layout = QHBoxLayout(self.pin)
        pin_layout.setContentsMargins(6, 4, 2, 4)
        self.pin_label = QLabel(self.pin)
        self.pin_label.setWordWrap(True)
        self.pin_label.setAccessibleName("Most important flag")
        self.pin_label.mousePressEvent = lambda _event: self._jump_to(self._pinned)
        self.pin_dismiss = QToolButton(self.pin)
        self.pin_dismiss.setText("✕")
        self.pin_dismiss.setToolTip("Dismiss this flag (Ctrl+Z undoes)")
        self.pin_dismiss.clicked.connect(self._dismiss_pinned)
        pin_layout.addWidget(self.pin_label, 1)
        pin_layout.addWidget(self.pin_dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.pin.hide()
        layout.addWidget(self.pin)
        # Two chips a row: three texts side by side do not fit the panel's 420 px.
        self.chip_row = QGridLayout()
        self.chip_row.setSpacing(4)
        self.chips: dict[str, Chip] = {}
        layout.addLayout(self.chip_row)
        self.shown = _WarningsOnly(self)
        self.shown.setSourceModel(self.flags)
        self.view = QListView(self)
        self.view.setModel(self.shown)
        self.view.setWordWrap(True)
        self.view.setMinimumHeight(40)
        self.view.setMaximumHeight(40)  # grows to 150 px once it holds a warning
        self.view.setAccessibleName("Coaching flags")
        self.view.clicked.connect(self._clicked)
        layout.addWidget(self.view, 1)
        self.balance = BalanceMeter(self)
        self.position_label = QLabel(self)
        self.position_label.setAccessibleName("Current issue: target and walk-away")
        self.position_label.hide()
        layout.addWidget(self.balance)
        layout.addWidget(self.position_label)

    def show_flag(self, flag: dict[str, Any]) -> None:
        """A new or changed flag: to the top of the list, the pin and the chips."""
        self.flags.upsert(flag)
        self.view.scrollToTop()
        self._refresh()

    def clear(self) -> None:
        """Forget every flag (a new session)."""
        self.flags.clear()
        self._refresh()

    def show_metrics(self, event: dict[str, Any]) -> None:
        """The give/get ledger for the balance meter."""
        ledger = event["concessions"]
        self.balance.set_ledger(ledger["you"]["count"], ledger["them"]["count"], event["balance"])

    def show_position(self, text: str) -> None:
        """The current issue's target and walk-away from the prep sheet ("" hides it)."""
        self.position_label.setText(text)
        self.position_label.setVisible(bool(text))

    def dismiss_selected(self) -> None:
        """Ask to resolve the selected flag, or the pinned one when none is selected (the
        owner of the session answers with the resolved flag, which then shows here)."""
        index = self.view.currentIndex()
        if index.isValid():
            self.dismiss_requested.emit(self._flag_at(index))
        elif self._pinned is not None:
            self._dismiss_pinned()

    def open_notes(self) -> dict[str, int]:
        """How many open notes of each kind the chips show."""
        return dict(Counter(f["kind"] for f in self._all() if _is_open_note(f)))

    def _all(self) -> list[dict[str, Any]]:
        return [self.flags.flag_at(row) for row in range(self.flags.rowCount())]

    def _refresh(self) -> None:
        flags = self._all()
        self._pinned = pinned_flag(flags)
        if self._pinned is None:
            self.pin.hide()
        else:
            flag = self._pinned
            self.pin_label.setText(f"<b>{_escape(flag['message'])}</b><br>→ {_escape(flag['tip'])}")
            colour = SEVERITY_COLOURS[flag["severity"]]
            alpha = min(255, colour.alpha() * 2)
            rgba = f"{colour.red()}, {colour.green()}, {colour.blue()}, {alpha}"
            self.pin.setStyleSheet(f"#pin {{ background: rgba({rgba}); border-radius: 4px; }}")
            self.pin.show()
        # An empty history takes one line, not 150 px the tabs below could use.
        self.view.setMaximumHeight(150 if self.shown.rowCount() else 40)
        counts = self.open_notes()
        for kind in list(self.chips):
            if kind not in counts:
                # Out of the grid now, not when Qt deletes it: the chips after it move up.
                gone = self.chips.pop(kind)
                self.chip_row.removeWidget(gone)
                gone.hide()
                gone.deleteLater()
        for kind, count in counts.items():
            chip = self.chips.get(kind)
            if chip is None:
                chip = Chip(self)
                chip.setFlat(True)
                chip.setStyleSheet(
                    "QPushButton { background: rgba(70, 140, 220, 60); border-radius: 9px;"
                    " padding: 1px 8px; }"
                )
                chip.clicked.connect(lambda _checked=False, k=kind: self.chip_clicked.emit(k))
                # Chips share the row's width rather than widen the window.
                policy = chip.sizePolicy()
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
                chip.setSizePolicy(policy)
                chip.setMinimumWidth(60)
                self.chips[kind] = chip
            chip.set_full_text(chip_text(kind, count))
        for chip in self.chips.values():
            self.chip_row.removeWidget(chip)
        for place, chip in enumerate(self.chips.values()):
            self.chip_row.addWidget(chip, place // CHIPS_A_ROW, place % CHIPS_A_ROW)

    def latest_of(self, kind: str) -> dict[str, Any] | None:
        """The newest open flag of ``kind``."""
        return next((f for f in self._all() if f["kind"] == kind and not f.get("resolved")), None)

    def _flag_at(self, index: QModelIndex) -> dict[str, Any]:
        return self.flags.flag_at(self.shown.mapToSource(index).row())

    def _dismiss_pinned(self) -> None:
        if self._pinned is not None:
            self.dismiss_requested.emit(self._pinned)

    def _jump_to(self, flag: dict[str, Any] | None) -> None:
        if flag and flag.get("utterance_id"):
            self.jump_requested.emit(flag["utterance_id"])

    def _clicked(self, index: QModelIndex) -> None:
        self._jump_to(self._flag_at(index))


def _is_open_note(flag: dict[str, Any]) -> bool:
    return not flag.get("resolved") and RANK.get(flag["severity"], 0) == 0


def _escape(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
