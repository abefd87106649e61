"""Checks that a project file is whole: pages, structure, links between records, audit chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from coprod_desktop.domain.audit import chain_problems
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import ProjectError, translated


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


def _check(name: str, file: ProjectFile, problems: Callable[[], list[str]]) -> Check:
    """Run one check; a damaged page stops only that check, and is reported as its problem."""
    try:
        with translated(file.path):
            found = problems()
    except ProjectError as exc:
        found = [str(exc)]
    return Check(name, not found, found)


def verify(file: ProjectFile) -> VerifyReport:
    def pages() -> list[str]:
        return [r[0] for r in _rows(file, "PRAGMA cipher_integrity_check")]

    def structure() -> list[str]:
        rows = [r[0] for r in _rows(file, "PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def links() -> list[str]:
        return [
            f"{t} row {rowid} points at a missing {parent}"
            for t, rowid, parent, _ in _rows(file, "PRAGMA foreign_key_check")
        ]

    def chain() -> list[str]:
        return chain_problems(audit_repo.entries(file.db))

    return VerifyReport(
        [
            _check("encrypted pages authentic", file, pages),
            _check("database structure", file, structure),
            _check("links between records", file, links),
            _check("audit log chain", file, chain),
        ]
    )
