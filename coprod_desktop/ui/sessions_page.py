"""The Sessions page: every workshop session in the project."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from coprod_desktop.domain.sessions import Session

from .models import sessions_model
from .record_page import RecordPage
from .session_dialog import SessionDialog
from .undo_commands import DeleteRecord, SaveRecord


class SessionsPage(RecordPage):
    noun = "session"

    def __init__(self, undo_stack: QUndoStack, show_names=lambda: False, parent=None):
        super().__init__("Sessions", sessions_model(), undo_stack, parent)
        self._show_names = show_names
        self.model.setParent(self)

    def load(self) -> list[Session]:
        return self.project.sessions.list()

    def empty_text(self) -> str:
        return self.tr("No sessions yet. Add one with “Add session…” (Ctrl+Shift+N).")

    def describe(self, record: Session) -> str:
        return f"the session “{record.title}” ({record.date:%d %b %Y})"

    def open_dialog(self, record: Session | None) -> None:
        service = self.project.sessions
        before = record

        def save(session: Session) -> Session:
            saved = service.save(session)
            label = f"{'Edit' if before else 'Add'} session “{saved.title}”"
            self.undo_stack.push(SaveRecord(service, before, saved, label))
            return saved

        dialog = SessionDialog(
            record or service.draft(),
            self.project.participants.list(),
            save,
            show_names=self._show_names(),
            is_new=record is None,
            parent=self,
        )
        if dialog.exec():
            self.refresh()
            self.select_id(dialog.saved.id)

    def remove(self, record: Session) -> None:
        service = self.project.sessions
        removed = service.delete(record.id)
        self.undo_stack.push(
            DeleteRecord(service, record.id, removed, f"Delete session “{record.title}”")
        )
