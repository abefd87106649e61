"""Who is speaking or in earshot of a recording: a list of every participant to tick, each
marked when they have not agreed to be recorded (the reason in a tooltip). The radio lab's
recorder and a programme's studio link ask the same question the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from .widgets import ERROR_COLOUR

PSEUDONYM_ROLE = Qt.ItemDataRole.UserRole + 1


class EarshotList(QListWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Speaking or in earshot"))

    def fill(self, project) -> None:
        """Everyone in the project, unticked unless ticked before; no itemChanged signals."""
        ticked = set(self.ticked())
        self.blockSignals(True)
        self.clear()
        people = project.participants.list()
        refused = project.radio.audio_refusals(p.id for p in people)
        for person in people:
            refusal = refused.get(person.id)
            item = QListWidgetItem(person.pseudonym + (self.tr("  — no audio consent")
                                                       if refusal else ""))  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setData(PSEUDONYM_ROLE, person.pseudonym)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in ticked
                               else Qt.CheckState.Unchecked)  # fmt: skip
            if refusal:
                item.setToolTip(refusal)
                item.setForeground(QBrush(QColor(ERROR_COLOUR)))
            self.addItem(item)
        self.blockSignals(False)

    def ticked(self) -> list[str]:
        """The ids of everyone ticked, shown or not."""
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
