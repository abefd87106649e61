"""A pack is issued all or nothing, as the facilitator sees it.

The destination must really take a file before anything is saved; the detections that
`--auto-accept` accepts are saved with the disclosure log, in one transaction that ends with
the PDF renamed into place. A read-only folder, a disk that fills up while the PDF is written,
or a failure while the log is written leaves no decision, no disclosure and no file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE

AUDIENCE = "Health board"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def issued_state(project) -> tuple:
    """What a pack issue may change: the disclosure log, the audit log, the decisions."""
    plan = project.packs.plan(PackOptions(AUDIENCE))
    return (len(project.packs.packs()), project.info()["audit_entries"], plan.undecided,
            sorted(str(f.decision) for f in plan.findings))  # fmt: skip


def test_a_read_only_destination_saves_no_decision(demo_path: Path, small_disk):
    project = open_project(demo_path, PASSPHRASE)
    try:
        state = issued_state(project)
        small_disk.remount("ro")
        with pytest.raises(ValidationError, match="may not write in that folder"):
            project.packs.build(PackOptions(AUDIENCE), small_disk.path / "pack.pdf",
                                accept_undecided=True)  # fmt: skip
        assert issued_state(project) == state
    finally:
        project.close()
    assert files_in(small_disk.path) == []


def test_a_destination_that_fills_up_saves_no_decision(demo_path: Path, small_disk):
    project = open_project(demo_path, PASSPHRASE)
    try:
        state = issued_state(project)
        small_disk.fill()  # the folder takes an empty file (the check) but not the pack
        with pytest.raises(ValidationError, match=r"the disk is full\. Nothing was written"):
            project.packs.build(PackOptions(AUDIENCE), small_disk.path / "pack.pdf",
                                accept_undecided=True)  # fmt: skip
        assert issued_state(project) == state
    finally:
        project.close()
    assert files_in(small_disk.path) == ["filler"]


def test_a_failure_after_the_pdf_is_written_rolls_the_decisions_back(
    demo_path: Path, tmp_path: Path, monkeypatch
):
    """The disclosure log cannot be saved (an error injected where the log is written, after
    the accepted detections were saved in the same transaction): nothing stays."""
    project = open_project(demo_path, PASSPHRASE)
    out = tmp_path / "out"
    out.mkdir()
    try:
        state = issued_state(project)

        def broken(*_args, **_kwargs):
            assert any(p.name.endswith(".part") for p in out.iterdir())  # the PDF is written
            raise RuntimeError("the log could not be written")

        monkeypatch.setattr("coprod_desktop.services.packs.packs_repo.record", broken)
        with pytest.raises(RuntimeError, match="could not be written"):
            project.packs.build(PackOptions(AUDIENCE), out / "pack.pdf", accept_undecided=True)
        monkeypatch.undo()
        assert issued_state(project) == state
    finally:
        project.close()
    assert files_in(out) == []


def test_a_pdf_that_cannot_be_put_in_place_is_not_issued(demo_path: Path, tmp_path: Path,
                                                        monkeypatch):  # fmt: skip
    project = open_project(demo_path, PASSPHRASE)
    try:
        state = issued_state(project)

        def no_rename(src, dst):
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr("coprod_desktop.services.issuing.os.replace", no_rename)
        with pytest.raises(ValidationError, match=r"could not be saved as pack\.pdf"):
            project.packs.build(PackOptions(AUDIENCE), tmp_path / "pack.pdf",
                                accept_undecided=True)  # fmt: skip
        monkeypatch.undo()
        assert issued_state(project) == state
        result = project.packs.build(PackOptions(AUDIENCE), tmp_path / "pack.pdf",
                                     accept_undecided=True)  # fmt: skip
        assert result.accepted == state[2]
        after = issued_state(project)
        assert after[0] == state[0] + 1 and after[2] == 0
    finally:
        project.close()
    assert files_in(tmp_path) == sorted(["demo.coprod", "pack.pdf"])


def test_accept_all_is_one_transaction(demo_path: Path):
    project = open_project(demo_path, PASSPHRASE)
    try:
        findings = project.packs.plan(PackOptions(AUDIENCE)).findings
        undecided = sum(1 for f in findings if f.decision is None)
        assert undecided > 1
        statements: list[str] = []
        project.file.db.conn.set_trace_callback(statements.append)
        try:
            assert project.anonymise.accept_all(findings) == undecided
        finally:
            project.file.db.conn.set_trace_callback(None)
        assert statements.count("BEGIN IMMEDIATE") == 1
        assert project.packs.plan(PackOptions(AUDIENCE)).undecided == 0
    finally:
        project.close()


def test_the_folder_check_leaves_nothing_behind(demo_path: Path, tmp_path: Path):
    project = open_project(demo_path, PASSPHRASE)
    try:
        project.packs.check_target(tmp_path / "pack.pdf")
    finally:
        project.close()
    assert files_in(tmp_path) == ["demo.coprod"]
    assert not os.path.exists(tmp_path / "pack.pdf")
