"""Risks and outcomes: the risk register with its matrix, the barriers log, outcomes with a
timeline and anonymous measures, and the co-production self-check kept over time. Add
(Ctrl+Shift+N), Edit (F2 or Enter) and Delete act on the tab on show; every change can be
undone. Tables keep one line a row (long text is cut, whole in its tooltip); the selected
risk, barrier or check is shown in full beside or below its table."""

from __future__ import annotations

import datetime as dt
import html
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.outcomes import FEATURES, Measure, Outcome, OutcomeType, SelfCheck
from coprod_desktop.domain.risks import Barrier, Resolution, Risk, RiskCategory, Side
from coprod_desktop.domain.words import counted

from .messages import guard, tell
from .outcome_timeline import OutcomeTimeline
from .project_page import ProjectPage
from .risk_log_dialogs import BarrierDialog, MeasureDialog, OutcomeDialog, RiskDialog
from .risk_matrix import RiskMatrix
from .translation import tr
from .undo_commands import Undo
from .widgets import record_table


def _new_id() -> str:
    return str(uuid.uuid4())


def _fill(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    """Rows of (record id, cell texts); keeps the selected record selected."""
    current = _selected(table)
    table.setRowCount(len(rows))
    for r, (record_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setToolTip(text)
            table.setItem(r, c, item)
    ids = [record_id for record_id, _cells in rows]
    if current in ids:
        table.selectRow(ids.index(current))
    elif rows:
        table.selectRow(0)


def _details_label(name: str) -> QLabel:
    """Where the selected record is shown in full (the table cuts long text)."""
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _described(*parts: tuple[str, str]) -> str:
    """(heading, text) pairs as rich text, the text escaped: typed text is never markup."""
    return "<br>".join(f"<b>{html.escape(head)}</b> {html.escape(text)}"
                       for head, text in parts if text)  # fmt: skip


def _selected(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None


class RiskLogPage(ProjectPage):
    LISTENS = frozenset({"risk", "barrier", "outcome", "measure", "session"})
    def __init__(self, project, undo_stack, parent: QWidget | None = None):
        super().__init__(project, parent)
        self.undo_stack = undo_stack
        self.filter: tuple[int, int] | None = None
        self.risk_list: list[Risk] = []
        self.barrier_list: list[Barrier] = []
        self.check_list: list[SelfCheck] = []  # newest first, as listed
        self.session_titles: dict[str, str] = {}
        self.add_action = QAction(self.tr("&Add Risk…"), self)
        self.add_action.triggered.connect(lambda: self._on_tab("add"))
        self.edit_action = QAction(self.tr("&Edit…"), self)
        self.edit_action.triggered.connect(lambda: self._on_tab("edit"))
        self.delete_action = QAction(self.tr("&Delete"), self)
        self.delete_action.triggered.connect(lambda: self._on_tab("delete"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._risks_tab(), self.tr("&Risks"))
        self.tabs.addTab(self._barriers_tab(), self.tr("&Barriers"))
        self.tabs.addTab(self._outcomes_tab(), self.tr("&Outcomes"))
        self.tabs.addTab(self._check_tab(), self.tr("&Self-check"))
        self.tabs.currentChanged.connect(self._name_actions)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Risks and outcomes</h2>")))
        layout.addWidget(self.tabs, 1)
        self._name_actions()

    # building the tabs -----------------------------------------------------------------------
    def _buttons(self, *buttons: tuple[str, object]) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in buttons:
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _risks_tab(self) -> QWidget:
        self.matrix = RiskMatrix()
        self.matrix.cell_chosen.connect(self._filter_risks)
        self.filter_label = QLabel()
        self.filter_label.setWordWrap(True)
        self.risk_table = record_table(
            [
                self.tr("Score"),
                self.tr("Category"),
                self.tr("Risk"),
                self.tr("Affects"),
                self.tr("Status"),
                self.tr("Owner"),
            ],
            self.tr("Risk register"),
            2,
        )
        self.risk_table.itemSelectionChanged.connect(self._show_history)
        self.risk_table.itemActivated.connect(lambda _item: self.edit_risk())
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Reviews of this risk"))
        self.risk_details = _details_label(self.tr("The selected risk in full"))
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.matrix)
        column.addWidget(self.filter_label)
        typical = QPushButton(self.tr("Add the typical risks"))
        typical.setToolTip(
            self.tr(
                "Risks common in co-production with vulnerable people, to "
                "start the register (those already there are skipped)"
            )
        )
        typical.clicked.connect(self.add_typical_risks)
        column.addWidget(typical)
        column.addWidget(self.risk_details, 1)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.risk_table, 3)
        side.addLayout(
            self._buttons(
                (self.tr("Add risk…"), self.add_risk),
                (self.tr("Review…"), self.edit_risk),
                (self.tr("Delete"), self.delete_risk),
            )
        )
        side.addWidget(QLabel(self.tr("History of the selected risk")))
        side.addWidget(self.history, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([self.matrix.minimumWidth() + 20, 800])  # the table takes the rest
        return splitter

    def _barriers_tab(self) -> QWidget:
        self.barrier_table = record_table(
            [
                self.tr("When"),
                self.tr("Side"),
                self.tr("Category"),
                self.tr("Barrier"),
                self.tr("How it was met"),
                self.tr("Result"),
            ],
            self.tr("Barriers"),
            3,
        )
        self.barrier_table.itemActivated.connect(lambda _item: self.edit_barrier())
        self.barrier_table.itemSelectionChanged.connect(self._show_barrier)
        self.barrier_details = _details_label(self.tr("The selected barrier in full"))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.barrier_table, 2)
        layout.addLayout(
            self._buttons(
                (self.tr("Add barrier…"), self.add_barrier),
                (self.tr("Edit…"), self.edit_barrier),
                (self.tr("Delete"), self.delete_barrier),
            )
        )
        layout.addWidget(self.barrier_details, 1)
        return tab

    def _outcomes_tab(self) -> QWidget:
        self.timeline = OutcomeTimeline()
        self.timeline.outcome_chosen.connect(self._select_outcome)
        self.outcome_table = record_table(
            [
                self.tr("Seen on"),
                self.tr("Session"),
                self.tr("Type"),
                self.tr("Outcome"),
                self.tr("Evidence"),
            ],
            self.tr("Outcomes"),
            3,
        )
        self.outcome_table.itemActivated.connect(lambda _item: self.edit_outcome())
        self.measure_table = record_table(
            [self.tr("Session"), self.tr("Question"), self.tr("Answers"), self.tr("Middle answer")],
            self.tr("Measures"),
            1,
        )
        self.measure_table.itemActivated.connect(lambda _item: self.edit_measure())
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.timeline)
        layout.addWidget(self.outcome_table, 2)
        layout.addLayout(
            self._buttons(
                (self.tr("Add outcome…"), self.add_outcome),
                (self.tr("Edit…"), self.edit_outcome),
                (self.tr("Delete"), self.delete_outcome),
            )
        )
        layout.addWidget(QLabel(self.tr("Measures: questions answered anonymously, as counts")))
        layout.addWidget(self.measure_table, 1)
        layout.addLayout(
            self._buttons(
                (self.tr("Add measure…"), self.add_measure),
                (self.tr("Edit measure…"), self.edit_measure),
                (self.tr("Delete measure"), self.delete_measure),
            )
        )
        return tab

    def _check_tab(self) -> QWidget:
        form = QFormLayout()
        self.ratings: dict[str, QSpinBox] = {}
        self.check_notes: dict[str, QLineEdit] = {}
        for key, label in FEATURES.items():
            spin = QSpinBox()
            spin.setRange(1, 5)
            spin.setValue(3)
            spin.setAccessibleName(
                self.tr("{0}: rating from 1 (not yet) to 5 (fully)").format(tr(label))
            )
            note = QLineEdit()
            note.setPlaceholderText(self.tr("What shows it, or what is missing"))
            note.setAccessibleName(self.tr("{0}: note").format(tr(label)))
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(note, 1)
            self.ratings[key], self.check_notes[key] = spin, note
            form.addRow(tr(label) + ":", row)
        short = [key.replace("_", " ").capitalize() for key in FEATURES]
        self.check_table = record_table([self.tr("Date"), self.tr("By"), self.tr("Average"), *short,
                                   self.tr("Notes")], self.tr("Self-checks so far"),
                                  3 + len(FEATURES))  # fmt: skip
        for n, label in enumerate(FEATURES.values(), 3):
            self.check_table.horizontalHeaderItem(n).setToolTip(tr(label))
        self.check_table.itemSelectionChanged.connect(self._show_check)
        self.check_details = _details_label(self.tr("The selected check's notes in full"))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            QLabel(
                self.tr(
                    "How far is this co-production? Rate each of the six features from 1 (not yet) "
                    "to 5 (fully). Each check is kept, so you can see the change over time."
                )
            )
        )
        layout.addLayout(form)
        layout.addLayout(self._buttons((self.tr("Save this check"), self.save_check)))
        layout.addWidget(self.check_table, 2)
        layout.addWidget(self.check_details, 1)
        return tab

    # project ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        log = self.project.risk_log
        with guard(self, self.tr("Risks and outcomes")) as outcome:
            self.risk_list = log.risks()
            barriers, outcomes = log.barriers(), log.outcomes()
            measures, checks = log.measures(), log.self_checks()
            sessions = self.project.sessions.list()
        if outcome.failed:
            return
        titles = {s.id: s.title for s in sessions}
        self.barrier_list, self.check_list = barriers, list(reversed(checks))
        self.session_titles = titles
        self.matrix.set_risks(self.risk_list)
        self._fill_risks()
        _fill(
            self.barrier_table,
            [
                (
                    b.id,
                    [
                        f"{b.met_on:%d %b %Y}",
                        b.side.label,
                        b.category_label,
                        b.description,
                        b.response,
                        b.resolution.label,
                    ],
                )
                for b in barriers
            ],
        )
        self.timeline.set_data(sessions, outcomes)
        _fill(
            self.outcome_table,
            [
                (
                    o.id,
                    [
                        f"{o.observed_on:%d %b %Y}",
                        titles.get(o.session_id, ""),
                        o.type.label,
                        o.text,
                        counted(len(o.evidence), self.tr("item"), self.tr("items"))
                        if o.evidence
                        else "",
                    ],
                )
                for o in outcomes
            ],
        )
        _fill(
            self.measure_table,
            [
                (
                    m.id,
                    [
                        titles.get(m.session_id, ""),
                        m.question,
                        " · ".join(f"{v}: {c}" for v, c in enumerate(m.counts, 1)),
                        "" if m.median is None else f"{m.median:g}",
                    ],
                )
                for m in measures
            ],
        )
        _fill(
            self.check_table,
            [
                (
                    c.id,
                    [
                        f"{c.checked_on:%d %b %Y}",
                        c.by,
                        f"{c.average:.1f}",
                        *[str(c.ratings.get(k, "")) for k in FEATURES],
                        "; ".join(f"{FEATURES[k]}: {v}" for k, v in c.notes.items()),
                    ],
                )
                for c in reversed(checks)
            ],
        )
        self._show_barrier()
        self._show_check()
        if checks:
            for key, spin in self.ratings.items():
                spin.setValue(checks[-1].ratings.get(key, 3))

    def _fill_risks(self) -> None:
        shown = [
            r
            for r in self.risk_list
            if self.filter is None or (r.likelihood, r.impact) == self.filter
        ]
        _fill(
            self.risk_table,
            [
                (
                    r.id,
                    [
                        f"{r.score} ({r.level})",
                        r.category.label,
                        r.description,
                        ", ".join(a.label for a in r.affects),
                        r.status.label,
                        r.owner,
                    ],
                )
                for r in shown
            ],
        )
        self.filter_label.setText(
            self.tr(
                "Showing {0} at likelihood {1} × impact {2}. Escape on the matrix shows all."
            ).format(counted(len(shown), self.tr("risk"), self.tr("risks")), *self.filter)
            if self.filter
            else self.tr(
                "Showing all {0}. Pick a cell (arrows and Enter, or a click) to see only its "
                "risks; closed risks are not counted."
            ).format(counted(len(shown), self.tr("risk"), self.tr("risks")))
        )
        self._show_history()

    def _filter_risks(self, likelihood: int, impact: int) -> None:
        self.filter = (likelihood, impact) if likelihood else None
        self._fill_risks()

    def _show_history(self) -> None:
        self.history.clear()
        risk_id = _selected(self.risk_table)
        risk = next((r for r in self.risk_list if r.id == risk_id), None)
        self.risk_details.setText(_described(
            (self.tr("Risk:"), risk.description),
            (self.tr("Affects:"), ", ".join(a.label for a in risk.affects)),
            (self.tr("Mitigations:"), risk.mitigations),
            (self.tr("Owner:"), risk.owner),
        ) if risk else "")  # fmt: skip
        if risk_id is None:
            return
        for review in reversed(self.project.risk_log.reviews(risk_id)):
            when = review.reviewed_at.astimezone()
            self.history.addItem(
                self.tr("{0:%d %b %Y %H:%M} — {1}: {2} × {3}, {4}{5}").format(
                    when,
                    review.reviewer,
                    review.likelihood,
                    review.impact,
                    review.status.label.lower(),
                    f" — {review.note}" if review.note else "",
                )
            )

    def _show_barrier(self) -> None:
        barrier_id = _selected(self.barrier_table)
        barrier = next((b for b in self.barrier_list if b.id == barrier_id), None)
        where = barrier and (self.session_titles.get(barrier.session_id or "", "")
                             or barrier.where)  # fmt: skip
        self.barrier_details.setText(_described(
            (self.tr("Barrier:"), barrier.description),
            (self.tr("Where:"), where or ""),
            (self.tr("How it was met:"), barrier.response),
            (self.tr("Result:"), barrier.resolution.label),
        ) if barrier else "")  # fmt: skip

    def _show_check(self) -> None:
        check_id = _selected(self.check_table)
        check = next((c for c in self.check_list if c.id == check_id), None)
        self.check_details.setText(_described(
            *[(FEATURES[k] + ":", v) for k, v in check.notes.items()]
        ) if check else "")  # fmt: skip

    # commands --------------------------------------------------------------------------------
    def _name_actions(self) -> None:
        nouns = (self.tr("Risk"), self.tr("Barrier"), self.tr("Outcome"), self.tr("Check"))
        noun = nouns[self.tabs.currentIndex()]
        self.add_action.setText(self.tr("&Add {0}…").format(noun))
        for action in (self.add_action, self.edit_action, self.delete_action):
            action.setEnabled(self.tabs.currentIndex() < 3)

    def _on_tab(self, verb: str) -> None:
        name = (
            ("risk", "barrier", "outcome")[self.tabs.currentIndex()]
            if self.tabs.currentIndex() < 3
            else None
        )
        if name is not None:
            getattr(self, f"{verb}_{name}")()

    def _push(self, command) -> None:
        self.undo_stack.push(command)
        self.refresh()

    def _run(self, dialog, text: str) -> None:
        """Run an add or edit dialog; what its save replaced joins the undo stack."""
        self._replaced = None
        if dialog.exec() and self._replaced is not None:
            self._push(Undo(text, self.project.risk_log, self._replaced))

    def _confirm(self, what: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Delete"), self.tr("Delete {0}? You can undo this (Ctrl+Z).").format(what)
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_risk(self) -> None:
        log = self.project.risk_log
        dialog = RiskDialog(
            Risk(_new_id(), RiskCategory.OTHER, ""), self._saving("risk", log.save_risk), True, self
        )
        self._run(dialog, self.tr("Add risk"))

    def edit_risk(self) -> None:
        risk = self._current(self.risk_table, self.risk_list)
        if risk is None:
            return
        log = self.project.risk_log
        # the note is read when Save is pressed, by then `dialog` is bound
        save = self._saving("risk", lambda r: log.save_risk(r, dialog.note.text()))
        dialog = RiskDialog(risk, save, False, self)
        self._run(dialog, self.tr("Review risk"))

    def delete_risk(self) -> None:
        risk = self._current(self.risk_table, self.risk_list)
        if risk is None or not self._confirm(
            self.tr("the risk “{0}”").format(risk.description[:60])
        ):
            return
        self._delete("risk", risk.id, self.tr("Delete risk"))

    def add_typical_risks(self) -> None:
        log = self.project.risk_log
        with guard(self, self.tr("Risks and outcomes")) as outcome:
            replaced = log.add_default_risks()
        if outcome.failed:
            return
        added = len(replaced.states)
        self._push(Undo(self.tr("Add {0} typical risks").format(added), log, replaced))
        self.window().statusBar().showMessage(
            self.tr("{0} added; rate them for this project.").format(
                counted(added, self.tr("typical risk"), self.tr("typical risks"))
            ),
            8000,
        ) if hasattr(self.window(), "statusBar") else None

    def add_barrier(self) -> None:
        log = self.project.risk_log
        dialog = BarrierDialog(
            Barrier(
                _new_id(),
                Side.ORGANISATION,
                "other",
                "",
                dt.date.today(),
                resolution=Resolution.NOT_YET,
            ),
            self.project.sessions.list(),
            self._saving("barrier", log.save_barrier),
            True,
            self,
        )
        self._run(dialog, self.tr("Add barrier"))

    def edit_barrier(self) -> None:
        barrier = self._current(self.barrier_table, self.project.risk_log.barriers())
        if barrier is not None:
            dialog = BarrierDialog(
                barrier,
                self.project.sessions.list(),
                self._saving("barrier", self.project.risk_log.save_barrier),
                False,
                self,
            )
            self._run(dialog, self.tr("Edit barrier"))

    def delete_barrier(self) -> None:
        barrier = self._current(self.barrier_table, self.project.risk_log.barriers())
        if barrier is not None and self._confirm(self.tr("this barrier")):
            self._delete("barrier", barrier.id, self.tr("Delete barrier"))

    def evidence_for(self, session_id: str) -> list[tuple[str, str, str]]:
        """The notes (never safeguarding-flagged) and clips of a session, to point at."""
        out = []
        for board in self.project.boards.boards(session_id):
            for note in self.project.boards.notes(board.id):
                if not note.safeguarding:
                    out.append(("note", note.id, self.tr("Note: {0}").format(note.text[:80])))
        out += [
            ("clip", c.id, self.tr("Clip: {0}").format(c.title))
            for c in self.project.radio.clips(session_id)
        ]
        return out

    def add_outcome(self) -> None:
        sessions = self.project.sessions.list()
        if not sessions:
            tell(self, self.tr("Outcomes"),
                 self.tr("Add a session first: an outcome belongs to a session."))  # fmt: skip
            return
        log = self.project.risk_log
        draft = Outcome(_new_id(), sessions[-1].id, OutcomeType.INDIVIDUAL, "", dt.date.today())
        dialog = OutcomeDialog(
            draft, sessions, self.evidence_for, self._saving("outcome", log.save_outcome), True,
            self,
        )
        self._run(dialog, self.tr("Add outcome"))

    def edit_outcome(self) -> None:
        outcome = self._current(self.outcome_table, self.project.risk_log.outcomes())
        if outcome is not None:
            dialog = OutcomeDialog(
                outcome,
                self.project.sessions.list(),
                self.evidence_for,
                self._saving("outcome", self.project.risk_log.save_outcome),
                False,
                self,
            )
            self._run(dialog, self.tr("Edit outcome"))

    def delete_outcome(self) -> None:
        outcome = self._current(self.outcome_table, self.project.risk_log.outcomes())
        if outcome is not None and self._confirm(self.tr("this outcome")):
            self._delete("outcome", outcome.id, self.tr("Delete outcome"))

    def _select_outcome(self, outcome_id: str) -> None:
        for row in range(self.outcome_table.rowCount()):
            if self.outcome_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == outcome_id:
                self.outcome_table.selectRow(row)

    def add_measure(self) -> None:
        sessions = self.project.sessions.list()
        if not sessions:
            return
        dialog = MeasureDialog(
            Measure(_new_id(), sessions[-1].id, "", (0, 0, 0, 0, 0), "not at all", "completely"),
            sessions,
            self._saving("measure", self.project.risk_log.save_measure),
            True,
            self,
        )
        self._run(dialog, self.tr("Add measure"))

    def edit_measure(self) -> None:
        measure = self._current(self.measure_table, self.project.risk_log.measures())
        if measure is not None:
            dialog = MeasureDialog(
                measure,
                self.project.sessions.list(),
                self._saving("measure", self.project.risk_log.save_measure),
                False,
                self,
            )
            self._run(dialog, self.tr("Edit measure"))

    def delete_measure(self) -> None:
        measure = self._current(self.measure_table, self.project.risk_log.measures())
        if measure is not None and self._confirm(self.tr("this measure")):
            self._delete("measure", measure.id, self.tr("Delete measure"))

    def save_check(self) -> None:
        check = SelfCheck(
            "",
            dt.date.today(),
            {k: s.value() for k, s in self.ratings.items()},
            {k: e.text() for k, e in self.check_notes.items() if e.text().strip()},
        )
        with guard(self, self.tr("Self-check")) as outcome:
            self.project.risk_log.add_self_check(check)
        if outcome.failed:
            return
        for edit in self.check_notes.values():
            edit.clear()
        self.refresh()

    # helpers -------------------------------------------------------------------------------
    def _saving(self, kind: str, save):
        """A dialog's save: stores the record and remembers what that replaced (for undo)."""

        def saving(record):
            replaced = self.project.risk_log.replaced(kind, record.id)
            before = save(record)
            self._replaced = replaced
            return before

        return saving

    def _current(self, table: QTableWidget, records):
        record_id = _selected(table)
        return next((r for r in records if r.id == record_id), None)

    def _delete(self, kind: str, record_id: str, text: str) -> None:
        log = self.project.risk_log
        with guard(self, self.tr("Risks and outcomes")) as outcome:
            replaced = log.replaced(kind, record_id)
            getattr(log, f"delete_{kind}")(record_id)
        if not outcome.failed:
            self._push(Undo(text, log, replaced))

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) and self.tabs.currentIndex() < 3:
            self._on_tab("delete")
        else:
            super().keyPressEvent(event)
