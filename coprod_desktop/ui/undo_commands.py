"""The undo stack's steps. A service makes each change (and validates it) before the step is
pushed, so a step's first redo() does nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from coprod_desktop.services.changes import Changes


class PutsBack(Protocol):
    """A service: put_back(replaced) writes back what a change replaced and returns what that
    replaced in turn (see services/base.py)."""

    def put_back(self, replaced: Any) -> Any: ...


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


class Undo(_AlreadyDone):
    """A change a service made, with what it replaced: undo and redo both put back what the
    other replaced. The service tells the project which kind of record changed, so only the
    pages that show that kind refresh."""

    def __init__(self, text: str, service: PutsBack, replaced: Any):
        super().__init__(text)
        self._service, self._replaced = service, replaced

    def apply(self) -> None:
        self._replaced = self._service.put_back(self._replaced)

    def undo(self) -> None:
        self._replaced = self._service.put_back(self._replaced)


Push = Callable[[str, Callable[[], object], Callable[[], object]], None]
"""How a page records a change it has already made as one undo step: push(text, redo, undo)
(the board page's _push, handed to its panels)."""


class FnCommand(_AlreadyDone):
    """A change whose undo and redo are given as functions (each commits), for the board's
    layouts and the clip editor's field edits, which put back only what one step changed.
    Afterwards it tells ``changes`` that records of ``kind`` changed, as put_back() does."""

    def __init__(self, text: str, redo, undo, changes: Changes, kind: str):
        super().__init__(text)
        self._redo, self._undo, self._changes, self._kind = redo, undo, changes, kind

    def apply(self) -> None:
        self._redo()
        self._changes.tell(self._kind)

    def undo(self) -> None:
        self._undo()
        self._changes.tell(self._kind)
