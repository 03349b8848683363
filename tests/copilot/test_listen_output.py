"""What ``listen`` prints in the terminal: the same move names as the panel and ``analyze``."""

from __future__ import annotations

import io
import json

from copilot.listen_output import ListenPrinter

TRADE = {
    "type": "utterance",
    "party": "you",
    "start": 65.0,
    "text": "If you sign for three years, forty two.",
    "moves": [
        {"kind": "offer", "text": "forty two", "conditional": True},
        {"kind": "concession", "text": "forty two", "conditional": True},
    ],
}


def test_a_trade_is_printed_as_one():
    out = io.StringIO()
    ListenPrinter(as_json=False, interim=False, out=out)(TRADE)
    assert out.getvalue() == (
        "01:05 you: If you sign for three years, forty two. [offer (if…)] [concession (if…)]\n"
    )


def test_json_lines_keep_the_event_as_it_is():
    out = io.StringIO()
    ListenPrinter(as_json=True, interim=False, out=out)(TRADE)
    assert json.loads(out.getvalue()) == TRADE
