"""Composition root for the GUI: builds the services and hands them to the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME, ORG_NAME, __version__
from .logs import setup_logging


def build_main_window(settings=None, log_path: Path | None = None):
    """The main window wired to the real services (used by the app, tests and benchmarks)."""
    from .services.project import create_project, open_project
    from .ui.main_window import MainWindow
    from .ui.settings import AppSettings
    from .ui.tasks import TaskRunner

    settings = settings or AppSettings()
    runner = TaskRunner()

    def actor() -> str:
        return settings.facilitator_name()

    window = MainWindow(
        settings,
        runner,
        opener=lambda path, passphrase: open_project(path, passphrase, actor()),
        creator=lambda path, passphrase, name: create_project(path, passphrase, name, actor()),
        log_path=log_path,
    )
    runner.setParent(window)
    return window


def run_gui(path: Path | None = None, screenshot: Path | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .cli import PASSPHRASE_ENV
    from .resource_files import resource_path
    from .ui.messages import install_excepthook

    log_path = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons/coprod.svg"))))
    install_excepthook(log_path)

    window = build_main_window(log_path=log_path)
    window.show()
    if path is not None:
        window.open_path(path, os.environ.get(PASSPHRASE_ENV) or None)
    if screenshot is not None:
        def capture() -> None:
            if window.runner.busy:
                QTimer.singleShot(100, capture)
                return
            window.grab().save(str(screenshot))
            print(f"Screenshot of the main window saved to {screenshot}")
            window.close()

        QTimer.singleShot(300, capture)
    return app.exec()
