"""Small widget helpers shared by several screens."""

from __future__ import annotations

import functools
import math
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QTableView,
    QTableWidget,
    QTextEdit,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .models import ListTableModel, TableFilter

ERROR_COLOUR = "#b00020"
SHORT_TEXT = 32  # characters: a value up to this long is always shown whole, never cut
LONG_TEXT = 40  # about how many characters a long value shows outside the free-text column
GLIMPSE = 20  # a long value is cut, but shows at least its first this many characters
SAMPLE_ROWS = 400  # rows measured when sizing columns (the first ones, as sorted)


def key_button(button: QAbstractButton, keys: str) -> QAbstractButton:
    """Give a button a key that presses it at once, shown in its tooltip. (A button's own
    shortcut clicks it 100 ms later, so an Enter typed just after found the dialog unchanged.)
    The key works while the button is visible and enabled, where the platform has no
    mnemonics too (macOS, offscreen)."""
    shortcut = QShortcut(QKeySequence(keys), button)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.setWhatsThis(button.text().replace("&", "").strip("‹› "))
    shortcut.activated.connect(lambda: button.isEnabled() and button.click())
    button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
    return button


def error_label(object_name: str) -> QLabel:
    """A hidden, word-wrapped label for a plain-language refusal, in bold red."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
    label.hide()
    return label


def message_area(*labels: QLabel, lines: int = 4) -> QScrollArea:
    """A place of fixed height for messages that come and go (the labels shown and hidden), so
    nothing around it moves when one appears; a longer message scrolls within it."""
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(0, 0, 0, 0)
    for label in labels:
        column.addWidget(label)
    column.addStretch(1)
    area = QScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
    area.setFixedHeight(lines * inner.fontMetrics().lineSpacing() + column.spacing() + 4)
    return area


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


def fit_placeholder(edit: QLineEdit) -> None:
    """Make a line edit wide enough to show its whole placeholder (and its clear button)."""
    text = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    edit.setMinimumWidth(text + 4 * edit.fontMetrics().averageCharWidth() + 16)


class ColumnFitter(QObject):
    """Sizes the columns of a table or tree to their content, within the width on show.

    Every column gets at least its header, its longest short value (up to SHORT_TEXT
    characters) and the first GLIMPSE characters of a long one; long values get up to about
    LONG_TEXT characters; the free-text column (if any, else the last) takes the width left
    over. When that is more than the view has, the long values give way first, then the free
    column down to its minimum; only when even the minimums do not fit does the view scroll
    sideways. Cut text ends in "…" and shows whole in a tooltip. Sizes follow the model (after
    a change) and the view's width (after a resize); a column the user dragged keeps its width
    until the view's width changes."""

    def __init__(self, view: QAbstractItemView, free: int | None = None):
        super().__init__(view)
        self.view, self.free = view, free
        self._needs: dict[int, tuple[int, int]] | None = None  # column -> (minimum, wanted)
        self._applying = False
        self._user_sized = False
        self._width = -1
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._changed)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)  # whole rows are selected: no header turns bold
        header.sectionResized.connect(self._resized_by_hand)
        header.sortIndicatorChanged.connect(self.later)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        if isinstance(view, QTableView):
            view.setWordWrap(False)  # one line a row: long values are cut, with a tooltip
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved, model.dataChanged, model.headerDataChanged,
                       model.columnsInserted, model.columnsRemoved):  # fmt: skip
            signal.connect(self.later)

    def header(self) -> QHeaderView:
        view = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def later(self, *_args) -> None:
        """Measure again once the current burst of changes is over."""
        self._needs = None
        self._timer.start()

    def refit(self) -> None:
        """Measure the content now and share out the width (after columns are shown or
        hidden, say)."""
        self._needs = None
        self._user_sized = False
        self._apply()

    # measuring -------------------------------------------------------------------------------
    def _indexes(self, column: int):
        """(index, extra indentation) of the rows measured in `column`."""
        model, tree = self.view.model(), isinstance(self.view, QTreeView)
        step = self.view.indentation() if tree else 0
        first = step if tree and self.view.rootIsDecorated() else 0
        pending = [(QModelIndex(), first - step)]
        seen = 0
        while pending and seen < SAMPLE_ROWS:
            parent, indent = pending.pop()
            for row in range(min(model.rowCount(parent), SAMPLE_ROWS - seen)):
                index = model.index(row, column, parent)
                yield index, (indent + step if column == 0 else 0)
                seen += 1
                if tree and model.hasChildren(model.index(row, 0, parent)):
                    pending.append((model.index(row, 0, parent), indent + step))

    def _measure(self) -> dict[int, tuple[int, int]]:
        """(minimum, wanted) width of each column on show. Text is measured with the font's
        metrics; the delegate's own margins (and a check box, if any) are taken from the first
        row, as asking the delegate for every cell is a hundred times slower."""
        view, header = self.view, self.header()
        fm = QFontMetricsF(view.font())  # in fractions of a pixel, as text is laid out
        advance = functools.lru_cache(maxsize=4096)(fm.horizontalAdvance)  # values repeat
        grid = 1 if isinstance(view, QTableView) and view.showGrid() else 0  # drawn in the cell
        needs = {}
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            short = full = glimpse = 0
            pad = None
            for index, indent in self._indexes(column):
                line = max(str(index.data() or "").splitlines() or [""], key=len)
                text = advance(line)
                if pad is None:  # and a pixel for rounding
                    pad = view.sizeHintForIndex(index).width() - text + grid + 1
                width = math.ceil(text + pad) + indent
                full = max(full, width)
                if len(line) <= SHORT_TEXT:
                    short = max(short, width)
                else:  # its first GLIMPSE characters and "…", in place of the whole line
                    cut = math.ceil(advance(line[:GLIMPSE] + "…") + pad) + indent
                    glimpse = max(glimpse, cut)
            least = max(self._header_width(column), short, glimpse)
            wanted = max(least, full if column == self.free
                         else min(full, round(fm.averageCharWidth() * LONG_TEXT)))  # fmt: skip
            needs[column] = (least, wanted)
        return needs

    def _header_width(self, column: int) -> int:
        """The header's text, its margins, and room for the sort arrow on the column sorted
        by. (Qt's own hint keeps room for the arrow and for bold text on every column, which
        pushed the consent matrix off the screen.)"""
        header = self.header()
        text = str(self.view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        width = header.fontMetrics().horizontalAdvance(text) + 2 * margin + 2
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            width += header.sizeHint().height() + margin
        return width

    # sharing out -----------------------------------------------------------------------------
    def _apply(self) -> None:
        if self._needs is None:
            self._needs = self._measure()
        needs = self._needs
        if not needs:
            return
        room = self.view.viewport().width()
        self._width = room
        free = self.free if self.free in needs else max(needs)
        widths = self.share(needs, free, room)
        self._applying = True
        try:
            for column, width in widths.items():
                self.header().resizeSection(column, width)
        finally:
            self._applying = False

    @staticmethod
    def share(needs: dict[int, tuple[int, int]], free: int, room: int) -> dict[int, int]:
        """Widths for `needs` (column -> (minimum, wanted)) in `room` pixels; `free` takes
        what is left over."""
        others = {c: n for c, n in needs.items() if c != free}
        free_least, free_wanted = needs[free]
        # the free column first keeps a fair share (a third) of the room, if it needs it
        free_width = max(free_least, min(free_wanted, room // 3))
        least = sum(n[0] for n in others.values())
        wanted = sum(n[1] for n in others.values())
        rest = room - free_width
        if wanted <= rest:
            widths = {c: n[1] for c, n in others.items()}
        elif least <= rest:
            share = (rest - least) / max(1, wanted - least)
            widths = {c: n[0] + int((n[1] - n[0]) * share) for c, n in others.items()}
        else:  # the free column gives way too, down to its minimum; then the view scrolls
            widths = {c: n[0] for c, n in others.items()}
        widths[free] = max(free_least, room - sum(widths.values()))
        return widths

    # events ----------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._user_sized:
            self._apply()

    def _resized_by_hand(self, *_args) -> None:
        if not self._applying:
            self._user_sized = True

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self._user_sized = False
            self._apply()
        elif kind == QEvent.Type.ToolTip:
            return self._tooltip(event)
        return False

    def _tooltip(self, event) -> bool:
        """Show a cut value whole, where the model has no tooltip of its own."""
        view = self.view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = str(index.data() or "")
        rect = view.visualRect(index)
        if text and view.sizeHintForIndex(index).width() > rect.width():
            QToolTip.showText(event.globalPos(), text, view.viewport(), rect)
            return True
        return False


def fit_columns(view: QAbstractItemView, free: int | None = None) -> ColumnFitter:
    """Size `view`'s columns to their content within its width (see ColumnFitter); `free` is
    the column of free text that takes what is left."""
    fitter = ColumnFitter(view, free)
    view.column_fitter = fitter
    return fitter


class RecordTable(QTableView):
    """A read-only, sortable, single-selection table of domain records (each with an `id`),
    shown through a filter proxy over a ListTableModel. `free` is the column of free text
    that takes the width left over; with `freeze_first`, the first column stays in view when
    the table scrolls sideways."""

    def __init__(self, model: ListTableModel, proxy: TableFilter, accessible_name: str,
                 parent=None, free: int | None = None, freeze_first: bool = False):  # fmt: skip
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
        self.setTabKeyNavigation(False)  # rows are chosen with the arrows; Tab moves on
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setAccessibleName(accessible_name)
        self.columns = fit_columns(self, free)
        self.frozen: QTableView | None = None
        if freeze_first:
            self._freeze_first_column()

    def focusInEvent(self, event) -> None:
        """Tabbing in selects the row with the focus, so the page's commands (Ctrl+Shift+N,
        F2, Delete) act on it at once: a current cell alone selects nothing."""
        super().focusInEvent(event)
        if not self.selectionModel().hasSelection() and self.model().rowCount() > 0:
            self.selectRow(max(0, self.currentIndex().row()))

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

    # a frozen first column: a second view over the same rows, laid over the first column --------
    def _freeze_first_column(self) -> None:
        frozen = self.frozen = QTableView(self)
        frozen.setModel(self.model())
        frozen.setSelectionModel(self.selectionModel())
        frozen.setAccessibleName(self.tr("{0}: first column").format(self.accessibleName()))
        frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the whole table
        frozen.verticalHeader().hide()
        frozen.setAlternatingRowColors(True)
        frozen.setWordWrap(False)
        frozen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollMode(self.verticalScrollMode())
        frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.horizontalHeader().setHighlightSections(False)  # as the table's own header
        main = self.horizontalHeader()
        frozen.horizontalHeader().setSortIndicator(main.sortIndicatorSection(),
                                                   main.sortIndicatorOrder())  # fmt: skip
        frozen.setSortingEnabled(True)  # sorts as the table does: no re-sorting here
        frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        self.viewport().stackUnder(frozen)
        frozen.activated.connect(self.activated)
        frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(frozen.verticalScrollBar().setValue)
        self.horizontalHeader().sectionResized.connect(self._frozen_width)
        self.verticalHeader().sectionResized.connect(
            lambda row, _old, new: frozen.setRowHeight(row, new)
        )
        self.horizontalHeader().sortIndicatorChanged.connect(
            lambda column, order: frozen.horizontalHeader().setSortIndicator(column, order)
        )
        frozen.horizontalHeader().sortIndicatorChanged.connect(self.sortByColumn)
        for signal in (self.model().modelReset, self.model().layoutChanged,
                       self.model().columnsInserted):  # fmt: skip
            signal.connect(self._frozen_columns)
        self._frozen_columns()

    def _frozen_columns(self) -> None:
        for column in range(self.model().columnCount()):
            self.frozen.setColumnHidden(column, column != 0)
        self._frozen_width(0, 0, self.columnWidth(0))

    def _frozen_width(self, column: int, _old: int, new: int) -> None:
        if column == 0 and self.frozen is not None:
            self.frozen.setColumnWidth(0, new)
            self._place_frozen()

    def _place_frozen(self) -> None:
        if self.frozen is not None:
            frame = self.frameWidth()
            height = self.viewport().height() + self.horizontalHeader().height()
            self.frozen.setGeometry(frame, frame, self.columnWidth(0), height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def moveCursor(self, action, modifiers):
        current = super().moveCursor(action, modifiers)
        if (self.frozen is not None and action == QAbstractItemView.CursorAction.MoveLeft
                and current.column() > 0
                and self.visualRect(current).topLeft().x() < self.columnWidth(0)):  # fmt: skip
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).topLeft().x()
                         - self.columnWidth(0))  # fmt: skip
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if self.frozen is None or index.column() > 0:
            super().scrollTo(index, hint)
        else:  # only up or down: the first column is always in view
            bar = self.horizontalScrollBar()
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)


def record_table(columns: list[str], name: str, stretch: int) -> QTableWidget:
    """A read-only table of records: whole rows selected one at a time, columns sized to
    their content, the free-text column `stretch` taking what is left."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # rows are chosen with the arrows; Tab moves on
    table.verticalHeader().hide()
    fit_columns(table, stretch)
    return table


def details_label(name: str) -> QLabel:
    """Where the selected record is shown in full (the table cuts long text)."""
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def text_box(text: str, placeholder: str, height: int = 70) -> QPlainTextEdit:
    """A few lines of typing in a form: Tab goes on to the next field (Ctrl+Enter saves)."""
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class ChoiceBox(QComboBox):
    """A drop-down of (label, value) pairs that gives back the very values it was given. Qt
    keeps an item's data as a Qt value, so a str Enum comes back as a plain str, and a check
    such as `box.currentData() is ActionTaken.REFERRED` would never be true."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._values: list = []

    def addItem(self, label: str, value=None) -> None:
        super().addItem(label, value)
        self._values.append(value)

    def clear(self) -> None:
        super().clear()
        self._values.clear()

    def currentData(self, role: int = Qt.ItemDataRole.UserRole):
        index = self.currentIndex()
        if role == Qt.ItemDataRole.UserRole and 0 <= index < len(self._values):
            return self._values[index]
        return super().currentData(role)

    def findData(self, value, *args) -> int:
        return next((i for i, v in enumerate(self._values) if v == value), -1)


def choice_box(items, current=None) -> ChoiceBox:
    """A drop-down of (label, value) pairs, showing `current` if given."""
    box = ChoiceBox()
    for label, data in items:
        box.addItem(label, data)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


class UndoFallsThrough(QObject):
    """Ctrl+Z in a text box with nothing of its own to undo goes to the window's undo, as
    Ctrl+Shift+Z (or Ctrl+Y) does for redo: a draft transcript filled into the box is undone
    from where the facilitator is typing. A box that has its own typing to undo keeps the key.
    Installed on the box (`box.installEventFilter(UndoFallsThrough(box))`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            own = _own_undo(watched, redo=False)
        elif event.matches(QKeySequence.StandardKey.Redo):
            own = _own_undo(watched, redo=True)
        else:
            return False
        if own is False:
            event.ignore()  # not taken by the box: the window's Undo / Redo shortcut fires
            return True
        return False


def _own_undo(widget: QObject, redo: bool) -> bool | None:
    """Whether a text box has its own step to undo (redo); None for anything else."""
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None
