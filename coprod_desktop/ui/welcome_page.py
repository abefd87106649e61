"""Shown when no project is open: create, open, or pick a recent project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .widgets import centred


class WelcomePage(QWidget):
    new_requested = Signal()
    demo_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent=None):
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "<h1>coprod_desktop</h1><p>Consent, radio-lab audio, sticky-note boards and "
                "anonymised packs for partner organisations — in one encrypted project file "
                "that never leaves this laptop unless you export it.</p>"
            )
        )
        intro.setWordWrap(True)
        new_button = QPushButton(self.tr("&New project…"))
        new_button.clicked.connect(self.new_requested)
        open_button = QPushButton(self.tr("&Open project…"))
        open_button.clicked.connect(self.open_requested)
        demo_button = QPushButton(self.tr("Try the &demo project"))
        demo_button.setToolTip(self.tr("A project full of made-up people, notes and clips to "
                                       "look around in"))  # fmt: skip
        demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addWidget(demo_button)
        buttons.addStretch(1)
        self.recent_label = QLabel(self.tr("<b>Recent projects</b>"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent projects"))
        self.recent.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.recent.setMaximumHeight(220)
        box = QWidget()
        box.setFixedWidth(600)
        inner = QVBoxLayout(box)
        inner.addWidget(intro)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        inner.addSpacing(12)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent)
        centred(box, self)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
