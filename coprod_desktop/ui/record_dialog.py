"""Base for add/edit dialogs: OK saves through a callback; a refusal is shown inline and the
dialog stays open with everything the user typed. The refusal goes once the rule it states
no longer applies (or, for a refusal no rule repeats, at the next edit)."""

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

from .date_field import check_dates
from .dialog import Dialog
from .refusal import Refusal, rule_problem
from .widgets import error_label


class RecordDialog(Dialog):
    def __init__(self, title: str, on_save: Callable[[Any], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_save = on_save
        self.saved: Any = None
        self.form = QFormLayout()
        self.error = error_label("dialogError")
        self.refusal = Refusal(self.error, self, lambda: rule_problem(self.record))
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
        self.refusal.show(message)

    def _save(self) -> None:
        if not check_dates(self):  # the message is under the date field itself
            return
        try:
            self.saved = self._on_save(self.record())
        except (ValidationError, ProjectError) as exc:
            self.show_error(str(exc))
            return
        self.accept()
