"""Rows of the board tables: boards, themes, notes, voting rounds and votes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprod_desktop.domain.board import Board, Note, Theme, Vote, VoteRound

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

NOTE_FIELDS = ("id", "board_id", "text", "colour", "x", "y", "width", "height", "author_id",
               "theme_id", "sensitive", "safeguarding")  # fmt: skip


def _note(row) -> Note:
    (id_, board_id, text, colour, x, y, w, h, author, theme, sensitive, safeguarding) = row
    return Note(id_, board_id, text, colour, x, y, w, h, author, theme, bool(sensitive),
                bool(safeguarding))  # fmt: skip


def _note_row(note: Note) -> dict:
    row = {f: getattr(note, f) for f in NOTE_FIELDS}
    row["sensitive"], row["safeguarding"] = int(note.sensitive), int(note.safeguarding)
    return row


# boards ------------------------------------------------------------------------------------
def boards(db: sqlite_utils.Database, session_id: str | None = None) -> list[Board]:
    where, args = ("WHERE session_id = ?", [session_id]) if session_id else ("", [])
    rows = db.execute(f"SELECT id, session_id, title, layout_locked FROM boards {where} "
                      "ORDER BY created_at, title", args).fetchall()  # fmt: skip
    return [Board(r[0], r[1], r[2], bool(r[3])) for r in rows]


def board(db: sqlite_utils.Database, board_id: str) -> Board | None:
    row = db.execute("SELECT id, session_id, title, layout_locked FROM boards WHERE id = ?",
                     [board_id]).fetchone()  # fmt: skip
    return Board(row[0], row[1], row[2], bool(row[3])) if row else None


def save_board(db: sqlite_utils.Database, item: Board) -> None:
    row = {"id": item.id, "session_id": item.session_id, "title": item.title,
           "layout_locked": int(item.layout_locked)}  # fmt: skip
    if board(db, item.id) is None:
        db["boards"].insert({**row, "created_at": now_iso()})
    else:
        db["boards"].update(item.id, row)


# themes ------------------------------------------------------------------------------------
def themes(db: sqlite_utils.Database, board_id: str) -> list[Theme]:
    rows = db.execute(
        "SELECT id, board_id, name, colour, x, y, width, height FROM themes "
        "WHERE board_id = ? ORDER BY name COLLATE NOCASE",
        [board_id],
    ).fetchall()
    return [Theme(*r) for r in rows]


def save_theme(db: sqlite_utils.Database, theme: Theme) -> None:
    db["themes"].upsert(dict(theme.__dict__), pk="id")


def delete_theme(db: sqlite_utils.Database, theme_id: str) -> None:
    db.execute("DELETE FROM themes WHERE id = ?", [theme_id])


# notes -------------------------------------------------------------------------------------
def notes(db: sqlite_utils.Database, board_id: str) -> list[Note]:
    rows = db.execute(f"SELECT {', '.join(NOTE_FIELDS)} FROM notes WHERE board_id = ? "
                      "ORDER BY created_at, rowid", [board_id]).fetchall()  # fmt: skip
    return [_note(r) for r in rows]


def note(db: sqlite_utils.Database, note_id: str) -> Note | None:
    row = db.execute(f"SELECT {', '.join(NOTE_FIELDS)} FROM notes WHERE id = ?",
                     [note_id]).fetchone()  # fmt: skip
    return _note(row) if row else None


def insert_note(db: sqlite_utils.Database, item: Note) -> None:
    db["notes"].insert({**_note_row(item), "created_at": now_iso()})


def update_note(db: sqlite_utils.Database, item: Note) -> None:
    row = _note_row(item)
    del row["id"]
    db["notes"].update(item.id, row)


def update_notes(db: sqlite_utils.Database, items: list[Note]) -> None:
    """Write many notes back in one statement (a layout change of thousands of notes)."""
    fields = [f for f in NOTE_FIELDS if f != "id"]
    sql = f"UPDATE notes SET {', '.join(f'{f} = ?' for f in fields)} WHERE id = ?"
    db.conn.executemany(sql, [[row[f] for f in fields] + [row["id"]]
                              for row in map(_note_row, items)])  # fmt: skip


def delete_notes(db: sqlite_utils.Database, note_ids: list[str]) -> None:
    for note_id in note_ids:
        db.execute("DELETE FROM notes WHERE id = ?", [note_id])


# voting ------------------------------------------------------------------------------------
def rounds(db: sqlite_utils.Database, board_id: str) -> list[VoteRound]:
    rows = db.execute("SELECT id, board_id, votes_per_person, anonymous, is_open, revealed "
                      "FROM vote_rounds WHERE board_id = ? ORDER BY opened_at",
                      [board_id]).fetchall()  # fmt: skip
    return [VoteRound(r[0], r[1], r[2], bool(r[3]), bool(r[4]), bool(r[5])) for r in rows]


def save_round(db: sqlite_utils.Database, item: VoteRound) -> None:
    row = {"id": item.id, "board_id": item.board_id, "votes_per_person": item.votes_per_person,
           "anonymous": int(item.anonymous), "is_open": int(item.is_open),
           "revealed": int(item.revealed)}  # fmt: skip
    if db.execute("SELECT 1 FROM vote_rounds WHERE id = ?", [item.id]).fetchone():
        db["vote_rounds"].update(item.id, row)
    else:
        db["vote_rounds"].insert({**row, "opened_at": now_iso()})


def votes(db: sqlite_utils.Database, round_id: str) -> list[Vote]:
    rows = db.execute("SELECT id, round_id, note_id, participant_id, count FROM votes "
                      "WHERE round_id = ?", [round_id]).fetchall()  # fmt: skip
    return [Vote(*r) for r in rows]


def insert_vote(db: sqlite_utils.Database, vote: Vote) -> None:
    db["votes"].insert(dict(vote.__dict__))


def delete_vote(db: sqlite_utils.Database, vote_id: str) -> None:
    db.execute("DELETE FROM votes WHERE id = ?", [vote_id])


def notes_by(db: sqlite_utils.Database, participant_id: str) -> list[tuple[Note, str, str]]:
    """(note, session id, session date) of every note a person wrote, safeguarding-flagged ones
    too (a person's own copy holds all their words), by session and then board order."""
    fields = ", ".join(f"n.{f}" for f in NOTE_FIELDS)
    rows = db.execute(
        f"SELECT {fields}, b.session_id, s.date FROM notes n JOIN boards b ON b.id = n.board_id "
        "JOIN sessions s ON s.id = b.session_id WHERE n.author_id = ? "
        "ORDER BY s.date, b.created_at, n.created_at, n.rowid", [participant_id]).fetchall()
    return [(_note(r[:-2]), r[-2], r[-1]) for r in rows]


def votes_by(db: sqlite_utils.Database, participant_id: str) -> tuple[int, int]:
    """(dots a person gave, in how many rounds), revealed or not."""
    row = db.execute("SELECT coalesce(sum(count), 0), count(DISTINCT round_id) FROM votes "
                     "WHERE participant_id = ?", [participant_id]).fetchone()  # fmt: skip
    return int(row[0]), int(row[1])


def anonymous_rounds(db: sqlite_utils.Database, session_ids: list[str]) -> int:
    """Anonymous voting rounds on these sessions' boards: nobody's dots are known in them."""
    if not session_ids:
        return 0
    marks = ", ".join("?" * len(session_ids))
    return db.execute("SELECT count(*) FROM vote_rounds r JOIN boards b ON b.id = r.board_id "
                      f"WHERE r.anonymous = 1 AND b.session_id IN ({marks})",
                      list(session_ids)).fetchone()[0]  # fmt: skip


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "boards": one("SELECT count(*) FROM boards"),
        "notes": one("SELECT count(*) FROM notes"),
        "themes": one("SELECT count(*) FROM themes"),
        "votes": one("SELECT coalesce(sum(count), 0) FROM votes"),
    }


def erase_by(db: sqlite_utils.Database, participant_id: str) -> int:
    """A person's notes (with the votes on them) and the votes they cast; returns the number
    of notes."""
    db.execute("DELETE FROM votes WHERE participant_id = ?", [participant_id])
    return db.execute("DELETE FROM notes WHERE author_id = ?", [participant_id]).rowcount


# whole rows, for undo --------------------------------------------------------------------
ROW_KEYS = {("themes", "id"), ("notes", "id"), ("notes", "theme_id"), ("votes", "note_id"),
            ("clip_themes", "theme_id")}  # fmt: skip


def rows(db: sqlite_utils.Database, table: str, column: str, values: list) -> list[dict]:
    """Whole rows of a board table whose `column` is one of `values` (in chunks), as stored:
    what undo puts back exactly."""
    if (table, column) not in ROW_KEYS:
        raise ValueError(f"{table}.{column} is not a board row key")
    out: list[dict] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        out += db.query(f"SELECT * FROM {table} WHERE {column} IN ({marks})", chunk)
    return out


def put_rows(db: sqlite_utils.Database, table: str, stored: list[dict]) -> None:
    """Write rows back exactly as `rows()` gave them."""
    if table not in {t for t, _c in ROW_KEYS}:
        raise ValueError(f"{table} is not a board table")
    for row in stored:
        db[table].upsert(row, pk="id")


def all_themes(db: sqlite_utils.Database) -> list[Theme]:
    rows_ = db.execute("SELECT id, board_id, name, colour, x, y, width, height "
                       "FROM themes").fetchall()  # fmt: skip
    return [Theme(*r) for r in rows_]


def round_board(db: sqlite_utils.Database, round_id: str) -> str | None:
    row = db.execute("SELECT board_id FROM vote_rounds WHERE id = ?", [round_id]).fetchone()
    return row[0] if row else None


# clips filed under themes ----------------------------------------------------------------
def has_clip_theme(db: sqlite_utils.Database, clip_id: str, theme_id: str) -> bool:
    return db.execute("SELECT 1 FROM clip_themes WHERE clip_id = ? AND theme_id = ?",
                      [clip_id, theme_id]).fetchone() is not None  # fmt: skip


def add_clip_themes(db: sqlite_utils.Database, pairs: list[dict]) -> None:
    db["clip_themes"].insert_all(pairs, ignore=True)


def remove_clip_themes(db: sqlite_utils.Database, pairs: list[dict]) -> None:
    for pair in pairs:
        db.execute("DELETE FROM clip_themes WHERE clip_id = ? AND theme_id = ?",
                   [pair["clip_id"], pair["theme_id"]])  # fmt: skip
