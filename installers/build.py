"""Build the double-clickable app for the platform this runs on.

    .venv/bin/python installers/build.py          (needs: pip install -e .[bundle])

1. renders the icon (installers/icons.py) into installers/build/icons;
2. runs PyInstaller with installers/coprod_desktop.spec: a one-folder bundle in
   installers/dist/coprod-desktop (on macOS also installers/dist/coprod_desktop.app);
3. packages it:
   * Linux: installers/dist/coprod_desktop-VERSION-linux-ARCH.tar.gz holding the bundle,
     install.sh / uninstall.sh (per user, no root), the .desktop entry, the .coprod file type
     and the AppStream metainfo (checked with appstreamcli / desktop-file-validate when
     installed);
   * Windows: compiles installers/windows/coprod_desktop.iss with Inno Setup's ISCC when it
     is on PATH (a per-user setup .exe), else says how;
   * macOS: the .app is made by the spec; installers/macos/build_dmg.sh signs it and makes
     the .dmg.
The version comes from coprod_desktop.__version__ only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = HERE / "dist"
WORK = HERE / "build"
sys.path.insert(0, str(ROOT))

from coprod_desktop import __version__  # noqa: E402

sys.path.insert(0, str(HERE))
from icons import render  # noqa: E402


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def pyinstaller() -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(HERE / "coprod_desktop.spec"),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK / "pyinstaller"),
    ]
    subprocess.run(command, check=True)
    return DIST / "coprod-desktop"


def metainfo(target: Path) -> Path:
    text = (HERE / "linux" / "io.github.coprod.CoprodDesktop.metainfo.xml.in").read_text()
    text = text.replace("@VERSION@", __version__).replace("@DATE@", dt.date.today().isoformat())
    target.write_text(text, encoding="utf-8")
    return target


def check_linux_files(share: Path) -> list[str]:
    """Validate the desktop entry and metainfo with the distribution's tools, if present."""
    notes = []
    checks = [
        ("desktop-file-validate", [str(share / "coprod-desktop.desktop")]),
        (
            "appstreamcli",
            [
                "validate",
                "--no-net",
                "--pedantic",
                str(share / "io.github.coprod.CoprodDesktop.metainfo.xml"),
            ],
        ),
    ]
    for tool, args in checks:
        if shutil.which(tool) is None:
            notes.append(f"{tool} not installed: not checked")
            continue
        done = subprocess.run([tool, *args], capture_output=True, text=True)
        notes.append(
            f"{tool}: {'ok' if done.returncode == 0 else 'FAILED'}"
            f"{(chr(10) + done.stdout + done.stderr).rstrip() if done.returncode else ''}"
        )
        if done.returncode:
            raise SystemExit("\n".join(notes))
    return notes


def package_linux(bundle: Path, icons: dict[str, Path]) -> Path:
    name = f"coprod_desktop-{__version__}-linux-{platform.machine()}"
    stage = DIST / name
    shutil.rmtree(stage, ignore_errors=True)
    share = stage / "share"
    (share / "icons").mkdir(parents=True)
    shutil.copytree(bundle, stage / "coprod-desktop", symlinks=True)
    for file in ("coprod-desktop.desktop", "coprod-desktop-mime.xml"):
        shutil.copy2(HERE / "linux" / file, share / file)
    metainfo(share / "io.github.coprod.CoprodDesktop.metainfo.xml")
    for key, path in icons.items():
        if key.startswith("png"):
            shutil.copy2(path, share / "icons" / path.name)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / "linux" / script, stage / script)
    for note in check_linux_files(share):
        print(note)
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(stage, arcname=name)
    return archive


def package_windows() -> Path | None:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc is None:
        print(
            "Inno Setup's ISCC is not on PATH: install Inno Setup 6 and run\n"
            f"  ISCC /DAppVersion={__version__} installers\\windows\\coprod_desktop.iss"
        )
        return None
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={__version__}",
            f"/DBundle={DIST / 'coprod-desktop'}",
            str(HERE / "windows" / "coprod_desktop.iss"),
        ],
        check=True,
    )
    return DIST / f"coprod_desktop-{__version__}-setup.exe"


def main() -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    started = time.monotonic()
    icons = render(WORK / "icons")
    bundle = pyinstaller()
    built = time.monotonic() - started
    print(f"Bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB), built in {built:.0f} s")
    if sys.platform.startswith("linux"):
        archive = package_linux(bundle, icons)
        print(f"Linux archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    elif sys.platform == "win32":
        setup = package_windows()
        if setup is not None:
            print(f"Windows setup: {setup}")
    elif sys.platform == "darwin":
        print(
            f"macOS app: {DIST / 'coprod_desktop.app'}; sh installers/macos/build_dmg.sh "
            "signs it and makes the .dmg"
        )
    print(
        f"Done in {time.monotonic() - started:.0f} s. Check it: "
        f"{Path(sys.executable).name} installers/smoke_test.py"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
