"""Charts drawn with pyqtgraph: the practice trend and positions over time per issue.

pyqtgraph takes 0.6-1 s to import, so nothing here imports it at module level: the panel
imports it once on its task runner after the window is up (``warm_up``), and the charts
are built on the GUI thread when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from PySide6.QtWidgets import QWidget

TREND_SERIES = (
    ("conditional_share", "traded concessions", (60, 160, 90)),
    ("talk_share", "your talk share", (70, 130, 220)),
)
PARTY_COLOURS = {"you": (70, 130, 220), "them": (220, 110, 60), "unknown": (128, 128, 128)}


def warm_up() -> None:
    """Import pyqtgraph (for the task runner, so the GUI thread does not wait for it)."""
    import pyqtgraph  # noqa: F401


def trend_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sessions worth a point: those with something said, the last twenty."""
    return [row for row in rows if row.get("utterances")][-20:]


def _timestamp(iso: str) -> float:
    return dt.datetime.fromisoformat(iso).timestamp()


def trend_plot(rows: list[dict[str, Any]], parent: QWidget | None = None) -> Any:
    """Your practice trend: one line per scorecard share (in %), one point per session,
    dates along the bottom."""
    import pyqtgraph as pg

    plot = pg.PlotWidget(parent, axisItems={"bottom": pg.DateAxisItem()})
    plot.setBackground(None)
    plot.setMinimumHeight(140)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setLabel("left", "%")
    plot.setYRange(0, 100, padding=0.05)
    plot.addLegend(offset=(4, 4), labelTextSize="8pt")
    plot.showGrid(y=True, alpha=0.2)
    plot.setAccessibleName("Practice trend")
    set_trend(plot, rows)
    return plot


def set_trend(plot: Any, rows: list[dict[str, Any]]) -> None:
    """Draw ``rows`` on a trend plot, replacing what it showed (a new plot widget costs
    about 30 ms of the GUI thread; new lines on the old one, a few)."""
    import pyqtgraph as pg

    plot.getPlotItem().clear()
    for key, name, colour in TREND_SERIES:
        points = [(_timestamp(r["started"]), 100 * r[key]) for r in rows if r.get(key) is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        plot.plot(
            list(xs), list(ys), name=name, pen=pg.mkPen(colour, width=2),
            symbol="o", symbolSize=6, symbolBrush=colour,
        )  # fmt: skip


def positions_by_issue(points: list[dict[str, Any]]) -> dict[str, dict[str, list[tuple]]]:
    """The review's offer points as {issue: {party: [(turn, value, concession)]}}."""
    issues: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for point in points:
        issues[point["issue"]][point["party"]].append(
            (point["seq"], point["value"], point["concession"])
        )
    return {issue: dict(parties) for issue, parties in issues.items()}


def positions_plot(points: list[dict[str, Any]], issue: str, parent: QWidget | None = None) -> Any:
    """Each side's stated value on one issue, turn by turn; concessions are hollow."""
    import pyqtgraph as pg

    by_party = positions_by_issue(points).get(issue, {})
    unit = next((p["unit"] for p in points if p["issue"] == issue and p["unit"]), None)
    plot = pg.PlotWidget(parent)
    plot.setBackground(None)
    plot.setMinimumHeight(160)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setTitle(f"{issue} ({unit})" if unit else issue, size="9pt")
    plot.setLabel("bottom", "turn")
    plot.getAxis("bottom").setTickSpacing(major=1, minor=1)  # turns are whole
    plot.addLegend(offset=(4, 4), labelTextSize="8pt")
    plot.showGrid(y=True, alpha=0.2)
    for party, series in by_party.items():
        colour = PARTY_COLOURS.get(party, PARTY_COLOURS["unknown"])
        turns = [turn for turn, _value, _conceded in series]
        values = [value for _turn, value, _conceded in series]
        brushes = [None if conceded else pg.mkBrush(colour) for *_rest, conceded in series]
        plot.plot(
            turns, values, name=party, pen=pg.mkPen(colour, width=2), symbol="o",
            symbolSize=8, symbolPen=pg.mkPen(colour), symbolBrush=brushes,
        )  # fmt: skip
    plot.setAccessibleName(f"Positions on {issue}")
    return plot
