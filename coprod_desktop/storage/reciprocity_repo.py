"""Rows of the reciprocity ledger (reciprocity_entries) and the project's threshold for
payments that may need declaring (two columns of the project row)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coprod_desktop.domain.reciprocity import Entry, Threshold

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = ("id, participant_id, session_id, kind, amount_pence, given_on, method, description, "
            "receipt, paper_reference, signature IS NOT NULL AS has_signature")  # fmt: skip


def _entry(row: dict, signature: bytes | None = None) -> Entry:
    return Entry(row["id"], row["participant_id"], row["kind"], row["amount_pence"],
                 dt.date.fromisoformat(row["given_on"]), row["method"], row["description"],
                 row["session_id"], row["receipt"], row["paper_reference"], signature,
                 bool(row["has_signature"]))  # fmt: skip


def entries(db: sqlite_utils.Database, participant_id: str | None = None) -> list[Entry]:
    """Every entry (or one person's), oldest first, without the signature images."""
    where, args = ("WHERE participant_id = ?", [participant_id]) if participant_id else ("", [])
    return [_entry(r) for r in db.query(
        f"SELECT {_COLUMNS} FROM reciprocity_entries {where} "
        "ORDER BY given_on, created_at, rowid", args)]  # fmt: skip


def entry(db: sqlite_utils.Database, entry_id: str) -> Entry | None:
    """One entry in full, its signature image included."""
    rows = list(db.query(f"SELECT {_COLUMNS}, signature FROM reciprocity_entries WHERE id = ?",
                         [entry_id]))  # fmt: skip
    return _entry(rows[0], rows[0]["signature"]) if rows else None


def save(db: sqlite_utils.Database, item: Entry) -> None:
    """Add or replace an entry. A signature receipt without new bytes keeps the image stored;
    any other receipt drops it."""
    row = {"id": item.id, "participant_id": item.participant_id, "session_id": item.session_id,
           "kind": item.kind, "amount_pence": item.amount, "given_on": item.on.isoformat(),
           "method": item.method, "description": item.description, "receipt": item.receipt,
           "paper_reference": item.paper_reference, "updated_at": now_iso()}  # fmt: skip
    if item.signature is not None or item.receipt != "signature":
        row["signature"] = item.signature if item.receipt == "signature" else None
    if db.execute("SELECT 1 FROM reciprocity_entries WHERE id = ?", [item.id]).fetchone():
        db["reciprocity_entries"].update(item.id, row)
    else:
        db["reciprocity_entries"].insert({**row, "created_at": now_iso()})


def delete(db: sqlite_utils.Database, entry_id: str) -> None:
    db.execute("DELETE FROM reciprocity_entries WHERE id = ?", [entry_id])


def has_entries(db: sqlite_utils.Database, participant_id: str) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM reciprocity_entries WHERE participant_id = ?)",
                      [participant_id]).fetchone()[0] == 1  # fmt: skip


def erase_for(db: sqlite_utils.Database, participant_id: str) -> int:
    """Withdrawal of everything: the signature images and descriptions (their own words or
    what they are) go; the amounts, kinds, dates, methods and paper references stay, under the
    pseudonym, for the project's totals. Returns how many entries lost something."""
    cursor = db.execute(
        "UPDATE reciprocity_entries SET signature = NULL, description = '', "
        "receipt = CASE receipt WHEN 'signature' THEN 'erased' ELSE receipt END, updated_at = ? "
        "WHERE participant_id = ? AND (signature IS NOT NULL OR description != '' "
        "OR receipt = 'signature')", [now_iso(), participant_id])  # fmt: skip
    return cursor.rowcount


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM reciprocity_entries").fetchone()[0]


def threshold(db: sqlite_utils.Database) -> Threshold:
    row = db.execute("SELECT reciprocity_threshold_pence, reciprocity_period_days "
                     "FROM project LIMIT 1").fetchone()  # fmt: skip
    return Threshold(row[0], row[1]) if row else Threshold()


def set_threshold(db: sqlite_utils.Database, value: Threshold) -> None:
    db.execute("UPDATE project SET reciprocity_threshold_pence = ?, reciprocity_period_days = ?",
               [value.amount, value.period_days])  # fmt: skip
