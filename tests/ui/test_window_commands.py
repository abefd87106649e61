"""Window-wide commands: keys that work wherever the focus is, every platform binding of undo
and redo, filters that search only what is shown, sorting, real names hidden after a lock, and
the facilitator name in the audit log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from coprod_desktop.storage import audit_repo
from tests.conftest import PASSPHRASE
from tests.ui.conftest import when_modal


def test_add_shortcut_works_with_focus_in_the_section_list(open_demo, qtbot):
    window = open_demo
    window.nav.setCurrentRow(1)
    window.nav.setFocus()
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["focus"] = dialog.focusWidget() is dialog.pseudonym
        dialog.reject()

    when_modal(look)
    qtbot.keyClick(
        window.nav,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen == {"title": "New participant", "focus": True}


def test_every_platform_binding_of_undo_and_redo(window):
    keys = QKeySequence.StandardKey
    assert window.undo_action.shortcuts() == QKeySequence.keyBindings(keys.Undo)
    assert window.redo_action.shortcuts() == QKeySequence.keyBindings(keys.Redo)
    redo = {s.toString() for s in window.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= redo  # both, as the README promises
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_filter_searches_visible_columns_only(open_demo):
    page = open_demo.participants_page
    page.filter.setText("trading standards")
    assert page.proxy.rowCount() == 1
    page.filter.setText("Margaret")
    assert page.proxy.rowCount() == 0
    open_demo.show_names_action.trigger()
    assert page.proxy.rowCount() == 1


def test_numbers_sort_as_numbers(open_demo):
    page = open_demo.sessions_page
    people = 4
    page.table.sortByColumn(people, Qt.SortOrder.DescendingOrder)
    values = [int(page.proxy.index(r, people).data()) for r in range(page.proxy.rowCount())]
    assert values == sorted(values, reverse=True)


def test_real_names_hidden_again_after_lock(open_demo, qtbot):
    window = open_demo
    window.show_names_action.trigger()
    assert not window.participants_page.table.isColumnHidden(4)
    window.lock()
    window.lock_screen.passphrase.edit.setText(PASSPHRASE)
    window.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    assert window.participants_page.table.isColumnHidden(4)
    assert not window.show_names_action.isChecked()


def test_facilitator_name_from_preferences_is_used_at_once(open_demo):
    window = open_demo

    def fill(dialog):
        dialog.facilitator.setText("Aileen Baird")
        dialog.accept()

    when_modal(fill)
    window.prefs_action.trigger()
    participant = window.project.participants.list()[0]
    window.project.participants.save(participant)
    assert list(audit_repo.entries(window.project.file.db))[-1].actor == "Aileen Baird"


def test_tabbing_into_a_table_selects_a_row_so_page_commands_act(open_demo, qtbot):
    """On the Consent page, Tab to the table then Ctrl+Shift+N did nothing: a current cell
    was shown but no row selected. Every record table selects the row it gets the focus on."""
    window = open_demo
    for name in ("sessions", "participants", "consent"):
        window.nav.setCurrentRow(window.PAGES.index(name))
        page = window.pages.currentWidget()
        page.table.clearSelection()
        page.table.setFocus(Qt.FocusReason.TabFocusReason)
        assert page.current() is not None, name
    seen = []
    when_modal(lambda dialog: (seen.append(dialog.windowTitle()), dialog.reject()))
    qtbot.keyClick(window.consent_page.table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith("Record consent")


def test_retyping_the_passphrase_clears_the_lock_screens_error(open_demo, qtbot):
    window = open_demo
    window.lock()
    screen = window.lock_screen
    qtbot.keyClicks(screen.passphrase.edit, "wrong passphrase")
    qtbot.keyClick(screen.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.error.isVisible, timeout=10000)
    qtbot.keyClick(screen.passphrase.edit, Qt.Key.Key_A)
    assert not screen.error.isVisible()  # it spoke of the passphrase just replaced


def test_the_passphrase_labels_key_puts_the_cursor_in_the_box(qtbot, tmp_path):
    from coprod_desktop.ui.project_dialogs import UnlockDialog
    from coprod_desktop.ui.tasks import TaskRunner

    dialog = UnlockDialog(tmp_path / "p.coprod", lambda *_a: None, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.passphrase.show_box.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "&Passphrase:"
    qtbot.waitUntil(lambda: dialog.passphrase.edit.hasFocus())


def test_a_long_value_in_a_dialog_shows_its_start(qtbot, tmp_path):
    """New project's 'Save as' showed only the end of its path."""
    from coprod_desktop.ui.project_dialogs import NewProjectDialog
    from coprod_desktop.ui.tasks import TaskRunner

    deep = tmp_path / ("a-long-folder-name-" * 6)
    dialog = NewProjectDialog(lambda *_a: None, TaskRunner(), deep)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.location.cursorPosition() == 0
    assert not dialog.name.text()  # the field with the focus is the one typed into


def test_no_two_commands_answer_the_same_key(open_demo):
    """Every page built: a key belongs to one command wherever it can fire. A window-wide key
    is used by nothing else; a page's key by nothing else on that page."""
    from collections import defaultdict

    from PySide6.QtGui import QAction

    from coprod_desktop.ui.project_page import ProjectPage

    window = open_demo
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)  # builds each page
    scopes: dict[str, dict[object, set[str]]] = defaultdict(lambda: defaultdict(set))
    for action in window.findChildren(QAction):
        owner = action.parent()
        while owner is not None and not isinstance(owner, ProjectPage):
            owner = owner.parent()
        for sequence in action.shortcuts():
            if sequence.toString():
                scopes[sequence.toString()][owner or "window"].add(action.text())
    clashes = []
    for key, where in scopes.items():
        for owner, texts in where.items():
            if len(texts) > 1 or (owner == "window" and len(where) > 1):
                clashes.append((key, sorted(t for ts in where.values() for t in ts)))
    assert not clashes, clashes


def test_tab_leaves_every_table(open_demo):
    """Keyboard first: in a read-only table the arrows choose a row and Tab moves on to the
    next control; a table that kept Tab would trap the keyboard (every page built)."""
    from PySide6.QtWidgets import QAbstractItemView

    window = open_demo
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
    trapping = [view.accessibleName() or type(view).__name__
                for view in window.findChildren(QAbstractItemView)
                if view.tabKeyNavigation() and view.focusPolicy() != Qt.FocusPolicy.NoFocus
                and view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers]
    assert not trapping, trapping
