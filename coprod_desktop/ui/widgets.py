"""Small widget helpers shared by several screens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from .models import ListTableModel, TableFilter


def error_label(object_name: str) -> QLabel:
    """A hidden, word-wrapped label for a plain-language refusal, in bold red."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.hide()
    return label


def fill_sessions(box, project, none_label: str) -> None:
    """A session chooser: `none_label` (no session / all sessions), then the project's sessions,
    keeping the choice made before when it is still there."""
    current = box.currentData()
    box.clear()
    box.addItem(none_label, None)
    if project is not None:
        for session in project.sessions.list():
            box.addItem(session.title, session.id)
    box.setCurrentIndex(max(0, box.findData(current)))


def centred(box: QWidget, owner: QWidget) -> QBoxLayout:
    """Centre `box` in `owner`, a little above the middle. Stretches rather than alignment
    flags, so word-wrapped labels inside keep their full height."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(box)
    row.addStretch(1)
    layout = QVBoxLayout(owner)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
    return layout


class RecordTable(QTableView):
    """A read-only, sortable, single-selection table of domain records (each with an `id`),
    shown through a filter proxy over a ListTableModel."""

    def __init__(self, model: ListTableModel, proxy: TableFilter, accessible_name: str,
                 parent=None):  # fmt: skip
        super().__init__(parent)
        self.source = model
        self.proxy = proxy
        proxy.setSourceModel(model)
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setAccessibleName(accessible_name)

    def current(self) -> Any | None:
        rows = self.selectionModel().selectedRows()
        return self.source.item(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select_id(self, record_id: str) -> None:
        for row, item in enumerate(self.source.items()):
            if item.id == record_id:
                index = self.proxy.mapFromSource(self.source.index(row, 0))
                self.selectRow(index.row())
                self.scrollTo(index)
                return


def record_table(columns: list[str], name: str, stretch: int) -> QTableWidget:
    """A read-only table of records: whole rows selected one at a time, one column stretched."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
