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
        install_excepthook(log_path)
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
