"""The audit log's tamper-evident hash chain: each entry carries the hash of the one before.

Who acted and the details can name a person, and withdrawal of everything must be able to
remove them without breaking the chain. So an entry's hash covers digests of its actor and
details, each made with a random salt kept in the entry: while the salt is there, verify
checks the actor and details against their digests; erasing a person replaces the words and
deletes the salt, after which the digests (still in the chain) can no longer be linked to
anything. Every erased entry must be listed by a later entry that records the erasure.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

GENESIS_HASH = "0" * 64
ERASED_KEY = "audit_entries_erased"  # in the details of the entry that records an erasure


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _digest(salt: str, text: str) -> str:
    return hashlib.sha256(f"{salt}\x00{text}".encode()).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


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
    salt: str = ""  # gone once the entry's personal words were erased
    actor_digest: str = ""
    details_digest: str = ""

    def sealed(self, salt: str | None = None) -> AuditEntry:
        """The entry with a salt, its digests and its hash, ready to append."""
        salt = salt or new_salt()
        entry = replace(self, salt=salt, actor_digest=_digest(salt, self.actor),
                        details_digest=_digest(salt, _canonical(self.details)))  # fmt: skip
        return replace(entry, hash=entry.computed_hash())

    def computed_hash(self) -> str:
        return hashlib.sha256(_canonical({
            "seq": self.seq, "id": self.id, "at": self.at, "action": self.action,
            "subject_type": self.subject_type, "subject_id": self.subject_id,
            "actor_digest": self.actor_digest, "details_digest": self.details_digest,
            "prev_hash": self.prev_hash,
        }).encode("utf-8")).hexdigest()  # fmt: skip

    @property
    def erased(self) -> bool:
        return not self.salt

    def words_match(self) -> bool:
        """The actor and details are what was written (unknowable once erased)."""
        return self.erased or (
            _digest(self.salt, self.actor) == self.actor_digest
            and _digest(self.salt, _canonical(self.details)) == self.details_digest
        )

    def erasing(self, actor: str, details: dict[str, Any]) -> AuditEntry:
        """The entry with a person's words replaced and the salt gone; its hash still holds."""
        return replace(self, actor=actor, details=details, salt="")


def chain_problems(entries: Iterable[AuditEntry]) -> list[str]:
    """Describe every break in the chain; an empty list means the log is intact."""
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    erased: list[int] = []
    accounted: set[int] = set()
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(f"entry {entry.seq}: expected entry {expected_seq} (entries missing)")
        if entry.prev_hash != expected_prev:
            problems.append(f"entry {entry.seq}: does not follow the entry before it")
        if entry.computed_hash() != entry.hash or not entry.words_match():
            problems.append(f"entry {entry.seq}: contents changed after it was written")
        if entry.erased:
            erased.append(entry.seq)
        accounted.update(entry.details.get(ERASED_KEY, ()))
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    problems += [f"entry {seq}: its words were removed, and no erasure records it"
                 for seq in erased if seq not in accounted]  # fmt: skip
    return problems


def v1_hash(entry: AuditEntry) -> str:
    """The hash of chain format 1 (before version 8), which covered the words themselves."""
    return hashlib.sha256(_canonical({
        "seq": entry.seq, "id": entry.id, "at": entry.at, "actor": entry.actor,
        "action": entry.action, "subject_type": entry.subject_type,
        "subject_id": entry.subject_id, "details": entry.details, "prev_hash": entry.prev_hash,
    }).encode("utf-8")).hexdigest()  # fmt: skip


ANCHOR_PREFIX = "coprod-audit-anchor"


@dataclass(frozen=True)
class Anchor:
    """The audit log's head when something left the project (a pack, a participant's copy):
    carried in that document, so the log can later be shown to still hold it unchanged."""

    seq: int
    hash: str

    @property
    def keyword(self) -> str:
        return f"{ANCHOR_PREFIX}:{self.seq}:{self.hash}"

    @property
    def line(self) -> str:
        """How the document prints it (the last page)."""
        return f"Audit anchor: entry {self.seq}, {self.hash}"

    @classmethod
    def find(cls, text: str) -> Anchor | None:
        """The anchor in a document's keywords or text, if any."""
        for word in text.replace(",", " ").split():
            parts = word.split(":")
            if len(parts) == 3 and parts[0] == ANCHOR_PREFIX and parts[1].isdigit():
                return cls(int(parts[1]), parts[2])
        return None


def anchor_problems(entries: Iterable[AuditEntry], anchor: Anchor) -> list[str]:
    """Whether the log still holds, unchanged, the entries up to an anchor taken from it."""
    for entry in entries:
        if entry.seq == anchor.seq:
            if entry.hash == anchor.hash:
                return []
            return [f"entry {anchor.seq} is not the one this document was issued at: the log "
                    "up to it has been rewritten"]  # fmt: skip
    return [f"the log no longer holds entry {anchor.seq}, which this document was issued at: "
            "entries have been removed"]  # fmt: skip
