"""Editing a note's text in place on the canvas: a text box laid over the note. Enter saves,
Shift+Enter starts a new line, Escape cancels; clicking elsewhere saves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGraphicsProxyWidget, QGraphicsScene, QPlainTextEdit

from coprod_desktop.domain.board import Note


class InPlaceEditor(QObject):
    def __init__(self, scene: QGraphicsScene, note: Note, save: Callable[[str], object],
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self._save = save
        self._done = False
        self.edit = QPlainTextEdit(note.text)
        self.edit.setAccessibleName(self.tr("Note text"))
        self.edit.resize(int(note.width), int(note.height))
        self.edit.installEventFilter(self)
        self.proxy: QGraphicsProxyWidget = scene.addWidget(self.edit)
        self.proxy.setPos(note.x, note.y)
        self.proxy.setZValue(10_000)
        self.edit.selectAll()
        self.edit.setFocus()
        self.proxy.setFocus()

    def finish(self, keep: bool) -> None:
        if self._done:
            return
        self._done = True
        text = self.edit.toPlainText()
        scene = self.proxy.scene()
        if scene is not None:
            scene.removeItem(self.proxy)
        self.proxy.deleteLater()
        if keep:
            self._save(text)
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.finish(keep=False)
                return True
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift:
                self.finish(keep=True)
                return True
        if event.type() == QEvent.Type.FocusOut:
            self.finish(keep=True)
        return False
