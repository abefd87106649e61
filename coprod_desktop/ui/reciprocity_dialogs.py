"""Add or edit what a participant received (with its receipt: a signature drawn on screen, like
consent, or a paper receipt's reference), and set the project's threshold for payments that may
need declaring to benefits agencies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.errors import ProjectError, ValidationError
from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.reciprocity import (
    KINDS,
    MAX_DESCRIPTION,
    MAX_REFERENCE,
    METHODS,
    Entry,
    Threshold,
    money,
    parse_money,
)
from coprod_desktop.domain.sessions import Session

from .date_field import DateField
from .dialog import Dialog
from .record_dialog import RecordDialog
from .signature_pad import SignaturePad
from .translation import tr
from .widgets import error_label, key_button


class EntryDialog(RecordDialog):
    def __init__(self, entry: Entry, participants: Sequence[Participant],
                 sessions: Sequence[Session], on_save: Callable[[Entry], Entry],
                 is_new: bool = True, parent=None):  # fmt: skip
        super().__init__(self.tr("Add what was given") if is_new else
                         self.tr("Edit what was given"), on_save, parent)  # fmt: skip
        self._entry = entry
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Who received it"))
        # nobody chosen until the facilitator chooses: a payment must never be put against the
        # first name in the list by mistake
        self.person.addItem(self.tr("Choose who received it…"), "")
        for p in participants:
            self.person.addItem(p.pseudonym, p.id)
        self.person.setCurrentIndex(max(0, self.person.findData(entry.participant_id)))
        self.session = QComboBox()
        self.session.setAccessibleName(self.tr("At which session"))
        self.session.addItem(self.tr("Not at a session"), None)
        for s in sessions:
            self.session.addItem(f"{s.date:%d %b %Y} — {s.title}", s.id)
        self.session.setCurrentIndex(max(0, self.session.findData(entry.session_id)))
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(tr(label), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
        self.amount = QLineEdit(f"{entry.amount / 100:.2f}" if entry.amount else "")
        self.amount.setPlaceholderText(self.tr("e.g. 20.00 (0 for training or a certificate)"))
        self.amount.setAccessibleName(self.tr("Amount in pounds"))
        self.date = DateField(entry.on)
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(tr(label), key)
        self.method.setCurrentIndex(max(0, self.method.findData(entry.method)))
        self.description = QLineEdit(entry.description)
        self.description.setMaxLength(MAX_DESCRIPTION)
        self.description.setPlaceholderText(self.tr("e.g. Supermarket voucher; bus fare"))

        self.receipts = QButtonGroup(self)
        self.none_radio = key_button(QRadioButton(self.tr("No receipt yet")), "Alt+N")
        self.signature_radio = key_button(QRadioButton(self.tr("Signed on screen")), "Alt+I")
        self.paper_radio = key_button(QRadioButton(self.tr("Paper receipt")), "Alt+P")
        choices = QHBoxLayout()
        for n, radio in enumerate((self.none_radio, self.signature_radio, self.paper_radio)):
            self.receipts.addButton(radio, n)
            choices.addWidget(radio)
        self.receipt_page = QStackedWidget()
        self.receipt_page.addWidget(QWidget())
        sign_page = QWidget()
        sign_layout = QVBoxLayout(sign_page)
        sign_layout.setContentsMargins(0, 0, 0, 0)
        self.signature = SignaturePad()
        self.signed_before = QLabel(self.tr("A signature is stored. Sign again to replace it."))
        self.signed_before.setVisible(entry.has_signature)
        clear = QPushButton(self.tr("Cl&ear signature"))
        clear.clicked.connect(self.signature.clear)
        sign_layout.addWidget(self.signed_before)
        sign_layout.addWidget(self.signature)
        sign_layout.addWidget(clear)
        self.receipt_page.addWidget(sign_page)
        self.reference = QLineEdit(entry.paper_reference)
        self.reference.setMaxLength(MAX_REFERENCE)
        self.reference.setPlaceholderText(self.tr("The number written on the paper receipt"))
        paper_page = QWidget()
        QFormLayout(paper_page).addRow(self.tr("Re&ference:"), self.reference)
        self.receipt_page.addWidget(paper_page)
        self.receipts.idToggled.connect(self._receipt_chosen)
        {"signature": self.signature_radio, "paper": self.paper_radio,
         "erased": self.signature_radio}.get(entry.receipt, self.none_radio).setChecked(True)
        self._receipt_chosen()

        self.form.addRow(self.tr("&Who:"), self.person)
        self.form.addRow(self.tr("&Kind:"), self.kind)
        self.form.addRow(self.tr("&Amount (£):"), self.amount)
        self.form.addRow(self.tr("&Date:"), self.date)
        self.form.addRow(self.tr("&Session:"), self.session)
        self.form.addRow(self.tr("&How given:"), self.method)
        self.form.addRow(self.tr("Desc&ription:"), self.description)
        self.form.addRow(self.tr("Receipt:"), choices)
        self.form.addRow("", self.receipt_page)
        self.resize(560, 560)
        self.person.setFocus()

    def _receipt_chosen(self, *_args) -> None:
        self.receipt_page.setCurrentIndex(max(0, self.receipts.checkedId()))

    def record(self) -> Entry:
        receipt = ("signature", "paper")[self.receipts.checkedId() - 1] \
            if self.receipts.checkedId() > 0 else "none"  # fmt: skip
        signed = None
        if receipt == "signature" and not self.signature.is_empty():
            signed = self.signature.to_png()
        if receipt == "signature" and signed is None and self._entry.receipt == "erased":
            receipt = "erased"  # still signed once; the image went at withdrawal
        text = self.amount.text().strip()
        amount = parse_money(text) if text else 0
        return Entry(self._entry.id, self.person.currentData() or "", self.kind.currentData(),
                     amount, self.date.date(), self.method.currentData(),
                     self.description.text(), self.session.currentData(), receipt,
                     self.reference.text(), signed,
                     self._entry.has_signature and signed is None)  # fmt: skip


class ThresholdDialog(Dialog):
    """The amount within a period past which the page warns that a person's payments may need
    declaring (blank: no warning)."""

    def __init__(self, threshold: Threshold, on_save: Callable[[Threshold], object],
                 parent=None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Benefits threshold"))
        self._on_save = on_save
        self.amount = QLineEdit(money(threshold.amount)[1:].replace(",", "")
                                if threshold.amount else "")  # fmt: skip
        self.amount.setPlaceholderText(self.tr("Blank: no warning"))
        self.amount.setAccessibleName(self.tr("Threshold in pounds"))
        self.days = QSpinBox()
        self.days.setRange(1, 3660)
        self.days.setSuffix(self.tr(" days"))
        self.days.setValue(threshold.period_days)
        self.days.setAccessibleName(self.tr("Period in days"))
        year = QPushButton(self.tr("A &year"))
        year.clicked.connect(lambda: self.days.setValue(365))
        month = QPushButton(self.tr("Assessment &period (30 days)"))
        month.clicked.connect(lambda: self.days.setValue(30))
        presets = QHBoxLayout()
        for widget in (self.days, year, month):
            presets.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.tr("&Warn above (£):"), self.amount)
        within = QLabel(self.tr("With&in:"))
        within.setBuddy(self.days)  # a row of a layout gets no buddy by itself
        form.addRow(within, presets)
        hint = QLabel(self.tr("The page warns when one person received more than this within "
                              "the period, so that you can print them a payment letter. Ask a "
                              "benefits adviser which amount and period fit the people you "
                              "work with."))  # fmt: skip
        hint.setWordWrap(True)
        self.error = error_label("dialogError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for item in (hint, form, self.error, self.buttons):
            (layout.addLayout if isinstance(item, QFormLayout) else layout.addWidget)(item)
        self.amount.setFocus()

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def threshold(self) -> Threshold:
        text = self.amount.text().strip()
        return Threshold(parse_money(text) if text else None, self.days.value())

    def _save(self) -> None:
        try:
            self._on_save(self.threshold())
        except (ValidationError, ProjectError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
