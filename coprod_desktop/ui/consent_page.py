"""The Consent page: every participant's status for each item of the current form, each status
in its colour as well as its symbol and word, with a key; the pseudonyms stay in view when the
matrix scrolls sideways."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.consent import ConsentHistory, Status, item_label, item_status
from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.words import QT_TR_NOOP

from .consent_dialog import ConsentDialog
from .consent_history_dialog import ConsentHistoryDialog
from .form_editor_dialog import FormEditorDialog
from .messages import report_failure
from .models import ListTableModel, TableFilter
from .own_copy_action import OwnCopyAction
from .project_page import ProjectPage
from .read_aloud import ReadAloud
from .tasks import Operation, TaskRunner
from .widgets import RecordTable, fit_placeholder
from .withdrawal_dialog import WithdrawalDialog

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project

STATUS_TEXT = {
    Status.AGREED: "✓ Agreed",
    Status.DECLINED: "✗ Declined",
    Status.NOT_ASKED: "– Not asked",
    Status.WITHDRAWN: "⊘ Withdrawn",
}
STATUS_COLOURS = {  # (background, text): dark text on a pale ground, readable either way
    Status.AGREED: ("#dff2e0", "#1b5e20"),
    Status.DECLINED: ("#fbe0df", "#a4161a"),
    Status.NOT_ASKED: ("#fff2cc", "#5d4300"),
    Status.WITHDRAWN: ("#e4e4e4", "#303030"),
}
_STATUS_OF_TEXT = {text: status for status, text in STATUS_TEXT.items()}


class ConsentModel(ListTableModel):
    """The matrix: a status cell carries its colours too (never the colour alone: the symbol
    and the word stay)."""

    first_item = 0  # the column of the form's first item

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):  # fmt: skip
        roles = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
        if role in roles and index.isValid() and index.column() >= self.first_item:
            status = _STATUS_OF_TEXT.get(super().data(index, Qt.ItemDataRole.DisplayRole))
            if status is not None:
                colour = STATUS_COLOURS[status][roles.index(role)]
                return QBrush(QColor(colour))
        return super().data(index, role)


def _key_label(status: Status) -> QLabel:
    background, text = STATUS_COLOURS[status]
    label = QLabel(STATUS_TEXT[status])
    label.setStyleSheet(f"QLabel {{ background: {background}; color: {text}; "
                        "padding: 1px 6px; border-radius: 3px; }")  # fmt: skip
    return label


@dataclass(frozen=True)
class ConsentRow:
    participant: Participant
    history: ConsentHistory

    @property
    def id(self) -> str:
        return self.participant.id


class ConsentPage(ProjectPage):
    LISTENS = frozenset({"participant"})
    def __init__(self, project: Project, facilitator: Callable[[], str],
                 after_erasure: Callable[[], None], runner: TaskRunner,
                 parent=None):  # fmt: skip
        super().__init__(project, parent)
        self._copying = Operation(self, runner, project)  # checks the whole file first
        self._copying.progressed.connect(
            lambda _n, _total, text: self._status(self.tr("{0}…").format(text)))
        self._facilitator = facilitator
        self._after_erasure = after_erasure
        self._reader: ReadAloud | None = None
        self.model: ListTableModel[ConsentRow] = ConsentModel([], self)
        self.proxy = TableFilter(self)
        self.proxy.set_searched_columns({0})

        self.form_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by pseudonym…"))
        self.filter.setAccessibleName(self.tr("Filter by pseudonym"))
        self.filter.setClearButtonEnabled(True)
        fit_placeholder(self.filter)
        self.filter.textChanged.connect(self.proxy.set_text)

        def action(text: str, slot, shortcut=None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.record_action = action(self.tr("&Record consent…"), self.record_consent)
        self.history_action = action(self.tr("&History…"), self.show_history)
        self.withdraw_action = action(self.tr("&Withdraw…"), self.withdraw)
        self.copy_action = action(self.tr("Participant &copy (PDF)…"), self.participant_copy,
                                  "Ctrl+P")  # fmt: skip
        self.form_action = action(self.tr("Edit consent &form…"), self.edit_form)
        self.own_copy = OwnCopyAction(self, project, runner, self._current_person)
        # What the window's Add / Edit / Delete commands do on this page.
        self.add_action, self.edit_action, self.delete_action = (
            self.record_action,
            self.history_action,
            None,
        )

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("<h2>Consent</h2>")))
        bar.addStretch(1)
        bar.addWidget(self.filter)
        commands = QHBoxLayout()
        for act in (self.record_action, self.history_action, self.withdraw_action,
                    self.copy_action, self.own_copy.action, self.form_action):  # fmt: skip
            button = QToolButton()
            button.setDefaultAction(act)
            commands.addWidget(button)
        commands.addStretch(1)

        self.table = RecordTable(self.model, self.proxy,
                                 self.tr("Consent status of every participant"),
                                 freeze_first=True)  # fmt: skip
        self.table.activated.connect(lambda _i: self.record_consent())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

        self.key = QWidget()
        self.key.setAccessibleName(self.tr("Key to the statuses"))
        key = QHBoxLayout(self.key)
        key.setContentsMargins(0, 0, 0, 0)
        key.addWidget(QLabel(self.tr("Key:")))
        for status in (Status.AGREED, Status.DECLINED, Status.NOT_ASKED, Status.WITHDRAWN):
            key.addWidget(_key_label(status))
        about = QHBoxLayout()
        about.addWidget(self.form_label, 1)
        about.addWidget(self.key)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(commands)
        layout.addLayout(about)
        layout.addWidget(self.table, 1)
        self._update_actions()

    # data ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.current()
        form = self.project.consent.current_form()
        columns = [
            (QT_TR_NOOP("Pseudonym"), lambda r: r.participant.pseudonym),
            (QT_TR_NOOP("Role"), lambda r: r.participant.role.label),
            (QT_TR_NOOP("Form"), lambda r: f"v{r.history.forms[rec.form_id].version}"
                               if (rec := r.history.latest()) else ""),
            (QT_TR_NOOP("Given"), lambda r: f"{rec.given_at.astimezone():%d %b %Y}"
                                if (rec := r.history.latest()) else ""),
            (QT_TR_NOOP("How"), lambda r: rec.method.label if (rec := r.history.latest()) else ""),
        ]  # fmt: skip
        self.model.first_item = len(columns)
        for item in form.items:
            columns.append(
                (
                    item_label(item.key),
                    lambda r, key=item.key: STATUS_TEXT[item_status(r.history, key)],
                )
            )
        self.model.set_columns(columns)
        histories = self.project.consent.histories()
        self.model.set_items([ConsentRow(p, histories[p.id])
                              for p in self.project.participants.list()])  # fmt: skip
        self.form_label.setText(
            self.tr("Current consent form: “{0}”, version {1}, with {2} items.").format(
                form.title, form.version, len(form.items)
            )
        )
        if selected is not None:
            self.select_id(selected.id)
        self._update_actions()

    def current(self) -> ConsentRow | None:
        return self.table.current()

    def _current_person(self) -> Participant | None:
        row = self.current()
        return row.participant if row is not None else None

    def select_id(self, participant_id: str) -> None:
        self.table.select_id(participant_id)

    def _update_actions(self, *_args) -> None:
        has_row = self.current() is not None
        for act in (self.record_action, self.history_action, self.withdraw_action,
                    self.copy_action):  # fmt: skip
            act.setEnabled(has_row)
        self.own_copy.update()

    # actions -------------------------------------------------------------------------------
    def reader(self) -> ReadAloud:
        if self._reader is None:
            self._reader = ReadAloud(self)
        return self._reader

    def record_consent(self) -> None:
        row = self.current()
        if row is None:
            return
        dialog = ConsentDialog(row.participant, self.project.consent.current_form(),
                               self.project.consent.record, self._facilitator(), self.reader(),
                               self)  # fmt: skip
        if dialog.exec():
            self.refresh()

    def show_history(self) -> None:
        row = self.current()
        if row is not None:
            ConsentHistoryDialog(row.participant, self.project.consent, self).exec()

    def withdraw(self) -> None:
        row = self.current()
        if row is None:
            return
        dialog = WithdrawalDialog(row.participant, self.project.consent, self)
        if dialog.exec():
            self._after_erasure()
            self.refresh()

    def participant_copy(self) -> None:
        row = self.current()
        if row is None:
            return
        # beside the project, as packs and exported clips are
        suggested = self.project.path.parent / f"{row.participant.pseudonym} consent copy.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the participant's copy"),
                                              str(suggested), self.tr("PDF (*.pdf)"))  # fmt: skip
        if not path:
            return
        target, participant_id = Path(path), row.id
        self._status(self.tr("Saving the copy for {0}…").format(row.participant.pseudonym))
        self.copy_action.setEnabled(False)

        def done(written: Path) -> None:
            self._update_actions()
            self._status(self.tr("Saved {0}. The file is not encrypted: keep it somewhere "
                                 "safe.").format(written), 12000)  # fmt: skip

        def failed(exc: BaseException) -> None:
            self._update_actions()
            self._status("")
            report_failure(self, self.tr("Could not save the copy"), exc)

        self._copying.start(lambda job: job.project.consent.participant_copy(
            participant_id, target, lambda n, total, text: job.progress(n, total, text)),
            done, failed)  # fmt: skip

    def _status(self, text: str, timeout: int = 0) -> None:
        window = self.window()
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        if bar is not None and text:
            bar.showMessage(text, timeout)
        elif bar is not None:
            bar.clearMessage()

    def edit_form(self) -> None:
        dialog = FormEditorDialog(self.project.consent.current_form(),
                                  self.project.consent.save_form, self)  # fmt: skip
        if dialog.exec():
            self.refresh()
