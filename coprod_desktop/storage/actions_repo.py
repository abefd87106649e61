"""Rows of actions, their partners' responses and the evidence each answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from coprod_desktop.domain.actions import Action, ActionStatus, PartnerResponse

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

# Where each kind of evidence lives, and what it is called there (None: it has gone).
_TABLES = {"theme": "themes", "note": "notes", "clip": "clips", "outcome": "outcomes"}
_EVIDENCE_SQL = {
    "theme": "SELECT name FROM themes WHERE id = ?",
    "note": "SELECT text FROM notes WHERE id = ?",
    "clip": "SELECT title FROM clips WHERE id = ?",
    "outcome": "SELECT text FROM outcomes WHERE id = ?",
}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def actions(db: sqlite_utils.Database, ids: list[str] | None = None) -> list[Action]:
    """Every action (or those of `ids`), oldest first, with what is left of its evidence: a few
    queries whatever the number of actions, each reading only the actions asked for."""
    where, args = "", []
    if ids is not None:
        where, args = f"WHERE {{}} IN ({', '.join('?' * len(ids))})", list(ids)
    rows = list(db.query(f"SELECT * FROM actions {where.format('id')} "
                         "ORDER BY created_at, rowid", args))  # fmt: skip
    responses: dict[str, list[PartnerResponse]] = {}
    for r in db.query(f"SELECT * FROM action_responses {where.format('action_id')} "
                      "ORDER BY action_id, position", args):  # fmt: skip
        responses.setdefault(r["action_id"], []).append(
            PartnerResponse(dt.date.fromisoformat(r["responded_on"]), r["text"], r["id"]))
    links = list(db.query(f"SELECT * FROM action_evidence {where.format('action_id')} "
                          "ORDER BY action_id, position", args))  # fmt: skip
    present = _present(db, {(r["kind"], r["source_id"]) for r in links})
    evidence: dict[str, list[tuple[str, str]]] = {}
    for r in links:
        if (r["kind"], r["source_id"]) in present:
            evidence.setdefault(r["action_id"], []).append((r["kind"], r["source_id"]))
    return [Action(r["id"], r["text"], r["organisation"], ActionStatus(r["status"]),
                   _date(r["due"]), r["session_id"], tuple(evidence.get(r["id"], ())),
                   tuple(responses.get(r["id"], ())))
            for r in rows]  # fmt: skip


def action(db: sqlite_utils.Database, action_id: str) -> Action | None:
    found = actions(db, [action_id])
    return found[0] if found else None


def _present(db: sqlite_utils.Database, wanted: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (kind, id) pieces of evidence still exist: one query a kind."""
    found = set()
    for kind, table in _TABLES.items():
        ids = [i for k, i in wanted if k == kind]
        for start in range(0, len(ids), 500):  # within SQLite's limit on parameters
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found |= {(kind, row[0]) for row in db.execute(
                f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)}  # fmt: skip
    return found


def evidence_text(db: sqlite_utils.Database, kind: str, source_id: str) -> str | None:
    """The theme's name, the note's text, the clip's title or the outcome: None if gone."""
    row = db.execute(_EVIDENCE_SQL[kind], [source_id]).fetchone()
    return row[0] if row else None


def save(db: sqlite_utils.Database, item: Action) -> None:
    """Add or replace an action with its responses and evidence (inside the caller's write)."""
    row = {"id": item.id, "text": item.text, "organisation": item.organisation,
           "status": ActionStatus(item.status).value,
           "due": item.due.isoformat() if item.due else None,
           "session_id": item.session_id, "updated_at": now_iso()}  # fmt: skip
    if db.execute("SELECT 1 FROM actions WHERE id = ?", [item.id]).fetchone():
        db["actions"].update(item.id, row)
    else:
        db["actions"].insert({**row, "created_at": now_iso()})
    db.execute("DELETE FROM action_responses WHERE action_id = ?", [item.id])
    db.execute("DELETE FROM action_evidence WHERE action_id = ?", [item.id])
    for n, r in enumerate(item.responses):
        db["action_responses"].insert({"id": r.id, "action_id": item.id, "position": n,
                                       "responded_on": r.on.isoformat(), "text": r.text})
    for n, (kind, source_id) in enumerate(item.evidence):
        db["action_evidence"].insert({"action_id": item.id, "kind": kind,
                                      "source_id": source_id, "position": n})


def delete(db: sqlite_utils.Database, action_id: str) -> None:
    db.execute("DELETE FROM actions WHERE id = ?", [action_id])


def count(db: sqlite_utils.Database) -> dict[str, int]:
    """How many actions, and how many in each status."""
    counts = {s.value: 0 for s in ActionStatus}
    for status, n in db.execute("SELECT status, COUNT(*) FROM actions GROUP BY status"):
        counts[status] = n
    return {"actions": sum(counts.values()), "actions_by_status": counts}


def texts(db: sqlite_utils.Database, session_ids: Iterable[str] | None = None,
          responses_of: str | None = None) -> list[tuple[str, str, str, str]]:  # fmt: skip
    """(source type, source id, label, text) of every action, its owner and its responses,
    for review (an owner is an organisation, but it is typed freely: it could name someone).
    With `responses_of`, only that organisation's responses."""
    wanted = set(session_ids) if session_ids is not None else None
    out, kept = [], set()
    for r in db.query("SELECT * FROM actions ORDER BY created_at, rowid"):
        if wanted is not None and r["session_id"] is not None and r["session_id"] not in wanted:
            continue
        if responses_of is None or same_owner(r["organisation"], responses_of):
            kept.add(r["id"])
        out += [("action", r["id"], "Action", r["text"]),
                ("action_owner", r["id"], "Who owns an action", r["organisation"])]
    out += [("action_response", r["id"], "Partner's response", r["text"])
            for r in db.query("SELECT * FROM action_responses ORDER BY action_id, position")
            if r["action_id"] in kept]
    return out


def same_owner(organisation: str, other: str) -> bool:
    """The same organisation, whatever its case and spacing."""
    return " ".join(organisation.split()).casefold() == " ".join(other.split()).casefold()
