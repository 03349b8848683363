"""What ``negotiation-copilot listen`` prints: JSON lines, or a readable live log."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from copilot.events import move_tag
from copilot.report import clock


class ListenPrinter:
    """A listener that prints engine events as they come, flushed at once.

    Args:
        as_json: one JSON object per event per line.
        interim: include interim text.
        out: where to print (stdout).
    """

    def __init__(self, as_json: bool, interim: bool, out: TextIO | None = None):
        self.as_json = as_json
        self.interim = interim
        self.out = out or sys.stdout

    # Meter and ledger updates are for the panel; the terminal prints the rest.
    SKIPPED = ("level", "metrics")

    def __call__(self, event: dict[str, Any]) -> None:
        if event.get("interim") and not self.interim or event["type"] in self.SKIPPED:
            return
        line = json.dumps(event, ensure_ascii=False) if self.as_json else self._text(event)
        if line:
            print(line, file=self.out, flush=True)

    @staticmethod
    def _text(event: dict[str, Any]) -> str | None:
        kind = event["type"]
        if kind == "status":
            detail = event.get("message") or event.get("party") or event.get("model") or ""
            return f"-- {event['state']} {detail}".rstrip()
        if kind == "utterance":
            prefix = "…" if event.get("interim") else ""
            moves = " ".join(f"[{move_tag(m)}]" for m in event.get("moves", []))
            said = f"{event['party']}: {prefix}{event['text']}"
            return f"{clock(event.get('start'))} {said} {moves}".rstrip()
        if kind == "flag":
            state = "resolved" if event["resolved"] else event["severity"].upper()
            return f"   ! {state} {event['kind']}: {event['message']} → {event['tip']}"
        if kind == "commitment":
            due = event["due"] or event["due_text"] or "no date"
            return f"   ✓ commitment ({event['owner'] or 'no owner'}, {due}): {event['action']}"
        return None
