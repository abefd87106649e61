"""Preferences: auto-lock time and the facilitator name written to the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from .dialog import Dialog
from .settings import AppSettings


class PreferencesDialog(Dialog):
    def __init__(self, settings: AppSettings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.auto_lock.setValue(settings.auto_lock_minutes())
        self.auto_lock.setAccessibleName(self.tr("Lock the project after this long unused"))
        self.facilitator = QLineEdit(settings.facilitator_name())
        self.facilitator.setPlaceholderText(
            self.tr("Your name, as it should appear in the audit log")
        )
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Lock when unused for:"), self.auto_lock)
        form.addRow(self.tr("&Facilitator name:"), self.facilitator)
        hint = QLabel(self.tr("Left empty, your computer login name is used."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        self._settings.set_auto_lock_minutes(self.auto_lock.value())
        self._settings.set_facilitator_name(self.facilitator.text())
        super().accept()
