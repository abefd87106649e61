"""The built-in guide and the keyboard shortcuts window, against the real main window: every
page and screen has a part, F1 finds it (in dialogs too), every key of the app is listed and
named in the guide as it really is, and nothing in the guide goes online."""

from __future__ import annotations

import importlib
import pkgutil
import re
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QToolButton, QWidget

import coprod_desktop.ui
from coprod_desktop.domain.participants import AgeBand
from coprod_desktop.ui.consent_dialog import ConsentDialog
from coprod_desktop.ui.help_window import DIALOG_PARTS, PARTS, HelpWindow
from coprod_desktop.ui.read_aloud import ReadAloud
from coprod_desktop.ui.shortcuts_window import ShortcutsWindow
from tests.ui.conftest import when_modal

HELP = Path(__file__).resolve().parents[2] / "resources" / "help"
PORTABLE = QKeySequence.SequenceFormat.PortableText
NATIVE = QKeySequence.SequenceFormat.NativeText
# What each navigation entry's guide part is called: written out here, not read from the code.
PAGE_PARTS = {
    "Sessions": "sessions",
    "Participants": "participants",
    "Consent": "consent",
    "Board": "board",
    "Radio lab": "radio-lab",
    "Programmes": "programmes",
    "Anonymise": "anonymise",
    "Packs": "packs",
    "Risks and outcomes": "risks-and-outcomes",
    "Actions": "actions",
    "Safeguarding": "safeguarding",
    "Reciprocity": "reciprocity",
    "Retention": "retention",
}


# reading the guide's files -------------------------------------------------------------------
def source(part: str) -> str:
    return (HELP / f"{part}.html").read_text(encoding="utf-8")


def title(part: str) -> str:
    return unescape(re.search(r"<h1>(.*?)</h1>", source(part), re.S).group(1))


def sections(part: str) -> dict[str, str]:
    found = re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', source(part), re.S)
    return {anchor: unescape(re.sub(r"<[^>]+>", "", text)) for anchor, text in found}


def keys_named(part: str) -> set[str]:
    """Every key the part names in <kbd>, in Qt's portable form."""
    return {QKeySequence(unescape(k)).toString(PORTABLE)
            for k in re.findall(r"<kbd>(.*?)</kbd>", source(part), re.S)}  # fmt: skip


def exists(target: str) -> bool:
    part, _, anchor = target.partition("#")
    return (part in PARTS and (HELP / f"{part}.html").is_file()
            and (not anchor or anchor in sections(part)))  # fmt: skip


def plain(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text).lstrip("●■ ").strip()


def ordinary(sequences) -> list[QKeySequence]:
    """Key sequences a facilitator can press (not the 'Help' or 'Undo' keys, or F13 and up,
    that only some keyboards have)."""
    out = []
    for seq in sequences:
        combo = seq[0]
        key = getattr(combo.key(), "value", combo.key())
        only_some = key >= Qt.Key.Key_Help.value or (
            Qt.Key.Key_F13.value <= key <= Qt.Key.Key_F35.value)  # fmt: skip
        special = only_some and combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
        if not seq.isEmpty() and not (seq.count() == 1 and special):
            out.append(seq)
    return out


# driving the window ---------------------------------------------------------------------------
def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def press(qtbot, window, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def guide_of(owner: QWidget) -> HelpWindow | None:
    return owner.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)


def heading_on_screen(help_window: HelpWindow, text: str) -> bool:
    """True when the heading `text` (h1 or h2) is inside the visible part of the guide."""
    browser = help_window.browser
    block = browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and block.text().strip() == text:
            rect = browser.document().documentLayout().blockBoundingRect(block)
            top = rect.top() - browser.verticalScrollBar().value()
            return 0 <= top < browser.viewport().height()
        block = block.next()
    return False


def shows(qtbot, help_window: HelpWindow, part: str, anchor: str = "") -> None:
    qtbot.waitUntil(help_window.isVisible)
    assert help_window.current() == (part, anchor)
    heading = sections(part)[anchor] if anchor else title(part)
    qtbot.waitUntil(lambda: heading_on_screen(help_window, heading))
    chosen = help_window.contents.currentItem()
    assert chosen is not None and chosen.text(0) == heading


def listing(qtbot, window) -> ShortcutsWindow:
    press(qtbot, window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    shortcuts = window.findChild(ShortcutsWindow)
    assert shortcuts is not None
    qtbot.waitUntil(shortcuts.isVisible)
    return shortcuts


# the guide's files -----------------------------------------------------------------------------
def test_the_guide_is_one_non_empty_file_per_part():
    assert sorted(p.stem for p in HELP.glob("*.html")) == sorted(PARTS)
    for part in PARTS:
        text = re.sub(r"<[^>]+>", " ", source(part))
        assert len(text.split()) > 80, part  # a real page, not a stub
        assert title(part)
    assert {"never-leaves", "safeguarding", "withdrawal"} <= set(sections("keeping-safe"))
    assert {"record", "history", "withdraw", "copy", "form"} <= set(sections("consent"))


def test_the_guide_ships_in_the_wheel_and_the_bundle():
    from coprod_desktop.resource_files import resource_path
    from tests.test_installers import spec_lists

    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((HELP.parents[1] / "pyproject.toml").read_text())
    assert "coprod_desktop.resources.help" in pyproject["tool"]["setuptools"]["packages"]
    assert "help" in spec_lists()["RESOURCE_FOLDERS"]
    assert all(resource_path(f"help/{part}.html").is_file() for part in PARTS)


def test_every_screen_and_dialog_maps_to_a_part_that_exists(window):
    from coprod_desktop.ui.help_window import LOCKED, START, part_for_row

    labels = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert set(labels) == set(PAGE_PARTS), "a new page needs its part of the guide"
    for row, label in enumerate(labels):
        assert part_for_row(window, row) == PAGE_PARTS[label]
    for target in (START, LOCKED, *DIALOG_PARTS.values()):
        assert exists(target), target
    classes = set()
    for module in pkgutil.iter_modules(coprod_desktop.ui.__path__):
        classes |= set(vars(importlib.import_module(f"coprod_desktop.ui.{module.name}")))
    assert set(DIALOG_PARTS) <= classes, "a dialog named for F1 no longer exists"


def test_the_guide_links_only_to_itself():
    for part in PARTS:
        for href in re.findall(r'href="([^"]*)"', source(part)):
            page, _, anchor = href.partition("#")
            assert ":" not in page, (part, href)  # no http:, mailto:, file: …
            target = (page.removesuffix(".html") or part) + (f"#{anchor}" if anchor else "")
            assert exists(target), (part, href)
        assert "font-size" not in source(part) and "px" not in source(part)  # scales with the font


def test_every_key_the_guide_names_is_a_real_key():
    for part in PARTS:
        for key in re.findall(r"<kbd>(.*?)</kbd>", source(part), re.S):
            parsed = QKeySequence(unescape(key))
            assert not parsed.isEmpty() and parsed.count() == 1, (part, key)
            assert parsed.toString(PORTABLE).casefold() in {unescape(key).casefold(), "del"}, key


# F1 -----------------------------------------------------------------------------------------------
def test_f1_on_each_page_opens_its_part(qtbot, open_demo):
    window = open_demo
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.pages.currentIndex() == row
        press(qtbot, window, Qt.Key.Key_F1)
        help_window = guide_of(window)
        assert help_window is not None, window.nav.item(row).text()
        shows(qtbot, help_window, PAGE_PARTS[window.nav.item(row).text()])
        go_key = window.go_actions[row].shortcut().toString(NATIVE)
        assert go_key in help_window.browser.toPlainText()  # the page's own key, as shown
    assert len(window.findChildren(HelpWindow)) == 1  # one guide window, reused


def test_f1_on_the_start_page_and_the_lock_screen(qtbot, window, demo_path):
    from tests.conftest import PASSPHRASE

    assert window.project is None
    press(qtbot, window, Qt.Key.Key_F1)
    help_window = guide_of(window)
    shows(qtbot, help_window, "getting-started")
    help_window.close()
    window.open_path(demo_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    window.lock()
    assert window.central.currentWidget() is window.lock_screen
    press(qtbot, window, Qt.Key.Key_F1)
    shows(qtbot, help_window, "getting-started", "lock")
    assert window.is_locked and window.project is None  # the guide opened while locked
    window.close_project()


def test_f1_in_a_dialog_opens_its_section_or_its_page(qtbot, open_demo):
    window = open_demo
    window.nav.setCurrentRow(2)
    page = window.consent_page
    page.table.selectRow(0)
    seen: dict[str, object] = {}

    def in_withdrawal(dialog):
        try:
            activate(qtbot, dialog)
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F1)
            help_window = guide_of(dialog)  # usable while the modal dialog is open
            seen["help"] = help_window
            shows(qtbot, help_window, "consent", "withdraw")
            seen["modal"] = QApplication.activeModalWidget() is dialog
        finally:
            dialog.reject()  # a failure above must not leave the test waiting on the dialog

    when_modal(in_withdrawal)
    page.withdraw_action.trigger()
    assert seen.get("modal") and not seen["help"].isVisible()  # it closed with its dialog

    window.nav.setCurrentRow(0)
    window.sessions_page.table.selectRow(0)

    def in_question(box):  # a dialog with no section of its own: the page under it
        try:
            activate(qtbot, box)
            qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_F1)
            qtbot.waitUntil(lambda: guide_of(box) is not None)
            seen["part"] = guide_of(box).current()
        finally:
            box.done(QMessageBox.StandardButton.No)

    when_modal(in_question)
    window.sessions_page.delete_action.trigger()
    assert seen.get("part") == ("sessions", "")
    assert window.sessions_page.model.rowCount() == 4  # nothing was deleted


def test_links_between_parts_work_and_web_links_open_nothing(qtbot, window):
    help_window = window.help.show_guide("consent")
    browser = help_window.browser
    assert not browser.openExternalLinks() and not browser.openLinks()

    def click(text: str) -> None:
        cursor = browser.document().find(text)
        assert not cursor.isNull(), text
        cursor.setPosition(cursor.selectionStart() + 1)
        point = browser.cursorRect(cursor).center()
        browser.ensureCursorVisible()
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)

    browser.setTextCursor(browser.document().find("Keeping people safe"))
    click("Keeping people safe")
    shows(qtbot, help_window, "keeping-safe", "withdrawal")
    activate(qtbot, help_window)
    qtbot.keyClick(help_window.contents, Qt.Key.Key_Down)  # the contents, by keyboard
    shows(qtbot, help_window, "keeping-safe", "your-part")

    class Catcher(QObject):
        def __init__(self):
            super().__init__()
            self.opened: list[str] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.opened.append(url.toString())

    catcher = Catcher()
    for scheme in ("http", "https", "mailto", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        browser.setHtml('<p><a href="https://example.org/x">a web page</a> '
                        '<a href="mailto:a@example.org">mail</a></p>')  # fmt: skip
        before = browser.source()
        click("a web page")
        click("mail")
        qtbot.wait(50)
        assert catcher.opened == [] and browser.source() == before
    finally:
        for scheme in ("http", "https", "mailto", "file"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_the_guide_reads_at_the_app_font_and_fits_a_small_screen(qtbot, window):
    app = QApplication.instance()
    before = QFont(app.font())
    help_window = window.help.show_guide("board")
    try:
        bigger = QFont(before)
        bigger.setPointSize(before.pointSize() + 6)
        app.setFont(bigger)
        qtbot.waitUntil(lambda: help_window.browser.font().pointSize() == bigger.pointSize())
        assert help_window.browser.document().defaultFont().pointSize() == bigger.pointSize()
    finally:
        app.setFont(before)
    available = help_window.screen().availableGeometry()
    assert help_window.width() <= max(available.width(), 1366)
    assert help_window.height() <= max(available.height(), 768)
    assert help_window.width() <= 1366 - 300 and help_window.height() <= 768 - 60


# the shortcuts window --------------------------------------------------------------------------
def expected_rows(window) -> list[tuple[str, str, str]]:
    """(where, portable key, words) for every action, shortcut and explicitly keyed button of
    the main window and its pages, found by walking the widgets here, independently."""
    groups = {window.pages.widget(r): window.nav.item(r).text() for r in range(window.nav.count())}

    def where(widget) -> str:
        node = widget
        while node is not None and node is not window:
            if node in groups:
                return groups[node]
            node = node.parentWidget()
        return "Everywhere"

    rows = []
    for action in window.findChildren(QAction):
        owners = [w for w in (action.parent(), *action.associatedObjects())
                  if isinstance(w, QWidget) and w.window() is window]  # fmt: skip
        if not owners:
            continue
        for seq in ordinary(action.shortcuts()):
            rows.append((where(owners[0]), seq.toString(PORTABLE), plain(action.text())))
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        if isinstance(owner, QWidget) and owner.window() is window:
            for seq in ordinary(shortcut.keys()):
                rows.append((where(owner), seq.toString(PORTABLE), ""))
    for button in window.findChildren(QAbstractButton):
        key = button.shortcut()
        explicit = not key.isEmpty() and key != QKeySequence.mnemonic(button.text())
        if explicit and button.window() is window and not isinstance(button, QToolButton):
            rows.append((where(button), key.toString(PORTABLE), ""))
    for page, label in groups.items():  # Edit › Add / Edit / Delete, as they act on each page
        for command, name in ((window.add_record_action, "add_action"),
                              (window.edit_record_action, "edit_action"),
                              (window.delete_record_action, "delete_action")):  # fmt: skip
            action = getattr(page, name, None)
            for seq in ordinary(command.shortcuts()) if action is not None else ():
                rows.append((label, seq.toString(PORTABLE), plain(action.text())))
    return rows


def test_every_key_of_the_window_and_every_page_is_listed(qtbot, open_demo):
    window = open_demo
    assert set(window._built) == {"sessions"}  # the others are not built yet: the window must
    shortcuts = listing(qtbot, window)
    for name in window.PAGES:
        window._page(name)
    expected = expected_rows(window)
    assert {"Everywhere", "Consent", "Board", "Radio lab", "Anonymise"} <= {r[0] for r in expected}
    listed = shortcuts.visible_entries()
    for where, key, words in expected:
        match = [e for e in listed if (e.where, e.portable) == (where, key)
                 and (words in e.what or "on the page" in e.what)]  # fmt: skip
        assert match, f"{key} ({words or 'shortcut'}) is missing from {where}"
        assert all(e.what and e.what != "(not described)" for e in match), (where, key)
        assert all(e.keys == QKeySequence(key).toString(NATIVE) for e in match)
    shown = {shortcuts.tree.topLevelItem(n).child(m).text(0)
             for n in range(shortcuts.tree.topLevelItemCount())
             for m in range(shortcuts.tree.topLevelItem(n).childCount())}  # fmt: skip
    assert {QKeySequence(k).toString(NATIVE) for _w, k, _t in expected} <= shown


def test_a_new_action_is_listed_without_touching_the_list(qtbot, open_demo):
    window = open_demo
    board = window.board_page
    action = QAction("Shuffle the wall", board)
    action.setShortcut(QKeySequence("Ctrl+Alt+J"))
    board.addAction(action)
    shortcuts = listing(qtbot, window)
    new = [e.what for e in shortcuts.visible_entries() if e.portable == "Ctrl+Alt+J"]
    assert new == ["Shuffle the wall"]
    assert [e.where for e in shortcuts.visible_entries() if e.portable == "Ctrl+Alt+J"] == ["Board"]


def test_no_two_commands_share_a_key_where_both_work(qtbot, open_demo):
    window = open_demo
    shortcuts = listing(qtbot, window)
    everywhere = {e.portable for e in shortcuts.entries if e.where == "Everywhere"}
    assert {"F1", "Ctrl+/"} <= everywhere
    by_place: dict[tuple[str, str], set[str]] = {}
    for e in shortcuts.entries:
        if not e.via_menu:
            by_place.setdefault((e.where, e.portable), set()).add(e.what)
    clashes = {k: v for k, v in by_place.items() if len(v) > 1}
    assert clashes == {}
    page_keys = {(e.where, e.portable) for e in shortcuts.entries
                 if e.where != "Everywhere" and not e.via_menu}  # fmt: skip
    assert [k for k in page_keys if k[1] in everywhere] == []


def test_the_list_is_sorted_filterable_and_escape_closes_it(qtbot, open_demo):
    window = open_demo
    shortcuts = listing(qtbot, window)
    groups = [shortcuts.tree.topLevelItem(n).text(0)
              for n in range(shortcuts.tree.topLevelItemCount())]  # fmt: skip
    assert groups[0] == "Everywhere"
    assert groups[1:] == [window.nav.item(r).text() for r in range(window.nav.count())]
    for n in range(shortcuts.tree.topLevelItemCount()):
        group = shortcuts.tree.topLevelItem(n)
        words = [group.child(m).text(1).casefold() for m in range(group.childCount())]
        assert words == sorted(words)
    qtbot.keyClicks(shortcuts.filter, "mark safeguard")
    assert [(e.where, e.portable) for e in shortcuts.visible_entries()] == [
        ("Board", "Ctrl+Shift+G")]
    shortcuts.filter.clear()
    qtbot.keyClicks(shortcuts.filter, "radio lab")
    assert {e.where for e in shortcuts.visible_entries()} == {"Everywhere", "Radio lab"}
    shortcuts.filter.clear()
    qtbot.keyClicks(shortcuts.filter, "ctrl+shift+n")
    assert {e.portable for e in shortcuts.visible_entries()} == {"Ctrl+Shift+N"}
    activate(qtbot, shortcuts)
    qtbot.keyClick(shortcuts.filter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shortcuts.isVisible())


# the guide cannot go stale on keys ------------------------------------------------------------
def test_the_guide_names_every_key_as_the_app_has_it(qtbot, open_demo):
    window = open_demo
    shortcuts = listing(qtbot, window)
    parts = {"Everywhere": "getting-started", **PAGE_PARTS}
    commands: dict[tuple[str, str], set[str]] = {}
    for e in shortcuts.entries:
        commands.setdefault((e.where, e.what), set()).add(e.portable)
    for (where, what), keys in commands.items():
        named = keys_named(parts[where])
        assert keys & named, f"{parts[where]}.html does not name {' or '.join(keys)} ({what})"
    for row in range(window.nav.count()):  # each page's own key, read from its action
        part = PAGE_PARTS[window.nav.item(row).text()]
        assert window.go_actions[row].shortcut().toString(PORTABLE) in keys_named(part)


def test_the_consent_part_names_the_consent_dialogs_keys(qtbot, project):
    from dataclasses import replace

    young = project.participants.save(replace(project.participants.draft(),
                                              age_band=AgeBand.UNDER_16))  # fmt: skip
    dialog = ConsentDialog(young, project.consent.current_form(), project.consent.record,
                           "Aileen Baird", ReadAloud(engines=[]))  # fmt: skip
    qtbot.addWidget(dialog)
    keys = {b.shortcut().toString(PORTABLE) for b in dialog.findChildren(QAbstractButton)
            if not b.shortcut().isEmpty()
            and b.shortcut() != QKeySequence.mnemonic(b.text())}  # fmt: skip
    keys |= {k.toString(PORTABLE) for s in dialog.findChildren(QShortcut) for k in s.keys()}  # noqa: SIM118
    assert {"Alt+A", "Alt+S", "Y", "N"} <= keys
    assert keys <= keys_named("consent")


@pytest.mark.parametrize("part", PARTS)
def test_each_part_shows_its_keys_as_this_platform_writes_them(qtbot, window, part):
    help_window = window.help.show_guide(part)
    text = help_window.browser.toPlainText()
    for key in keys_named(part):
        assert QKeySequence(key).toString(NATIVE) in text, (part, key)


def test_with_no_project_open_the_list_holds_the_windows_own_keys(qtbot, window):
    """Pages exist only for an open project; the window's keys are listed all the same."""
    shortcuts = listing(qtbot, window)
    wheres = {e.where for e in shortcuts.visible_entries()}
    assert wheres == {"Everywhere"}
    assert any(e.portable == "Ctrl+O" for e in shortcuts.visible_entries())
