"""The Participants page: pseudonyms first; real names only when "Show real names" is on."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from coprod_desktop.domain.participants import Participant

from .models import NAME_COLUMNS, participants_model
from .participant_dialog import ParticipantDialog
from .record_page import RecordPage
from .undo_commands import DeleteRecord, SaveRecord


class ParticipantsPage(RecordPage):
    noun = "participant"

    def __init__(self, undo_stack: QUndoStack, parent=None):
        super().__init__("Participants", participants_model(), undo_stack, parent)
        self.model.setParent(self)
        self.set_show_names(False)

    def set_show_names(self, show: bool) -> None:
        for column in NAME_COLUMNS:
            self.table.setColumnHidden(column, not show)
        # Filtering must not reveal hidden names by matching on them.
        self.proxy.setFilterKeyColumn(-1 if show else 0)

    def load(self) -> list[Participant]:
        return self.project.participants.list()

    def empty_text(self) -> str:
        return self.tr("No participants yet. Add one with “Add participant…” (Ctrl+Shift+N).")

    def describe(self, record: Participant) -> str:
        return f"participant {record.pseudonym}"

    def open_dialog(self, record: Participant | None) -> None:
        service = self.project.participants
        before = record

        def save(participant: Participant) -> Participant:
            saved = service.save(participant)
            label = f"{'Edit' if before else 'Add'} participant {saved.pseudonym}"
            self.undo_stack.push(SaveRecord(service, before, saved, label))
            return saved

        dialog = ParticipantDialog(
            record or service.draft(), save, is_new=record is None, parent=self
        )
        if dialog.exec():
            self.refresh()
            self.select_id(dialog.saved.id)

    def remove(self, record: Participant) -> None:
        service = self.project.participants
        removed = service.delete(record.id)
        self.undo_stack.push(
            DeleteRecord(service, record.id, removed, f"Delete participant {record.pseudonym}")
        )
