"""Readable terminal reports of analysed sessions."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from copilot.coach.prep import show_number
from copilot.events import move_tag

PARTY_STYLES = {"you": "cyan", "them": "magenta", "unknown": "white"}
SEVERITY_STYLES = {"info": "blue", "warn": "yellow", "alert": "bold red"}


def clock(seconds: float | None) -> str:
    """ "mm:ss" (or "h:mm:ss"), or blank for unknown times."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _move_label(move: dict[str, Any]) -> str:
    label = move_tag(move)
    if move.get("value") is not None:
        unit = f" {move['unit']}" if move.get("unit") else ""
        label += f" {move.get('issue') or ''}={show_number(move['value'])}{unit}"
    return label


def render_session(result: dict[str, Any], console: Console) -> None:
    """Print one analysed session: utterances with their moves, then flags and commitments."""
    console.rule(f"session {result['session_id']} · {result['source']}")
    parties = {u["party"] for u in result["utterances"]}
    if parties == {"unknown"} and result["mode"] == "transcript":
        console.print("[dim]No speaker is marked as you: pass --me NAME to name your side.[/]")
    for utterance in result["utterances"]:
        line = Text()
        line.append(f"{clock(utterance['start']):>8} ", style="dim")
        who = utterance["party"] + (f" ({utterance['speaker']})" if utterance["speaker"] else "")
        line.append(f"{who}: ", style=PARTY_STYLES.get(utterance["party"], "white"))
        line.append(utterance["text"])
        for move in utterance["moves"]:
            line.append(f"  [{_move_label(move)}]", style="green")
        console.print(line)
    if result["flags"]:
        table = Table(title="Flags", show_lines=False)
        for column in ("severity", "kind", "party", "message", "tip"):
            table.add_column(column)
        for flag in result["flags"]:
            style = SEVERITY_STYLES.get(flag["severity"], "")
            table.add_row(
                Text(flag["severity"], style=style),
                flag["kind"],
                flag["party"] or "",
                flag["message"],
                flag["tip"],
            )
        console.print(table)
    if result["commitments"]:
        table = Table(title="Commitments")
        for column in ("id", "owner", "action", "due", "status"):
            table.add_column(column)
        for item in result["commitments"]:
            due = item["due"] or item["due_text"] or "—"
            table.add_row(
                str(item["id"]), item["owner"] or "?", item["action"], due, item["status"]
            )
        console.print(table)
    for name, item in result.get("scorecard", {}).items():
        value = "—" if item["value"] is None else item["value"]
        console.print(f"[bold]{name.replace('_', ' ')}:[/] {value}  [dim]{item['explain']}[/]")
