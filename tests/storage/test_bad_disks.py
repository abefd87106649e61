"""Full disks and read-only places: a clear message, nothing lost, nothing half-written."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from pathlib import Path

import pytest

from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.sessions import Session
from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.storage.connection import create_project_file, open_project_file
from coprod_desktop.storage.errors import DiskFullError, ProjectError, ReadOnlyError
from coprod_desktop.storage.migrations import MIGRATIONS
from tests.conftest import PASSPHRASE
from tests.helpers import digest


def test_database_full_refuses_the_change_and_keeps_the_rest(project):
    """SQLite's own 'database or disk is full' (max_page_count caps the file)."""
    kept = project.participants.save(Participant(project.participants.draft().id, "P-01"))
    pages = project.file.db.execute("PRAGMA page_count").fetchone()[0]
    project.file.db.execute(f"PRAGMA max_page_count = {pages}")
    huge = Session(project.sessions.draft().id, "x" * 150, dt.date(2026, 1, 1), venue="v" * 200_000)
    with pytest.raises(DiskFullError, match="disk is full"):
        project.sessions.save(huge)
    assert project.sessions.list() == []
    assert [p.id for p in project.participants.list()] == [kept.id]
    project.close()
    reopened = open_project(project.path, PASSPHRASE)
    assert [p.id for p in reopened.participants.list()] == [kept.id]
    reopened.close()


def test_real_full_disk_while_saving(small_disk):
    path = small_disk.path / "p.coprod"
    project = create_project(path, PASSPHRASE, "x")
    kept = project.participants.save(Participant(project.participants.draft().id, "P-01"))
    small_disk.fill()
    big = Session(project.sessions.draft().id, "Big", dt.date(2026, 1, 1), venue="v" * 400_000)
    with pytest.raises(DiskFullError):
        project.sessions.save(big)
    project.close()
    (small_disk.path / "filler").unlink()
    reopened = open_project(path, PASSPHRASE)
    assert [p.id for p in reopened.participants.list()] == [kept.id]
    assert reopened.sessions.list() == []
    reopened.close()


def test_real_full_disk_while_creating_leaves_no_file(small_disk):
    small_disk.fill()
    path = small_disk.path / "new.coprod"
    with pytest.raises(DiskFullError, match="disk is full"):
        create_project_file(path, PASSPHRASE, "x")
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["filler"]


def test_real_read_only_file_system(small_disk):
    path = small_disk.path / "p.coprod"
    create_project_file(path, PASSPHRASE, "x").close()
    before = digest(path)
    small_disk.remount("ro")
    with pytest.raises(ReadOnlyError, match="read-only"):
        open_project_file(path, PASSPHRASE)
    with pytest.raises(ReadOnlyError, match="read-only"):
        create_project_file(small_disk.path / "other.coprod", PASSPHRASE, "x")
    assert digest(path) == before


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root ignores permission bits; test_real_read_only_file_system covers root",
)
def test_read_only_folder_for_an_ordinary_user(demo_template: Path, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    project = folder / "demo.coprod"
    shutil.copy2(demo_template, project)
    os.chmod(project, 0o444)
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(ReadOnlyError, match="read-only"):
            open_project_file(project, PASSPHRASE)
        with pytest.raises(ReadOnlyError, match="read-only"):
            create_project_file(folder / "n.coprod", PASSPHRASE, "n")
        assert digest(project) == digest(demo_template)
    finally:
        os.chmod(folder, 0o755)


def test_backup_failure_stops_migration_and_keeps_file(project_path: Path, monkeypatch):
    create_project_file(project_path, PASSPHRASE, "x").close()
    before = digest(project_path)

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", no_space)  # the copy a full disk would refuse
    v2 = [*MIGRATIONS, ["CREATE TABLE extra (id TEXT PRIMARY KEY)"]]
    with pytest.raises(ProjectError, match=r"backup copy.*disk is full.*not been changed"):
        open_project_file(project_path, PASSPHRASE, migrations=v2)
    assert digest(project_path) == before
    with open_project_file(project_path, PASSPHRASE) as pf:
        assert "extra" not in pf.db.table_names()
