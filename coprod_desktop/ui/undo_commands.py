"""The undo stack's one kind of step. A service makes each change (and validates it) before
the step is pushed, so a step's first redo() does nothing; after that, undo() and redo() call
functions that commit. See docs/ARCHITECTURE.md, "Undo"."""

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


class Undo(QUndoCommand):
    def __init__(self, text: str, redo: Callable[[], object], undo: Callable[[], object]):
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._first = True

    @classmethod
    def put_back(cls, text: str, service: PutsBack, replaced: Any) -> Undo:
        """The step for records a service changed: undo and redo both put back what the other
        replaced. The service tells the project which kind of record changed, so only the
        pages that show that kind refresh."""
        held = [replaced]

        def swap() -> None:
            held[0] = service.put_back(held[0])

        return cls(text, swap, swap)

    @classmethod
    def telling(cls, text: str, redo: Callable[[], object], undo: Callable[[], object],
                changes: Changes, kind: str) -> Undo:  # fmt: skip
        """The step for a change that puts back only what it changed (a board layout, one
        field of a clip, not the transcript typed since): after each, ``changes`` hears the
        kind, as it does from put_back."""

        def told(fn: Callable[[], object]) -> Callable[[], None]:
            return lambda: (fn(), changes.tell(kind))[-1]

        return cls(text, told(redo), told(undo))

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


Push = Callable[[str, Callable[[], object], Callable[[], object]], None]
"""How a page records a change it has already made as one undo step: push(text, redo, undo)
(the board page's _push, handed to its panels)."""
