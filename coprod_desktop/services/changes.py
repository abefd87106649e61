"""Change notices: after undo or redo puts records back, the service says which kind of
record changed ("session", "risk", …) and only the pages that show that kind refresh."""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str], None]


class Changes:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(kind)`` after each change; returns what stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def tell(self, kind: str) -> None:
        for listener in list(self._listeners):
            listener(kind)
