"""Thin Qt table models over lists of domain objects. No rules live here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.sessions import Session
from coprod_desktop.domain.words import QT_TR_NOOP

from .translation import tr

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value, so numbers sort as numbers
Index = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows are domain objects; columns are (header, getter) pairs, or (header, getter,
    sort key) where what is shown does not sort (a score shown as "12 (high)"). Headers are
    marked with QT_TR_NOOP where they are written and shown translated."""

    def __init__(self, columns: Sequence[tuple], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []

    def set_columns(self, columns: Sequence[tuple]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[row]

    def items(self) -> list[T]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()][1](self._items[index.row()])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return self._items[index.row()]
        if role == SORT_ROLE:  # a column may give its own sort key as a third element
            column = self._columns[index.column()]
            value = (column[2] if len(column) > 2 else column[1])(self._items[index.row()])
            return value.casefold() if isinstance(value, str) else value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self._columns[section][0])  # headers are marked with QT_TR_NOOP
        return None


def sessions_model(parent=None) -> ListTableModel[Session]:
    return ListTableModel[Session](
        [
            (QT_TR_NOOP("Date"), lambda s: s.date.isoformat()),
            (QT_TR_NOOP("Title"), lambda s: s.title),
            (QT_TR_NOOP("Format"), lambda s: s.format.label),
            (QT_TR_NOOP("Venue"), lambda s: s.venue),
            (QT_TR_NOOP("People"), lambda s: len(s.participant_ids)),
            (QT_TR_NOOP("Partners present"), lambda s: ", ".join(s.partner_organisations)),
            (QT_TR_NOOP("Facilitators"), lambda s: ", ".join(s.facilitators)),
        ],
        parent,
    )


PARTICIPANT_COLUMNS: list[tuple[str, Callable[[Participant], Any]]] = [
    (QT_TR_NOOP("Pseudonym"), lambda p: p.pseudonym),
    (QT_TR_NOOP("Role"), lambda p: p.role.label),
    (QT_TR_NOOP("Organisation"), lambda p: p.organisation),
    (QT_TR_NOOP("Age band"), lambda p: p.age_band.label),
    (QT_TR_NOOP("Real name"), lambda p: p.real_name),
    (QT_TR_NOOP("Aliases"), lambda p: ", ".join(p.aliases)),
]
NAME_COLUMNS = (4, 5)  # hidden unless "Show real names" is on


def participants_model(parent=None) -> ListTableModel[Participant]:
    return ListTableModel[Participant](PARTICIPANT_COLUMNS, parent)


class TableFilter(QSortFilterProxyModel):
    """Filters rows on text found in the columns it is told to search (the visible ones), and
    sorts on raw values, so numbers sort as numbers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._columns: set[int] | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_text", text.casefold()))

    def set_searched_columns(self, columns: set[int] | None) -> None:
        """None searches every column."""
        self._refilter(lambda: setattr(self, "_columns", columns))

    def _refilter(self, change) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._text:
            return True
        model = self.sourceModel()
        columns = range(model.columnCount()) if self._columns is None else self._columns
        return any(self._text in str(model.index(row, c, parent).data() or "").casefold()
                   for c in columns)  # fmt: skip


def warning_colour(palette: QPalette) -> QColor:
    """A red that stands out on the palette's background: dark on a light one, light on a
    dark one (a dark or high-contrast theme), so the mark never fades into it."""
    light = palette.color(QPalette.ColorRole.Base).lightnessF() > 0.5
    return QColor("#b00020") if light else QColor("#ff8a80")


class WarningModel(ListTableModel):
    """A table where a row that needs attention (an overdue action, a concern with an overdue
    follow-up) has one column in bold and the warning colour; that column's text says why in
    words too, so the mark is never colour alone."""

    def __init__(self, columns, warned: Callable[[Any], bool], column: int, parent=None):
        super().__init__(columns, parent)
        self._warned, self._column = warned, column

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if (index.isValid() and index.column() == self._column
                and role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole)
                and self._warned(self.item(index.row()))):  # fmt: skip
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return QBrush(warning_colour(QApplication.palette()))
        return super().data(index, role)
