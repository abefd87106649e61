"""Rows of the participants table, as domain Participant objects."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from coprod_desktop.domain.participants import AgeBand, Participant, Role

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils


def _to_participant(row: dict) -> Participant:
    return Participant(
        id=row["id"],
        pseudonym=row["pseudonym"],
        real_name=row["real_name"],
        aliases=tuple(json.loads(row["aliases"])),
        age_band=AgeBand(row["age_band"]),
        role=Role(row["role"]),
        organisation=row["organisation"],
    )


def list_all(db: sqlite_utils.Database) -> list[Participant]:
    return [
        _to_participant(row)
        for row in db.query("SELECT * FROM participants ORDER BY pseudonym COLLATE NOCASE")
    ]


def get(db: sqlite_utils.Database, participant_id: str) -> Participant | None:
    rows = list(db.query("SELECT * FROM participants WHERE id = ?", [participant_id]))
    return _to_participant(rows[0]) if rows else None


def pseudonym_owner(db: sqlite_utils.Database, pseudonym: str) -> str | None:
    row = db.execute("SELECT id FROM participants WHERE pseudonym = ?", [pseudonym]).fetchone()
    return row[0] if row else None


def pseudonyms(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT pseudonym FROM participants")]


def save(db: sqlite_utils.Database, participant: Participant) -> None:
    now = now_iso()
    row = {
        "id": participant.id,
        "pseudonym": participant.pseudonym,
        "real_name": participant.real_name,
        "aliases": json.dumps(list(participant.aliases), ensure_ascii=False),
        "age_band": participant.age_band.value,
        "role": participant.role.value,
        "organisation": participant.organisation,
        "updated_at": now,
    }
    if db.execute("SELECT 1 FROM participants WHERE id = ?", [participant.id]).fetchone():
        db["participants"].update(participant.id, row)
    else:
        db["participants"].insert({**row, "created_at": now})


def delete(db: sqlite_utils.Database, participant_id: str) -> None:
    db.execute("DELETE FROM participants WHERE id = ?", [participant_id])


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM participants").fetchone()[0]


def counts_by_role(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.execute("SELECT role, count(*) FROM participants GROUP BY role").fetchall())


def forget_identity(db: sqlite_utils.Database, participant_id: str) -> int:
    """Keep the pseudonym and role (the history stays accountable); drop who they are."""
    return db.execute(
        "UPDATE participants SET real_name = '', aliases = '[]', organisation = '', "
        "age_band = 'unknown' WHERE id = ? AND (real_name != '' OR aliases != '[]' "
        "OR organisation != '' OR age_band != 'unknown')",
        [participant_id],
    ).rowcount
