"""The board canvas: theme areas and sticky notes drawn from domain objects. The scene holds no
rules; it reports what the facilitator did (moves, edits) for the page to store."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from coprod_desktop.domain.board import NOTE_COLOURS, THEME_COLOURS, Note, Theme

SAFEGUARDING = QColor("#c62828")
HIGH_CONTRAST_NOTE = QColor("#ffffff")
HIGH_CONTRAST_INK = QColor("#000000")


class ThemeItem(QGraphicsRectItem):
    def __init__(self, theme: Theme, scale: float = 1.0):
        super().__init__(0, 0, theme.width, theme.height)
        self.theme = theme
        self.text_scale = scale
        self.count = 0
        self.setPos(theme.x, theme.y)
        self.setZValue(-1)
        self.setBrush(QBrush(QColor(THEME_COLOURS.get(theme.colour, "#eeeeee"))))
        self.setPen(QPen(QColor("#90a4ae"), 2, Qt.PenStyle.DashLine))
        self.setToolTip(theme.name)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        super().paint(painter, option, widget)
        font = QFont(painter.font())
        font.setPointSizeF(14 * self.text_scale)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#37474f"))
        painter.drawText(
            QRectF(12, 6, self.rect().width() - 24, 30),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{self.theme.name}  ({self.count})",
        )


class NoteItem(QGraphicsRectItem):
    """One sticky note. Its position on screen may differ from `note` while being dragged."""

    def __init__(
        self,
        note: Note,
        author: str = "",
        dots: int | None = None,
        scale: float = 1.0,
        high_contrast: bool = False,
    ):
        super().__init__(0, 0, note.width, note.height)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.text_scale = scale
        self.high_contrast = high_contrast
        self.set_note(note, author, dots)

    def set_note(self, note: Note, author: str = "", dots: int | None = None) -> None:
        self.note = note
        self.author = author
        self.dots = dots
        self.setRect(0, 0, note.width, note.height)
        self.setPos(note.x, note.y)
        flags = ("SAFEGUARDING. " if note.safeguarding else "") + (
            "Sensitive. " if note.sensitive else ""
        )
        self.setToolTip(f"{flags}{note.text}\n— {author or 'unattributed'}")
        self.update()

    def accessible_name(self) -> str:
        parts = [f"Note: {self.note.text}", f"by {self.author or 'unattributed'}"]
        if self.note.safeguarding:
            parts.insert(0, "Safeguarding")
        if self.dots is not None:
            parts.append(f"{self.dots} votes")
        return ", ".join(parts)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.rect()
        fill = (
            HIGH_CONTRAST_NOTE
            if self.high_contrast
            else QColor(NOTE_COLOURS.get(self.note.colour, "#fff176"))
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(fill)
        border = QPen(QColor("#5d4037") if not self.high_contrast else HIGH_CONTRAST_INK, 1)
        if self.note.safeguarding:
            border = QPen(SAFEGUARDING, 5)
        if self.isSelected():
            border = QPen(QColor("#1565c0"), 4, Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 6, 6)
        font = QFont(painter.font())
        font.setPointSizeF(10.5 * self.text_scale)
        painter.setFont(font)
        painter.setPen(HIGH_CONTRAST_INK if self.high_contrast else QColor("#212121"))
        top = 8
        if self.note.safeguarding:
            badge = QFont(font)
            badge.setBold(True)
            painter.setFont(badge)
            painter.setPen(SAFEGUARDING)
            painter.drawText(QRectF(8, 6, rect.width() - 16, 16), "⚠ SAFEGUARDING")
            painter.setFont(font)
            painter.setPen(HIGH_CONTRAST_INK if self.high_contrast else QColor("#212121"))
            top = 24
        option_text = QTextOption()
        option_text.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        painter.drawText(
            QRectF(8, top, rect.width() - 16, rect.height() - top - 20), self.note.text, option_text
        )
        small = QFont(font)
        small.setPointSizeF(8.5 * self.text_scale)
        painter.setFont(small)
        footer = self.author or "unattributed"
        if self.note.sensitive:
            footer += " · sensitive"
        if self.dots:
            footer += "  " + "●" * min(self.dots, 12)
        painter.drawText(QRectF(8, rect.height() - 20, rect.width() - 16, 16), footer)


class BoardScene(QGraphicsScene):
    """`notes_moved` carries [(note id, x, y)] after a drag ends."""

    notes_moved = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.note_items: dict[str, NoteItem] = {}
        self.theme_items: dict[str, ThemeItem] = {}
        self.text_scale = 1.0
        self.high_contrast = False
        self._locked = False
        self._authors: dict[str, str] = {}
        self._dots: dict[str, int] | None = None

    def load(
        self,
        themes: Iterable[Theme],
        notes: Iterable[Note],
        authors: dict[str, str],
        dots: dict[str, int] | None,
    ) -> None:
        self.clear()
        self.note_items.clear()
        self.theme_items.clear()
        self._authors, self._dots = authors, dots
        for theme in themes:
            self.put_theme(theme)
        for note in notes:
            self.put_note(note)
        self.recount()

    def put_theme(self, theme: Theme) -> None:
        item = self.theme_items.get(theme.id)
        if item is not None:
            self.removeItem(item)
        item = ThemeItem(theme, self.text_scale)
        self.theme_items[theme.id] = item
        self.addItem(item)

    def put_note(self, note: Note) -> NoteItem:
        author = self._authors.get(note.author_id or "", "")
        dots = None if self._dots is None else self._dots.get(note.id, 0)
        item = self.note_items.get(note.id)
        if item is None:
            item = NoteItem(note, author, dots, self.text_scale, self.high_contrast)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not self._locked)
            self.note_items[note.id] = item
            self.addItem(item)
        else:
            item.set_note(note, author, dots)
        return item

    def remove_note(self, note_id: str) -> None:
        item = self.note_items.pop(note_id, None)
        if item is not None:
            self.removeItem(item)

    def recount(self) -> None:
        counts: dict[str, int] = {}
        for item in self.note_items.values():
            if item.note.theme_id:
                counts[item.note.theme_id] = counts.get(item.note.theme_id, 0) + 1
        for theme_id, theme_item in self.theme_items.items():
            theme_item.count = counts.get(theme_id, 0)
            theme_item.update()

    def count_added(self, theme_id: str) -> None:
        item = self.theme_items.get(theme_id)
        if item is not None:
            item.count += 1
            item.update()

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        for item in self.note_items.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not locked)

    def selected_notes(self) -> list[Note]:
        return [i.note for i in self.selectedItems() if isinstance(i, NoteItem)]

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        moved = [
            (item.note.id, item.pos().x(), item.pos().y())
            for item in self.note_items.values()
            if item.isSelected() and item.pos() != QPointF(item.note.x, item.note.y)
        ]
        if moved:
            self.notes_moved.emit(moved)
