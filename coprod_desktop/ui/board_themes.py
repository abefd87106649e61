"""Themes on the board page: the themes list with counts, the notes list, and adding,
renaming, recolouring, deleting, merging and splitting themes, each undoable."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtWidgets import QInputDialog, QListWidgetItem

from coprod_desktop.domain.board import THEME_COLOURS, Theme

from .board_scene import NoteItem
from .messages import guard, tell


class ThemesMixin:
    """Part of BoardPage: expects project, board, scene, view, themes, note_list, capture,
    message, reload() and _push(); failures go through guard() to the board's message."""

    def _fill_themes(self, note_list: bool = True) -> None:
        """The themes list with counts, and (unless told not to) the notes list."""
        keep = self.current_theme().id if self.current_theme() else None
        self.themes.blockSignals(True)
        self.themes.clear()
        for theme_id, item in sorted(
            self.scene.theme_items.items(), key=lambda kv: kv[1].theme.name.casefold()
        ):
            row = QListWidgetItem(f"{item.theme.name} ({item.count})")
            row.setData(Qt.ItemDataRole.UserRole, theme_id)
            self.themes.addItem(row)
            if theme_id == keep:
                self.themes.setCurrentItem(row)
        self.themes.blockSignals(False)
        if note_list:
            self._fill_note_list()

    def _relist_notes(self, moved: list[tuple[str | None, str]]) -> None:
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
                self._list_note(item)
        self.note_list.blockSignals(False)

    def _fill_note_list(self) -> None:
        theme = self.current_theme()
        wanted = theme.id if theme else None
        self.note_list.blockSignals(True)
        self.note_list.clear()
        for item in self.scene.note_items.values():
            if item.note.theme_id == wanted:
                self._list_note(item)
        self.note_list.blockSignals(False)

    def _list_note(self, item: NoteItem) -> None:
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
        row = self.themes.currentItem()
        item = self.scene.theme_items.get(row.data(Qt.ItemDataRole.UserRole)) if row else None
        return item.theme if item else None

    def _theme_chosen(self) -> None:
        self._fill_note_list()

    def add_theme(self, name: str) -> Theme | None:
        """A new theme area in free space near the top left of what is on screen: it never
        lands on notes or on another theme, so its title is always in view."""
        if self.board is None:
            return None
        near = self._view_corner()
        boards, board_id = self.project.boards, self.board.id
        saved: list[Theme] = []
        with guard(self, self.tr("Board")) as outcome:
            saved.append(boards.add_theme(board_id, name, near=near))
        if outcome.failed:
            return None
        self.scene.put_theme(saved[0])
        self.scene.recount()
        self._fill_themes()
        self._reveal(lambda: self._title_start(saved[0].id))
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
            self._fill_themes()
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
            self.reload()
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
            self.reload()
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
        self.reload()
        new = self.scene.theme_items[made[0].id].theme  # as stored (it may have grown)
        self._reveal(lambda: self._title_start(new.id))
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
