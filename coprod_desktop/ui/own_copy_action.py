"""“Their own copy (PDF)…”: for the participant selected on a page, ask where to save the copy
and whether to attach the sound of the clips they alone speak in, then make it in the
background (the whole project file is checked first). The Participants and Consent pages
each hold one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coprod_desktop.domain.participants import Participant

from .messages import report_failure
from .tasks import Operation, TaskRunner

if TYPE_CHECKING:
    from coprod_desktop.services.own_copy import OwnCopyResult
    from coprod_desktop.services.project import Project


class OwnCopyAction(QObject):
    def __init__(self, page: QWidget, project: Project, runner: TaskRunner,
                 current: Callable[[], Participant | None]):  # fmt: skip
        super().__init__(page)
        self._page, self._project, self._current = page, project, current
        self.action = QAction(self.tr("Their &own copy (PDF)…"), page)
        self.action.setToolTip(self.tr("A PDF for the selected person of everything they gave "
                                       "the project, under their pseudonym only"))  # fmt: skip
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.addAction(self.action)  # the key works wherever the focus is on the page
        self.action.triggered.connect(self.make)
        self._making = Operation(self, runner, project)
        self._making.progressed.connect(
            lambda _n, _total, text: self._status(self.tr("{0}…").format(text)))
        self.action.setEnabled(False)  # until the page says someone is selected (update)

    def update(self) -> None:
        self.action.setEnabled(self._current() is not None and not self._making.running)

    def make(self) -> None:
        person = self._current()
        if person is None:
            return
        suggested = self._project.path.parent / f"{person.pseudonym} own copy.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self._page, self.tr("Save {0}'s own copy").format(person.pseudonym),
            str(suggested), self.tr("PDF (*.pdf)"))  # fmt: skip
        if not path:
            return
        answer = QMessageBox.question(
            self._page, self.tr("Their own copy"),
            self.tr("Attach the sound of the clips {0} is the only speaker in? Clips with "
                    "anyone else in them are never attached.").format(person.pseudonym),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.No)  # fmt: skip
        if answer == QMessageBox.StandardButton.Cancel:
            return
        target, person_id = Path(path), person.id
        audio = answer == QMessageBox.StandardButton.Yes
        self._status(self.tr("Making the own copy for {0}…").format(person.pseudonym))

        def done(result: OwnCopyResult) -> None:
            self.update()
            self._status(self.tr("Saved {0}. The file is not encrypted: give it to {1} or keep "
                                 "it somewhere safe.").format(result.path, result.pseudonym),
                         12000)  # fmt: skip

        def failed(exc: BaseException) -> None:
            self.update()
            self._status("")
            report_failure(self._page, self.tr("Could not save the own copy"), exc)

        self._making.start(lambda job: job.project.own_copy.build(
            person_id, target, audio, lambda n, total, text: job.progress(n, total, text)),
            done, failed)  # fmt: skip
        self.update()

    def _status(self, text: str, timeout: int = 0) -> None:
        window = self._page.window()
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        if bar is not None and text:
            bar.showMessage(text, timeout)
        elif bar is not None:
            bar.clearMessage()
