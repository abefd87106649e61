"""Edit the consent form. Saving makes a new version; earlier records keep theirs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from coprod_desktop.domain.consent import ConsentForm, ConsentItem, key_for
from coprod_desktop.domain.errors import ProjectError, ValidationError

from .dialog import Dialog
from .refusal import Refusal, rule_problem
from .widgets import error_label, fit_columns

KEY_ROLE = Qt.ItemDataRole.UserRole


class FormEditorDialog(Dialog):
    def __init__(self, form: ConsentForm, save: Callable[[ConsentForm], ConsentForm],
                 parent=None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit consent form"))
        self._form, self._save = form, save
        self.saved: ConsentForm | None = None
        note = QLabel(
            self.tr(
                "Saving creates version {0}. People who already gave consent keep the version they "
                "saw; ask them again if the change matters to them."
            ).format(form.version + 1)
        )
        note.setWordWrap(True)
        self.title = QLineEdit(form.title)
        self.information = QPlainTextEdit(form.information)
        self.information.setTabChangesFocus(True)
        self.partners = QPlainTextEdit("\n".join(form.partners))
        self.partners.setTabChangesFocus(True)
        self.partners.setMaximumHeight(90)
        self.items = QTableWidget(0, 2)
        self.items.setHorizontalHeaderLabels([self.tr("Wording"), self.tr("Needed to take part")])
        fit_columns(self.items, 0)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setAccessibleName(self.tr("Consent items"))
        for item in form.items:
            self._add_row(item)
        add = QPushButton(self.tr("&Add item"))
        add.clicked.connect(self._add_new)
        remove = QPushButton(self.tr("&Remove item"))
        remove.clicked.connect(self._remove)
        up = QPushButton(self.tr("Move &up"))
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton(self.tr("Move &down"))
        down.clicked.connect(lambda: self._move(+1))
        item_buttons = QHBoxLayout()
        for button in (add, remove, up, down):
            item_buttons.addWidget(button)
        item_buttons.addStretch(1)
        self.error = error_label("formError")
        self.refusal = Refusal(self.error, self, lambda: rule_problem(self.edited_form))
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self._save_clicked)
        buttons.rejected.connect(self.reject)
        form_layout = QFormLayout()
        form_layout.addRow(self.tr("&Title:"), self.title)
        form_layout.addRow(self.tr("&Information:"), self.information)
        form_layout.addRow(self.tr("&Partners (one a line):"), self.partners)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form_layout)
        layout.addWidget(self.items, 1)
        layout.addLayout(item_buttons)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _add_row(self, item: ConsentItem) -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        wording = QTableWidgetItem(item.wording)
        wording.setData(KEY_ROLE, item.key)
        required = QTableWidgetItem()
        required.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)  # fmt: skip
        required.setCheckState(Qt.CheckState.Checked if item.required else Qt.CheckState.Unchecked)
        self.items.setItem(row, 0, wording)
        self.items.setItem(row, 1, required)

    def _add_new(self) -> None:
        self._add_row(ConsentItem("", self.tr("I agree that …")))
        row = self.items.rowCount() - 1
        self.items.setCurrentCell(row, 0)
        self.items.editItem(self.items.item(row, 0))

    def _remove(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.items.removeRow(row)

    def _move(self, step: int) -> None:
        row = self.items.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.items.rowCount():
            return
        for column in range(2):
            a, b = self.items.takeItem(row, column), self.items.takeItem(target, column)
            self.items.setItem(row, column, b)
            self.items.setItem(target, column, a)
        self.items.setCurrentCell(target, 0)

    def edited_form(self) -> ConsentForm:
        items: list[ConsentItem] = []
        taken = [self.items.item(r, 0).data(KEY_ROLE) or "" for r in range(self.items.rowCount())]
        for row in range(self.items.rowCount()):
            wording = self.items.item(row, 0).text()
            key = self.items.item(row, 0).data(KEY_ROLE) or key_for(wording, taken)
            taken.append(key)
            required = self.items.item(row, 1).checkState() == Qt.CheckState.Checked
            items.append(ConsentItem(key, wording, required))
        partners = tuple(line for line in self.partners.toPlainText().splitlines() if line.strip())
        return replace(self._form, title=self.title.text(),
                       information=self.information.toPlainText(), items=tuple(items),
                       partners=partners)  # fmt: skip

    def _save_clicked(self) -> None:
        try:
            self.saved = self._save(self.edited_form())
        except (ValidationError, ProjectError) as exc:
            self.refusal.show(str(exc))
            return
        self.accept()
