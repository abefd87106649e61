"""A navigation entry for a part of the app that a later version adds; it says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, purpose: str, parent=None):
        super().__init__(parent)
        label = QLabel(
            self.tr(
                "<h2>{0}</h2><p>{1}</p><p><i>Not available in this version of "
                "coprod_desktop yet.</i></p>"
            ).format(title, purpose)
        )
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addStretch(1)
