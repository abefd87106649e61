"""The Reciprocity page: what each participant received for taking part, by pseudonym, with
filters by person and kind; the totals by kind and by session; a warning in words for anyone
whose payments passed the project's benefits threshold in some period; a payment letter for the
selected person (Ctrl+Shift+L) and the threshold's settings."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QToolButton

from coprod_desktop.domain.reciprocity import (
    KINDS,
    METHODS,
    RECEIPTS,
    Entry,
    money,
    summarise,
)
from coprod_desktop.domain.words import QT_TR_NOOP

from .messages import guard, report_failure
from .models import ListTableModel, warning_colour
from .reciprocity_dialogs import EntryDialog, ThresholdDialog
from .record_tab import RecordTab
from .tasks import Operation, TaskRunner
from .translation import tr
from .widgets import details_label

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project

ALL = "all"


class ReciprocityPage(RecordTab):
    LISTENS = frozenset({"reciprocity", "participant", "session"})
    noun = "reciprocity"  # the kind its service undoes
    free_column = 7  # the description

    def __init__(self, project: Project, undo_stack: QUndoStack, runner: TaskRunner,
                 parent=None):  # fmt: skip
        self._pseudonyms: dict[str, str] = {}
        self._sessions: dict[str, str] = {}
        self._over: dict = {}
        self.letter_action: QAction | None = None
        model = ListTableModel([
            (QT_TR_NOOP("Date"), lambda e: f"{e.on:%d %b %Y}", lambda e: e.on.isoformat()),
            (QT_TR_NOOP("Pseudonym"), self._who),
            (QT_TR_NOOP("Kind"), lambda e: tr(KINDS[e.kind])),
            (QT_TR_NOOP("Amount"), lambda e: money(e.amount), lambda e: e.amount),
            (QT_TR_NOOP("How given"), lambda e: tr(METHODS.get(e.method, e.method))),
            (QT_TR_NOOP("Session"), lambda e: self._sessions.get(e.session_id or "", "")),
            (QT_TR_NOOP("Receipt"), self._receipt),
            (QT_TR_NOOP("Description"), lambda e: e.description),
        ])  # fmt: skip
        super().__init__(project, self.tr("Reciprocity"), model, undo_stack, parent)
        model.setParent(self)
        self.add_action.setText(self.tr("&Add what was given…"))
        self.edit_action.setText(self.tr("&Edit entry…"))
        self.delete_action.setText(self.tr("&Delete entry"))

        self.letter_action = QAction(self.tr("Payment &letter (PDF)…"), self)
        self.letter_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.letter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.letter_action.setToolTip(self.tr("A one-page letter for the selected person of what "
                                              "they received in the threshold's period "
                                              "(Ctrl+Shift+L)"))  # fmt: skip
        # not connected directly: triggered(bool) would pass False as the target
        self.letter_action.triggered.connect(lambda: self.letter_for_current())
        self.addAction(self.letter_action)
        self.threshold_action = QAction(self.tr("&Threshold…"), self)
        self.threshold_action.setToolTip(self.tr("When to warn that someone's payments may "
                                                 "need declaring to benefits agencies"))
        self.threshold_action.triggered.connect(self.edit_threshold)
        for action in (self.letter_action, self.threshold_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.commands.addWidget(button)
        self._letters = Operation(self, runner, project)

        self.person_filter = QComboBox()
        self.person_filter.setAccessibleName(self.tr("Show what one person received"))
        self.person_filter.addItem(self.tr("Everyone"), ALL)
        self.person_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Show one kind"))
        self.kind_filter.addItem(self.tr("All kinds"), ALL)
        for key, label in KINDS.items():
            self.kind_filter.addItem(tr(label), key)
        for box in (self.person_filter, self.kind_filter):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        who = QLabel(self.tr("&Person:"))
        who.setBuddy(self.person_filter)
        kind = QLabel(self.tr("Kin&d:"))
        kind.setBuddy(self.kind_filter)
        filters = QHBoxLayout()
        for widget in (who, self.person_filter, kind, self.kind_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.layout().insertLayout(1, filters)

        self.warning = QLabel()
        self.warning.setObjectName("thresholdWarning")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Benefits threshold warnings"))
        colour = warning_colour(self.palette()).name()
        self.warning.setStyleSheet(f"QLabel#thresholdWarning {{ color: {colour}; "
                                   "font-weight: bold; }")  # fmt: skip
        self.layout().insertWidget(2, self.warning)
        self.totals = details_label(self.tr("Totals by kind and by session"))
        self.details = details_label(self.tr("The selected entry and its person's period"))
        self.layout().addWidget(self.totals)
        self.layout().addWidget(self.details)
        self._update_actions()

    # the table ---------------------------------------------------------------------------------
    def _who(self, entry: Entry) -> str:
        name = self._pseudonyms.get(entry.participant_id, "?")
        return self.tr("{0} — over threshold").format(name) \
            if entry.participant_id in self._over else name  # fmt: skip

    def _receipt(self, entry: Entry) -> str:
        text = tr(RECEIPTS.get(entry.receipt, entry.receipt))
        return f"{text}: {entry.paper_reference}" if entry.receipt == "paper" else text

    # record tab ----------------------------------------------------------------------------------
    def service(self):
        return self.project.reciprocity

    def load(self) -> list[Entry]:
        service = self.project.reciprocity
        people = self.project.participants.list()
        self._pseudonyms = {p.id: p.pseudonym for p in people}
        sessions = self.project.sessions.list()
        self._sessions = {s.id: s.title for s in sessions}
        entries = service.list()
        self._over = service.warnings()
        self._fill_people(entries)
        self._show_totals(entries, {s.id: s.title for s in sessions})
        self._show_warnings()
        person, kind = self.person_filter.currentData(), self.kind_filter.currentData()
        return [e for e in entries if person in (ALL, e.participant_id)
                and kind in (ALL, e.kind)]  # fmt: skip

    def _fill_people(self, entries: list[Entry]) -> None:
        box = self.person_filter
        keep = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        ids = sorted({e.participant_id for e in entries},
                     key=lambda i: self._pseudonyms.get(i, "").casefold())  # fmt: skip
        for pid in ids:
            box.addItem(self._pseudonyms.get(pid, "?"), pid)
        box.setCurrentIndex(max(0, box.findData(keep)))
        box.blockSignals(False)

    def _show_totals(self, entries: list[Entry], titles: dict[str, str]) -> None:
        if not entries:
            self.totals.setText("")
            return
        whole = summarise(entries, titles, minimum=1)  # in the project: nothing folded
        kinds = "; ".join(f"{tr(line.label)} {money(line.amount)} ({line.people})"
                          for line in whole.by_kind)  # fmt: skip
        sessions = "; ".join(f"{line.label} {money(line.amount)} ({line.people})"
                             for line in whole.by_session)  # fmt: skip
        self.totals.setText("<br>".join([
            html.escape(self.tr("{0} in all to {1} people ({2} items).").format(
                money(whole.total), whole.people, whole.items)),
            f"<b>{html.escape(self.tr('By kind:'))}</b> {html.escape(kinds)}",
            f"<b>{html.escape(self.tr('By session:'))}</b> {html.escape(sessions)}",
        ]))  # fmt: skip

    def _show_warnings(self) -> None:
        threshold = self.project.reciprocity.threshold()
        lines = [self.tr("⚠ {0} received {1} in the {2} days to {3:%d %b %Y}, more than {4}: "
                         "it may need declaring to benefits agencies. Print them a payment "
                         "letter (Ctrl+Shift+L).").format(
                             self._pseudonyms.get(pid, "?"), money(check.total),
                             threshold.period_days, check.until, money(threshold.amount or 0))
                 for pid, check in self._over.items()]  # fmt: skip
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))

    def draft(self) -> Entry:
        person = self.person_filter.currentData()
        return self.project.reciprocity.draft(person if person != ALL else "")

    def store(self, record: Entry) -> Entry:
        self.project.reciprocity.save(record)
        return self.project.reciprocity.get(record.id)

    def make_dialog(self, record: Entry, save, is_new: bool) -> EntryDialog:
        if not is_new:
            record = self.project.reciprocity.get(record.id)  # with its signature
        return EntryDialog(record, self.project.participants.list(),
                           self.project.sessions.list(), save, is_new, self)  # fmt: skip

    def describe(self, record: Entry) -> str:
        return self.tr("{0} given to {1} on {2:%d %b %Y}").format(
            money(record.amount), self._pseudonyms.get(record.participant_id, "?"), record.on)

    def label(self, record: Entry) -> str:
        return (f"{KINDS[record.kind].lower()} for "
                f"{self._pseudonyms.get(record.participant_id, '?')}")

    def empty_text(self) -> str:
        if self.person_filter.currentIndex() or self.kind_filter.currentIndex():
            return self.tr("Nothing matches what is chosen above.")
        return self.tr("Nothing recorded yet. Add what a participant received for taking part "
                       "(Ctrl+Shift+N): a voucher, travel, childcare, food, training or a "
                       "certificate.")  # fmt: skip

    def show_current(self, entry: Entry | None) -> None:
        if entry is None:
            self.details.setText("")
            return
        check = self.project.reciprocity.check(entry.participant_id, entry.on)
        name = self._pseudonyms.get(entry.participant_id, "?")
        text = self.tr("{0} received {1} in the {2} days to {3:%d %b %Y}.").format(
            name, money(check.total), (check.until - check.since).days + 1, check.until)
        if check.over:
            text += " " + self.tr("That is over the threshold.")
        self.details.setText(html.escape(text))

    def _update_actions(self, *_args) -> None:
        super()._update_actions()
        if self.letter_action is not None:
            self.letter_action.setEnabled(self.current() is not None
                                          and not self._letters.running)  # fmt: skip

    # the threshold and the letter ----------------------------------------------------------------
    def edit_threshold(self) -> None:
        service = self.project.reciprocity
        dialog = ThresholdDialog(service.threshold(), service.set_threshold, self)
        if dialog.exec():
            self.refresh()
        dialog.deleteLater()

    def letter_for_current(self, target: Path | None = None) -> None:
        """Ask where to save the selected person's payment letter, then make it in the
        background (the whole project file is checked first). It covers the period the warning
        is about when they are over the threshold, else the period ending on their latest
        entry."""
        entry = self.current()
        if entry is None:
            return
        name = self._pseudonyms.get(entry.participant_id, "participant")
        if target is None:
            suggested = self.project.path.parent / f"{name} payment letter.pdf"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save {0}'s payment letter").format(name), str(suggested),
                self.tr("PDF (*.pdf)"))  # fmt: skip
            if not path:
                return
            target = Path(path)
        person = entry.participant_id
        # the period the warning is about, or the one ending on their latest entry
        over = self._over.get(person)
        until = over.until if over is not None else max(
            [e.on for e in self.project.reciprocity.list(person)] or [entry.on])

        def done(saved: Path) -> None:
            self._update_actions()
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    self.tr("Saved {0}. The file is not encrypted: give it to {1} or keep it "
                            "somewhere safe.").format(saved, name), 12000)  # fmt: skip

        def failed(exc: BaseException) -> None:
            self._update_actions()
            report_failure(self, self.tr("Could not save the payment letter"), exc)

        with guard(self, self.tr("Payment letter")):
            self._letters.start(lambda job: job.project.reciprocity.letter(
                person, target, until, lambda n, total, text: job.progress(n, total, text)),
                done, failed)  # fmt: skip
        self._update_actions()
