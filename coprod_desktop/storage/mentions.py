"""Where a person's names are written in the project, and replacing them there (withdrawal
of everything). Every text column of every table is searched, JSON lists and free text
alike, except other people's own identity (their real names and aliases) and the audit log,
whose chain needs its own way (audit_repo.erase_names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coprod_desktop.domain.names import Names

if TYPE_CHECKING:
    import sqlite_utils

# Other people's identity is theirs, even when they share a name; the log has its own way.
NOT_SEARCHED = {("participants", "real_name"), ("participants", "aliases"),
                ("participants", "pseudonym")}  # fmt: skip
TABLES_NOT_SEARCHED = {"audit_log", "removed_records", "matched_people", "kept_here"}  # ids


@dataclass(frozen=True)
class Mention:
    table: str
    row_id: str
    column: str
    text: str  # the whole text the name is in


def text_columns(db: sqlite_utils.Database) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%' ORDER BY name"):  # fmt: skip
        if table in TABLES_NOT_SEARCHED:
            continue
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')
                   if "TEXT" in (row[2] or "TEXT").upper()
                   and (table, row[1]) not in NOT_SEARCHED]  # fmt: skip
        if columns:
            out[table] = columns
    return out


def find(db: sqlite_utils.Database, names: Names) -> list[Mention]:
    """Every text holding one of the names (whole words, any case)."""
    if not names:
        return []
    found: list[Mention] = []
    ascii_only = all(term.isascii() for term in names.terms)
    for table, columns in text_columns(db).items():
        select = ", ".join(f'"{c}"' for c in columns)
        where, args = "", []
        if ascii_only:  # LIKE is case-blind for ASCII only: otherwise read every row
            where = " WHERE " + " OR ".join(f'"{c}" LIKE ?' for c in columns for _t in names.terms)
            args = [f"%{t}%" for _c in columns for t in names.terms]
        for row in db.execute(f'SELECT rowid, {select} FROM "{table}"{where}', args):
            for column, value in zip(columns, row[1:], strict=True):
                if isinstance(value, str) and names.find(value):
                    found.append(Mention(table, str(row[0]), column, value))
    return found


def replace(db: sqlite_utils.Database, names: Names) -> list[Mention]:
    """Replace the names wherever they are found; returns what was changed (as it was)."""
    found = find(db, names)
    for m in found:
        db.execute(f'UPDATE "{m.table}" SET "{m.column}" = ? WHERE rowid = ?',
                   [names.replace(m.text), int(m.row_id)])  # fmt: skip
    return found
