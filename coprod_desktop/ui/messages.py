"""Plain-language error messages; tracebacks go to the log file, never to the user."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

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


Reporter = Callable[[str, str], None]
"""Tells the user a failure: (title, plain-language message)."""


class ReportsFailures(Protocol):
    """The widget that owns reporting (the main window); tests replace its reporter."""

    report_error: Reporter
    log_path: Path | None


class Outcome:
    """What a guarded block came to: ``failed`` is True once its failure was reported."""

    failed = False


def _reporter_for(widget: QWidget) -> tuple[Reporter, Path | None]:
    """The nearest ancestor's reporter, else a message box over ``widget``."""
    owner: QWidget | None = widget
    while owner is not None:
        if hasattr(owner, "report_error"):
            return owner.report_error, getattr(owner, "log_path", None)
        owner = owner.parentWidget()
    return (lambda title, message: show_error(widget, title, message)), None


def tell(widget: QWidget, title: str, message: str) -> None:
    """Tell the user why an action cannot go ahead, through the window's reporter."""
    report, _log_path = _reporter_for(widget)
    report(title, message)


def report_failure(widget: QWidget, title: str, exc: BaseException) -> None:
    """Tell the user about ``exc`` through the window's reporter (for callbacks that are
    handed an exception, such as a background job's failure)."""
    report, log_path = _reporter_for(widget)
    report(title, user_message(exc, log_path))


@contextmanager
def guard(widget: QWidget, title: str) -> Iterator[Outcome]:
    """The one way a page runs a user's action that may fail::

        with guard(self, self.tr("Board")) as outcome:
            self.project.boards.add_note(draft)
        if outcome.failed:
            return

    A failure goes to the window's reporter in plain language (unexpected ones are logged
    with their traceback) and the block is left; nothing else is caught."""
    outcome = Outcome()
    try:
        yield outcome
    except Exception as exc:  # reported, never swallowed: this is where failures surface
        outcome.failed = True
        report_failure(widget, title, exc)


def install_excepthook(log_path: Path | None, report: Reporter | None = None) -> None:
    """Route uncaught exceptions (e.g. in slots) to the log and to ``report`` (a plain
    message box unless one is given)."""
    report = report or (lambda title, message: show_error(None, title, message))

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            report("coprod_desktop", user_message(exc, log_path))
        except Exception:  # never let the hook itself raise
            log.exception("Could not show the error message")

    sys.excepthook = hook
