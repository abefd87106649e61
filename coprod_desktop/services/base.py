"""What every service shares, so that services hold only their use cases.

A use case reads inside `with self.read():` and changes the project inside `with
self.write():` — one transaction, committed when the block ends and rolled back if it raises
— recording what it did with `self.audit(...)` inside that same transaction. Both turn the
database's and the operating system's errors into ProjectErrors that say what happened in
plain words, naming the file. SQL stays in storage/: services call its repositories.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.errors import translated

if TYPE_CHECKING:
    import sqlite_utils

    from coprod_desktop.storage.connection import ProjectFile


class Service:
    def __init__(self, file: ProjectFile, actor: Callable[[], str]):
        self._file = file
        self._actor = actor  # asked at each change: the facilitator can be renamed

    @property
    def _db(self) -> sqlite_utils.Database:
        return self._file.db

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        with translated(self._file.path):
            yield self._file.db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        with translated(self._file.path), self._file.db.atomic() as db:
            yield db

    def audit(self, action: str, subject_type: str = "", subject_id: str = "",
              details: dict[str, Any] | None = None) -> None:  # fmt: skip
        """Append to the audit log; call inside the write() of the change it records."""
        audit_repo.append(self._db, self._actor(), action, subject_type, subject_id, details)
