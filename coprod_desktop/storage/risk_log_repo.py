"""Rows of the risk register, risk reviews, barriers, outcomes, measures and self-checks."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from coprod_desktop.domain.outcomes import Measure, Outcome, OutcomeType, SelfCheck
from coprod_desktop.domain.risks import (
    Affected,
    Barrier,
    Resolution,
    Review,
    Risk,
    RiskCategory,
    RiskStatus,
    Side,
)

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils


def _upsert(db: sqlite_utils.Database, table: str, row: dict) -> None:
    if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row["id"]]).fetchone():
        db[table].update(row["id"], row)
    else:
        db[table].insert({**row, "created_at": now_iso()})


def _by_id(db: sqlite_utils.Database, table: str, item_id: str) -> dict | None:
    rows = list(db.query(f"SELECT * FROM {table} WHERE id = ?", [item_id]))
    return rows[0] if rows else None


def delete(db: sqlite_utils.Database, table: str, item_id: str) -> None:
    db.execute(f"DELETE FROM {table} WHERE id = ?", [item_id])


# risks -------------------------------------------------------------------------------------
def _risk(row: dict) -> Risk:
    return Risk(
        row["id"],
        RiskCategory(row["category"]),
        row["description"],
        tuple(Affected(a) for a in json.loads(row["affects"])),
        row["likelihood"],
        row["impact"],
        row["mitigations"],
        row["owner"],
        RiskStatus(row["status"]),
    )


def risks(db: sqlite_utils.Database) -> list[Risk]:
    return [_risk(r) for r in db.query(
        "SELECT * FROM risks ORDER BY likelihood * impact DESC, created_at, rowid")]  # fmt: skip


def risk(db: sqlite_utils.Database, risk_id: str) -> Risk | None:
    row = _by_id(db, "risks", risk_id)
    return _risk(row) if row else None


def save_risk(db: sqlite_utils.Database, item: Risk) -> None:
    _upsert(db, "risks", {
        "id": item.id, "category": item.category.value, "description": item.description,
        "affects": json.dumps([a.value for a in item.affects]), "likelihood": item.likelihood,
        "impact": item.impact, "mitigations": item.mitigations, "owner": item.owner,
        "status": item.status.value, "updated_at": now_iso()})  # fmt: skip


def add_review(db: sqlite_utils.Database, review: Review) -> None:
    db["risk_reviews"].insert({
        "id": review.id, "risk_id": review.risk_id,
        "reviewed_at": review.reviewed_at.isoformat(), "reviewer": review.reviewer,
        "likelihood": review.likelihood, "impact": review.impact,
        "status": review.status.value, "note": review.note})  # fmt: skip


def reviews(db: sqlite_utils.Database, risk_id: str) -> list[Review]:
    return [Review(r["id"], r["risk_id"], dt.datetime.fromisoformat(r["reviewed_at"]),
                   r["reviewer"], r["likelihood"], r["impact"], RiskStatus(r["status"]),
                   r["note"])
            for r in db.query("SELECT * FROM risk_reviews WHERE risk_id = ? "
                              "ORDER BY reviewed_at, rowid", [risk_id])]  # fmt: skip


# barriers ----------------------------------------------------------------------------------
def _barrier(r: dict) -> Barrier:
    return Barrier(r["id"], Side(r["side"]), r["category"], r["description"],
                   dt.date.fromisoformat(r["met_on"]), r["session_id"], r["place"],
                   r["response"], Resolution(r["resolution"]))  # fmt: skip


def barriers(db: sqlite_utils.Database) -> list[Barrier]:
    return [_barrier(r) for r in db.query("SELECT * FROM barriers ORDER BY met_on, rowid")]


def barrier(db: sqlite_utils.Database, barrier_id: str) -> Barrier | None:
    row = _by_id(db, "barriers", barrier_id)
    return _barrier(row) if row else None


def save_barrier(db: sqlite_utils.Database, item: Barrier) -> None:
    _upsert(db, "barriers", {
        "id": item.id, "side": item.side.value, "category": item.category,
        "description": item.description, "met_on": item.met_on.isoformat(),
        "session_id": item.session_id, "place": item.where, "response": item.response,
        "resolution": item.resolution.value})  # fmt: skip


# outcomes and measures ---------------------------------------------------------------------
def _outcome(r: dict) -> Outcome:
    return Outcome(r["id"], r["session_id"], OutcomeType(r["type"]), r["text"],
                   dt.date.fromisoformat(r["observed_on"]),
                   tuple(tuple(e) for e in json.loads(r["evidence"])))  # fmt: skip


def outcomes(db: sqlite_utils.Database) -> list[Outcome]:
    return [_outcome(r) for r in db.query("SELECT * FROM outcomes ORDER BY observed_on, rowid")]


def outcome(db: sqlite_utils.Database, outcome_id: str) -> Outcome | None:
    row = _by_id(db, "outcomes", outcome_id)
    return _outcome(row) if row else None


def save_outcome(db: sqlite_utils.Database, item: Outcome) -> None:
    _upsert(db, "outcomes", {
        "id": item.id, "session_id": item.session_id, "type": item.type.value,
        "text": item.text, "observed_on": item.observed_on.isoformat(),
        "evidence": json.dumps([list(e) for e in item.evidence])})  # fmt: skip


def _measure(r: dict) -> Measure:
    return Measure(r["id"], r["session_id"], r["question"], tuple(json.loads(r["counts"])),
                   r["low_label"], r["high_label"])  # fmt: skip


def measures(db: sqlite_utils.Database) -> list[Measure]:
    return [_measure(r) for r in db.query("SELECT * FROM measures ORDER BY created_at, rowid")]


def measure(db: sqlite_utils.Database, measure_id: str) -> Measure | None:
    row = _by_id(db, "measures", measure_id)
    return _measure(row) if row else None


def save_measure(db: sqlite_utils.Database, item: Measure) -> None:
    _upsert(db, "measures", {
        "id": item.id, "session_id": item.session_id, "question": item.question,
        "counts": json.dumps(list(item.counts)), "low_label": item.low_label,
        "high_label": item.high_label})  # fmt: skip


# self-checks -------------------------------------------------------------------------------
def self_checks(db: sqlite_utils.Database) -> list[SelfCheck]:
    return [SelfCheck(r["id"], dt.date.fromisoformat(r["checked_on"]), json.loads(r["ratings"]),
                      json.loads(r["notes"]), r["checked_by"])
            for r in db.query("SELECT * FROM self_checks ORDER BY checked_on, rowid")]  # fmt: skip


def add_self_check(db: sqlite_utils.Database, item: SelfCheck) -> None:
    db["self_checks"].insert({
        "id": item.id, "checked_on": item.checked_on.isoformat(),
        "ratings": json.dumps(item.ratings), "notes": json.dumps(item.notes, ensure_ascii=False),
        "checked_by": item.by, "created_at": now_iso()})  # fmt: skip


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "risks": one("SELECT count(*) FROM risks"),
        "open_risks": one("SELECT count(*) FROM risks WHERE status = 'open'"),
        "barriers": one("SELECT count(*) FROM barriers"),
        "outcomes": one("SELECT count(*) FROM outcomes"),
        "measures": one("SELECT count(*) FROM measures"),
        "self_checks": one("SELECT count(*) FROM self_checks"),
    }
