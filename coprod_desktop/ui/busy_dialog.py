"""A dialog whose OK runs slow work (key derivation) in the background and shows why it
failed inline, keeping what the user typed; the message goes at the user's next edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from .dialog import Dialog
from .messages import user_message
from .refusal import Refusal
from .tasks import Operation, TaskRunner
from .widgets import error_label


class BusyDialog(Dialog):
    def __init__(self, title: str, ok_text: str, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._runner = runner
        self._working = Operation(self, runner)  # no project yet: it is being opened
        self.result_value: Any = None
        self.log_path = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.error = error_label("dialogError")
        self.refusal = Refusal(self.error, self)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def primary_button(self):
        return self.ok_button

    def work(self) -> Callable[[], Any] | None:
        """Check the fields; return the slow job to run, or None after calling show_error."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.refusal.show(message)

    def _start(self) -> None:
        self.error.hide()
        job = self.work()
        if job is None:
            return
        self._set_busy(True)
        self._working.start(lambda _job: job(), self._succeeded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.buttons.setEnabled(not busy)
        for i in range(self.form.rowCount()):
            item = self.form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item and item.widget():
                item.widget().setEnabled(not busy)

    def _succeeded(self, value: Any) -> None:
        self._set_busy(False)
        self.result_value = value
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_error(user_message(exc, self.log_path))
        self.retry_focus()

    def retry_focus(self) -> None:
        pass

    def reject(self) -> None:
        if self._working.running and self.progress.isVisible():
            return  # cannot cancel key derivation half-way; it finishes in a moment
        super().reject()
