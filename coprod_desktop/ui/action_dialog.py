"""Add or edit an action: what will be done, the organisation that owns it, its status and due
date, the session it came from, the evidence it answers (themes, notes, quotes, outcomes,
picked in a small chooser) and the partner's responses over time. Also the dialog that adds
one response (the Actions page's Respond…, and Add response… inside the action's dialog)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.actions import (
    EVIDENCE_KINDS,
    Action,
    ActionStatus,
    PartnerResponse,
)

from .date_field import DateField
from .dialog import Dialog
from .record_dialog import RecordDialog
from .translation import tr
from .widgets import error_label, text_box

ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Evidence:
    """Something an action can answer, as the chooser and the dialog list it."""

    kind: str  # theme, note, clip or outcome (see EVIDENCE_KINDS)
    id: str
    text: str  # the theme's name, the note's text, the clip's title or the outcome
    safeguarding: bool = False  # a safeguarding-flagged note: it may be linked, never shared

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


def evidence_label(item: Evidence) -> str:
    """"Note: Sellers outside the school" — one line, the kind first."""
    text = " ".join(item.text.split())
    text = text if len(text) <= 90 else text[:89] + "…"
    label = f"{tr(EVIDENCE_KINDS[item.kind])}: {text}"
    if item.safeguarding:
        label += " " + tr("[safeguarding: stays in the project]")
    return label


def _status_box(current: ActionStatus) -> QComboBox:
    """The statuses, in order. (Qt keeps each as its plain text value: read it back through
    ActionStatus.)"""
    box = QComboBox()
    for status in ActionStatus:
        box.addItem(tr(status.label), status)
    box.setCurrentIndex(max(0, box.findData(ActionStatus(current))))
    return box


def checked_response(response: PartnerResponse) -> PartnerResponse:
    """The response as an action keeps it (its text trimmed), or the domain's refusal: the
    rule is the one Action.validated() applies to every response."""
    return Action("", "-", "-", responses=(response,)).validated().responses[0]


class ResponseDialog(RecordDialog):
    """What the organisation said or did, and when (today unless changed); with `status`, the
    status the action moves to as well (the Actions page's Respond…)."""

    def __init__(self, on_save: Callable[[PartnerResponse], object],
                 status: ActionStatus | None = None, about: str = "",
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(self.tr("Partner's response"), on_save, parent)
        if about:
            what = QLabel(self.tr("Action: {0}").format(about))
            what.setWordWrap(True)
            what.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never markup
            self.layout().insertWidget(0, what)
        self.on = DateField(dt.date.today())
        self.text = text_box("", self.tr("What the organisation said or did"), 110)
        self.text.setMaximumHeight(16777215)  # the box takes the room the dialog is given
        self.form.addRow(self.tr("&Date:"), self.on)
        self.form.addRow(self.tr("&Response:"), self.text)
        self.status: QComboBox | None = None
        if status is not None:
            self.status = _status_box(status)
            self.form.addRow(self.tr("&Status now:"), self.status)
        self.resize(520, 300)
        self.text.setFocus()

    def chosen_status(self) -> ActionStatus | None:
        return ActionStatus(self.status.currentData()) if self.status is not None else None

    def record(self) -> PartnerResponse:
        return PartnerResponse(self.on.date(), self.text.toPlainText())


class EvidenceChooser(Dialog):
    """Pick themes, notes, quotes and outcomes to link: type to narrow the list, Enter adds
    the selected ones."""

    def __init__(self, choices: Sequence[Evidence], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add evidence"))
        self.chosen: list[Evidence] = []
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to find a theme, note, quote or outcome…"))
        self.filter.setAccessibleName(self.tr("Find evidence"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._narrow)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Themes, notes, quotes and outcomes"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setUniformItemSizes(True)
        for choice in choices:
            item = QListWidgetItem(evidence_label(choice))
            item.setData(ROLE, choice)
            item.setToolTip(choice.text)
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _item: self._add())
        self.error = error_label("evidenceError")
        if not choices:
            self.error.setText(self.tr("The project has no themes, notes, quotes or outcomes "
                                       "that are not linked already."))  # fmt: skip
            self.error.show()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(self.tr("Notes marked safeguarding may be linked; they never "
                                        "leave the project.")))  # fmt: skip
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 440)
        self._narrow("")
        self.filter.setFocus()

    def primary_button(self):
        return self.add_button

    def _visible(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]  # fmt: skip

    def _narrow(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        shown = self._visible()
        if shown and not any(i.isSelected() for i in shown):
            self.list.setCurrentItem(shown[0])

    def _add(self) -> None:
        picked = [i for i in self._visible() if i.isSelected()]
        if not picked:
            self.error.setText(self.tr("Choose something to link first."))
            self.error.show()
            return
        self.chosen = [i.data(ROLE) for i in picked]
        self.accept()


class ActionDialog(RecordDialog):
    """An action with its evidence and responses. `choices` lists what the project holds that
    an action can answer (read when Add evidence… is pressed; the evidence already linked is
    looked up in it); `organisations` are offered in the owner's list."""

    def __init__(
        self,
        action: Action,
        on_save: Callable[[Action], Action],
        organisations: Sequence[str],
        sessions: Sequence,
        choices: Callable[[], list[Evidence]],
        is_new: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("New action") if is_new else self.tr("Edit action"), on_save,
                         parent)  # fmt: skip
        self._action = action
        self._choices = choices
        known = {c.key: c for c in choices()}
        self._evidence: list[Evidence] = [known[k] for k in action.evidence if k in known]
        self._responses: list[PartnerResponse] = list(action.responses)

        self.text = text_box(action.text, self.tr(
            "What will be done, e.g. Trading Standards to visit the shops near the school"), 80)
        self.text.setAccessibleName(self.tr("What will be done"))
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.organisation.addItems(list(organisations))
        self.organisation.setCurrentText(action.organisation)
        self.organisation.lineEdit().setPlaceholderText(self.tr("Who owns it, e.g. the police"))
        self.organisation.setAccessibleName(self.tr("Organisation that owns the action"))
        self.status = _status_box(action.status)
        self.due = DateField(action.due or dt.date.today() + dt.timedelta(days=28))
        self.no_due = QCheckBox(self.tr("&No due date"))
        self.no_due.toggled.connect(self._no_due_toggled)
        self.no_due.setChecked(action.due is None)
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due)
        due_row.addWidget(self.no_due, 1, Qt.AlignmentFlag.AlignTop)
        due = QWidget()
        due.setLayout(due_row)
        due.setFocusProxy(self.due)  # the row's Alt+D goes to the typing line
        self.due.edit.setAccessibleName(self.tr("Due by"))
        self.session = QComboBox()
        self.session.addItem(self.tr("Not from a session"), None)
        for s in sessions:
            self.session.addItem(f"{s.title} — {s.date:%d %b %Y}", s.id)
        self.session.setCurrentIndex(max(0, self.session.findData(action.session_id)))

        self.evidence = QListWidget()
        self.evidence.setAccessibleName(self.tr("Evidence: what people said that it answers"))
        self.add_evidence_button = QPushButton(self.tr("Add e&vidence…"))
        self.add_evidence_button.clicked.connect(self.add_evidence)
        self.remove_evidence_button = QPushButton(self.tr("Remove evidence"))
        self.remove_evidence_button.clicked.connect(self.remove_evidence)
        self.responses = QTreeWidget()
        self.responses.setHeaderLabels([self.tr("Date"), self.tr("Response")])
        self.responses.setAccessibleName(self.tr("The partner's responses, oldest first"))
        self.responses.setRootIsDecorated(False)
        self.add_response_button = QPushButton(self.tr("Add res&ponse…"))
        self.add_response_button.clicked.connect(self.add_response)
        self.remove_response_button = QPushButton(self.tr("Remove response"))
        self.remove_response_button.clicked.connect(self.remove_response)

        self.form.addRow(self.tr("&What will be done:"), self.text)
        self.form.addRow(self.tr("&Organisation:"), self.organisation)
        self.form.addRow(self.tr("S&tatus:"), self.status)
        self.form.addRow(self.tr("&Due by:"), due)
        self.form.addRow(self.tr("S&ession:"), self.session)
        self.form.addRow(self.tr("Evidence:"), self._with_buttons(
            self.evidence, self.add_evidence_button, self.remove_evidence_button))
        self.form.addRow(self.tr("Responses:"), self._with_buttons(
            self.responses, self.add_response_button, self.remove_response_button))  # fmt: skip
        self._show_evidence()
        self._show_responses()
        self.resize(640, 640)
        self.text.setFocus()

    @staticmethod
    def _with_buttons(view: QWidget, *buttons: QPushButton) -> QWidget:
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(view)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        box = QWidget()
        box.setLayout(column)
        return box

    def _no_due_toggled(self, on: bool) -> None:
        if on and self.due.problem() is not None:
            self.due.set_value(dt.date.today())  # nothing unreadable is left to refuse saving
        self.due.setEnabled(not on)
        if not on and self.no_due.hasFocus():  # unticked to give a date: type it at once
            self.due.edit.setFocus()
            self.due.edit.selectAll()

    # evidence ------------------------------------------------------------------------------
    def _show_evidence(self, select: int = 0) -> None:
        self.evidence.clear()
        for item in self._evidence:
            row = QListWidgetItem(evidence_label(item))
            row.setToolTip(item.text)
            self.evidence.addItem(row)
        if self._evidence:
            self.evidence.setCurrentRow(min(select, len(self._evidence) - 1))
        self.remove_evidence_button.setEnabled(bool(self._evidence))

    def add_evidence(self) -> None:
        linked = {e.key for e in self._evidence}
        chooser = EvidenceChooser([c for c in self._choices() if c.key not in linked], self)
        if chooser.exec():
            self._evidence += chooser.chosen
            self._show_evidence(len(self._evidence) - 1)
        chooser.deleteLater()

    def remove_evidence(self) -> None:
        row = self.evidence.currentRow()
        if 0 <= row < len(self._evidence):
            del self._evidence[row]
            self._show_evidence(row)

    # responses -----------------------------------------------------------------------------
    def _show_responses(self, select: int = 0) -> None:
        self.responses.clear()
        for response in self._responses:
            row = QTreeWidgetItem([f"{response.on:%d %b %Y}", " ".join(response.text.split())])
            row.setToolTip(1, response.text)
            self.responses.addTopLevelItem(row)
        if self._responses:
            self.responses.setCurrentItem(
                self.responses.topLevelItem(min(select, len(self._responses) - 1)))
        self.responses.resizeColumnToContents(0)
        self.remove_response_button.setEnabled(bool(self._responses))

    def add_response(self) -> None:
        dialog = ResponseDialog(checked_response, parent=self)
        if dialog.exec():
            response = dialog.saved
            self._responses.append(response)
            self._responses.sort(key=lambda r: r.on)  # oldest first, as they are kept
            self._show_responses(self._responses.index(response))
        dialog.deleteLater()

    def remove_response(self) -> None:
        row = self.responses.indexOfTopLevelItem(self.responses.currentItem())
        if 0 <= row < len(self._responses):
            del self._responses[row]
            self._show_responses(row)

    # the action ----------------------------------------------------------------------------
    def record(self) -> Action:
        return replace(
            self._action,
            text=self.text.toPlainText(),
            organisation=self.organisation.currentText(),
            status=ActionStatus(self.status.currentData()),
            due=None if self.no_due.isChecked() else self.due.date(),
            session_id=self.session.currentData(),
            evidence=tuple(e.key for e in self._evidence),
            responses=tuple(self._responses),
        )
