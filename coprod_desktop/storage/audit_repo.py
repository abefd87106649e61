"""The append-only audit log table and its hash chain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coprod_desktop.domain.audit import GENESIS_HASH, AuditEntry
from coprod_desktop.domain.ids import new_id

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
    )
    entry = AuditEntry(**{**entry.__dict__, "hash": entry.computed_hash()})
    row = {**entry.__dict__, "details": json.dumps(entry.details, ensure_ascii=False)}
    db["audit_log"].insert(row)
    return entry


def entries(db: sqlite_utils.Database) -> Iterator[AuditEntry]:
    for row in db.query("SELECT * FROM audit_log ORDER BY seq"):
        yield AuditEntry(**{**row, "details": json.loads(row["details"])})


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
