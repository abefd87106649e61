"""Add or edit a participant: pseudonym first; real name optional and kept in the project."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from coprod_desktop.domain.participants import MAX_PSEUDONYM, AgeBand, Participant, Role
from coprod_desktop.domain.sessions import split_list

from .record_dialog import RecordDialog


class ParticipantDialog(RecordDialog):
    def __init__(
        self,
        participant: Participant,
        on_save: Callable[[Participant], Participant],
        is_new: bool = True,
        parent=None,
    ):
        super().__init__(
            self.tr("New participant") if is_new else self.tr("Edit participant"), on_save, parent
        )
        self._participant = participant
        self.pseudonym = QLineEdit(participant.pseudonym)
        self.pseudonym.setMaxLength(MAX_PSEUDONYM)
        self.real_name = QLineEdit(participant.real_name)
        self.real_name.setPlaceholderText(self.tr("Optional"))
        self.aliases = QLineEdit(", ".join(participant.aliases))
        self.aliases.setPlaceholderText(self.tr("Nicknames people use, separated by commas"))
        self.age_band = QComboBox()
        for band in AgeBand:
            self.age_band.addItem(band.label, band)
        self.age_band.setCurrentIndex(list(AgeBand).index(AgeBand(participant.age_band)))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role)
        self.role.setCurrentIndex(list(Role).index(Role(participant.role)))
        self.organisation = QLineEdit(participant.organisation)
        self.organisation.setPlaceholderText(self.tr("For partner representatives"))
        note = QLabel(
            self.tr(
                "Packs only ever show the pseudonym. The real name and nicknames stay in this "
                "encrypted project and are used to find and hide them in notes and transcripts."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(self.tr("&Pseudonym:"), self.pseudonym)
        self.form.addRow(self.tr("&Real name:"), self.real_name)
        self.form.addRow(self.tr("&Nicknames:"), self.aliases)
        self.form.addRow(self.tr("&Age band:"), self.age_band)
        self.form.addRow(self.tr("R&ole:"), self.role)
        self.form.addRow(self.tr("Or&ganisation:"), self.organisation)
        self.form.addRow(note)
        self.setMinimumWidth(480)
        self.pseudonym.setFocus()

    def record(self) -> Participant:
        return Participant(
            id=self._participant.id,
            pseudonym=self.pseudonym.text(),
            real_name=self.real_name.text(),
            aliases=split_list(self.aliases.text()),
            age_band=self.age_band.currentData(),
            role=self.role.currentData(),
            organisation=self.organisation.text(),
        )
