"""Rows of the sessions and session_participants tables, as domain Session objects."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from coprod_desktop.domain.sessions import Session, SessionFormat

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils


def _to_session(row: dict, participant_ids: frozenset[str]) -> Session:
    return Session(
        id=row["id"],
        title=row["title"],
        date=dt.date.fromisoformat(row["date"]),
        venue=row["venue"],
        format=SessionFormat(row["format"]),
        facilitators=tuple(json.loads(row["facilitators"])),
        partner_organisations=tuple(json.loads(row["partner_organisations"])),
        participant_ids=participant_ids,
        group_agreement=bool(row.get("group_agreement", 0)),
        safeguarding_lead=row.get("safeguarding_lead") or "",
        sensitive=bool(row.get("sensitive", 0)),
        safeguarding=bool(row.get("safeguarding", 0)),
    )


def _attendance(db: sqlite_utils.Database) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for session_id, participant_id in db.execute(
        "SELECT session_id, participant_id FROM session_participants"
    ):
        out.setdefault(session_id, set()).add(participant_id)
    return out


def list_all(db: sqlite_utils.Database) -> list[Session]:
    attendance = _attendance(db)
    return [
        _to_session(row, frozenset(attendance.get(row["id"], ())))
        for row in db.query("SELECT * FROM sessions ORDER BY date, title")
    ]


def get(db: sqlite_utils.Database, session_id: str) -> Session | None:
    rows = list(db.query("SELECT * FROM sessions WHERE id = ?", [session_id]))
    if not rows:
        return None
    ids = frozenset(
        r[0]
        for r in db.execute(
            "SELECT participant_id FROM session_participants WHERE session_id = ?", [session_id]
        )
    )
    return _to_session(rows[0], ids)


def save(db: sqlite_utils.Database, session: Session) -> None:
    """Insert or update a session and replace its attendance list."""
    now = now_iso()
    row = {
        "id": session.id,
        "title": session.title,
        "date": session.date.isoformat(),
        "venue": session.venue,
        "format": session.format.value,
        "facilitators": json.dumps(list(session.facilitators), ensure_ascii=False),
        "partner_organisations": json.dumps(
            list(session.partner_organisations), ensure_ascii=False
        ),
        "group_agreement": int(session.group_agreement),
        "safeguarding_lead": session.safeguarding_lead,
        "sensitive": int(session.sensitive),
        "safeguarding": int(session.safeguarding),
        "updated_at": now,
    }
    if db.execute("SELECT 1 FROM sessions WHERE id = ?", [session.id]).fetchone():
        db["sessions"].update(session.id, row)
    else:
        db["sessions"].insert({**row, "created_at": now})
    db.execute("DELETE FROM session_participants WHERE session_id = ?", [session.id])
    db["session_participants"].insert_all(
        {"session_id": session.id, "participant_id": pid} for pid in sorted(session.participant_ids)
    )


def add_attendee(db: sqlite_utils.Database, session_id: str, participant_id: str) -> None:
    db["session_participants"].insert(
        {"session_id": session_id, "participant_id": participant_id}, ignore=True
    )


def delete(db: sqlite_utils.Database, session_id: str) -> None:
    db.execute("DELETE FROM sessions WHERE id = ?", [session_id])


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM sessions").fetchone()[0]


def flagged_count(db: sqlite_utils.Database) -> int:
    """Sessions flagged sensitive or safeguarding as a whole."""
    return db.execute("SELECT count(*) FROM sessions WHERE sensitive OR safeguarding").fetchone()[0]
