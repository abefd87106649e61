"""Rows for packs: the material a pack is made from, and the disclosure log of issued packs
(packs, pack_items, disclosures)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from coprod_desktop.domain.board import Note
from coprod_desktop.domain.ids import new_id

from .board_repo import NOTE_FIELDS, _note

if TYPE_CHECKING:
    import sqlite_utils


def notes(db: sqlite_utils.Database, session_ids: Iterable[str]) -> list[tuple[Note, str]]:
    """(note, session id) for every note on the sessions' boards, in board and note order."""
    ids = list(session_ids)
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    fields = ", ".join(f"n.{f}" for f in NOTE_FIELDS)
    rows = db.execute(
        f"SELECT {fields}, b.session_id FROM notes n JOIN boards b ON b.id = n.board_id "
        f"WHERE b.session_id IN ({marks}) ORDER BY b.created_at, n.created_at, n.rowid",
        ids,
    ).fetchall()
    return [(_note(r[:-1]), r[-1]) for r in rows]


def theme_names(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.execute("SELECT id, name FROM themes").fetchall())


def votes_per_note(db: sqlite_utils.Database) -> dict[str, int]:
    """Dots per note from revealed rounds only (hidden votes stay hidden, as on the board)."""
    return dict(db.execute(
        "SELECT v.note_id, sum(v.count) FROM votes v JOIN vote_rounds r ON r.id = v.round_id "
        "WHERE r.revealed = 1 GROUP BY v.note_id").fetchall())  # fmt: skip


def attendance(db: sqlite_utils.Database, session_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(session id, participant id, role) for everyone who attended these sessions."""
    wanted = set(session_ids)
    rows = db.execute("SELECT sp.session_id, sp.participant_id, p.role FROM session_participants "
                      "sp JOIN participants p ON p.id = sp.participant_id").fetchall()  # fmt: skip
    return [tuple(r) for r in rows if r[0] in wanted]


def record(
    db: sqlite_utils.Database,
    pack: dict,
    items: Iterable[tuple[str, str]],
    disclosures: Iterable[tuple[str, str, str]],
) -> None:
    """Log an issued pack: its row, every item (kind, id) it carried, and a disclosure row per
    person per item (participant id, kind, id)."""
    db.execute(
        "INSERT INTO packs (id, audience, issued_at, file_name, sha256, issued_by, details) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [pack["id"], pack["audience"], pack["issued_at"], pack["file_name"], pack["sha256"],
         pack["issued_by"], json.dumps(pack["details"], ensure_ascii=False)],
    )  # fmt: skip
    db.conn.executemany("INSERT INTO pack_items (pack_id, item_kind, item_id) VALUES (?, ?, ?)",
                        [(pack["id"], kind, item) for kind, item in items])  # fmt: skip
    db.conn.executemany(
        "INSERT INTO disclosures (id, pack_id, participant_id, item_kind, item_id) "
        "VALUES (?, ?, ?, ?, ?)",
        [(new_id(), pack["id"], pid, kind, item) for pid, kind, item in disclosures],
    )


def packs(db: sqlite_utils.Database) -> list[dict]:
    """Issued packs, newest first, with how many items and people each carried."""
    rows = db.query(
        "SELECT p.*, (SELECT count(*) FROM pack_items i WHERE i.pack_id = p.id) AS items, "
        "(SELECT count(DISTINCT participant_id) FROM disclosures d WHERE d.pack_id = p.id) "
        "AS people FROM packs p ORDER BY p.issued_at DESC"
    )
    return [{**r, "details": json.loads(r["details"] or "{}")} for r in rows]


def items(db: sqlite_utils.Database, pack_id: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in db.execute(
        "SELECT item_kind, item_id FROM pack_items WHERE pack_id = ? ORDER BY item_kind, item_id",
        [pack_id])]  # fmt: skip


def disclosed_people(db: sqlite_utils.Database, pack_id: str) -> list[tuple[str, str, int]]:
    """(participant id, pseudonym, items) for everyone whose material the pack carried."""
    return [tuple(r) for r in db.execute(
        "SELECT d.participant_id, p.pseudonym, count(*) FROM disclosures d "
        "JOIN participants p ON p.id = d.participant_id WHERE d.pack_id = ? "
        "GROUP BY d.participant_id ORDER BY p.pseudonym", [pack_id])]  # fmt: skip


def disclosures_of(db: sqlite_utils.Database, participant_id: str) -> list[dict]:
    """Where a person's material went: one row per pack (or programme release) and kind of
    item — pack id, audience, issued_at, file_name, item_kind, items — oldest first."""
    return list(db.query(
        "SELECT p.id AS pack_id, p.audience, p.issued_at, p.file_name, d.item_kind, "
        "count(*) AS items FROM disclosures d JOIN packs p ON p.id = d.pack_id "
        "WHERE d.participant_id = ? GROUP BY p.id, d.item_kind ORDER BY p.issued_at, p.id, "
        "d.item_kind", [participant_id]))  # fmt: skip


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM packs").fetchone()[0]
