"""Dialogs to unlock an existing project and to create a new one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from coprod_desktop import PROJECT_SUFFIX
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.passphrase import check_new_passphrase

from .busy_dialog import BusyDialog
from .passphrase_field import PassphraseField
from .tasks import TaskRunner

FILE_FILTER = f"coprod projects (*{PROJECT_SUFFIX});;All files (*)"


class UnlockDialog(BusyDialog):
    """Ask for the passphrase of `path`; `opener(path, passphrase)` runs in the background."""

    def __init__(
        self, path: Path, opener: Callable[[Path, str], Any], runner: TaskRunner, parent=None
    ):
        super().__init__(self.tr("Open project"), self.tr("&Open"), runner, parent)
        self._path, self._opener = path, opener
        self.intro.setText(self.tr("Enter the passphrase for <b>{0}</b>.").format(path.name))
        self.passphrase = PassphraseField(self.tr("Passphrase"))
        self.form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.passphrase.setFocus()

    def work(self):
        passphrase = self.passphrase.text()
        if not passphrase:
            self.show_error(self.tr("Type the project's passphrase."))
            return None
        return lambda: self._opener(self._path, passphrase)

    def retry_focus(self) -> None:
        self.passphrase.edit.selectAll()
        self.passphrase.setFocus()


class NewProjectDialog(BusyDialog):
    """Name, location and passphrase of a new project; `creator(path, passphrase, name)`."""

    def __init__(
        self,
        creator: Callable[[Path, str, str], Any],
        runner: TaskRunner,
        default_dir: Path,
        parent=None,
    ):
        super().__init__(self.tr("New project"), self.tr("&Create"), runner, parent)
        self._creator = creator
        self.intro.setText(
            self.tr(
                "A project keeps one engagement's sessions, people, consent, notes and audio in "
                "one encrypted file. <b>There is no way to recover a forgotten passphrase</b>: "
                "write it down and keep it somewhere safe, away from the laptop."
            )
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Safer Streets 2026"))
        self.name.textEdited.connect(self._suggest_file)
        self.location = QLineEdit(str(default_dir / f"New project{PROJECT_SUFFIX}"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.location, 1)
        row_layout.addWidget(browse)
        self.passphrase = PassphraseField(self.tr("Passphrase"))
        self.confirm = PassphraseField(self.tr("Passphrase again"))
        self.form.addRow(self.tr("Project &name:"), self.name)
        self.form.addRow(self.tr("&Save as:"), row)
        self.form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.form.addRow(self.tr("&Again:"), self.confirm)
        self.name.setFocus()

    def _suggest_file(self, name: str) -> None:
        safe = "".join(c for c in name if c.isalnum() or c in " -_").strip() or "New project"
        self.location.setText(str(Path(self.location.text()).parent / f"{safe}{PROJECT_SUFFIX}"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save new project as"), self.location.text(), FILE_FILTER
        )
        if path:
            self.location.setText(path)

    def target(self) -> Path:
        path = Path(self.location.text().strip()).expanduser()
        return path if path.suffix == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)

    def work(self):
        name = self.name.text().strip()
        if not name:
            self.show_error(self.tr("Give the project a name."))
            return None
        if not self.location.text().strip():
            self.show_error(self.tr("Choose where to save the project."))
            return None
        path = self.target()
        try:
            check_new_passphrase(self.passphrase.text(), self.confirm.text())
        except ValidationError as exc:
            self.show_error(str(exc))
            return None
        if path.exists():
            self.show_error(
                self.tr("{0} already exists. Choose another name or folder.").format(path)
            )
            return None
        passphrase = self.passphrase.text()
        return lambda: self._creator(path, passphrase, name)
