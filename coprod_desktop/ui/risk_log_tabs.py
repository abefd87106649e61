"""The Risks page's record tabs — risks, barriers, outcomes and measures — each a RecordTab
over one kind of the risk log, so they list, add, edit, delete and undo as the Sessions and
Participants pages do. The selected risk or barrier is shown in full beside or below its
table (the table keeps one line a row)."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.outcomes import Measure, Outcome, OutcomeType
from coprod_desktop.domain.risks import Barrier, Resolution, Risk, RiskCategory, Side
from coprod_desktop.domain.words import QT_TR_NOOP, counted

from .actions_page import create_action
from .messages import guard, tell
from .models import ListTableModel
from .outcome_timeline import OutcomeTimeline
from .record_tab import RecordTab
from .risk_log_dialogs import BarrierDialog, MeasureDialog, OutcomeDialog, RiskDialog
from .risk_matrix import RiskMatrix
from .translation import tr
from .undo_commands import Undo
from .widgets import details_label

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


def described(*parts: tuple[str, str]) -> str:
    """(heading, text) pairs as rich text, the text escaped: typed text is never markup."""
    return "<br>".join(f"<b>{html.escape(head)}</b> {html.escape(text)}"
                       for head, text in parts if text)  # fmt: skip


def _columns(*columns: tuple) -> ListTableModel:
    return ListTableModel(columns)


class LogTab(RecordTab):
    """A record tab over one kind of the risk log (`noun`: risk, barrier, outcome, measure)."""

    def __init__(self, project: Project, title: str, model: ListTableModel,
                 undo_stack: QUndoStack):  # fmt: skip
        super().__init__(project, title, model, undo_stack)
        model.setParent(self)
        self.heading.setText(title)  # a line, not a page heading: the tab names the page

    def service(self):
        return self.project.risk_log

    def load(self) -> list[Any]:
        return getattr(self.project.risk_log, f"{self.noun}s")()

    def store(self, record: Any) -> Any:
        getattr(self.project.risk_log, f"save_{self.noun}")(record)
        return record.validated()  # as stored: drafts carry their id already

    def remove_record(self, record_id: str) -> None:
        getattr(self.project.risk_log, f"delete_{self.noun}")(record_id)

    def label(self, record: Any) -> str:
        return self.noun

    def session_titles(self) -> dict[str, str]:
        return {s.id: s.title for s in self.project.sessions.list()}


class RisksTab(LogTab):
    """The register: the matrix (a cell filters the table), the typical risks to start
    from, the selected risk in full and its history of reviews."""

    noun = "risk"
    free_column = 2

    def __init__(self, project: Project, undo_stack: QUndoStack):
        super().__init__(project, self.tr("Risk register"), _columns(
            (QT_TR_NOOP("Score"), lambda r: f"{r.score} ({r.level})", lambda r: r.score),
            (QT_TR_NOOP("Category"), lambda r: r.category.label),
            (QT_TR_NOOP("Risk"), lambda r: r.description),
            (QT_TR_NOOP("Affects"), lambda r: ", ".join(tr(a.label) for a in r.affects)),
            (QT_TR_NOOP("Status"), lambda r: r.status.label),
            (QT_TR_NOOP("Owner"), lambda r: r.owner),
        ), undo_stack)  # fmt: skip
        self.filter_cell: tuple[int, int] | None = None
        self._dialog: RiskDialog | None = None
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the worst first
        self.matrix = RiskMatrix()
        self.matrix.cell_chosen.connect(self._filter)
        self.filter_label = QLabel()
        self.filter_label.setWordWrap(True)
        typical = QPushButton(self.tr("Add the typical risks"))
        typical.setToolTip(self.tr("Risks common in co-production with vulnerable people, to "
                                   "start the register (those already there are skipped)"))
        typical.clicked.connect(self.add_typical_risks)
        self.details = details_label(self.tr("The selected risk in full"))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Reviews of this risk"))

        left = QWidget()
        column = QVBoxLayout(left)
        for widget in (self.matrix, self.filter_label, typical):
            column.addWidget(widget)
        column.addWidget(self.details, 1)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        layout = self.layout()
        bar = layout.takeAt(0).layout()  # the title, filter and Add / Edit / Delete
        layout.removeWidget(self.table)
        layout.removeWidget(self.empty)
        side.addLayout(bar)
        side.addWidget(self.table, 3)
        side.addWidget(self.empty)
        side.addWidget(QLabel(self.tr("History of the selected risk")))
        side.addWidget(self.history, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([self.matrix.minimumWidth() + 20, 800])  # the table takes the rest
        layout.addWidget(splitter)

    def load(self) -> list[Risk]:
        risks = self.project.risk_log.risks()
        self.matrix.set_risks(risks)
        cell = self.filter_cell
        shown = [r for r in risks if cell is None or (r.likelihood, r.impact) == cell]
        many = counted(len(shown), self.tr("risk"), self.tr("risks"))
        self.filter_label.setText(
            self.tr("Showing {0} at likelihood {1} × impact {2}. Escape on the matrix shows "
                    "all.").format(many, *cell) if cell else
            self.tr("Showing all {0}. Pick a cell (arrows and Enter, or a click) to see only its "
                    "risks; closed risks are not counted.").format(many))  # fmt: skip
        return shown

    def _filter(self, likelihood: int, impact: int) -> None:
        self.filter_cell = (likelihood, impact) if likelihood else None
        self.refresh()

    def show_current(self, risk: Risk | None) -> None:
        self.history.clear()
        self.details.setText(described(
            (self.tr("Risk:"), risk.description),
            (self.tr("Affects:"), ", ".join(tr(a.label) for a in risk.affects)),
            (self.tr("Mitigations:"), risk.mitigations),
            (self.tr("Owner:"), risk.owner),
        ) if risk else "")  # fmt: skip
        if risk is None:
            return
        for review in reversed(self.project.risk_log.reviews(risk.id)):
            self.history.addItem(self.tr("{0:%d %b %Y %H:%M} — {1}: {2} × {3}, {4}{5}").format(
                review.reviewed_at.astimezone(), review.reviewer, review.likelihood,
                review.impact, review.status.label.lower(),
                f" — {review.note}" if review.note else ""))  # fmt: skip

    def draft(self) -> Risk:
        return Risk(new_id(), RiskCategory.OTHER, "")

    def store(self, record: Risk) -> Risk:
        """A change of rating or status is a review, with the note typed in the dialog."""
        note = self._dialog.note.text() if self._dialog is not None else ""
        self.project.risk_log.save_risk(record, note)
        return record.validated()

    def make_dialog(self, record: Risk, save, is_new: bool) -> RiskDialog:
        self._dialog = RiskDialog(record, save, is_new, self)
        return self._dialog

    def describe(self, record: Risk) -> str:
        return self.tr("the risk “{0}”").format(record.description[:60])

    def empty_text(self) -> str:
        return self.tr("No risks in the register yet. Add one (Ctrl+Shift+N), or start from the "
                       "typical risks.") if self.filter_cell is None else ""  # fmt: skip

    def add_typical_risks(self) -> None:
        log = self.project.risk_log
        with guard(self, self.tr("Risks and outcomes")) as outcome:
            replaced = log.add_default_risks()
        if outcome.failed:
            return
        added = len(replaced.states)
        self.undo_stack.push(Undo.put_back(self.tr("Add {0} typical risks").format(added), log,
                                            replaced))
        self.refresh()
        window = self.window()
        if hasattr(window, "statusBar"):
            many = counted(added, self.tr("typical risk"), self.tr("typical risks"))
            window.statusBar().showMessage(
                self.tr("{0} added; rate them for this project.").format(many), 8000)


class BarriersTab(LogTab):
    """Barriers met on either side, how each was met, and the selected one in full."""

    noun = "barrier"
    free_column = 3

    def __init__(self, project: Project, undo_stack: QUndoStack):
        super().__init__(project, self.tr("Barriers"), _columns(
            (QT_TR_NOOP("When"), lambda b: f"{b.met_on:%d %b %Y}", lambda b: b.met_on),
            (QT_TR_NOOP("Side"), lambda b: b.side.label),
            (QT_TR_NOOP("Category"), lambda b: tr(b.category_label)),
            (QT_TR_NOOP("Barrier"), lambda b: b.description),
            (QT_TR_NOOP("How it was met"), lambda b: b.response),
            (QT_TR_NOOP("Result"), lambda b: b.resolution.label),
        ), undo_stack)  # fmt: skip
        self.details = details_label(self.tr("The selected barrier in full"))
        self.layout().addWidget(self.details, 1)

    def show_current(self, barrier: Barrier | None) -> None:
        where = barrier and (self.session_titles().get(barrier.session_id or "", "")
                             or barrier.where)  # fmt: skip
        self.details.setText(described(
            (self.tr("Barrier:"), barrier.description),
            (self.tr("Where:"), where or ""),
            (self.tr("How it was met:"), barrier.response),
            (self.tr("Result:"), barrier.resolution.label),
        ) if barrier else "")  # fmt: skip

    def draft(self) -> Barrier:
        return Barrier(new_id(), Side.ORGANISATION, "other", "", dt.date.today(),
                       resolution=Resolution.NOT_YET)  # fmt: skip

    def make_dialog(self, record: Barrier, save, is_new: bool) -> BarrierDialog:
        return BarrierDialog(record, self.project.sessions.list(), save, is_new, self)

    def describe(self, record: Barrier) -> str:
        return self.tr("this barrier")


class _NeedsSession(LogTab):
    """Outcomes and measures belong to a session: adding one needs a session first."""

    def add(self) -> None:
        if not self.project.sessions.list():
            tell(self, self.tr("Risks and outcomes"),
                 self.tr("Add a session first: an outcome or a measure belongs to a session."))
            return
        super().add()


class OutcomesTab(_NeedsSession):
    """Outcomes seen, on a timeline of the sessions, each with the evidence it points at."""

    noun = "outcome"
    free_column = 3

    def __init__(self, project: Project, undo_stack: QUndoStack):
        self._titles: dict[str, str] = {}
        self.action_from_outcome: QAction | None = None  # made once the record tab is built
        super().__init__(project, self.tr("Outcomes"), _columns(
            (QT_TR_NOOP("Seen on"), lambda o: f"{o.observed_on:%d %b %Y}",
             lambda o: o.observed_on),
            (QT_TR_NOOP("Session"), lambda o: self._titles.get(o.session_id, "")),
            (QT_TR_NOOP("Type"), lambda o: o.type.label),
            (QT_TR_NOOP("Outcome"), lambda o: o.text),
            (QT_TR_NOOP("Evidence"), lambda o: counted(len(o.evidence), self.tr("item"),
                                                       self.tr("items")) if o.evidence else ""),
        ), undo_stack)  # fmt: skip
        self.action_from_outcome = QAction(self.tr("Create action from this outcome…"), self)
        self.action_from_outcome.setToolTip(self.tr("An action a partner will take about the "
                                                    "selected outcome"))  # fmt: skip
        self.action_from_outcome.triggered.connect(self.create_action)
        self.action_from_outcome.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.action_from_outcome.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.action_from_outcome)
        button = QToolButton()
        button.setDefaultAction(self.action_from_outcome)
        self.layout().itemAt(0).layout().addWidget(button)  # beside Add / Edit / Delete
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.action_from_outcome)
        self._update_actions()
        self.timeline = OutcomeTimeline()
        self.timeline.outcome_chosen.connect(self.select_id)
        self.layout().insertWidget(0, self.timeline)

    def load(self) -> list[Outcome]:
        sessions = self.project.sessions.list()
        self._titles = {s.id: s.title for s in sessions}
        outcomes = super().load()
        self.timeline.set_data(sessions, outcomes)
        return outcomes

    def draft(self) -> Outcome:
        sessions = self.project.sessions.list()
        return Outcome(new_id(), sessions[-1].id, OutcomeType.INDIVIDUAL, "", dt.date.today())

    def make_dialog(self, record: Outcome, save, is_new: bool) -> OutcomeDialog:
        return OutcomeDialog(record, self.project.sessions.list(), self.evidence_for, save,
                             is_new, self)  # fmt: skip

    def evidence_for(self, session_id: str) -> list[tuple[str, str, str]]:
        """The notes (never safeguarding-flagged) and clips of a session, to point at."""
        out = []
        for board in self.project.boards.boards(session_id):
            for note in self.project.boards.notes(board.id):
                if not note.safeguarding:
                    out.append(("note", note.id, self.tr("Note: {0}").format(note.text[:80])))
        out += [("clip", c.id, self.tr("Clip: {0}").format(c.title))
                for c in self.project.radio.clips(session_id)]  # fmt: skip
        return out

    def describe(self, record: Outcome) -> str:
        return self.tr("this outcome")

    def _update_actions(self, *_args) -> None:
        super()._update_actions()
        if self.action_from_outcome is not None:
            self.action_from_outcome.setEnabled(self.current() is not None)

    def create_action(self) -> None:
        """An action answering the selected outcome."""
        outcome = self.current()
        if outcome is not None:
            create_action(self, self.project, self.undo_stack, (("outcome", outcome.id),),
                          session_id=outcome.session_id)  # fmt: skip


class MeasuresTab(_NeedsSession):
    """Questions answered anonymously at a session, kept as counts of each answer."""

    noun = "measure"
    free_column = 1

    def __init__(self, project: Project, undo_stack: QUndoStack):
        self._titles: dict[str, str] = {}
        super().__init__(project, self.tr("Measures: questions answered anonymously, as counts"),
                         _columns(
            (QT_TR_NOOP("Session"), lambda m: self._titles.get(m.session_id, "")),
            (QT_TR_NOOP("Question"), lambda m: m.question),
            (QT_TR_NOOP("Answers"), lambda m: " · ".join(f"{v}: {c}"
                                                         for v, c in enumerate(m.counts, 1))),
            (QT_TR_NOOP("Middle answer"), lambda m: "" if m.median is None else f"{m.median:g}",
             lambda m: -1 if m.median is None else m.median),
        ), undo_stack)  # fmt: skip

    def load(self) -> list[Measure]:
        self._titles = self.session_titles()
        return super().load()

    def draft(self) -> Measure:
        sessions = self.project.sessions.list()
        return Measure(new_id(), sessions[-1].id, "", (0, 0, 0, 0, 0), "not at all",
                       "completely")  # fmt: skip

    def make_dialog(self, record: Measure, save, is_new: bool) -> MeasureDialog:
        return MeasureDialog(record, self.project.sessions.list(), save, is_new, self)

    def describe(self, record: Measure) -> str:
        return self.tr("this measure")
