"""Small custom widgets: the give/get balance meter and an input level meter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProgressBar, QSizePolicy, QWidget


class BalanceMeter(QWidget):
    """Who has conceded more: a bar from the centre toward the side that gave more.

    ``balance`` runs from -1 (only you gave) to +1 (only they gave).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.balance = 0.0
        self.you = 0
        self.them = 0
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Give/get balance")

    def set_ledger(self, you: int, them: int, balance: float) -> None:
        """Show the latest concession counts."""
        self.you, self.them, self.balance = you, them, max(-1.0, min(1.0, balance))
        self.setToolTip(f"Concessions: you {you}, them {them}")
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 4, 4)
        middle = rect.center().x()
        width = rect.width() / 2 * abs(self.balance)
        colour = QColor(220, 80, 60) if self.balance < 0 else QColor(60, 160, 90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        left = middle - width if self.balance < 0 else middle
        painter.drawRoundedRect(QRectF(left, rect.top() + 3, width, rect.height() - 6), 3, 3)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawLine(int(middle), int(rect.top()), int(middle), int(rect.bottom()))
        painter.drawText(
            rect.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, f"you gave {self.you}"
        )
        painter.drawText(
            rect.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            f"they gave {self.them}",
        )


class LevelMeter(QProgressBar):
    """A thin input level bar for one party."""

    def __init__(self, party: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(0, 100)
        self.setTextVisible(False)
        self.setMaximumHeight(6)
        self.setAccessibleName(f"Input level, {party}")

    def set_rms(self, rms: float) -> None:
        """Show a level (RMS of float samples) on a rough dB scale."""
        import math

        db = 20 * math.log10(max(rms, 1e-5))
        self.setValue(int(max(0.0, min(100.0, (db + 60) * 100 / 60))))
