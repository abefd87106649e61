"""Checks that a project file is whole: pages, structure, links between records, the audit
chain and its append-only guard, and — given anchors taken from packs or participants'
copies — that the log still holds, unchanged, what it held when each was issued."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from coprod_desktop.domain.audit import Anchor, anchor_problems, chain_problems
from coprod_desktop.storage import audit_repo, integrity
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


def _check(name: str, file: ProjectFile, problems: Callable[[], list[str]]) -> Check:
    """Run one check; a damaged page stops only that check, and is reported as its problem."""
    try:
        with translated(file.path):
            found = problems()
    except ProjectError as exc:
        found = [str(exc)]
    return Check(name, not found, found)


def verify(file: ProjectFile, anchors: dict[str, Anchor] | None = None) -> VerifyReport:
    """`anchors`: what each document (named by its file) carries, see domain.audit.Anchor."""
    checks = [
        _check("encrypted pages authentic", file, lambda: integrity.page_problems(file.db)),
        _check("database structure", file, lambda: integrity.structure_problems(file.db)),
        _check("links between records", file, lambda: integrity.link_problems(file.db)),
        _check("audit log chain", file, lambda: chain_problems(audit_repo.entries(file.db))),
        _check("audit log append-only", file, lambda: [
            f"the guard {name} has been removed" for name in audit_repo.missing_triggers(file.db)
        ]),
    ]  # fmt: skip
    for name, anchor in (anchors or {}).items():
        checks.append(_check(f"audit log holds what {name} was issued at", file,
                             lambda a=anchor: anchor_problems(audit_repo.entries(file.db), a)))
    return VerifyReport(checks)
