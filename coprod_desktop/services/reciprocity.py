"""Use cases for the reciprocity ledger: add, change and delete what people received (each
undoable and audited by ids, kinds and amounts — amounts are not personal text; descriptions
and signatures never go in the audit log), the threshold for payments that may need declaring,
totals for the page, packs and feedback, and a participant's payment letter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.reciprocity import (
    Entry,
    Summary,
    Threshold,
    ThresholdCheck,
    highest,
    in_period,
    over_threshold,
    summarise,
)
from coprod_desktop.storage import participants_repo, project_repo, sessions_repo
from coprod_desktop.storage import reciprocity_repo as repo

from .base import Service
from .issuing import check_target, issue
from .verify import check_whole

Steps = Callable[[int, int, str], None]


class ReciprocityService(Service):
    def list(self, participant_id: str | None = None) -> list[Entry]:
        """Every entry (or one person's), oldest first, without signature images."""
        with self.read():
            return repo.entries(self._db, participant_id)

    def get(self, entry_id: str) -> Entry:
        """One entry in full, its signature image included."""
        with self.read():
            found = repo.entry(self._db, entry_id)
        if found is None:
            raise ValidationError("That entry is no longer in the ledger.")
        return found

    def draft(self, participant_id: str = "", session_id: str | None = None,
              on: dt.date | None = None) -> Entry:  # fmt: skip
        """A new entry, not yet saved: a voucher given today, no receipt yet."""
        return Entry(new_id(), participant_id, "voucher", 0, on or dt.date.today(),
                     "voucher_code", session_id=session_id)  # fmt: skip

    def save(self, entry: Entry) -> Entry | None:
        """Add or change an entry; returns it as it was (None when new)."""
        entry = replace(entry, id=entry.id or new_id()).validated()
        with self.write():
            if participants_repo.get(self._db, entry.participant_id) is None:
                raise ValidationError("That participant is no longer in the project: choose "
                                      "who received it again.")  # fmt: skip
            if entry.session_id and sessions_repo.get(self._db, entry.session_id) is None:
                raise ValidationError("That session is no longer in the project: choose the "
                                      "session again.")  # fmt: skip
            before = repo.entry(self._db, entry.id)
            repo.save(self._db, entry)
            self.audit("reciprocity.added" if before is None else "reciprocity.changed",
                       "reciprocity", entry.id, _details(entry))  # fmt: skip
        return before

    def delete(self, entry_id: str) -> None:
        entry = self.get(entry_id)
        with self.write():
            repo.delete(self._db, entry_id)
            self.audit("reciprocity.deleted", "reciprocity", entry_id, _details(entry))

    def signature(self, entry_id: str) -> bytes | None:
        return self.get(entry_id).signature

    # the threshold ---------------------------------------------------------------------------
    def threshold(self) -> Threshold:
        with self.read():
            return repo.threshold(self._db)

    def set_threshold(self, threshold: Threshold) -> Threshold:
        """Change the project's threshold; returns the one it replaced."""
        threshold = threshold.validated()
        with self.write():
            before = repo.threshold(self._db)
            repo.set_threshold(self._db, threshold)
            self.audit("reciprocity.threshold_set", "project", "",
                       {"amount_pence": threshold.amount,
                        "period_days": threshold.period_days})  # fmt: skip
        self.changes.tell("reciprocity")
        return before

    def check(self, participant_id: str, at: dt.date | None = None) -> ThresholdCheck:
        """What the person received in the period ending on `at` (today), and whether it is
        over the threshold."""
        return over_threshold(self.list(participant_id), participant_id,
                              at or dt.date.today(), self.threshold())  # fmt: skip

    def warnings(self, until: dt.date | None = None) -> dict[str, ThresholdCheck]:
        """Everyone whose payments passed the threshold in some period (up to `until`), with
        the period in which they received the most. Empty when no threshold is set."""
        threshold = self.threshold()
        if threshold.amount is None:
            return {}
        entries = self.list()
        out = {}
        for person in dict.fromkeys(e.participant_id for e in entries):
            worst = highest(entries, person, threshold, until)
            if worst is not None and worst.over:
                out[person] = worst
        return out

    # totals ----------------------------------------------------------------------------------
    def per_person(self) -> dict[str, int]:
        """Pence each person received in all, by participant id."""
        out: dict[str, int] = {}
        for e in self.list():
            out[e.participant_id] = out.get(e.participant_id, 0) + e.amount
        return out

    def summary(self, session_titles: dict[str, str] | None = None,
                only_sessions: Iterable[str] | None = None) -> Summary:  # fmt: skip
        """Totals fit to leave the project (the small-number rule applied). `session_titles`:
        the titles to show (anonymised for a pack), by id; every session's own title when
        None. `only_sessions`: count entries at these sessions and those outside any session
        only (a pack or feedback for some sessions)."""
        with self.read():
            sessions = sessions_repo.list_all(self._db)
            entries = repo.entries(self._db)
        if only_sessions is not None:
            wanted = set(only_sessions)
            entries = [e for e in entries if e.session_id is None or e.session_id in wanted]
            sessions = [s for s in sessions if s.id in wanted]
        titles = session_titles if session_titles is not None else {}
        ordered = {s.id: titles.get(s.id, s.title) for s in sessions}
        return summarise(entries, ordered)

    def counts(self) -> dict:
        with self.read():
            threshold = repo.threshold(self._db)
            return {"reciprocity_entries": repo.count(self._db),
                    "reciprocity_threshold": {"amount_pence": threshold.amount,
                                              "period_days": threshold.period_days}}  # fmt: skip

    # the payment letter ----------------------------------------------------------------------
    def letter(self, participant_id: str, target: Path, until: dt.date | None = None,
               progress: Steps | None = None) -> Path:  # fmt: skip
        """A one-page PDF for the person: what they received in the threshold's period ending
        on `until` (today), with dates and amounts, the total, and a word on declaring it to
        benefits agencies. Refused before anything is written if the destination cannot take
        it or the project is damaged; the file and its audit entry are saved together."""
        from coprod_desktop.export.payment_letter import payment_letter_pdf

        target = check_target(target, "letter")
        check_whole(self._file, progress)
        until = until or dt.date.today()
        threshold = self.threshold()
        with self.read():
            participant = participants_repo.get(self._db, participant_id)
            project = project_repo.name(self._db) or self._file.path.stem
            sessions = {s.id: s.title for s in sessions_repo.list_all(self._db)}
        if participant is None:
            raise ValidationError("That participant is no longer in the project.")
        entries = in_period(self.list(participant_id), participant_id, until,
                            threshold.period_days)  # fmt: skip
        if not entries:
            raise ValidationError(f"{participant.pseudonym} received nothing in the "
                                  f"{threshold.period_days} days to {until:%d %B %Y}: there is "
                                  "nothing to put in a letter.")  # fmt: skip
        check = over_threshold(entries, participant_id, until, threshold)
        data = payment_letter_pdf(project, participant.pseudonym, entries, sessions, check,
                                  threshold, anchor=(anchor := self.anchor()))  # fmt: skip

        def record() -> None:
            self.audit("reciprocity.letter_printed", "participant", participant_id,
                       {"pseudonym": participant.pseudonym, "entries": len(entries),
                        "total_pence": check.total, "since": check.since.isoformat(),
                        "until": until.isoformat(),
                        "audit_anchor": [anchor.seq, anchor.hash]})  # fmt: skip

        issue(self, target, data, record, "letter")
        return target

    # undo ------------------------------------------------------------------------------------
    def _state(self, kind: str, record_id: str):
        if kind != "reciprocity":
            return super()._state(kind, record_id)
        return repo.entry(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state) -> None:
        if kind != "reciprocity":
            return super()._put_state(kind, record_id, state)
        if state is None:
            repo.delete(self._db, record_id)
            self.audit("reciprocity.deleted", "reciprocity", record_id, {"undo": True})
        elif participants_repo.get(self._db, state.participant_id) is not None:
            if state.session_id and sessions_repo.get(self._db, state.session_id) is None:
                state = replace(state, session_id=None)
            repo.save(self._db, state)
            self.audit("reciprocity.restored", "reciprocity", record_id, _details(state))


def _details(entry: Entry) -> dict:
    """What the audit log keeps of an entry: ids, kind, amount, date, method, receipt kind."""
    return {"participant": entry.participant_id, "session": entry.session_id,
            "kind": entry.kind, "amount_pence": entry.amount, "on": entry.on.isoformat(),
            "method": entry.method, "receipt": entry.receipt}  # fmt: skip
