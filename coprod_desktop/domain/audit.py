"""The audit log's tamper-evident hash chain: each entry carries the hash of the one before."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    id: str
    at: str
    actor: str
    action: str
    subject_type: str = ""
    subject_id: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS_HASH
    hash: str = ""

    def computed_hash(self) -> str:
        payload = {
            "seq": self.seq,
            "id": self.id,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_problems(entries: Iterable[AuditEntry]) -> list[str]:
    """Describe every break in the chain; an empty list means the log is intact."""
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(f"entry {entry.seq}: expected entry {expected_seq} (entries missing)")
        if entry.prev_hash != expected_prev:
            problems.append(f"entry {entry.seq}: does not follow the entry before it")
        if entry.computed_hash() != entry.hash:
            problems.append(f"entry {entry.seq}: contents changed after it was written")
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    return problems
