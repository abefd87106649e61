"""Use cases for the risk register, barriers, outcomes, measures and the co-production
self-check. Every change goes into the audit log (ids and kinds, not the text)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.outcomes import Measure, Outcome, SelfCheck
from coprod_desktop.domain.risks import (
    Affected,
    Barrier,
    Review,
    Risk,
    RiskCategory,
    RiskStatus,
    RiskTemplate,
    check_transition,
)
from coprod_desktop.resource_files import resource_path
from coprod_desktop.storage import risk_log_repo as repo

from .base import Replaced, Service


def default_risks() -> list[RiskTemplate]:
    data = json.loads(resource_path("risks/default_risks.json").read_text(encoding="utf-8"))
    return [RiskTemplate(RiskCategory(r["category"]), r["description"],
                         tuple(Affected(a) for a in r.get("affects", ())),
                         r.get("likelihood", 3), r.get("impact", 3), r.get("mitigations", ""))
            for r in data["risks"]]  # fmt: skip


class RiskLogService(Service):
    def _audit(self, action: str, kind: str, item_id: str, details: dict | None = None) -> None:
        self.audit(action, kind, item_id, details or {})

    # risks ---------------------------------------------------------------------------------
    def risks(self) -> list[Risk]:
        with self.read():
            return repo.risks(self._db)

    def save_risk(self, risk: Risk, note: str = "") -> Risk | None:
        """Add or change a risk; returns it as it was (None when new). A change of rating or
        status is a review, kept in the risk's history; a closed risk must be reopened first."""
        return self._store(risk, note, check=True)

    def _store(self, risk: Risk, note: str, check: bool) -> Risk | None:
        risk = replace(risk, id=risk.id or new_id()).validated()
        with self.write():
            before = repo.risk(self._db, risk.id)
            if before is not None and check:
                check_transition(before.status, risk.status)
            repo.save_risk(self._db, risk)
            rated = before is None or (before.likelihood, before.impact, before.status) != (
                risk.likelihood, risk.impact, risk.status)  # fmt: skip
            if rated or note.strip():
                repo.add_review(self._db, Review(new_id(), risk.id,
                                                 dt.datetime.now(dt.timezone.utc), self._actor(),
                                                 risk.likelihood, risk.impact, risk.status,
                                                 note.strip()))  # fmt: skip
            self._audit("risk.added" if before is None else "risk.changed", "risk", risk.id,
                        {"category": risk.category.value, "likelihood": risk.likelihood,
                         "impact": risk.impact, "status": risk.status.value})  # fmt: skip
        return before

    def review(self, risk_id: str, likelihood: int, impact: int, status: RiskStatus,
               note: str = "") -> Risk:  # fmt: skip
        risk = self.risk(risk_id)
        self.save_risk(replace(risk, likelihood=likelihood, impact=impact, status=status), note)
        return self.risk(risk_id)

    def risk(self, risk_id: str) -> Risk:
        with self.read():
            found = repo.risk(self._db, risk_id)
        if found is None:
            raise ValidationError("That risk is no longer in the register.")
        return found

    def reviews(self, risk_id: str) -> list[Review]:
        with self.read():
            return repo.reviews(self._db, risk_id)

    def delete_risk(self, risk_id: str) -> tuple[Risk, list[Review]]:
        """Remove a risk; returns it with its history, for restore_risk (undo)."""
        risk, history = self.risk(risk_id), self.reviews(risk_id)
        with self.write():
            repo.delete(self._db, "risks", risk_id)
            self._audit("risk.deleted", "risk", risk_id)
        return risk, history

    def restore_risk(self, removed: tuple[Risk, list[Review]]) -> None:
        risk, history = removed
        with self.write():
            repo.save_risk(self._db, risk)
            known = {r.id for r in repo.reviews(self._db, risk.id)}
            for review in history:
                if review.id not in known:
                    repo.add_review(self._db, review)
            self._audit("risk.restored", "risk", risk.id)

    def add_default_risks_undoably(self) -> tuple[int, Replaced]:
        """add_default_risks, with what it replaced (nothing: the new risks did not exist)."""
        before = {r.id for r in self.risks()}
        added = self.add_default_risks()
        new = tuple((r.id, None) for r in self.risks() if r.id not in before)
        return added, Replaced("risk", new)

    def add_default_risks(self) -> Replaced:
        """Add the typical risks not already in the register, in one transaction; returns
        what that replaced (nothing: the new risks did not exist), for undo."""
        have = {r.description.casefold() for r in self.risks()}
        added = []
        with self.write():
            for t in default_risks():
                if t.description.casefold() not in have:
                    risk = Risk(new_id(), t.category, t.description, t.affects, t.likelihood,
                                t.impact, t.mitigations)  # fmt: skip
                    self.save_risk(risk, "from the typical risks")
                    added.append((risk.id, None))
        return Replaced("risk", tuple(added))

    # barriers, outcomes and measures: each saved and deleted the same way ------------------
    def _save(self, kind: str, record, details: Callable[[object], dict]):
        """Add or change a record; returns it as it was (None when new)."""
        record = replace(record, id=record.id or new_id()).validated()
        get, put = getattr(repo, kind), getattr(repo, f"save_{kind}")
        with self.write():
            before = get(self._db, record.id)
            put(self._db, record)
            self._audit(f"{kind}.{'added' if before is None else 'changed'}", kind, record.id,
                        details(record))  # fmt: skip
        return before

    def _delete(self, kind: str, record_id: str):
        with self.write():
            before = getattr(repo, kind)(self._db, record_id)
            repo.delete(self._db, f"{kind}s", record_id)
            self._audit(f"{kind}.deleted", kind, record_id)
        return before

    def barriers(self) -> list[Barrier]:
        with self.read():
            return repo.barriers(self._db)

    def save_barrier(self, barrier: Barrier) -> Barrier | None:
        return self._save(
            "barrier",
            barrier,
            lambda b: {
                "side": b.side.value,
                "category": b.category,
                "resolution": b.resolution.value,
            },
        )

    def delete_barrier(self, barrier_id: str) -> Barrier | None:
        return self._delete("barrier", barrier_id)

    def outcomes(self) -> list[Outcome]:
        with self.read():
            return repo.outcomes(self._db)

    def save_outcome(self, outcome: Outcome) -> Outcome | None:
        return self._save(
            "outcome", outcome, lambda o: {"type": o.type.value, "evidence": len(o.evidence)}
        )

    def delete_outcome(self, outcome_id: str) -> Outcome | None:
        return self._delete("outcome", outcome_id)

    def measures(self) -> list[Measure]:
        with self.read():
            return repo.measures(self._db)

    def save_measure(self, measure: Measure) -> Measure | None:
        return self._save("measure", measure, lambda m: {"answers": m.answers})

    def delete_measure(self, measure_id: str) -> Measure | None:
        return self._delete("measure", measure_id)

    # the self-check ----------------------------------------------------------------------
    def self_checks(self) -> list[SelfCheck]:
        with self.read():
            return repo.self_checks(self._db)

    def add_self_check(self, check: SelfCheck) -> SelfCheck:
        check = replace(check, id=check.id or new_id(), by=check.by or self._actor()).validated()
        with self.write():
            repo.add_self_check(self._db, check)
            self._audit("self_check.added", "self_check", check.id,
                        {"ratings": check.ratings})  # fmt: skip
        return check

    def counts(self) -> dict[str, int]:
        with self.read():
            return repo.counts(self._db)

    # undo: see Service.put_back --------------------------------------------------------
    def _state(self, kind: str, record_id: str):
        if kind == "risk":
            risk = repo.risk(self._db, record_id)
            return None if risk is None else (risk, repo.reviews(self._db, record_id))
        return getattr(repo, kind)(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state) -> None:
        if state is None:
            if self._state(kind, record_id) is not None:
                (self.delete_risk if kind == "risk" else lambda i: self._delete(kind, i))(record_id)
        elif kind == "risk":
            if repo.risk(self._db, record_id) is None:
                self.restore_risk(state)
            else:
                self._store(state[0], "changed back (undo)", check=False)
        else:
            self._save(kind, state, lambda _record: {"undo": True})
