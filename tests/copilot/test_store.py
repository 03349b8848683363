"""The session store on real SQLite files."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from copilot.errors import CopilotError
from copilot.events import CommitmentDraft, Flag, Utterance
from copilot.store import SCHEMA_VERSION, Store, StoreError, default_db_path


def test_migrates_an_empty_file_to_the_current_schema(db_path):
    db_path.touch()
    store = Store(db_path)
    assert store.schema_version == SCHEMA_VERSION
    tables = set(store.db.table_names())
    assert {"sessions", "utterances", "moves", "flags", "commitments", "prep_items"} <= tables
    assert "utterances_fts" in tables


def test_database_is_wal_and_private(db_path):
    store = Store(db_path)
    sid = store.create_session(mode="transcript")
    store.add_utterance(sid, Utterance("you", "Hello", speaker="Ana", start=0.0, end=1.0))
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_each_utterance_is_durable_without_closing(db_path):
    store = Store(db_path)
    sid = store.create_session(mode="live")
    store.add_utterance(sid, Utterance("them", "Take it", start=1.0, end=2.0))
    # A second connection sees the row at once: it was committed on its own.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT text FROM utterances").fetchall() == [("Take it",)]


def test_full_text_search_finds_an_utterance(db_path):
    store = Store(db_path)
    sid = store.create_session(mode="transcript", source="a.txt")
    store.add_utterance(sid, Utterance("you", "Net sixty days"))
    store.add_utterance(sid, Utterance("them", "Price is firm"))
    hits = store.search("firm")
    assert [hit["text"] for hit in hits] == ["Price is firm"]
    assert hits[0]["session_id"] == sid
    assert sorted(hit["text"] for hit in store.search("firm OR sixty")) == [
        "Net sixty days",
        "Price is firm",
    ]


@pytest.mark.parametrize("typed", ['"price', "AND", "price AND", 'is "firm'])
def test_text_that_is_not_search_syntax_is_searched_as_typed(db_path, typed):
    store = Store(db_path)
    sid = store.create_session(mode="transcript")
    store.add_utterance(sid, Utterance("them", 'Price AND "terms" is firm'))
    store.add_utterance(sid, Utterance("you", "Net sixty days"))
    hits = store.search(typed)  # FTS5's syntax error does not reach the user
    assert [hit["text"] for hit in hits] == ['Price AND "terms" is firm']


def test_delete_session_removes_every_row_and_the_index(db_path):
    store = Store(db_path)
    sid = store.create_session(mode="transcript")
    stored = store.add_utterance(
        sid,
        Utterance("you", "I will send the draft by Friday"),
        moves=[{"kind": "commitment", "text": "I will send", "conditional": 0}],
        commitments=[CommitmentDraft("you", "send the draft", "by Friday", "2026-03-06")],
    )
    store.save_flag(sid, Flag("unlogged_commitment", "info", "you", stored.utterance_id, "m", "t"))
    store.delete_session(sid)
    for table in ("sessions", "utterances", "moves", "flags", "commitments"):
        assert store.db.table(table).count == 0, table
    assert store.search("draft") == []


def test_newer_schema_is_refused(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(db_path)


def test_a_file_that_is_not_sqlite_is_refused(db_path):
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CopilotError, match="not a session database"):
        Store(db_path)


def test_environment_overrides_the_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("NEGOTIATION_COPILOT_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"


def test_a_new_file_opened_by_several_threads_at_once_is_created_once(tmp_path):
    """The panel's tasks (and two CLI processes) may open a new database together."""
    import threading

    failures = []

    def open_and_close(path):
        try:
            Store(path).close()
        except StoreError as exc:
            failures.append(str(exc))

    for trial in range(5):
        path = tmp_path / f"new{trial}.db"
        threads = [threading.Thread(target=open_and_close, args=(path,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert Store(path).schema_version == SCHEMA_VERSION
    assert failures == []
