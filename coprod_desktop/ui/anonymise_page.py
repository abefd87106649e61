"""Review what the anonymiser found before anything leaves the project: accept (replace) or
reject (keep) each detection with A and R, keep always-remove and never-remove lists, and see
the text as it would leave. Scanning runs in the background with progress.

A detection in a clip's transcript can be bleeped in the audio (Ctrl+B): exactly over its words
when they have times (the clip was aligned or drafted), otherwise from the timestamp before it;
"Bleep every removed word" (Ctrl+Shift+B) bleeps at once every word the review removes from the
selected finding's clip. Each bleep is one undo step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.anonymise import KINDS, Pseudonymiser
from coprod_desktop.domain.clips import timestamp
from coprod_desktop.domain.words import QT_TR_NOOP, counted, pieces
from coprod_desktop.services.pack_text import outgoing

from .messages import guard, report_failure
from .project_page import ProjectPage
from .tasks import Operation
from .translation import tr
from .undo_commands import Undo
from .widgets import fill_sessions, fit_columns, key_button

COLUMNS = (QT_TR_NOOP("Where"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Found"),
           QT_TR_NOOP("In context"), QT_TR_NOOP("Why"), QT_TR_NOOP("Decision"),
           QT_TR_NOOP("Sure"))  # fmt: skip
GUESS = 0.8  # below this, a person found from lists and capitals is a guess, decided in groups
DECISION_TEXT = {None: QT_TR_NOOP("undecided"), "accept": QT_TR_NOOP("remove"),
                 "reject": QT_TR_NOOP("keep"),
                 "other": QT_TR_NOOP("someone else")}  # fmt: skip


class AnonymisePage(ProjectPage):
    LISTENS = frozenset({"participant", "clip", "board"})
    findings_changed = Signal()  # after a scan or a decision

    def __init__(self, project, runner, undo_stack=None, parent: QWidget | None = None):
        super().__init__(project, parent)
        self.undo_stack = undo_stack  # None in the pack wizard: its bleeps are not undone there
        self.findings: list = []
        self._document_order: dict = {}  # item -> its place in the material, as scanned
        self.scanned = False
        self._scope = None  # a function giving the items to check (the pack wizard's)
        self._sharing = None  # with a scope: who may be named by pseudonym where it goes
        self._scanning = Operation(self, runner, project)
        self._scanning.progressed.connect(lambda n, total, _text: self._show_progress(n, total))

        self.session_box = QComboBox()
        self.session_box.setAccessibleName(self.tr("Sessions to check"))
        self.scan_button = QPushButton(self.tr("Check for personal data"))
        key_button(self.scan_button, "F5")
        self.scan_button.setToolTip(self.tr("Look through notes, clip titles and transcripts (F5)"))
        self.scan_button.clicked.connect(self.scan)
        self.progress = QProgressBar()
        self.progress.hide()
        self.summary = QLabel(self.tr("Press “Check for personal data” to begin."))
        self.summary.setWordWrap(True)
        self.order = QComboBox()
        self.order.setAccessibleName(self.tr("Order of the detections"))
        self.order.addItems([self.tr("In the order they appear"), self.tr("Least certain first")])
        self.order.currentIndexChanged.connect(lambda _i: self._reorder())
        self.guesses = QLabel()
        self.guesses.setWordWrap(True)
        self.remove_guesses = QPushButton(self.tr("Remove them all"))
        self.remove_guesses.clicked.connect(lambda: self.decide_guesses("accept"))
        self.keep_guesses = QPushButton(self.tr("Keep them all"))
        self.keep_guesses.clicked.connect(lambda: self.decide_guesses("reject"))

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Detections"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        fit_columns(self.table, COLUMNS.index("In context"))
        self.table.itemSelectionChanged.connect(self._show_preview)

        self.accept_button = QPushButton(self.tr("Remove it (A)"))
        self.accept_button.clicked.connect(lambda: self.decide("accept"))
        self.reject_button = QPushButton(self.tr("Keep it (R)"))
        self.reject_button.clicked.connect(lambda: self.decide("reject"))
        self.other_button = QPushButton(self.tr("Someone else (O)"))
        self.other_button.setToolTip(self.tr("This name is not the registered participant's: "
                                             "remove it as [Person A], not as their "
                                             "pseudonym"))  # fmt: skip
        self.other_button.clicked.connect(lambda: self.decide("other"))
        self.deny_button = QPushButton(self.tr("Always remove…"))
        self.deny_button.setToolTip(self.tr("Add a word or phrase that must always be removed"))
        self.deny_button.clicked.connect(self.add_deny)
        self.allow_button = QPushButton(self.tr("Never remove this"))
        self.allow_button.setToolTip(self.tr("Add the found text to the never-remove list"))
        self.allow_button.clicked.connect(self.add_allow)
        self.bleep_button = key_button(QPushButton(self.tr("Bleep in the audio")), "Ctrl+B")
        self.bleep_button.setToolTip(self.tr(
            "Bleep these words in the clip: exactly, when the transcript is aligned; otherwise "
            "from the timestamp before them (Ctrl+B)"))  # fmt: skip
        self.bleep_button.clicked.connect(self.bleep)
        self.bleep_all_button = key_button(QPushButton(self.tr("Bleep every removed word")),
                                           "Ctrl+Shift+B")  # fmt: skip
        self.bleep_all_button.setToolTip(self.tr(
            "Bleep exactly every word this review removes from the selected finding's clip "
            "(its transcript must be aligned) (Ctrl+Shift+B)"))  # fmt: skip
        self.bleep_all_button.clicked.connect(self.bleep_removed)
        for keys, decision in (("A", "accept"), ("R", "reject"), ("O", "other")):
            shortcut = QShortcut(QKeySequence(keys), self.table,
                                 context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
            shortcut.activated.connect(lambda d=decision: self.decide(d))

        self.original = QPlainTextEdit()
        self.original.setReadOnly(True)
        self.original.setAccessibleName(self.tr("Original text"))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("As it would leave the project"))

        self.deny_list = QListWidget()
        self.deny_list.setAccessibleName(self.tr("Always remove"))
        self.allow_list = QListWidget()
        self.allow_list.setAccessibleName(self.tr("Never remove"))
        self.remove_term_button = QPushButton(self.tr("Take off the list"))
        self.remove_term_button.clicked.connect(self.remove_term)
        self.term_edit = QLineEdit()
        self.term_edit.setPlaceholderText(self.tr("A shop, a street, a nickname…"))
        self.term_edit.returnPressed.connect(self.add_deny)

        self.delete_action = QAction(self.tr("&Forget decision"), self)
        self.delete_action.triggered.connect(lambda: self.decide(None))
        self._layout()
        self._update_buttons()

    def _layout(self) -> None:
        top = QHBoxLayout()
        self.heading = QLabel(self.tr("<h2>Anonymise</h2>"))
        top.addWidget(self.heading)
        top.addWidget(self.session_box)
        top.addWidget(self.scan_button)
        top.addWidget(self.progress, 1)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.other_button,
                       self.allow_button, self.deny_button, self.bleep_button,
                       self.bleep_all_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.summary, 1)
        heading.addWidget(self.order)
        group = QHBoxLayout()
        group.addWidget(self.guesses, 1)
        group.addWidget(self.remove_guesses)
        group.addWidget(self.keep_guesses)
        column.addLayout(heading)
        column.addLayout(group)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel(self.tr("Original")))
        side.addWidget(self.original, 1)
        side.addWidget(QLabel(self.tr("As it would leave the project")))
        side.addWidget(self.preview, 1)
        side.addWidget(QLabel(self.tr("Always remove")))
        side.addWidget(self.deny_list, 1)
        side.addWidget(self.term_edit)
        side.addWidget(QLabel(self.tr("Never remove")))
        side.addWidget(self.allow_list, 1)
        side.addWidget(self.remove_term_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)  # the detections take the room; the texts keep theirs
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([800, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def set_scope(self, items, sharing: frozenset[str] = frozenset()) -> None:
        """Check only what `items()` gives (called off the GUI thread), not a session; the
        preview then shows the text as it leaves for there: only people in `sharing` by
        their pseudonym, anyone else as "[Participant 1]" …"""
        self._scope, self._sharing = items, sharing
        self.session_box.setVisible(items is None)

    def undecided(self) -> int:
        return sum(1 for f in self.findings if f.decision is None)

    # project -----------------------------------------------------------------------------
    def refresh(self) -> None:
        fill_sessions(self.session_box, self.project, self.tr("All sessions"))
        self._fill_terms()
        self._update_buttons()

    def _fill_terms(self) -> None:
        for widget, which in ((self.deny_list, "deny"), (self.allow_list, "allow")):
            widget.clear()
            for term_id, term, kind in self.project.anonymise.terms(which):
                label = f"{term} ({kind})" if which == "deny" else term
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, term_id)
                widget.addItem(item)

    # scanning ----------------------------------------------------------------------------
    def scan(self) -> None:
        if not self.scan_button.isEnabled():
            return
        session = self.session_box.currentData()
        self.scan_button.setEnabled(False)
        self.scanned = False
        self.findings_changed.emit()  # nothing counts as decided while checking again
        self.progress.setValue(0)
        self.progress.show()

        scope = self._scope

        def work(job):
            service = job.project.anonymise
            items = scope() if scope else service.material([session] if session else None)
            return service.review(items, lambda n, total: job.progress(n, total))

        self._scanning.start(work, self._scanned, self._failed)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _scanned(self, findings) -> None:
        self.progress.hide()
        self.scan_button.setEnabled(True)
        self.scanned = True
        self.findings = list(findings)
        items = dict.fromkeys(f.item for f in self.findings)
        self._document_order = {item: n for n, item in enumerate(items)}
        self._reorder()
        first = next((i for i, f in enumerate(self.findings) if f.decision is None), 0)
        if self.findings:
            self.table.selectRow(first)
            self.table.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.scan_button.setEnabled(True)
        if self.project.is_open:
            report_failure(self, self.tr("Anonymise"), exc)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.findings))
        for row, finding in enumerate(self.findings):
            self._fill_row(row, finding)
        self.table.blockSignals(False)
        self._update_summary()

    def _fill_row(self, row: int, finding) -> None:
        d = finding.detection
        values = (finding.item.label, d.kind.replace("_", " "), d.text, finding.context,
                  d.reason, tr(DECISION_TEXT[finding.decision]),
                  f"{round(d.confidence * 100)}%")  # fmt: skip
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def guesses_left(self) -> list:
        """Undecided people found only from name lists and capitals, less certain than GUESS."""
        return [f for f in self.findings if f.decision is None and f.detection.kind == "person"
                and f.detection.person is None and f.detection.confidence < GUESS]  # fmt: skip

    def decide_guesses(self, decision: str) -> None:
        """One answer for every less certain guess: a facilitator decides them in one pass."""
        group = self.guesses_left()
        if not group:
            return
        with guard(self, self.tr("Anonymise")) as outcome:
            decided = {id(f): d for f, d in zip(group, self.project.anonymise.decide_all(
                group, decision), strict=True)}  # fmt: skip
        if outcome.failed:
            return
        self.findings = [decided.get(id(f), f) for f in self.findings]
        self._fill_table()

    def _reorder(self) -> None:
        """Least certain first, or back in the order they appear; the selection stays."""
        _row, current = self.current()
        if self.order.currentIndex() == 1:
            self.findings.sort(key=lambda f: f.detection.confidence)
        else:  # as the scan found them: the items in the order of the material
            where = self._document_order
            self.findings.sort(key=lambda f: (where.get(f.item, len(where)), f.detection.start))
        self._fill_table()
        if current is not None:
            self.table.selectRow(self.findings.index(current))

    def _update_summary(self) -> None:
        guesses = len(self.guesses_left())
        self.guesses.setText(self.tr(
            "{0} that might be names (capitalised words or names from lists, less certain): "
            "decide them together, or one by one.").format(counted(
                guesses, self.tr("word"), self.tr("words"))))  # fmt: skip
        for widget in (self.guesses, self.remove_guesses, self.keep_guesses):
            widget.setVisible(guesses > 1)
        self.findings_changed.emit()
        undecided = self.project.anonymise.undecided(self.findings)
        items = len({f.item for f in self.findings})
        self.summary.setText(self.tr(
            "{0} in {1}; {2} still to decide. Up/Down to move, A to remove, R to keep, O for "
            "someone else with a participant's name.").format(
                pieces(len(self.findings)), counted(items, self.tr("text"), self.tr("texts")),
                undecided))  # fmt: skip

    def current(self):
        rows = self.table.selectionModel().selectedRows()
        return (rows[0].row(), self.findings[rows[0].row()]) if rows else (-1, None)

    def _show_preview(self) -> None:
        _row, finding = self.current()
        self._update_buttons()
        if finding is None:
            self.original.clear()
            self.preview.clear()
            return
        item = finding.item
        self.original.setPlainText(item.text)
        same = [f for f in self.findings if f.item == item]
        if self._scope is None:
            shown = self.project.anonymise.anonymised(item, same, Pseudonymiser())
        else:  # exactly as the pack or feedback will print it
            texts, _mentions = outgoing([item], same, self._sharing)
            shown = texts[(item.source_type, item.source_id)]
        self.preview.setPlainText(shown)

    def _update_buttons(self) -> None:
        _row, finding = self.current()
        for button in (self.accept_button, self.reject_button, self.allow_button):
            button.setEnabled(finding is not None)
        registered = finding is not None and finding.detection.person is not None
        self.other_button.setEnabled(registered)
        self.accept_button.setText(
            self.tr("Remove it as {0} (A)").format(finding.detection.person.pseudonym)
            if registered and finding.detection.person.pseudonym else self.tr("Remove it (A)"))
        in_clip = finding is not None and finding.item.source_type == "clip"
        self.bleep_button.setEnabled(in_clip)
        self.bleep_all_button.setEnabled(in_clip)
        self.scan_button.setEnabled(not self.progress.isVisible())

    # decisions ---------------------------------------------------------------------------
    def decide(self, decision: str | None) -> None:
        row, finding = self.current()
        if finding is None:
            return
        with guard(self, self.tr("Anonymise")) as outcome:
            self.findings[row] = self.project.anonymise.decide(finding, decision)
        if outcome.failed:
            return
        self._fill_row(row, self.findings[row])
        self._update_summary()
        if row + 1 < self.table.rowCount():
            self.table.selectRow(row + 1)
        else:
            self._show_preview()

    def add_allow(self) -> None:
        _row, finding = self.current()
        if finding is not None:
            self._add_term(finding.detection.text, "allow", "person")

    def add_deny(self) -> None:
        term = self.term_edit.text().strip()
        if not term:
            _row, finding = self.current()
            default = finding.detection.text if finding is not None else ""
            term, ok = QInputDialog.getText(self, self.tr("Always remove"),
                                            self.tr("Word or phrase to remove everywhere:"),
                                            text=default)  # fmt: skip
            if not ok or not term.strip():
                return
        kind, ok = QInputDialog.getItem(
            self, self.tr("Always remove"), self.tr("Replace it as:"), list(KINDS), 0, False
        )
        if ok:
            self._add_term(term, "deny", kind)
            self.term_edit.clear()

    def _add_term(self, term: str, which: str, kind: str) -> None:
        with guard(self, self.tr("Anonymise")) as outcome:
            self.project.anonymise.add_term(term, which, kind)
        if outcome.failed:
            return
        self._fill_terms()
        self.scan()  # the lists change what is found

    def remove_term(self) -> None:
        widget = self.deny_list if self.deny_list.currentItem() else self.allow_list
        item = widget.currentItem()
        if item is None:
            return
        self.project.anonymise.remove_term(item.data(Qt.ItemDataRole.UserRole))
        self._fill_terms()
        self.scan()

    def bleep(self) -> None:
        """Bleep the selected detection in its clip's audio: exactly when its words have
        times. One undo step."""
        row, finding = self.current()
        if finding is None:
            return
        service = self.project.anonymise
        with guard(self, self.tr("Anonymise")) as outcome:
            previous, (start, end), exact = service.bleep_from_transcript(finding)
            self._bleeped(self.tr("Bleep {0}").format(finding.detection.text), previous)
            self.findings[row] = service.decide(finding, "accept")
        if outcome.failed:
            return
        self._fill_row(row, self.findings[row])
        self._update_summary()
        if exact:
            text = self.tr("Bleeped exactly {0}–{1}").format(timestamp(start)[1:-1],
                                                             timestamp(end)[1:-1])  # fmt: skip
        elif previous.words:  # aligned, but the aligner could not place these words
            text = self.tr("“{0}” could not be placed in the audio, so the bleep runs from the "
                           "timestamp before it, {1} to {2}: listen to check it").format(
                               finding.detection.text, timestamp(start)[1:-1],
                               timestamp(end)[1:-1])  # fmt: skip
        else:
            text = self.tr("Bleep marked from {0} to {1} (the words have no times: align the "
                           "transcript for an exact bleep)").format(
                               timestamp(start)[1:-1], timestamp(end)[1:-1])  # fmt: skip
        self._status(text, 15000)

    def bleep_removed(self) -> None:
        """Bleep exactly every word the review removes from the selected finding's clip, as
        one undo step, then check again: the bleeped words no longer leave the project."""
        _row, finding = self.current()
        if finding is None or finding.item.source_type != "clip":
            return
        clip_id = finding.item.source_id
        with guard(self, self.tr("Anonymise")) as outcome:
            previous, added, missing = self.project.anonymise.bleep_removed_words(
                clip_id, self.findings)
            self._bleeped(self.tr("Bleep every removed word in {0}").format(previous.title),
                          previous)  # fmt: skip
        if outcome.failed:
            return
        text = self.tr("{0} in “{1}”.").format(
            counted(added, self.tr("bleep added"), self.tr("bleeps added")), previous.title)
        if missing:
            text += " " + self.tr("Not placed in the audio, so not bleeped: {0}. Bleep them "
                                  "with Ctrl+B (from their timestamp) or by hand.").format(
                                      ", ".join(f"“{m}”" for m in missing))  # fmt: skip
        self._status(text, 15000)
        self.scan()

    def _bleeped(self, text: str, previous) -> None:
        """After a bleep was added to the clip `previous` was: the undo step, and the notice
        that the clip changed (the Radio lab shows it)."""
        radio, clip_id = self.project.radio, previous.id
        after = radio.clip(clip_id).edits.bleeps
        before = previous.edits.bleeps

        def apply(bleeps) -> None:
            current = radio.clip(clip_id)
            if current is None:
                from coprod_desktop.domain.errors import ConflictError

                raise ConflictError("That clip is no longer in the project.")
            radio.save_clip(replace(current, edits=replace(current.edits, bleeps=bleeps)))

        if self.undo_stack is not None:
            self.undo_stack.push(Undo.telling(text, lambda: apply(after), lambda: apply(before),
                                              self.project.changes, "clip"))  # fmt: skip
        self.project.changes.tell("clip")

    def _status(self, text: str, ms: int = 10000) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, ms)
