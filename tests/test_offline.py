"""The app never opens a network connection: demo creation, the CLI and a full GUI session
run in a fresh interpreter whose audit hook records every attempt to reach the network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import PASSPHRASE

SCRIPT = textwrap.dedent(
    """
    import json, os, socket, sys
    attempts = []

    def hook(event, args):
        if event == "socket.connect":
            sock, address = args[0], args[1]
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(f"connect {address}")
        elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                       "urllib.Request", "http.client.connect", "socket.sendto"):
            attempts.append(f"{event} {args[:2]}")

    sys.addaudithook(hook)
    tmp = sys.argv[1]
    demo = os.path.join(tmp, "offline-demo.coprod")

    from coprod_desktop.cli import main
    assert main(["demo", demo]) == 0
    assert main(["info", demo, "--json"]) == 0
    assert main(["verify", demo]) == 0

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from coprod_desktop.app import build_main_window
    from coprod_desktop.ui.settings import AppSettings

    app = QApplication([])
    settings = AppSettings(QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat))
    window = build_main_window(settings, path=demo, passphrase=os.environ["COPROD_PASSPHRASE"])
    window.show()
    while window.project is None:
        app.processEvents()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        app.processEvents()
    sessions = window.sessions_page.model.rowCount()
    window.lock()
    window.lock_screen.passphrase.edit.setText(os.environ["COPROD_PASSPHRASE"])
    window.lock_screen.unlock_button.click()
    while window.project is None:
        app.processEvents()
    window.close()
    app.processEvents()
    print("RESULT " + json.dumps({
        "attempts": attempts,
        "sessions": sessions,
    }))
    """
)


def test_no_network_during_demo_cli_and_gui(tmp_path: Path):
    env = {**os.environ, "COPROD_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    assert result["sessions"] == 4  # the GUI really showed the demo project
    assert result["attempts"] == []


def test_the_hook_does_see_a_connection_attempt(tmp_path: Path):
    """Guard against a hook that could never fail."""
    probe = SCRIPT.split("tmp = sys.argv[1]")[0] + textwrap.dedent(
        """
        s = socket.socket()
        s.settimeout(0.2)
        try:
            s.connect(("127.0.0.1", 9))
        except OSError:
            pass
        print("RESULT " + json.dumps(attempts))
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "connect ('127.0.0.1', 9)" in done.stdout


def test_tests_never_write_to_the_users_own_settings_or_logs():
    """The app's default places (settings, logs) point into this run's folder, for this
    process and every process a test starts."""
    import platformdirs
    from PySide6.QtCore import QSettings

    from coprod_desktop import APP_NAME, ORG_NAME
    from coprod_desktop.logs import log_dir

    home = Path(os.environ["XDG_CONFIG_HOME"]).parent
    assert home.name.startswith("coprod-tests-")
    assert Path(QSettings(ORG_NAME, APP_NAME).fileName()).is_relative_to(home)
    assert log_dir().is_relative_to(home)
    assert Path(platformdirs.user_data_dir("x")).is_relative_to(home)
