"""What SQLite and SQLCipher say about a file's health: every encrypted page authentic, the
structure sound, every link between records pointing at a record that is there."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def page_problems(db: sqlite_utils.Database) -> list[str]:
    """Pages whose authentication code fails (damaged or tampered with)."""
    return [r[0] for r in db.execute("PRAGMA cipher_integrity_check").fetchall()]


def structure_problems(db: sqlite_utils.Database) -> list[str]:
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def link_problems(db: sqlite_utils.Database) -> list[str]:
    return [f"{table} row {rowid} points at a missing {parent}"
            for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()]
