"""What SQLite and SQLCipher say about a file's health: every encrypted page authentic, the
structure sound, every link between records pointing at a record that is there.

The page and structure checks each read the whole file (seconds for hours of audio); neither
PRAGMA can report progress or check part of the file and still be complete, so callers show
them as steps. `quick_problems` is the cheap check made on opening: SQLite's quick check of
every table except the audio chunks, which hold nearly all of a large file's pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

BULK_TABLES = ("recording_chunks",)  # the audio: left to the full check


def page_problems(db: sqlite_utils.Database) -> list[str]:
    """Pages whose authentication code fails (damaged or tampered with)."""
    return [r[0] for r in db.execute("PRAGMA cipher_integrity_check").fetchall()]


def structure_problems(db: sqlite_utils.Database) -> list[str]:
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def link_problems(db: sqlite_utils.Database) -> list[str]:
    return [f"{table} row {rowid} points at a missing {parent}"
            for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()]


def quick_problems(db: sqlite_utils.Database) -> list[str]:
    """The schema and every table but the audio chunks: their pages decrypt and authenticate
    and their b-trees and indexes are sound (milliseconds, whatever the audio's size)."""
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()]
    found: list[str] = []
    for table in tables:
        if table in BULK_TABLES:
            continue
        quoted = '"' + table.replace('"', '""') + '"'
        rows = [r[0] for r in db.execute(f"PRAGMA quick_check({quoted})").fetchall()]
        found += [] if rows == ["ok"] else rows
    return found
