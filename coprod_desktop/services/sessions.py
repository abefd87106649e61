"""Use cases for workshop sessions: list, add, edit, delete (and restore, for undo)."""

from __future__ import annotations

import datetime as dt

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.sessions import Session
from coprod_desktop.domain.words import counted
from coprod_desktop.storage import participants_repo, sessions_repo
from coprod_desktop.storage.errors import ConflictError

from .base import Service


class SessionService(Service):
    def list(self) -> list[Session]:
        with self.read():
            return sessions_repo.list_all(self._db)

    def get(self, session_id: str) -> Session | None:
        with self.read():
            return sessions_repo.get(self._db, session_id)

    def draft(self, today: dt.date | None = None) -> Session:
        """A new, unsaved session with a fresh id, dated today."""
        return Session(id=new_id(), title="", date=today or dt.date.today())

    def save(self, session: Session, action: str = "") -> Session:
        """Validate and store a new or changed session; returns what was stored."""
        session = session.validated()
        db = self._db
        with self.write():
            known = {p.id for p in participants_repo.list_all(db)}
            if missing := set(session.participant_ids) - known:
                gone = counted(len(missing), "attendee")
                raise ValidationError(f"{gone} no longer in the project: choose who attended "
                                      "again.")  # fmt: skip
            existed = sessions_repo.get(db, session.id) is not None
            sessions_repo.save(db, session)
            self.audit(
                action or ("session.updated" if existed else "session.added"),
                "session",
                session.id,
                {"title": session.title, "date": session.date.isoformat()},
            )
        return session

    def delete(self, session_id: str) -> Session:
        """Delete a session; returns it as it was, so it can be restored."""
        db = self._db
        with self.write():
            session = sessions_repo.get(db, session_id)
            if session is None:
                raise ConflictError("That session has already been deleted.")
            sessions_repo.delete(db, session_id)
            self.audit(
                "session.deleted",
                "session",
                session_id,
                {"title": session.title},
            )
        return session

    def restore(self, session: Session) -> Session:
        """Put back a deleted session (undo), with those of its attendees still present."""
        known = {p.id for p in participants_repo.list_all(self._db)}
        kept = Session(**{**session.__dict__, "participant_ids": session.participant_ids & known})
        return self.save(kept, "session.restored")

    # undo: see Service.put_back --------------------------------------------------------
    def _state(self, kind: str, record_id: str) -> Session | None:
        return sessions_repo.get(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state: Session | None) -> None:
        if state is not None:
            self.restore(state)
        elif sessions_repo.get(self._db, record_id) is not None:
            self.delete(record_id)
