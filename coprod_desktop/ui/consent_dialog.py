"""Record consent: the form's information, then each item one at a time in large plain text
(or all on one page), an explicit yes or no for each, a review of every answer (each one
changeable), then how consent was given. The keys of each page are written under the
buttons; a refusal goes as soon as its cause is fixed."""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.consent import (
    CREDIT,
    MAX_CREDIT,
    SHARE,
    ConsentForm,
    ConsentItem,
    ConsentRecord,
    Method,
    needs_guardian,
    validate_record,
)
from coprod_desktop.domain.errors import ProjectError, ValidationError
from coprod_desktop.domain.participants import Participant

from .date_field import DateField, check_dates
from .dialog import Dialog
from .file_dialogs import documents_folder
from .read_aloud import ReadAloud
from .refusal import Refusal
from .signature_pad import SignaturePad
from .widgets import error_label, key_button

MAX_ATTACHMENT = 50 * 1024 * 1024
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size
SaveConsent = Callable[[ConsentRecord, dict[str, tuple[str, bytes]]], ConsentRecord]


def _big(label: QLabel, points: int) -> QLabel:
    font = QFont(label.font())
    font.setPointSize(points)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class YesNo(QWidget):
    """A pair of large buttons, neither pressed at first: an explicit answer is required."""

    changed = Signal()

    def __init__(self, accessible: str, points: int = 14, parent=None):
        super().__init__(parent)
        self.yes = QPushButton(self.tr("Yes"))
        self.no = QPushButton(self.tr("No"))
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            button.setCheckable(True)
            button.setMinimumHeight(28 + points * 2)
            button.setMinimumWidth(110)
            font = QFont(button.font())
            font.setPointSize(points)
            button.setFont(font)
            self.group.addButton(button)
        # The focus must show from across a table: a thick blue border, whatever the style.
        frame = ("QPushButton { border: 2px solid #90a4ae; border-radius: 6px; "
                 "background: #fafafa; padding: 4px 12px; } "
                 "QPushButton:focus { border: 4px solid #1565c0; } ")  # fmt: skip
        self.yes.setStyleSheet(frame + "QPushButton:checked { background: #1b5e20; "
                               "color: white; font-weight: bold; }")  # fmt: skip
        self.no.setStyleSheet(frame + "QPushButton:checked { background: #8e1b1b; "
                              "color: white; font-weight: bold; }")  # fmt: skip
        self.yes.setAccessibleName(self.tr("Yes: {0}").format(accessible))
        self.no.setAccessibleName(self.tr("No: {0}").format(accessible))
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addStretch(1)

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None


class ItemQuestion(QWidget):
    """One consent item. Y or N answers it when the focus is inside. Sharing then asks about
    each partner organisation: the focus moves to the first one not yet answered, and Y or N
    answers the organisation with the focus, moving on to the next. Being credited then asks
    for the name to credit them as: Y puts the focus in that field, where Y and N are letters
    of the name."""

    changed = Signal()
    answered_by_key = Signal()  # a Y or N press; in one-page mode the focus moves on

    def __init__(self, item: ConsentItem, partners: tuple[str, ...], reader: ReadAloud,
                 parent=None):  # fmt: skip
        super().__init__(parent)
        self.item = item
        self.wording = _big(QLabel(item.wording), 17)
        self.wording.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_buttons = YesNo(item.wording, 16)
        self.answer_buttons.changed.connect(self._update)
        read = QPushButton(self.tr("Read aloud"))
        read.setVisible(reader.available)
        read.clicked.connect(lambda: reader.say(item.wording))
        layout = QVBoxLayout(self)
        layout.addWidget(self.wording)
        if item.required:
            layout.addWidget(QLabel(self.tr("Needed to take part in the workshop.")))
        row = QHBoxLayout()
        row.addWidget(self.answer_buttons, 1)
        row.addWidget(read)
        layout.addLayout(row)
        self.partner_box = QGroupBox(self.tr("Share with each of these organisations?"))
        self.partner_answers: dict[str, YesNo] = {}
        partner_layout = QFormLayout(self.partner_box)
        for org in partners if item.key == SHARE else ():
            pair = YesNo(org, 11)
            pair.changed.connect(self._update)
            self.partner_answers[org] = pair
            label = QLabel(org)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(pair.yes)
            partner_layout.addRow(label, pair)
        layout.addWidget(self.partner_box)
        self.partner_box.hide()
        self.credit_box = QWidget()
        self.credit_name = QLineEdit()
        self.credit_name.setMaxLength(MAX_CREDIT)
        self.credit_name.setPlaceholderText(
            self.tr("the name they choose — not their real name unless they ask"))
        self.credit_name.setAccessibleName(self.tr("Credit them as"))
        self.credit_name.textChanged.connect(lambda _text: self.changed.emit())
        credit_label = _big(QLabel(self.tr("Credit &them as:")), 13)
        credit_label.setWordWrap(False)
        credit_label.setBuddy(self.credit_name)
        font = QFont(self.credit_name.font())
        font.setPointSize(13)
        self.credit_name.setFont(font)
        credit_layout = QFormLayout(self.credit_box)
        credit_layout.setContentsMargins(0, 0, 0, 0)
        credit_layout.addRow(credit_label, self.credit_name)
        layout.addWidget(self.credit_box)
        self.credit_box.hide()
        for key, value in ((Qt.Key.Key_Y, True), (Qt.Key.Key_N, False)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda v=value: self.key_answer(v))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.answer_buttons.yes)

    def answer(self) -> bool | None:
        return self.answer_buttons.answer()

    def partner_decisions(self) -> dict[str, bool]:
        if self.answer() is not True:
            return {}
        return {org: a for org, pair in self.partner_answers.items()
                if (a := pair.answer()) is not None}  # fmt: skip

    def asks_credit(self) -> bool:
        return self.item.key == CREDIT

    def credit(self) -> str:
        """The name typed to credit them as, while they want a credit; else ""."""
        if not self.asks_credit() or self.answer() is not True:
            return ""
        return " ".join(self.credit_name.text().split())

    def is_complete(self) -> bool:
        if self.answer() is None:
            return False
        if self.answer() is False:
            return True
        if self.asks_credit() and not self.credit():
            return False
        return len(self.partner_decisions()) == len(self.partner_answers)

    def key_answer(self, value: bool) -> None:
        """Y or N: answer the partner organisation with the focus, else the question itself;
        then put the focus on the next organisation still to answer."""
        focus = QApplication.focusWidget()
        shown = not self.partner_box.isHidden()
        pair = next((p for p in self.partner_answers.values()
                     if shown and focus in (p.yes, p.no)), None)  # fmt: skip
        target = pair or self.answer_buttons
        (target.yes if value else target.no).click()
        if pair is not None or self.answer() is True:
            self.focus_partner(after=pair)
        if self.asks_credit() and self.answer() is True:
            self.credit_name.setFocus(Qt.FocusReason.TabFocusReason)
        self.answered_by_key.emit()

    def focus_partner(self, org: str | None = None, after: YesNo | None = None) -> None:
        """Focus organisation `org`, or the first still to answer (after `after`)."""
        pairs = list(self.partner_answers.values())
        if org is not None:
            pairs = [self.partner_answers[org]]
        elif after is not None:
            pairs = pairs[pairs.index(after) + 1:] + pairs[: pairs.index(after)]
        pending = [p for p in pairs if org is not None or p.answer() is None]
        if pending and not self.partner_box.isHidden():
            pending[0].yes.setFocus(Qt.FocusReason.TabFocusReason)

    def _update(self) -> None:
        self.partner_box.setVisible(bool(self.partner_answers) and self.answer() is True)
        self.credit_box.setVisible(self.asks_credit() and self.answer() is True)
        self.changed.emit()


class MethodPage(QWidget):
    """How consent was given, with its evidence; guardian details for under-16s."""

    def __init__(self, participant: Participant, facilitator: str, parent=None):
        super().__init__(parent)
        self.attachments: dict[str, tuple[str, bytes]] = {}
        heading = _big(QLabel(self.tr("How was consent given?")), 15)
        self.methods = QButtonGroup(self)
        self.signature_radio = key_button(QRadioButton(self.tr("Signed on screen")), "Alt+I")
        self.verbal_radio = key_button(
            QRadioButton(self.tr("Verbal, witnessed by a facilitator")), "Alt+V"
        )
        self.paper_radio = key_button(QRadioButton(self.tr("Paper form")), "Alt+P")
        radios = QHBoxLayout()
        for method, radio in ((Method.SIGNATURE, self.signature_radio),
                              (Method.VERBAL, self.verbal_radio),
                              (Method.PAPER, self.paper_radio)):  # fmt: skip
            self.methods.addButton(radio)
            radio.setProperty("method", method.value)
            radios.addWidget(radio)
        radios.addStretch(1)
        self.details = QStackedWidget()
        self.details.addWidget(QLabel(self.tr("Choose how consent was given.")))

        self.signature = SignaturePad()
        clear = QPushButton(self.tr("Cl&ear signature"))
        clear.clicked.connect(self.signature.clear)
        sign_page = QWidget()
        sign_layout = QVBoxLayout(sign_page)
        sign_layout.addWidget(self.signature)
        sign_layout.addWidget(clear, 0, Qt.AlignmentFlag.AlignLeft)
        self.details.addWidget(sign_page)

        self.witness = QLineEdit(facilitator)
        self.witness.setPlaceholderText(self.tr("Name of the facilitator who heard it"))
        self.audio_label = QLabel(self.tr("No recording attached (optional)."))
        attach_audio = QPushButton(self.tr("Attach a &recording…"))
        attach_audio.clicked.connect(
            lambda: self._attach(
                "verbal_audio",
                self.tr("Audio (*.wav *.mp3 *.m4a *.ogg *.opus *.flac)"),
                self.audio_label,
            )
        )
        from .short_recorder import ShortRecorder, input_available  # Qt Multimedia: on demand

        self.recorder = ShortRecorder(parent=self)
        self.record_button = QPushButton(self.tr("● Record them saying it"))
        self.record_button.setCheckable(True)
        self.record_button.setVisible(input_available())
        self.record_button.toggled.connect(self._toggle_recording)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(10)
        self.meter.setAccessibleName(self.tr("Microphone level"))
        self.meter.hide()
        self.recorder.level.connect(lambda v: self.meter.setValue(int(v * 100)))
        self.recorder.elapsed.connect(
            lambda s: self.audio_label.setText(self.tr("Recording… {0:.0f} s").format(s))
        )
        self.recorder.finished.connect(self._recorded)
        self.recorder.failed.connect(self.audio_label.setText)
        verbal_page = QWidget()
        verbal_form = QFormLayout(verbal_page)
        verbal_form.addRow(self.tr("&Witness:"), self.witness)
        record_row = QHBoxLayout()
        record_row.addWidget(self.record_button)
        record_row.addWidget(attach_audio)
        record_row.addStretch(1)
        verbal_form.addRow(record_row)
        verbal_form.addRow(self.meter)
        verbal_form.addRow(self.audio_label)
        self.details.addWidget(verbal_page)

        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("The number written on the paper form"))
        self.scan_label = QLabel(self.tr("No scan attached (optional)."))
        attach_scan = QPushButton(self.tr("Import a s&can…"))
        attach_scan.clicked.connect(
            lambda: self._attach(
                "paper_scan",
                self.tr("Images and PDFs (*.png *.jpg *.jpeg *.pdf *.tif *.tiff)"),
                self.scan_label,
            )
        )
        paper_page = QWidget()
        paper_form = QFormLayout(paper_page)
        paper_form.addRow(self.tr("Re&ference:"), self.reference)
        paper_form.addRow(attach_scan, self.scan_label)
        self.details.addWidget(paper_page)
        self.methods.buttonToggled.connect(self._method_changed)

        self.given_at = DateField(dt.datetime.now(), with_time=True)
        self.guardian_box = QGroupBox(self.tr("Parent or guardian (needed for under-16s)"))
        self.guardian_name = QLineEdit()
        self.guardian_relationship = QLineEdit()
        self.guardian_relationship.setPlaceholderText(self.tr("e.g. mother, foster carer"))
        guardian_form = QFormLayout(self.guardian_box)
        guardian_form.addRow(self.tr("Na&me:"), self.guardian_name)
        guardian_form.addRow(self.tr("Re&lationship:"), self.guardian_relationship)
        self.guardian_box.setVisible(needs_guardian(participant.age_band))
        self.capacity = QPlainTextEdit()
        self.capacity.setPlaceholderText(
            self.tr("Optional: note any concern about this person's capacity to consent")
        )
        self.capacity.setMaximumHeight(70)
        self.capacity.setTabChangesFocus(True)
        self.capacity.setAccessibleName(self.tr("Capacity concern"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(radios)
        layout.addWidget(self.details)
        form = QFormLayout()
        form.addRow(self.tr("&Date and time:"), self.given_at)
        layout.addLayout(form)
        layout.addWidget(self.guardian_box)
        layout.addWidget(self.capacity)

    def _toggle_recording(self, on: bool) -> None:
        if on:
            self.meter.show()
            self.record_button.setText(self.tr("■ Stop recording"))
            self.recorder.start()
            if not self.recorder.recording:
                self.record_button.setChecked(False)
        else:
            self.recorder.stop()

    def _recorded(self, wav: bytes) -> None:
        self.meter.hide()
        self.record_button.blockSignals(True)
        self.record_button.setChecked(False)
        self.record_button.blockSignals(False)
        self.record_button.setText(self.tr("● Record again"))
        seconds = max(0, len(wav) - 44) / (2 * 48_000)
        self.set_attachment("verbal_audio", "audio/wav", wav)
        self.audio_label.setText(self.tr("Recorded {0:.1f} s; it is stored with the record.")
                                 .format(seconds))  # fmt: skip

    def method(self) -> Method | None:
        button = self.methods.checkedButton()
        return Method(button.property("method")) if button else None

    def _method_changed(self, *_args) -> None:
        order = [None, Method.SIGNATURE, Method.VERBAL, Method.PAPER]
        self.details.setCurrentIndex(order.index(self.method()))

    def set_attachment(self, kind: str, mime: str, data: bytes, label: QLabel | None = None,
                       name: str = "") -> None:  # fmt: skip
        self.attachments[kind] = (mime, data)
        if label is not None:
            label.setText(self.tr("Attached: {0} ({1} KB)").format(name, len(data) // 1024))

    def _attach(self, kind: str, pattern: str, label: QLabel) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file"),
                                              str(documents_folder()), pattern)  # fmt: skip
        if not path:
            return
        file = Path(path)
        try:
            if file.stat().st_size > MAX_ATTACHMENT:
                label.setText(self.tr("That file is larger than 50 MB; choose a shorter one."))
                return
            data = file.read_bytes()
        except OSError as exc:
            label.setText(self.tr("Could not read that file: {0}").format(exc.strerror))
            return
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.set_attachment(kind, mime, data, label, file.name)

    def evidence(self) -> set[str]:
        """The kinds of attachment that go with the chosen method: a signature drawn, a
        recording of verbal consent, a scan of the paper form."""
        method = self.method()
        kinds = set()
        if method is Method.SIGNATURE and not self.signature.is_empty():
            kinds.add("signature")
        if method is Method.VERBAL and "verbal_audio" in self.attachments:
            kinds.add("verbal_audio")
        if method is Method.PAPER and "paper_scan" in self.attachments:
            kinds.add("paper_scan")
        return kinds

    def collected_attachments(self) -> dict[str, tuple[str, bytes]]:
        return {kind: ("image/png", self.signature.to_png()) if kind == "signature"
                else self.attachments[kind] for kind in self.evidence()}  # fmt: skip


class _ReviewRow:
    """One line of the review: number, wording, the answer in words, and Change."""

    def __init__(self, page: ReviewPage, row: int, number: str, text: str, points: int,
                 index: int, org: str = ""):  # fmt: skip
        self.number = _big(QLabel(number), points)
        self.wording = _big(QLabel(text), points)
        self.wording.setTextFormat(Qt.TextFormat.PlainText)
        if org:
            self.wording.setContentsMargins(24, 0, 0, 0)
        self.answer = _big(QLabel(), points)
        self.answer.setWordWrap(False)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)  # a credit name is typed text
        self.words = {True: page.tr("✓ Yes"), False: page.tr("✗ No")}
        self.credited = page.tr("{0}, as “{1}”")  # ✓ Yes, and the name to credit them as
        self.button = QPushButton(page.tr("Change"))
        self.button.setAccessibleName(page.tr("Change: {0}").format(text))
        self.button.clicked.connect(lambda _checked=False: page.change.emit(index, org))
        top = Qt.AlignmentFlag.AlignTop
        for column, widget in enumerate((self.number, self.wording, self.answer, self.button)):
            page.grid.addWidget(widget, row, column, top)

    def show(self, answer: bool | None, credit: str = "") -> None:
        for widget in (self.number, self.wording, self.answer, self.button):
            widget.setVisible(answer is not None)
        words = self.words[bool(answer)]
        text = self.credited.format(words, credit) if answer and credit else words
        self.answer.setText(text)
        self.answer.setStyleSheet(f"color: {'#1b5e20' if answer else '#8e1b1b'}; "
                                  "font-weight: bold;")  # fmt: skip
        # A long credit name wraps in a column of its own width, so the wording and the
        # Change buttons stay in view; the answers in a word stay on one line.
        bold = QFont(self.answer.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        room = metrics.averageCharWidth() * 24
        wide = metrics.horizontalAdvance(text) > room
        self.answer.setWordWrap(wide)
        if wide:
            self.answer.setFixedWidth(room)
        else:
            self.answer.setMinimumWidth(0)
            self.answer.setMaximumWidth(QWIDGETSIZE_MAX)


class ReviewPage(QWidget):
    """Every answer (and each partner decision) before the person signs, each with a Change
    button that goes back to that question; the dialog then comes back here. The rows are
    made once (a partner's row shows while sharing is agreed), so the focus is never left on
    a button that has gone."""

    change = Signal(int, str)  # question index, partner organisation ("" for the question)

    def __init__(self, questions: list[ItemQuestion], parent=None):
        super().__init__(parent)
        self.questions = questions
        heading = _big(QLabel(self.tr("Check the answers with the person")), 15)
        rows = QWidget()
        self.grid = QGridLayout(rows)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(6)
        self.rows: list[tuple[_ReviewRow, dict[str, _ReviewRow]]] = []
        line = 0
        for index, question in enumerate(questions):
            row = _ReviewRow(self, line, f"{index + 1}.", question.item.wording, 13, index)
            line += 1
            partners = {}
            for org in question.partner_answers:
                partners[org] = _ReviewRow(self, line, "", self.tr("Share with {0}").format(org),
                                           11, index, org)  # fmt: skip
                line += 1
            self.rows.append((row, partners))
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(rows)
        holder_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.scroll, 1)

    def refresh(self) -> None:
        for question, (row, partners) in zip(self.questions, self.rows, strict=True):
            row.show(question.answer(), question.credit())
            decisions = question.partner_decisions()
            for org, partner_row in partners.items():
                partner_row.show(decisions.get(org))

    def change_buttons(self) -> list[QPushButton]:
        """The Change buttons showing, top to bottom."""
        buttons = [b for row, partners in self.rows
                   for b in (row.button, *(p.button for p in partners.values()))]  # fmt: skip
        return [b for b in buttons if not b.isHidden()]


class ConsentDialog(Dialog):
    def __init__(
        self,
        participant: Participant,
        form: ConsentForm,
        save: SaveConsent,
        facilitator: str = "",
        reader: ReadAloud | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record consent — {0}").format(participant.pseudonym))
        self.participant, self.form, self._save = participant, form, save
        self.reader = reader or ReadAloud(self)
        self.saved: ConsentRecord | None = None
        self._changing = False  # a Change from the review page: Next goes back there

        header = QLabel(
            self.tr("Consent for <b>{0}</b> · form “{1}”, version {2}").format(
                participant.pseudonym, form.title.replace("<", "&lt;"), form.version
            )
        )
        self.progress = QLabel()
        self.one_page = key_button(QCheckBox(self.tr("Show all questions on one page")), "Alt+A")
        self.one_page.toggled.connect(self._set_one_page)

        self.stack = QStackedWidget()
        intro = QWidget()
        intro_layout = QVBoxLayout(intro)
        title = _big(QLabel(form.title), 20)
        title.setTextFormat(Qt.TextFormat.PlainText)
        information = _big(QLabel(form.information), 13)
        information.setTextFormat(Qt.TextFormat.PlainText)
        read_info = QPushButton(self.tr("Read aloud"))
        read_info.setVisible(self.reader.available)
        read_info.clicked.connect(lambda: self.reader.say(f"{form.title}. {form.information}"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(title)
        holder_layout.addWidget(information)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        intro_layout.addWidget(scroll)
        intro_layout.addWidget(read_info, 0, Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(intro)

        self.questions = [ItemQuestion(item, form.partners, self.reader) for item in form.items]
        self.question_pages: list[QWidget] = []
        for question in self.questions:
            question.changed.connect(self._update_buttons)
            question.answered_by_key.connect(lambda q=question: self._answered_by_key(q))
            page = QScrollArea()  # a question sits at the top; long wording scrolls
            page.setWidgetResizable(True)
            page.setFrameShape(QScrollArea.Shape.NoFrame)
            page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes Yes, No, organisations
            holder = QWidget()
            page_layout = QVBoxLayout(holder)
            page_layout.addWidget(question)
            page_layout.addStretch(1)
            page.setWidget(holder)
            self.question_pages.append(page)
            self.stack.addWidget(page)
        self.all_page = QScrollArea()
        self.all_page.setWidgetResizable(True)
        self.all_holder = QWidget()
        QVBoxLayout(self.all_holder)
        self.all_page.setWidget(self.all_holder)
        self.stack.addWidget(self.all_page)
        self.review_page = ReviewPage(self.questions)
        self.review_page.change.connect(self.change_answer)
        self.stack.addWidget(self.review_page)
        self.method_page = MethodPage(participant, facilitator)
        self.method_page.methods.buttonToggled.connect(lambda *_: self._update_buttons())
        self.stack.addWidget(self.method_page)
        self.change_keys: list[QShortcut] = []
        for index in range(min(9, len(self.questions))):  # on the review page, 1-9 change
            shortcut = QShortcut(QKeySequence(str(index + 1)), self)
            shortcut.activated.connect(lambda i=index: self.change_answer(i))
            shortcut.setEnabled(False)
            self.change_keys.append(shortcut)

        self.error = error_label("consentError")
        self.refusal = Refusal(self.error, self, self._rule_problem)
        self.back = key_button(QPushButton(self.tr("‹ Back")), "Alt+B")
        self.back.clicked.connect(lambda: self._go(-1))
        self.next = key_button(QPushButton(self.tr("Next ›")), "Alt+N")
        self.next.clicked.connect(lambda: self._go(+1))
        self.save_button = key_button(QPushButton(self.tr("Save consent")), "Alt+S")
        self.save_button.clicked.connect(self._save_clicked)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.one_page)
        buttons.addStretch(1)
        for button in (self.back, self.next, self.save_button, cancel):
            buttons.addWidget(button)
        self.keys_hint = QLabel()
        self.keys_hint.setObjectName("consentKeys")
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setAlignment(Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(header, 1)
        top.addWidget(self.progress)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.keys_hint)
        self._fit_to_screen(760, 620)
        self._sequence: list[QWidget] = []
        self._set_one_page(False)

    def _fit_to_screen(self, width: int, height: int) -> None:
        """760×620, or less on a small screen (1280×720 with a panel), leaving room for the
        window's frame."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 20), min(height, room.height() - 60)
        self.resize(width, height)

    # navigation ----------------------------------------------------------------------------
    def _set_one_page(self, one_page: bool) -> None:
        current = self.stack.currentWidget()
        all_layout = self.all_holder.layout()
        while all_layout.count():
            all_layout.takeAt(0)
        for question, page in zip(self.questions, self.question_pages, strict=True):
            if one_page:
                all_layout.addWidget(question)
            else:
                page.widget().layout().insertWidget(0, question)
        if one_page:
            all_layout.addStretch(1)
        middle = [self.all_page] if one_page else list(self.question_pages)
        self._sequence = [self.stack.widget(0), *middle, self.review_page, self.method_page]
        if current in (self.all_page, *self.question_pages):
            current = middle[0]
        self._show(current if current in self._sequence else self._sequence[0])

    def _go(self, step: int) -> None:
        current = self.stack.currentWidget()
        if step > 0 and self._changing and current in (self.all_page, *self.question_pages):
            self._show(self.review_page)  # the changed answer: back to the review
            return
        index = self._sequence.index(current) + step
        self._show(self._sequence[max(0, min(index, len(self._sequence) - 1))])

    def change_answer(self, index: int, org: str = "") -> None:
        """From the review page: go to question `index` (and partner `org`); Next returns."""
        if self.stack.currentWidget() is not self.review_page:
            return
        question = self.questions[index]
        self._changing = True
        self._show(self.all_page if self.one_page.isChecked() else self.question_pages[index])
        if org:
            question.focus_partner(org)
        else:
            question.setFocus(Qt.FocusReason.TabFocusReason)
        if self.one_page.isChecked():
            self.all_page.ensureWidgetVisible(question)

    def _answered_by_key(self, question: ItemQuestion) -> None:
        """All on one page: once a question is answered, the focus moves to the next one
        still to answer, so Y and N go down the page."""
        if self.stack.currentWidget() is not self.all_page or not question.is_complete():
            return
        start = self.questions.index(question) + 1
        after = self.questions[start:] + self.questions[:start]
        pending = next((q for q in after if not q.is_complete()), None)
        if pending is not None:
            pending.setFocus(Qt.FocusReason.TabFocusReason)
            self.all_page.ensureWidgetVisible(pending)

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self.refusal.hide()
        index = self._sequence.index(page)
        count = len(self.questions)
        if page is self.review_page:
            self._changing = False
            self.review_page.refresh()
        changing = self._changing and page in (self.all_page, *self.question_pages)
        if page in self.question_pages:
            number = self.question_pages.index(page) + 1
            self.progress.setText(self.tr("Question {0} of {1}").format(number, count))
            self.questions[number - 1].setFocus()
        elif page is self.all_page:
            self.progress.setText(self.tr("All {0} questions").format(count))
            self.questions[0].setFocus()
        elif page is self.review_page:
            self.progress.setText(self.tr("Check the answers"))
            self.review_page.change_buttons()[0].setFocus()
        elif page is self.method_page:
            self.progress.setText(self.tr("How consent was given"))
        else:
            self.progress.setText(self.tr("Information"))
        for shortcut in self.change_keys:
            shortcut.setEnabled(page is self.review_page)
        last = index == len(self._sequence) - 1
        self.back.setEnabled(index > 0)
        self.next.setVisible(not last)
        self.next.setText(self.tr("Back to the review ›") if changing else self.tr("Next ›"))
        self.save_button.setVisible(last)
        self.keys_hint.setText(self._keys_text(page, changing))
        self.settle_keys()
        self._update_buttons()

    def _keys_text(self, page: QWidget, changing: bool) -> str:
        """The keys of the page, in plain words, under the buttons."""
        enter = self.tr("Enter back to the review") if changing else self.tr("Enter next")
        back = self.tr("Alt+B back")
        if page in self.question_pages:
            question = self.questions[self.question_pages.index(page)]
            if question.partner_answers:
                answer = self.tr("Y yes · N no (then for each organisation)")
            elif question.asks_credit():
                answer = self.tr("Y yes (then type the name) · N no")
            else:
                answer = self.tr("Y yes · N no")
            return " · ".join((answer, enter, back))
        if page is self.all_page:
            return " · ".join((self.tr("Y yes · N no, down the page"), enter, back))
        if page is self.review_page:
            keys = len(self.change_keys)
            numbers = (self.tr("1–{0} or Change: change that answer").format(keys) if keys > 1
                       else self.tr("1 or Change: change that answer"))  # fmt: skip
            return " · ".join((numbers, enter, back))
        if page is self.method_page:
            return " · ".join((self.tr("Alt+I signed · Alt+V verbal · Alt+P paper"),
                               self.tr("Enter or Alt+S save"), back))  # fmt: skip
        return " · ".join((enter, self.tr("Alt+A all questions on one page")))

    def primary_button(self):
        return self.next if self.next.isVisibleTo(self) else self.save_button

    def _page_complete(self) -> bool:
        page = self.stack.currentWidget()
        if page in self.question_pages:
            return self.questions[self.question_pages.index(page)].is_complete()
        if page in (self.all_page, self.review_page):
            return all(q.is_complete() for q in self.questions)
        return True

    def _update_buttons(self) -> None:
        self.next.setEnabled(self._page_complete())
        self.save_button.setEnabled(
            self.method_page.method() is not None and all(q.is_complete() for q in self.questions)
        )

    # saving --------------------------------------------------------------------------------
    def record(self) -> ConsentRecord:
        page = self.method_page
        partners: dict[str, bool] = {}
        for question in self.questions:
            partners.update(question.partner_decisions())
        return ConsentRecord(
            id="",
            participant_id=self.participant.id,
            form_id=self.form.id,
            form_version=self.form.version,
            form_hash=self.form.content_hash,
            given_at=page.given_at.date_time().astimezone(dt.timezone.utc),
            method=page.method() or Method.SIGNATURE,
            decisions={q.item.key: q.answer() for q in self.questions if q.answer() is not None},
            partner_decisions=partners,
            credit_name=next((q.credit() for q in self.questions if q.asks_credit()), ""),
            witness=page.witness.text(),
            paper_reference=page.reference.text(),
            guardian_name=page.guardian_name.text(),
            guardian_relationship=page.guardian_relationship.text(),
            capacity_concern=page.capacity.toPlainText(),
        )

    def _rule_problem(self) -> str | None:
        """What the consent rules say about the record as the dialog stands (the same check
        the save makes), so a refusal goes as soon as its cause is fixed."""
        evidence = self.method_page.evidence()
        try:
            record = replace(self.record(), has_signature="signature" in evidence,
                             has_verbal_audio="verbal_audio" in evidence,
                             has_scan="paper_scan" in evidence)  # fmt: skip
            validate_record(record, self.form, self.participant.age_band)
        except ValidationError as exc:
            return str(exc)
        return None

    def _save_clicked(self) -> None:
        if not check_dates(self.method_page):
            return
        try:
            self.saved = self._save(self.record(), self.method_page.collected_attachments())
        except (ValidationError, ProjectError) as exc:
            self.refusal.show(str(exc))
            return
        self.reader.stop()
        self.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()  # asks first when answers would be lost
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        # the title bar's close button asks too; a close from the program (locking) does not
        if event.spontaneous() and self.isVisible() and not self._may_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def cancel(self) -> None:
        """Escape, Cancel or the window's close button: the answers given so far are lost,
        so the facilitator is asked first. (Locking the project closes without asking.)"""
        if self._may_discard():
            self.reject()

    def _may_discard(self) -> bool:
        started = any(q.answer() is not None for q in self.questions) or (
            self.method_page.method() is not None)  # fmt: skip
        if not started:
            return True
        answer = QMessageBox.question(
            self, self.tr("Stop recording consent?"),
            self.tr("The answers given so far for {0} will not be saved. Stop anyway?").format(
                self.participant.pseudonym),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def done(self, result: int) -> None:
        self.method_page.recorder.stop()  # never leave the microphone open
        super().done(result)
