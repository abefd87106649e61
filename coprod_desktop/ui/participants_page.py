"""The Participants page: pseudonyms first; real names only when "Show real names" is on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QToolButton

from coprod_desktop.domain.participants import Participant

from .models import NAME_COLUMNS, participants_model
from .own_copy_action import OwnCopyAction
from .participant_dialog import ParticipantDialog
from .record_tab import RecordTab
from .tasks import TaskRunner

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class ParticipantsPage(RecordTab):
    LISTENS = frozenset({"participant", "session"})
    noun = "participant"
    own_copy: OwnCopyAction | None = None

    def __init__(self, project: Project, undo_stack: QUndoStack, runner: TaskRunner,
                 parent=None):  # fmt: skip
        super().__init__(project, "Participants", participants_model(), undo_stack, parent)
        self.model.setParent(self)
        self.own_copy = OwnCopyAction(self, project, runner, self.current)
        button = QToolButton()
        button.setDefaultAction(self.own_copy.action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.commands.addWidget(button)
        self.set_show_names(False)

    def _update_actions(self, *args) -> None:
        super()._update_actions(*args)
        if self.own_copy is not None:
            self.own_copy.update()

    def set_show_names(self, show: bool) -> None:
        for column in NAME_COLUMNS:
            self.table.setColumnHidden(column, not show)
        # Filtering searches what is shown: it must not reveal hidden names by matching them.
        columns = set(range(self.model.columnCount()))
        self.proxy.set_searched_columns(columns if show else columns - set(NAME_COLUMNS))
        self.table.columns.refit()

    def service(self):
        return self.project.participants

    def empty_text(self) -> str:
        return self.tr("No participants yet. Add one with “Add participant…” (Ctrl+Shift+N).")

    def describe(self, record: Participant) -> str:
        return f"participant {record.pseudonym}"

    def label(self, record: Participant) -> str:
        return f"participant {record.pseudonym}"

    def make_dialog(self, record: Participant, save, is_new: bool) -> ParticipantDialog:
        return ParticipantDialog(record, save, is_new=is_new, parent=self)
