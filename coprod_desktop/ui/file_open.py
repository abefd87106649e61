"""macOS opens a document by sending the running app a FileOpen event (not a command-line
argument): double-clicking a .coprod file in Finder opens it here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject


class FileOpenFilter(QObject):
    def __init__(self, open_path: Callable[[Path], None], parent: QObject | None = None):
        super().__init__(parent)
        self._open_path = open_path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            self._open_path(Path(event.file()))
            return True
        return super().eventFilter(watched, event)
