"""Programmes: radio programmes made from the lab's clips, studio links, music and pauses.

Left, the programmes (the most recently changed first). Right, the one selected: its title and
show notes, its running order (drag a row, or Alt+Up / Alt+Down), the selected item, and
whether it can go out. Every change is one undo step: the whole programme as it was is put
back (`ProgrammeService.replaced` / `put_back`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.clips import clock
from coprod_desktop.domain.programmes import Item, Programme, length_ms, moved, removed

from .messages import guard, report_failure
from .play_to_room import PlayToRoom
from .programme_gate import GatePanel
from .programme_item import ItemPanel
from .project_page import ProjectPage
from .running_order import TITLE_COLUMN, RunningOrderModel
from .tasks import Operation
from .undo_commands import Undo
from .widgets import ERROR_COLOUR, fit_columns, key_button

NOTES_PAUSE_MS = 1000  # typing in the show notes is stored after this pause
MUSIC_FILTER = "*.wav *.mp3 *.ogg *.flac"



class ProgrammesPage(ProjectPage):
    LISTENS = frozenset({"programme", "clip"})

    def __init__(self, project, undo_stack, runner, parent: QWidget | None = None):
        super().__init__(project, parent)
        self.undo_stack = undo_stack
        self.runner = runner
        self._programmes: list[Programme] = []
        self._importing = Operation(self, runner, project)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Programmes"))
        self.list.currentRowChanged.connect(lambda _row: self._show_selected())
        self.new_button = QPushButton(self.tr("New programme"))
        self.new_button.setToolTip(self.tr("Ctrl+Shift+N"))
        self.new_button.clicked.connect(self.new_programme)
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.clicked.connect(self.rename)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_programme)

        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Programme title"))
        self.title.editingFinished.connect(self._title_edited)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Show notes"))
        self.notes.setPlaceholderText(self.tr("What the programme is about, for the podcast's "
                                              "listing"))  # fmt: skip
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(60)
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_PAUSE_MS)
        self._notes_timer.timeout.connect(self.flush)
        self.notes.textChanged.connect(self._notes_timer.start)

        self.model = RunningOrderModel(self.move_item, self)
        self.order = QTableView()
        self.order.setModel(self.model)
        self.order.setAccessibleName(self.tr("Running order"))
        self.order.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.order.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.order.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.order.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.order.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.order.setDragDropOverwriteMode(False)
        self.order.setDropIndicatorShown(True)
        self.order.verticalHeader().hide()
        self.order.setTabKeyNavigation(False)
        self.order.setAlternatingRowColors(True)
        self.order.horizontalHeader().setMinimumSectionSize(16)  # the narrow “#” column
        fit_columns(self.order, TITLE_COLUMN)
        self.order.selectionModel().selectionChanged.connect(lambda *_a: self._item_selected())
        self.total = QLabel()
        self.total.setAccessibleName(self.tr("Total length"))

        self.add_clip_button = QPushButton(self.tr("Add &clip…"))
        self.add_clip_button.clicked.connect(self.add_clip)
        self.add_pause_button = QPushButton(self.tr("Add &pause"))
        self.add_pause_button.clicked.connect(lambda: self.add_item(
            self.project.programmes.silence_item(2_000), self.tr("Add a pause")))
        self.music_button = QPushButton(self.tr("Import &music…"))
        self.music_button.clicked.connect(self.import_music)
        self.link_button = QPushButton(self.tr("Record a lin&k…"))
        self.link_button.clicked.connect(self.record_link)
        self.remove_button = QPushButton(self.tr("Remove item"))
        self.remove_button.setToolTip(self.tr("Delete, in the running order"))
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.setToolTip(self.tr("Alt+Up"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.setToolTip(self.tr("Alt+Down"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.make_button = key_button(QPushButton(self.tr("Make programme…")), "Ctrl+E")
        self.make_button.clicked.connect(self.make)
        self.play_button = key_button(QPushButton(self.tr("Play to the room")), "F5")
        self.play_button.clicked.connect(self.play_to_room)

        self.item_panel = ItemPanel()
        self.item_panel.changed.connect(self._item_changed)
        self.gate = GatePanel(project, runner)
        self.gate.remake_asked.connect(self.remake)

        self.add_action = QAction(self.tr("&New Programme"), self)  # Ctrl+Shift+N, as elsewhere
        self.add_action.triggered.connect(self.new_programme)
        self.edit_action = QAction(self.tr("&Rename Programme"), self)
        self.edit_action.triggered.connect(self.rename)
        self.delete_action = QAction(self.tr("&Delete Item or Programme…"), self)
        self.delete_action.triggered.connect(self.delete_selected)
        for keys, text, step in (("Alt+Up", self.tr("Move the item up"), -1),
                                 ("Alt+Down", self.tr("Move the item down"), 1)):  # fmt: skip
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=step: self.move_selected(s))
            self.addAction(action)
        self._layout()

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("<h2>Programmes</h2>")))
        column.addWidget(self.list, 1)
        column.addWidget(self.new_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        column.addLayout(buttons)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Show notes"), self.notes)
        adding = QHBoxLayout()
        for button in (self.add_clip_button, self.add_pause_button, self.music_button,
                       self.link_button):  # fmt: skip
            adding.addWidget(button)
        adding.addStretch(1)
        adding.addWidget(self.total)
        moving = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            moving.addWidget(button)
        moving.addStretch(1)
        moving.addWidget(self.play_button)
        moving.addWidget(self.make_button)
        lower = QSplitter()
        for panel in (self.item_panel, self.gate):  # scrolled, so a small window still fits
            scroller = QScrollArea()
            scroller.setWidget(panel)
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            lower.addWidget(scroller)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setChildrenCollapsible(False)
        lower.setSizes([520, 420])  # the gate's refusals need room to be read
        running = QWidget()
        order = QVBoxLayout(running)
        order.setContentsMargins(0, 0, 0, 0)
        order.addWidget(self.order, 1)
        order.addLayout(moving)
        # the running order is what the page is for: it keeps at least five rows in view, and
        # the item and gate panels below give way to it (dragging the divider gives them more)
        rows = self.order.verticalHeader().defaultSectionSize()
        self.order.setMinimumHeight(self.order.horizontalHeader().sizeHint().height() + 5 * rows
                                    + 2 * self.order.frameWidth())  # fmt: skip
        parts = QSplitter(Qt.Orientation.Vertical)
        parts.addWidget(running)
        parts.addWidget(lower)
        parts.setStretchFactor(0, 3)
        parts.setStretchFactor(1, 2)
        parts.setChildrenCollapsible(False)
        right = QWidget()
        body = QVBoxLayout(right)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addLayout(adding)
        body.addWidget(parts, 1)
        self.detail = right
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # project -------------------------------------------------------------------------------
    def refresh(self, select_id: str | None = None) -> None:
        current = self.current()
        select_id = select_id or (current.id if current else None)
        with guard(self, self.tr("Programmes")) as outcome:
            self._programmes = self.project.programmes.list()
            remakes = self.project.programmes.remakes()
        if outcome.failed:
            return
        self.list.blockSignals(True)
        self.list.clear()
        row = 0
        for n, programme in enumerate(self._programmes):
            entry = QListWidgetItem(programme.title)
            if programme.id in remakes:  # went out with someone who has since withdrawn
                entry.setText(self.tr("{0} — must be re-made").format(programme.title))
                entry.setForeground(QBrush(QColor(ERROR_COLOUR)))
            entry.setData(Qt.ItemDataRole.UserRole, programme.id)
            self.list.addItem(entry)
            if programme.id == select_id:
                row = n
        if self._programmes:
            self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._show_selected()

    def flush(self) -> None:
        self._notes_timer.stop()
        self.item_panel.flush()
        programme = self.current()
        if programme is not None and self.notes.toPlainText() != programme.show_notes:
            self._change(self.tr("Edit the show notes"),
                         replace(programme, show_notes=self.notes.toPlainText()))  # fmt: skip

    def current(self) -> Programme | None:
        row = self.list.currentRow()
        return self._programmes[row] if 0 <= row < len(self._programmes) else None

    def current_item(self) -> Item | None:
        rows = self.order.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _show_selected(self, item_id: str | None = None) -> None:
        programme = self.current()
        shown = self.model.programme
        if item_id is None and shown is not None and programme is not None and (
                shown.id == programme.id):  # fmt: skip
            item_id = self.current_item().id if self.current_item() else None
        names = {p.id: p.pseudonym for p in self.project.participants.list()}
        self.model.set_programme(programme, names)
        self.detail.setEnabled(programme is not None)
        for widget in (self.rename_button, self.delete_button):
            widget.setEnabled(programme is not None)
        self.title.blockSignals(True)
        self.title.setText(programme.title if programme else "")
        self.title.blockSignals(False)
        if programme is None or self.notes.toPlainText() != programme.show_notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(programme.show_notes if programme else "")
            self.notes.blockSignals(False)
        self.total.setText(self.tr("Total {0}").format(clock(length_ms(programme)))
                           if programme else "")  # fmt: skip
        row = next((n for n, i in enumerate(programme.items) if i.id == item_id), 0) if (
            programme) else 0  # fmt: skip
        if self.model.rowCount():
            self.order.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
        self._item_selected()
        self.gate.show_for(programme.id if programme else None)

    def _item_selected(self) -> None:
        item = self.current_item()
        rows = self.order.selectionModel().selectedRows()
        first = not rows or rows[0].row() == 0
        self.item_panel.show_item(item, first, self.project.participants.list())
        count = self.model.rowCount()
        row = rows[0].row() if rows else -1
        self.remove_button.setEnabled(item is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    # changing a programme -------------------------------------------------------------------
    def _change(self, text: str, programme: Programme, item_id: str | None = None) -> bool:
        """Store `programme` as one undo step; a refusal is told in plain words."""
        service = self.project.programmes
        with guard(self, self.tr("Programmes")) as outcome:
            replaced = service.replaced("programme", programme.id)
            service.save(programme)
        if outcome.failed:
            self._show_selected()  # the fields show what is stored, not the refused edit
            return False
        self.undo_stack.push(Undo.put_back(text, service, replaced))
        self.refresh(programme.id)
        if item_id is not None:
            self._show_selected(item_id)
        return True

    def remake(self) -> None:
        """Take out what must come out (erased audio, withdrawn voices), as one undo step."""
        programme = self.current()
        if programme is None:
            return
        service = self.project.programmes
        with guard(self, self.tr("Re-make the programme")) as outcome:
            replaced = service.replaced("programme", programme.id)
            service.remake(programme.id)
        if outcome.failed:
            return
        self.undo_stack.push(Undo.put_back(self.tr("Re-make without them"), service, replaced))
        self.refresh(programme.id)

    def new_programme(self) -> None:
        with guard(self, self.tr("New programme")) as outcome:
            draft = self.project.programmes.draft()
        if outcome.failed:
            return
        if self._change(self.tr("New programme"), draft):
            self.title.setFocus()
            self.title.selectAll()

    def rename(self) -> None:
        if self.current() is not None:
            self.title.setFocus()
            self.title.selectAll()

    def _title_edited(self) -> None:
        programme = self.current()
        if programme is not None and self.title.text() != programme.title:
            self._change(self.tr("Rename programme"), replace(programme, title=self.title.text()))

    def delete_selected(self) -> None:
        """Delete: the selected item when the running order has the focus, else the programme."""
        if self.order.hasFocus() and self.current_item() is not None:
            self.remove_item()
        else:
            self.delete_programme()

    def delete_programme(self) -> None:
        programme = self.current()
        if programme is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete programme"),
                          self.tr("Delete the programme “{0}”? Its clips stay in the radio lab; "
                                  "Undo brings the programme back.").format(programme.title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        service = self.project.programmes
        with guard(self, self.tr("Delete programme")) as outcome:
            replaced = service.replaced("programme", programme.id)
            service.delete(programme.id)
        if outcome.failed:
            return
        self.undo_stack.push(Undo.put_back(self.tr("Delete programme"), service, replaced))
        self.refresh()
        self.list.setFocus()

    # the running order ----------------------------------------------------------------------
    def add_item(self, item: Item, text: str) -> bool:
        """Add `item` after the selected one (at the end when none is selected)."""
        programme = self.current()
        if programme is None:
            return False
        rows = self.order.selectionModel().selectedRows()
        at = rows[0].row() + 1 if rows else len(programme.items)
        items = (*programme.items[:at], item, *programme.items[at:])
        done = self._change(text, replace(programme, items=items), item.id)
        if done:
            self.order.setFocus()
        return done

    def add_clip(self) -> None:
        from .programme_dialogs import ClipChooser

        if self.current() is None:
            return
        with guard(self, self.tr("Add clip")) as outcome:
            clips = [c for c in self.project.radio.clips() if c.has_audio]
        if outcome.failed:
            return
        chooser = ClipChooser(clips, self)
        if chooser.exec() and chooser.chosen is not None:
            self.add_item(self.project.programmes.clip_item(chooser.chosen),
                          self.tr("Add a clip"))  # fmt: skip

    def import_music(self) -> None:
        if self.current() is None:
            return
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Import music"), str(self.project.path.parent),
            self.tr("Sound files ({0})").format(MUSIC_FILTER))  # fmt: skip
        if path:
            self.import_music_from(Path(path))

    def import_music_from(self, path: Path) -> None:
        """Decode and store the file in the background, then add it after the selected item."""
        self.music_button.setEnabled(False)
        self.total.setText(self.tr("Importing {0}…").format(path.name))
        self._importing.start(lambda job: job.project.programmes.import_music(path),
                              self._imported, self._import_failed)  # fmt: skip

    def _imported(self, item: Item) -> None:
        self.music_button.setEnabled(True)
        if not self.add_item(item, self.tr("Add music")):
            self._show_selected()

    def _import_failed(self, exc: BaseException) -> None:
        self.music_button.setEnabled(True)
        self._show_selected()
        report_failure(self, self.tr("Import music"), exc)

    def record_link(self) -> None:
        from .programme_dialogs import LinkDialog

        if self.current() is None:
            return
        dialog = LinkDialog(self.project, self)
        if dialog.exec() and dialog.made is not None:
            self.add_item(dialog.made, self.tr("Record a link"))

    def remove_item(self) -> None:
        programme, item = self.current(), self.current_item()
        if programme is None or item is None:
            return
        row = programme.items.index(item)
        with guard(self, self.tr("Remove item")) as outcome:
            shorter = removed(programme, item.id)
        if outcome.failed:
            return
        after = shorter.items[min(row, len(shorter.items) - 1)].id if shorter.items else None
        self._change(self.tr("Remove “{0}”").format(item.title), shorter, after)
        self.order.setFocus()

    def move_selected(self, step: int) -> None:
        rows = self.order.selectionModel().selectedRows()
        if rows:
            self.move_item(rows[0].row(), rows[0].row() + step)
            self.order.setFocus()

    def move_item(self, index: int, to: int) -> bool:
        """Move the item at `index` to position `to`, as one undo step (keys and drops)."""
        programme = self.current()
        if programme is None or not 0 <= to < len(programme.items) or index == to:
            return False
        item = programme.items[index]
        with guard(self, self.tr("Move item")) as outcome:
            reordered = moved(programme, index, to)
        if outcome.failed:
            return False
        return self._change(self.tr("Move “{0}”").format(item.title), reordered, item.id)

    def _item_changed(self, text: str, item: Item) -> None:
        programme = self.current()
        if programme is None:
            return
        items = tuple(item if i.id == item.id else i for i in programme.items)
        self._change(text, replace(programme, items=items), item.id)

    # going out ------------------------------------------------------------------------------
    def make(self) -> None:
        from .programme_dialogs import MakeDialog

        programme = self.current()
        if programme is None:
            return
        self.flush()
        dialog = MakeDialog(self.project, self.runner, self.current(), self)
        dialog.made_programme.connect(lambda _made: self.gate.show_for(programme.id))
        self.make_dialog = dialog
        dialog.open()

    def play_to_room(self) -> None:
        programme = self.current()
        if programme is None:
            return
        self.flush()
        self.room = PlayToRoom(self.project, self.runner, programme.id, parent=self.window())
        self.room.showFullScreen()
