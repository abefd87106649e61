"""The selected item of a running order: its title, how it joins the item before (a gap or a
crossfade), a studio link's script, and who did what in it (production roles by pseudonym).

Each edit is handed to the page as a whole new item (`changed(text, item)`); the page stores it
as one undo step, and a refusal comes back in plain words through the page's guard."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.programmes import MAX_JOIN_MS, Item, ItemKind, Role

from .translation import tr

SCRIPT_PAUSE_MS = 1000  # typing in the script is stored after this pause (and when it is left)


class ItemPanel(QGroupBox):
    changed = Signal(str, object)  # undo text, the new Item

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Selected item"))
        self.item: Item | None = None
        self._first = True
        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Item title"))
        self.title.editingFinished.connect(self._title_edited)
        self.join_kind = QComboBox()
        self.join_kind.addItem(self.tr("Gap before it"), False)
        self.join_kind.addItem(self.tr("Crossfade into it"), True)
        self.join_kind.setAccessibleName(self.tr("How it joins the item before"))
        self.join_kind.activated.connect(lambda _i: self._join_edited())
        self.join_ms = QSpinBox()
        self.join_ms.setRange(0, MAX_JOIN_MS)
        self.join_ms.setSingleStep(250)
        self.join_ms.setSuffix(self.tr(" ms"))
        self.join_ms.setAccessibleName(self.tr("Gap or crossfade in milliseconds"))
        self.join_ms.setKeyboardTracking(False)  # one step per value typed, not per digit
        self.join_ms.editingFinished.connect(self._join_edited)
        self.script = QPlainTextEdit()
        self.script.setAccessibleName(self.tr("What the link says"))
        self.script.setPlaceholderText(self.tr("What the presenter says, for the captions and "
                                               "the transcript"))  # fmt: skip
        self.script.setTabChangesFocus(True)
        self.script.setMaximumHeight(70)
        self._script_timer = QTimer(self, singleShot=True, interval=SCRIPT_PAUSE_MS)
        self._script_timer.timeout.connect(self.flush)
        self.script.textChanged.connect(self._script_timer.start)
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Participant"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role"))
        for role in Role:
            self.role.addItem(tr(role.label), role.value)  # Qt keeps a str, not the Role
        self.add_role_button = QPushButton(self.tr("Give role"))
        self.add_role_button.clicked.connect(self.add_role)
        self.roles = QListWidget()
        self.roles.setAccessibleName(self.tr("Roles in this item"))
        self.roles.setMaximumHeight(64)
        self.remove_role_button = QPushButton(self.tr("Take role away"))
        self.remove_role_button.clicked.connect(self.remove_role)

        join = QHBoxLayout()
        join.addWidget(self.join_kind)
        join.addWidget(self.join_ms)
        give = QHBoxLayout()
        give.addWidget(self.person, 1)
        give.addWidget(self.role)
        give.addWidget(self.add_role_button)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Join"), join)
        form.addRow(self.tr("Script"), self.script)
        form.addRow(self.tr("Roles"), give)
        held = QHBoxLayout()
        held.addWidget(self.roles, 1)
        held.addWidget(self.remove_role_button)
        form.addRow("", held)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.show_item(None, True, [])

    def show_item(self, item: Item | None, first: bool, people: list) -> None:
        """Show `item` (None: nothing selected); `people`: the project's participants."""
        if item != self.item:
            self.flush()
        self.item, self._first = item, first
        self.setEnabled(item is not None)
        current = self.person.currentData()
        self.person.clear()
        names = {}
        for person in people:
            self.person.addItem(person.pseudonym, person.id)
            names[person.id] = person.pseudonym
        if (index := self.person.findData(current)) >= 0:
            self.person.setCurrentIndex(index)
        for widget in (self.title, self.join_kind, self.join_ms, self.script):
            widget.blockSignals(True)
        self.title.setText(item.title if item else "")
        self.join_kind.setCurrentIndex(1 if item and item.crossfade else 0)
        self.join_ms.setValue(item.join_ms if item else 0)
        if item is None or self.script.toPlainText() != item.script:
            self.script.setPlainText(item.script if item else "")
        for widget in (self.title, self.join_kind, self.join_ms, self.script):
            widget.blockSignals(False)
        self._script_timer.stop()
        link = item is not None and item.kind is ItemKind.LINK
        self.script.setEnabled(link)
        for widget in (self.join_kind, self.join_ms):
            widget.setEnabled(item is not None and not first)
        self.roles.clear()
        for pid, role in item.roles if item else ():
            entry = QListWidgetItem(f"{names.get(pid, '?')} — {tr(role.label)}")
            entry.setData(Qt.ItemDataRole.UserRole, [pid, role.value])
            self.roles.addItem(entry)
        self.remove_role_button.setEnabled(self.roles.count() > 0)
        self.add_role_button.setEnabled(item is not None and self.person.count() > 0)

    # edits ---------------------------------------------------------------------------------
    def _emit(self, text: str, item: Item) -> None:
        if self.item is not None and item != self.item:
            self.changed.emit(text, item)

    def _title_edited(self) -> None:
        if self.item is not None and self.title.text() != self.item.title:
            self._emit(self.tr("Rename item"), replace(self.item, title=self.title.text()))

    def _join_edited(self) -> None:
        if self.item is None or self._first:
            return
        self._emit(self.tr("Change the join"), replace(
            self.item, join_ms=self.join_ms.value(),
            crossfade=bool(self.join_kind.currentData())))  # fmt: skip

    def flush(self) -> None:
        """Store the script typed since the last pause."""
        self._script_timer.stop()
        item = self.item
        if item is not None and item.kind is ItemKind.LINK and (
                self.script.toPlainText() != item.script):  # fmt: skip
            self._emit(self.tr("Edit the link's script"),
                       replace(item, script=self.script.toPlainText()))  # fmt: skip

    def add_role(self) -> None:
        person, role = self.person.currentData(), Role(self.role.currentData())
        if self.item is None or person is None or (person, role) in self.item.roles:
            return
        self._emit(self.tr("Give a role"), replace(self.item,
                                                   roles=(*self.item.roles, (person, role))))

    def remove_role(self) -> None:
        entry = self.roles.currentItem() or self.roles.item(0)
        if self.item is None or entry is None:
            return
        pid, role = entry.data(Qt.ItemDataRole.UserRole)
        gone = (pid, Role(role))
        self._emit(self.tr("Take a role away"), replace(
            self.item, roles=tuple(r for r in self.item.roles if r != gone)))  # fmt: skip
