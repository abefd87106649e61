"""Add or edit a workshop session, including who attended."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
)

from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.sessions import MAX_TITLE, Session, SessionFormat, split_list

from .date_field import DateField
from .record_dialog import RecordDialog


class SessionDialog(RecordDialog):
    def __init__(
        self,
        session: Session,
        participants: Sequence[Participant],
        on_save: Callable[[Session], Session],
        show_names: bool = False,
        is_new: bool = True,
        parent=None,
    ):
        super().__init__(
            self.tr("New session") if is_new else self.tr("Edit session"), on_save, parent
        )
        self._session = session
        self.title = QLineEdit(session.title)
        self.title.setMaxLength(MAX_TITLE)
        self.title.setPlaceholderText(self.tr("e.g. Illicit tobacco: what we see on our streets"))
        self.date = DateField(session.date)
        self.venue = QLineEdit(session.venue)
        self.format = QComboBox()
        for fmt in SessionFormat:
            self.format.addItem(fmt.label, fmt)
        self.format.setCurrentIndex(list(SessionFormat).index(SessionFormat(session.format)))
        self.facilitators = QLineEdit(", ".join(session.facilitators))
        self.facilitators.setPlaceholderText(self.tr("Names, separated by commas"))
        self.partners = QLineEdit(", ".join(session.partner_organisations))
        self.partners.setPlaceholderText(self.tr("e.g. Trading Standards, Health board"))
        self.group_agreement = QCheckBox(self.tr("Run under a &group agreement"))
        self.group_agreement.setChecked(session.group_agreement)
        self.group_agreement.setToolTip(
            self.tr(
                "Everyone present agreed that notes nobody signed may be shared, anonymised, in "
                "packs. Without it, unattributed notes from this session stay in the project."
            )
        )
        self.safeguarding_lead = QLineEdit(session.safeguarding_lead)
        self.safeguarding_lead.setMaxLength(MAX_TITLE)
        self.safeguarding_lead.setPlaceholderText(self.tr("Who concerns at this session go to"))
        self.sensitive = QCheckBox(self.tr("&Sensitive: its notes and clips go only into packs "
                                           "that include sensitive material"))  # fmt: skip
        self.sensitive.setChecked(session.sensitive)
        self.safeguarding = QCheckBox(self.tr("Safeguard&ing: nothing from this session leaves "
                                              "the project"))  # fmt: skip
        self.safeguarding.setChecked(session.safeguarding)
        self.attendees = QListWidget()
        self.attendees.setAccessibleName(self.tr("Who attended"))
        for person in participants:
            label = person.pseudonym
            if show_names and person.real_name:
                label += f" — {person.real_name}"
            label += f" ({person.role.label})"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = person.id in session.participant_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.attendees.addItem(item)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Date:"), self.date)
        self.form.addRow(self.tr("&Venue:"), self.venue)
        self.form.addRow(self.tr("&Format:"), self.format)
        self.form.addRow(self.tr("Faci&litators:"), self.facilitators)
        self.form.addRow(self.tr("&Partners present:"), self.partners)
        self.form.addRow("", self.group_agreement)
        self.form.addRow(self.tr("Safeguarding l&ead:"), self.safeguarding_lead)
        self.form.addRow("", self.sensitive)
        self.form.addRow("", self.safeguarding)
        self.form.addRow(self.tr("&Attended:"), self.attendees)
        self.resize(520, 560)
        self.title.setFocus()

    def record(self) -> Session:
        ids = frozenset(
            self.attendees.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.attendees.count())
            if self.attendees.item(i).checkState() == Qt.CheckState.Checked
        )
        return Session(
            id=self._session.id,
            title=self.title.text(),
            date=self.date.date(),
            venue=self.venue.text(),
            format=self.format.currentData(),
            facilitators=split_list(self.facilitators.text()),
            partner_organisations=split_list(self.partners.text()),
            participant_ids=ids,
            group_agreement=self.group_agreement.isChecked(),
            safeguarding_lead=self.safeguarding_lead.text(),
            sensitive=self.sensitive.isChecked(),
            safeguarding=self.safeguarding.isChecked(),
        )
