"""The session: one utterance understood, stored and published as typed events."""

from __future__ import annotations

from copilot.coach.engine import FlagEngine
from copilot.events import CommitmentFound, FlagChanged, Party, Utterance, UtteranceAdded
from copilot.session import Session
from copilot.store import Store


def test_an_utterance_is_stored_and_published_in_order_with_its_source(db_path):
    from models.understanding import build_rule_understander

    store = Store(db_path)
    session_id = store.create_session(mode="transcript")
    session = Session(store, session_id, build_rule_understander(), FlagEngine(live=False))
    events = []
    session.subscribe(events.append)

    heard = Utterance(Party.THEM, "This is our final offer. I'll send the contract by Friday.")
    stored = session.add_utterance(heard, source="chunk 7")

    assert stored.id > 0 and heard.id == 0  # the caller's utterance is not changed
    assert {m.kind for m in stored.moves} >= {"pressure", "commitment"}
    first, *rest = events
    assert first == UtteranceAdded(stored, "chunk 7")
    [found] = [e for e in rest if isinstance(e, CommitmentFound)]
    assert found.commitment.owner == "them" and found.commitment.utterance_id == stored.id
    assert any(isinstance(e, FlagChanged) and e.flag.kind == "pressure_without_trade" for e in rest)
    row = store.db.execute("SELECT party, text FROM utterances WHERE id = ?", [stored.id])
    assert row.fetchone() == ("them", heard.text)


def test_a_dismissed_flag_is_resolved_for_the_coach_the_store_and_listeners(db_path):
    from models.understanding import build_rule_understander

    store = Store(db_path)
    session = Session(
        store, store.create_session(mode="live"), build_rule_understander(), FlagEngine()
    )
    session.add_utterance(Utterance(Party.THEM, "This is our final offer, take it or leave it."))
    [flag] = [f for f in session.flags if f.kind == "pressure_without_trade"]
    events = []
    session.subscribe(events.append)

    assert session.dismiss_flag(flag.id) is flag and flag.resolved
    assert events == [FlagChanged(flag)]
    assert {f.id: f.resolved for f in store.flags(session.id)}[flag.id] is True
    assert session.dismiss_flag(flag.id + 1000) is None
    # Undone: open again for the coach (it may raise it anew), the store and listeners.
    assert session.dismiss_flag(flag.id, dismissed=False) is flag and not flag.resolved
    assert events[-1] == FlagChanged(flag)
    assert {f.id: f.resolved for f in store.flags(session.id)}[flag.id] is False
    assert flag.key not in session.coach._dismissed


def _played(db_path, turns):
    """A transcript session on the real pipeline after ``turns``: (store, id, session)."""
    from models.understanding import build_understander

    store = Store(db_path)
    session_id = store.create_session(mode="transcript")
    session = Session(
        store, session_id, build_understander(), FlagEngine(live=False), meeting_date="2026-03-02"
    )
    for party, text in turns:
        session.add_utterance(Utterance(party, text))
    return store, session_id, session


def test_a_yes_to_a_promise_put_as_a_question_is_the_same_commitment(db_path):
    store, session_id, session = _played(
        db_path,
        [
            (Party.THEM, "And you'll confirm the date with the venue?"),
            (Party.YOU, "yes"),
            (Party.THEM, "and you'll send me the officer bios?"),
            (Party.YOU, "Yes, by Thursday, with their licence numbers."),
            (Party.THEM, "you'll also book the caterer?"),
            (Party.YOU, "I'll ask my partner first."),
        ],
    )

    stored = store.commitments(session_id)
    assert [(c.owner, c.action, c.due) for c in stored] == [
        ("you", "confirm the date with the venue", None),
        ("you", "send me the officer bios", "2026-03-05"),
        ("you", "book the caterer", None),
        ("you", "ask my partner first", None),
    ]
    assert session.commitments == stored
    session.finish()
    unlogged = [f for f in store.flags(session_id) if f.kind == "unlogged_commitment"]
    assert len(unlogged) == len(stored)


def test_a_yes_with_another_promise_keeps_both_and_a_new_day_moves_the_due(db_path):
    store, session_id, _session = _played(
        db_path,
        [
            (Party.THEM, "you'll call the venue?"),
            (Party.YOU, "yes and i'll call the caterer too"),
            (Party.THEM, "you'll send the quote by friday?"),
            (Party.YOU, "yes, by tuesday"),
        ],
    )

    stored = [(c.action, c.due) for c in store.commitments(session_id)]
    assert ("call the caterer", None) in stored and ("call the venue", None) in stored
    assert ("send the quote", "2026-03-03") in stored
    assert len(stored) == 3
