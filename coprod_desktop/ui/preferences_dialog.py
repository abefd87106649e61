"""Preferences: auto-lock time, the facilitator name written to the audit log, and the speech
model an organisation installed for aligning and drafting transcripts (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from .dialog import Dialog
from .settings import AppSettings
from .widgets import error_label


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
        self.speech_model = QLineEdit(settings.speech_model())
        self.speech_model.setPlaceholderText(self.tr("Built-in English engine"))
        self.speech_model.setAccessibleName(self.tr("Speech model file"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.speech_model.clear)
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
        model = QHBoxLayout()
        model.addWidget(self.speech_model, 1)
        model.addWidget(self.browse_button)
        model.addWidget(self.clear_button)
        label = QLabel(self.tr("&Speech model file:"))
        label.setBuddy(self.speech_model)  # a row of a layout gets no buddy by itself
        form.addRow(label, model)
        self.model_error = error_label("speechModelError")
        form.addRow("", self.model_error)
        self.speech_model.textEdited.connect(lambda _t: self.model_error.hide())
        model_hint = QLabel(self.tr(
            "For aligning and drafting transcripts in the Radio lab: a whisper.cpp or "
            "faster-whisper model your organisation installed. Leave empty to use the built-in "
            "English engine. Nothing is ever downloaded."))  # fmt: skip
        model_hint.setWordWrap(True)
        form.addRow("", model_hint)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def browse(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Speech model file"), self.speech_model.text(),
            self.tr("Speech models (*.bin *.gguf *.ggml *.pt *.model);;All files (*)"))  # fmt: skip
        if path:
            self.speech_model.setText(path)

    def accept(self) -> None:
        model = self.speech_model.text().strip()
        if model and not Path(model).exists():
            self.model_error.setText(self.tr("There is no file or folder {0}. Choose the model "
                                             "with Browse…, or Clear to use the built-in "
                                             "engine.").format(model))  # fmt: skip
            self.model_error.show()
            self.speech_model.setFocus()
            return
        self._settings.set_auto_lock_minutes(self.auto_lock.value())
        self._settings.set_facilitator_name(self.facilitator.text())
        self._settings.set_speech_model(self.speech_model.text())
        super().accept()
