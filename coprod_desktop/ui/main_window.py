"""The main window: menus, left navigation, pages, lock screen and status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from coprod_desktop import APP_NAME, __version__

from .file_dialogs import start_folder
from .help_window import HelpController
from .idle_lock import IdleWatcher
from .lock_screen import LockScreen
from .messages import report_failure, show_error, user_message
from .preferences_dialog import PreferencesDialog
from .project_dialogs import FILE_FILTER, NewProjectDialog, UnlockDialog
from .project_page import ProjectPage
from .settings import AppSettings
from .tasks import Operation, TaskRunner
from .welcome_page import WelcomePage

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project

log = logging.getLogger(__name__)

Opener = Callable[[Path, str], "Project"]
Creator = Callable[[Path, str, str], "Project"]


class MainWindow(QMainWindow):
    project_changed = Signal(object)  # Project | None
    lock_changed = Signal(bool)

    def __init__(
        self,
        settings: AppSettings,
        runner: TaskRunner,
        opener: Opener,
        creator: Creator,
        log_path: Path | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self._opening = Operation(self, runner)  # opening, unlocking or making a project
        self._opener = opener
        self._creator = creator
        self.log_path = log_path
        self.project: Project | None = None
        self.locked_path: Path | None = None
        # How errors reach the user; a headless run (--screenshot) prints them instead.
        self.report_error = lambda title, message: show_error(self, title, message)
        self.undo_stack = QUndoStack(self)

        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.idle = IdleWatcher(QApplication.instance(), self)
        self.idle.idle.connect(self._auto_lock)
        self._apply_preferences()
        if geometry := settings.geometry():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        if state := settings.window_state():
            self.restoreState(state)
        self._show_welcome()

    # construction --------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_project)
        self.welcome.demo_requested.connect(self.try_demo)
        self.welcome.open_requested.connect(self.open_project_dialog)
        self.welcome.recent_chosen.connect(self.open_path)
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self._unlock)
        self.lock_screen.close_requested.connect(self.close_project)

        # Pages are built for the open project when first shown (or asked for), and thrown away
        # when it closes, locks or another opens: see project_page.py.
        self._built: dict[str, ProjectPage] = {}
        self._stop_listening: Callable[[], None] = lambda: None
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setMaximumWidth(220)
        self.nav.setMinimumWidth(160)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px; }"
        )
        labels = [self.tr("Sessions"), self.tr("Participants"), self.tr("Consent"),
                  self.tr("Board"), self.tr("Radio lab"), self.tr("Programmes"),
                  self.tr("Anonymise"), self.tr("Packs"),
                  self.tr("Risks and outcomes"), self.tr("Actions"),
                  self.tr("Safeguarding"), self.tr("Reciprocity"),
                  self.tr("Retention")]  # fmt: skip
        for label in labels:  # in the order of PAGES
            self.nav.addItem(label)
            self.pages.addWidget(QWidget())  # replaced by the page when first needed
        self.nav.setMaximumWidth(max(220, self.nav.sizeHintForColumn(0) + 24))
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 24)
        self.nav.currentRowChanged.connect(self._show_section)
        self.nav.setCurrentRow(0)
        self.workspace = QSplitter()
        self.workspace.addWidget(self.nav)
        self.workspace.addWidget(self.pages)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([180, 900])
        self.workspace.setChildrenCollapsible(False)

        self.central = QStackedWidget()
        for widget in (self.welcome, self.workspace, self.lock_screen):
            self.central.addWidget(widget)
        self.setCentralWidget(self.central)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every platform binding (Ctrl+Y and Ctrl+Shift+Z)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New Project…"), self.new_project, keys.New)
        self.open_action = self._action(
            self.tr("&Open Project…"), self.open_project_dialog, keys.Open
        )
        self.close_action = self._action(self.tr("&Close Project"), self.close_project, keys.Close)
        self.lock_action = self._action(self.tr("&Lock Project"), self.lock, "Ctrl+L")
        self.combine_action = self._action(self.tr("Co&mbine with Another Project…"),
                                           self.combine_project)  # fmt: skip
        self.prefs_action = self._action(
            self.tr("&Preferences…"), self.edit_preferences, keys.Preferences
        )
        self.prefs_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action(self.tr("&Quit"), self.close, keys.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for action, fallback in ((self.quit_action, "Ctrl+Q"), (self.prefs_action, "Ctrl+,")):
            if not action.shortcuts():  # some platforms bind no key to these
                action.setShortcut(QKeySequence(fallback))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(keys.Redo)
        # Add / Edit / Delete act on the current page, wherever the focus is in the window.
        self.add_record_action = self._action(self.tr("&Add…"),
                                              lambda: self._page_command("add_action"),
                                              "Ctrl+Shift+N")  # fmt: skip
        self.edit_record_action = self._action(
            self.tr("&Edit…"), lambda: self._page_command("edit_action"), "F2"
        )
        self.delete_record_action = self._action(self.tr("&Delete"),
                                                 lambda: self._page_command("delete_action"),
                                                 keys.Delete)  # fmt: skip
        self.show_names_action = self._action(
            self.tr("Show &Real Names"), self._set_show_names, "Ctrl+Shift+R"
        )
        self.show_names_action.setCheckable(True)
        self.first_steps_action = self._action(self.tr("&Getting Started"),
                                               self._show_first_steps)  # fmt: skip
        self.first_steps_action.setCheckable(True)
        self.about_action = self._action(self.tr("&About coprod_desktop"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.go_actions = []
        for row in range(self.nav.count()):  # Ctrl+1 … Ctrl+9, Ctrl+0, then LATER_PAGE_KEYS
            action = self._action(
                self.nav.item(row).text(),
                lambda _c=False, r=row: self.nav.setCurrentRow(r),
                f"Ctrl+{(row + 1) % 10}" if row < 10 else self.LATER_PAGE_KEYS.get(
                    self.PAGES[row]),
            )
            self.go_actions.append(action)
        self.help = HelpController(self)  # Help › Guide (F1) and Keyboard Shortcuts

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.combine_action)
        file_menu.addSeparator()
        file_menu.addActions([self.close_action, self.lock_action])
        file_menu.addSeparator()
        file_menu.addActions([self.prefs_action, self.quit_action])
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [self.add_record_action, self.edit_record_action, self.delete_record_action]
        )
        edit_menu.aboutToShow.connect(self._name_page_commands)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addActions([self.show_names_action, self.first_steps_action])
        view_menu.addSeparator()
        view_menu.addActions(self.go_actions)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addActions(self.help.actions())
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _build_status_bar(self) -> None:
        self.project_label = QLabel()
        self.lock_label = QLabel()
        self.lock_label.setObjectName("lockState")
        self.statusBar().addPermanentWidget(self.project_label)
        self.statusBar().addPermanentWidget(self.lock_label)

    # state ----------------------------------------------------------------------------
    def _update_state(self) -> None:
        has_project = self.project is not None
        locked = self.locked_path is not None
        for action in (self.close_action,):
            action.setEnabled(has_project or locked)
        self.lock_action.setEnabled(has_project)
        self.combine_action.setEnabled(has_project)
        for action in self.go_actions:
            action.setEnabled(has_project)
        self.show_names_action.setEnabled(has_project)
        self.first_steps_action.setEnabled(has_project)
        self.first_steps_action.setChecked(
            has_project and not self.settings.first_steps_hidden(self.project.id)
        )
        if has_project:
            name = self.project.name
            self.setWindowTitle(f"{name} — {APP_NAME}")
            self.setWindowFilePath(str(self.project.path))
            self.project_label.setText(self.tr("Project: {0}").format(name))
            self.lock_label.setText(self.tr("Unlocked"))
        elif locked:
            self.setWindowTitle(f"{self.locked_path.name} (locked) — {APP_NAME}")
            self.project_label.setText(self.tr("Project: {0}").format(self.locked_path.name))
            self.lock_label.setText(self.tr("Locked"))
        else:
            self.setWindowTitle(APP_NAME)
            self.setWindowFilePath("")
            self.project_label.setText(self.tr("No project open"))
            self.lock_label.setText("")
        self.idle.set_enabled(has_project)

    def _show_welcome(self) -> None:
        self._recent_changed()
        self.central.setCurrentWidget(self.welcome)
        self._update_state()

    def _page_command(self, name: str) -> None:
        action = getattr(self.pages.currentWidget(), name, None)
        if self.project is not None and action is not None and action.isEnabled():
            action.trigger()

    def _name_page_commands(self) -> None:
        """Name Edit-menu commands after what they do on the current page."""
        page = self.pages.currentWidget()
        for command, name, fallback in (
            (self.add_record_action, "add_action", self.tr("&Add…")),
            (self.edit_record_action, "edit_action", self.tr("&Edit…")),
            (self.delete_record_action, "delete_action", self.tr("&Delete")),
        ):
            action = getattr(page, name, None)
            command.setText(action.text() if action is not None else fallback)
            command.setEnabled(self.project is not None and action is not None
                               and action.isEnabled())  # fmt: skip

    PAGES: ClassVar[tuple[str, ...]] = ("sessions", "participants", "consent", "board", "radio",
                                        "programmes", "anonymise", "packs",
                                        "risk_log", "actions", "safeguarding",
                                        "reciprocity", "retention")  # nav rows, in order
    # Pages beyond the tenth have no Ctrl+digit: a key of their own (None: the View menu only).
    LATER_PAGE_KEYS: ClassVar[dict[str, str]] = {"safeguarding": "Ctrl+Shift+K",
                                                 "reciprocity": "Ctrl+Shift+E",
                                                 "retention": "Ctrl+Shift+J"}

    def _build_page(self, name: str) -> ProjectPage:
        """A page for the open project. Heavier pages import their modules here, so that
        start-up does not pay for them."""
        project = self.project
        if name == "sessions":
            from .sessions_page import SessionsPage

            page = SessionsPage(project, self.undo_stack, self.show_names_action.isChecked,
                                lambda: self.settings.first_steps_hidden(project.id))
            page.step_chosen.connect(self._first_step)
            page.hide_first_steps.connect(lambda: self._show_first_steps(False))
        elif name == "participants":
            from .participants_page import ParticipantsPage

            page = ParticipantsPage(project, self.undo_stack, self.runner)
            page.set_show_names(self.show_names_action.isChecked())
        elif name == "consent":
            from .consent_page import ConsentPage

            # Undo must never bring back what a withdrawal erased: erasure clears it.
            page = ConsentPage(project, self._facilitator, self.undo_stack.clear, self.runner)
        elif name == "board":
            from .board_page import BoardPage

            page = BoardPage(project, self.undo_stack)
        elif name == "radio":
            from .radio_page import RadioPage

            page = RadioPage(project, self.undo_stack, self.runner,
                             model_path=self.settings.speech_model)
        elif name == "programmes":
            from .programmes_page import ProgrammesPage

            page = ProgrammesPage(project, self.undo_stack, self.runner)
        elif name == "anonymise":
            from .anonymise_page import AnonymisePage

            page = AnonymisePage(project, self.runner, self.undo_stack)
        elif name == "packs":
            from .packs_page import PacksPage

            page = PacksPage(project, self.runner)
        elif name == "risk_log":
            from .risk_log_page import RiskLogPage

            page = RiskLogPage(project, self.undo_stack)
        elif name == "reciprocity":
            from .reciprocity_page import ReciprocityPage

            page = ReciprocityPage(project, self.undo_stack, self.runner)
        elif name == "safeguarding":
            from .safeguarding_page import SafeguardingPage

            page = SafeguardingPage(project, self.undo_stack, self.runner)
        elif name == "retention":
            from .retention_page import RetentionPage

            # As with a withdrawal, undo must never bring back what erasing removed.
            page = RetentionPage(project, self.undo_stack.clear, self.runner)
        else:
            from .actions_page import ActionsPage

            page = ActionsPage(project, self.undo_stack)
        page.refresh()
        return page

    def _page(self, name: str) -> ProjectPage | None:
        """The page `name` for the open project (built now if it was not yet); None when no
        project is open."""
        if self.project is None:
            return None
        page = self._built.get(name)
        if page is None:
            page = self._build_page(name)
            row = self.PAGES.index(name)
            stub = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(stub)
            stub.deleteLater()
            self._built[name] = page
        return page

    def _discard_pages(self) -> None:
        """Throw every page away: the next project gets new ones, with nothing of this one."""
        current = self.pages.currentIndex()
        for name, page in self._built.items():
            row = self.PAGES.index(name)
            self.pages.insertWidget(row, QWidget())
            self.pages.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        self._built.clear()
        self.pages.setCurrentIndex(current)

    @property
    def sessions_page(self):
        return self._page("sessions")

    @property
    def participants_page(self):
        return self._page("participants")

    @property
    def consent_page(self):
        return self._page("consent")

    @property
    def board_page(self):
        return self._page("board")

    @property
    def radio_page(self):
        return self._page("radio")

    @property
    def programmes_page(self):
        return self._page("programmes")

    @property
    def anonymise_page(self):
        return self._page("anonymise")

    @property
    def packs_page(self):
        return self._page("packs")

    @property
    def risk_log_page(self):
        return self._page("risk_log")

    @property
    def actions_page(self):
        return self._page("actions")

    @property
    def reciprocity_page(self):
        return self._page("reciprocity")

    @property
    def safeguarding_page(self):
        return self._page("safeguarding")

    @property
    def retention_page(self):
        return self._page("retention")

    @property
    def recording(self) -> bool:
        page = self._built.get("radio")
        return page is not None and page.recorder.recording

    def _tell_damage(self) -> None:
        """The quick check on opening found a problem: say so, and to run verify."""
        project = self.project
        if project is not None and project.damage is not None:
            report_failure(self, self.tr("{0} may be damaged").format(project.path.name),
                           project.damage)  # fmt: skip

    def _offer_recovery(self) -> None:
        project = self.project
        if project is None:
            return
        try:
            pending = project.radio.unfinished()
        except Exception:
            log.exception("Could not look for unfinished recordings")
            return
        if not pending:
            return
        from .radio_page import offer_recovery

        if offer_recovery(self, project):
            self.nav.setCurrentRow(self.PAGES.index("radio"))
            self.radio_page.refresh()

    def _show_section(self, row: int) -> None:
        self._page(self.PAGES[row])
        self.pages.setCurrentIndex(row)

    def _changed(self, kind: str) -> None:
        """Undo or redo changed records of ``kind``: the pages that show that kind refresh."""
        for page in list(self._built.values()):
            if kind in page.LISTENS:
                page.refresh()

    def _first_step(self, key: str) -> None:
        """A getting-started step: go where it is done, and start it where that is one key."""
        page, command = {
            "session": ("sessions", "add_action"),
            "people": ("participants", "add_action"),
            "consent": ("consent", None),
            "material": ("board", None),
            "review": ("anonymise", None),
            "pack": ("packs", "add_action"),
        }[key]
        self.nav.setCurrentRow(self.PAGES.index(page))
        if command is not None:
            self._page_command(command)

    def _show_first_steps(self, show: bool) -> None:
        if self.project is None:
            return
        self.settings.set_first_steps_hidden(self.project.id, not show)
        self.first_steps_action.setChecked(show)
        if show:
            self.nav.setCurrentRow(self.PAGES.index("sessions"))
        page = self._built.get("sessions")
        if page is not None:
            page.refresh()

    def _facilitator(self) -> str:
        return self.settings.facilitator_name() or (self.project.actor if self.project else "")

    def set_project(self, project: Project, row: int = 0) -> None:
        """Show an opened (unlocked) project on the page in `row`. Another project open is
        closed first, on the same path as closing it (flush, wait, throw pages away, close)."""
        switching = self.project is not None and self.project is not project
        if switching and not self._release_project(lambda: self.set_project(project, row)):
            return
        self._stop_listening()
        self.project = project
        self._stop_listening = project.changes.listen(self._changed)
        self.locked_path = None
        self.undo_stack.clear()
        self._hide_names()
        self.settings.add_recent(project.path)
        self.settings.set_last_folder(project.path.parent)
        self._recent_changed()
        self.central.setCurrentWidget(self.workspace)
        self.nav.setCurrentRow(row)
        self._show_section(row)
        self.nav.setFocus()
        self._update_state()
        self.project_changed.emit(project)
        self.lock_changed.emit(False)
        QTimer.singleShot(0, self._tell_damage)
        QTimer.singleShot(0, self._offer_recovery)

    # file actions ---------------------------------------------------------------------
    def new_project(self) -> None:
        dialog = NewProjectDialog(self._creator, self.runner, start_folder(self.settings), self)
        dialog.log_path = self.log_path
        if dialog.exec():
            self.set_project(dialog.result_value)

    def try_demo(self) -> None:
        """Open the demo project (made-up people), making it first if it is not there."""
        from coprod_desktop.demo import DEMO_PASSPHRASE, create_demo

        path = start_folder(self.settings) / "coprod demo project.coprod"
        if path.exists():
            self.open_path(path, DEMO_PASSPHRASE)
            return
        self.statusBar().showMessage(self.tr("Making the demo project…"))
        self._opening.start(lambda _job: create_demo(path, DEMO_PASSPHRASE), self._demo_made,
                            lambda exc: self.show_open_failure(path, exc))  # fmt: skip

    def _demo_made(self, project: Project) -> None:
        from coprod_desktop.demo import DEMO_PASSPHRASE

        self.set_project(project)
        self.statusBar().showMessage(self.tr(
            "This is the demo project: everyone in it is made up. It is saved as {0}; its "
            "passphrase is “{1}”.").format(project.path, DEMO_PASSPHRASE), 30000)  # fmt: skip

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), str(start_folder(self.settings)), FILE_FILTER
        )
        if path:
            self.settings.set_last_folder(Path(path).parent)
            self.open_path(Path(path))

    def open_path(self, path: Path, passphrase: str | None = None) -> None:
        """Open a project file: with a passphrase given, in the background; else ask for it.
        The project open now stays open (and on screen) until the new one has opened."""
        path = Path(path)
        if self.project is not None and self.project.path.resolve() == path.resolve():
            return
        if not path.exists():
            self.settings.remove_recent(path)
            self._recent_changed()
            self.report_error(
                self.tr("Open project"),
                self.tr(
                    "{0} is no longer there. It may have been moved, renamed or deleted."
                ).format(path),
            )
            return
        if passphrase:
            self.statusBar().showMessage(self.tr("Opening {0}…").format(path.name))
            self._opening.start(
                lambda _job: self._opener(path, passphrase),
                self.show_opened,
                lambda exc: self.show_open_failure(path, exc),
            )
            return
        dialog = UnlockDialog(path, self._opener, self.runner, self)
        dialog.log_path = self.log_path
        if dialog.exec():
            self.set_project(dialog.result_value)

    def show_opened(self, project: Project) -> None:
        self.statusBar().clearMessage()
        self.set_project(project)

    def show_open_failure(self, path: Path, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        self.report_error(
            self.tr("Could not open {0}").format(path.name), user_message(exc, self.log_path)
        )

    def _wait_for_tasks(self, then) -> bool:
        """True when no background task is using the project file; otherwise `then` runs
        again shortly (a task may be reading the file: closing under it would crash)."""
        if not self.runner.busy:
            return True
        self.statusBar().showMessage(self.tr("Finishing the task in hand first…"))
        QTimer.singleShot(100, then)
        return False

    def _release_project(self, retry: Callable[[], None]) -> bool:
        """The one way a project stops being shown — closing, locking or opening another:
        every page stores what is waiting (a take being recorded included), background tasks
        finish, the pages are thrown away, the file closes and the undo history goes. False
        while tasks are still running; `retry` then runs again shortly."""
        for page in self._built.values():
            page.flush()
        if not self._wait_for_tasks(retry):
            return False
        self.statusBar().clearMessage()
        self._discard_pages()
        self._stop_listening()
        if self.project is not None:
            self.project.close()
        self.project = None
        self.undo_stack.clear()
        self._hide_names()
        return True

    def close_project(self) -> None:
        if not self._release_project(self.close_project):
            return
        self.locked_path = None
        self._show_welcome()
        self.project_changed.emit(None)

    def combine_project(self) -> None:
        """File › Combine with Another Project…: another laptop's file into this project."""
        if self.project is None:
            return
        from .combine_dialog import CombineDialog

        for page in self._built.values():
            page.flush()  # typing still waiting is stored before the other file is compared
        # Combining may erase (a withdrawal arriving): undo must never bring it back.
        project = self.project
        dialog = CombineDialog(project, self.runner, start_folder(self.settings),
                               self.undo_stack.clear, self)  # fmt: skip
        dialog.log_path = self.log_path
        last = self.settings.combined_from(project.id)
        if last is not None and last.is_file():  # combining the same file again, later
            dialog.offer(last)
        dialog.exec()
        if dialog.outcome is not None:
            self.settings.set_combined_from(project.id, dialog.other_path())
        dialog.deleteLater()

    # locking --------------------------------------------------------------------------
    def lock(self) -> None:
        """Close the connection (dropping the key) and hide everything behind a prompt."""
        if self.project is None:
            return
        path = self.project.path
        for dialog in self.findChildren(QDialog):
            dialog.reject()  # a pack being made is stopped
        if not self._release_project(self.lock):
            return
        self.locked_path = path
        self.lock_screen.show_locked(path)
        self.central.setCurrentWidget(self.lock_screen)
        self._update_state()
        self.lock_changed.emit(True)

    @property
    def is_locked(self) -> bool:
        return self.locked_path is not None

    def _unlock(self, passphrase: str) -> None:
        path = self.locked_path
        if path is None:
            return
        self._opening.start(
            lambda _job: self._opener(path, passphrase),
            self._unlocked,
            lambda exc: self.lock_screen.show_error(user_message(exc, self.log_path)),
        )

    def _unlocked(self, project: Project) -> None:
        self.set_project(project, self.nav.currentRow())

    def _auto_lock(self) -> None:
        if self.recording:  # people are talking on the record: the facilitator is there
            return
        if self.project is not None:
            log.info("Auto-locking after %s idle minutes", self.settings.auto_lock_minutes())
            self.lock()

    # preferences, view, help ------------------------------------------------------------
    def _apply_preferences(self) -> None:
        self.idle.set_timeout_ms(self.settings.auto_lock_minutes() * 60_000)

    def edit_preferences(self) -> None:
        if PreferencesDialog(self.settings, self).exec():
            self._apply_preferences()
            if self.project is not None:
                from coprod_desktop.services.project import default_actor

                self.project.actor = self.settings.facilitator_name() or default_actor()

    def _hide_names(self) -> None:
        """Real names are never on screen after a lock or when a project opens."""
        self.show_names_action.setChecked(False)
        self._set_show_names(False)

    def _set_show_names(self, show: bool) -> None:
        page = self._built.get("participants")
        if page is not None:
            page.set_show_names(show)

    def _recent_changed(self) -> None:
        """The welcome page and File › Open Recent show the same list, always."""
        self.welcome.set_recent(self.settings.recent_files())
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear Menu"), self._clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._recent_changed()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About coprod_desktop"),
            self.tr(
                "<h3>coprod_desktop {0}</h3><p>For facilitators of community co-production "
                "workshops: consent, pop-up radio lab audio, sticky-note boards and anonymised "
                "packs for partner organisations.</p><p>Everything stays in one encrypted "
                "project file on this computer. coprod_desktop never connects to the "
                "internet.</p><p>Log file: {1}</p>"
            ).format(__version__, self.log_path or "not available"),
        )

    # shutdown -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._release_project(self.close):  # tasks first (an open, a pack): retried
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.idle.detach()
        event.accept()
