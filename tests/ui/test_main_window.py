"""The main window with a real demo project: open, navigate, lock, unlock, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coprod_desktop.app import build_main_window
from tests.conftest import PASSPHRASE


def test_welcome_page_without_project(window):
    assert window.central.currentWidget() is window.welcome
    assert window.project_label.text() == "No project open"
    assert not window.lock_action.isEnabled()


def test_open_demo_shows_sessions_and_participants(open_demo, demo_path, settings):
    window = open_demo
    assert window.central.currentWidget() is window.workspace
    assert window.sessions_page.model.rowCount() == 4
    assert window.participants_page.model.rowCount() == 17
    assert "Safer Streets" in window.windowTitle()
    assert "Safer Streets" in window.project_label.text()
    assert window.lock_label.text() == "Unlocked"
    assert settings.recent_files() == [demo_path.resolve()]
    window._fill_recent_menu()
    assert window.recent_menu.actions()[0].text() == demo_path.name


def test_navigation_lists_every_section(open_demo):
    window = open_demo
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == [
        "Sessions",
        "Participants",
        "Consent",
        "Board",
        "Radio lab",
        "Programmes",
        "Anonymise",
        "Packs",
        "Risks and outcomes",
        "Actions",
        "Safeguarding",
        "Reciprocity",
        "Retention",
    ]
    assert window.go_actions[10].shortcut().toString() == "Ctrl+Shift+K"  # no eleventh digit
    assert window.go_actions[11].shortcut().toString() == "Ctrl+Shift+E"
    window.go_actions[11].trigger()
    assert window.pages.currentWidget() is window.reciprocity_page
    window.go_actions[10].trigger()
    assert window.pages.currentWidget() is window.safeguarding_page
    window.go_actions[4].trigger()
    assert window.pages.currentWidget() is window.radio_page
    assert window.go_actions[4].shortcut().toString() == "Ctrl+5"
    window.go_actions[5].trigger()
    assert window.pages.currentWidget() is window.programmes_page
    window.go_actions[6].trigger()
    assert window.pages.currentWidget() is window.anonymise_page
    window.go_actions[7].trigger()
    assert window.pages.currentWidget() is window.packs_page


def test_real_names_hidden_until_asked(open_demo):
    page = open_demo.participants_page
    assert page.table.isColumnHidden(4) and page.table.isColumnHidden(5)
    page.filter.setText("Margaret")
    assert page.proxy.rowCount() == 0  # filtering must not reveal hidden names
    open_demo.show_names_action.trigger()
    assert not page.table.isColumnHidden(4)
    assert page.proxy.rowCount() == 1
    open_demo.show_names_action.trigger()
    assert page.table.isColumnHidden(4)


def test_lock_hides_everything_and_unlock_restores(open_demo, qtbot):
    window = open_demo
    window.nav.setCurrentRow(1)
    file = window.project.file
    window.lock_action.trigger()
    assert window.is_locked and window.project is None
    assert not file.is_open  # the connection (and its key) is gone
    assert window.central.currentWidget() is window.lock_screen
    assert window.sessions_page is None and window.participants_page is None  # no pages
    assert window.lock_label.text() == "Locked"

    screen = window.lock_screen
    qtbot.keyClicks(screen.passphrase.edit, "wrong passphrase")
    qtbot.keyClick(screen.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=10000)
    assert "passphrase is wrong" in screen.error.text()
    assert window.is_locked

    screen.passphrase.edit.setText(PASSPHRASE)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    assert not window.is_locked
    assert window.participants_page.model.rowCount() == 17
    assert window.nav.currentRow() == 1  # back where the facilitator was


def test_auto_lock_after_idle_time(open_demo, qtbot):
    open_demo.idle.set_timeout_ms(150)
    qtbot.waitUntil(lambda: open_demo.is_locked, timeout=5000)


def test_auto_lock_follows_preferences(window, settings):
    settings.set_auto_lock_minutes(0)
    window._apply_preferences()
    assert window.idle._timer.interval() == 0
    settings.set_auto_lock_minutes(5)
    window._apply_preferences()
    assert window.idle._timer.interval() == 5 * 60_000


def test_close_project_returns_to_welcome(open_demo):
    file = open_demo.project.file
    open_demo.close_action.trigger()
    assert open_demo.project is None and not file.is_open
    assert open_demo.central.currentWidget() is open_demo.welcome
    assert open_demo.welcome.recent.count() == 1


def test_wrong_file_gives_a_plain_message(window, qtbot, tmp_path: Path, errors):
    bad = tmp_path / "broken.coprod"
    bad.write_bytes(b"\x00garbage" * 1000)
    window.open_path(bad, PASSPHRASE)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    title, message = errors[0]
    assert "broken.coprod" in title
    assert "Traceback" not in message
    assert window.project is None
    assert bad.read_bytes() == b"\x00garbage" * 1000


def test_missing_recent_file_is_removed(window, settings, tmp_path: Path, errors):
    gone = tmp_path / "gone.coprod"
    settings.add_recent(gone)
    window.open_path(gone)
    assert "no longer there" in errors[0][1]
    assert settings.recent_files() == []


def test_window_geometry_is_remembered(qtbot, settings):
    first = build_main_window(settings)
    qtbot.addWidget(first)
    first.show()
    hint = first.minimumSizeHint()
    size = (max(hint.width(), 600) + 7, max(hint.height(), 480) + 7)
    first.resize(*size)
    first.close()
    second = build_main_window(settings)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == size


def test_about_box_names_version(window, monkeypatch):
    from coprod_desktop import __version__

    seen = {}
    monkeypatch.setattr(
        "coprod_desktop.ui.main_window.QMessageBox.about",
        lambda _parent, title, text: seen.update(title=title, text=text),
    )
    window.about_action.trigger()
    assert __version__ in seen["text"] and "never connects" in seen["text"]


def test_standard_shortcuts(window):
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.lock_action.shortcut().toString() == "Ctrl+L"


def test_a_file_opened_from_the_desktop_opens_the_project(qtbot):
    """macOS sends FileOpen events (a .coprod double-clicked in Finder)."""
    from PySide6.QtGui import QFileOpenEvent

    from coprod_desktop.ui.file_open import FileOpenFilter

    opened = []
    app = QApplication.instance()
    watcher = FileOpenFilter(opened.append, app)
    app.installEventFilter(watcher)
    try:
        QApplication.sendEvent(app, QFileOpenEvent("/tmp/somewhere/field day.coprod"))
    finally:
        app.removeEventFilter(watcher)
    assert [str(p) for p in opened] == ["/tmp/somewhere/field day.coprod"]


def test_try_the_demo_makes_it_once_then_reopens_it(window, qtbot, tmp_path, settings):
    settings.set_last_folder(tmp_path)
    window.welcome.demo_requested.emit()
    qtbot.waitUntil(lambda: window.project is not None, timeout=20000)
    assert window.project.path == tmp_path / "coprod demo project.coprod"
    assert "demo-passphrase" in window.statusBar().currentMessage()
    assert window.project.info()["sessions"] == 4
    window.close_project()
    window.welcome.demo_requested.emit()  # there already: opened, not made again
    qtbot.waitUntil(lambda: window.project is not None, timeout=20000)
    assert window.project.info()["sessions"] == 4


def test_lock_waits_for_a_background_task_using_the_file(open_demo, qtbot):
    """Closing the file under a task still reading it (a waveform, a scan) would crash."""
    import threading

    gate = threading.Event()
    open_demo.runner.run(lambda: gate.wait(10), lambda _r: None, lambda _e: None)
    open_demo.lock()
    assert open_demo.project is not None and not open_demo.is_locked
    assert "Finishing the task in hand" in open_demo.statusBar().currentMessage()
    gate.set()
    qtbot.waitUntil(lambda: open_demo.is_locked, timeout=10000)
    assert open_demo.project is None


def test_open_recent_is_usable_whenever_the_welcome_page_lists_a_project(qtbot, settings,
                                                                        demo_path):  # fmt: skip
    settings.add_recent(demo_path)
    window = build_main_window(settings)
    qtbot.addWidget(window)
    assert window.welcome.recent.count() == 1
    assert window.recent_menu.isEnabled()
    assert window.recent_menu.actions()[0].text() == demo_path.name


def test_open_recent_follows_a_project_opened_and_closed(open_demo, demo_path):
    window = open_demo
    window.close_project()
    assert window.welcome.recent.count() == 1 and window.recent_menu.isEnabled()
    window._clear_recent()
    assert window.welcome.recent.count() == 0 and not window.recent_menu.isEnabled()


def test_open_dialog_starts_in_a_folder_that_exists(window, settings, tmp_path, monkeypatch):
    from coprod_desktop.ui import file_dialogs, main_window

    asked: list[str] = []

    def chooser(_parent, _title, folder, _filter):
        asked.append(folder)
        return "", ""  # cancelled

    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", chooser)
    missing = tmp_path / "Documents"  # as on a laptop where it was never made
    monkeypatch.setattr(file_dialogs.platformdirs, "user_documents_dir", lambda: str(missing))
    window.open_project_dialog()
    assert asked[-1] == str(Path.home())
    missing.mkdir()
    window.open_project_dialog()
    assert asked[-1] == str(missing)
    settings.set_last_folder(tmp_path / "gone")
    window.open_project_dialog()
    assert asked[-1] == str(missing)  # the last folder used is no longer there
    settings.set_last_folder(tmp_path)
    window.open_project_dialog()
    assert asked[-1] == str(tmp_path)


def test_opening_a_project_remembers_its_folder(open_demo, settings, demo_path):
    assert settings.last_folder() == demo_path.parent


def test_opening_a_damaged_file_tells_to_run_verify(window, qtbot, demo_path, errors):
    """The quick check on opening reads every table but the audio: a damaged page there is
    reported through the window once the project is shown."""
    from tests.helpers import flip, table_page

    flip(demo_path, table_page(demo_path, PASSPHRASE, "anonymise_terms"))
    window.open_path(demo_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    title, message = errors[0]
    assert title == "demo.coprod may be damaged"
    assert f'coprod-desktop verify "{demo_path}"' in message


def test_opening_a_whole_file_says_nothing(window, qtbot, demo_path, errors):
    window.open_path(demo_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    qtbot.wait(50)
    assert errors == [] and window.project.damage is None
