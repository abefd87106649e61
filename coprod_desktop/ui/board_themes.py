"""The board page's themes panel: the themes list with note counts, the notes of the chosen
theme, and adding, renaming, recolouring, deleting, merging and splitting themes, each
undoable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.board import THEME_COLOURS, Board, Theme

from .board_scene import BoardScene, NoteItem
from .messages import guard, tell
from .undo_commands import Push

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project

    from .board_page import BoardView


class ThemesPanel(QWidget):
    """Shows and changes the themes of the board on show. Built by the board page with what
    it works on: the project, the scene and its view, a getter for the board on show, the
    page's undo push and its reload. It sits inside the page, so guard() and tell() report
    its failures through the page."""

    def __init__(
        self,
        project: Project,
        scene: BoardScene,
        view: BoardView,
        board: Callable[[], Board | None],
        push: Push,
        reload: Callable[[], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self.scene = scene
        self.view = view
        self._board = board
        self._push = push
        self._reload = reload

        self.theme_list = QListWidget()
        self.theme_list.setAccessibleName(self.tr("Themes, with note counts"))
        self.theme_list.currentItemChanged.connect(lambda *_: self._theme_chosen())
        buttons = QGridLayout()
        self.theme_actions: dict[str, QAction] = {}
        for key, text, slot in (
            ("new", self.tr("New theme…"), self._ask_new_theme),
            ("rename", self.tr("Rename…"), self._ask_rename_theme),
            ("recolour", self.tr("Recolour"), self.recolour_theme),
            ("merge", self.tr("Merge into…"), self._ask_merge_theme),
            ("split", self.tr("Split off selected notes…"), self._ask_split_theme),
            ("delete", self.tr("Delete theme"), self.delete_theme),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            self.theme_actions[key] = action
            button = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(
                button, (len(self.theme_actions) - 1) // 2, (len(self.theme_actions) - 1) % 2
            )
        # The notes of the chosen theme (or those without one), as a list a screen reader can
        # read and the keyboard can select from: choosing here selects on the canvas.
        self.note_list = QListWidget()
        self.note_list.setAccessibleName(self.tr("Notes in the chosen theme"))
        self.note_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.note_list.setUniformItemSizes(True)  # thousands of rows lay out in constant time
        self.note_list.itemSelectionChanged.connect(self._notes_picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Themes</b>")))
        layout.addWidget(self.theme_list, 1)
        layout.addWidget(QLabel(self.tr("<b>Notes</b> (select to find on the board)")))
        layout.addWidget(self.note_list, 1)
        layout.addLayout(buttons)

    # the lists -----------------------------------------------------------------------------
    def clear(self) -> None:
        self.theme_list.clear()
        self.note_list.clear()

    def fill(self, note_list: bool = True) -> None:
        """The themes list with counts, and (unless told not to) the notes list."""
        keep = self.current_theme().id if self.current_theme() else None
        self.theme_list.blockSignals(True)
        self.theme_list.clear()
        for theme_id, item in sorted(
            self.scene.theme_items.items(), key=lambda kv: kv[1].theme.name.casefold()
        ):
            row = QListWidgetItem(f"{item.theme.name} ({item.count})")
            row.setData(Qt.ItemDataRole.UserRole, theme_id)
            self.theme_list.addItem(row)
            if theme_id == keep:
                self.theme_list.setCurrentItem(row)
        self.theme_list.blockSignals(False)
        if note_list:
            self._fill_note_list()

    def relist_notes(self, moved: list[tuple[str | None, str]]) -> None:
        """Notes changed theme (old theme id, note id): take out of the notes list those that
        left the listed theme and add those that joined it (no rebuild of thousands of rows)."""
        theme = self.current_theme()
        wanted = theme.id if theme else None
        leaving = {nid for was, nid in moved if was == wanted
                   and self.scene.note_items[nid].note.theme_id != wanted}  # fmt: skip
        self.note_list.blockSignals(True)
        if leaving:
            for row in reversed(range(self.note_list.count())):
                if self.note_list.item(row).data(Qt.ItemDataRole.UserRole) in leaving:
                    self.note_list.takeItem(row)
        for was, nid in moved:
            item = self.scene.note_items[nid]
            if was != wanted and item.note.theme_id == wanted:
                self.list_note(item)
        self.note_list.blockSignals(False)

    def _fill_note_list(self) -> None:
        theme = self.current_theme()
        wanted = theme.id if theme else None
        self.note_list.blockSignals(True)
        self.note_list.clear()
        for item in self.scene.note_items.values():
            if item.note.theme_id == wanted:
                self.list_note(item)
        self.note_list.blockSignals(False)

    def list_note(self, item: NoteItem) -> None:
        row = QListWidgetItem(item.note.text.splitlines()[0][:80])
        row.setData(Qt.ItemDataRole.UserRole, item.note.id)
        name = item.accessible_name()
        row.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        row.setToolTip(name)
        self.note_list.addItem(row)

    def _notes_picked(self) -> None:
        ids = {r.data(Qt.ItemDataRole.UserRole) for r in self.note_list.selectedItems()}
        self.scene.clearSelection()
        for note_id in ids:
            item = self.scene.note_items.get(note_id)
            if item is not None:
                item.setSelected(True)
                self.view.ensureVisible(item)

    def current_theme(self) -> Theme | None:
        row = self.theme_list.currentItem()
        item = self.scene.theme_items.get(row.data(Qt.ItemDataRole.UserRole)) if row else None
        return item.theme if item else None

    def _theme_chosen(self) -> None:
        self._fill_note_list()

    # changing themes -----------------------------------------------------------------------
    def add_theme(self, name: str) -> Theme | None:
        """A new theme area in free space near the top left of what is on screen: it never
        lands on notes or on another theme, so its title is always in view."""
        board = self._board()
        if board is None:
            return None
        near = self.view.top_left()
        boards, board_id = self.project.boards, board.id
        saved: list[Theme] = []
        with guard(self, self.tr("Board")) as outcome:
            saved.append(boards.add_theme(board_id, name, near=near))
        if outcome.failed:
            return None
        self.scene.put_theme(saved[0])
        self.scene.recount()
        self.fill()
        self.view.reveal(lambda: self._title_start(saved[0].id))
        removed: list = []
        self._push(
            self.tr("Add theme “{0}”").format(saved[0].name),
            lambda: boards.restore(removed.pop()),
            lambda: removed.append(boards.delete_theme(saved[0].id)),
        )
        return saved[0]

    def _title_start(self, theme_id: str) -> QRectF:
        """The start of a theme's title bar: what must be in view to see which theme it is."""
        label = self.scene.theme_items[theme_id].label.sceneBoundingRect()
        return QRectF(label.topLeft(), QSizeF(min(label.width(), 320), label.height()))

    def _ask_new_theme(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New theme"), self.tr("Theme name:"))
        if ok:
            self.add_theme(name)

    def _change_theme(self, changed: Theme, text: str) -> None:
        boards = self.project.boards
        before = self.current_theme()
        if before is None:
            return
        with guard(self, self.tr("Board")) as outcome:
            boards.save_theme(changed)
        if not outcome.failed:
            self.scene.put_theme(changed)
            self.scene.recount()
            self.fill()
            self._push(text, lambda: boards.save_theme(changed), lambda: boards.save_theme(before))

    def _ask_rename_theme(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename theme"), self.tr("Theme name:"), text=theme.name
        )
        if ok:
            self._change_theme(replace(theme, name=name), self.tr("Rename theme"))

    def recolour_theme(self) -> None:
        theme = self.current_theme()
        if theme is not None:
            colours = list(THEME_COLOURS)
            colour = colours[(colours.index(theme.colour) + 1) % len(colours)]
            self._change_theme(replace(theme, colour=colour), self.tr("Recolour theme"))

    def delete_theme(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        boards = self.project.boards
        removed: list = []
        with guard(self, self.tr("Board")) as outcome:
            removed.append(boards.delete_theme(theme.id))
        if not outcome.failed:
            self._reload()
            self._push(
                self.tr("Delete theme “{0}”").format(theme.name),
                lambda: removed.append(boards.delete_theme(theme.id)),
                lambda: boards.restore(removed.pop()),
            )

    def merge_theme_into(self, target: Theme) -> None:
        source = self.current_theme()
        if source is None or source.id == target.id:
            return
        boards = self.project.boards
        removed: list = []
        with guard(self, self.tr("Board")) as outcome:
            removed.append(boards.merge_themes(source.id, target.id))
        if not outcome.failed:
            self._reload()
            self._push(
                self.tr("Merge “{0}” into “{1}”").format(source.name, target.name),
                lambda: removed.append(boards.merge_themes(source.id, target.id)),
                lambda: boards.restore(removed.pop()),
            )

    def _ask_merge_theme(self) -> None:
        source = self.current_theme()
        others = [i.theme for i in self.scene.theme_items.values() if source and
                  i.theme.id != source.id]  # fmt: skip
        if not others:
            return
        names = [t.name for t in others]
        name, ok = QInputDialog.getItem(
            self, self.tr("Merge themes"),
            self.tr("Move every note of “{0}” into:").format(source.name), names, 0, False,
        )  # fmt: skip
        if ok:
            self.merge_theme_into(others[names.index(name)])

    def split_theme(self, name: str) -> Theme | None:
        source = self.current_theme()
        ids = [n.id for n in self.scene.selected_notes() if source and n.theme_id == source.id]
        if source is None or not ids:
            tell(
                self,
                self.tr("Board"),
                self.tr("Select notes of the chosen theme to split them off."),
            )
            return None
        boards = self.project.boards
        notes_before = [self.scene.note_items[i].note for i in ids]
        made: list[Theme] = []
        with guard(self, self.tr("Board")) as outcome:
            made.append(boards.split_theme(source.id, ids, name))
        if outcome.failed:
            return None
        self._reload()
        new = self.scene.theme_items[made[0].id].theme  # as stored (it may have grown)
        self.view.reveal(lambda: self._title_start(new.id))
        notes_after = [boards.note(i) for i in ids]

        def undo() -> None:
            boards.put_back(notes_before)
            boards.delete_theme(new.id)

        def redo() -> None:
            boards.save_theme(new)
            boards.put_back(notes_after)

        self._push(self.tr("Split off “{0}”").format(new.name), redo, undo)
        return new

    def _ask_split_theme(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Split theme"), self.tr("New theme name:"))
        if ok:
            self.split_theme(name)
