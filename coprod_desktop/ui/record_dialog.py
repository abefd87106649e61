"""Base for add/edit dialogs: OK saves through a callback; a refusal is shown inline and the
dialog stays open with everything the user typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.errors import ProjectError, ValidationError

from .dialog import Dialog
from .widgets import error_label


class RecordDialog(Dialog):
    def __init__(self, title: str, on_save: Callable[[Any], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_save = on_save
        self.saved: Any = None
        self.form = QFormLayout()
        self.error = error_label("dialogError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def record(self) -> Any:
        """The domain object described by the fields."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _save(self) -> None:
        try:
            self.saved = self._on_save(self.record())
        except (ValidationError, ProjectError) as exc:
            self.show_error(str(exc))
            return
        self.accept()
