"""Use cases for consent: forms and their versions, recording consent, withdrawal and erasure."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_desktop.domain.audit import ERASED_KEY
from coprod_desktop.domain.consent import (
    CREDIT,
    ConsentForm,
    ConsentHistory,
    ConsentRecord,
    Gate,
    Scope,
    Withdrawal,
    form_from_dict,
    item_status,
    validate_record,
)
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.names import Names
from coprod_desktop.fileio import atomic_write
from coprod_desktop.resource_files import resource_path
from coprod_desktop.storage import audit_repo, consent_repo, mentions, participants_repo
from coprod_desktop.storage.mentions import Mention

from . import erasure
from .base import Service
from .verify import Steps, check_whole

if TYPE_CHECKING:
    import sqlite_utils

DEFAULT_FORM = "consent/default_form.json"


def default_form() -> ConsentForm:
    data = json.loads(resource_path(DEFAULT_FORM).read_text(encoding="utf-8"))
    return form_from_dict(data, new_id())


@dataclass(frozen=True)
class WithdrawalResult:
    withdrawal: Withdrawal
    erased: dict[str, int]
    packs_already_issued: list[dict]


def erase_withdrawn(db: sqlite_utils.Database, participant_id: str, scope: Scope,
                    names: Names) -> tuple[dict[str, int], list[int]]:  # fmt: skip
    """Erase what a withdrawal of `scope` takes away, inside the caller's write(): what was
    erased, by kind, and the audit entries whose words were erased (which the entry recording
    it must list). The caller checkpoints the WAL once the write is committed."""
    erasers = {Scope.EVERYTHING: {**erasure.AUDIO, **erasure.EVERYTHING},
               Scope.AUDIO_ONLY: erasure.AUDIO}.get(scope, {})  # fmt: skip
    erased = erasure.erase(db, participant_id, erasers)
    logged: list[int] = []
    if scope is Scope.EVERYTHING:  # their names, wherever written, become their pseudonym
        erased["mentions"] = len(mentions.replace(db, names)) if names else 0
        logged = audit_repo.erase_names(db, names) if names else []
    return erased, logged


class ConsentService(Service):
    # forms ---------------------------------------------------------------------------------
    def ensure_default_form(self) -> ConsentForm:
        """The project's current default form; the shipped one is added if there is none."""
        with self.write():
            current = consent_repo.latest_form(self._db)
            if current is not None:
                return self._with_credit_item(current)
            form = default_form()
            consent_repo.insert_form(self._db, form)
            self.audit(
                "consent_form.added",
                "consent_form",
                form.id,
                {"version": form.version, "hash": form.content_hash},
            )
            return form

    def _with_credit_item(self, form: ConsentForm) -> ConsentForm:
        """Projects made before credits get the credit question as a new version of their
        default form (inside ensure_default_form's write): records keep the version they saw,
        and nobody is credited until they answer it."""
        if form.form_key != "default" or form.item(CREDIT) is not None:
            return form
        shipped = default_form().item(CREDIT)
        version = replace(form, id=new_id(), version=form.version + 1,
                          items=(*form.items, shipped)).validated()  # fmt: skip
        consent_repo.insert_form(self._db, version)
        self.audit("consent_form.versioned", "consent_form", version.id,
                   {"version": version.version, "hash": version.content_hash,
                    "added": CREDIT})  # fmt: skip
        return version

    def current_form(self, form_key: str = "default") -> ConsentForm | None:
        with self.read():
            return consent_repo.latest_form(self._db, form_key)

    def forms(self) -> list[ConsentForm]:
        with self.read():
            return consent_repo.forms(self._db)

    def save_form(self, edited: ConsentForm) -> ConsentForm:
        """Editing a form makes a new version; records keep pointing at the one they saw."""
        edited = edited.validated()
        with self.write():
            latest = consent_repo.latest_form(self._db, edited.form_key)
            if latest is not None and latest.content_hash == edited.content_hash:
                return latest
            version = latest.version + 1 if latest else 1
            form = replace(edited, id=new_id(), version=version).validated()
            consent_repo.insert_form(self._db, form)
            self.audit(
                "consent_form.versioned",
                "consent_form",
                form.id,
                {"version": version, "hash": form.content_hash},
            )
        return form

    # records -------------------------------------------------------------------------------
    def history(self, participant_id: str) -> ConsentHistory:
        with self.read():
            return ConsentHistory(
                participant_id,
                tuple(consent_repo.records(self._db, participant_id)),
                tuple(consent_repo.withdrawals(self._db, participant_id)),
                {f.id: f for f in consent_repo.forms(self._db)},
            )

    def histories(self) -> dict[str, ConsentHistory]:
        """Every participant's history, in three queries (for lists and packs)."""
        with self.read():
            forms = {f.id: f for f in consent_repo.forms(self._db)}
            records: dict[str, list] = {}
            for r in consent_repo.records(self._db):
                records.setdefault(r.participant_id, []).append(r)
            withdrawals: dict[str, list] = {}
            for w in consent_repo.withdrawals(self._db):
                withdrawals.setdefault(w.participant_id, []).append(w)
            ids = [p.id for p in participants_repo.list_all(self._db)]
        return {
            pid: ConsentHistory(pid, tuple(records.get(pid, ())),
                                tuple(withdrawals.get(pid, ())), forms)
            for pid in ids
        }  # fmt: skip

    def record(
        self, record: ConsentRecord, attachments: dict[str, tuple[str, bytes]] | None = None
    ) -> ConsentRecord:
        """Store a new consent record (every change is a new record; history is kept)."""
        attachments = {k: v for k, v in (attachments or {}).items() if v and v[1]}
        db = self._db
        with self.write():
            participant = participants_repo.get(db, record.participant_id)
            if participant is None:
                raise ValidationError("That participant is no longer in the project.")
            form = consent_repo.form(db, record.form_id)
            if form is None:
                raise ValidationError("That consent form is not in the project.")
            record = replace(
                record,
                id=record.id or new_id(),
                recorded_by=record.recorded_by or self._actor(),
                has_signature="signature" in attachments,
                has_verbal_audio="verbal_audio" in attachments,
                has_scan="paper_scan" in attachments,
            )
            record = validate_record(record, form, participant.age_band)
            consent_repo.insert_record(db, record, attachments)
            self.audit("consent.recorded", "participant", participant.id,
                       {"pseudonym": participant.pseudonym, "form_version": form.version,
                        "form_hash": form.content_hash, "method": record.method.value,
                        "decisions": dict(record.decisions),
                        "partner_decisions": dict(record.partner_decisions)})  # fmt: skip
        return record

    def attachment(self, record_id: str, kind: str) -> tuple[str, bytes] | None:
        with self.read():
            return consent_repo.attachment(self._db, record_id, kind)

    # withdrawal ----------------------------------------------------------------------------
    def packs_containing(self, participant_id: str) -> list[dict]:
        with self.read():
            return consent_repo.packs_containing(self._db, participant_id)

    def names_of(self, participant_id: str) -> Names:
        """What withdrawal of everything replaces with the person's pseudonym."""
        with self.read():
            person = participants_repo.get(self._db, participant_id)
            guardians = consent_repo.guardian_names(self._db, participant_id)
        if person is None:
            return Names(())
        return Names.of(person.pseudonym, person.real_name, person.aliases, guardians)

    def mentions(self, participant_id: str) -> list[Mention]:
        """Where the person's names are written — in anyone's words — for the withdrawal
        dialog to show before withdrawal of everything replaces them."""
        names = self.names_of(participant_id)
        with self.read():
            return mentions.find(self._db, names)

    def withdraw(
        self,
        participant_id: str,
        scope: Scope,
        effective_at: dt.datetime | None = None,
        note: str = "",
    ) -> WithdrawalResult:
        """Record a withdrawal. "Everything" erases the person's material and identity (the
        pseudonym and this record stay); "audio only" erases their recordings."""
        scope = Scope(scope)
        effective_at = effective_at or dt.datetime.now(dt.timezone.utc)
        if effective_at.tzinfo is None:
            raise ValidationError("The withdrawal date needs a time zone.")
        with self.write() as db:
            participant = participants_repo.get(db, participant_id)
            if participant is None:
                raise ValidationError("That participant is no longer in the project.")
            names = self.names_of(participant_id)
            everything = scope is Scope.EVERYTHING
            actor = names.replace(self._actor()) if everything else self._actor()
            withdrawal = Withdrawal(new_id(), participant_id, scope, effective_at, actor,
                                    note.strip())  # fmt: skip
            consent_repo.insert_withdrawal(db, withdrawal)
            erased, logged = erase_withdrawn(db, participant_id, scope, names)
            packs = consent_repo.packs_containing(db, participant_id)
            self.audit("consent.withdrawn", "participant", participant_id,
                       {"pseudonym": participant.pseudonym, "scope": scope.value,
                        "effective_at": effective_at.isoformat(), "erased": erased,
                        "packs_already_issued": [p["id"] for p in packs],
                        ERASED_KEY: logged}, actor=actor)  # fmt: skip
        self._file.checkpoint()
        return WithdrawalResult(withdrawal, erased, packs)

    # the participant's own copy ---------------------------------------------------------
    def participant_copy(self, participant_id: str, target: Path,
                         progress: Steps | None = None) -> Path:  # fmt: skip
        """Write a one-person PDF of what they agreed to (atomically) and log it; refused,
        with nothing written, if the whole-file check finds the project damaged."""
        from coprod_desktop.export.participant_copy import participant_copy_pdf

        check_whole(self._file, progress)
        history = self.history(participant_id)
        record = history.latest()
        with self.read():
            participant = participants_repo.get(self._db, participant_id)
        if participant is None:
            raise ValidationError("That participant is no longer in the project.")
        if record is None:
            raise ValidationError(f"No consent is recorded for {participant.pseudonym} yet.")
        signature = self.attachment(record.id, "signature") if record.has_signature else None
        pdf = participant_copy_pdf(
            participant.pseudonym,
            record,
            history.forms[record.form_id],
            history.active_withdrawals(),
            signature[1] if signature else None,
            anchor=(anchor := self.anchor()),
        )
        atomic_write(target, pdf)
        with self.write():
            self.audit("consent.copy_printed", "participant", participant_id,
                       {"pseudonym": participant.pseudonym,
                        "audit_anchor": [anchor.seq, anchor.hash]})  # fmt: skip
        return target

    # gates for other capabilities ----------------------------------------------------------
    def refusals(
        self,
        participant_ids: Iterable[str],
        gate: Callable[..., Gate],
        *args: object,
        at: dt.datetime | None = None,
    ) -> list[str]:
        """Why each of these people may not be attributed or recorded through `gate`, e.g.
        ["P-03: Declined: Audio recording."]. An empty list means everyone agreed."""
        return list(self.refusals_by_person(participant_ids, gate, *args, at=at).values())

    def refusals_by_person(
        self,
        participant_ids: Iterable[str],
        gate: Callable[..., Gate],
        *args: object,
        at: dt.datetime | None = None,
    ) -> dict[str, str]:
        """The same, keyed by participant id (only those refused)."""
        histories = self.histories()
        with self.read():
            names = {p.id: p.pseudonym for p in participants_repo.list_all(self._db)}
        out = {}
        for pid in participant_ids:
            history = histories.get(pid, ConsentHistory(pid))
            answer = gate(history, *args, at) if args else gate(history, at)
            if not answer:
                out[pid] = f"{names.get(pid, 'Someone no longer in the project')}: {answer.reason}"
        return out

    # summaries -----------------------------------------------------------------------------
    def counts(self, at: dt.datetime | None = None) -> dict[str, dict[str, int]]:
        """For each item of the current form: how many people are in each status."""
        form = self.current_form()
        if form is None:
            return {}
        histories = self.histories().values()
        return {
            item.key: dict(Counter(item_status(h, item.key, at).value for h in histories))
            for item in form.items
        }
