"""The Safeguarding page's record tabs: the safeguarding log (overdue follow-ups first, in
words and in bold; the password-protected report made in the background) and the signposting
list (reordered, restored, printed as wallet cards or a poster in the background)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from coprod_desktop.domain.safeguarding import Concern
from coprod_desktop.domain.signposting import Signpost
from coprod_desktop.domain.words import QT_TR_NOOP, counted

from .messages import guard, report_failure, tell
from .models import ListTableModel, WarningModel
from .record_tab import RecordTab
from .safeguarding_dialogs import ConcernDialog, ReportDialog, SignpostDialog
from .tasks import Operation, TaskRunner
from .translation import tr
from .undo_commands import Undo
from .widgets import details_label

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project

FOLLOW_COLUMN = 4


def _status(page: QWidget, text: str, timeout: int = 0) -> None:
    window = page.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, timeout)


class ConcernsTab(RecordTab):
    noun = "safeguarding_concern"
    free_column = 1

    def __init__(self, project: Project, undo_stack: QUndoStack, runner: TaskRunner):
        self.today: Callable[[], dt.date] = dt.date.today
        self._sessions: dict[str, str] = {}
        super().__init__(project, self.tr("Safeguarding log"), WarningModel([
            (QT_TR_NOOP("Raised"), lambda c: f"{c.raised_at.astimezone():%d %b %Y %H:%M}",
             lambda c: c.raised_at),
            (QT_TR_NOOP("What happened"), lambda c: " ".join(c.what.split())),
            (QT_TR_NOOP("Lead"), lambda c: c.lead),
            (QT_TR_NOOP("Action taken"), lambda c: self._action(c)),
            (QT_TR_NOOP("Follow-up"), lambda c: self._follow(c), lambda c: self._follow_key(c)),
            (QT_TR_NOOP("Status"), lambda c: self.tr("Closed {0:%d %b %Y}").format(c.closed_on)
             if c.closed else self.tr("Open")),
        ], lambda c: bool(c.overdue(self.today())), FOLLOW_COLUMN), undo_stack)  # fmt: skip
        self.add_action.setText(self.tr("&Add concern…"))
        self.edit_action.setText(self.tr("&Edit concern…"))
        self.delete_action.setText(self.tr("&Delete concern"))
        self.model.setParent(self)
        self.heading.setText(self.tr("Safeguarding log"))
        self.report_action = QAction(self.tr("&Report (password-protected)…"), self)
        self.report_action.setToolTip(self.tr("The whole log as a PDF, always encrypted with a "
                                              "password; never part of a pack"))  # fmt: skip
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.report_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.report_action.triggered.connect(self.report)
        self.addAction(self.report_action)
        button = QToolButton()
        button.setDefaultAction(self.report_action)
        self.commands.addWidget(button)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.restricted = QLabel(self.tr("For facilitators only. Nothing in this log goes into "
                                         "a pack, feedback, a programme or anyone's own copy."))
        self.restricted.setWordWrap(True)
        self.layout().insertWidget(0, self.restricted)
        self.details = details_label(self.tr("The selected concern in full"))
        self.layout().addWidget(self.details)
        self._reporting = Operation(self, runner, project)
        self._reporting.progressed.connect(
            lambda _n, _t, text: _status(self, self.tr("{0}…").format(text)))

    def _action(self, c: Concern) -> str:
        if c.service:
            return self.tr("Referred to {0}").format(c.service)
        return tr(c.action.label)

    def _follow(self, c: Concern) -> str:
        late = c.overdue(self.today())
        if late:
            return self.tr("Overdue since {0:%d %b %Y}").format(late[0].due)
        pending = [f for f in c.follow_ups if f.done is None]
        if pending and not c.closed:
            return self.tr("Due {0:%d %b %Y}").format(pending[0].due)
        return ""

    def _follow_key(self, c: Concern) -> tuple:
        pending = [f.due for f in c.follow_ups if f.done is None and not c.closed]
        return (not c.overdue(self.today()), min(pending) if pending else dt.date.max)

    def service(self):
        return self.project.safeguarding

    def load(self) -> list[Concern]:
        self._sessions = {s.id: s.title for s in self.project.sessions.list()}
        concerns = self.project.safeguarding.list()
        late = [c for c in concerns if c.overdue(self.today())]
        return late + [c for c in concerns if c not in late]  # overdue first

    def make_dialog(self, record: Concern, save, is_new: bool) -> ConcernDialog:
        people = sorted(self.project.participants.list(), key=lambda p: p.pseudonym.casefold())
        return ConcernDialog(record, self.project.sessions.list(), people,
                             self.project.safeguarding.lead_for, save, is_new, self)  # fmt: skip

    def store(self, record: Concern) -> Concern:
        self.project.safeguarding.save(record)
        return record.validated()

    def describe(self, record: Concern) -> str:
        return self.tr("the concern raised {0:%d %b %Y}").format(record.raised_at.astimezone())

    def label(self, record: Any) -> str:
        return self.tr("safeguarding concern")

    def empty_text(self) -> str:
        return self.tr("No concerns recorded. Add one (Ctrl+Shift+N) as soon as something "
                       "worries you; its lead comes from the session.")  # fmt: skip

    def show_current(self, c: Concern | None) -> None:
        if c is None:
            self.details.setText("")
            return
        parts = [(self.tr("What happened:"), c.what),
                 (self.tr("Raised by:"), c.raised_by),
                 (self.tr("Session:"), self._sessions.get(c.session_id or "", "")),
                 (self.tr("Action:"), self._action(c)),
                 (self.tr("Reason:"), c.reason)]  # fmt: skip
        parts += [(self.tr("Follow-up due {0:%d %b %Y}:").format(f.due),
                   (self.tr("done {0:%d %b %Y}").format(f.done) if f.done else
                    self.tr("OVERDUE") if f.overdue(self.today()) and not c.closed else
                    self.tr("to do")) + (f" — {f.note}" if f.note else ""))
                  for f in c.follow_ups]  # fmt: skip
        if c.closed:
            parts.append((self.tr("Closed {0:%d %b %Y}:").format(c.closed_on), c.closing_note))
        self.details.setText("<br>".join(f"<b>{html.escape(h)}</b> {html.escape(t)}"
                                         for h, t in parts if t))  # fmt: skip

    def report(self) -> None:
        if self._reporting.running:
            return
        chosen: list[str] = []

        def accept(password) -> str:
            chosen.append(password.validated())
            return chosen[-1]

        dialog = ReportDialog(accept, self)
        accepted = dialog.exec()
        dialog.deleteLater()
        if not accepted or not chosen:
            return
        suggested = self.project.path.parent / f"{self.project.path.stem} safeguarding log.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the safeguarding report"),
                                              str(suggested), self.tr("PDF (*.pdf)"))
        if not path:
            return
        target, password = Path(path), chosen[-1]
        with guard(self, self.tr("Safeguarding report")) as outcome:
            self.project.safeguarding.check_report(target, password)
        if outcome.failed:
            return

        def done(result) -> None:
            self.report_action.setEnabled(True)
            _status(self, self.tr("Saved {0}: {1}, encrypted. Keep the password apart from "
                                  "the file.").format(result.path, counted(
                                      result.concerns, self.tr("concern"),
                                      self.tr("concerns"))), 12000)  # fmt: skip

        def failed(exc: BaseException) -> None:
            self.report_action.setEnabled(True)
            _status(self, "")
            report_failure(self, self.tr("Could not save the safeguarding report"), exc)

        self.report_action.setEnabled(False)
        self._reporting.start(lambda job: job.project.safeguarding.report(
            target, password, lambda n, total, text: job.progress(n, total, text)),
            done, failed)  # fmt: skip


class SignpostingTab(RecordTab):
    noun = "signpost"
    free_column = 2

    def __init__(self, project: Project, undo_stack: QUndoStack, runner: TaskRunner):
        super().__init__(project, self.tr("Signposting"), ListTableModel([
            (QT_TR_NOOP("Service"), lambda e: e.name),
            (QT_TR_NOOP("Kind"), lambda e: tr(e.category.label)),
            (QT_TR_NOOP("Helps with"), lambda e: e.helps_with),
            (QT_TR_NOOP("Phone"), lambda e: e.phone),
            (QT_TR_NOOP("Website"), lambda e: e.website),
            (QT_TR_NOOP("Local"), lambda e: self.tr("Local") if e.local else ""),
        ]), undo_stack)  # fmt: skip
        self.model.setParent(self)
        self.heading.setText(self.tr("Signposting: services to point people to"))
        self.add_action.setText(self.tr("&Add service…"))
        self.edit_action.setText(self.tr("&Edit service…"))
        self.delete_action.setText(self.tr("&Delete service"))
        self.more = QHBoxLayout()  # a second row: the first has no room for them all
        self.layout().insertLayout(1, self.more)
        self.up_action = self._command(self.tr("Move &up"), lambda: self.move(-1), "Ctrl+Up")
        self.down_action = self._command(self.tr("Move do&wn"), lambda: self.move(1),
                                         "Ctrl+Down")  # fmt: skip
        self.defaults_action = self._command(self.tr("Restore &defaults"), self.restore)
        self.defaults_action.setToolTip(self.tr("Add back the national services missing from "
                                                "the list"))  # fmt: skip
        self.cards_action = self._command(self.tr("&Wallet cards (PDF)…"),
                                          lambda: self.print_pdf(True), "Ctrl+Shift+W")
        self.poster_action = self._command(self.tr("&Poster (PDF)…"),
                                           lambda: self.print_pdf(False), "Ctrl+Shift+L")
        for action in (self.cards_action, self.poster_action):
            action.setToolTip(self.tr("The selected services (all, when one or none is "
                                      "selected) for participants to take away"))
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        self.more.addStretch(1)
        self._printing = Operation(self, runner, project)
        self._printing.progressed.connect(
            lambda _n, _t, text: _status(self, self.tr("{0}…").format(text)))
        self._update_actions()

    def _command(self, text: str, slot, key: str = "") -> QAction:
        action = QAction(text, self)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        self.more.addWidget(button)
        return action

    def service(self):
        return self.project.signposting

    def make_dialog(self, record: Signpost, save, is_new: bool) -> SignpostDialog:
        return SignpostDialog(record, save, is_new, self)

    def store(self, record: Signpost) -> Signpost:
        self.project.signposting.save(record)
        return record.validated()

    def describe(self, record: Signpost) -> str:
        return self.tr("“{0}” from the list").format(record.name)

    def label(self, record: Any) -> str:
        return self.tr("service")

    def empty_text(self) -> str:
        return self.tr("No services in the list. Restore the national defaults or add local "
                       "ones (Ctrl+Shift+N).")  # fmt: skip

    def _update_actions(self, *_args) -> None:
        super()._update_actions()
        if hasattr(self, "up_action"):
            for action in (self.up_action, self.down_action):
                action.setEnabled(self.current() is not None)

    def _selected_rows(self) -> list[int]:
        """The rows with any cell selected (several may be, for printing some services)."""
        return sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedIndexes()})  # fmt: skip

    def current(self) -> Signpost | None:
        rows = self._selected_rows()
        return self.model.item(rows[0]) if rows else None

    def select_id(self, record_id: str) -> None:
        """Select one service (several may be selected by hand, with Shift or Ctrl)."""
        for row, item in enumerate(self.model.items()):
            if item.id == record_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
                self.table.selectionModel().setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                return

    def selected_ids(self) -> list[str] | None:
        rows = self._selected_rows()
        if len(rows) < 2:
            return None  # one or none selected: print them all
        return [self.model.item(r).id for r in rows]

    def move(self, by: int) -> None:
        entry = self.current()
        if entry is None:
            return
        with guard(self, self.tr("Signposting")) as outcome:
            replaced = self.project.signposting.move(entry.id, by)
        if outcome.failed:
            return
        self.undo_stack.push(Undo.put_back(self.tr("Move {0}").format(entry.name),
                                           self.project.signposting, replaced))  # fmt: skip
        self.refresh()
        self.select_id(entry.id)

    def restore(self) -> None:
        with guard(self, self.tr("Signposting")) as outcome:
            replaced = self.project.signposting.restore_defaults()
        if outcome.failed:
            return
        if not replaced.states:
            tell(self, self.tr("Signposting"), self.tr("Every national service is already in "
                                                       "the list."))  # fmt: skip
            return
        self.undo_stack.push(Undo.put_back(self.tr("Restore default services"),
                                           self.project.signposting, replaced))  # fmt: skip
        self.refresh()

    def print_pdf(self, cards: bool) -> None:
        if self._printing.running:
            return
        if self.model.rowCount() == 0:
            tell(self, self.tr("Signposting"), self.tr("Add services to the list first."))
            return
        name = self.tr("Where to get help - wallet cards.pdf") if cards else self.tr(
            "Where to get help - poster.pdf")  # fmt: skip
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the wallet cards") if cards else self.tr("Save the poster"),
            str(self.project.path.parent / name), self.tr("PDF (*.pdf)"))  # fmt: skip
        if not path:
            return
        target, ids = Path(path), self.selected_ids()

        def done(pages: int) -> None:
            _status(self, self.tr("Saved {0} ({1}).").format(
                target, counted(pages, self.tr("page"), self.tr("pages"))), 10000)

        def failed(exc: BaseException) -> None:
            _status(self, "")
            report_failure(self, self.tr("Could not save the PDF"), exc)

        self._printing.start(lambda job: job.project.signposting.print_pdf(
            target, cards, ids, lambda n, total, text: job.progress(n, total, text)),
            done, failed)  # fmt: skip


