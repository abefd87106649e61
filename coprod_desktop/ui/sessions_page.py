"""The Sessions page: every workshop session in the project, and the getting-started list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack

from coprod_desktop.domain.sessions import Session

from .first_steps_panel import FirstStepsPanel
from .models import sessions_model
from .record_tab import RecordTab
from .session_dialog import SessionDialog

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class SessionsPage(RecordTab):
    LISTENS = frozenset({"session", "participant"})
    noun = "session"
    free_column = 1  # the title
    step_chosen = Signal(str)  # a getting-started step's key
    hide_first_steps = Signal()

    def __init__(self, project: Project, undo_stack: QUndoStack, show_names: Callable[[], bool],
                 first_steps_hidden: Callable[[], bool] = lambda: False,
                 parent=None):  # fmt: skip
        super().__init__(project, "Sessions", sessions_model(), undo_stack, parent)
        self._show_names = show_names
        self._first_steps_hidden = first_steps_hidden
        self.model.setParent(self)
        self.first_steps = FirstStepsPanel(project.first_steps)
        self.first_steps.step_chosen.connect(self.step_chosen)
        self.first_steps.hide_requested.connect(self.hide_first_steps)
        self.layout().insertWidget(1, self.first_steps)

    def refresh(self) -> None:
        super().refresh()
        self.first_steps.update_steps()
        self.first_steps.setVisible(not (self._first_steps_hidden() or self.first_steps.finished))

    def service(self):
        return self.project.sessions

    def empty_text(self) -> str:
        return self.tr("No sessions yet. Add one with “Add session…” (Ctrl+Shift+N).")

    def describe(self, record: Session) -> str:
        return f"the session “{record.title}” ({record.date:%d %b %Y})"

    def label(self, record: Session) -> str:
        return f"session “{record.title}”"

    def make_dialog(self, record: Session, save, is_new: bool) -> SessionDialog:
        return SessionDialog(
            record,
            self.project.participants.list(),
            save,
            show_names=self._show_names(),
            is_new=is_new,
            parent=self,
        )
