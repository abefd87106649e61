"""Rows of the consent tables: forms, records, their attachments, and withdrawals."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from coprod_desktop.domain.consent import (
    ConsentForm,
    ConsentItem,
    ConsentRecord,
    Method,
    Scope,
    Withdrawal,
)
from coprod_desktop.domain.ids import new_id

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

ATTACHMENT_KINDS = ("signature", "verbal_audio", "paper_scan")


# forms -------------------------------------------------------------------------------------
def _to_form(row: dict) -> ConsentForm:
    return ConsentForm(
        id=row["id"],
        form_key=row["form_key"],
        version=row["version"],
        title=row["title"],
        information=row["information"],
        items=tuple(ConsentItem(k, w, bool(r)) for k, w, r in json.loads(row["items"])),
        partners=tuple(json.loads(row["partners"])),
        content_hash=row["content_hash"],
    )


def insert_form(db: sqlite_utils.Database, form: ConsentForm) -> None:
    db["consent_forms"].insert(
        {
            "id": form.id,
            "form_key": form.form_key,
            "version": form.version,
            "title": form.title,
            "information": form.information,
            "items": json.dumps(
                [[i.key, i.wording, i.required] for i in form.items], ensure_ascii=False
            ),
            "partners": json.dumps(list(form.partners), ensure_ascii=False),
            "content_hash": form.content_hash,
            "created_at": now_iso(),
        }
    )


def forms(db: sqlite_utils.Database) -> list[ConsentForm]:
    return [_to_form(r) for r in db.query("SELECT * FROM consent_forms ORDER BY form_key, version")]


def form(db: sqlite_utils.Database, form_id: str) -> ConsentForm | None:
    rows = list(db.query("SELECT * FROM consent_forms WHERE id = ?", [form_id]))
    return _to_form(rows[0]) if rows else None


def latest_form(db: sqlite_utils.Database, form_key: str = "default") -> ConsentForm | None:
    rows = list(
        db.query(
            "SELECT * FROM consent_forms WHERE form_key = ? ORDER BY version DESC LIMIT 1",
            [form_key],
        )
    )
    return _to_form(rows[0]) if rows else None


# records -----------------------------------------------------------------------------------
def _to_record(row: dict, kinds: set[str]) -> ConsentRecord:
    return ConsentRecord(
        id=row["id"],
        participant_id=row["participant_id"],
        form_id=row["form_id"],
        form_version=row["form_version"],
        form_hash=row["form_hash"],
        given_at=dt.datetime.fromisoformat(row["given_at"]),
        method=Method(row["method"]),
        decisions=json.loads(row["decisions"]),
        partner_decisions=json.loads(row["partner_decisions"]),
        recorded_by=row["recorded_by"],
        witness=row["witness"],
        paper_reference=row["paper_reference"],
        guardian_name=row["guardian_name"],
        guardian_relationship=row["guardian_relationship"],
        capacity_concern=row["capacity_concern"],
        has_signature="signature" in kinds,
        has_verbal_audio="verbal_audio" in kinds,
        has_scan="paper_scan" in kinds,
        credit_name=row["credit_name"],
    )


def _attachment_kinds(db: sqlite_utils.Database) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for record_id, kind in db.execute("SELECT record_id, kind FROM consent_attachments"):
        out.setdefault(record_id, set()).add(kind)
    return out


def records(db: sqlite_utils.Database, participant_id: str | None = None) -> list[ConsentRecord]:
    kinds = _attachment_kinds(db)
    where, args = ("WHERE participant_id = ?", [participant_id]) if participant_id else ("", [])
    return [
        _to_record(r, kinds.get(r["id"], set()))
        for r in db.query(f"SELECT * FROM consent_records {where} ORDER BY given_at", args)
    ]


def insert_record(
    db: sqlite_utils.Database, record: ConsentRecord, attachments: dict[str, tuple[str, bytes]]
) -> None:
    """Store a record with its attachments: {kind: (mime, bytes)}."""
    db["consent_records"].insert(
        {
            "id": record.id,
            "participant_id": record.participant_id,
            "form_id": record.form_id,
            "form_version": record.form_version,
            "form_hash": record.form_hash,
            "given_at": record.given_at.isoformat(),
            "method": record.method.value,
            "decisions": json.dumps(dict(record.decisions)),
            "partner_decisions": json.dumps(dict(record.partner_decisions), ensure_ascii=False),
            "recorded_by": record.recorded_by,
            "witness": record.witness,
            "paper_reference": record.paper_reference,
            "guardian_name": record.guardian_name,
            "guardian_relationship": record.guardian_relationship,
            "capacity_concern": record.capacity_concern,
            "credit_name": record.credit_name,
            "created_at": now_iso(),
        }
    )
    for kind, (mime, data) in attachments.items():
        if kind not in ATTACHMENT_KINDS:
            raise ValueError(f"unknown attachment kind {kind}")
        db["consent_attachments"].insert(
            {"id": new_id(), "record_id": record.id, "kind": kind, "mime": mime, "data": data}
        )


def attachment(db: sqlite_utils.Database, record_id: str, kind: str) -> tuple[str, bytes] | None:
    row = db.execute(
        "SELECT mime, data FROM consent_attachments WHERE record_id = ? AND kind = ?",
        [record_id, kind],
    ).fetchone()
    return (row[0], bytes(row[1])) if row else None


def delete_attachments(
    db: sqlite_utils.Database, participant_id: str, kinds: tuple[str, ...]
) -> int:
    marks = ", ".join("?" for _ in kinds)
    cursor = db.execute(
        f"DELETE FROM consent_attachments WHERE kind IN ({marks}) AND record_id IN "
        "(SELECT id FROM consent_records WHERE participant_id = ?)",
        [*kinds, participant_id],
    )
    return cursor.rowcount


def scrub_records(db: sqlite_utils.Database, participant_id: str) -> int:
    """Blank the free-text details that could identify a person; keep the decisions."""
    cursor = db.execute(
        "UPDATE consent_records SET guardian_name = '', guardian_relationship = '', "
        "capacity_concern = '', paper_reference = '', credit_name = '' WHERE participant_id = ?",
        [participant_id],
    )
    return cursor.rowcount


def guardian_names(db: sqlite_utils.Database, participant_id: str) -> list[str]:
    rows = db.execute("SELECT DISTINCT guardian_name FROM consent_records "
                      "WHERE participant_id = ? AND guardian_name != ''", [participant_id])
    return [row[0] for row in rows]


def has_records(db: sqlite_utils.Database, participant_id: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM consent_records WHERE participant_id = ? LIMIT 1", [participant_id]
        ).fetchone()
        is not None
    )


# withdrawals -------------------------------------------------------------------------------
def _to_withdrawal(row: dict) -> Withdrawal:
    return Withdrawal(
        id=row["id"],
        participant_id=row["participant_id"],
        scope=Scope(row["scope"]),
        effective_at=dt.datetime.fromisoformat(row["effective_at"]),
        recorded_by=row["recorded_by"],
        note=row["note"],
    )


def withdrawals(db: sqlite_utils.Database, participant_id: str | None = None) -> list[Withdrawal]:
    where, args = ("WHERE participant_id = ?", [participant_id]) if participant_id else ("", [])
    return [
        _to_withdrawal(r)
        for r in db.query(f"SELECT * FROM withdrawals {where} ORDER BY effective_at", args)
    ]


def insert_withdrawal(db: sqlite_utils.Database, withdrawal: Withdrawal) -> None:
    db["withdrawals"].insert(
        {
            "id": withdrawal.id,
            "participant_id": withdrawal.participant_id,
            "scope": withdrawal.scope.value,
            "effective_at": withdrawal.effective_at.isoformat(),
            "recorded_by": withdrawal.recorded_by,
            "note": withdrawal.note,
            "created_at": now_iso(),
        }
    )


# disclosure log ----------------------------------------------------------------------------
def packs_containing(db: sqlite_utils.Database, participant_id: str) -> list[dict]:
    """Packs already issued that carried this person's material, newest first."""
    return list(
        db.query(
            "SELECT p.id, p.audience, p.issued_at, p.file_name, count(d.id) AS items "
            "FROM disclosures d JOIN packs p ON p.id = d.pack_id WHERE d.participant_id = ? "
            "GROUP BY p.id ORDER BY p.issued_at DESC",
            [participant_id],
        )
    )


def withdrawn(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(participant id, scope) of every withdrawal that erases something, oldest first."""
    return [(r[0], r[1]) for r in db.execute(
        "SELECT participant_id, scope FROM withdrawals WHERE scope IN ('everything', "
        "'audio_only') GROUP BY participant_id, scope ORDER BY min(created_at)")]  # fmt: skip
