"""Safeguarding, for facilitators only: the safeguarding log (each concern, its lead, the
action taken, follow-ups and closure; overdue follow-ups first and in bold) with its
password-protected report, and signposting (the services people can be pointed to) printed
as wallet cards or a poster. Both lists are record tabs (safeguarding_tabs.py): Add
(Ctrl+Shift+N), Edit (F2 or Enter) and Delete act on the tab on show, and every change can be
undone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from .messages import guard
from .project_page import ProjectPage
from .record_tab import RecordTab
from .safeguarding_tabs import ConcernsTab, SignpostingTab
from .tasks import TaskRunner

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class SafeguardingPage(ProjectPage):
    LISTENS = frozenset({"safeguarding_concern", "signpost", "session", "participant"})

    def __init__(self, project: Project, undo_stack: QUndoStack, runner: TaskRunner,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(project, parent)
        self.concerns = ConcernsTab(project, undo_stack, runner)
        self.signposting = SignpostingTab(project, undo_stack, runner)
        self.add_action = QAction(self.tr("&Add…"), self)
        self.add_action.triggered.connect(lambda: self._on_tab("add_action"))
        self.edit_action = QAction(self.tr("&Edit…"), self)
        self.edit_action.triggered.connect(lambda: self._on_tab("edit_action"))
        self.delete_action = QAction(self.tr("&Delete"), self)
        self.delete_action.triggered.connect(lambda: self._on_tab("delete_action"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.concerns, self.tr("&Concerns"))
        self.tabs.addTab(self.signposting, self.tr("&Signposting"))
        self.tabs.currentChanged.connect(self._name_actions)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Safeguarding</h2>")))
        layout.addWidget(self.tabs, 1)
        self._name_actions()

    def refresh(self) -> None:
        with guard(self, self.tr("Safeguarding")):
            self.concerns.refresh()
            self.signposting.refresh()

    def _tab(self) -> RecordTab:
        return self.concerns if self.tabs.currentIndex() == 0 else self.signposting

    def _name_actions(self) -> None:
        tab = self._tab()
        for name in ("add_action", "edit_action", "delete_action"):
            getattr(self, name).setText(getattr(tab, name).text())

    def _on_tab(self, action: str) -> None:
        getattr(self._tab(), action).trigger()
