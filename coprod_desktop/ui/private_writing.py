"""Private writing: a full-screen page a participant types into without seeing the board or
anyone's notes. Each note goes straight onto the board, unattributed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from coprod_desktop.domain.words import counted

from .dialog import Dialog


class PrivateWritingDialog(Dialog):
    def __init__(self, add: Callable[[str], bool], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Private writing"))
        self._add = add
        self.added = 0
        heading = QLabel(self.tr("Write your idea. Nobody else's notes are shown here."))
        font = QFont(heading.font())
        font.setPointSize(20)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Your note"))
        big = QFont(self.text.font())
        big.setPointSize(22)
        self.text.setFont(big)
        self.status = QLabel()
        self.add_button = add_button = QPushButton(self.tr("Add my note (Ctrl+Enter)"))
        add_button.clicked.connect(self.add_note)
        done = QPushButton(self.tr("Done"))
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(add_button)
        buttons.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.text.setFocus()

    def primary_button(self):
        return self.add_button  # Enter starts a new line in the box; Ctrl+Enter adds (Dialog)

    def add_note(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            return
        if self._add(text):
            self.added += 1
            self.text.clear()
            self.status.setText(
                self.tr("Thank you: {0} added to the board.").format(
                    counted(self.added, self.tr("note"), self.tr("notes")))
            )
        else:
            self.status.setText(
                self.tr("That note could not be added; please tell the facilitator.")
            )
        self.text.setFocus()
