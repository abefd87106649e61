"""Numbered migrations: the checked-in v1 fixture opens; upgrades back the file up first."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from coprod_desktop.anonymise import Pseudonymiser
from coprod_desktop.services.project import open_project
from coprod_desktop.storage import combine_repo
from coprod_desktop.storage.connection import open_project_file
from coprod_desktop.storage.migrations import CURRENT_VERSION, MIGRATIONS
from tests.helpers import digest

FIXTURES = Path(__file__).parent.parent / "fixtures"
V1_PASSPHRASE = "fixture-passphrase-v1"


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "project_v1.coprod"
    shutil.copy2(FIXTURES / "project_v1.coprod", path)
    return path


def test_v1_fixture_opens_with_its_contents(v1_copy: Path):
    project = open_project(v1_copy, V1_PASSPHRASE)
    try:
        assert project.name == "Fixture v1"
        people = {p.pseudonym: p for p in project.participants.list()}
        assert sorted(people) == ["P-01", "P-02", "P-03"]
        assert people["P-01"].aliases == ("Maggie",)
        assert people["P-03"].organisation == "Trading Standards"
        sessions = {s.title: s for s in project.sessions.list()}
        assert sessions["Radio lab one"].participant_ids == {
            people["P-01"].id,
            people["P-02"].id,
        }
        assert project.info()["schema_version"] == CURRENT_VERSION
        backup = project.file.migration_backup
        assert backup is not None and backup.name.startswith("project_v1.coprod.v1-")
    finally:
        project.close()


def test_upgrade_makes_a_backup_first_and_keeps_data(v1_copy: Path):
    original = digest(v1_copy)
    newer = [*MIGRATIONS, ["ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT ''"]]
    with open_project_file(v1_copy, V1_PASSPHRASE, migrations=newer) as pf:
        assert pf.migration_backup is not None
        assert pf.db.execute("PRAGMA user_version").fetchone()[0] == len(newer)
        assert "notes" in pf.db["sessions"].columns_dict
        assert pf.db["sessions"].count == 2
        backup = pf.migration_backup
    assert backup.parent == v1_copy.parent and backup.name.endswith(".bak")
    assert digest(backup) == original  # the backup is the file exactly as it was
    from sqlcipher3 import dbapi2

    old = dbapi2.connect(str(backup))
    old.execute(f"PRAGMA key = '{V1_PASSPHRASE}'")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_failed_migration_rolls_back(v1_copy: Path):
    from coprod_desktop.storage.migrations import dbapi2

    broken = [*MIGRATIONS, ["CREATE TABLE fine (id TEXT PRIMARY KEY)", "THIS IS NOT SQL"]]
    with pytest.raises(dbapi2.OperationalError):
        open_project_file(v1_copy, V1_PASSPHRASE, migrations=broken)
    with open_project_file(v1_copy, V1_PASSPHRASE) as pf:
        # each migration is its own transaction: those before the broken one stay applied
        assert pf.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert "fine" not in pf.db.table_names()


def test_every_migration_is_a_list_of_statements():
    for number, statements in enumerate(MIGRATIONS, start=1):
        assert statements, f"migration {number} is empty"
        assert all(callable(s) or (isinstance(s, str) and s.strip()) for s in statements)


def test_v2_fixture_opens_with_consent(tmp_path: Path):
    from coprod_desktop.domain import consent as c

    path = tmp_path / "project_v2.coprod"
    shutil.copy2(FIXTURES / "project_v2.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        people = {p.pseudonym: p.id for p in project.participants.list()}
        p01, p02 = project.consent.history(people["P-01"]), project.consent.history(people["P-02"])
        assert c.may_record_audio(p01) and c.may_quote(p01)
        assert not c.may_record_audio(p02)
        assert not c.may_quote(p02)  # withdrew from future packs
        assert c.may_take_part(p02)
    finally:
        project.close()


def test_v3_fixture_opens_with_its_board(tmp_path: Path):
    path = tmp_path / "project_v3.coprod"
    shutil.copy2(FIXTURES / "project_v3.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        (board,) = project.boards.boards()
        notes = {n.text: n for n in project.boards.notes(board.id)}
        assert notes["Fixture safeguarding note"].safeguarding
        assert notes["Fixture note by P-01"].theme_id is not None
        (voting,) = project.boards.rounds(board.id)
        assert project.boards.tallies(voting.id) is None  # not revealed
    finally:
        project.close()


def test_v4_fixture_opens_with_its_clip_and_an_unfinished_take(tmp_path: Path):
    from coprod_desktop.audio import levels

    path = tmp_path / "project_v4.coprod"
    shutil.copy2(FIXTURES / "project_v4.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        (clip,) = project.radio.clips()
        assert clip.title == "Fixture clip" and clip.duration_ms == 1000
        assert clip.edits.bleeps == ((200, 400),) and clip.transcript == "[0:00.2] Fixture words"
        (theme,) = clip.themes
        assert theme in {t.id for b in project.boards.boards() for t in project.boards.themes(b.id)}
        (pending,) = project.radio.unfinished()
        recovered = project.radio.recover(pending["id"])
        assert recovered.duration_ms == 1000  # the committed second; the half in memory was lost
        pcm = project.radio.source(recovered).raw_data
        assert abs(levels.dominant_frequency(pcm, 48000) - 660) < 5
    finally:
        project.close()


def test_v5_fixture_keeps_its_anonymising_decisions(tmp_path: Path):
    path = tmp_path / "project_v5.coprod"
    shutil.copy2(FIXTURES / "project_v5.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        service = project.anonymise
        assert [t for _i, t, k in service.terms("deny")] == ["Tam's Corner Shop"]
        assert [t for _i, t, _k in service.terms("allow")] == ["Davie"]
        findings = {f.detection.text: f.decision for f in service.review(service.material())}
        assert findings["07700 900123"] == "accept"
    finally:
        project.close()


def test_v6_fixture_keeps_its_disclosure_log(tmp_path: Path):
    path = tmp_path / "project_v6.coprod"
    shutil.copy2(FIXTURES / "project_v6.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        [pack] = project.packs.packs()
        assert pack["audience"] == "Trading Standards" and len(pack["sha256"]) == 64
        items, people = project.packs.contents(pack["id"])
        assert sorted(kind for kind, _id in items) == ["clip", "note", "note"]
        assert [pseudonym for _id, pseudonym, _n in people] == ["P-01"]
        lab = next(s for s in project.sessions.list() if s.title == "Radio lab one")
        assert lab.group_agreement
        assert project.consent.packs_containing(people[0][0])[0]["id"] == pack["id"]
    finally:
        project.close()


def test_v7_fixture_keeps_its_risk_log(tmp_path: Path):
    path = tmp_path / "project_v7.coprod"
    shutil.copy2(FIXTURES / "project_v7.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        log = project.risk_log
        [risk] = log.risks()
        assert (risk.description, risk.likelihood, risk.status.value) == (
            "Fixture risk", 2, "mitigated")  # fmt: skip
        assert [r.note for r in log.reviews(risk.id)] == ["", "Fixture review"]
        assert [b.description for b in log.barriers()] == ["Fixture barrier"]
        assert [o.text for o in log.outcomes()] == ["Fixture outcome"]
        assert log.measures()[0].counts == (0, 1, 0, 2, 0)
        assert log.self_checks()[0].average == 3.0
        assert project.info()["open_risks"] == 0
    finally:
        project.close()


def _raw(path: Path):
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{V1_PASSPHRASE}'")
    return conn


@pytest.mark.parametrize("tampered", [False, True], ids=["intact", "tampered before"])
def test_v8_re_chains_the_audit_log_and_records_the_old_head(tmp_path: Path, tampered):
    from coprod_desktop.services.verify import verify
    from coprod_desktop.storage import audit_repo

    path = tmp_path / "project_v7.coprod"
    shutil.copy2(FIXTURES / "project_v7.coprod", path)
    conn = _raw(path)
    if tampered:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
    old_head = conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    conn.close()
    project = open_project(path, V1_PASSPHRASE)
    try:
        entries = list(audit_repo.entries(project.file.db))
        note = next(e for e in entries if e.action == "audit.rechained")
        assert note.details["previous_head"] == old_head
        assert note.details["entries_not_intact_before"] == ([2] if tampered else [])
        assert all(e.salt and e.actor_digest for e in entries)
        checks = {c.name: c for c in verify(project.file).checks}
        assert checks["audit log chain"].ok
    finally:
        project.close()


def test_v8_fixture_opens_with_its_chain_intact(tmp_path: Path):
    from coprod_desktop.services.verify import verify

    path = tmp_path / "project_v8.coprod"
    shutil.copy2(FIXTURES / "project_v8.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        assert [r.description for r in project.risk_log.risks()] == ["Fixture risk"]
        assert all(c.ok for c in verify(project.file).checks if c.name.startswith("audit"))
    finally:
        project.close()


def test_v9_fixture_keeps_a_someone_else_answer(tmp_path: Path):
    """Version 9 lets a registered person's name be someone else's: the v8 fixture's "Maggie"
    was answered so, and the note leaves with "[Person A]", not P-01."""
    path = tmp_path / "project_v9.coprod"
    shutil.copy2(FIXTURES / "project_v9.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        findings = project.anonymise.review(project.anonymise.material())
        maggie = next(f for f in findings if f.detection.text == "Maggie")
        assert maggie.decision == "other"
        text = project.anonymise.anonymised(maggie.item, findings, Pseudonymiser())
        assert "[Person A]" in text and "P-01" not in text and "Maggie" not in text
    finally:
        project.close()


def test_v10_fixture_keeps_its_programme_and_credit(tmp_path: Path):
    """Version 10 adds programmes and a consent record's credit name."""
    path = tmp_path / "project_v10.coprod"
    shutil.copy2(FIXTURES / "project_v10.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        programme = project.programmes.find()
        assert (programme.title, programme.show_notes) == ("Fixture programme", "Fixture notes.")
        assert [i.title for i in programme.items] == ["Fixture clip", "Pause"]
        assert project.programmes.credits(programme) == "Made by: Maggie on the mic (presenter)"
        assert project.consent.current_form().version == 2
    finally:
        project.close()


def test_v11_fixture_keeps_its_action(tmp_path: Path):
    """Version 11 adds actions, their partners' responses and the evidence they answer."""
    path = tmp_path / "project_v11.coprod"
    shutil.copy2(FIXTURES / "project_v11.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        [action] = project.actions.list()
        assert (action.text, action.organisation, action.status.value) == (
            "Fixture action", "Trading Standards", "in_progress")
        assert [(r.on.isoformat(), r.text) for r in action.responses] == [
            ("2026-12-01", "Fixture response")]
        assert [text for _kind, _id, text in project.actions.evidence(action)] == ["Money"]
    finally:
        project.close()


def test_v12_fixture_keeps_its_safeguarding_signposting_reciprocity_and_retention(tmp_path: Path):
    """Version 12 adds flags on clips and sessions, the safeguarding log, signposting, the
    reciprocity ledger and the retention policy."""
    path = tmp_path / "project_v12.coprod"
    shutil.copy2(FIXTURES / "project_v12.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        [session] = [s for s in project.sessions.list() if s.title == "Radio lab one"]
        assert session.safeguarding_lead == "Fixture lead"
        [clip] = [c for c in project.radio.clips() if c.title == "Fixture clip"]
        assert [(r.start_ms, r.end_ms, r.flag) for r in clip.ranges] == [
            (100, 600, "safeguarding")]
        [concern] = project.safeguarding.list()
        assert (concern.what, concern.service) == ("Fixture concern", "Fixture service")
        assert [f.note for f in concern.follow_ups] == ["Fixture follow-up"]
        assert "Fixture local service" in [s.name for s in project.signposting.list()]
        [entry] = project.reciprocity.list()
        assert (entry.amount, entry.paper_reference) == (2000, "PR-1")
        policy = project.retention.policy()
        assert (policy.audio_months, policy.names_months, policy.material_months) == (6, 12, 24)
    finally:
        project.close()


def test_v13_fixture_keeps_its_word_timings_and_an_edit_carries_them_over(tmp_path: Path):
    """Version 13 adds word timings: numbers only, tied to the transcript's text."""
    path = tmp_path / "project_v13.coprod"
    shutil.copy2(FIXTURES / "project_v13.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        [clip] = [c for c in project.radio.clips() if c.title == "Fixture clip"]
        assert [(w.start_ms, w.end_ms) for w in clip.words] == [(200, 450), (None, None)]
        assert project.timings.made_by(clip.id) == ("fixture", False)
        project.radio.save_clip(replace(clip, transcript=clip.transcript + " and more"))
        again = project.radio.clip(clip.id)
        assert [(w.start_ms, w.end_ms) for w in again.words] == [
            (200, 450), (None, None), (None, None), (None, None)]
    finally:
        project.close()


def test_v14_fixture_remembers_what_was_deleted_and_forgets_it_when_put_back(tmp_path: Path):
    """Version 14 keeps the ids of deleted records, so that combining another file does not
    add them back; a record put back (undo) is no longer deleted."""
    path = tmp_path / "project_v14.coprod"
    shutil.copy2(FIXTURES / "project_v14.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        db = project.file.db
        removed = combine_repo.removed(db)
        assert ("notes", "fixture-deleted-note") in removed
        assert combine_repo.matches(db) == {} and combine_repo.kept(db) == {}
        [board] = project.boards.boards()
        [note] = [n for n in project.boards.notes(board.id) if "Maggie" in n.text]
        gone = project.boards.delete_notes([note.id])
        assert ("notes", note.id) in combine_repo.removed(db)
        project.boards.restore(gone)
        assert ("notes", note.id) not in combine_repo.removed(db)
    finally:
        project.close()


def test_v15_fixture_remembers_the_decisions_of_an_earlier_combine(tmp_path: Path):
    """Version 15 keeps whom the facilitator matched and which versions they declined."""
    path = tmp_path / "project_v15.coprod"
    shutil.copy2(FIXTURES / "project_v15.coprod", path)
    project = open_project(path, V1_PASSPHRASE)
    try:
        db = project.file.db
        maggie = next(p for p in project.participants.list() if p.pseudonym == "P-01")
        session = project.sessions.list()[0]
        assert combine_repo.matches(db) == {"fixture-other-person": maggie.id}
        assert combine_repo.kept(db) == {("sessions", session.id): "0123456789abcdef"}
    finally:
        project.close()


def test_a_version_14_file_gains_the_tables_of_version_15(tmp_path: Path):
    path = tmp_path / "project_v14.coprod"
    shutil.copy2(FIXTURES / "project_v14.coprod", path)
    file = open_project_file(path, V1_PASSPHRASE, MIGRATIONS[:14])
    tables = set(file.db.table_names())
    file.close()
    assert "removed_records" in tables and "matched_people" not in tables
    project = open_project(path, V1_PASSPHRASE)
    try:
        assert {"matched_people", "kept_here"} <= set(project.file.db.table_names())
    finally:
        project.close()


@pytest.mark.parametrize("version", range(1, CURRENT_VERSION + 1))
def test_every_fixture_brought_up_to_date_has_the_whole_schema(tmp_path: Path, version: int):
    """What `verify` compares a file with (the migrations run on an empty database) is what
    migrating a real file of every version gives."""
    from coprod_desktop.storage.migrations import missing_from_schema

    path = tmp_path / f"project_v{version}.coprod"
    shutil.copy2(FIXTURES / path.name, path)
    file = open_project_file(path, V1_PASSPHRASE)
    try:
        assert missing_from_schema(file.db.conn) == []
    finally:
        file.close()


def test_verify_names_what_is_missing_from_the_schema(project):
    from coprod_desktop.services.verify import verify

    project.file.db.execute("DROP TRIGGER notes_removed")
    project.file.db.execute("DROP TABLE kept_here")
    [check] = [c for c in verify(project.file).checks if not c.ok]
    assert check.problems == [
        f"the table kept_here is missing (version {CURRENT_VERSION} has it)",
        f"the trigger notes_removed is missing (version {CURRENT_VERSION} has it)"]
