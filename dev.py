#!/usr/bin/env python3
"""Set up and run coprod_desktop from a source checkout, using only the standard library.

    python3 dev.py demo    install what is missing, then open the app on a demo project
    python3 dev.py test    install what is missing, then run the whole test suite

What "install" means: on Debian/Ubuntu as root, the system libraries Qt needs (apt-get);
as another user, the exact apt-get command to run is printed. Then a virtual environment in
.venv with coprod_desktop and its test tools (pip, from the Python package index).
Nothing is reinstalled while pyproject.toml is unchanged.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".coprod-installed"
DEMO_DIR = ROOT / "demo"
DEMO_FILE = DEMO_DIR / "demo-project.coprod"
DEMO_PASSPHRASE = "demo-passphrase"

# Measured on bare Debian 12 (see shared HEADLESS notes): Qt widgets offscreen, fonts,
# QtMultimedia's backend, and the xcb platform for a real window on an X11 desktop.
# The tests also need a microphone and a real X server with a window manager.
APT_PACKAGES = [
    "libglib2.0-0", "libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3",
    "fonts-dejavu-core", "libpulse0", "libxrandr2", "libxext6", "libdrm2", "libxrender1",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-util1", "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "pulseaudio", "pulseaudio-utils",  # a virtual microphone for the recording tests
    "xvfb", "xauth", "openbox", "xdotool",  # the journey in a real window (tests/realx)
    "espeak-ng",  # pronouncing names no dictionary has, for word timings
]  # fmt: skip


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    subprocess.run(cmd, check=True, **kwargs)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def missing_debian_packages(names: list[str]) -> list[str]:
    missing = []
    for name in names:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_system_packages() -> None:
    if platform.system() != "Linux":
        return
    if not shutil.which("dpkg-query") or not shutil.which("apt-get"):
        say(
            "Not a Debian/Ubuntu system: make sure these libraries (or your distribution's "
            "equivalents) are installed: " + " ".join(APT_PACKAGES)
        )
        return
    wanted = list(APT_PACKAGES)
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        wanted.append("python3-venv")
    missing = missing_debian_packages(wanted)
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if not is_root():
        say("These system libraries are missing. Install them, then run this again:")
        print("    sudo apt-get update && sudo " + " ".join(command))
        sys.exit(1)
    say("Installing system libraries: " + " ".join(missing))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run([*command, "-qq"], env=env)


def ensure_venv() -> None:
    if not venv_python().exists():
        say(f"Creating a virtual environment in {VENV}")
        run([sys.executable, "-m", "venv", str(VENV)])
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("Installing coprod_desktop and its dependencies into .venv (this takes a minute)")
    pip = [str(venv_python()), "-m", "pip"]
    run([*pip, "install", "--quiet", "--upgrade", "pip"])
    run([*pip, "install", "--quiet", "--editable", f"{ROOT}[test]"])
    STAMP.write_text(wanted)


def has_display() -> bool:
    if platform.system() != "Linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo(extra: list[str]) -> int:
    app = [str(venv_python()), "-m", "coprod_desktop.cli"]
    env = {**os.environ, "COPROD_PASSPHRASE": DEMO_PASSPHRASE}
    if not DEMO_FILE.exists():
        DEMO_DIR.mkdir(exist_ok=True)
        run([*app, "demo", str(DEMO_FILE)], env=env)
    say(f"Demo project: {DEMO_FILE}  (passphrase: {DEMO_PASSPHRASE})")
    if has_display():
        say("Opening the app. Press Ctrl+L to lock it; type the passphrase to unlock.")
        return subprocess.run([*app, str(DEMO_FILE), *extra], env=env).returncode
    shot = DEMO_DIR / "screenshot.png"
    say("No display here: running the app offscreen and saving a screenshot instead.")
    env["QT_QPA_PLATFORM"] = "offscreen"
    code = subprocess.run([*app, str(DEMO_FILE), "--screenshot", str(shot)], env=env).returncode
    if code == 0:
        say(f"Screenshot: {shot}. Headless commands: .venv/bin/coprod-desktop --help")
    return code


def test(extra: list[str]) -> int:
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run(
        [str(venv_python()), "-m", "pytest", *extra], cwd=ROOT, env=env
    ).returncode


def main(argv: list[str]) -> int:
    commands = {"demo": demo, "test": test, "setup": lambda _extra: 0}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    if sys.version_info < (3, 10):
        say("coprod_desktop needs Python 3.10 or newer.")
        return 1
    try:
        ensure_system_packages()
        ensure_venv()
    except subprocess.CalledProcessError as exc:
        say(f"Set-up failed while running: {' '.join(map(str, exc.cmd))}")
        return 1
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
