"""The append-only audit log table and its hash chain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from coprod_desktop.domain.audit import GENESIS_HASH, AuditEntry, new_salt, v1_hash
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.names import Names

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils


def append(
    db: sqlite_utils.Database,
    actor: str,
    action: str,
    subject_type: str = "",
    subject_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry chained to the last. Call inside the transaction of the change it records."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq=seq,
        id=new_id(),
        at=now_iso(),
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details=details or {},
        prev_hash=prev,
    ).sealed()
    db["audit_log"].insert(_row(entry))
    return entry


def append_from_other_file(db: sqlite_utils.Database, entry: AuditEntry,
                           subject_id: str) -> AuditEntry:  # fmt: skip
    """Chain another project file's entry onto this log: the same id, time, action, words and
    their digests (so an entry whose words were erased there stays erased), a new place in
    this chain. `subject_id` is the subject's id in this file (a person matched to one here)."""
    seq, prev = head(db)
    moved = replace(entry, seq=seq + 1, prev_hash=prev, subject_id=subject_id)
    moved = replace(moved, hash=moved.computed_hash())
    db["audit_log"].insert(_row(moved))
    return moved


def ids(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT id FROM audit_log")}


def _row(entry: AuditEntry) -> dict:
    return {**entry.__dict__, "details": json.dumps(entry.details, ensure_ascii=False)}


def entries(db: sqlite_utils.Database) -> Iterator[AuditEntry]:
    for row in db.query("SELECT * FROM audit_log ORDER BY seq"):
        yield AuditEntry(**{**row, "details": json.loads(row["details"])})


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def head(db: sqlite_utils.Database) -> tuple[int, str]:
    """The newest entry's sequence number and hash: what a pack carries as its anchor."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (last[0], last[1]) if last else (0, GENESIS_HASH)


def hash_at(db: sqlite_utils.Database, seq: int) -> str | None:
    row = db.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq]).fetchone()
    return row[0] if row else None


APPEND_ONLY = ("audit_log_no_update", "audit_log_no_delete")
_TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
}


def missing_triggers(db: sqlite_utils.Database) -> list[str]:
    """The append-only guards not in the file (db: the database or, in a migration, its raw
    connection)."""
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [name for name in APPEND_ONLY if name not in have]


def erase_names(db: sqlite_utils.Database, names: Names) -> list[int]:
    """Replace a person's names in who acted and in the details of every entry; returns the
    entries changed, which the entry recording the withdrawal must list (ERASED_KEY)."""
    changed = []
    for entry in entries(db):
        details = json.loads(names.replace(json.dumps(entry.details, ensure_ascii=False)))
        actor = names.replace(entry.actor)
        if actor != entry.actor or details != entry.details:
            changed.append(entry.erasing(actor, details))
    erase_words(db, changed)
    return [e.seq for e in changed]


def erase_words(db: sqlite_utils.Database, erased: list[AuditEntry]) -> None:
    """Write entries whose personal words were replaced (AuditEntry.erasing): the one change
    the append-only log allows, made with its guard lifted inside the caller's transaction."""
    if not erased:
        return
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    for entry in erased:
        db.execute("UPDATE audit_log SET actor = ?, details = ?, salt = '' WHERE seq = ?",
                   [entry.actor, json.dumps(entry.details, ensure_ascii=False), entry.seq])
    db.execute(_TRIGGERS["audit_log_no_update"])


def rechain(conn) -> None:
    """Migration to chain format 2 (version 8): every entry gets a salt and digests and is
    hashed again in order; an entry then records the old head and any break in the old
    chain, so re-chaining can never hide one. Runs inside the migration's transaction."""
    rows = conn.execute("SELECT seq, id, at, actor, action, subject_type, subject_id, details, "
                        "prev_hash, hash FROM audit_log ORDER BY seq").fetchall()  # fmt: skip
    old = [AuditEntry(*row[:7], json.loads(row[7]), row[8], row[9]) for row in rows]
    if not old:
        return  # a new file: nothing to re-chain
    problems, prev_seq, prev_hash = [], 0, GENESIS_HASH
    for entry in old:
        intact = entry.prev_hash == prev_hash and v1_hash(entry) == entry.hash
        if entry.seq != prev_seq + 1 or not intact:
            problems.append(entry.seq)
        prev_seq, prev_hash = entry.seq, entry.hash
    removed = missing_triggers(conn)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    prev = GENESIS_HASH
    for entry in old:
        new = AuditEntry(**{**entry.__dict__, "prev_hash": prev}).sealed(new_salt())
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ?, salt = ?, actor_digest = ?, "
                     "details_digest = ? WHERE seq = ?",
                     [new.prev_hash, new.hash, new.salt, new.actor_digest, new.details_digest,
                      new.seq])  # fmt: skip
        prev = new.hash
    for name in removed:  # a guard found missing is put back (and said so below)
        if name != "audit_log_no_update":
            conn.execute(_TRIGGERS[name])
    conn.execute(_TRIGGERS["audit_log_no_update"])
    note = AuditEntry(len(old) + 1, new_id(), now_iso(), "coprod_desktop", "audit.rechained",
                      details={"entries": len(old), "previous_head": prev_hash,
                               "entries_not_intact_before": problems,
                               "guards_missing_before": removed},
                      prev_hash=prev).sealed()  # fmt: skip
    conn.execute("INSERT INTO audit_log (seq, id, at, actor, action, subject_type, subject_id, "
                 "details, prev_hash, hash, salt, actor_digest, details_digest) VALUES "
                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 [note.seq, note.id, note.at, note.actor, note.action, note.subject_type,
                  note.subject_id, json.dumps(note.details), note.prev_hash, note.hash,
                  note.salt, note.actor_digest, note.details_digest])  # fmt: skip
