"""Add or edit a safeguarding concern (with its follow-ups and closure) or a signposting
service, and ask for the password of the safeguarding report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.safeguarding import ActionTaken, Concern, FollowUp
from coprod_desktop.domain.signposting import Category, Signpost

from .date_field import DateField
from .passphrase_field import PassphraseField
from .record_dialog import RecordDialog
from .translation import tr
from .widgets import choice_box, text_box


class ConcernDialog(RecordDialog):
    """A concern: what and when, who raised it, the session and person, the lead, the action
    taken, follow-ups (add, mark done, remove) and closure."""

    def __init__(self, concern: Concern, sessions, people, lead_for: Callable[[str | None], str],
                 on_save: Callable, is_new: bool = True, parent=None):  # fmt: skip
        super().__init__(self.tr("New safeguarding concern") if is_new
                         else self.tr("Edit safeguarding concern"), on_save, parent)  # fmt: skip
        self._concern = concern
        self._lead_for = lead_for
        self.follow_ups: list[FollowUp] = list(concern.follow_ups)
        self.what = text_box(concern.what,
                             self.tr("What happened or was said, in plain words"), 100)
        self.raised_at = DateField(concern.raised_at.astimezone().replace(tzinfo=None),
                                   with_time=True)  # fmt: skip
        self.raised_by = QLineEdit(concern.raised_by)
        self.raised_by.setPlaceholderText(self.tr("e.g. Sam (facilitator), or P-07"))
        self.session = choice_box([(self.tr("Not at a session"), None)]
                              + [(f"{s.title} — {s.date:%d %b %Y}", s.id) for s in sessions],
                              concern.session_id)  # fmt: skip
        self.person = choice_box([(self.tr("Not a participant, or not said"), None)]
                             + [(p.pseudonym, p.id) for p in people],
                             concern.participant_id)  # fmt: skip
        self.lead = QLineEdit(concern.lead)
        self.lead.setPlaceholderText(self.tr("The named safeguarding lead"))
        self.session.currentIndexChanged.connect(self._session_changed)
        self.action = choice_box([(tr(a.label), a) for a in ActionTaken], concern.action)
        self.service = QLineEdit(concern.service)
        self.service.setPlaceholderText(self.tr("e.g. the council's adult protection team"))
        self.reason = QLineEdit(concern.reason)
        self.reason.setPlaceholderText(self.tr("Why no action was needed"))
        self.action.currentIndexChanged.connect(self._action_changed)

        self.follow_list = QListWidget()
        self.follow_list.setAccessibleName(self.tr("Follow-ups"))
        self.follow_list.setMaximumHeight(90)
        self.follow_due = DateField(dt.date.today() + dt.timedelta(days=7))
        self.follow_note = QLineEdit()
        self.follow_note.setPlaceholderText(self.tr("What to check"))
        add = QPushButton(self.tr("Add &follow-up"))
        add.setAutoDefault(False)
        add.clicked.connect(self._add_follow_up)
        done = QPushButton(self.tr("&Mark done"))
        done.setAutoDefault(False)
        done.clicked.connect(self._mark_done)
        remove = QPushButton(self.tr("Remove follow-&up"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove_follow_up)
        new_row = QHBoxLayout()
        new_row.addWidget(self.follow_due)
        new_row.addWidget(self.follow_note, 1)
        new_row.addWidget(add)
        buttons = QHBoxLayout()
        buttons.addWidget(done)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        follow = QWidget()
        column = QVBoxLayout(follow)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.follow_list)
        column.addLayout(buttons)
        column.addLayout(new_row)

        self.closed = QCheckBox(self.tr("Closed"))
        self.closed.setChecked(concern.closed)
        self.closed_on = DateField(concern.closed_on or dt.date.today())
        self.closing_note = QLineEdit(concern.closing_note)
        self.closing_note.setPlaceholderText(self.tr("Why it is closed"))
        close_row = QHBoxLayout()
        close_row.addWidget(self.closed)
        close_row.addWidget(self.closed_on)
        close_row.addWidget(self.closing_note, 1)
        self.closed.toggled.connect(self._closed_changed)

        self.form.addRow(self.tr("&What happened:"), self.what)
        self.form.addRow(self.tr("Whe&n:"), self.raised_at)
        self.form.addRow(self.tr("Raised &by:"), self.raised_by)
        self.form.addRow(self.tr("&Session:"), self.session)
        self.form.addRow(self.tr("&Person concerned:"), self.person)
        self.form.addRow(self.tr("Safeguarding &lead:"), self.lead)
        self.form.addRow(self.tr("&Action taken:"), self.action)
        self.form.addRow(self.tr("Ser&vice referred to:"), self.service)
        self.form.addRow(self.tr("&Reason:"), self.reason)
        self.form.addRow(self.tr("Follow-ups:"), follow)
        self.form.addRow(self.tr("Closure:"), close_row)
        self._fill_follow_ups()
        self._action_changed()
        self._closed_changed()
        self.resize(680, 640)
        self.what.setFocus()

    def _session_changed(self) -> None:
        lead = self._lead_for(self.session.currentData())
        if lead and not self.lead.text().strip():
            self.lead.setText(lead)

    def _action_changed(self) -> None:
        action = self.action.currentData()
        self.service.setEnabled(action is ActionTaken.REFERRED)
        self.reason.setEnabled(action is ActionTaken.NONE)

    def _closed_changed(self) -> None:
        for widget in (self.closed_on, self.closing_note):
            widget.setEnabled(self.closed.isChecked())

    def _fill_follow_ups(self) -> None:
        self.follow_list.clear()
        today = dt.date.today()
        for f in sorted(self.follow_ups, key=lambda f: f.due):
            state = (self.tr("done {0:%d %b %Y}").format(f.done) if f.done else
                     self.tr("OVERDUE") if f.overdue(today) else self.tr("to do"))
            item = QListWidgetItem(self.tr("Due {0:%d %b %Y} ({1}) {2}").format(f.due, state,
                                                                               f.note))
            item.setData(Qt.ItemDataRole.UserRole, f)
            self.follow_list.addItem(item)

    def _selected_follow_up(self) -> FollowUp | None:
        item = self.follow_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _add_follow_up(self) -> None:
        if not self.follow_due.check():
            return
        self.follow_ups.append(FollowUp(self.follow_due.date(), self.follow_note.text()))
        self.follow_note.clear()
        self._fill_follow_ups()

    def _mark_done(self) -> None:
        chosen = self._selected_follow_up()
        if chosen is not None:
            at = self.follow_ups.index(chosen)
            self.follow_ups[at] = FollowUp(chosen.due, chosen.note, dt.date.today(), chosen.id)
            self._fill_follow_ups()

    def _remove_follow_up(self) -> None:
        chosen = self._selected_follow_up()
        if chosen is not None:
            self.follow_ups.remove(chosen)
            self._fill_follow_ups()

    def record(self) -> Concern:
        closed = self.closed.isChecked()
        return Concern(
            self._concern.id, self.what.toPlainText(), self.raised_at.date_time(),
            self.raised_by.text(), self.lead.text(), self.action.currentData(),
            self.service.text(), self.reason.text(), self.session.currentData(),
            self.person.currentData(), tuple(self.follow_ups),
            self.closed_on.date() if closed else None,
            self.closing_note.text() if closed else "")  # fmt: skip


class SignpostDialog(RecordDialog):
    def __init__(self, entry: Signpost, on_save: Callable, is_new: bool = True, parent=None):
        super().__init__(self.tr("New service") if is_new else self.tr("Edit service"), on_save,
                         parent)  # fmt: skip
        self._entry = entry
        self.name = QLineEdit(entry.name)
        self.name.setPlaceholderText(self.tr("e.g. Riverside Food Pantry"))
        self.category = choice_box([(tr(c.label), c) for c in Category], entry.category)
        self.helps_with = text_box(entry.helps_with, self.tr("What they help with, for whom"))
        self.phone = QLineEdit(entry.phone)
        self.website = QLineEdit(entry.website)
        self.hours = QLineEdit(entry.hours)
        self.hours.setPlaceholderText(self.tr("e.g. Monday to Friday, 9am to 5pm"))
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Kind:"), self.category)
        self.form.addRow(self.tr("&Helps with:"), self.helps_with)
        self.form.addRow(self.tr("&Phone:"), self.phone)
        self.form.addRow(self.tr("&Website:"), self.website)
        self.form.addRow(self.tr("&Opening hours:"), self.hours)
        self.resize(560, 400)
        self.name.setFocus()

    def record(self) -> Signpost:
        e = self._entry
        return Signpost(e.id, self.name.text(), self.category.currentData(),
                        self.helps_with.toPlainText(), self.phone.text(), self.website.text(),
                        self.hours.text(), e.local, e.position)  # fmt: skip


class ReportPassword:
    """The password typed for the report, checked: long enough, typed the same twice."""

    MIN = 8

    def __init__(self, first: str, again: str):
        self.first, self.again = first, again

    def validated(self) -> str:
        if len(self.first) < self.MIN:
            raise ValidationError(f"The safeguarding report is always password-protected: "
                                  f"choose a password of at least {self.MIN} characters.")
        if self.first != self.again:
            raise ValidationError("The two passwords are not the same.")
        return self.first


class ReportDialog(RecordDialog):
    """The safeguarding report's password, typed twice. Save goes on to choose the file."""

    def __init__(self, on_save: Callable[[ReportPassword], object], parent=None):
        super().__init__(self.tr("Safeguarding report (password-protected)"), on_save, parent)
        self.password = PassphraseField(self.tr("Report password"))
        self.again = PassphraseField(self.tr("Report password again"))
        note = QLabel(self.tr("The report holds every concern in full. It is always encrypted: "
                              "give the password only to those who must read it, and never "
                              "send it in the same message as the file."))  # fmt: skip
        note.setWordWrap(True)
        self.form.addRow(note)
        self.form.addRow(self.tr("&Password:"), self.password)
        self.form.addRow(self.tr("&Again:"), self.again)
        self.password.setFocus()

    def record(self) -> ReportPassword:
        return ReportPassword(self.password.text(), self.again.text())

