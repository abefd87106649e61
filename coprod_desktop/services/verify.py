"""Checks that a project file is whole: pages, structure, links between records, the audit
chain and its append-only guard, and — given anchors taken from packs or participants'
copies — that the log still holds, unchanged, what it held when each was issued.

`verify` runs them all and reports each (the `verify` command). Before anything leaves the
project (a pack, a participant's copy, an exported clip) `check_whole` runs the two checks
that read every page of the file and refuses when either finds damage; on opening,
`quick_check` looks at everything but the audio in milliseconds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from coprod_desktop.domain.audit import Anchor, anchor_problems, chain_problems
from coprod_desktop.storage import audit_repo, integrity
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import (
    DamagedProjectError,
    ProjectError,
    failed_check,
    may_be_damaged,
    translated,
)
from coprod_desktop.storage.migrations import missing_from_schema

Steps = Callable[[int, int, str], None]  # steps done, steps in all, what is being checked
UNREADABLE = "a part of the file cannot be read"
WHOLE_FILE = (
    ("every encrypted page", integrity.page_problems),
    ("the database structure", integrity.structure_problems),
)


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
        _check("every table, index and trigger of its version", file,
               lambda: missing_from_schema(file.db.conn)),
        _check("audit log chain", file, lambda: chain_problems(audit_repo.entries(file.db))),
        _check("audit log append-only", file, lambda: [
            f"the guard {name} has been removed" for name in audit_repo.missing_triggers(file.db)
        ]),
    ]  # fmt: skip
    for name, anchor in (anchors or {}).items():
        checks.append(_check(f"audit log holds what {name} was issued at", file,
                             lambda a=anchor: anchor_problems(audit_repo.entries(file.db), a)))
    return VerifyReport(checks)


def check_whole(file: ProjectFile, progress: Steps | None = None) -> None:
    """SQLCipher's page check and SQLite's structure check over the whole file, one step each
    (neither can say how far it has got); raises DamagedProjectError naming `verify` if either
    finds a problem. Reads only: the file is not changed."""
    for n, (what, problems) in enumerate(WHOLE_FILE):
        if progress:
            progress(n, len(WHOLE_FILE), f"Checking the project file for damage: {what}")
        found = _problems(file, problems)
        if found:
            raise failed_check(file.path, f"{what}: {found[0]}")
    if progress:
        progress(len(WHOLE_FILE), len(WHOLE_FILE), "The project file is whole")


def quick_check(file: ProjectFile) -> ProjectError | None:
    """The cheap check made on opening: what to tell the facilitator, or None if it passed."""
    found = _problems(file, integrity.quick_problems)
    return may_be_damaged(file.path, found[0]) if found else None


def _problems(file: ProjectFile, problems: Callable) -> list[str]:
    try:
        with translated(file.path):
            return problems(file.db)
    except DamagedProjectError:  # a page so damaged that the check itself stopped on it
        return [UNREADABLE]
