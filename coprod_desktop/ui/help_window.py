"""The built-in guide: short HTML parts shipped in resources/help/, shown offline in a
non-modal window with a contents list. F1 opens the part for what is on screen (a page of the
main window, the start page, the lock screen, or a dialog over them); Help › Keyboard
Shortcuts lists every key, read from the app itself (shortcuts_window.py)."""

from __future__ import annotations

import re
from functools import cache
from html import unescape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.resource_files import resource_path

if TYPE_CHECKING:
    from .main_window import MainWindow

# The guide's parts, in reading order: resources/help/<part>.html each.
PARTS = ("getting-started", "sessions", "participants", "consent", "board", "radio-lab",
         "programmes", "anonymise", "packs", "risks-and-outcomes", "actions",
         "safeguarding", "reciprocity", "retention",
         "keeping-safe")  # fmt: skip
START = "getting-started"
LOCKED = "getting-started#lock"
# The main window's pages (MainWindow.PAGES names) and their parts.
PAGE_PARTS = {
    "sessions": "sessions",
    "participants": "participants",
    "consent": "consent",
    "board": "board",
    "radio": "radio-lab",
    "programmes": "programmes",
    "anonymise": "anonymise",
    "packs": "packs",
    "risk_log": "risks-and-outcomes",
    "actions": "actions",
    "safeguarding": "safeguarding",
    "reciprocity": "reciprocity",
    "retention": "retention",
}
# Dialogs with a section of their own, by class name; any other dialog gets the part for the
# page it was opened from.
DIALOG_PARTS = {
    "NewProjectDialog": "getting-started#new-project",
    "UnlockDialog": "getting-started#open",
    "PreferencesDialog": "getting-started#preferences",
    "CombineDialog": "getting-started#combine",
    "SessionDialog": "sessions#add",
    "ParticipantDialog": "participants#add",
    "ConsentDialog": "consent#record",
    "ConsentHistoryDialog": "consent#history",
    "WithdrawalDialog": "consent#withdraw",
    "FormEditorDialog": "consent#form",
    "PrivateWritingDialog": "board#private-writing",
    "PackWizard": "packs#new-pack",
    "ActionDialog": "actions#add",
    "ResponseDialog": "actions#respond",
    "EvidenceChooser": "actions#evidence",
    "ConcernDialog": "safeguarding#concern",
    "SignpostDialog": "safeguarding#signposting",
    "ReportDialog": "safeguarding#report",
    "EntryDialog": "reciprocity#add",
    "ThresholdDialog": "reciprocity#threshold",
    "EraseDueDialog": "retention#erase",
}
GUIDE_KEY_PROPERTY = "coprodGuideKey"  # set on a dialog once F1 works in it

_KBD = re.compile(r"<kbd>(.*?)</kbd>", re.DOTALL)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_H2 = re.compile(r"<h2 id=\"([^\"]+)\">(.*?)</h2>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


# the guide's files ---------------------------------------------------------------------------
def part_source(part: str) -> str:
    """The HTML of one part, as shipped."""
    if part not in PARTS:
        raise KeyError(part)
    return resource_path(f"help/{part}.html").read_text(encoding="utf-8")


def native_keys(html: str) -> str:
    """Each <kbd>key</kbd> (written as Qt's portable text, e.g. Ctrl+Shift+N) shown the way
    this platform writes it (⌘⇧N on macOS), in bold body text: a fixed-width font makes
    Ctrl+O look like Ctrl+0."""

    def native(match: re.Match) -> str:
        text = unescape(match.group(1))
        shown = QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText) or text
        shown = shown.replace("&", "&amp;").replace("<", "&lt;")
        return f'<span style="font-weight: bold; white-space: nowrap">{shown}</span>'

    return _KBD.sub(native, html)


def _plain(fragment: str) -> str:
    return " ".join(unescape(_TAG.sub("", fragment)).split())


@cache
def contents() -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """(part, title, ((anchor, section title), ...)) for every part, in reading order."""
    out = []
    for part in PARTS:
        source = part_source(part)
        title = _H1.search(source)
        sections = tuple((anchor, _plain(text)) for anchor, text in _H2.findall(source))
        out.append((part, _plain(title.group(1)) if title else part, sections))
    return tuple(out)


def split_target(target: str) -> tuple[str, str]:
    """'consent#withdraw' -> ('consent', 'withdraw'); an unknown part is the start."""
    part, _, anchor = target.partition("#")
    part = part.removesuffix(".html")
    return (part, anchor) if part in PARTS else (START, "")


# what is on screen -----------------------------------------------------------------------
def part_for_row(window: MainWindow, row: int) -> str:
    """The part for the page at a row of the main window's navigation list."""
    names = window.PAGES
    return PAGE_PARTS.get(names[row], START) if 0 <= row < len(names) else START


def part_on_screen(window: MainWindow) -> str:
    shown = window.central.currentWidget()
    if shown is window.lock_screen:
        return LOCKED
    if shown is window.welcome:
        return START
    return part_for_row(window, window.pages.currentIndex())


def part_for_widget(window: MainWindow, widget: QWidget) -> str:
    """The part for a dialog (or anything in it): its own section if it has one, otherwise
    the part for the page it was opened from, otherwise the part for what is on screen."""
    node: QWidget | None = widget
    while node is not None and node is not window:
        for cls in type(node).__mro__:
            if cls.__name__ in DIALOG_PARTS:
                return DIALOG_PARTS[cls.__name__]
        if node is window.lock_screen:
            return LOCKED
        if node is window.welcome:
            return START
        row = window.pages.indexOf(node)
        if row >= 0:
            return part_for_row(window, row)
        node = node.parentWidget()
    return part_on_screen(window)


# the window ------------------------------------------------------------------------------
class GuideBrowser(QTextBrowser):
    """Shows guide parts only. Links never open anything outside the guide: the app stays
    offline, so an address on the web is ignored rather than handed to a browser."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # every link goes through follow()
        self.document().setDocumentMargin(14)
        self.anchorClicked.connect(self.follow)

    def loadResource(self, kind: int, url: QUrl):
        if int(kind) == int(QTextDocument.ResourceType.HtmlResource.value) and not url.scheme():
            part, _anchor = split_target(url.path())
            if part == url.path().removesuffix(".html"):
                return native_keys(part_source(part))
        return None  # no images, style sheets or anything else: nothing is fetched

    def follow(self, url: QUrl) -> None:
        if url.scheme() or url.host():
            return  # http:, https:, mailto:, file: … are never opened
        if not url.path():  # a link within the part on show
            self.scrollToAnchor(url.fragment())
            return
        part, _anchor = split_target(url.path())
        if part == url.path().removesuffix(".html"):
            self.setSource(url)


class HelpWindow(QWidget):
    """The guide: contents on the left, the part on the right. Not modal; Esc closes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("coprod_desktop guide"))
        self.setObjectName("helpWindow")
        self.browser = GuideBrowser()
        self.browser.setAccessibleName(self.tr("Guide"))
        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName(self.tr("Contents"))
        self.contents.setMinimumWidth(200)
        for part, title, sections in contents():
            item = QTreeWidgetItem([title])
            item.setData(0, Qt.ItemDataRole.UserRole, part)
            for anchor, text in sections:
                child = QTreeWidgetItem([text])
                child.setToolTip(0, text)
                child.setData(0, Qt.ItemDataRole.UserRole, f"{part}#{anchor}")
                item.addChild(child)
            self.contents.addTopLevelItem(item)
        self.contents.currentItemChanged.connect(self._chosen)  # arrow keys or a click
        self.contents.itemActivated.connect(self._chosen)  # Enter: show it again
        self.browser.sourceChanged.connect(self._shown)

        back = QToolButton()
        back.setText(self.tr("‹ Back"))
        back.setToolTip(QKeySequence(QKeySequence.StandardKey.Back).toString(
            QKeySequence.SequenceFormat.NativeText))  # fmt: skip
        back.setEnabled(False)
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        forward = QToolButton()
        forward.setText(self.tr("Forward ›"))
        forward.setEnabled(False)
        forward.clicked.connect(self.browser.forward)
        self.browser.forwardAvailable.connect(forward.setEnabled)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addWidget(forward)
        bar.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 650])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        for keys, slot in ((QKeySequence.StandardKey.Cancel, self.close),
                           (QKeySequence.StandardKey.ZoomIn, self.browser.zoomIn),
                           ("Ctrl+=", self.browser.zoomIn),
                           (QKeySequence.StandardKey.ZoomOut, self.browser.zoomOut)):  # fmt: skip
            QShortcut(QKeySequence(keys), self, slot)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else None
        width, height = 900, 660
        if available is not None:  # fits a 1366×768 laptop with room to see the app beside it
            width, height = min(width, available.width() - 40), min(height, available.height() - 60)
        self.resize(width, height)

    def show_target(self, target: str) -> None:
        """Show 'part' or 'part#anchor'."""
        part, anchor = split_target(target)
        url = QUrl(f"{part}.html")
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        if anchor:
            self.browser.scrollToAnchor(anchor)  # again, now that the part is laid out

    def current(self) -> tuple[str, str]:
        """(part, anchor) on show."""
        source = self.browser.source()
        return split_target(f"{source.path()}#{source.fragment()}")

    def _chosen(self, item: QTreeWidgetItem | None, *_args) -> None:
        if item is not None:
            self.show_target(item.data(0, Qt.ItemDataRole.UserRole))

    def _shown(self, url: QUrl) -> None:
        part, anchor = split_target(f"{url.path()}#{url.fragment()}")
        wanted = f"{part}#{anchor}" if anchor else part
        self.contents.blockSignals(True)
        for row in range(self.contents.topLevelItemCount()):
            item = self.contents.topLevelItem(row)
            if item.data(0, Qt.ItemDataRole.UserRole) != part:
                item.setExpanded(False)
                continue
            item.setExpanded(True)
            chosen = item
            for n in range(item.childCount()):
                if item.child(n).data(0, Qt.ItemDataRole.UserRole) == wanted:
                    chosen = item.child(n)
            self.contents.setCurrentItem(chosen)
        self.contents.blockSignals(False)


class HelpController(QObject):
    """The Help menu's Guide and Keyboard Shortcuts actions for a main window, and F1 in the
    dialogs opened over it."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._main = window
        self.guide_action = QAction(self.tr("&Guide"), window)
        self.guide_action.setShortcuts(QKeySequence.StandardKey.HelpContents)
        if not self.guide_action.shortcuts():
            self.guide_action.setShortcut(QKeySequence("F1"))
        self.guide_action.setToolTip(self.tr("The guide to the page on show"))
        self.guide_action.triggered.connect(lambda: self.show_guide(part_on_screen(window)))
        self.shortcuts_action = QAction(self.tr("&Keyboard Shortcuts"), window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def actions(self) -> list[QAction]:
        return [self.guide_action, self.shortcuts_action]

    def show_guide(self, target: str, owner: QWidget | None = None) -> HelpWindow:
        """Show the guide at `target`. A modal dialog blocks every window but its own, so
        the guide asked for in one belongs to that dialog (and closes with it)."""
        owner = owner or self._main
        window = owner.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if window is None:
            window = HelpWindow(owner)
            if isinstance(owner, QDialog):
                owner.finished.connect(window.close)
        window.show_target(target)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_shortcuts(self):
        from .shortcuts_window import ShortcutsWindow

        direct = Qt.FindChildOption.FindDirectChildrenOnly
        window = self._main.findChild(ShortcutsWindow, options=direct)
        if window is None:
            window = ShortcutsWindow(self._main)
        window.refresh()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The first time focus enters a dialog over the main window, F1 starts to work in
        it (the window's own F1 is blocked while a modal dialog is open)."""
        if new is None:
            return
        top = new.window()
        if top is self._main or top.property(GUIDE_KEY_PROPERTY) or isinstance(
                top, HelpWindow) or top.objectName() == "shortcutsWindow":  # fmt: skip
            return
        node = top.parentWidget()
        while node is not None and node is not self._main:
            node = node.parentWidget()
        if node is None:
            return  # not a window of this main window
        top.setProperty(GUIDE_KEY_PROPERTY, True)
        shortcut = QShortcut(top)
        shortcut.setKeys(self.guide_action.shortcuts())
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: self._guide_in(shortcut.parent()))

    def _guide_in(self, dialog: QWidget | None) -> None:
        if dialog is not None:
            self.show_guide(part_for_widget(self._main, dialog), dialog)
