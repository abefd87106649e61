"""Consent use cases on real encrypted projects, including erasure checked on raw bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlcipher3 import dbapi2

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import ConsentRecord, Method, Scope, Status
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import AgeBand, Participant
from coprod_desktop.services.project import open_project
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.errors import ConflictError
from tests.conftest import PASSPHRASE
from tests.sqlcipher_pages import decrypted_pages, raw_key

UTC = dt.timezone.utc
PNG = b"\x89PNG\r\n\x1a\n" + b"signature-pixels" * 50


def add_person(project, **kw) -> Participant:
    draft = project.participants.draft()
    return project.participants.save(replace(draft, **kw))


def consent_for(project, person, at=None, method=Method.SIGNATURE, **overrides) -> ConsentRecord:
    form = project.consent.current_form()
    decisions = {i.key: i.key != c.CREDIT for i in form.items}  # nobody credited by default
    decisions.update(overrides.pop("decisions", {}))
    partners = overrides.pop("partner_decisions", {p: True for p in form.partners})
    return ConsentRecord(
        id="",
        participant_id=person.id,
        form_id=form.id,
        form_version=form.version,
        form_hash=form.content_hash,
        given_at=at or dt.datetime(2026, 9, 12, 10, tzinfo=UTC),
        method=method,
        decisions=decisions,
        partner_decisions=partners,
        **overrides,
    )


def test_new_project_has_the_default_form(project):
    form = project.consent.current_form()
    assert form.version == 1 and len(form.items) == 7
    assert project.consent.ensure_default_form() == form


def test_editing_the_form_makes_a_new_version_records_keep_theirs(project):
    person = add_person(project)
    v1 = project.consent.current_form()
    first = project.consent.record(consent_for(project, person), {"signature": ("image/png", PNG)})
    items = (*v1.items, c.ConsentItem(c.key_for("Photos may be taken", []), "Photos may be taken"))
    v2 = project.consent.save_form(replace(v1, items=items, partners=(*v1.partners, "Housing")))
    assert v2.version == 2 and v2.id != v1.id and v2.content_hash != v1.content_hash
    assert project.consent.save_form(v2) == v2  # unchanged: no new version
    history = project.consent.history(person.id)
    assert history.latest().form_id == v1.id == first.form_id
    assert history.forms[v1.id].content_hash == first.form_hash  # shown later exactly as it was
    assert [f.version for f in project.consent.forms()] == [1, 2]


def test_record_needs_signature_image_for_signature_method(project):
    person = add_person(project)
    with pytest.raises(ValidationError, match="sign"):
        project.consent.record(consent_for(project, person))


def test_every_change_is_a_new_record_with_audit(project):
    person = add_person(project)
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann"))
    later = dt.datetime(2026, 10, 1, tzinfo=UTC)
    project.consent.record(consent_for(project, person, at=later, method=Method.PAPER,
                                       paper_reference="PF-0042",
                                       decisions={c.AUDIO: False}))  # fmt: skip
    history = project.consent.history(person.id)
    assert len(history.records) == 2
    assert not c.may_record_audio(history)
    assert c.may_record_audio(history, later - dt.timedelta(days=1))
    actions = [e.action for e in audit_repo.entries(project.file.db)]
    assert actions.count("consent.recorded") == 2


def test_under_16_guardian_and_stored_attachments(project):
    child = add_person(project, age_band=AgeBand.UNDER_16)
    with pytest.raises(ValidationError, match="guardian"):
        project.consent.record(consent_for(project, child, method=Method.VERBAL, witness="Ann"))
    rec = project.consent.record(
        consent_for(project, child, method=Method.VERBAL, witness="Ann",
                    guardian_name="Asha Sharma", guardian_relationship="Mother"),
        {"verbal_audio": ("audio/wav", b"RIFF....WAVEfmt ")},
    )  # fmt: skip
    assert rec.has_verbal_audio
    assert project.consent.attachment(rec.id, "verbal_audio") == ("audio/wav",
                                                                  b"RIFF....WAVEfmt ")  # fmt: skip


def test_participant_with_consent_cannot_be_deleted(project):
    person = add_person(project)
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann"))
    with pytest.raises(ConflictError, match="withdrawal"):
        project.participants.delete(person.id)


def test_counts_per_item_and_status(project):
    a, b, _ = add_person(project), add_person(project), add_person(project)
    project.consent.record(consent_for(project, a, method=Method.VERBAL, witness="Ann"))
    project.consent.record(consent_for(project, b, method=Method.VERBAL, witness="Ann",
                                       decisions={c.AUDIO: False}))  # fmt: skip
    project.consent.withdraw(a.id, Scope.FUTURE_PACKS)
    counts = project.consent.counts()
    assert counts[c.AUDIO] == {"agreed": 1, "declined": 1, "not_asked": 1}
    assert counts[c.QUOTE] == {"withdrawn": 1, "agreed": 1, "not_asked": 1}
    assert project.info()["consent"] == counts


def test_withdrawal_lists_packs_already_issued(project):
    person, other = add_person(project), add_person(project)
    db = project.file.db
    db["packs"].insert_all([
        {"id": "pack-1", "audience": "Trading Standards", "issued_at": "2026-10-01T10:00:00+00:00"},
        {"id": "pack-2", "audience": "Health board", "issued_at": "2026-10-05T10:00:00+00:00"},
    ])  # fmt: skip
    db["disclosures"].insert_all([
        {"id": "d1", "pack_id": "pack-1", "participant_id": person.id, "item_kind": "note",
         "item_id": "n1"},
        {"id": "d2", "pack_id": "pack-1", "participant_id": person.id, "item_kind": "note",
         "item_id": "n2"},
        {"id": "d3", "pack_id": "pack-2", "participant_id": other.id, "item_kind": "note",
         "item_id": "n3"},
    ])  # fmt: skip
    result = project.consent.withdraw(person.id, Scope.FUTURE_PACKS)
    assert [(p["id"], p["audience"], p["items"]) for p in result.packs_already_issued] == [
        ("pack-1", "Trading Standards", 2)
    ]
    assert project.consent.packs_containing(other.id)[0]["id"] == "pack-2"


SECRETS = [b"Quintessa", b"O'Neillzz", b"Maggiequx", b"Zebedee Guardianson",
           b"worried about her brother's debts", b"PF-98765"]  # fmt: skip


def test_withdrawing_everything_erases_from_raw_bytes(project):
    path = project.path
    person = add_person(project, pseudonym="P-07", real_name="Quintessa O'Neillzz",
                        aliases=("Maggiequx",), age_band=AgeBand.UNDER_16)  # fmt: skip
    add_person(project, real_name="Kept Personname")
    project.consent.record(
        consent_for(project, person, method=Method.PAPER, paper_reference="PF-98765",
                    guardian_name="Zebedee Guardianson", guardian_relationship="Uncle",
                    capacity_concern="worried about her brother's debts"),
        {"paper_scan": ("image/png", PNG)},
    )  # fmt: skip
    project.file.checkpoint()
    before = decrypted_pages(path, PASSPHRASE)
    for secret in SECRETS:  # the method really sees data (the test could otherwise not fail)
        assert secret in before, secret
    assert b"signature-pixels" in before

    result = project.consent.withdraw(person.id, Scope.EVERYTHING)
    assert result.erased["identity"] == 1 and result.erased["consent evidence"] == 1
    wal = path.with_name(path.name + "-wal")
    assert (
        not wal.exists()
        or wal.stat().st_size == 0
        or not any(s in wal.read_bytes() for s in SECRETS)
    )
    project.close()

    after = decrypted_pages(path, PASSPHRASE)
    raw = path.read_bytes()
    for secret in [*SECRETS, b"signature-pixels"]:
        assert secret not in after, secret
        assert secret not in raw, secret
    assert b"Kept Personname" in after  # only this person's data went
    assert not wal.exists() or wal.stat().st_size == 0

    # The encrypted file, opened with the raw key rather than the passphrase.
    conn = dbapi2.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{raw_key(path, PASSPHRASE).hex()}'\"")
    row = conn.execute("SELECT pseudonym, real_name, aliases FROM participants "
                       "WHERE id = ?", [person.id]).fetchone()  # fmt: skip
    assert row == ("P-07", "", "[]")
    assert conn.execute("SELECT scope FROM withdrawals").fetchall() == [("everything",)]
    conn.close()

    reopened = open_project(path, PASSPHRASE)
    try:
        history = reopened.consent.history(person.id)
        assert len(history.records) == 1 and not history.records[0].has_scan
        assert c.item_status(history, c.TAKE_PART) is Status.WITHDRAWN
        assert not c.may_take_part(history)
        actions = [e.action for e in audit_repo.entries(reopened.file.db)]
        assert actions[-1] == "consent.withdrawn"
    finally:
        reopened.close()


def test_withdrawing_audio_only_erases_recordings_keeps_the_rest(project):
    person = add_person(project, real_name="Audio Person")
    rec = project.consent.record(
        consent_for(project, person, method=Method.VERBAL, witness="Ann"),
        {"verbal_audio": ("audio/wav", b"RIFF-secret-voice-bytes")},
    )
    result = project.consent.withdraw(person.id, Scope.AUDIO_ONLY)
    assert result.erased == {"consent recordings": 1, "recordings": 0}
    assert project.consent.attachment(rec.id, "verbal_audio") is None
    assert project.participants.get(person.id).real_name == "Audio Person"
    history = project.consent.history(person.id)
    assert not c.may_record_audio(history) and c.may_quote(history)
    project.close()
    assert b"RIFF-secret-voice-bytes" not in decrypted_pages(project.path, PASSPHRASE)


def test_refusals_say_who_and_which_item(project):
    yes, no_audio, nobody = add_person(project), add_person(project), add_person(project)
    project.consent.record(consent_for(project, yes, method=Method.VERBAL, witness="Ann"))
    project.consent.record(consent_for(project, no_audio, method=Method.VERBAL, witness="Ann",
                                       decisions={c.AUDIO: False}))  # fmt: skip
    ids = [yes.id, no_audio.id, nobody.id]
    assert project.consent.refusals(ids, c.may_record_audio) == [
        f"{no_audio.pseudonym}: Declined: Audio recording.",
        f"{nobody.pseudonym}: No consent is recorded yet (Audio recording).",
    ]
    assert project.consent.refusals([yes.id], c.may_share_with, "Trading Standards") == []
    assert project.consent.refusals([yes.id], c.may_share_with, "Revenue service") == [
        f"{yes.pseudonym}: Revenue service is not named on the consent form they agreed to."
    ]


def test_a_project_made_before_credits_gets_the_question_on_a_new_form_version(project):
    current = project.consent.current_form()
    older = replace(current, items=tuple(i for i in current.items if i.key != c.CREDIT))
    old = project.consent.save_form(older)
    assert old.item(c.CREDIT) is None
    person = add_person(project, pseudonym="P-40")
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann"))

    upgraded = project.consent.ensure_default_form()  # what opening the project does
    assert upgraded.version == old.version + 1 and upgraded.item(c.CREDIT) is not None
    assert project.consent.ensure_default_form() == upgraded  # once only
    assert project.consent.history(person.id).latest().form_version == old.version
    assert c.credit_name(project.consent.history(person.id)) == ""
    entry = list(audit_repo.entries(project.file.db))[-1]
    assert entry.action == "consent_form.versioned" and entry.details["added"] == c.CREDIT


def test_withdrawing_everything_erases_the_credit_name(project):
    person = add_person(project, pseudonym="P-41")
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann",
                                       decisions={c.CREDIT: True}, credit_name="Big Sal"))
    assert c.credit_name(project.consent.history(person.id)) == "Big Sal"
    project.consent.withdraw(person.id, Scope.EVERYTHING, dt.datetime.now(UTC))
    history = project.consent.history(person.id)
    assert c.credit_name(history) == "" and history.latest().credit_name == ""
