"""Checks that a project file is whole: pages, structure, links between records, audit chain."""

from __future__ import annotations

from dataclasses import dataclass, field

from coprod_desktop.domain.audit import chain_problems
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import translated


@dataclass
class Check:
    name: str
    ok: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class VerifyReport:
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _rows(file: ProjectFile, sql: str) -> list[tuple]:
    return [tuple(r) for r in file.db.execute(sql).fetchall()]


def verify(file: ProjectFile) -> VerifyReport:
    with translated(file.path):
        cipher = [r[0] for r in _rows(file, "PRAGMA cipher_integrity_check")]
        integrity = [r[0] for r in _rows(file, "PRAGMA integrity_check")]
        if integrity == ["ok"]:
            integrity = []
        fk = [
            f"{t} row {rowid} points at a missing {parent}"
            for t, rowid, parent, _ in _rows(file, "PRAGMA foreign_key_check")
        ]
        chain = chain_problems(audit_repo.entries(file.db))
    return VerifyReport(
        [
            Check("encrypted pages authentic", not cipher, cipher),
            Check("database structure", not integrity, integrity),
            Check("links between records", not fk, fk),
            Check("audit log chain", not chain, chain),
        ]
    )
