"""Trusting the file before anything leaves it.

A page damaged on disk (four bytes flipped in a real encrypted project) must stop every
export before anything is written, with a message that names `coprod-desktop verify`, and
leave the project byte-identical; the quick check on opening must report damage in the
records (tests/services/test_pack_issue.py: a pack is issued all or nothing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from coprod_desktop.storage.errors import DamagedProjectError
from tests.conftest import PASSPHRASE
from tests.helpers import add_marked_audio, audio_page, digest, flip, table_page

AUDIENCE = "Health board"


@pytest.fixture
def damaged_demo(demo_path: Path) -> Path:
    """The demo project with four bytes flipped in a page of audio: a page that opening,
    `info` and a pack without audio never read."""
    project = open_project(demo_path, PASSPHRASE)
    add_marked_audio(project)
    project.close()
    flip(demo_path, audio_page(demo_path, PASSPHRASE))
    return demo_path


def names_verify(path: Path) -> str:
    return rf"is damaged .*nothing was exported.*coprod-desktop verify \"{re.escape(str(path))}\""


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def issued_state(project) -> tuple:
    """What a pack issue may change: the disclosure log, the audit log, the decisions."""
    plan = project.packs.plan(PackOptions(AUDIENCE))
    return (len(project.packs.packs()), project.info()["audit_entries"], plan.undecided,
            sorted(str(f.decision) for f in plan.findings))  # fmt: skip


def test_the_damage_is_in_a_page_only_the_whole_file_check_reads(damaged_demo: Path):
    project = open_project(damaged_demo, PASSPHRASE)
    try:
        assert project.damage is None  # the quick check leaves the audio to the full check
        assert project.info()["participants"] == 17  # as `info` did before: it still works
    finally:
        project.close()


def test_a_damaged_page_stops_a_pack_and_changes_nothing(damaged_demo: Path, tmp_path: Path):
    before = digest(damaged_demo)
    out = tmp_path / "out"
    out.mkdir()
    project = open_project(damaged_demo, PASSPHRASE)
    try:
        state = issued_state(project)
        assert state[2] > 0  # undecided detections that accept_undecided would save
        steps = []
        with pytest.raises(DamagedProjectError, match=names_verify(damaged_demo)):
            project.packs.build(PackOptions(AUDIENCE), out / "pack.pdf",
                                progress=lambda n, text: steps.append((n, text)),
                                accept_undecided=True)  # fmt: skip
        # the check cannot say how far it has got: shown as a step, never as a percentage
        assert steps == [(None, "Checking the project file for damage: every encrypted page "
                                "(step 1 of 2)")]  # fmt: skip
        assert issued_state(project) == state
    finally:
        project.close()
    assert files_in(out) == []
    assert digest(damaged_demo) == before


def test_a_damaged_page_stops_a_participant_copy(damaged_demo: Path, tmp_path: Path):
    before = digest(damaged_demo)
    project = open_project(damaged_demo, PASSPHRASE)
    try:
        person = next(p for p in project.participants.list() if p.pseudonym == "P-01")
        audit = project.info()["audit_entries"]
        steps = []
        with pytest.raises(DamagedProjectError, match=names_verify(damaged_demo)):
            project.consent.participant_copy(person.id, tmp_path / "copy.pdf",
                                             lambda n, total, text: steps.append((n, total)))
        assert steps == [(0, 2)]
        assert project.info()["audit_entries"] == audit
    finally:
        project.close()
    assert not (tmp_path / "copy.pdf").exists()
    assert digest(damaged_demo) == before


def test_a_damaged_page_stops_a_clip_export(damaged_demo: Path, tmp_path: Path):
    before = digest(damaged_demo)
    project = open_project(damaged_demo, PASSPHRASE)
    try:
        clip = next(c for c in project.radio.clips() if c.has_audio)
        with pytest.raises(DamagedProjectError, match=names_verify(damaged_demo)):
            project.radio.export(clip, tmp_path / "clip.wav")
    finally:
        project.close()
    assert files_in(tmp_path) == [damaged_demo.name]
    assert digest(damaged_demo) == before


def test_a_whole_file_passes_the_check_with_two_steps(demo_path: Path, tmp_path: Path):
    project = open_project(demo_path, PASSPHRASE)
    try:
        assert project.damage is None
        person = next(p for p in project.participants.list() if p.pseudonym == "P-01")
        steps = []
        project.consent.participant_copy(person.id, tmp_path / "copy.pdf",
                                         lambda n, total, text: steps.append((n, total, text)))
        assert [(n, total) for n, total, _text in steps] == [(0, 2), (1, 2), (2, 2)]
        assert "every encrypted page" in steps[0][2] and "structure" in steps[1][2]
    finally:
        project.close()
    assert (tmp_path / "copy.pdf").read_bytes().startswith(b"%PDF")


def test_opening_reports_a_damaged_page_of_records(demo_path: Path):
    flip(demo_path, table_page(demo_path, PASSPHRASE, "anonymise_terms"))
    before = digest(demo_path)
    project = open_project(demo_path, PASSPHRASE)
    try:
        assert isinstance(project.damage, DamagedProjectError)
        message = str(project.damage)
        assert "may be damaged" in message and f'coprod-desktop verify "{demo_path}"' in message
    finally:
        project.close()
    assert digest(demo_path) == before
