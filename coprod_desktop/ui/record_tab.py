"""The one way records are listed: a filterable table of one kind of record with Add, Edit
and Delete, each change undoable. The Sessions and Participants pages are record tabs; the
Risks page holds one for each of risks, barriers, outcomes and measures.

A tab names its kind in `noun` (also the kind its service undoes and the change notice it
listens for), gives its columns as a ListTableModel, and implements service(), make_dialog(),
describe() and label(); store(), remove_record(), draft() and load() default to the
service's save(), delete(), draft() and list()."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
)

from .messages import guard
from .models import ListTableModel, TableFilter
from .project_page import ProjectPage
from .undo_commands import Undo
from .widgets import RecordTable, fit_placeholder

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class RecordTab(ProjectPage):
    noun = "record"
    free_column: int | None = None  # the column of free text that takes the width left over

    def __init__(self, project: Project, title: str, model: ListTableModel,
                 undo_stack: QUndoStack, parent=None):  # fmt: skip
        super().__init__(project, parent)
        self.undo_stack = undo_stack
        self.model = model
        self.proxy = TableFilter(self)

        self.heading = QLabel(f"<h2>{title}</h2>")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setAccessibleName(self.tr("Filter {0}").format(title.lower()))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.filter.setToolTip(self.tr("Show only rows containing this text"))
        fit_placeholder(self.filter)

        self.add_action = QAction(self.tr("&Add {0}…").format(self.noun), self)
        self.add_action.triggered.connect(self.add)
        self.edit_action = QAction(self.tr("&Edit {0}…").format(self.noun), self)
        self.edit_action.triggered.connect(self.edit_current)
        self.delete_action = QAction(self.tr("&Delete {0}").format(self.noun), self)
        self.delete_action.triggered.connect(self.delete_current)

        bar = self.commands = QHBoxLayout()  # a tab may add its own commands at the end
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(self.filter)
        for action in (self.add_action, self.edit_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)

        self.table = RecordTable(model, self.proxy, title, free=self.free_column)
        # Activation is a double-click (or a single click, where the platform says so) and
        # Enter: one signal, so a double-click opens the dialog once.
        self.table.activated.connect(lambda _index: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self._update_actions()

    # to override -------------------------------------------------------------------
    def service(self) -> Any:
        """The project's service for these records: replaced() and put_back() undo changes
        of the kind `noun`; by default it also lists, drafts, saves and deletes them."""
        raise NotImplementedError

    def load(self) -> list[Any]:
        return self.service().list()

    def draft(self) -> Any:
        return self.service().draft()

    def store(self, record: Any) -> Any:
        """Save a new or changed record; returns it as stored."""
        return self.service().save(record)

    def remove_record(self, record_id: str) -> None:
        self.service().delete(record_id)

    def make_dialog(self, record: Any, save: Callable[[Any], Any], is_new: bool) -> QDialog:
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        raise NotImplementedError

    def label(self, record: Any) -> str:
        """How a record is named in undo history, e.g. 'participant P-07'."""
        raise NotImplementedError

    def empty_text(self) -> str:
        return ""

    def show_current(self, record: Any | None) -> None:
        """Show the selected record in full beside the table, for tabs with room for it."""

    # shared ------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.current()
        self.model.set_items(self.load())
        if selected is not None:
            self.select_id(selected.id)
        self.empty.setText(self.empty_text() if self.model.rowCount() == 0 else "")
        self.empty.setVisible(self.model.rowCount() == 0)
        self._selection_changed()

    def current(self) -> Any | None:
        return self.table.current()

    def select_id(self, record_id: str) -> None:
        self.table.select_id(record_id)

    def open_dialog(self, before: Any | None) -> None:
        """Add (before is None) or edit; the dialog saves, and the change joins the undo stack."""
        service = self.service()

        def save(record: Any) -> Any:
            replaced = service.replaced(self.noun, record.id)
            saved = self.store(record)
            verb = "Edit" if before is not None else "Add"
            self.undo_stack.push(Undo.put_back(f"{verb} {self.label(saved)}", service, replaced))
            return saved

        dialog = self.make_dialog(before or self.draft(), save, before is None)
        if dialog.exec():
            self.refresh()
            self.select_id(dialog.saved.id)

    def remove(self, record: Any) -> None:
        service = self.service()
        replaced = service.replaced(self.noun, record.id)
        self.remove_record(record.id)
        self.undo_stack.push(Undo.put_back(f"Delete {self.label(record)}", service, replaced))

    def add(self) -> None:
        self.open_dialog(None)

    def edit_current(self) -> None:
        record = self.current()
        if record is not None:
            self.open_dialog(record)

    def delete_current(self) -> None:
        record = self.current()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete {0}").format(self.noun),
            self.tr("Delete {0}? You can undo this with {1}.").format(
                self.describe(record),
                QKeySequence(QKeySequence.StandardKey.Undo).toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with guard(self, self.tr("Could not delete")):
            self.remove(record)
        self.refresh()

    def _selection_changed(self, *_args) -> None:
        self._update_actions()
        self.show_current(self.current())

    def _update_actions(self, *_args) -> None:
        has_selection = self.current() is not None
        self.edit_action.setEnabled(has_selection)
        self.delete_action.setEnabled(has_selection)
