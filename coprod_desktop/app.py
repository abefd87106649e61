"""Composition root for the GUI: builds the services and hands them to the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME, ORG_NAME, PASSPHRASE_ENV, __version__
from .logs import setup_logging


def build_main_window(
    settings=None,
    log_path: Path | None = None,
    path: Path | None = None,
    passphrase: str | None = None,
):
    """The main window wired to the real services (used by the app, tests and benchmarks).

    With a path and passphrase, opening starts on a worker thread *before* the window is
    built, so the key derivation (which releases the GIL) overlaps building the window.
    """
    from .ui.settings import AppSettings
    from .ui.tasks import TaskRunner

    settings = settings or AppSettings()
    runner = TaskRunner()

    def opener(target: Path, secret: str):
        from .services.project import open_project

        return open_project(target, secret, settings.facilitator_name())

    def creator(target: Path, secret: str, name: str):
        from .services.project import create_project

        return create_project(target, secret, name, settings.facilitator_name())

    window = None
    if path is not None and passphrase:
        runner.run(
            lambda: opener(path, passphrase),
            lambda project: window.show_opened(project),
            lambda exc: window.show_open_failure(path, exc),
        )

    from .ui.main_window import MainWindow

    window = MainWindow(settings, runner, opener, creator, log_path=log_path)
    runner.setParent(window)
    return window


def run_gui(path: Path | None = None, screenshot: Path | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .resource_files import resource_path
    from .ui.messages import install_excepthook

    log_path = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons/coprod.svg"))))
    install_excepthook(log_path)

    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    window = build_main_window(log_path=log_path, path=path, passphrase=passphrase)
    install_excepthook(log_path, lambda title, message: window.report_error(title, message))
    window.show()
    from .ui.file_open import FileOpenFilter

    opener = FileOpenFilter(window.open_path, app)  # a .coprod file opened from Finder
    app.installEventFilter(opener)
    if path is not None and not passphrase:
        QTimer.singleShot(0, lambda: window.open_path(path))  # ask once the window is up
    if screenshot is not None:

        def report(title: str, message: str) -> None:  # nobody is there to click a box
            print(f"coprod-desktop: {title}: {message}", file=sys.stderr)
            app.exit(1)

        window.report_error = report

        def capture() -> None:
            if window.runner.busy:
                QTimer.singleShot(100, capture)
                return
            window.grab().save(str(screenshot))
            print(f"Screenshot of the main window saved to {screenshot}")
            window.close()

        QTimer.singleShot(300, capture)
    return app.exec()
