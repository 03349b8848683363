"""Exports of a reviewed session: Markdown, CSV, iCalendar and JSON.

- md: a meeting summary a person would send (parties, date, agreed terms, commitments,
  open questions, flags worth a follow-up);
- csv: the commitments, one row each;
- ics: one all-day VEVENT per commitment with a due date (all-day events show on the due
  day in every common calendar; tasks (VTODO) are hidden by several);
- json: the whole review in the documented schema.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from copilot.review_text import (
    coaching_notes,
    due_text,
    follow_ups,
    issue_name,
    meeting_day,
    open_questions,
    owner_text,
    scorecard_rows,
    sent_commitments,
    style_rows,
    term_value,
)

FORMATS = ("md", "csv", "ics", "json")
CSV_COLUMNS = ("id", "owner", "action", "due", "due_text", "status", "vague", "utterance_id")


def to_json(review: dict[str, Any]) -> str:
    """The review as JSON."""
    return json.dumps(review, ensure_ascii=False, indent=2) + "\n"


def to_csv(review: dict[str, Any]) -> str:
    """The commitments as CSV (opens in a spreadsheet)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in review["commitments"]:
        writer.writerow({key: "" if item[key] is None else item[key] for key in CSV_COLUMNS})
    return out.getvalue()


def to_ics(review: dict[str, Any], stamp: dt.datetime | None = None) -> str:
    """Commitments with a due date as all-day events (not those dismissed)."""
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//Negotiation Copilot//commitments//EN")
    calendar.add("version", "2.0")
    session = review["session"]
    said_in = {u["id"]: u for u in review["utterances"]}
    for item in sent_commitments(review):
        if not item["due"]:
            continue
        due = dt.date.fromisoformat(item["due"])
        event = Event()
        event.add("uid", _event_uid(item, session, said_in.get(item["utterance_id"])))
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        owner = {"you": "You", "them": "Them"}.get(item["owner"] or "", "Someone")
        event.add("summary", f"{owner}: {item['action']}")
        event.add("description", _calendar_note(item, said_in.get(item["utterance_id"]), session))
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _event_uid(
    item: dict[str, Any], session: dict[str, Any], utterance: dict[str, Any] | None
) -> str:
    """An event's UID, the same each time a session is exported. SQLite hands the ids of a
    forgotten session to the next one, so the session's start and the words said are in it
    too: otherwise a calendar would overwrite an old event with another session's
    commitment."""
    said = f"{session.get('started')}|{(utterance or {}).get('text', '')}"
    digest = hashlib.sha1(said.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return f"commitment-{item['id']}-session-{session['id']}-{digest}@negotiation-copilot"


def _calendar_note(
    item: dict[str, Any], utterance: dict[str, Any] | None, session: dict[str, Any]
) -> str:
    """What a calendar entry needs to make sense weeks later: the words that promised it,
    who said them, and which meeting (an action alone, "send that", says too little)."""
    lines = []
    if utterance is not None:
        who = utterance.get("speaker") or utterance["party"]
        lines.append(f"“{utterance['text']}” — {who}")
    meeting = f"From the {meeting_day(session)} meeting"
    if session.get("counterpart"):
        meeting += f" with {session['counterpart']}"
    lines.append(meeting)
    said = f"Said as “{item['due_text']}” — " if item["due_text"] else ""
    lines.append(f"{said}status {item['status']}")
    return "\n".join(lines)


def to_markdown(review: dict[str, Any]) -> str:
    """A meeting summary to send after the call (without the commitments dismissed)."""
    session = review["session"]
    date = meeting_day(session)
    lines = [f"# Negotiation summary — {date}", ""]
    lines.append(f"- Counterpart: {session['counterpart'] or 'not named'}")
    source = Path(session["source"]).name if session["source"] else session["mode"]
    lines.append(f"- Source: {source}")
    lines.append("")
    lines.append("## Agreed terms")
    if review["agreement"]:
        for issue, term in sorted(review["agreement"].items()):
            lines.append(f"- {issue_name(issue)}: {term_value(term, issue)}")
    else:
        lines.append("- Nothing agreed yet.")
    lines += ["", "## Commitments", ""]
    sent = sent_commitments(review)
    if sent:
        lines.append("| Owner | Action | Due | Status |")
        lines.append("|---|---|---|---|")
        for item in sent:
            owner, due = owner_text(item["owner"]), due_text(item)
            lines.append(f"| {owner} | {item['action']} | {due} | {item['status']} |")
    else:
        lines.append("None recorded.")
    lines += ["", "## Open questions"]
    lines += [f"- {question}" for question in open_questions(review)] or ["- None."]
    lines += ["", "## Worth a follow-up"]
    lines += [f"- {message}" for message in follow_ups(review)] or ["- Nothing."]
    return "\n".join(lines) + "\n"


def to_review_markdown(review: dict[str, Any]) -> str:
    """The summary plus the scorecard, styles and what is still open, for the panel."""
    lines = [to_markdown(review), "## Coaching notes (for you, not in the summary to send)", ""]
    lines += [f"- {message}" for message in coaching_notes(review)] or ["- None."]
    lines += ["", "## Scorecard", ""]
    for name, value, explain in scorecard_rows(review):
        lines.append(f"- **{name}: {value}** — {explain}")
    lines += ["", "## Styles", ""]
    for who, style, counts, evidence in style_rows(review):
        lines.append(f"- **{who}: {style}** ({counts})")
        for name, quotes in evidence.items():
            lines.append(f"  - {name}: " + " | ".join(f"“{q}”" for q in quotes))
    if review["carry_over"]:
        lines += ["", "## Still open from earlier sessions", ""]
        lines += [
            f"- {c['action']} ({owner_text(c['owner'])}, {c['status']})"
            for c in review["carry_over"]
        ]
    return "\n".join(lines) + "\n"


def export(review: dict[str, Any], fmt: str) -> str:
    """The review in one of ``FORMATS``."""
    return {"md": to_markdown, "csv": to_csv, "ics": to_ics, "json": to_json}[fmt](review)
