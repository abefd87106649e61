"""What every service shares, so that services hold only their use cases.

A use case reads inside `with self.read():` and changes the project inside `with
self.write():` — one transaction, committed when the block ends and rolled back if it raises
— recording what it did with `self.audit(...)` inside that same transaction. Both turn the
database's and the operating system's errors into ProjectErrors that say what happened in
plain words, naming the file. SQL stays in storage/: services call its repositories.

Undo: a change of records returns (or is preceded by replaced(...), which reads) a Replaced —
each record's whole state before the change, None where it did not exist. put_back(replaced)
writes those states back in one transaction, returns what it replaced in turn (so putting
that back redoes the change) and tells the project's Changes which kind changed. A service
that offers this implements _state() and _put_state() for its kinds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coprod_desktop.domain.audit import Anchor
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.connection import writing
from coprod_desktop.storage.errors import translated

from .changes import Changes

if TYPE_CHECKING:
    import sqlite_utils

    from coprod_desktop.storage.connection import ProjectFile


@dataclass(frozen=True)
class Replaced:
    """What a change replaced: for each record of one kind, (its id, its whole state before
    the change), the state None where the record did not exist."""

    kind: str
    states: tuple[tuple[str, Any], ...]


class Service:
    def __init__(self, file: ProjectFile, actor: Callable[[], str]):
        self._file = file
        self._actor = actor  # asked at each change: the facilitator can be renamed
        self.changes = Changes()  # the project gives its services one shared Changes

    @property
    def _db(self) -> sqlite_utils.Database:
        return self._file.db

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        with translated(self._file.path):
            yield self._file.db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        with translated(self._file.path), writing(self._file.db) as db:
            yield db

    def anchor(self) -> Anchor:
        """The audit log's head now, for a document leaving the project to carry."""
        with self.read():
            return Anchor(*audit_repo.head(self._db))

    def audit(self, action: str, subject_type: str = "", subject_id: str = "",
              details: dict[str, Any] | None = None, actor: str | None = None) -> None:  # fmt: skip
        """Append to the audit log; call inside the write() of the change it records. `actor`
        replaces the facilitator's name (a withdrawal of everything by the facilitator)."""
        audit_repo.append(self._db, actor if actor is not None else self._actor(), action,
                          subject_type, subject_id, details)  # fmt: skip

    # undo ----------------------------------------------------------------------------------
    def replaced(self, kind: str, *record_ids: str) -> Replaced:
        """The records' states now: what a change about to be made will replace."""
        with self.read():
            return Replaced(kind, tuple((i, self._state(kind, i)) for i in record_ids))

    def put_back(self, replaced: Replaced) -> Replaced:
        """Undo (or redo) a change: write back what it replaced; returns what this replaced."""
        with self.write():
            now = Replaced(replaced.kind,
                           tuple((i, self._state(replaced.kind, i)) for i, _ in replaced.states))
            for record_id, state in replaced.states:
                self._put_state(replaced.kind, record_id, state)
        self.changes.tell(replaced.kind)
        return now

    def _state(self, kind: str, record_id: str) -> Any:
        """Everything needed to put the record back as it is now; None if there is none."""
        raise NotImplementedError(f"{type(self).__name__} cannot undo changes of {kind}")

    def _put_state(self, kind: str, record_id: str, state: Any) -> None:
        """Make the record as ``state`` says (None: remove it), inside put_back's write()."""
        raise NotImplementedError(f"{type(self).__name__} cannot undo changes of {kind}")
