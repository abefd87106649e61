"""Use cases for the safeguarding log: add, change and delete concerns (each undoable), the
overdue follow-ups, and the log's own password-protected report.

The audit log records what was done to which concern — ids, the kind of action, dates,
counts — never what the concern says. Nothing here feeds a pack, feedback, a programme, a
participant's copy or the anonymise review: the report is the only way out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.safeguarding import ActionTaken, Concern
from coprod_desktop.storage import participants_repo
from coprod_desktop.storage import safeguarding_repo as repo
from coprod_desktop.storage.connection import ProjectFile

from .base import Service
from .issuing import check_target, issue
from .sessions import SessionService
from .verify import Steps, check_whole

REPORT_PASSWORD_MIN = 8  # as for packs


@dataclass(frozen=True)
class ReportResult:
    path: Path
    sha256: str
    concerns: int


class SafeguardingService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], sessions: SessionService,
                 name: Callable[[], str]):  # fmt: skip
        super().__init__(file, actor)
        self._sessions = sessions
        self._name = name

    def list(self) -> list[Concern]:
        """Every concern, newest first."""
        with self.read():
            return repo.concerns(self._db)

    def get(self, concern_id: str) -> Concern:
        with self.read():
            found = repo.concern(self._db, concern_id)
        if found is None:
            raise ValidationError("That concern is no longer in the safeguarding log.")
        return found

    def draft(self, session_id: str | None = None, now: dt.datetime | None = None) -> Concern:
        """A new concern (not yet saved; its id given, for undo): raised now, at `session_id`
        (the latest session when none is given), its lead the session's named lead."""
        sessions = self._sessions.list()
        session = next((s for s in sessions if s.id == session_id), None)
        if session is None and session_id is None and sessions:
            session = max(sessions, key=lambda s: s.date)
        return Concern(new_id(), "", (now or dt.datetime.now()).astimezone().replace(microsecond=0),
                       "", session.safeguarding_lead if session else "",
                       session_id=session.id if session else None)  # fmt: skip

    def lead_for(self, session_id: str | None) -> str:
        """The session's named safeguarding lead ("" when none is named)."""
        session = self._sessions.get(session_id) if session_id else None
        return session.safeguarding_lead if session else ""

    def save(self, concern: Concern) -> Concern | None:
        """Add or change a concern; returns it as it was (None when new)."""
        concern = replace(concern, id=concern.id or new_id(),
                          follow_ups=tuple(replace(f, id=f.id or new_id())
                                           for f in concern.follow_ups)).validated()  # fmt: skip
        with self.write():
            before = repo.concern(self._db, concern.id)
            repo.save_concern(self._db, concern)
            action = "added" if before is None else ("closed" if concern.closed and not
                                                     (before and before.closed) else "changed")
            self.audit(f"safeguarding.{action}", "safeguarding_concern", concern.id,
                       _details(concern))  # fmt: skip
        return before

    def close(self, concern_id: str, note: str, on: dt.date | None = None) -> Concern:
        self.save(replace(self.get(concern_id), closed_on=on or dt.date.today(),
                          closing_note=note))  # fmt: skip
        return self.get(concern_id)

    def delete(self, concern_id: str) -> None:
        self.get(concern_id)
        with self.write():
            repo.delete_concern(self._db, concern_id)
            self.audit("safeguarding.deleted", "safeguarding_concern", concern_id)

    def overdue(self, today: dt.date | None = None) -> list[Concern]:
        """Open concerns with a follow-up past its date and not done."""
        today = today or dt.date.today()
        return [c for c in self.list() if c.overdue(today)]

    def counts(self) -> dict:
        with self.read():
            return {"safeguarding_concerns": repo.count_concerns(self._db)}

    # the report ----------------------------------------------------------------------------
    def check_report(self, target: Path, password: str) -> Path:
        """Refuse a missing or short password, or a destination that cannot take the file,
        before any work is done. The report is always password-protected."""
        if len(password or "") < REPORT_PASSWORD_MIN:
            raise ValidationError("The safeguarding report is always password-protected: "
                                  f"choose a password of at least {REPORT_PASSWORD_MIN} "
                                  "characters.")  # fmt: skip
        return check_target(target, "safeguarding report")

    def report(self, target: Path, password: str, progress: Steps | None = None,
               now: dt.datetime | None = None) -> ReportResult:  # fmt: skip
        """The whole log as a PDF marked "Safeguarding log — restricted", encrypted (AES-256)
        with `password`; the file and its audit entry are saved together or not at all."""
        from coprod_desktop.export.protect import finish
        from coprod_desktop.export.safeguarding_report import report_pdf

        target = self.check_report(target, password)
        check_whole(self._file, progress)
        if progress:
            progress(2, 4, "Laying out the report")
        concerns = self.list()
        sessions = {s.id: s.title for s in self._sessions.list()}
        with self.read():
            people = {p.id: p.pseudonym for p in participants_repo.list_all(self._db)}
        issued = now or dt.datetime.now(dt.timezone.utc)
        data = finish(report_pdf(self._name(), concerns, sessions, people, issued), password)
        digest = hashlib.sha256(data).hexdigest()
        if progress:
            progress(3, 4, "Writing the file")

        def record() -> None:
            self.audit("safeguarding.report_issued", "project", "",
                       {"file_name": target.name, "sha256": digest, "concerns": len(concerns),
                        "open": sum(1 for c in concerns if not c.closed),
                        "protected": True})  # fmt: skip

        issue(self, target, data, record, "safeguarding report")
        return ReportResult(target, digest, len(concerns))

    # undo ----------------------------------------------------------------------------------
    def _state(self, kind: str, record_id: str):
        if kind != "safeguarding_concern":
            return super()._state(kind, record_id)
        return repo.concern(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state) -> None:
        if kind != "safeguarding_concern":
            return super()._put_state(kind, record_id, state)
        if state is None:
            repo.delete_concern(self._db, record_id)
            self.audit("safeguarding.deleted", "safeguarding_concern", record_id,
                       {"undo": True})  # fmt: skip
        else:
            repo.save_concern(self._db, state)
            self.audit("safeguarding.restored", "safeguarding_concern", record_id,
                       _details(state))  # fmt: skip


def _details(concern: Concern) -> dict:
    """What the audit log keeps of a concern: no text, no names."""
    return {"action": ActionTaken(concern.action).value,
            "raised_on": concern.raised_at.date().isoformat(),
            "session": concern.session_id, "participant": concern.participant_id,
            "follow_ups": [{"due": f.due.isoformat(),
                            "done": f.done.isoformat() if f.done else None}
                           for f in concern.follow_ups],
            "closed_on": concern.closed_on.isoformat() if concern.closed_on else None}  # fmt: skip
