"""Record a withdrawal: its scope and date, what will be erased, and the packs already issued
that carried this person's material (so the facilitator can tell those partners)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
)

from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.errors import ProjectError, ValidationError
from coprod_desktop.domain.participants import Participant

from .date_field import DateField, check_dates
from .dialog import Dialog
from .refusal import Refusal
from .widgets import error_label


class WithdrawalDialog(Dialog):
    def __init__(self, participant: Participant, consent, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw consent — {0}").format(participant.pseudonym))
        self._participant, self._consent = participant, consent
        self.result_value = None
        intro = QLabel(
            self.tr(
                "{0} can withdraw at any time without giving a reason. From the date below their "
                "material is left out of every new pack."
            ).format(participant.pseudonym)
        )
        intro.setWordWrap(True)
        self.scopes = QButtonGroup(self)
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        scope_box = QVBoxLayout()
        for scope in Scope:
            radio = QRadioButton(scope.label)
            self.scopes.addButton(radio)
            self.scope_buttons[scope] = radio
            scope_box.addWidget(radio)
        self.scopes.buttonToggled.connect(lambda *_: self._update())
        self.effective = DateField(dt.datetime.now(), with_time=True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional, no personal details"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.confirm = QCheckBox(self.tr("I understand that this erasure cannot be undone"))
        self.confirm.toggled.connect(lambda *_: self._update())
        packs = consent.packs_containing(participant.id)
        self.packs = QListWidget()
        self.packs.setAccessibleName(self.tr("Packs already issued"))
        for pack in packs:
            self.packs.addItem(
                self.tr("{0} — pack {1}, issued {2} ({3} items)").format(
                    pack["audience"], pack["id"][:8], pack["issued_at"][:10], pack["items"]
                )
            )
        packs_label = QLabel(
            self.tr("Packs already issued with {0}'s material — tell these partners:").format(
                participant.pseudonym) if packs else
            self.tr("No pack issued so far has carried {0}'s material.").format(
                participant.pseudonym))  # fmt: skip
        packs_label.setWordWrap(True)
        self.packs.setVisible(bool(packs))
        self.error = error_label("withdrawalError")
        self.refusal = Refusal(self.error, self)  # the service's refusals: gone at an edit
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Record withdrawal"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.effective)
        form.addRow(self.tr("&Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(scope_box)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.confirm)
        layout.addWidget(packs_label)
        layout.addWidget(self.packs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update()

    def primary_button(self):
        return self.ok

    def scope(self) -> Scope | None:
        return next((s for s, b in self.scope_buttons.items() if b.isChecked()), None)

    def _update(self) -> None:
        scope = self.scope()
        erases = scope in (Scope.EVERYTHING, Scope.AUDIO_ONLY)
        self.warning.setText({
            Scope.EVERYTHING: self.tr("Their real name, nicknames, signature, recordings and "
                                      "contributions will be erased from this project now. "
                                      "The pseudonym and this withdrawal stay on record."),
            Scope.AUDIO_ONLY: self.tr("Their audio recordings will be erased from this project "
                                      "now. Their other material stays."),
            Scope.FUTURE_PACKS: self.tr("Nothing is erased; nothing of theirs goes into new "
                                        "packs."),
        }.get(scope, self.tr("Choose what the withdrawal covers.")))  # fmt: skip
        self.confirm.setVisible(erases)
        self.ok.setEnabled(scope is not None and (not erases or self.confirm.isChecked()))

    def _save(self) -> None:
        scope = self.scope()
        if scope is None or not check_dates(self):
            return
        when = self.effective.date_time().astimezone()
        try:
            self.result_value = self._consent.withdraw(self._participant.id, scope, when,
                                                       self.note.text())  # fmt: skip
        except (ValidationError, ProjectError) as exc:
            self.refusal.show(str(exc))
            return
        self.accept()
