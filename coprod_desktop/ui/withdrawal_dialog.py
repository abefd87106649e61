"""Record a withdrawal: its scope and date, what will be erased, where the person's names are
written (each becomes their pseudonym when everything is withdrawn), and the packs already
issued that carried their material (so the facilitator can tell those partners)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

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
from coprod_desktop.domain.words import counted

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
        self._names = consent.names_of(participant.id)
        found = consent.mentions(participant.id)
        self.mentions = QListWidget()
        self.mentions.setAccessibleName(self.tr("Where their names are written"))
        self.mentions.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        for mention in found:
            self.mentions.addItem(f"{self._where(mention.table, mention.column)}: "
                                  f"{self._excerpt(mention.text)}")  # fmt: skip
        self.mentions_label = QLabel(self.tr(
            "Their names are written in {0} — in other people's words too. Each will read as "
            "shown, with {1} in their place:").format(
                counted(len(found), self.tr("place"), self.tr("places")),
                participant.pseudonym))  # fmt: skip
        self.mentions_label.setWordWrap(True)
        self._found = bool(found)
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
        layout.addWidget(self.mentions_label)
        layout.addWidget(self.mentions)
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
                                      "contributions will be erased from this project now, and "
                                      "their names replaced by their pseudonym wherever they "
                                      "are written. The pseudonym and this withdrawal stay on "
                                      "record."),
            Scope.AUDIO_ONLY: self.tr("Their audio recordings will be erased from this project "
                                      "now. Their other material stays."),
            Scope.FUTURE_PACKS: self.tr("Nothing is erased; nothing of theirs goes into new "
                                        "packs."),
        }.get(scope, self.tr("Choose what the withdrawal covers.")))  # fmt: skip
        self.confirm.setVisible(erases)
        listed = scope is Scope.EVERYTHING and self._found
        if listed != self.mentions.isVisibleTo(self):
            for widget in (self.mentions_label, self.mentions):
                widget.setVisible(listed)
            self.adjustSize()  # room for the list, or none
        self.ok.setEnabled(scope is not None and (not erases or self.confirm.isChecked()))

    def _excerpt(self, text: str) -> str:
        """The words around the first mention, as they will read (never the name itself)."""
        with contextlib.suppress(ValueError, TypeError):  # a list kept as JSON: as words
            text = ", ".join(str(v) for v in json.loads(text)) if text.startswith("[") else text
        match = self._names.find(text)[0]
        start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
        piece = " ".join(self._names.replace(text[start:end]).split())
        return ("…" if start else "") + piece + ("…" if end < len(text) else "")

    def _where(self, table: str, column: str) -> str:
        return {
            "notes": self.tr("A note"), "clips": self.tr("A clip"),
            "sessions": self.tr("A session"), "risks": self.tr("A risk"),
            "risk_reviews": self.tr("A risk review"), "barriers": self.tr("A barrier"),
            "outcomes": self.tr("An outcome"), "measures": self.tr("A measure"),
            "self_checks": self.tr("A self-check"), "themes": self.tr("A theme"),
            "consent_records": self.tr("A consent record"),
            "withdrawals": self.tr("A withdrawal"), "packs": self.tr("The pack log"),
            "participants": self.tr("A participant's details"),
        }.get(table, table.replace("_", " ").capitalize())  # fmt: skip

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
