"""The session store: one SQLite file, opened through sqlite-utils.

Every finished utterance is committed on its own, so a crash loses nothing that was
finished. The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS`` brings
any older file up to date. The file is created with mode 0600 and runs in WAL mode.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from copilot.errors import CopilotError
from copilot.events import Commitment, CommitmentDraft, Flag, Utterance

DB_ENV = "NEGOTIATION_COPILOT_DB"


class StoreError(CopilotError):
    """The session store cannot be opened or written."""


def default_db_path() -> Path:
    """The database the CLI and the panel use unless told otherwise.

    ``NEGOTIATION_COPILOT_DB`` overrides the platform's user data folder.
    """
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("negotiation-copilot", appauthor=False)) / "sessions.db"


def now_iso() -> str:
    """The wall clock as an ISO timestamp with the local offset."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _migrate_1(db: sqlite_utils.Database) -> None:
    db["sessions"].create(
        {
            "id": int,
            "source": str,
            "title": str,
            "counterpart": str,
            "me": str,
            "mode": str,
            "status": str,
            "started": str,
            "ended": str,
            "meeting_date": str,
            "prep": str,
        },
        pk="id",
        not_null={"mode", "status", "started"},
    )
    db["utterances"].create(
        {
            "id": int,
            "session_id": int,
            "seq": int,
            "party": str,
            "speaker": str,
            "start": float,
            "end": float,
            "text": str,
            "avg_logprob": float,
            "created": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "party", "text"},
    )
    db["utterances"].create_index(["session_id", "seq"])
    db["moves"].create(
        {
            "id": int,
            "session_id": int,
            "utterance_id": int,
            "kind": str,
            "text": str,
            "conditional": int,
            "issue": str,
            "value": float,
            "unit": str,
            "size": float,
            "size_pct": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("utterance_id", "utterances", "id")],
        not_null={"session_id", "utterance_id", "kind"},
    )
    db["moves"].create_index(["utterance_id"])
    db["flags"].create(
        {
            "id": int,
            "session_id": int,
            "utterance_id": int,
            "key": str,
            "kind": str,
            "severity": str,
            "party": str,
            "message": str,
            "tip": str,
            "resolved": int,
            "created": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("utterance_id", "utterances", "id")],
        not_null={"session_id", "kind", "severity"},
    )
    db["flags"].create_index(["session_id", "key"])
    db["commitments"].create(
        {
            "id": int,
            "session_id": int,
            "utterance_id": int,
            "owner": str,
            "action": str,
            "due_text": str,
            "due": str,
            "status": str,
            "updated": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("utterance_id", "utterances", "id")],
        not_null={"session_id", "action", "status"},
    )
    db["prep_items"].create(
        {
            "id": int,
            "session_id": int,
            "issue": str,
            "unit": str,
            "target": float,
            "walkaway": float,
            "priority": str,
            "tradeable": int,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["utterances"].enable_fts(["text"], create_triggers=True, tokenize="porter")


def _migrate_2(db: sqlite_utils.Database) -> None:
    # Live sessions may be recorded; forgetting a session must find its recording.
    db["sessions"].add_column("recording", str)
    # The process writing a live session, so that another one never marks it interrupted.
    db["sessions"].add_column("pid", int)


def _migrate_3(db: sqlite_utils.Database) -> None:
    # The other terms of a package ("fifty per seat, two hundred seats"), as JSON: taking
    # it up agrees all of it.
    db["moves"].add_column("other_terms", str)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migrate_1, _migrate_2, _migrate_3]
SCHEMA_VERSION = len(MIGRATIONS)
CHILD_TABLES = ("moves", "flags", "commitments", "prep_items", "utterances")


@dataclass
class StoredUtterance:
    """Ids given to a stored utterance and the commitments found in it."""

    utterance_id: int
    commitments: list[Commitment]


def _use_wal(db: sqlite_utils.Database, tries: int = 50) -> None:
    """Switch the file to write-ahead logging (once per file). SQLite does not wait for
    a lock here: when another connection is opening the same new file, try again."""
    for attempt in range(tries):
        try:
            if db.journal_mode != "wal":
                db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.02)


def _migrate(conn: sqlite3.Connection, db: sqlite_utils.Database) -> None:
    """Bring the schema up to date in one write transaction. The version is read again
    inside it: another process or thread may have just created the same new file."""
    conn.execute("BEGIN IMMEDIATE")  # waits (the connection's timeout) for other writers
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](db)
            conn.execute(f"PRAGMA user_version = {step + 1}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


class Store:
    """The session database.

    Args:
        path: the SQLite file; created (mode 0600) with its folder when missing.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.db = self._open(self.path)

    @staticmethod
    def _open(path: Path) -> sqlite_utils.Database:
        if path.is_dir():
            raise StoreError(f"database path is a folder: {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                # Create it ourselves so that it never exists with looser permissions.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            conn = sqlite3.connect(path, check_same_thread=False)
            db = sqlite_utils.Database(conn)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a session database ({exc}): {path}") from exc
        except OSError as exc:
            raise StoreError(f"cannot open the database {path}: {exc.strerror}") from exc
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path} was written by a newer version (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade negotiation-copilot to open it"
            )
        try:
            _use_wal(db)
            if version < SCHEMA_VERSION:
                _migrate(conn, db)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise StoreError(f"cannot write the database {path}: {exc}") from exc
        for suffix in ("-wal", "-shm"):
            sidecar = Path(f"{path}{suffix}")
            if sidecar.exists():
                sidecar.chmod(0o600)
        return db

    @property
    def schema_version(self) -> int:
        """The schema version stored in the file."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # sessions -----------------------------------------------------------------------------

    def create_session(
        self,
        *,
        mode: str,
        source: str | None = None,
        title: str | None = None,
        me: str | None = None,
        counterpart: str | None = None,
        meeting_date: str | None = None,
        prep: dict[str, Any] | None = None,
        recording: str | None = None,
    ) -> int:
        """Start a session in status ``live``; returns its id."""
        row = {
            "recording": recording,
            "pid": os.getpid() if mode == "live" else None,
            "source": source,
            "title": title,
            "me": me,
            "counterpart": counterpart,
            "mode": mode,
            "status": "live",
            "started": now_iso(),
            "meeting_date": meeting_date,
            "prep": json.dumps(prep) if prep else None,
        }
        table = self.db.table("sessions")
        with self.db.conn:
            table.insert(row)
            session_id = int(table.last_pk)
            items = [
                {
                    "session_id": session_id,
                    "issue": item["name"],
                    "unit": item.get("unit"),
                    "target": item.get("target"),
                    "walkaway": item.get("walkaway"),
                    "priority": item.get("priority"),
                    "tradeable": int(bool(item.get("tradeable", True))),
                }
                for item in (prep or {}).get("issues", [])
            ]
            if items:
                self.db.table("prep_items").insert_all(items)
        return session_id

    def finish_session(self, session_id: int, status: str = "done") -> None:
        """Mark a session done (or interrupted) and stamp its end."""
        self.db.table("sessions").update(session_id, {"status": status, "ended": now_iso()})

    def take_place_of(self, new_id: int, old_id: int) -> None:
        """The new session takes the old one's start time, and the old one is deleted,
        in one transaction (a relabelled session keeps its place in every list)."""
        started = self.session(old_id)["started"]
        with self.db.conn:
            self.db.execute("UPDATE sessions SET started = ? WHERE id = ?", [started, new_id])
            self._delete_rows(old_id)

    def delete_session(self, session_id: int) -> None:
        """Remove a session and everything hanging off it, in one transaction."""
        with self.db.conn:
            self._delete_rows(session_id)

    def _delete_rows(self, session_id: int) -> None:
        for table in CHILD_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])
        self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])

    def recover_interrupted(self) -> list[int]:
        """Sessions left ``live`` by a crash become ``interrupted``; returns their ids.

        Their unlogged commitments are flagged, as a session that ended normally would have.
        """
        from copilot.coach.engine import unlogged_flag

        rows = self.db.execute("SELECT id, pid FROM sessions WHERE status = 'live'").fetchall()
        ids = [int(row[0]) for row in rows if not _process_alive(row[1])]
        for session_id in ids:
            flagged = {flag.key for flag in self.flags(session_id)}
            for commitment in self.commitments(session_id):
                flag = unlogged_flag(commitment)
                if commitment.status == "unlogged" and flag.key not in flagged:
                    self.save_flag(session_id, flag)
            self.finish_session(session_id, "interrupted")
        return ids

    def forget(self, session_id: int) -> str | None:
        """Delete a session, its rows, index entries and recording; reclaim the space.

        Returns the deleted recording's path, if there was one.
        """
        row = self.session(session_id)
        self.delete_session(session_id)
        recording = row.get("recording")
        if recording and Path(recording).exists():
            Path(recording).unlink()
        # Deleted pages keep their old bytes until the file is rebuilt.
        self.db.execute("INSERT INTO utterances_fts(utterances_fts) VALUES('optimize')")
        self.db.conn.commit()
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.vacuum()
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return recording

    def session(self, session_id: int) -> dict[str, Any]:
        """One session row.

        Raises:
            StoreError: no such session.
        """
        try:
            return dict(self.db.table("sessions").get(session_id))
        except sqlite_utils.db.NotFoundError as exc:
            raise StoreError(f"no session with id {session_id}") from exc

    def sessions(self) -> list[dict[str, Any]]:
        """All sessions, newest first, with their utterance counts."""
        sql = (
            "SELECT s.*, (SELECT count(*) FROM utterances u WHERE u.session_id = s.id) "
            "AS utterance_count FROM sessions s ORDER BY s.id DESC"
        )
        return [dict(row) for row in self.db.query(sql)]

    # utterances and what hangs off them ---------------------------------------------------

    def add_utterance(
        self,
        session_id: int,
        utterance: Utterance,
        moves: Iterable[dict[str, Any]] = (),
        commitments: Iterable[CommitmentDraft] = (),
    ) -> StoredUtterance:
        """Store one finished utterance with its moves and commitments, committed at once."""
        with self.db.conn:
            seq = self.db.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM utterances WHERE session_id = ?",
                [session_id],
            ).fetchone()[0]
            table = self.db.table("utterances")
            table.insert(
                {
                    "session_id": session_id,
                    "seq": seq,
                    "party": str(utterance.party),
                    "speaker": utterance.speaker,
                    "start": utterance.start,
                    "end": utterance.end,
                    "text": utterance.text,
                    "avg_logprob": utterance.avg_logprob,
                    "created": now_iso(),
                }
            )
            utterance_id = int(table.last_pk)
            rows = [dict(m, session_id=session_id, utterance_id=utterance_id) for m in moves]
            if rows:
                self.db.table("moves").insert_all(rows)
            stored = [self._insert_commitment(session_id, utterance_id, c) for c in commitments]
        return StoredUtterance(utterance_id, stored)

    def _insert_commitment(
        self, session_id: int, utterance_id: int, draft: CommitmentDraft
    ) -> Commitment:
        table = self.db.table("commitments")
        table.insert(
            {
                "session_id": session_id,
                "utterance_id": utterance_id,
                "owner": draft.owner,
                "action": draft.action,
                "due_text": draft.due_text,
                "due": draft.due,
                "status": "unlogged",
                "updated": now_iso(),
            }
        )
        return Commitment(
            int(table.last_pk), utterance_id, draft.owner, draft.action, draft.due_text, draft.due
        )

    def save_flag(self, session_id: int, flag: Flag) -> None:
        """Insert a new flag, or update the stored one with the same id; sets ``flag.id``."""
        row = {
            "session_id": session_id,
            "utterance_id": flag.utterance_id,
            "key": flag.key,
            "kind": flag.kind,
            "severity": flag.severity,
            "party": flag.party,
            "message": flag.message,
            "tip": flag.tip,
            "resolved": int(flag.resolved),
        }
        table = self.db.table("flags")
        with self.db.conn:
            if flag.id:
                table.update(flag.id, row)
            else:
                table.insert(dict(row, created=now_iso()))
                flag.id = int(table.last_pk)

    def utterances(self, session_id: int) -> list[dict[str, Any]]:
        """A session's utterances in order."""
        return list(
            self.db.query(
                "SELECT * FROM utterances WHERE session_id = ? ORDER BY seq", [session_id]
            )
        )

    def moves(self, session_id: int) -> list[dict[str, Any]]:
        """A session's moves in utterance order."""
        return list(
            self.db.query("SELECT * FROM moves WHERE session_id = ? ORDER BY id", [session_id])
        )

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over every session's utterances.

        FTS5 syntax works (``price OR fee``, ``"setup fee"``); text that is not valid
        syntax (a stray quote, a bare ``AND``) is searched as the phrase typed.
        """
        sql = (
            "SELECT u.id, u.session_id, u.party, u.speaker, u.start, u.text, s.source, s.started "
            "FROM utterances_fts f JOIN utterances u ON u.rowid = f.rowid "
            "JOIN sessions s ON s.id = u.session_id "
            "WHERE utterances_fts MATCH ? ORDER BY f.rank LIMIT ?"
        )
        try:
            return list(self.db.query(sql, [query, limit]))
        except sqlite3.OperationalError:
            phrase = '"' + query.replace('"', '""') + '"'
            try:
                return list(self.db.query(sql, [phrase, limit]))
            except sqlite3.OperationalError as exc:
                raise StoreError(f"cannot search for {query!r}: {exc}") from exc

    # commitments and flags ----------------------------------------------------------------

    def commitments(self, session_id: int | None = None) -> list[Commitment]:
        """Commitments of one session (or all), unlogged first, then in order."""
        where, params = ("WHERE session_id = ?", [session_id]) if session_id else ("", [])
        sql = f"SELECT * FROM commitments {where} ORDER BY status != 'unlogged', session_id, id"
        return [_commitment(row) for row in self.db.query(sql, params)]

    def commitment(self, commitment_id: int) -> tuple[int, Commitment]:
        """(session id, commitment) of one commitment.

        Raises:
            StoreError: no such commitment.
        """
        rows = list(self.db.query("SELECT * FROM commitments WHERE id = ?", [commitment_id]))
        if not rows:
            raise StoreError(f"no commitment with id {commitment_id}")
        return int(rows[0]["session_id"]), _commitment(rows[0])

    def update_commitment(self, commitment_id: int, **changes: Any) -> Commitment:
        """Change a commitment's owner, action, due or status, committed at once."""
        allowed = {"owner", "action", "due_text", "due", "status"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot change {sorted(unknown)}")
        self.commitment(commitment_id)
        with self.db.conn:
            self.db.table("commitments").update(commitment_id, dict(changes, updated=now_iso()))
        return self.commitment(commitment_id)[1]

    def flags(self, session_id: int) -> list[Flag]:
        """A session's flags in the order they were raised."""
        rows = self.db.query("SELECT * FROM flags WHERE session_id = ? ORDER BY id", [session_id])
        return [
            Flag(
                kind=row["kind"],
                severity=row["severity"],
                party=row["party"],
                utterance_id=row["utterance_id"],
                message=row["message"] or "",
                tip=row["tip"] or "",
                resolved=bool(row["resolved"]),
                id=int(row["id"]),
                key=row["key"] or "",
            )
            for row in rows
        ]


def _process_alive(pid: int | None) -> bool:
    """Whether the process that writes a live session still runs (on this machine)."""
    if not pid or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _commitment(row: dict[str, Any]) -> Commitment:
    return Commitment(
        id=int(row["id"]),
        utterance_id=row["utterance_id"],
        owner=row["owner"],
        action=row["action"],
        due_text=row["due_text"],
        due=row["due"],
        status=row["status"],
    )


def resolve_flag(store: Store, flag_id: int, resolved: bool = True) -> None:
    """Mark one flag resolved (the user dismissed it) or open again (the user undid that)."""
    with store.db.conn:
        store.db.table("flags").update(flag_id, {"resolved": int(resolved)})
