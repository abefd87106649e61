"""A programme's running order as a Qt table model: a thin adapter over the domain's Programme.

The model never changes itself. A drop (or `moveRows`) hands the move to `on_move(index, to)`,
which the page turns into one stored, undoable change; the model is then given the programme
as stored. So dragging a row and pressing Alt+Up go through the same path."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt

from coprod_desktop.domain.clips import clock
from coprod_desktop.domain.programmes import Item, ItemKind, Programme, starts_ms
from coprod_desktop.domain.words import QT_TR_NOOP

from .translation import tr

COLUMNS = (QT_TR_NOOP("#"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Title"), QT_TR_NOOP("Starts"),
           QT_TR_NOOP("Length"), QT_TR_NOOP("Join"), QT_TR_NOOP("Roles"))  # fmt: skip
TITLE_COLUMN = COLUMNS.index("Title")
KINDS = {ItemKind.CLIP: QT_TR_NOOP("Clip"), ItemKind.LINK: QT_TR_NOOP("Link"),
         ItemKind.MUSIC: QT_TR_NOOP("Music"), ItemKind.SILENCE: QT_TR_NOOP("Pause")}  # fmt: skip
MIME = "application/x-coprod-running-order-row"
ID_ROLE = Qt.ItemDataRole.UserRole


def join_text(item: Item, first: bool) -> str:
    if first or not item.join_ms:
        return "" if first else tr("no gap")
    seconds = f"{item.join_ms / 1000:g} s"
    return (tr("crossfade {0}") if item.crossfade else tr("gap {0}")).format(seconds)


def kind_text(item: Item) -> str:
    text = tr(KINDS[item.kind])
    return tr("{0} — audio erased").format(text) if item.lost else text


class RunningOrderModel(QAbstractTableModel):
    def __init__(self, on_move: Callable[[int, int], object], parent=None):
        super().__init__(parent)
        self._on_move = on_move
        self.programme: Programme | None = None
        self._starts: list[int] = []
        self._names: Mapping[str, str] = {}

    def set_programme(self, programme: Programme | None, names: Mapping[str, str]) -> None:
        """Show `programme`; `names`: participant id -> pseudonym, for the roles."""
        self.beginResetModel()
        self.programme, self._names = programme, names
        self._starts = starts_ms(programme) if programme is not None else []
        self.endResetModel()

    def item(self, row: int) -> Item:
        return self.programme.items[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.programme is None:
            return 0
        return len(self.programme.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def roles_text(self, item: Item) -> str:
        return ", ".join(f"{self._names.get(pid, '?')} ({tr(role.label)})"
                         for pid, role in item.roles)  # fmt: skip

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.item(index.row())
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ForegroundRole and item.lost:
            return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.ToolTipRole and item.lost:
            return tr("Its audio was erased (someone withdrew, or the clip was deleted): it is "
                      "left out when the programme is made.")  # fmt: skip
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = index.row()
        return (str(row + 1), kind_text(item), item.title, clock(self._starts[row]),
                clock(item.length_ms), join_text(item, row == 0),
                self.roles_text(item))[index.column()]  # fmt: skip

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    # moving rows ---------------------------------------------------------------------------
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled  # between rows
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(str(rows[0] if rows else -1).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,
                     parent: QModelIndex) -> bool:  # fmt: skip
        """A row dropped before `row` (or on `parent`'s row, or at the end when both are -1)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        source = int(bytes(data.data(MIME).data()).decode() or -1)
        before = row if row >= 0 else parent.row() if parent.isValid() else self.rowCount()
        return self.moveRows(QModelIndex(), source, 1, QModelIndex(), before)

    def moveRows(self, source_parent, source: int, count: int, destination_parent,
                 destination: int) -> bool:  # fmt: skip
        """Move row `source` to sit before row `destination` (Qt's meaning); one row at a time."""
        if count != 1 or not 0 <= source < self.rowCount():
            return False
        to = destination - 1 if destination > source else destination
        to = max(0, min(to, self.rowCount() - 1))
        if to == source:
            return False
        return bool(self._on_move(source, to))
