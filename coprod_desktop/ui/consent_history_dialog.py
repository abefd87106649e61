"""One person's consent history: every record with the form exactly as they saw it, and
every withdrawal."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.consent import CREDIT, ConsentRecord, Withdrawal
from coprod_desktop.domain.participants import Participant

from .dialog import Dialog


class ConsentHistoryDialog(Dialog):
    def __init__(self, participant: Participant, consent, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Consent history — {0}").format(participant.pseudonym))
        self._consent = consent
        self.history = consent.history(participant.id)
        self.entries = QListWidget()
        self.entries.setAccessibleName(self.tr("Consent records and withdrawals"))
        events: list[ConsentRecord | Withdrawal] = [*self.history.records,
                                                     *self.history.withdrawals]  # fmt: skip
        events.sort(key=lambda e: e.given_at if isinstance(e, ConsentRecord) else e.effective_at)
        for event in reversed(events):
            if isinstance(event, ConsentRecord):
                text = self.tr("{0:%d %b %Y %H:%M} — consent ({1}), form v{2}").format(
                    event.given_at.astimezone(), event.method.label, event.form_version
                )
            else:
                text = self.tr("{0:%d %b %Y %H:%M} — withdrawal: {1}").format(
                    event.effective_at.astimezone(), event.scope.label
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, event)
            self.entries.addItem(item)
        self.details = QTextBrowser()
        self.signature = QLabel()
        self.signature.setAccessibleName(self.tr("Signature"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(self.signature)
        splitter = QSplitter()
        splitter.addWidget(self.entries)
        splitter.addWidget(right)
        splitter.setSizes([300, 500])
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not events:
            layout.addWidget(QLabel(self.tr("No consent has been recorded for {0} yet.").format(
                participant.pseudonym)))  # fmt: skip
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.entries.currentItemChanged.connect(self._show)
        self.resize(860, 560)
        if events:
            self.entries.setCurrentRow(0)

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Close)

    def _show(self, item: QListWidgetItem | None) -> None:
        self.signature.clear()
        if item is None:
            self.details.clear()
            return
        event = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(event, Withdrawal):
            self.details.setHtml(
                f"<h3>Withdrawal</h3><p>{escape(event.scope.label)}</p>"
                f"<p>From {event.effective_at.astimezone():%d %B %Y %H:%M}, recorded by "
                f"{escape(event.recorded_by)}.</p><p>{escape(event.note)}</p>"
            )
            return
        form = self.history.forms[event.form_id]
        words = {True: "Yes", False: "No", None: "Not asked"}
        credit = f", as “{escape(event.credit_name)}”" if event.credit_name else ""
        answers = "".join(
            f"<tr><td>{escape(i.wording)}</td><td><b>{words[event.decisions.get(i.key)]}"
            f"{credit if i.key == CREDIT and event.decisions.get(i.key) else ''}"
            "</b></td></tr>" for i in form.items)  # fmt: skip
        partners = "".join(f"<li>{escape(org)}: {'Yes' if ok else 'No'}</li>"
                           for org, ok in event.partner_decisions.items())  # fmt: skip
        extra = []
        if event.witness:
            extra.append(f"Witnessed by {escape(event.witness)}")
        if event.paper_reference:
            extra.append(f"Paper form {escape(event.paper_reference)}")
        if event.guardian_name:
            extra.append(f"Guardian: {escape(event.guardian_name)} "
                         f"({escape(event.guardian_relationship)})")  # fmt: skip
        if event.capacity_concern:
            extra.append(f"Capacity concern noted: {escape(event.capacity_concern)}")
        if event.has_verbal_audio:
            extra.append("A recording of the verbal consent is stored with this record")
        if event.has_scan:
            extra.append("A scan of the paper form is stored with this record")
        self.details.setHtml(
            f"<h3>{escape(form.title)} (version {form.version})</h3>"
            f"<p><small>Form reference {form.content_hash[:16]}</small></p>"
            f"<p>{escape(form.information).replace(chr(10), '<br>')}</p>"
            f"<table border='1' cellpadding='4'>{answers}</table>"
            + (f"<p>Sharing:</p><ul>{partners}</ul>" if partners else "")
            + f"<p>{escape(event.method.label)}, {event.given_at.astimezone():%d %B %Y %H:%M},"
            f" recorded by {escape(event.recorded_by)}.</p>"
            + "".join(f"<p>{line}.</p>" for line in extra)
        )
        if event.has_signature:
            attachment = self._consent.attachment(event.id, "signature")
            if attachment:
                pixmap = QPixmap()
                pixmap.loadFromData(QByteArray(attachment[1]), "PNG")
                self.signature.setPixmap(pixmap)
