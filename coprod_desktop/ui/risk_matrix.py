"""The risk matrix: likelihood up, impact across, each cell coloured by its band and showing
how many open or mitigated risks sit there. Arrow keys move, Enter (or a click) shows only
that cell's risks, Escape shows all again."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from coprod_desktop.domain.risks import Risk, RiskStatus, level
from coprod_desktop.domain.words import counted

BANDS = {"low": "#c8e6c9", "medium": "#fff59d", "high": "#ffcc80", "very high": "#ef9a9a"}
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 46, 36, 8


class RiskMatrix(QWidget):
    cell_chosen = Signal(int, int)  # likelihood, impact; (0, 0) to show every risk

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: Counter = Counter()
        self.current = (3, 3)  # the cell with keyboard focus
        self.chosen: tuple[int, int] | None = None  # the cell shown in the table
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Risk matrix"))
        self.setMinimumSize(260, 260)

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def set_risks(self, risks: list[Risk]) -> None:
        self.counts = Counter(
            (r.likelihood, r.impact) for r in risks if r.status is not RiskStatus.CLOSED
        )
        self._describe()
        self.update()

    def _risks(self, n: int) -> str:
        return counted(n, self.tr("risk"), self.tr("risks"))

    def _describe(self) -> None:
        li, i = self.current
        self.setAccessibleDescription(
            self.tr(
                "Likelihood {0}, impact {1} ({2}): {3}. {4} open or mitigated in all."
            ).format(li, i, level(li * i), self._risks(self.counts.get((li, i), 0)),
                     self._risks(sum(self.counts.values())))
        )

    # geometry --------------------------------------------------------------------------------
    def _cell_size(self) -> float:
        return max(
            10.0,
            min(self.width() - MARGIN_LEFT - 6, self.height() - MARGIN_BOTTOM - MARGIN_TOP) / 5,
        )

    def cell_rect(self, likelihood: int, impact: int) -> QRectF:
        size = self._cell_size()
        return QRectF(
            MARGIN_LEFT + (impact - 1) * size, MARGIN_TOP + (5 - likelihood) * size, size, size
        )

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        size = self._cell_size()
        impact = int((x - MARGIN_LEFT) // size) + 1
        likelihood = 5 - int((y - MARGIN_TOP) // size)
        if 1 <= impact <= 5 and 1 <= likelihood <= 5 and x >= MARGIN_LEFT and y >= MARGIN_TOP:
            return likelihood, impact
        return None

    # painting ------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(self.font().pointSizeF() * 1.3)
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                rect = self.cell_rect(likelihood, impact)
                painter.fillRect(rect, QColor(BANDS[level(likelihood * impact)]))
                painter.setPen(QPen(QColor("white"), 2))
                painter.drawRect(rect)
                n = self.counts.get((likelihood, impact), 0)
                if n:
                    painter.setPen(QColor("black"))
                    painter.setFont(bold)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(n))
        painter.setFont(self.font())
        painter.setPen(self.palette().windowText().color())
        size = self._cell_size()
        for n in range(1, 6):
            painter.drawText(
                QRectF(MARGIN_LEFT - 20, self.cell_rect(n, 1).top(), 16, size),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
            painter.drawText(
                QRectF(self.cell_rect(1, n).left(), MARGIN_TOP + 5 * size + 2, size, 16),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
        painter.drawText(
            QRectF(MARGIN_LEFT, MARGIN_TOP + 5 * size + 17, 5 * size, 16),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("Impact →"),
        )
        painter.save()
        painter.translate(12, MARGIN_TOP + 5 * size / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-60, -10, 120, 20), Qt.AlignmentFlag.AlignCenter, self.tr("Likelihood →")
        )
        painter.restore()
        if self.chosen is not None:
            painter.setPen(QPen(QColor("#1a237e"), 4))
            painter.drawRect(self.cell_rect(*self.chosen).adjusted(2, 2, -2, -2))
        if self.hasFocus():
            pen = QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(*self.current).adjusted(5, 5, -5, -5))

    # input ---------------------------------------------------------------------------------
    def choose(self, cell: tuple[int, int] | None) -> None:
        self.chosen = cell
        self.update()
        self.cell_chosen.emit(*(cell or (0, 0)))

    def keyPressEvent(self, event) -> None:
        li, i = self.current
        moves = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }
        key = event.key()
        if key in moves:
            dl, di = moves[key]
            self.current = (min(5, max(1, li + dl)), min(5, max(1, i + di)))
            self._describe()
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.choose(None if self.chosen == self.current else self.current)
        elif key == Qt.Key.Key_Escape and self.chosen is not None:
            self.choose(None)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None:
            self.current = cell
            self.choose(None if self.chosen == cell else cell)

    def mouseMoveEvent(self, event) -> None:
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None:
            li, i = cell
            QToolTip.showText(
                event.globalPosition().toPoint(),
                self.tr("Likelihood {0} × impact {1} = {2} ({3}): {4}").format(
                    li, i, li * i, level(li * i), self._risks(self.counts.get(cell, 0))
                ),
                self,
            )
