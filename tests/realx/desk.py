"""A real X display (Xvfb) with a window manager (openbox), driven from outside with xdotool.

Key presses and clicks go through the X server, so the window manager decides which window has
the focus and Qt decides which button Enter presses, as on a facilitator's laptop. The offscreen
platform the rest of the suite uses has neither.
"""

from __future__ import annotations

import os
import re
import secrets
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TOOLS = ("Xvfb", "xauth", "openbox", "xdotool")
SCREEN = (1366, 768)
TIMEOUT = 20.0  # seconds for anything to show up; generous for a busy two-core machine

_GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


class DeskError(AssertionError):
    pass


def wait_for(condition: Callable[[], object], what: str, timeout: float = TIMEOUT):
    """Poll `condition` until it gives something true; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise DeskError(f"Waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


def holds(condition: Callable[[], bool], seconds: float) -> bool:
    """True when `condition` stays true for `seconds` (to see that something does NOT happen)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not condition():
            return False
        time.sleep(0.05)
    return True


def _read_line(fd: int) -> str:
    data = b""
    deadline = time.monotonic() + TIMEOUT
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 64) if ready else b""
        if not chunk:  # timed out, or Xvfb exited
            break
        data += chunk
    return data.decode().strip()


def _title_pattern(title: str) -> str:
    """xdotool matches names with a POSIX extended regex: match the whole title literally."""
    return "^" + re.sub(r"([.\[\]{}()*+?^$|\\])", r"\\\1", title) + "$"


class Desk:
    def __init__(self, work: Path):
        self.work = work
        self.home = work / "home"
        runtime = work / "run"
        for folder in (self.home, runtime):
            folder.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        self.xauthority = work / "Xauthority"
        self.log = work / "x.log"
        self.processes: list[subprocess.Popen] = []
        self.display = ""
        base = {k: v for k, v in os.environ.items()
                if k not in ("COPROD_PASSPHRASE", "PULSE_SERVER", "WAYLAND_DISPLAY",
                             "DISPLAY", "XAUTHORITY")}  # fmt: skip
        self.env = {**base, "HOME": str(self.home), "XDG_RUNTIME_DIR": str(runtime),
                    "XDG_CONFIG_HOME": str(self.home / ".config"),
                    "XDG_STATE_HOME": str(self.home / ".local/state"),
                    "XDG_DATA_HOME": str(self.home / ".local/share"),
                    "XDG_CACHE_HOME": str(self.home / ".cache")}  # fmt: skip

    # the server and the window manager ----------------------------------------------------
    def start(self) -> None:
        cookie = secrets.token_hex(16)
        server_auth = self.work / "Xauthority.server"
        self._xauth(server_auth, ":0", cookie)
        read_end, write_end = os.pipe()
        with open(self.log, "ab") as log:
            self._spawn(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                         f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp",
                         "-auth", str(server_auth)],
                        pass_fds=(write_end,), stdout=log, stderr=log)  # fmt: skip
        os.close(write_end)
        try:
            number = _read_line(read_end)  # Xvfb writes the number, then a newline
        finally:
            os.close(read_end)  # only now: closed early, Xvfb dies writing the newline
        if not number.isdigit():
            raise DeskError(f"Xvfb did not start (see {self.log})")
        self.display = f":{number}"
        # Only clients holding the cookie may connect: the machine is shared.
        self._xauth(self.xauthority, self.display, cookie)
        self.env.update(DISPLAY=self.display, XAUTHORITY=str(self.xauthority))
        with open(self.log, "ab") as log:
            self._spawn(["openbox", "--sm-disable"], env=self.env, stdout=log, stderr=log)
        # openbox is managing windows once it announces its desktops on the root window
        wait_for(lambda: self.xdotool("get_num_desktops", check=False).returncode == 0,
                 f"openbox to manage {self.display} (see {self.log})")  # fmt: skip

    def _xauth(self, file: Path, display: str, cookie: str) -> None:
        subprocess.run(["xauth", "-f", str(file), "add", display, ".", cookie], check=True,
                       env=self.env, capture_output=True)  # fmt: skip

    def _spawn(self, args: list[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, **kwargs)
        self.processes.append(process)
        return process

    def start_app(self, args: list[str], log: Path) -> subprocess.Popen:
        """The real app on this display (xcb platform), output in `log`."""
        with open(log, "ab") as out:
            return self._spawn([sys.executable, "-m", "coprod_desktop.cli", *args],
                               env={**self.env, "QT_QPA_PLATFORM": "xcb"},
                               stdout=out, stderr=subprocess.STDOUT)  # fmt: skip

    def stop(self) -> None:
        """Stop everything started here, newest first, by PID."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)
        self.processes.clear()

    # looking -----------------------------------------------------------------------------
    def xdotool(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT)  # fmt: skip
        if check and done.returncode != 0:
            raise DeskError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done

    def windows(self, title: str) -> list[str]:
        """Ids of the mapped windows whose whole title is `title`."""
        done = self.xdotool("search", "--onlyvisible", "--name", _title_pattern(title),
                            check=False)  # fmt: skip
        return done.stdout.split() if done.returncode == 0 else []  # 1: none (or a race)

    def active(self) -> tuple[str, str]:
        """(id, title) of the window the window manager has given the focus to."""
        done = self.xdotool("getactivewindow", check=False)
        window = done.stdout.strip() if done.returncode == 0 else ""
        if not window:
            return "", ""
        name = self.xdotool("getwindowname", window, check=False)
        return window, name.stdout.rstrip("\n") if name.returncode == 0 else ""

    def wait_active(self, title: str, other_than: str = "") -> str:
        """Wait until a window called `title` (not `other_than`) has the focus; its id."""

        def focused() -> str:
            window, name = self.active()
            return window if name == title and window != other_than else ""

        return wait_for(focused, f"the window “{title}” to have the focus "
                                 f"(focus is on “{self.active()[1]}”)")  # fmt: skip

    def wait_gone(self, title: str) -> None:
        wait_for(lambda: not self.windows(title), f"the window “{title}” to close")

    def screenshot(self, path: Path) -> Path:
        """The whole screen, dialogs and window frames included, as PNG."""
        done = subprocess.run([sys.executable, "-c", _GRAB, str(path)],
                              env={**self.env, "QT_QPA_PLATFORM": "xcb"}, capture_output=True,
                              text=True, timeout=TIMEOUT)  # fmt: skip
        if done.returncode != 0:
            raise DeskError(f"Could not grab the screen: {done.stderr.strip()}")
        return path

    # doing -------------------------------------------------------------------------------
    def key(self, *keys: str) -> None:
        """Press keys one after the other, e.g. key("ctrl+shift+n"), key("Tab", "space")."""
        self.xdotool("key", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "25", text)

    def double_click(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "--repeat", "2", "--delay", "80", "1")
