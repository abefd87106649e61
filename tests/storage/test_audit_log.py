"""The audit log is append-only, hash-chained, and verify notices tampering."""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2

from coprod_desktop.domain.participants import Participant
from coprod_desktop.services.verify import verify
from coprod_desktop.storage import audit_repo


def test_every_change_is_chained(project):
    project.participants.save(Participant(project.participants.draft().id, "P-01"))
    entries = list(audit_repo.entries(project.file.db))
    assert [e.action for e in entries] == [
        "project.created",
        "consent_form.added",
        "signposting.defaults_added",
        "participant.added",
    ]
    assert entries[3].prev_hash == entries[2].hash
    assert entries[0].actor == "tester"
    assert verify(project.file).ok


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_rows_cannot_be_changed_or_removed(project, sql):
    before = audit_repo.count(project.file.db)
    with pytest.raises(dbapi2.IntegrityError, match="append-only"):
        project.file.db.execute(sql)
    assert audit_repo.count(project.file.db) == before


def test_tampering_with_triggers_dropped_is_detected(project):
    project.participants.save(Participant(project.participants.draft().id, "P-01"))
    db = project.file.db
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")
    report = verify(project.file)
    assert not report.ok
    chain = next(c for c in report.checks if c.name == "audit log chain")
    assert chain.problems == ["entry 1: contents changed after it was written"]


def test_real_names_never_reach_the_audit_log(project):
    project.participants.save(
        Participant(project.participants.draft().id, "P-01", "Margaret O'Neill", ("Maggie",))
    )
    text = " ".join(str(e) for e in audit_repo.entries(project.file.db))
    assert "Margaret" not in text and "Maggie" not in text
    assert "P-01" in text
