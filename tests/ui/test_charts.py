"""The pyqtgraph charts: the practice trend and positions over time, from a real analysis."""

from __future__ import annotations

import json

from copilot.cli import main
from copilot.review import build_review, progress
from copilot.store import Store
from ui.charts import positions_by_issue, trend_rows
from ui.review_dialog import ReviewDialog

HAGGLE = """\
Me: We could pay forty dollars a seat.
Dana: Our list price is fifty dollars a seat.
Me: Forty four dollars a seat, if you sign for two years.
Dana: Forty eight dollars a seat is as low as we go.
"""


def _analysed(tmp_path, db_path, capsys, text=HAGGLE, name="haggle.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", "--db", str(db_path), "--json", str(path)]) == 0
    return json.loads(capsys.readouterr().out)["session_id"]


def test_positions_over_time_are_charted_per_issue_and_side(qtbot, tmp_path, db_path, capsys):
    session_id = _analysed(tmp_path, db_path, capsys)
    review = build_review(Store(db_path), session_id)
    by_issue = positions_by_issue(review["concessions"])
    assert set(by_issue) == {"price"}
    assert [v for _turn, v, _c in by_issue["price"]["you"]] == [40, 44]
    assert [v for _turn, v, _c in by_issue["price"]["them"]] == [50, 48]
    dialog = ReviewDialog(review)
    qtbot.addWidget(dialog)
    chart = dialog.position_charts["price"]
    curves = {c.name(): list(c.getData()[1]) for c in chart.getPlotItem().listDataItems()}
    assert curves == {"you": [40, 44], "them": [50, 48]}


def test_the_trend_leaves_out_sessions_where_nothing_was_said(tmp_path, db_path, capsys):
    _analysed(tmp_path, db_path, capsys)
    store = Store(db_path)
    store.create_session(mode="live")  # started and stopped at once: nothing said
    rows = progress(store)
    assert len(rows) == 2
    [kept] = trend_rows(rows)
    assert kept["source"].endswith("haggle.txt") and kept["talk_share"] is not None
