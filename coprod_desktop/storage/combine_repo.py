"""Reading every record of a project file, and writing another file's records into this one,
for combining two project files (services/combining.py holds the rules)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .migrations import LINK_KEYS, REMOVABLE

if TYPE_CHECKING:
    import sqlite_utils

# Records, in an order where everything a record refers to comes before it.
RECORDS = (
    "participants", "sessions", "consent_forms", "consent_records", "consent_attachments",
    "withdrawals", "boards", "themes", "notes", "vote_rounds", "votes", "recordings", "clips",
    "clip_words", "clip_flagged_ranges", "anonymise_terms", "anonymise_decisions", "packs",
    "disclosures", "risks", "risk_reviews", "barriers", "outcomes", "measures", "self_checks",
    "programmes", "programme_items", "actions", "action_responses", "reciprocity_entries",
    "safeguarding_concerns", "safeguarding_follow_ups", "signposts",
)  # fmt: skip
# Links between records (no id of their own): the combined file holds the links of both.
LINKS = (
    "session_participants", "recording_people", "clip_speakers", "clip_themes", "pack_items",
    "programme_roles", "action_evidence",
)  # fmt: skip
assert set(RECORDS) == set(REMOVABLE) and set(LINKS) == set(LINK_KEYS)


def link_key(table: str, row: dict) -> str:
    """How a link taken away here is remembered in removed_records."""
    return "|".join(str(row[c]) for c in LINK_KEYS[table])


@dataclass(frozen=True)
class Reference:
    column: str
    table: str
    on_delete: str  # "CASCADE", "SET NULL" or "NO ACTION"/"RESTRICT"


def references(db: sqlite_utils.Database, table: str) -> list[Reference]:
    rows = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    # (id, seq, table, from, to, on_update, on_delete, match)
    return [Reference(row[3], row[2], row[6].upper()) for row in rows]


def key_columns(db: sqlite_utils.Database, table: str) -> tuple[str, ...]:
    rows = db.execute(f"PRAGMA table_info({table})").fetchall()
    return tuple(row[1] for row in sorted((r for r in rows if r[5]), key=lambda r: r[5]))


def rows(db: sqlite_utils.Database, table: str) -> Iterator[dict]:
    order = ", ".join(key_columns(db, table))
    yield from db.query(f"SELECT * FROM {table} ORDER BY {order}")


def removed(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    """(kind, id) of every record deleted here since the file recorded deletions."""
    return {(r[0], r[1]) for r in db.execute("SELECT kind, id FROM removed_records")}


def insert(db: sqlite_utils.Database, table: str, row: dict) -> None:
    columns = list(row)
    marks = ", ".join("?" for _ in columns)
    db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
               [row[c] for c in columns])  # fmt: skip


def update(db: sqlite_utils.Database, table: str, row: dict) -> None:
    """Write another file's version of a record over this one's, in place (a replace would
    delete it first, and its dependants with it)."""
    columns = [c for c in row if c != "id"]
    db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
               [*(row[c] for c in columns), row["id"]])  # fmt: skip


def chunk_count(db: sqlite_utils.Database, recording_id: str) -> int:
    return db.execute("SELECT count(*) FROM recording_chunks WHERE recording_id = ?",
                      [recording_id]).fetchone()[0]  # fmt: skip


def chunks(db: sqlite_utils.Database, recording_id: str) -> Iterator[tuple[int, bytes]]:
    """A recording's chunks in order, one at a time (hours of audio never sit in memory)."""
    last = -1
    while True:
        row = db.execute("SELECT seq, pcm FROM recording_chunks WHERE recording_id = ? "
                         "AND seq > ? ORDER BY seq LIMIT 1",
                         [recording_id, last]).fetchone()  # fmt: skip
        if row is None:
            return
        last = row[0]
        yield row[0], row[1]


def add_chunk(db: sqlite_utils.Database, recording_id: str, seq: int, pcm: bytes) -> None:
    db.execute("INSERT INTO recording_chunks (recording_id, seq, pcm) VALUES (?, ?, ?)",
               [recording_id, seq, pcm])  # fmt: skip


def project_row(db: sqlite_utils.Database) -> dict:
    return next(iter(db.query("SELECT id, name FROM project LIMIT 1")), {"id": "", "name": ""})


def matches(db: sqlite_utils.Database) -> dict[str, str]:
    """People of other files the facilitator said are people here: other id -> id here."""
    return {r[0]: r[1] for r in db.execute("SELECT other_id, participant_id FROM matched_people")}


def remember_match(db: sqlite_utils.Database, other_id: str, participant_id: str) -> None:
    db.execute("INSERT OR REPLACE INTO matched_people (other_id, participant_id) VALUES (?, ?)",
               [other_id, participant_id])  # fmt: skip


def kept(db: sqlite_utils.Database) -> dict[tuple[str, str], str]:
    """Records kept as they are here against another file's version: (kind, id) -> digest."""
    return {(r[0], r[1]): r[2] for r in db.execute("SELECT kind, id, theirs FROM kept_here")}


def remember_kept(db: sqlite_utils.Database, kind: str, record_id: str, theirs: str | None) -> None:
    """Remember the other file's version declined (None: forget, the other's was taken)."""
    if theirs is None:
        db.execute("DELETE FROM kept_here WHERE kind = ? AND id = ?", [kind, record_id])
    else:
        db.execute("INSERT OR REPLACE INTO kept_here (kind, id, theirs) VALUES (?, ?, ?)",
                   [kind, record_id, theirs])  # fmt: skip
