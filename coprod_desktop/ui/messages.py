"""Plain-language error messages; tracebacks go to the log file, never to the user."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from coprod_desktop.domain.errors import ProjectError, ValidationError

log = logging.getLogger("coprod_desktop")


def user_message(exc: BaseException, log_path: Path | None = None) -> str:
    """What to tell the user about an exception; unexpected ones are logged with a traceback."""
    if isinstance(exc, (ProjectError, ValidationError)):
        return str(exc)
    log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    where = f"\n\nDetails were saved in the log file:\n{log_path}" if log_path else ""
    return (
        "Something went wrong that coprod_desktop did not expect. Your saved work is safe: "
        f"every change is stored as soon as it is made.{where}"
    )


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorMessage")
    box.exec()


def install_excepthook(log_path: Path | None) -> None:
    """Route uncaught exceptions (e.g. in slots) to the log and a plain message box."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            show_error(None, "coprod_desktop", user_message(exc, log_path))
        except Exception:  # never let the hook itself raise
            log.exception("Could not show the error message")

    sys.excepthook = hook
