"""Rows of the safeguarding log (concerns and their follow-ups) and the signposting list."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coprod_desktop.domain.safeguarding import ActionTaken, Concern, FollowUp
from coprod_desktop.domain.signposting import Category, Signpost

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# concerns ----------------------------------------------------------------------------------
def concerns(db: sqlite_utils.Database, concern_id: str | None = None) -> list[Concern]:
    """Every concern (or the one asked for), newest first, with its follow-ups."""
    where, args = ("WHERE id = ?", [concern_id]) if concern_id else ("", [])
    rows = list(db.query(f"SELECT * FROM safeguarding_concerns {where} "
                         "ORDER BY raised_at DESC, rowid DESC", args))  # fmt: skip
    follow: dict[str, list[FollowUp]] = {}
    fwhere = "WHERE concern_id = ?" if concern_id else ""
    for r in db.query(f"SELECT * FROM safeguarding_follow_ups {fwhere} "
                      "ORDER BY concern_id, position", args):  # fmt: skip
        follow.setdefault(r["concern_id"], []).append(
            FollowUp(dt.date.fromisoformat(r["due"]), r["note"], _date(r["done"]), r["id"]))
    return [Concern(r["id"], r["what"], dt.datetime.fromisoformat(r["raised_at"]),
                    r["raised_by"], r["lead"], ActionTaken(r["action"]), r["service"],
                    r["reason"], r["session_id"], r["participant_id"],
                    tuple(follow.get(r["id"], ())), _date(r["closed_on"]), r["closing_note"])
            for r in rows]  # fmt: skip


def concern(db: sqlite_utils.Database, concern_id: str) -> Concern | None:
    found = concerns(db, concern_id)
    return found[0] if found else None


def save_concern(db: sqlite_utils.Database, item: Concern) -> None:
    """Add or replace a concern with its follow-ups (inside the caller's write)."""
    row = {"id": item.id, "what": item.what, "raised_at": item.raised_at.isoformat(),
           "raised_by": item.raised_by, "lead": item.lead,
           "action": ActionTaken(item.action).value, "service": item.service,
           "reason": item.reason, "session_id": item.session_id,
           "participant_id": item.participant_id,
           "closed_on": item.closed_on.isoformat() if item.closed_on else None,
           "closing_note": item.closing_note, "updated_at": now_iso()}  # fmt: skip
    if db.execute("SELECT 1 FROM safeguarding_concerns WHERE id = ?", [item.id]).fetchone():
        db["safeguarding_concerns"].update(item.id, row)
    else:
        db["safeguarding_concerns"].insert({**row, "created_at": now_iso()})
    db.execute("DELETE FROM safeguarding_follow_ups WHERE concern_id = ?", [item.id])
    for n, f in enumerate(item.follow_ups):
        db["safeguarding_follow_ups"].insert({
            "id": f.id, "concern_id": item.id, "position": n, "due": f.due.isoformat(),
            "done": f.done.isoformat() if f.done else None, "note": f.note})  # fmt: skip


def delete_concern(db: sqlite_utils.Database, concern_id: str) -> None:
    db.execute("DELETE FROM safeguarding_concerns WHERE id = ?", [concern_id])


def count_concerns(db: sqlite_utils.Database) -> dict[str, int]:
    closed, total = db.execute("SELECT COALESCE(SUM(closed_on IS NOT NULL), 0), COUNT(*) "
                               "FROM safeguarding_concerns").fetchone()  # fmt: skip
    return {"open": total - closed, "closed": closed}


# signposting -------------------------------------------------------------------------------
def _signpost(r: dict) -> Signpost:
    return Signpost(r["id"], r["name"], Category(r["category"]), r["helps_with"], r["phone"],
                    r["website"], r["hours"], bool(r["local"]), r["position"])  # fmt: skip


def signposts(db: sqlite_utils.Database) -> list[Signpost]:
    return [_signpost(r) for r in db.query("SELECT * FROM signposts ORDER BY position, rowid")]


def signpost(db: sqlite_utils.Database, signpost_id: str) -> Signpost | None:
    rows = list(db.query("SELECT * FROM signposts WHERE id = ?", [signpost_id]))
    return _signpost(rows[0]) if rows else None


def next_position(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM signposts").fetchone()[0]


def save_signpost(db: sqlite_utils.Database, item: Signpost) -> None:
    row = {"id": item.id, "position": item.position, "name": item.name,
           "category": Category(item.category).value, "helps_with": item.helps_with,
           "phone": item.phone, "website": item.website, "hours": item.hours,
           "local": int(item.local), "updated_at": now_iso()}  # fmt: skip
    if db.execute("SELECT 1 FROM signposts WHERE id = ?", [item.id]).fetchone():
        db["signposts"].update(item.id, row)
    else:
        db["signposts"].insert({**row, "created_at": now_iso()})


def delete_signpost(db: sqlite_utils.Database, signpost_id: str) -> None:
    db.execute("DELETE FROM signposts WHERE id = ?", [signpost_id])


def count_signposts(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM signposts").fetchone()[0]


def signposting_ready(db: sqlite_utils.Database) -> bool:
    row = db.execute("SELECT signposting_ready FROM project LIMIT 1").fetchone()
    return bool(row and row[0])


def mark_signposting_ready(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE project SET signposting_ready = 1")
