"""Help › Keyboard Shortcuts: every key of the app, read at run time from the main window's
menus and from each page's actions, shortcuts and buttons, so the list cannot go stale.
Grouped by where the keys work, sorted, filterable; Esc closes it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.words import QT_TR_NOOP

from .translation import tr

if TYPE_CHECKING:
    from .main_window import MainWindow

NATIVE = QKeySequence.SequenceFormat.NativeText
PORTABLE = QKeySequence.SequenceFormat.PortableText
# Keys found only on special keyboards ("Help", "Open", "Undo", media keys, F13 and up), which
# Qt adds to some standard shortcuts on some platforms: not worth a row.
_SPECIAL_KEYS = (range(Qt.Key.Key_F13.value, Qt.Key.Key_F35.value + 1),
                 range(Qt.Key.Key_Help.value, Qt.Key.Key_unknown.value + 1))  # fmt: skip
# The window's Edit-menu commands and what they trigger on the page on show.
PAGE_COMMANDS = (("add_record_action", "add_action"), ("edit_record_action", "edit_action"),
                 ("delete_record_action", "delete_action"))  # fmt: skip
# Shortcuts the page shows no words for anywhere, by (class of the widget that owns the
# shortcut, key). Any other shortcut is described by its own What's This text, or by the
# button, tooltip or hint near it that names its key.
UNWORDED = {
    ("ClipEditor", "Ctrl+E"): QT_TR_NOOP("Export audio…"),
    ("BoardPage", "Ctrl+="): QT_TR_NOOP("Zoom in"),
    ("BoardPage", "Ctrl+-"): QT_TR_NOOP("Zoom out"),
}


@dataclass(frozen=True)
class Entry:
    where: str  # "Everywhere", or the name of a page
    keys: str  # one key sequence, as this platform writes it
    portable: str  # the same in Qt's portable form (Ctrl+Shift+N)
    what: str  # what it does
    detail: str = ""  # e.g. "when Waveform has the focus"
    via_menu: bool = False  # the window's Edit-menu command, as it acts on this page


def plain(text: str) -> str:
    """Menu or button text without its '&' mnemonic marker or leading symbols."""
    text = re.sub(r"&(.)", r"\1", text.replace("&&", "\0")).replace("\0", "&")
    return text.lstrip("●■▶ ").strip()


def shown_keys(sequences) -> list[QKeySequence]:
    out = []
    for sequence in sequences:
        if sequence.isEmpty():
            continue
        combo = sequence[0]
        key = getattr(combo.key(), "value", combo.key())
        if (sequence.count() == 1 and any(key in keys for keys in _SPECIAL_KEYS)
                and combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier):  # fmt: skip
            continue
        out.append(sequence)
    return out


def _entries(where: str, sequences, what: str, detail: str = "", via_menu: bool = False):
    for sequence in shown_keys(sequences):
        yield Entry(where, sequence.toString(NATIVE), sequence.toString(PORTABLE), what, detail,
                    via_menu)  # fmt: skip


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or plain(getattr(widget, "text", lambda: "")() or "")


def _in_window(widget: object, window: QWidget) -> bool:
    """True for widgets of the main window itself (not of a dialog kept as a child)."""
    return isinstance(widget, QWidget) and widget.window() is window


# describing a shortcut from the words near it ------------------------------------------------
def _mentions(text: str, key: str, loose: bool = True) -> str | None:
    """`text` without its mention of `key` in brackets, "Keep it (R)"; or, if `loose`, the
    phrase naming a key of more than one letter ("Alt+U picks the author"); else None."""
    if not text:
        return None
    escaped = re.escape(key)
    bracketed = re.compile(r"\s*\([^()]*(?<![\w+])" + escaped + r"(?![\w+])[^()]*\)")
    if bracketed.search(text):
        return bracketed.sub("", text).strip(" .·") or None
    if loose and len(key) > 1:
        for part in re.split(r"\s+·\s+", text):
            if re.search(r"(?<![\w+])" + escaped + r"(?![\w+])", part):
                return part.strip()
    return None


def _words_for(widget: QWidget, key: str, loose: bool) -> str | None:
    texts = [widget.toolTip()]
    if isinstance(widget, QAbstractButton):
        texts.insert(0, widget.text())
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        texts.append(widget.placeholderText())
    for text in texts:
        said = _mentions(plain(text), key, loose)
        if said:
            return said  # a tooltip rather than the button's text, which may change (Play/Pause)
    return None


def describe_shortcut(shortcut: QShortcut, key: str, root: QWidget) -> str:
    """Its What's This text; else the words nearest to it that name its key (a button
    "Keep it (R)", a tooltip "… (Ctrl+T)", a hint "Alt+U picks the author"); else a few
    known ones the page has no words for."""
    if shortcut.whatsThis():
        return shortcut.whatsThis()
    owner = shortcut.parent()
    node = owner if isinstance(owner, QWidget) else None
    while node is not None:
        widgets = [w for w in (node, *node.findChildren(QWidget)) if w.window() is root.window()]
        for loose in (False, True):  # "(Ctrl+T)" on a button before a passing mention
            for widget in widgets:
                said = _words_for(widget, key, loose)
                if said:
                    return said
        if node is root:
            break
        node = node.parentWidget()
    for cls in type(owner).__mro__:
        if (cls.__name__, key) in UNWORDED:
            return tr(UNWORDED[cls.__name__, key])
    return tr("(not described)")


def _button_words(button: QAbstractButton, key: str) -> str:
    label = _mentions(plain(button.text()), key) or plain(button.text())
    tip = _mentions(plain(button.toolTip()), key)
    return f"{label} — {tip}" if tip and tip != label else label


def _focus_detail(targets: list[QWidget], root: QWidget) -> str:
    names = [_name(w) for w in targets if w is not root and _name(w)]
    return tr("when {0} has the focus").format(", ".join(names)) if names else ""


# collecting -----------------------------------------------------------------------------------
def _menu_actions(menu: QMenu, path: list[str]) -> Iterator[tuple[list[str], QAction]]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from _menu_actions(action.menu(), [*path, plain(action.text())])
        else:
            yield path, action


def window_entries(window: MainWindow) -> list[Entry]:
    """Everywhere: the menus' actions, any action added to the window, and shortcuts of the
    window outside its pages."""
    where = tr("Everywhere")
    generic = {}  # the Edit menu's Add / Edit / Delete, renamed for the page on show
    for (command, _page), text in zip(PAGE_COMMANDS, (tr("Add, on the page on show"),
                                                      tr("Edit, on the page on show"),
                                                      tr("Delete, on the page on show")),
                                      strict=True):  # fmt: skip
        if getattr(window, command, None) is not None:
            generic[id(getattr(window, command))] = text
    out: list[Entry] = []
    seen: set[int] = set()
    found: list[tuple[list[str], QAction]] = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            found += _menu_actions(top.menu(), [plain(top.text())])
        else:
            found.append(([], top))
    found += [([], action) for action in window.actions()]
    for path, action in found:
        if id(action) in seen:
            continue
        seen.add(id(action))
        text = generic.get(id(action)) or plain(action.text())
        out += _entries(where, action.shortcuts(), " › ".join([*path, text]))
    pages = [window.central.widget(i) for i in range(window.central.count())]
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        if not _in_window(owner, window) or any(p.isAncestorOf(owner) or p is owner
                                                  for p in pages):  # fmt: skip
            continue
        for sequence in shown_keys(shortcut.keys()):
            key = sequence.toString(PORTABLE)
            out += _entries(where, [sequence], describe_shortcut(shortcut, key, window))
    return out


def widget_entries(root: QWidget, where: str, window: QWidget) -> list[Entry]:
    """A page's (or screen's) actions, shortcuts and buttons that have keys."""
    out: list[Entry] = []
    for action in root.findChildren(QAction):
        owner = action.parent()
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        if not action.shortcuts() or not (
                (isinstance(owner, QWidget) and _in_window(owner, window))
                or any(_in_window(w, window) for w in widgets)):  # fmt: skip
            continue
        detail = ""
        if action.shortcutContext() in (Qt.ShortcutContext.WidgetShortcut,
                                        Qt.ShortcutContext.WidgetWithChildrenShortcut):  # fmt: skip
            targets = [w for w in widgets if not isinstance(w, (QMenu, QAbstractButton))]
            detail = _focus_detail(targets, root)
        out += _entries(where, action.shortcuts(), plain(action.text()), detail)
    for shortcut in root.findChildren(QShortcut):
        owner = shortcut.parent()
        if not _in_window(owner, window):
            continue
        detail = ""
        if shortcut.context() == Qt.ShortcutContext.WidgetShortcut:
            detail = _focus_detail([owner], root)
        for sequence in shown_keys(shortcut.keys()):
            key = sequence.toString(PORTABLE)
            out += _entries(where, [sequence], describe_shortcut(shortcut, key, root), detail)
    for button in root.findChildren(QAbstractButton):
        key = button.shortcut()
        if key.isEmpty() or not _in_window(button, window):
            continue
        if key == QKeySequence.mnemonic(button.text()):
            continue  # an underlined letter (Alt+letter): shown on the button itself
        if isinstance(button, QToolButton) and button.defaultAction() is not None and (
                button.defaultAction().shortcut() == key):  # fmt: skip
            continue  # listed with its action
        out += _entries(where, [key], _button_words(button, key.toString(PORTABLE)))
    return out


def page_command_entries(window: MainWindow, page: QWidget, where: str) -> list[Entry]:
    """The window's Add / Edit / Delete keys, named after what they do on this page."""
    out: list[Entry] = []
    for command_name, page_name in PAGE_COMMANDS:
        command = getattr(window, command_name, None)
        action = getattr(page, page_name, None)
        if command is not None and isinstance(action, QAction):
            out += _entries(where, command.shortcuts(), plain(action.text()), via_menu=True)
    return out


def collect(window: MainWindow) -> list[Entry]:
    """Every key of the main window, pages built first (each is built when first needed; with
    no project open there are no pages, only the window's own keys)."""
    for name in window.PAGES:
        window._page(name)
    entries = window_entries(window)
    for row in range(window.nav.count()):
        page, where = window.pages.widget(row), window.nav.item(row).text()
        entries += widget_entries(page, where, window)
        entries += page_command_entries(window, page, where)
    for screen, where in ((window.welcome, tr("Start page")),
                          (window.lock_screen, tr("Locked project"))):  # fmt: skip
        entries += widget_entries(screen, where, window)
    unique = list(dict.fromkeys(entries))
    order = {where: n for n, where in enumerate(dict.fromkeys(e.where for e in unique))}
    return sorted(unique, key=lambda e: (order[e.where], e.what.casefold(), e.keys))


# the window ------------------------------------------------------------------------------
class ShortcutsWindow(QWidget):
    """The list of keys; `refresh()` reads them again from the main window."""

    COLUMNS = (QT_TR_NOOP("Keys"), QT_TR_NOOP("What it does"), QT_TR_NOOP("Where it works"))

    def __init__(self, window: MainWindow):
        super().__init__(window, Qt.WindowType.Window)
        self._main = window
        self.entries: list[Entry] = []
        self.setObjectName("shortcutsWindow")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter: a key, or what it does…"))
        self.filter.setAccessibleName(self.tr("Filter the shortcuts"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr(c) for c in self.COLUMNS])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        note = QLabel(self.tr(
            "Underlined letters in menus and buttons work with Alt. Keys that work inside one "
            "box — the arrow keys on the board, Space on the waveform, Y and N when recording "
            "consent — are described in the guide (F1)."))  # fmt: skip
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.close)
        self.resize(760, 600)

    def refresh(self) -> None:
        self.entries = collect(self._main)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        group: QTreeWidgetItem | None = None
        for entry in self.entries:
            if group is None or group.text(0) != entry.where:
                group = QTreeWidgetItem([entry.where])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
                group.setExpanded(True)
            detail = entry.detail or (self.tr("through the Edit menu") if entry.via_menu else "")
            row = QTreeWidgetItem(group, [entry.keys, entry.what, detail])
            row.setData(0, Qt.ItemDataRole.UserRole, entry)
            row.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                        self.tr("{0}: {1}").format(entry.keys, entry.what))  # fmt: skip
        for column in range(2):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, self.tree.columnWidth(column) + 16)
        self.apply_filter(self.filter.text())

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            in_group = needle in group.text(0).casefold()
            visible = 0
            for m in range(group.childCount()):
                row = group.child(m)
                hay = " ".join(row.text(c) for c in range(3)).casefold()
                entry: Entry = row.data(0, Qt.ItemDataRole.UserRole)
                hay += " " + entry.portable.casefold()
                shown = not needle or in_group or needle in hay
                row.setHidden(not shown)
                visible += shown
            group.setHidden(visible == 0)

    def visible_entries(self) -> list[Entry]:
        out = []
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            if group.isHidden():
                continue
            rows = [group.child(m) for m in range(group.childCount())]
            out += [r.data(0, Qt.ItemDataRole.UserRole) for r in rows if not r.isHidden()]
        return out
