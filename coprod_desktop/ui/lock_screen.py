"""What a locked project shows: nothing of the project but its file name and a passphrase box."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .passphrase_field import PassphraseField
from .widgets import centred, error_label


class LockScreen(QWidget):
    unlock_requested = Signal(str)
    close_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(self.tr("<h2>Project locked</h2>"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel()
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setWordWrap(True)
        self.passphrase = PassphraseField(self.tr("Passphrase to unlock"))
        self.passphrase.edit.returnPressed.connect(self._unlock)
        self.passphrase.edit.textEdited.connect(lambda _t: self.error.hide())  # retyping
        self.error = error_label("lockError")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.close_button = QPushButton(self.tr("&Close project"))
        self.close_button.clicked.connect(self.close_requested)

        box = QWidget()
        box.setFixedWidth(440)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.passphrase.edit)
        inner.addWidget(label)
        inner.addWidget(self.passphrase)
        inner.addWidget(self.error)
        inner.addWidget(self.progress)
        inner.addWidget(self.unlock_button)
        inner.addWidget(self.close_button)
        centred(box, self)

    def show_locked(self, path: Path) -> None:
        self.explanation.setText(
            self.tr(
                "{0} is locked. Its contents stay hidden and encrypted until its passphrase "
                "is typed."
            ).format(path.name)
        )
        self.passphrase.clear()
        self.error.hide()
        self.set_busy(False)
        self.passphrase.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (self.passphrase, self.unlock_button, self.close_button):
            widget.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()
        self.passphrase.edit.selectAll()
        self.passphrase.setFocus()

    def _unlock(self) -> None:
        if not self.passphrase.text():
            self.show_error(self.tr("Type the project's passphrase."))
            return
        self.error.hide()
        self.set_busy(True)
        self.unlock_requested.emit(self.passphrase.text())
