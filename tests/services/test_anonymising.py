"""Anonymising on real encrypted projects: material in scope, decisions remembered (without
keeping the detected text), deny/allow lists, consistent pseudonyms, transcript bleeps."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from coprod_desktop.anonymise import Pseudonymiser
from coprod_desktop.domain.board import Note
from coprod_desktop.domain.errors import ValidationError
from tests.conftest import PASSPHRASE
from tests.services.test_radio import recorded, tone
from tests.sqlcipher_pages import decrypted_pages


@pytest.fixture
def setup(project):
    maggie = project.participants.save(replace(project.participants.draft(),
                                               real_name="Margaret O'Neill",
                                               aliases=("Maggie",)))  # fmt: skip
    from coprod_desktop.domain.consent import Method
    from tests.services.test_consent_service import consent_for

    project.consent.record(consent_for(project, maggie, method=Method.VERBAL, witness="Ann"))
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    board = project.boards.create_board(session.id, "Wall")
    texts = ["Maggie's neighbour Davie sells them", "Call 07700 900123 for cheap baccy",
             "Prices up again", "Safeguarding: Tam at 14 Paisley Road"]  # fmt: skip
    notes = [project.boards.add_note(Note("", board.id, t, safeguarding=t.startswith("Safe")))
             for t in texts]  # fmt: skip
    return project, maggie, session, notes


def test_material_leaves_out_safeguarding_notes(setup):
    project, _maggie, session, _notes = setup
    items = project.anonymise.material()
    assert (items[0].source_type, items[0].text) == ("session", "Workshop")
    assert [i.text for i in items if i.source_type == "note"] == [
        "Maggie's neighbour Davie sells them",
        "Call 07700 900123 for cheap baccy",
        "Prices up again",
    ]
    assert project.anonymise.material(["no-such-session"]) == []
    assert len(project.anonymise.material([session.id])) == 4


def test_decisions_are_remembered_without_storing_the_names(setup):
    project, _maggie, _session, _notes = setup
    findings = project.anonymise.review(project.anonymise.material())
    assert {(f.detection.text, f.detection.kind) for f in findings} == {
        ("Maggie", "person"),
        ("Davie", "person"),
        ("07700 900123", "phone"),
    }
    assert project.anonymise.undecided(findings) == 3
    davie = next(f for f in findings if f.detection.text == "Davie")
    project.anonymise.decide(davie, "reject")
    again = project.anonymise.review(project.anonymise.material())
    assert next(f for f in again if f.detection.text == "Davie").decision == "reject"
    assert project.anonymise.undecided(again) == 2
    pseudo = Pseudonymiser()
    item = davie.item
    assert project.anonymise.anonymised(item, again, pseudo) == (
        "P-01's neighbour Davie sells them"
    )
    rows = project.file.db.execute("SELECT * FROM anonymise_decisions").fetchall()
    assert len(rows) == 1 and "Davie" not in repr(rows)


def test_edited_text_makes_old_decisions_stale(setup):
    project, _m, _s, notes = setup
    findings = project.anonymise.review(project.anonymise.material())
    for f in findings:
        project.anonymise.decide(f, "accept")
    project.boards.update_note(replace(notes[0], text="Maggie's neighbour Dave sells them"))
    again = project.anonymise.review(project.anonymise.material())
    assert [f.detection.text for f in again if f.decision is None] == ["Dave"]


def test_deny_and_allow_lists(setup):
    project, *_ = setup
    project.anonymise.add_term("cheap baccy", "deny", "address")
    allow_id = project.anonymise.add_term("Davie", "allow")
    texts = {f.detection.text for f in project.anonymise.review(project.anonymise.material())}
    assert "cheap baccy" in texts and "Davie" not in texts
    project.anonymise.remove_term(allow_id)
    assert [t for _i, t, _k in project.anonymise.terms("allow")] == []
    with pytest.raises(ValidationError):
        project.anonymise.add_term("   ", "deny")


def test_auto_accept_decides_everything(setup):
    project, *_ = setup
    findings = project.anonymise.review(project.anonymise.material())
    assert project.anonymise.accept_all(findings) == 3
    assert project.anonymise.undecided(project.anonymise.review(
        project.anonymise.material())) == 0  # fmt: skip


def test_a_transcript_detection_becomes_a_bleep(setup):
    project, maggie, *_ = setup
    clip = project.radio.add_recorded(recorded(project, [maggie], tone(10.0)))
    project.radio.save_clip(replace(clip, transcript="[0:01.0] hello\n[0:04.5] Davie sold it "
                                    "to me [0:06.0] then left"))  # fmt: skip
    findings = project.anonymise.review(project.anonymise.material())
    davie = next(f for f in findings if f.item.source_type == "clip")
    _before, (start, end), exact = project.anonymise.bleep_from_transcript(davie)
    assert (start, end) == (4500, 6000) and not exact  # no word timings: timestamp to timestamp
    assert project.radio.clip(clip.id).edits.bleeps == ((4500, 6000),)
    note = next(f for f in findings if f.item.source_type == "note")
    with pytest.raises(ValidationError):
        project.anonymise.bleep_from_transcript(note)


def test_withdrawn_identity_is_no_longer_a_known_person(setup):
    project, maggie, *_ = setup
    from coprod_desktop.domain.consent import Scope

    assert [k.pseudonym for k in project.anonymise.known_people()] == ["P-01"]
    project.consent.withdraw(maggie.id, Scope.EVERYTHING)
    assert project.anonymise.known_people() == []
    path = project.path
    project.close()
    assert b"Margaret O'Neill" not in decrypted_pages(Path(path), PASSPHRASE)


def test_demo_needs_review_and_auto_accept_clears_it(demo_path):
    from coprod_desktop.services.project import open_project

    project = open_project(demo_path, PASSPHRASE)
    try:
        findings = project.anonymise.review(project.anonymise.material())
        assert findings and project.anonymise.undecided(findings) == len(findings)
        found = {(f.detection.kind, f.detection.text) for f in findings}
        assert {
            ("person", "Maggie"),
            ("person", "Gary"),
            ("phone", "07700 900461"),
            ("person", "Imran"),
            ("person", "Kyle"),
        } <= found
        assert project.anonymise.accept_all(findings) == len(findings)
    finally:
        project.close()


def test_a_shared_first_name_is_asked_about_and_someone_else_never_becomes_the_participant(
    setup,
):
    """'my neighbour Davie' must not silently become the registered Davie's pseudonym: the
    finding asks "is this P-02?", and "someone else" leaves as [Person A], not mentioned."""
    from coprod_desktop.services.pack_text import outgoing

    project, maggie, _session, notes = setup
    draft = project.participants.draft()
    davie = project.participants.save(replace(draft, real_name="David Brennan",
                                              aliases=("Davie",)))  # fmt: skip
    findings = project.anonymise.review(project.anonymise.material())
    found = next(f for f in findings if f.detection.text == "Davie")
    assert found.detection.person.id == davie.id
    assert found.detection.reason.startswith(f"is this {davie.pseudonym}?")
    project.anonymise.decide(found, "other")
    again = project.anonymise.review(project.anonymise.material())  # remembered for that place
    note = next(f for f in again if f.detection.text == "Davie")
    assert note.decision == "other"
    texts, mentions = outgoing(project.anonymise.material(), again,
                               frozenset({davie.id, maggie.id}))  # fmt: skip
    assert texts[("note", notes[0].id)] == "P-01's neighbour [Person A] sells them"
    assert all(pid != davie.id for pid, _kind, _id in mentions)
    with pytest.raises(ValidationError):
        phone = next(f for f in again if f.detection.kind == "phone")
        project.anonymise.decide(phone, "other")
