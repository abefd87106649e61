"""The installed Qt binding must not corrupt reference counts (PySide6 6.12.0 on Python 3.11
decremented None on every void call and aborted the app after a few thousand calls)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
