"""Readable terminal reports of analysed sessions."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from copilot.coach.prep import show_number
from copilot.events import move_tag
from copilot.review_text import due_text, owner_text

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


def flags_table(
    flags: list[dict[str, Any]], utterances: list[dict[str, Any]], tips: bool = False
) -> Table:
    """The flags in the order of the moments they point at ("end" for the session's),
    resolved ones marked so; the kind is never cut short, the message and tip wrap.
    ``tips``: with whose move each flag is about and what to do (``analyze``)."""
    starts = {u["id"]: u["start"] for u in utterances}
    order = {u["id"]: number for number, u in enumerate(utterances)}
    said_by = {u["id"]: u for u in utterances}

    def party(flag: dict[str, Any]) -> str:
        # With no side known the coach reads every speaker as the other side; the table
        # names the speaker rather than call your own line "them".
        utterance = said_by.get(flag["utterance_id"])
        if utterance is not None and utterance["party"] not in ("you", "them"):
            return utterance.get("speaker") or utterance["party"]
        return flag["party"] or ""

    def moment(flag: dict[str, Any]) -> int:
        return order.get(flag["utterance_id"], len(order))

    table = Table(title="Flags")
    table.add_column("when", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("kind", ratio=1)
    if tips:
        table.add_column("party", no_wrap=True)
    table.add_column("message", ratio=3)
    if tips:
        table.add_column("tip", ratio=2)
    for flag in sorted(flags, key=moment):
        said = flag["utterance_id"]
        when = (clock(starts.get(said)) or f"#{order[said] + 1}") if said in order else "end"
        severity = Text(flag["severity"], style=SEVERITY_STYLES.get(flag["severity"], ""))
        kind = flag["kind"].replace("_", " ") + (
            f" ({RESOLVED_AS.get(flag['kind'], 'resolved')})" if flag["resolved"] else ""
        )
        if tips:
            table.add_row(when, severity, kind, party(flag), flag["message"], flag["tip"])
        else:
            table.add_row(when, severity, kind, flag["message"])
    return table


# How a flag that no longer stands came to be settled, where "resolved" would puzzle: an
# imbalance evens out when the other side moves too, with nothing for the user to do.
RESOLVED_AS = {"concession_imbalance": "evened out later"}


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
        console.print(flags_table(result["flags"], result["utterances"], tips=True))
    if result["commitments"]:
        table = Table(title="Commitments")
        for column in ("id", "owner", "action", "due", "status"):
            table.add_column(column)
        for item in result["commitments"]:
            row = (item["id"], owner_text(item["owner"]), item["action"], due_text(item))
            table.add_row(*(str(cell) for cell in row), item["status"])
        console.print(table)
    for name, item in result.get("scorecard", {}).items():
        value = "—" if item["value"] is None else item["value"]
        console.print(f"[bold]{name.replace('_', ' ')}:[/] {value}  [dim]{item['explain']}[/]")
