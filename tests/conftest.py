"""Shared fixtures: real encrypted project files in tmp_path, offscreen Qt, temp settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Nothing a test runs — in this process or in one it starts — writes to the user's own
# settings, logs or data: the app's default places are redirected to a folder of this run.
_HOME = Path(os.environ.get("PYTEST_XDG_BASE") or "/tmp") / f"coprod-tests-{os.getpid()}"
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(_HOME / _name.lower())

PASSPHRASE = "correct horse battery"


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "workshop.coprod"


@pytest.fixture
def project(project_path: Path):
    from coprod_desktop.services.project import create_project

    proj = create_project(project_path, PASSPHRASE, "Test project", actor="tester")
    yield proj
    proj.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """One demo project per test run; tests copy it rather than rebuild it."""
    from coprod_desktop.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.coprod"
    create_demo(path, PASSPHRASE).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.coprod"
    shutil.copy2(demo_template, path)
    return path


def _can_mount() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(f"/tmp/coprod-mount-probe-{uuid.uuid4().hex}")
    probe.mkdir()
    try:
        ok = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True
            ).returncode
            == 0
        )
        if ok:
            subprocess.run(["umount", str(probe)], check=True)
        return ok
    finally:
        probe.rmdir()


CAN_MOUNT = _can_mount()


class SmallDisk:
    """A real, tiny tmpfs file system: fills up for real and can be made read-only."""

    def __init__(self, size_kb: int):
        self.path = Path(f"/tmp/coprod-disk-{uuid.uuid4().hex}")
        self.path.mkdir()
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(self.path)],
            check=True,
        )

    def remount(self, option: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{option}", str(self.path)], check=True)

    def fill(self) -> None:
        """Take every free byte."""
        fd = os.open(self.path / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for size in (65536, 4096, 512, 1):
                try:
                    while os.write(fd, b"\0" * size) == size:
                        pass
                except OSError:
                    pass
        finally:
            os.close(fd)

    def cleanup(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=False)
        shutil.rmtree(self.path, ignore_errors=True)


@pytest.fixture
def small_disk():
    if not CAN_MOUNT:
        pytest.skip("needs root and mount to make a real small file system")
    disk = SmallDisk(1024)
    yield disk
    disk.cleanup()


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    from coprod_desktop.ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def pytest_sessionfinish(session, exitstatus) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)  # this run's settings and logs
