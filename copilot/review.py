"""After the meeting: the agreement, commitments, flags, interests, concessions and a scorecard.

Everything here is derived from stored rows, so a live session, an analysed recording and a
transcript review the same way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from copilot.coach.engine import talk_share
from copilot.coach.offers import LastOffers
from copilot.errors import CopilotError
from copilot.events import Move
from copilot.review_text import meeting_day
from copilot.store import Store

SCORECARD_HELP = {
    "conditional_share": (
        "Share of your concessions traded for something (“if you…, we…”, their offer "
        "taken up, or a thing asked back); aim high."
    ),
    "interest_questions": "Questions you asked about their interests; each one can open options.",
    "their_interests_heard": "Interests they stated; the more you know, the more you can trade.",
    "firm_commitments": "Commitments with both an owner and a date; vague ones tend not to happen.",
    "one_sided_concessions": "Concessions you gave with nothing asked back; aim for none.",
    "pressure_moves": "Ultimatums and threats you used; they harden the other side.",
    "talk_share": "Your share of the talking; listening more usually uncovers more.",
}
STYLES = ("competing", "collaborating", "accommodating", "avoiding")


def resolve_session(store: Store, session: int | None) -> int:
    """The session asked for, or the latest.

    Raises:
        CopilotError: no such session, or none stored.
    """
    sessions = store.sessions()
    if not sessions:
        raise CopilotError("no sessions stored yet")
    if session is None:
        return int(sessions[0]["id"])
    if not any(row["id"] == session for row in sessions):
        raise CopilotError(f"no session with id {session}")
    return session


def _moves_by_utterance(store: Store, session_id: int) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for move in store.moves(session_id):
        grouped[move["utterance_id"]].append(move)
    return grouped


def agreement(
    utterances: list[dict[str, Any]], moves: dict[int, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The last accepted terms per issue: an accept with a value, or the offer it accepted."""
    offers: LastOffers[dict[str, Any]] = LastOffers()
    agreed: dict[str, dict[str, Any]] = {}
    for utterance in utterances:
        said = moves.get(utterance["id"], [])
        # "standard hardware is fine forty is still a stretch though could you do thirty
        # nine": a bare yes beside a figure of one's own like theirs (half to twice it) does
        # not take theirs; "Sounds good, and twelve months" beside their price still does.
        countered = [
            m["value"]
            for m in said
            if m["kind"] in ("offer", "concession") and m["value"] is not None
        ]
        for move in said:
            if move["kind"] != "accept":
                continue
            accepted = offers.accepted(utterance["party"], move["value"], move)
            if move["value"] is None and accepted is not None and accepted["value"]:
                theirs = accepted["value"]
                if any(v != theirs and 0.5 <= v / theirs <= 2 for v in countered):
                    continue
            if accepted is None or not accepted["issue"]:
                continue
            # A package taken up agrees all of it, and so does one said back while taking
            # it: "All right: fifty dollars per seat, two hundred seats, three years".
            restated = [
                m
                for m in said
                if m["kind"] in ("offer", "concession", "accept")
                and m["value"] == accepted["value"]
                and m["issue"] == accepted["issue"]
            ]
            if move is not accepted:
                restated.append(move)
            said_back = (t for m in restated for t in _other_terms(m))
            # (The figure taken, said back, stays on the issue it was offered on.)
            terms = [t for t in said_back if t["value"] != accepted["value"]]
            terms += [*_other_terms(accepted), accepted]
            for term in terms:
                agreed[_named_issue(term, agreed)] = {
                    "value": term["value"],
                    "unit": term["unit"],
                    "accepted_by": utterance["party"],
                    "utterance_id": utterance["id"],
                }
        offers.observe(utterance["party"], [(m["kind"], m["value"], m) for m in said])
    return agreed


def _named_issue(term: dict[str, Any], agreed: dict[str, dict[str, Any]]) -> str:
    """A figure the words tied to no issue, close to one agreed on a named issue, moves
    that issue: "ok fine 975 if u pay upfront" after "1000 and its a deal" settles the
    rent again (not a second figure beside it, and not one the deposit said later
    replaces). (Here, not in the moves: renaming there moved the concession flags.)"""
    if term["issue"] != "other" or not term["value"] or term["value"] <= 0:
        return term["issue"]
    near = {
        issue
        for issue, said in agreed.items()
        if issue != "other"
        and said["unit"] == term["unit"]
        and said["value"]
        and 0.8 <= said["value"] / term["value"] <= 1.25
    }
    return near.pop() if len(near) == 1 else "other"


def _other_terms(move: dict[str, Any]) -> list[dict[str, Any]]:
    """The other terms a stored move put forward with its main one (JSON text)."""
    return json.loads(move["other_terms"]) if move.get("other_terms") else []


def concession_chart(
    utterances: list[dict[str, Any]], moves: dict[int, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Each party's stated value per issue over time, concessions marked, and whether
    they were traded ("if you sign for three years…") or given."""
    points = []
    for utterance in utterances:
        said = moves.get(utterance["id"], [])
        kinds = {m["kind"] for m in said}
        traded = any(m["kind"] == "concession" and m["conditional"] for m in said)
        for move in said:
            if (
                move["kind"] in ("offer", "concession")
                and move["value"] is not None
                and move["issue"]
            ):
                points.append(
                    {
                        "seq": utterance["seq"],
                        "time": utterance["start"],
                        "party": utterance["party"],
                        "issue": move["issue"],
                        "value": move["value"],
                        "unit": move["unit"],
                        "concession": "concession" in kinds,
                        "traded": traded,
                    }
                )
                break
    return points


def scorecard(
    utterances: list[dict[str, Any]],
    moves: dict[int, list[dict[str, Any]]],
    commitments: list[Any],
    flags: list[Any],
) -> dict[str, Any]:
    """Practice figures for your side, each with a one-line explanation."""
    yours = [u for u in utterances if u["party"] == "you"]
    your_moves = [m for u in yours for m in moves.get(u["id"], [])]
    # A concession counts as traded unless it was flagged one-sided: put as a trade ("if
    # you…, we…"), completing the trade they put, or asking something back in the same turn.
    given = {f.utterance_id for f in flags if f.kind == "one_sided_concession"}
    concessions = [
        (u["id"], m) for u in yours for m in moves.get(u["id"], []) if m["kind"] == "concession"
    ]
    traded = [m for said_in, m in concessions if said_in not in given]
    kept = [c for c in commitments if c.status != "dismissed"]  # dismissed: not one after all
    words = {
        party: sum(len(u["text"].split()) for u in utterances if u["party"] == party)
        for party in ("you", "them")
    }
    seconds = {
        party: sum(
            max(0.0, u["end"] - u["start"])
            for u in utterances
            if u["party"] == party and u.get("start") is not None and u.get("end") is not None
        )
        for party in ("you", "them")
    }
    figures = {
        "conditional_share": round(len(traded) / len(concessions), 2) if concessions else None,
        "interest_questions": sum(1 for m in your_moves if m["kind"] == "question"),
        "their_interests_heard": sum(
            1
            for u in utterances
            if u["party"] == "them"
            for m in moves.get(u["id"], [])
            if m["kind"] == "interest"
        ),
        "firm_commitments": f"{sum(1 for c in kept if not c.vague)}/{len(kept)}",
        "one_sided_concessions": sum(
            1 for f in flags if f.kind == "one_sided_concession" and f.party == "you"
        ),
        "pressure_moves": sum(1 for m in your_moves if m["kind"] == "pressure"),
        "talk_share": round(talk_share(words, seconds)["you"], 2),
    }
    if not any(u["party"] in ("you", "them") for u in utterances):
        # Sides unknown (a transcript analysed without --me): nothing here was measured.
        figures = dict.fromkeys(figures)
    return {
        name: {"value": value, "explain": SCORECARD_HELP[name]} for name, value in figures.items()
    }


def style_profile(
    utterances: list[dict[str, Any]], moves: dict[int, list[dict[str, Any]]]
) -> dict[str, Any]:
    """A negotiation-style reading of each side from its moves, with the evidence."""
    profiles = {}
    for party in ("you", "them"):
        evidence: dict[str, list[str]] = {style: [] for style in STYLES}
        proposals = 0
        for utterance in (u for u in utterances if u["party"] == party):
            found = moves.get(utterance["id"], [])
            kinds = {m["kind"] for m in found}
            trades = any(m["conditional"] for m in found)
            proposals += bool(kinds & {"offer", "concession"})
            if "pressure" in kinds or ("ask" in kinds and not trades):
                evidence["competing"].append(utterance["text"])
            if trades or "question" in kinds:
                evidence["collaborating"].append(utterance["text"])
            if "concession" in kinds and not trades:
                evidence["accommodating"].append(utterance["text"])
        spoken = sum(1 for u in utterances if u["party"] == party)
        if spoken >= 4 and proposals <= spoken // 4:
            evidence["avoiding"].append(f"{proposals} proposals in {spoken} turns")
        counts = {style: len(items) for style, items in evidence.items()}
        leading = max(STYLES, key=lambda style: counts[style]) if any(counts.values()) else None
        profiles[party] = {
            "style": leading,
            "counts": counts,
            "evidence": {style: items[:3] for style, items in evidence.items() if items},
        }
    return profiles


def carry_over(store: Store, session_id: int) -> list[dict[str, Any]]:
    """Commitments not done from earlier sessions with the same counterpart."""
    counterpart = store.session(session_id).get("counterpart")
    if not counterpart:
        return []
    sql = (
        "SELECT c.*, s.started FROM commitments c JOIN sessions s ON s.id = c.session_id "
        "WHERE s.counterpart = ? COLLATE NOCASE AND s.id < ? "
        "AND c.status IN ('unlogged', 'logged') ORDER BY c.id"
    )
    return [dict(row) for row in store.db.query(sql, [counterpart, session_id])]


def build_review(store: Store, session: int | None = None) -> dict[str, Any]:
    """Everything the review shows for one session (default: the latest)."""
    session_id = resolve_session(store, session)
    row = store.session(session_id)
    utterances = store.utterances(session_id)
    moves = _moves_by_utterance(store, session_id)
    commitments = store.commitments(session_id)
    flags = store.flags(session_id)
    interests = {
        party: [
            u["text"]
            for u in utterances
            if u["party"] == party and any(m["kind"] == "interest" for m in moves.get(u["id"], []))
        ]
        for party in ("you", "them")
    }
    return {
        "session": {
            k: row[k]
            for k in (
                "id",
                "source",
                "mode",
                "status",
                "started",
                "ended",
                "counterpart",
                "meeting_date",
            )
        },
        "agreement": agreement(utterances, moves),
        "commitments": [c.public() for c in commitments],
        "flags": [f.public() for f in flags],
        "interests": interests,
        "concessions": concession_chart(utterances, moves),
        "scorecard": scorecard(utterances, moves, commitments, flags),
        "styles": style_profile(utterances, moves),
        "carry_over": carry_over(store, session_id),
        "utterances": [
            {k: u[k] for k in ("id", "party", "speaker", "start", "end", "text")}
            | {"moves": [Move.from_public(m).public() for m in moves.get(u["id"], [])]}
            for u in utterances
        ],
    }


def progress(store: Store) -> list[dict[str, Any]]:
    """Scorecard figures of every session, the oldest meeting first, for a trend (a
    recording analysed today of last month's meeting comes in last month)."""
    rows = []
    for session in sorted(reversed(store.sessions()), key=meeting_day):
        review = build_review(store, session["id"])
        rows.append(
            {
                "session_id": session["id"],
                "meeting": meeting_day(session),
                "started": session["started"],
                "source": session["source"],
                "utterances": len(review["utterances"]),
                **{name: item["value"] for name, item in review["scorecard"].items()},
            }
        )
    return rows
