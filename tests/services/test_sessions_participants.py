"""Session and participant use cases against a real encrypted project."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import Participant, Role
from coprod_desktop.domain.sessions import SessionFormat
from coprod_desktop.services.project import open_project
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.errors import ConflictError
from tests.conftest import PASSPHRASE


def person(project, pseudonym="", **kw):
    draft = project.participants.draft()
    return project.participants.save(replace(draft, pseudonym=pseudonym or draft.pseudonym, **kw))


def session(project, title="Radio lab", attendees=(), **kw):
    draft = project.sessions.draft(dt.date(2026, 9, 12))
    return project.sessions.save(
        replace(draft, title=title, participant_ids=frozenset(a.id for a in attendees), **kw)
    )


def test_draft_pseudonyms_count_up(project):
    assert project.participants.draft().pseudonym == "P-01"
    person(project)
    person(project, "Zed")
    assert project.participants.draft().pseudonym == "P-02"


def test_saved_data_survives_reopening(project):
    maggie = person(project, real_name="Margaret O'Neill", aliases=("Maggie", "Mags"))
    partner = person(project, role=Role.PARTNER, organisation="Trading Standards")
    s = session(
        project,
        attendees=[maggie, partner],
        venue="Hall",
        format=SessionFormat.RADIO_LAB,
        facilitators=("Ann",),
        partner_organisations=("Trading Standards",),
    )
    path = project.path
    project.close()
    reopened = open_project(path, PASSPHRASE)
    try:
        assert reopened.participants.get(maggie.id) == maggie
        assert reopened.sessions.get(s.id) == s
        assert reopened.sessions.list()[0].participant_ids == {maggie.id, partner.id}
    finally:
        reopened.close()


def test_pseudonyms_are_unique_ignoring_case(project):
    person(project, "P-01")
    with pytest.raises(ValidationError, match="already used"):
        person(project, "p-01")


def test_edit_keeps_identity_and_is_audited(project):
    p = person(project, "P-01")
    project.participants.save(replace(p, pseudonym="Blue"))
    assert [x.pseudonym for x in project.participants.list()] == ["Blue"]
    actions = [e.action for e in audit_repo.entries(project.file.db)]
    assert actions[-2:] == ["participant.added", "participant.updated"]


def test_delete_and_restore_participant_keeps_attendance(project):
    a, b = person(project), person(project)
    s = session(project, attendees=[a, b])
    removed = project.participants.delete(a.id)
    assert project.sessions.get(s.id).participant_ids == {b.id}
    project.participants.restore(removed)
    assert project.sessions.get(s.id).participant_ids == {a.id, b.id}
    with pytest.raises(ConflictError):
        project.participants.delete("no-such-id")


def test_delete_and_restore_session(project):
    a = person(project)
    s = session(project, attendees=[a])
    removed = project.sessions.delete(s.id)
    assert project.sessions.list() == []
    assert project.sessions.restore(removed) == s


def test_session_with_unknown_attendee_is_refused(project):
    draft = project.sessions.draft()
    with pytest.raises(ValidationError, match="no longer in the project"):
        project.sessions.save(replace(draft, title="x", participant_ids=frozenset({"ghost"})))


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold</b> & <font name='x'>markup</font> <para>",
        "Robert'); DROP TABLE sessions;--",
        "emoji 🎙️ and RTL עברית and Polish Żółć",
        "line\nbreaks\tand\ttabs",
    ],
)
def test_strange_text_is_stored_exactly(project, text):
    s = session(project, title="Odd title", venue=text)
    assert project.sessions.get(s.id).venue == text.strip()


def test_huge_text_is_stored(project):
    s = session(project, venue="v" * 1_000_000)
    assert len(project.sessions.get(s.id).venue) == 1_000_000


def test_info_counts(project):
    person(project)
    person(project, role=Role.FACILITATOR)
    session(project)
    info = project.info()
    assert info["sessions"] == 1 and info["participants"] == 2
    assert info["participants_by_role"] == {"community_member": 1, "facilitator": 1}
    assert info["audit_entries"] == 6  # created, default consent form, signposting, 3 changes


def test_demo_project_is_realistic_and_verifies(demo_path):
    from coprod_desktop.services.verify import verify

    project = open_project(demo_path, PASSPHRASE)
    try:
        info = project.info()
        assert info["sessions"] >= 4 and info["participants"] >= 15
        assert set(info["participants_by_role"]) == {
            "community_member",
            "partner_representative",
            "facilitator",
        }
        formats = {s.format for s in project.sessions.list()}
        assert formats == set(SessionFormat)
        assert all(s.participant_ids for s in project.sessions.list())
        assert verify(project.file).ok
        counts = info["consent"]
        assert counts["audio_recording"]["declined"] >= 1
        assert counts["take_part"]["withdrawn"] == 1
        histories = project.consent.histories()
        people = {p.pseudonym: p for p in project.participants.list()}
        young = histories[people["P-08"].id].latest()
        assert young.guardian_name and young.method.value == "verbal"
        from coprod_desktop.domain import consent as c

        assert not c.may_share_with(histories[people["P-03"].id], "Police Scotland")
        assert c.may_share_with(histories[people["P-03"].id], "Trading Standards")
        assert people["P-10"].real_name == ""  # withdrew everything: erased
    finally:
        project.close()


def test_participant_validation_reaches_the_service(project):
    with pytest.raises(ValidationError):
        project.participants.save(Participant(project.participants.draft().id, ""))


def test_a_use_case_holds_the_write_lock_from_its_start(project):
    """What a use case reads before it writes cannot be changed under it by another connection
    (a background job, the recorder): that connection waits for it, and the use case never
    fails halfway with "database is locked" because someone wrote after it read."""
    from coprod_desktop.storage.sqlite import dbapi2

    other = project.file.connect_again()
    other.execute("PRAGMA busy_timeout = 50")
    try:
        with project.sessions.write():
            project.sessions.list()  # read first
            with pytest.raises(dbapi2.OperationalError, match="locked"):
                other.execute("INSERT INTO removed_records (kind, id) VALUES ('x', 'y')")
            project.participants.save(project.participants.draft())  # then write: no error
    finally:
        other.close()
    assert len(project.participants.list()) == 1
