"""Undoable changes. Each step is committed to the project file by a service (one with
save/delete/restore) before the command returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand


class RecordService(Protocol):
    def save(self, record: Any) -> Any: ...
    def delete(self, record_id: str) -> Any: ...
    def restore(self, removed: Any) -> Any: ...


class _AlreadyDone(QUndoCommand):
    """The change was made (and validated) before pushing; the first redo() is a no-op."""

    def __init__(self, text: str):
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.apply()

    def apply(self) -> None:
        raise NotImplementedError


class SaveRecord(_AlreadyDone):
    """Undo an add by deleting; undo an edit by saving the old version back."""

    def __init__(self, service: RecordService, before: Any | None, after: Any, text: str):
        super().__init__(text)
        self._service, self._before, self._after = service, before, after

    def apply(self) -> None:
        self._service.save(self._after)

    def undo(self) -> None:
        if self._before is None:
            self._service.delete(self._after.id)
        else:
            self._service.save(self._before)


class DeleteRecord(_AlreadyDone):
    """`removed` is what the service's delete() returned; restore() takes it back."""

    def __init__(self, service: RecordService, record_id: str, removed: Any, text: str):
        super().__init__(text)
        self._service, self._id, self._removed = service, record_id, removed

    def apply(self) -> None:
        self._service.delete(self._id)

    def undo(self) -> None:
        self._service.restore(self._removed)


Push = Callable[[str, Callable[[], object], Callable[[], object]], None]
"""How a page records a change it has already made as one undo step: push(text, redo, undo)
(the board page's _push, handed to its panels)."""


class FnCommand(_AlreadyDone):
    """A change already made; undo and redo are given as functions (each commits)."""

    def __init__(self, text: str, redo, undo):
        super().__init__(text)
        self._redo, self._undo = redo, undo

    def apply(self) -> None:
        self._redo()

    def undo(self) -> None:
        self._undo()
