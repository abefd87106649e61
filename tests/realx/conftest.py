"""A real X server for journey tests: Xvfb on a free display, openbox, xdotool. Stopped by PID
at the end; skipped with the reason where the tools are missing, except under CI (CI set)."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from tests.realx.desk import TOOLS, Desk


def _missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.fixture
def desk(tmp_path):
    missing = _missing()
    if missing or not sys.platform.startswith("linux"):
        message = (f"needs a real X server: {', '.join(missing) or 'Linux'} missing "
                   "(Debian: apt-get install xvfb xauth openbox xdotool)")  # fmt: skip
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs them: a skip there would hide a broken set-up
        pytest.skip(message)
    screen = Desk(tmp_path / "x")
    try:
        screen.start()
        yield screen
    finally:
        screen.stop()
