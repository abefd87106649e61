"""The project row (its id and name) and how far the project has got (the counts behind the
first-run checklist)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

COUNTED = {
    "sessions": "sessions",
    "participants": "participants",
    "consent_records": "consent_records",
    "notes": "notes",
    "clips": "clips",
    "decisions": "anonymise_decisions",
    "packs": "packs",
}


def progress(db: sqlite_utils.Database) -> dict[str, int]:
    """Whether each table holds anything (1) or not (0): cheap at any size."""
    return {name: db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for name, table in COUNTED.items()}  # fmt: skip


def project_id(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT id FROM project LIMIT 1").fetchone()
    return row[0] if row else ""


def name(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT name FROM project LIMIT 1").fetchone()
    return row[0] if row else None
