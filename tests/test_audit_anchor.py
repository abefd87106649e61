"""The audit log anchored outside the file: every pack and participant's copy carries the
log's head, and `verify --against` shows whether the project still holds it unchanged.
Attacks as a reviewer with the passphrase made them: triggers dropped, entries edited and the
chain re-hashed; the newest entries deleted; every entry deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from sqlcipher3 import dbapi2

from coprod_desktop.cli import main
from coprod_desktop.domain.audit import Anchor, AuditEntry
from tests.conftest import PASSPHRASE


@pytest.fixture
def issued(demo_path: Path, tmp_path: Path, monkeypatch) -> Path:
    """The demo project with a protected pack issued from it."""
    monkeypatch.setenv("COPROD_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PACK_PW", "partner-password")
    out = tmp_path / "pack.pdf"
    assert main(["pack", str(demo_path), "--audience", "Trading Standards", "--out", str(out),
                 "--auto-accept", "--pdf-password-env", "PACK_PW"]) == 0  # fmt: skip
    return out


def _against(project: Path, pack: Path) -> int:
    return main(["verify", str(project), "--against", str(pack), "--pdf-password-env", "PACK_PW"])


def _raw(path: Path) -> dbapi2.Connection:
    conn = dbapi2.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    return conn


def test_the_pack_carries_the_head_in_its_metadata_on_its_last_page_and_in_the_log(
    demo_path, issued, capsys
):
    reader = pypdf.PdfReader(issued)
    assert reader.decrypt("partner-password")
    anchor = Anchor.find(reader.metadata["/Keywords"])
    assert anchor is not None and anchor.line in reader.pages[-1].extract_text().replace("\n", " ")
    conn = _raw(demo_path)
    details = json.loads(conn.execute("SELECT details FROM packs").fetchone()[0])
    stored = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [anchor.seq]).fetchone()
    conn.close()
    assert details["audit_anchor"] == [anchor.seq, anchor.hash] and stored[0] == anchor.hash
    capsys.readouterr()
    assert _against(demo_path, issued) == 0
    assert "ok    audit log holds what pack.pdf was issued at" in capsys.readouterr().out


def _rehash_all(conn: dbapi2.Connection, change) -> None:
    """Edit entries, then forge the whole chain again so that it verifies on its own."""
    rows = conn.execute("SELECT seq, id, at, actor, action, subject_type, subject_id, details "
                        "FROM audit_log ORDER BY seq").fetchall()  # fmt: skip
    prev = "0" * 64
    for row in rows:
        entry = change(AuditEntry(*row[:7], json.loads(row[7]), prev)).sealed()
        conn.execute("UPDATE audit_log SET actor = ?, details = ?, prev_hash = ?, hash = ?, "
                     "salt = ?, actor_digest = ?, details_digest = ? WHERE seq = ?",
                     [entry.actor, json.dumps(entry.details), entry.prev_hash, entry.hash,
                      entry.salt, entry.actor_digest, entry.details_digest, entry.seq])  # fmt: skip
        prev = entry.hash


@pytest.mark.parametrize("attack", ["rewrite and re-hash", "delete the newest", "delete all"])
def test_an_attack_that_verify_alone_misses_fails_against_the_pack(
    demo_path, issued, capsys, attack
):
    conn = _raw(demo_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    if attack == "rewrite and re-hash":
        _rehash_all(conn, lambda e: AuditEntry(**{**e.__dict__, "actor": "someone else"}))
    elif attack == "delete the newest":
        newest = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        conn.execute("DELETE FROM audit_log WHERE seq > ?", [newest - 3])
    else:
        conn.execute("DELETE FROM audit_log")
    # the attacker puts the guards back, so only the anchor can tell
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    conn.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    conn.close()
    capsys.readouterr()
    assert main(["verify", str(demo_path)]) == 0  # the chain alone still holds together
    capsys.readouterr()
    assert _against(demo_path, issued) == 1
    out = capsys.readouterr().out
    assert "FAIL  audit log holds what pack.pdf was issued at" in out


def test_verify_reports_a_removed_guard(demo_path, monkeypatch, capsys):
    monkeypatch.setenv("COPROD_PASSPHRASE", PASSPHRASE)
    conn = _raw(demo_path)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.close()
    assert main(["verify", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  audit log append-only" in out and "audit_log_no_delete" in out


def test_a_protected_pack_without_its_password_is_a_clear_error(demo_path, issued, capsys):
    capsys.readouterr()
    assert main(["verify", str(demo_path), "--against", str(issued)]) == 2
    assert "--pdf-password-env" in capsys.readouterr().err


def test_a_participants_copy_is_anchored_too(demo_path, tmp_path, monkeypatch, capsys):
    from coprod_desktop.services.project import open_project

    project = open_project(demo_path, PASSPHRASE)
    try:
        person = next(r for r in project.consent.histories().items() if r[1].latest())[0]
        copy = project.consent.participant_copy(person, tmp_path / "copy.pdf")
    finally:
        project.close()
    monkeypatch.setenv("COPROD_PASSPHRASE", PASSPHRASE)
    assert main(["verify", str(demo_path), "--against", str(copy)]) == 0
    text = pypdf.PdfReader(copy).pages[-1].extract_text()
    assert "Audit anchor: entry" in text
