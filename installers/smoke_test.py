"""Smoke test of the frozen bundle (not part of every CI run: building takes a while).

    .venv/bin/python installers/build.py && .venv/bin/python installers/smoke_test.py

With the bundle in installers/dist/coprod-desktop (or --bundle PATH) it checks, using only
the bundled program: `--version` prints coprod_desktop's version; `demo` creates a demo
project; `pack --auto-accept --attach-audio --pdf-password-env` makes an encrypted pack; the
guide (resources/help) is in the bundle; the GUI starts offscreen on that project, shows the
main window and exits 0. Exit 0 only if all hold. Nothing here needs the source tree except to
read the expected version.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coprod_desktop import __version__  # noqa: E402


def program(bundle: Path) -> Path:
    name = "coprod-desktop.exe" if sys.platform == "win32" else "coprod-desktop"
    path = bundle / name
    if not path.exists():
        raise SystemExit(f"No bundle at {path}: build it first (installers/build.py).")
    return path


def run(step: str, command: list[str], env: dict, timeout: int = 180) -> str:
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    took = time.monotonic() - started
    status = "ok  " if done.returncode == 0 else "FAIL"
    print(f"{status} {step} ({took:.1f} s)")
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        raise SystemExit(1)
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description="Smoke test of the frozen bundle")
    parser.add_argument("--bundle", type=Path, default=HERE / "dist" / "coprod-desktop")
    args = parser.parse_args()
    exe = str(program(args.bundle))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "COPROD_PASSPHRASE": "smoke-test-passphrase",
            "PACK_PW": "partner-password",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
        }
        env.pop("PYTHONPATH", None)  # only what is in the bundle
        version = run("--version", [exe, "--version"], env)
        if __version__ not in version:
            print(f"FAIL --version printed {version!r}, expected {__version__}")
            return 1
        guide = [p for p in args.bundle.rglob("getting-started.html") if p.parent.name == "help"]
        if not guide:
            print("FAIL the guide (resources/help) is not in the bundle")
            return 1
        print("ok   the guide is in the bundle")
        project = home / "demo.coprod"
        run("demo project", [exe, "demo", str(project)], env)
        pack = home / "pack.pdf"
        run(
            "pack",
            [
                exe,
                "pack",
                str(project),
                "--audience",
                "Trading Standards",
                "--out",
                str(pack),
                "--auto-accept",
                "--attach-audio",
                "--pdf-password-env",
                "PACK_PW",
            ],
            env,
        )
        if not pack.read_bytes().startswith(b"%PDF") or b"/Encrypt" not in pack.read_bytes():
            print("FAIL the pack is not an encrypted PDF")
            return 1
        shot = home / "window.png"
        run("GUI offscreen", [exe, str(project), "--screenshot", str(shot)], env)
        if not shot.exists() or shot.stat().st_size < 10_000:
            print("FAIL the main window was not shown")
            return 1
    print(f"Smoke test passed: coprod_desktop {__version__} bundle at {args.bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
