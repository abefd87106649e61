"""Rows of the programmes tables: a programme, its running order and who did what in each item.

An item's length is read from what it plays, so a clip trimmed after it was added plays as it
is now; an item whose clip or recording has gone (erased at a withdrawal) comes back with no
source, to be shown as erased and left out when the programme is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprod_desktop.domain.programmes import Item, ItemKind, Programme, Role

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

ITEMS = (
    "SELECT i.*, CASE "
    " WHEN i.kind = 'silence' THEN i.length_ms"
    " WHEN i.kind = 'clip' THEN (SELECT CASE WHEN r.id IS NULL THEN 0 ELSE"
    "   coalesce(nullif(c.trim_out_ms, 0), r.samples * 1000 / r.sample_rate) - c.trim_in_ms END"
    "   FROM clips c LEFT JOIN recordings r ON r.id = c.recording_id WHERE c.id = i.clip_id)"
    " ELSE (SELECT r.samples * 1000 / r.sample_rate FROM recordings r"
    "   WHERE r.id = i.recording_id) END AS playing_ms "
    "FROM programme_items i"
)


def _item(row: dict, roles: dict[str, list]) -> Item:
    kind = ItemKind(row["kind"])
    source = row["clip_id"] if kind is ItemKind.CLIP else row["recording_id"]
    return Item(row["id"], kind, row["title"], int(row["playing_ms"] or 0), source,
                row["join_ms"], bool(row["crossfade"]), tuple(roles.get(row["id"], ())),
                row["script"])  # fmt: skip


def _roles(db: sqlite_utils.Database, where: str = "", args=()) -> dict[str, list]:
    out: dict[str, list] = {}
    for item_id, person, role in db.execute(
        "SELECT r.item_id, r.participant_id, r.role FROM programme_roles r "
        f"JOIN programme_items i ON i.id = r.item_id {where} ORDER BY r.rowid", list(args)
    ):
        out.setdefault(item_id, []).append((person, Role(role)))
    return out


def programmes(db: sqlite_utils.Database) -> list[Programme]:
    """Every programme, the most recently changed first."""
    rows = list(db.query("SELECT * FROM programmes ORDER BY updated_at DESC, rowid DESC"))
    items: dict[str, list[Item]] = {}
    roles = _roles(db)
    for row in db.query(f"{ITEMS} ORDER BY i.programme_id, i.position"):
        items.setdefault(row["programme_id"], []).append(_item(row, roles))
    return [Programme(r["id"], r["title"], r["show_notes"], tuple(items.get(r["id"], ())))
            for r in rows]  # fmt: skip


def get(db: sqlite_utils.Database, programme_id: str) -> Programme | None:
    rows = list(db.query("SELECT * FROM programmes WHERE id = ?", [programme_id]))
    if not rows:
        return None
    roles = _roles(db, "WHERE i.programme_id = ?", [programme_id])
    items = [_item(r, roles) for r in db.query(
        f"{ITEMS} WHERE i.programme_id = ? ORDER BY i.position", [programme_id])]  # fmt: skip
    return Programme(rows[0]["id"], rows[0]["title"], rows[0]["show_notes"], tuple(items))


def save(db: sqlite_utils.Database, programme: Programme) -> None:
    """Store the programme as it is: its row, and its running order written again."""
    now = now_iso()
    db.execute(
        "INSERT INTO programmes (id, title, show_notes, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
        "show_notes = excluded.show_notes, updated_at = excluded.updated_at",
        [programme.id, programme.title, programme.show_notes, now, now],
    )
    db.execute("DELETE FROM programme_items WHERE programme_id = ?", [programme.id])
    db.conn.executemany(
        "INSERT INTO programme_items (id, programme_id, position, kind, title, clip_id, "
        "recording_id, length_ms, join_ms, crossfade, script) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i.id, programme.id, n, i.kind.value, i.title,
          i.source_id if i.kind is ItemKind.CLIP else None,
          i.source_id if i.kind in (ItemKind.LINK, ItemKind.MUSIC) else None,
          i.length_ms, i.join_ms, int(i.crossfade), i.script)
         for n, i in enumerate(programme.items)],
    )  # fmt: skip
    db.conn.executemany(
        "INSERT OR IGNORE INTO programme_roles (item_id, participant_id, role) VALUES (?, ?, ?)",
        [(i.id, person, role.value) for i in programme.items for person, role in i.roles],
    )


def delete(db: sqlite_utils.Database, programme_id: str) -> None:
    """The programme and its running order. The links and music it recorded or imported stay in
    the project, so that undo can bring the programme back whole; a withdrawal still erases a
    link's audio (its recording names who was in earshot)."""
    db.execute("DELETE FROM programmes WHERE id = ?", [programme_id])


def erase_roles_of(db: sqlite_utils.Database, participant_id: str) -> int:
    """Who did what in programmes, for a person who withdrew everything."""
    return db.execute(
        "DELETE FROM programme_roles WHERE participant_id = ?", [participant_id]
    ).rowcount


def texts(db: sqlite_utils.Database) -> list[tuple[str, str, str, str]]:
    """(source type, id, where it is in words, text) of every programme's own words."""
    out = []
    for programme in programmes(db):
        out += [("programme", programme.id, "Programme title", programme.title),
                ("programme_notes", programme.id, f"Show notes of “{programme.title}”",
                 programme.show_notes)]  # fmt: skip
        for item in programme.items:
            out.append(("programme_item", item.id, f"Item in “{programme.title}”", item.title))
            if item.script.strip():
                out.append(("programme_script", item.id, f"Script of “{item.title}”",
                            item.script))  # fmt: skip
    return out


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM programmes").fetchone()[0]
