"""The panel opens offscreen with the real store."""

from __future__ import annotations

from copilot.store import Store
from ui.panel import PanelWindow


def test_panel_lists_stored_sessions(qtbot, db_path):
    store = Store(db_path)
    sid = store.create_session(mode="transcript", source="/tmp/call.vtt")
    store.finish_session(sid)
    window = PanelWindow(db_path=db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.sessions_list.count() == 1
    assert "call.vtt" in window.sessions_list.item(0).text()
    assert 380 <= window.width() <= 440
