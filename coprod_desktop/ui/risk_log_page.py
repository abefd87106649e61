"""Risks and outcomes: the risk register with its matrix, the barriers log, outcomes with a
timeline and anonymous measures (record tabs, see risk_log_tabs.py), and the co-production
self-check kept over time. Add (Ctrl+Shift+N), Edit (F2 or Enter) and Delete act on the tab
on show; every change can be undone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.outcomes import FEATURES, SelfCheck

from .messages import guard
from .project_page import ProjectPage
from .risk_log_tabs import (
    BarriersTab,
    MeasuresTab,
    OutcomesTab,
    RisksTab,
    described,
)
from .translation import tr
from .widgets import details_label, record_table


class RiskLogPage(ProjectPage):
    LISTENS = frozenset({"risk", "barrier", "outcome", "measure", "session"})

    def __init__(self, project, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(project, parent)
        self.risks = RisksTab(project, undo_stack)
        self.barriers = BarriersTab(project, undo_stack)
        self.outcomes = OutcomesTab(project, undo_stack)
        self.measures = MeasuresTab(project, undo_stack)
        self.check_list: list[SelfCheck] = []  # newest first, as listed
        # The window's Add / Edit / Delete act on the record tab on show.
        self.add_action = QAction(self.tr("&Add Risk…"), self)
        self.add_action.triggered.connect(lambda: self._on_tab("add_action"))
        self.edit_action = QAction(self.tr("&Edit…"), self)
        self.edit_action.triggered.connect(lambda: self._on_tab("edit_action"))
        self.delete_action = QAction(self.tr("&Delete"), self)
        self.delete_action.triggered.connect(lambda: self._on_tab("delete_action"))
        outcomes = QWidget()
        column = QVBoxLayout(outcomes)
        column.addWidget(self.outcomes, 2)
        column.addWidget(self.measures, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.risks, self.tr("&Risks"))
        self.tabs.addTab(self.barriers, self.tr("&Barriers"))
        self.tabs.addTab(outcomes, self.tr("&Outcomes"))
        self.tabs.addTab(self._check_tab(), self.tr("&Self-check"))
        self.tabs.currentChanged.connect(self._name_actions)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Risks and outcomes</h2>")))
        layout.addWidget(self.tabs, 1)
        self._name_actions()

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
        self.check_details = details_label(self.tr("The selected check's notes in full"))
        save = QPushButton(self.tr("Save this check"))
        save.clicked.connect(self.save_check)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr(
            "How far is this co-production? Rate each of the six features from 1 (not yet) to 5 "
            "(fully). Each check is kept, so you can see the change over time.")))  # fmt: skip
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.check_table, 2)
        layout.addWidget(self.check_details, 1)
        return tab

    # project ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        with guard(self, self.tr("Risks and outcomes")) as outcome:
            for tab in (self.risks, self.barriers, self.outcomes, self.measures):
                tab.refresh()
            checks = self.project.risk_log.self_checks()
        if outcome.failed:
            return
        self.check_list = list(reversed(checks))
        self._fill_checks()
        if checks:
            for key, spin in self.ratings.items():
                spin.setValue(checks[-1].ratings.get(key, 3))

    def _fill_checks(self) -> None:
        table = self.check_table
        table.setRowCount(len(self.check_list))
        for r, check in enumerate(self.check_list):
            notes = "; ".join(f"{tr(FEATURES[k])}: {v}" for k, v in check.notes.items())
            cells = [f"{check.checked_on:%d %b %Y}", check.by, f"{check.average:.1f}",
                     *[str(check.ratings.get(k, "")) for k in FEATURES], notes]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        if self.check_list:
            table.selectRow(0)
        self._show_check()

    def _show_check(self) -> None:
        rows = self.check_table.selectionModel().selectedRows()
        check = self.check_list[rows[0].row()] if rows else None
        self.check_details.setText(described(
            *[(tr(FEATURES[k]) + ":", v) for k, v in check.notes.items()]
        ) if check else "")  # fmt: skip

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

    # commands --------------------------------------------------------------------------------
    def _record_tab(self):
        """The record tab the window's Add / Edit / Delete act on (none on the self-check)."""
        index = self.tabs.currentIndex()
        return (self.risks, self.barriers, self.outcomes, None)[index]

    def _name_actions(self) -> None:
        nouns = (self.tr("Risk"), self.tr("Barrier"), self.tr("Outcome"), self.tr("Check"))
        self.add_action.setText(self.tr("&Add {0}…").format(nouns[self.tabs.currentIndex()]))
        for action in (self.add_action, self.edit_action, self.delete_action):
            action.setEnabled(self._record_tab() is not None)

    def _on_tab(self, action: str) -> None:
        tab = self._record_tab()
        if tab is not None:
            getattr(tab, action).trigger()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) and self._record_tab() is not None:
            self._on_tab("delete_action")
        else:
            super().keyPressEvent(event)

