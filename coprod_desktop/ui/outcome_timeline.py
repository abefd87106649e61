"""The outcomes timeline: sessions along the bottom in date order, each session's outcomes
stacked above it as coloured dots (individual, collective, service change). Hover for the
outcome; click (or Left/Right then Enter) to pick it in the table."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from coprod_desktop.domain.outcomes import Outcome, OutcomeType

COLOURS = {
    OutcomeType.INDIVIDUAL: "#4c72b0",
    OutcomeType.COLLECTIVE: "#55a868",
    OutcomeType.SERVICE_CHANGE: "#dd8452",
}
DOT = 9


class OutcomeTimeline(QWidget):
    outcome_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sessions: list = []  # Session, in date order
        self.outcomes: list[Outcome] = []
        self.current = -1  # index into the outcomes, in drawing order
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Outcomes timeline"))
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:
        return QSize(600, 170)

    def set_data(self, sessions, outcomes: list[Outcome]) -> None:
        self.sessions = sorted(sessions, key=lambda s: s.date)
        order = {s.id: n for n, s in enumerate(self.sessions)}
        self.outcomes = sorted(
            (o for o in outcomes if o.session_id in order),
            key=lambda o: (order[o.session_id], o.observed_on),
        )
        self.current = min(self.current, len(self.outcomes) - 1)
        counts = {t: sum(1 for o in self.outcomes if o.type is t) for t in OutcomeType}
        self.setAccessibleDescription(
            self.tr("{0} outcomes over {1} sessions: {2}").format(
                len(self.outcomes),
                len(self.sessions),
                ", ".join(f"{n} {t.label.lower()}" for t, n in counts.items()),
            )
        )
        self.update()

    def _x(self, index: int) -> float:
        n = max(1, len(self.sessions))
        return 30 + (self.width() - 60) * (index + 0.5) / n

    def dots(self) -> list[tuple[QPointF, Outcome]]:
        base = self.height() - 44
        placed, stacks = [], {}
        order = {s.id: n for n, s in enumerate(self.sessions)}
        for o in self.outcomes:
            n = order[o.session_id]
            level = stacks.get(n, 0)
            stacks[n] = level + 1
            placed.append((QPointF(self._x(n), base - 8 - level * (DOT * 2 + 3)), o))
        return placed

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        base = self.height() - 44
        painter.setPen(QPen(text, 1.5))
        painter.drawLine(QPointF(20, base), QPointF(self.width() - 20, base))
        metrics = painter.fontMetrics()
        width = (self.width() - 60) / max(1, len(self.sessions))
        for n, session in enumerate(self.sessions):
            x = self._x(n)
            painter.setPen(QPen(text, 1))
            painter.drawLine(QPointF(x, base - 3), QPointF(x, base + 3))
            label = metrics.elidedText(session.title, Qt.TextElideMode.ElideRight, int(width) - 6)
            painter.drawText(
                QRectF(x - width / 2, base + 5, width, 16), Qt.AlignmentFlag.AlignCenter, label
            )
            painter.drawText(
                QRectF(x - width / 2, base + 21, width, 16),
                Qt.AlignmentFlag.AlignCenter,
                f"{session.date:%d %b}",
            )
        for index, (point, outcome) in enumerate(self.dots()):
            painter.setPen(QPen(QColor("white"), 1))
            painter.setBrush(QColor(COLOURS[outcome.type]))
            painter.drawEllipse(point, DOT, DOT)
            if index == self.current:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(self.palette().highlight().color(), 3))
                painter.drawEllipse(point, DOT + 3, DOT + 3)
        x = 24
        for kind, colour in COLOURS.items():  # the legend
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QPointF(x, 12), 6, 6)
            painter.setPen(text)
            painter.drawText(QPointF(x + 10, 17), kind.label)
            x += 24 + metrics.horizontalAdvance(kind.label)

    def _at(self, pos: QPointF) -> int:
        for index, (point, _o) in enumerate(self.dots()):
            if (point - pos).manhattanLength() <= DOT * 1.5:
                return index
        return -1

    def mouseMoveEvent(self, event) -> None:
        index = self._at(event.position())
        if index >= 0:
            o = self.outcomes[index]
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{o.type.label}, {o.observed_on:%d %b %Y}: {o.text}",
                self,
            )

    def mousePressEvent(self, event) -> None:
        index = self._at(event.position())
        if index >= 0:
            self.current = index
            self.update()
            self.outcome_chosen.emit(self.outcomes[index].id)

    def keyPressEvent(self, event) -> None:
        if not self.outcomes:
            return super().keyPressEvent(event)
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Down):
            step = -1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
            self.current = max(0, min(len(self.outcomes) - 1, self.current + step))
            o = self.outcomes[self.current]
            self.setAccessibleDescription(f"{o.type.label}, {o.observed_on:%d %b %Y}: {o.text}")
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current >= 0:
            self.outcome_chosen.emit(self.outcomes[self.current].id)
        else:
            super().keyPressEvent(event)
