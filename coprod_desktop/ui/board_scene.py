"""The board canvas: theme areas and sticky notes drawn from domain objects. The scene holds no
rules; it reports what the facilitator did (moves, edits) for the page to store."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from coprod_desktop.domain.board import NOTE_COLOURS, THEME_COLOURS, Note, Theme
from coprod_desktop.domain.board_layout import TITLE_BAND, BoardSpace, smallest_size

from .translation import tr

SAFEGUARDING = QColor("#c62828")
HIGH_CONTRAST_NOTE = QColor("#ffffff")
HIGH_CONTRAST_INK = QColor("#000000")
BADGE_FILL = QColor("#263238")  # white on this: contrast above 14:1 on any note colour
BADGE_INK = QColor("#ffffff")
AREA_Z, NOTE_Z, HANDLE_Z = -1.0, 0.0, 2.0  # titles and resize grips stay above notes
GRIP = 18.0


class ThemeItem(QGraphicsRectItem):
    """A theme area. Its title bar (drag to move the area with its notes) and its resize grip
    are separate items drawn above the notes, so no note can hide them."""

    def __init__(self, theme: Theme, scale: float = 1.0, high_contrast: bool = False):
        super().__init__()
        self.text_scale = scale
        self.high_contrast = high_contrast
        self.count = 0
        self.setZValue(AREA_Z)
        self.setPen(QPen(QColor("#90a4ae") if not high_contrast else HIGH_CONTRAST_INK, 2,
                         Qt.PenStyle.DashLine))  # fmt: skip
        self.label = ThemeLabel(self)
        self.grip = ThemeGrip(self)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBrush(QBrush(QColor(THEME_COLOURS.get(theme.colour, "#eeeeee"))))
        self.setToolTip(theme.name)
        self.show_geometry(QPointF(theme.x, theme.y), theme.width, theme.height)
        self.label.update()

    def show_geometry(self, pos: QPointF, width: float, height: float) -> None:
        """Draw the area (and its title bar and grip) at `pos`, sized; nothing is stored."""
        self.setPos(pos)
        self.setRect(0, 0, width, height)
        self.label.setPos(pos)
        self.label.setRect(0, 0, width, TITLE_BAND - 4)
        self.grip.setPos(pos + QPointF(width - GRIP, height - GRIP))


class _Handle(QGraphicsRectItem):
    """Part of a theme area that the mouse drags; the scene previews and then reports."""

    def __init__(self, area: ThemeItem, cursor: Qt.CursorShape):
        super().__init__()
        self.area = area
        self.setZValue(HANDLE_Z)
        self.setCursor(cursor)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self._press: QPointF | None = None

    def mousePressEvent(self, event) -> None:
        scene = self.scene()
        if scene is None or scene.locked:
            event.ignore()  # a locked board: the press falls through (rubber band)
            return
        self._press = event.scenePos()
        scene.start_theme_drag(self.area)
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._press is not None:
            delta = event.scenePos() - self._press
            self.scene().preview_theme_drag(self.area, self.kind, delta.x(), delta.y())

    def mouseReleaseEvent(self, event) -> None:
        if self._press is not None:
            self._press = None
            self.scene().end_theme_drag(self.area, self.kind)


class ThemeLabel(_Handle):
    """The title bar of a theme area: its name and note count; drag it to move the area."""

    kind = "move"

    def __init__(self, area: ThemeItem):
        super().__init__(area, Qt.CursorShape.OpenHandCursor)
        self.setToolTip(tr("Drag the title to move the theme and its notes"))

    def title(self) -> str:
        return f"{self.area.theme.name}  ({self.area.count})"

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.rect()
        contrast = self.area.high_contrast
        fill = QColor(THEME_COLOURS.get(self.area.theme.colour, "#eeeeee")).darker(108)
        painter.setPen(Qt.PenStyle.NoPen if not contrast else QPen(HIGH_CONTRAST_INK, 2))
        painter.setBrush(HIGH_CONTRAST_NOTE if contrast else fill)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        font = QFont(painter.font())
        font.setPointSizeF(min(14 * self.area.text_scale, 18))  # always fits the title band
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(HIGH_CONTRAST_INK if contrast else QColor("#263238"))
        text_rect = rect.adjusted(12, 0, -12, 0)
        text = QFontMetricsF(font).elidedText(self.title(), Qt.TextElideMode.ElideRight,
                                              text_rect.width())  # fmt: skip
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         text)  # fmt: skip


class ThemeGrip(_Handle):
    """The bottom-right corner of a theme area: drag it to resize the area."""

    kind = "resize"

    def __init__(self, area: ThemeItem):
        super().__init__(area, Qt.CursorShape.SizeFDiagCursor)
        self.setRect(0, 0, GRIP, GRIP)
        self.setToolTip(tr("Drag to resize the theme"))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        ink = HIGH_CONTRAST_INK if self.area.high_contrast else QColor("#546e7a")
        painter.setPen(QPen(ink, 2))
        for step in (4, 9, 14):
            painter.drawLine(QPointF(GRIP - 2, step), QPointF(step, GRIP - 2))


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
        lines = [f"{flags}{note.text}", f"— {author or tr('unattributed')}"]
        if dots:
            lines.append(tr("1 vote") if dots == 1 else tr("{0} votes").format(dots))
        self.setToolTip("\n".join(lines))
        self.update()

    def accessible_name(self) -> str:
        parts = [tr("Note: {0}").format(self.note.text),
                 tr("by {0}").format(self.author or tr("unattributed"))]  # fmt: skip
        if self.note.safeguarding:
            parts.insert(0, tr("Safeguarding"))
        if self.note.sensitive:
            parts.append(tr("sensitive"))
        if self.dots is not None:
            parts.append(tr("1 vote") if self.dots == 1
                         else tr("{0} votes").format(self.dots))  # fmt: skip
        return ", ".join(parts)

    def badge_font(self) -> QFont:
        font = QFont()
        font.setPointSizeF(10.5 * self.text_scale)
        font.setBold(True)
        return font

    def vote_badge(self) -> tuple[str, QRectF, QColor, QColor] | None:
        """The vote count drawn on the note (text, where, fill, ink), once votes are revealed
        and the note has some: bold, as large as the note's text, light on dark."""
        if not self.dots:
            return None
        text = f"\u25cf {self.dots}"
        metrics = QFontMetricsF(self.badge_font())
        w, h = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
        rect = self.rect()
        box = QRectF(rect.width() - w - 6, rect.height() - h - 5, w, h)
        fill = HIGH_CONTRAST_INK if self.high_contrast else BADGE_FILL
        return text, box, fill, BADGE_INK

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
        badge = self.vote_badge()
        footer_h = max(20.0, badge[1].height() + 8) if badge else 20.0
        option_text = QTextOption()
        option_text.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        painter.drawText(QRectF(8, top, rect.width() - 16, rect.height() - top - footer_h),
                         self.note.text, option_text)  # fmt: skip
        small = QFont(font)
        small.setPointSizeF(8.5 * self.text_scale)
        painter.setFont(small)
        footer = self.author or tr("unattributed")
        if self.note.sensitive:
            footer += " · " + tr("sensitive")
        right = badge[1].left() - 4 if badge else rect.width() - 8
        footer_rect = QRectF(8, rect.height() - footer_h, right - 8, footer_h - 4)
        footer = QFontMetricsF(small).elidedText(footer, Qt.TextElideMode.ElideRight,
                                                 footer_rect.width())  # fmt: skip
        painter.drawText(footer_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         footer)  # fmt: skip
        if badge:
            text, box, fill, ink = badge
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            painter.setFont(self.badge_font())
            painter.setPen(ink)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class BoardScene(QGraphicsScene):
    """`notes_moved` carries [(note id, x, y)] after a drag ends; `theme_moved` (theme id, x,
    y) after a theme's title bar is dragged; `theme_resized` (theme id, width, height) after
    its grip is dragged. `space` is what the board holds as stored (not mid-drag), for the
    layout rules."""

    notes_moved = Signal(list)
    theme_moved = Signal(str, float, float)
    theme_resized = Signal(str, float, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.note_items: dict[str, NoteItem] = {}
        self.theme_items: dict[str, ThemeItem] = {}
        self.space = BoardSpace()
        self.text_scale = 1.0
        self.high_contrast = False
        self.locked = False
        self._authors: dict[str, str] = {}
        self._dots: dict[str, int] | None = None
        self._drag: tuple[ThemeItem, list[NoteItem], tuple[float, float]] | None = None
        self._dragged: tuple[str, str, float, float] | None = None

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
        self._drag = None
        self.space = BoardSpace()  # filled by put_theme and put_note
        self._authors, self._dots = authors, dots
        for theme in themes:
            self.put_theme(theme)
        for note in notes:
            self.put_note(note)
        self.recount()

    def put_theme(self, theme: Theme) -> ThemeItem:
        self.space.put_theme(theme)
        item = self.theme_items.get(theme.id)
        if item is None:
            item = ThemeItem(theme, self.text_scale, self.high_contrast)
            self.theme_items[theme.id] = item
            for part in (item, item.label, item.grip):
                self.addItem(part)
        else:
            item.set_theme(theme)
        item.grip.setVisible(not self.locked)
        return item

    def remove_theme(self, theme_id: str) -> None:
        self.space.remove_theme(theme_id)
        item = self.theme_items.pop(theme_id, None)
        if item is not None:
            for part in (item.label, item.grip, item):
                self.removeItem(part)

    def put_note(self, note: Note) -> NoteItem:
        self.space.put_note(note)
        author = self._authors.get(note.author_id or "", "")
        dots = None if self._dots is None else self._dots.get(note.id, 0)
        item = self.note_items.get(note.id)
        if item is None:
            item = NoteItem(note, author, dots, self.text_scale, self.high_contrast)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not self.locked)
            self.note_items[note.id] = item
            self.addItem(item)
        else:
            item.set_note(note, author, dots)
        return item

    def remove_note(self, note_id: str) -> None:
        self.space.remove_note(note_id)
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
            theme_item.label.update()

    def count_added(self, theme_id: str) -> None:
        item = self.theme_items.get(theme_id)
        if item is not None:
            item.count += 1
            item.label.update()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        for item in self.note_items.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not locked)
        for theme_item in self.theme_items.values():
            theme_item.grip.setVisible(not locked)

    def selected_notes(self) -> list[Note]:
        return [i.note for i in self.selectedItems() if isinstance(i, NoteItem)]

    # dragging a theme area by its title bar or grip -------------------------------------
    def start_theme_drag(self, area: ThemeItem) -> None:
        members = [i for i in self.note_items.values() if i.note.theme_id == area.theme.id]
        self._drag = (area, members, smallest_size(self.space, area.theme.id))

    def preview_theme_drag(self, area: ThemeItem, kind: str, dx: float, dy: float) -> None:
        """Show the area moved (with its notes) or resized; nothing is stored yet."""
        if self._drag is None or self._drag[0] is not area:
            return
        theme = area.theme
        if kind == "move":
            area.show_geometry(QPointF(theme.x + dx, theme.y + dy), theme.width, theme.height)
            for item in self._drag[1]:
                item.setPos(item.note.x + dx, item.note.y + dy)
        else:  # it stops shrinking where the service will stop it: at its notes
            least_w, least_h = self._drag[2]
            area.show_geometry(QPointF(theme.x, theme.y), max(least_w, theme.width + dx),
                               max(least_h, theme.height + dy))  # fmt: skip

    def end_theme_drag(self, area: ThemeItem, kind: str) -> None:
        self._drag = None
        theme, rect = area.theme, area.rect()
        if kind == "move" and (area.pos().x(), area.pos().y()) != (theme.x, theme.y):
            self._dragged = (kind, theme.id, area.pos().x(), area.pos().y())
        elif kind == "resize" and (rect.width(), rect.height()) != (theme.width, theme.height):
            self._dragged = (kind, theme.id, rect.width(), rect.height())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self._dragged is not None:  # reported once the handle is done with the event
            kind, theme_id, a, b = self._dragged
            self._dragged = None
            (self.theme_moved if kind == "move" else self.theme_resized).emit(theme_id, a, b)
            return
        moved = [
            (item.note.id, item.pos().x(), item.pos().y())
            for item in self.note_items.values()
            if item.isSelected() and item.pos() != QPointF(item.note.x, item.note.y)
        ]
        if moved:
            self.notes_moved.emit(moved)
