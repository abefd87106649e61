"""Fixtures for the export tests: a project with one radio-lab clip and a long transcript."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coprod_desktop.services.packs import PackOptions
from tests.services.test_packs import person
from tests.services.test_radio import recorded, tone

AUDIENCE = "Trading Standards"
ISSUED = dt.datetime(2026, 11, 2, 10, 30, tzinfo=dt.timezone.utc)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: a test that takes tens of seconds (deselect with -m 'not slow')"
    )


@pytest.fixture
def clip_pack(project, tmp_path):
    """build(transcript) -> (the pack's result, its document): a pack for AUDIENCE from one
    clip whose speakers agreed to everything, every detection accepted."""
    speakers = [person(project, "Aisha Rahman"), person(project, "Bob Cairns")]
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    rid = recorded(project, speakers, tone(0.2), session.id)
    clip = project.radio.add_recorded(rid, "Interview: the corner shop")

    def build(transcript: str, name: str = "pack.pdf"):
        project.radio.save_clip(replace(project.radio.clip(clip.id), transcript=transcript))
        options = PackOptions(AUDIENCE)
        project.anonymise.accept_all(project.packs.plan(options).findings)
        result = project.packs.build(options, tmp_path / name)
        plan = project.packs.plan(options)
        return result, project.packs.document(plan, result.pack_id, ISSUED)

    return build
