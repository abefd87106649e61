"""Rows of the anonymiser: the always/never-remove lists, the facilitator's decisions (kept as
a hash of the words, never the words), and the texts of sessions, themes and notes to check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprod_desktop.domain.ids import new_id

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

DecisionKey = tuple[str, str, int, int, str]  # source type, source id, start, end, kind


# always-remove (deny) and never-remove (allow) lists ---------------------------------------
def terms(db: sqlite_utils.Database, which: str) -> list[tuple[str, str, str]]:
    """(id, term, kind) of one list, in order of the term."""
    rows = db.execute("SELECT id, term, kind FROM anonymise_terms WHERE list = ? ORDER BY term",
                      [which])  # fmt: skip
    return [tuple(r) for r in rows]


def add_term(db: sqlite_utils.Database, term: str, which: str, kind: str) -> str:
    """Put a term on a list (once); returns its id."""
    db.execute("DELETE FROM anonymise_terms WHERE term = ? AND list = ?", [term, which])
    term_id = new_id()
    db.execute("INSERT INTO anonymise_terms (id, term, list, kind, added_at) "
               "VALUES (?, ?, ?, ?, ?)", [term_id, term, which, kind, now_iso()])  # fmt: skip
    return term_id


def remove_term(db: sqlite_utils.Database, term_id: str) -> None:
    db.execute("DELETE FROM anonymise_terms WHERE id = ?", [term_id])


# decisions --------------------------------------------------------------------------------
def decisions(db: sqlite_utils.Database) -> dict[DecisionKey, tuple[str, str]]:
    """(text hash, decision) by the place a detection was found."""
    rows = db.execute("SELECT source_type, source_id, start, end, kind, text_hash, decision "
                      "FROM anonymise_decisions").fetchall()  # fmt: skip
    return {tuple(r[:5]): (r[5], r[6]) for r in rows}


def forget_decision(db: sqlite_utils.Database, key: DecisionKey) -> None:
    db.execute("DELETE FROM anonymise_decisions WHERE source_type = ? AND source_id = ? AND "
               "start = ? AND end = ? AND kind = ?", list(key))  # fmt: skip


def save_decision(db: sqlite_utils.Database, key: DecisionKey, text_hash: str, decision: str,
                  actor: str) -> None:  # fmt: skip
    forget_decision(db, key)
    db.execute("INSERT INTO anonymise_decisions (id, source_type, source_id, start, end, kind, "
               "text_hash, decision, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [new_id(), *key, text_hash, decision, now_iso(), actor])  # fmt: skip


# texts to check ---------------------------------------------------------------------------
def sessions(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(id, title, venue) of every session, by date."""
    return db.execute("SELECT id, title, venue FROM sessions ORDER BY date, title").fetchall()


def theme_names(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(theme id, name, session id) of every theme."""
    return db.execute("SELECT t.id, t.name, b.session_id FROM themes t JOIN boards b ON "
                      "b.id = t.board_id ORDER BY b.created_at, t.name").fetchall()  # fmt: skip


def note_texts(db: sqlite_utils.Database) -> list[tuple[str, str, str, str]]:
    """(note id, text, session id, board title) of every note that may leave the project:
    safeguarding-flagged notes never do."""
    return db.execute("SELECT n.id, n.text, b.session_id, b.title FROM notes n "
                      "JOIN boards b ON b.id = n.board_id WHERE n.safeguarding = 0 "
                      "ORDER BY b.created_at, n.created_at, n.rowid").fetchall()  # fmt: skip
