"""No traceback reaches the user: unexpected errors are logged and explained plainly."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from coprod_desktop.logs import setup_logging
from coprod_desktop.storage.errors import DiskFullError
from coprod_desktop.ui.messages import install_excepthook, user_message


def test_expected_errors_are_shown_as_they_are():
    assert user_message(DiskFullError("The disk is full.")) == "The disk is full."


def test_uncaught_exception_goes_to_log_and_a_plain_box(tmp_path: Path, errors, monkeypatch):
    root = logging.getLogger()
    handlers = list(root.handlers)
    log_path = setup_logging(tmp_path / "logs")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        install_excepthook(log_path, lambda title, message: errors.append((title, message)))
        try:
            raise RuntimeError("internal detail 42")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                handler.close()
                root.removeHandler(handler)
    ((_title, message),) = errors
    assert "did not expect" in message and str(log_path) in message
    assert "internal detail 42" not in message and "Traceback" not in message
    logged = log_path.read_text()
    assert "Traceback" in logged and "internal detail 42" in logged


UI = Path(__file__).resolve().parents[2] / "coprod_desktop" / "ui"
# Where catching everything is the point, not a way of reporting: the recording thread hands
# its failure to the GUI as a message, text-to-speech is optional, the window logs a failed
# look for unfinished takes, background work hands any failure to its callback, and the guard.
CATCH_ALL = {"recorder.py", "read_aloud.py", "main_window.py", "tasks.py", "messages.py"}


def test_failures_reach_the_user_one_way():
    """No page shows a box of its own or swallows errors its own way: they use the guard."""
    import ast

    boxes, catch_alls = [], []
    for path in UI.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "show_error"
                    and path.name not in ("messages.py", "main_window.py")):  # fmt: skip
                boxes.append(f"{path.name}:{node.lineno}")
            if (isinstance(node, ast.ExceptHandler) and node.type is not None
                    and ast.unparse(node.type) in ("Exception", "BaseException")
                    and path.name not in CATCH_ALL):  # fmt: skip
                catch_alls.append(f"{path.name}:{node.lineno}")
    assert boxes == [] and catch_alls == []


def test_a_pages_failure_goes_to_the_windows_reporter(open_demo, qtbot, errors, monkeypatch):
    from coprod_desktop.domain.errors import ProjectError
    from coprod_desktop.services.anonymising import AnonymiseService

    window = open_demo
    window.nav.setCurrentRow(window.PAGES.index("anonymise"))
    page = window.anonymise_page
    page.scan()
    qtbot.waitUntil(lambda: page.scanned, timeout=20000)

    def refuse(*_args):
        raise ProjectError("The disk is full, so the last change could not be saved.")

    monkeypatch.setattr(AnonymiseService, "decide", refuse)
    page.table.selectRow(0)
    page.decide("accept")
    assert errors == [("Anonymise", "The disk is full, so the last change could not be saved.")]
