"""The terminal view of a review (rich tables)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from copilot.coach.prep import show_number
from copilot.report import flags_table
from copilot.review_text import (
    due_text,
    issue_name,
    owner_text,
    scorecard_rows,
    style_rows,
    term_value,
)


def render_review(review: dict[str, Any], console: Console) -> None:
    """Print the review of one session."""
    session = review["session"]
    console.rule(f"Review of session {session['id']} · {session['source'] or session['mode']}")
    if session["counterpart"]:
        console.print(f"Counterpart: {session['counterpart']}")
    table = Table(title="Agreement as it stands")
    for column in ("issue", "value", "accepted by"):
        table.add_column(column)
    for issue, term in sorted(review["agreement"].items()):
        table.add_row(issue_name(issue), term_value(term, issue), term["accepted_by"])
    console.print(table if review["agreement"] else "[dim]No terms accepted yet.[/]")

    table = Table(title="Commitments (unlogged first)")
    for column in ("id", "status", "owner", "action", "due"):
        table.add_column(column)
    for item in review["commitments"]:
        owner = owner_text(item["owner"])
        table.add_row(str(item["id"]), item["status"], owner, item["action"], due_text(item))
    console.print(table)
    if review["carry_over"]:
        table = Table(title="Still open from earlier sessions with this counterpart")
        for column in ("id", "session", "owner", "action", "due", "status"):
            table.add_column(column)
        for item in review["carry_over"]:
            row = (
                item["id"],
                item["session_id"],
                owner_text(item["owner"]),
                item["action"],
                due_text(item),
                item["status"],
            )
            table.add_row(*(str(cell) for cell in row))
        console.print(table)

    console.print(flags_table(review["flags"], review["utterances"]))

    for party, label in (("them", "Their interests"), ("you", "Your interests")):
        heard = review["interests"][party]
        console.print(f"[bold]{label}:[/] " + ("; ".join(heard) if heard else "none stated"))

    if review["concessions"]:
        table = Table(title="Positions over time (* = concession, (if…) = traded)")
        for column in ("turn", "party", "issue", "value"):
            table.add_column(column)
        for point in review["concessions"]:
            mark = (" * (if…)" if point["traded"] else " *") if point["concession"] else ""
            table.add_row(
                str(point["seq"]),
                point["party"],
                point["issue"],
                f"{show_number(point['value'])}{mark}",
            )
        console.print(table)

    table = Table(title="Scorecard")
    for column in ("figure", "value", "what it means"):
        table.add_column(column)
    for row in scorecard_rows(review):
        table.add_row(*row)
    console.print(table)
    for who, style, counts, evidence in style_rows(review):
        console.print(f"[bold]{who}: {style}[/] ({counts})")
        for name, quotes in evidence.items():
            console.print(f"  [dim]{name}:[/] " + " | ".join(quotes))
