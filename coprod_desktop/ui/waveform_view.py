"""The waveform of a recording with the clip's trim handles, bleeps and the playhead.

Drag a trim handle to move it; drag elsewhere to select a stretch (for a bleep); click to
seek. With the keyboard: Space plays/pauses, Left/Right seek a second (Shift: five)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coprod_desktop.audio.levels import BUCKET_MS

HANDLE_GRAB_PX = 7


class WaveformView(QWidget):
    trim_changed = Signal(int, int)  # in, out (ms) when a handle is released
    seek_requested = Signal(int)
    selection_changed = Signal(int, int)  # (0, 0) when cleared
    play_pause_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Waveform"))
        self.peaks = b""
        self.duration_ms = 0
        self.trim_in = 0
        self.trim_out = 0
        self.bleeps: tuple[tuple[int, int], ...] = ()
        self.position = 0
        self.selection = (0, 0)
        self._dragging: str | None = None  # "in", "out" or "select"
        self._press_ms = 0
        self._path_cache: tuple[tuple, QPainterPath] | None = None

    # state ---------------------------------------------------------------------------------
    def set_recording(self, peaks: bytes, duration_ms: int) -> None:
        self.peaks, self.duration_ms = peaks, duration_ms
        self._path_cache = None
        self.selection = (0, 0)
        self.update()

    def set_edits(self, trim_in: int, trim_out: int | None, bleeps) -> None:
        self.trim_in = trim_in
        self.trim_out = self.duration_ms if trim_out is None else trim_out
        self.bleeps = tuple(bleeps)
        self.update()

    def set_position(self, ms: int) -> None:
        self.position = ms
        self.update()

    def clear_selection(self) -> None:
        if self.selection != (0, 0):
            self.selection = (0, 0)
            self.selection_changed.emit(0, 0)
            self.update()

    # geometry ----------------------------------------------------------------------------
    def x_for(self, ms: int) -> float:
        return 0 if not self.duration_ms else ms * (self.width() - 1) / self.duration_ms

    def ms_for(self, x: float) -> int:
        if not self.duration_ms or self.width() <= 1:
            return 0
        return max(0, min(self.duration_ms, round(x * self.duration_ms / (self.width() - 1))))

    def _envelope(self) -> QPainterPath:
        key = (self.width(), self.height(), len(self.peaks))
        if self._path_cache and self._path_cache[0] == key:
            return self._path_cache[1]
        path = QPainterPath()
        width, mid = max(1, self.width()), self.height() / 2
        if self.peaks:
            per_px = len(self.peaks) / width  # under 1 for short clips: values repeat
            for x in range(width):
                start = min(len(self.peaks) - 1, int(x * per_px))
                chunk = self.peaks[start : max(start + 1, int((x + 1) * per_px))]
                h = max(chunk) / 255 * (mid - 2)
                path.moveTo(QPointF(x + 0.5, mid - h))
                path.lineTo(QPointF(x + 0.5, mid + h))
        self._path_cache = (key, path)
        return path

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        if not self.duration_ms:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No audio to show"))  # fmt: skip
            return
        height = self.height()
        painter.setPen(QPen(palette.text().color(), 1))
        painter.drawPath(self._envelope())
        shade = QColor(palette.window().color())
        shade.setAlpha(200)
        x_in, x_out = self.x_for(self.trim_in), self.x_for(self.trim_out)
        painter.fillRect(QRectF(0, 0, x_in, height), shade)  # trimmed away
        painter.fillRect(QRectF(x_out, 0, self.width() - x_out, height), shade)
        bleep = QColor(200, 30, 30, 90)
        for start, end in self.bleeps:
            a, b = self.x_for(start), self.x_for(end)
            painter.fillRect(QRectF(a, 0, max(2.0, b - a), height), bleep)
        if self.selection[1] > self.selection[0]:
            colour = QColor(palette.highlight().color())
            colour.setAlpha(90)
            a, b = self.x_for(self.selection[0]), self.x_for(self.selection[1])
            painter.fillRect(QRectF(a, 0, b - a, height), colour)
        handle = QPen(QColor(20, 110, 40), 3)
        painter.setPen(handle)
        for x in (x_in, x_out):
            painter.drawLine(QPointF(x, 0), QPointF(x, height))
            painter.fillRect(QRectF(x - 5, 0, 10, 10), QColor(20, 110, 40))
        painter.setPen(QPen(palette.highlight().color(), 2))
        x_pos = self.x_for(self.position)
        painter.drawLine(QPointF(x_pos, 0), QPointF(x_pos, height))
        if self.hasFocus():
            painter.setPen(QPen(palette.highlight().color(), 1, Qt.PenStyle.DashLine))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    # mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if not self.duration_ms or event.button() != Qt.MouseButton.LeftButton:
            return
        x = event.position().x()
        self._press_ms = self.ms_for(x)
        if abs(x - self.x_for(self.trim_in)) <= HANDLE_GRAB_PX:
            self._dragging = "in"
        elif abs(x - self.x_for(self.trim_out)) <= HANDLE_GRAB_PX:
            self._dragging = "out"
        else:
            self._dragging = "select"

    def mouseMoveEvent(self, event) -> None:
        if self._dragging is None:
            return
        ms = self.ms_for(event.position().x())
        if self._dragging == "in":
            self.trim_in = min(ms, self.trim_out - BUCKET_MS * 10)
        elif self._dragging == "out":
            self.trim_out = max(ms, self.trim_in + BUCKET_MS * 10)
        else:
            self.selection = (min(ms, self._press_ms), max(ms, self._press_ms))
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        dragging, self._dragging = self._dragging, None
        if dragging in ("in", "out"):
            self.trim_in = max(0, self.trim_in)
            self.trim_changed.emit(self.trim_in, self.trim_out)
        elif dragging == "select":
            start, end = self.selection
            if end - start < 50:  # a click, not a drag: seek there
                self.clear_selection()
                self.seek_requested.emit(self.ms_for(event.position().x()))
            else:
                self.selection_changed.emit(start, end)

    # keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        step = 5000 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1000
        if key == Qt.Key.Key_Space:
            self.play_pause_requested.emit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            sign = -1 if key == Qt.Key.Key_Left else 1
            self.seek_requested.emit(max(0, min(self.duration_ms, self.position + sign * step)))
        elif key == Qt.Key.Key_Home:
            self.seek_requested.emit(self.trim_in)
        elif key == Qt.Key.Key_End:
            self.seek_requested.emit(self.trim_out)
        else:
            super().keyPressEvent(event)
